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
  /** Switchable faults: status codes, delays, hangs and connection resets per route. */
  faults: Faults
  close(): Promise<void>
}

/**
 * One switchable fault. A request matches when its method (any when absent) and path (exact, or
 * a RegExp tested against the path without the query) match; the first `times` matching requests
 * (all when absent) get the fault, later ones are answered normally.
 * - `status`: answer this status (with `body` as JSON and `headers`) instead of the real handler;
 * - `delayMs`: wait first, then apply the rest of the rule (or, with nothing else, answer normally);
 * - `hang`: never answer (the socket stays open until the client gives up or the server closes);
 * - `reset`: destroy the connection without an answer (the client sees ECONNRESET / socket hang up).
 */
export interface FaultRule {
  method?: string
  path: string | RegExp
  times?: number
  status?: number
  body?: unknown
  headers?: Record<string, string>
  delayMs?: number
  hang?: boolean
  reset?: boolean
}

export type FaultKind = 'status' | 'delay' | 'hang' | 'reset'

export interface FaultHit {
  method: string
  path: string
  kind: FaultKind
  status?: number
}

/** What a matched rule does to a request, in order: wait, then answer/hang/reset/pass on. */
export function faultKind(rule: FaultRule): FaultKind {
  if (rule.reset) return 'reset'
  if (rule.hang) return 'hang'
  if (rule.status !== undefined) return 'status'
  return 'delay'
}

/** Whether `rule` applies to a request. Pure; the remaining count is checked by the caller. */
export function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)
}

export interface Faults {
  /** Add a rule; rules are tried in the order they were added. */
  add(rule: FaultRule): void
  /** Remove every rule (hits are kept). */
  clear(): void
  /** Every request a rule applied to, in arrival order. */
  hits: FaultHit[]
  /** The rule for a request, counting it against the rule's `times`; null to answer normally. */
  take(method: string, path: string): FaultRule | null
}

export function createFaults(): Faults {
  const rules: { rule: FaultRule; left: number }[] = []
  const faults: Faults = {
    hits: [],
    add(rule) {
      rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY })
    },
    clear() {
      rules.length = 0
    },
    take(method, path) {
      const found = rules.find(r => r.left > 0 && faultMatches(r.rule, method, path))
      if (!found) return null
      found.left -= 1
      const kind = faultKind(found.rule)
      faults.hits.push({
        method,
        path,
        kind,
        ...(found.rule.status !== undefined ? { status: found.rule.status } : {})
      })
      return found.rule
    }
  }
  return faults
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
 * so a bug in a fake shows up in the client's error instead of hanging the test. Requests pass
 * through `faults` first (see FaultRule); delays and hangs end when the server closes.
 */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  faults: Faults = createFaults()
): Promise<{ server: Server; url: string; faults: Faults; close(): Promise<void> }> {
  const waits = new Set<() => void>()
  let closing = false
  // Resolves after `ms`, or at once when the server closes, so no timer outlives a test.
  const wait = (ms: number): Promise<void> =>
    new Promise(resolve => {
      if (closing) return resolve()
      const done = (): void => {
        clearTimeout(timer)
        waits.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      waits.add(done)
    })

  async function withFaults(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rule = faults.take(req.method ?? 'GET', url.pathname)
    if (rule?.reset) {
      req.socket.destroy()
      return
    }
    if (rule?.delayMs) await wait(rule.delayMs)
    if (closing) {
      req.socket.destroy()
      return
    }
    if (rule?.hang) return // closeAllConnections() ends it
    if (rule?.status !== undefined) {
      // Read the upload first, so the client sees the status and not a broken pipe.
      await readBody(req)
      sendJson(res, rule.status, rule.body ?? { message: `fault ${rule.status}` }, rule.headers)
      return
    }
    await handler(req, res, url)
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    withFaults(req, res, url).catch((error: unknown) => {
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
      closing = true
      for (const done of [...waits]) done()
      server.close(error => (error ? reject(error) : resolve()))
      server.closeAllConnections()
    }))
  return { server, url: `http://127.0.0.1:${port}`, faults, close }
}
