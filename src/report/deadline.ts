// An overall deadline for calls into clients that can hang or retry for a long time: the
// Actions cache client (@actions/cache) has no request timeout on its twirp calls and retries
// each one for up to ~35 s; the Azure SDK behind its upload retries for minutes.
//
// A plain Promise.race would return in time but leave the abandoned call's sockets and retry
// timers holding node open, so everything the call creates is tracked by its async context:
// its timers are unref'd (our own deadline timer keeps the process alive while it runs), and at
// the deadline its sockets are destroyed. Along the way the last HTTP error status or failed
// request is noted, because @actions/cache only logs why it failed and returns "no entry".
import { AsyncLocalStorage, createHook } from 'node:async_hooks'
import diagnosticsChannel from 'node:diagnostics_channel'
import type { ClientRequest, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

interface Operation {
  sockets: Set<Socket>
  /** The last thing that went wrong on the wire, for the report. */
  trouble: string | null
  timedOut: boolean
}

const context = new AsyncLocalStorage<Operation>()

// Timers created inside an operation must not keep the process alive once it is abandoned.
const timerHook = createHook({
  init(_id, type, _trigger, resource) {
    if (type !== 'Timeout' || context.getStore() === undefined) return
    ;(resource as { unref?: () => void }).unref?.()
  }
})

function onSocket(message: unknown): void {
  const op = context.getStore()
  const socket = (message as { socket?: Socket }).socket
  if (!op || !socket) return
  if (op.timedOut) {
    socket.unref()
    process.nextTick(() => socket.destroy())
    return
  }
  op.sockets.add(socket)
  socket.once('close', () => op.sockets.delete(socket))
}

// Published synchronously as a request is created, so the async context is the caller's.
function onRequest(message: unknown): void {
  const op = context.getStore()
  const request = (message as { request?: ClientRequest }).request
  if (!op || !request) return
  const name = describeRequest(request.method, request.path)
  request.once('response', (response: IncomingMessage) => {
    const status = response.statusCode ?? 0
    if (status >= 400 && !op.timedOut) {
      op.trouble = `${name} answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`
    }
  })
  request.once('error', (error: NodeJS.ErrnoException) => {
    if (!op.timedOut) op.trouble = `${name} failed: ${error.code ?? error.message}`
  })
}

/**
 * A short name for a request in a message: the twirp method of the cache service
 * (`GetCacheEntryDownloadURL`), else the method and path without its query (which holds the
 * blob URL's signature).
 */
export function describeRequest(method: string | undefined, requestPath: string | undefined): string {
  const path = (requestPath ?? '').split('?')[0] ?? ''
  const twirp = /\/twirp\/[^/]+\/([^/]+)$/.exec(path)
  if (twirp) return twirp[1] ?? path
  const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path
  return `${method ?? 'GET'} ${shown}`
}

const DEADLINE = Symbol('deadline')
let subscribers = 0
function subscribe(): void {
  if (subscribers++ > 0) return
  diagnosticsChannel.subscribe('net.client.socket', onSocket)
  diagnosticsChannel.subscribe('http.client.request.start', onRequest)
  timerHook.enable()
}
function unsubscribe(): void {
  if (--subscribers > 0) return
  diagnosticsChannel.unsubscribe('net.client.socket', onSocket)
  diagnosticsChannel.unsubscribe('http.client.request.start', onRequest)
  timerHook.disable()
}

export type Bounded<T> =
  | { timedOut: false; value: T; trouble: string | null; elapsedMs: number }
  | { timedOut: true; trouble: string | null; elapsedMs: number }

/**
 * Run `call` for at most `ms`. It either finishes (its value, or its error rethrown) or is
 * abandoned at the deadline: its sockets are destroyed, its timers no longer hold the process,
 * and `timedOut` is set. `trouble` names the last HTTP error or broken connection seen.
 */
export async function withDeadline<T>(ms: number, call: () => Promise<T>): Promise<Bounded<T>> {
  const op: Operation = { sockets: new Set(), trouble: null, timedOut: false }
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  subscribe()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<typeof DEADLINE>(resolve => {
    timer = setTimeout(() => resolve(DEADLINE), ms)
  })
  const work = context.run(op, call)
  // The abandoned call keeps tracking (and unref'ing) until it settles on its own.
  work
    .catch(() => undefined)
    .finally(() => {
      unsubscribe()
    })
  try {
    const first = await Promise.race([work, deadline])
    if (first === DEADLINE) {
      op.timedOut = true
      for (const socket of op.sockets) socket.destroy()
      return { timedOut: true, trouble: op.trouble, elapsedMs: elapsed() }
    }
    return { timedOut: false, value: first, trouble: op.trouble, elapsedMs: elapsed() }
  } finally {
    clearTimeout(timer)
  }
}
