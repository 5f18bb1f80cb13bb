// Scripted replies of a list endpoint for the test server: pages made from the `page` asked for.
import { batchJobBody } from './batchJobBody.js'
import { json, type Reply } from './httpServer.js'

/** A uuid-shaped id, distinct for each `n`. */
export const idOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** The `page` query parameter of a request's URL (0 when absent). */
const pageAsked = (url: string | undefined): number =>
  Number(new URL(url ?? '/', 'http://test').searchParams.get('page') ?? 0)

/** A 200 whose JSON body is `body(page)`, `page` being the one the request asked for. */
export const byPage =
  (body: (page: number) => unknown): Reply =>
  (req, res) =>
    json(200, body(pageAsked(req.url)))(req, res)

/** `count` copies of `reply`, to queue for as many requests. */
export const times = (count: number, reply: Reply): Reply[] =>
  Array.from({ length: count }, () => reply)

/** A page of the batch job list holding the jobs `idOf(n)` for each of `ids`, with `total`. */
export const jobsPage = (ids: ReadonlyArray<number>, total: number) => ({
  object: 'list',
  data: ids.map((n) => batchJobBody({ id: idOf(n) })),
  total,
})

/** What a listing of `url` (without `page`) that stopped on a repeat of page 0 at page 1 fails with. */
export const repeatedPageError = (url: string) => ({
  _tag: 'PaginationError',
  reason: 'repeated-page',
  page: 1,
  method: 'GET',
  url,
  message: `GET ${url}: page 1 repeated the page before it; the server seems to ignore \`page\`, stopping`,
})
