// One `pg` connection for the length of a piece of work: connected first, always ended after.
import { Client } from 'pg'

/** Runs `work` with a Client connected to `url`, and ends the Client however `work` ends. */
export const withClient = async <T>(
  url: string,
  work: (client: Client) => Promise<T>,
): Promise<T> => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
