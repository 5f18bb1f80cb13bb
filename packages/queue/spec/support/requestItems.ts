// The requests the queue specs enqueue: chat requests with ids r0, r1, ... (in this process or
// in a child process of the cross-process specs).

/** `count` chat requests, ids `r<from>`... */
export const items = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    body: { messages: [{ role: 'user', content: `question ${from + i}` }] },
  }))
