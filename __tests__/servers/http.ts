// Small helpers shared by the fake servers: read a body, answer JSON, listen on 127.0.0.1:0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  /** Request body as text (binary uploads are recorded by length only). */
  body: string
  bodyBytes: number
}

export interface RunningServer<S> {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string
  state: S
  close(): Promise<void>
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(payload)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers
  })
  res.end(text)
}

export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries())
}

/**
 * Listen on an ephemeral port of 127.0.0.1. A handler that throws answers 500 with the message,
 * so a bug in a fake shows up in the client's error instead of hanging the test.
 */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    handler(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: String(error) })
      else res.destroy()
    })
  })
  // Keep-alive sockets from clients would otherwise hold close() open until they time out.
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  // Idempotent, so a test may stop a server early (to provoke errors) and still clean up after.
  let closed: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve, reject) => {
      server.close(error => (error ? reject(error) : resolve()))
      server.closeAllConnections()
    }))
  return { server, url: `http://127.0.0.1:${port}`, close }
}
