// A host whose log waits: the runtime build runs beside the gate, and two builds streaming into
// one log at once would read as one garbled build (and break the runner's log groups). What it
// prints is kept in order and printed, as its own group, once the gate's output is out.
import type { Annotation, Host } from './host.js'

type Entry =
  | { kind: 'info'; message: string }
  | { kind: 'warning' | 'error'; message: string; where?: Annotation }
  | { kind: 'group'; name: string; entries: Entry[] }
  | { kind: 'untrusted'; lines: string[] }

/** Lines of untrusted output kept for one deferred build; the rest are counted, not kept. */
export const DEFERRED_LINES = 20_000

export interface DeferredHost {
  host: Host
  /**
   * Prints what was kept, in order, then prints straight through from then on. Call it once the
   * deferred work has ended: output of a block still open would be lost.
   */
  flush(): Promise<void>
}

export function deferredHost(target: Host, maxLines = DEFERRED_LINES): DeferredHost {
  const root: Entry[] = []
  let current = root
  let kept = 0
  let dropped = 0
  let flushed = false
  const push = (entry: Entry): void => {
    current.push(entry)
  }
  const host: Host = {
    ...target,
    info: message => (flushed ? target.info(message) : push({ kind: 'info', message })),
    warning: (message, where) =>
      flushed ? target.warning(message, where) : push({ kind: 'warning', message, where }),
    error: (message, where) =>
      flushed ? target.error(message, where) : push({ kind: 'error', message, where }),
    group: async (name, fn) => {
      if (flushed) return target.group(name, fn)
      const entry: Entry = { kind: 'group', name, entries: [] }
      const outer = current
      outer.push(entry)
      current = entry.entries
      try {
        return await fn()
      } finally {
        current = outer
      }
    },
    untrusted: async fn => {
      if (flushed) return target.untrusted(fn)
      const entry: Entry = { kind: 'untrusted', lines: [] }
      current.push(entry)
      return fn(line => {
        if (kept >= maxLines) {
          dropped++
          return
        }
        kept++
        entry.lines.push(line)
      })
    }
  }
  const replay = async (entries: Entry[]): Promise<void> => {
    for (const entry of entries) {
      switch (entry.kind) {
        case 'info':
          target.info(entry.message)
          break
        case 'warning':
          target.warning(entry.message, entry.where)
          break
        case 'error':
          target.error(entry.message, entry.where)
          break
        case 'group':
          await target.group(entry.name, () => replay(entry.entries))
          break
        case 'untrusted': {
          const lines = entry.lines
          await target.untrusted(async emit => lines.forEach(line => emit(line)))
        }
      }
    }
  }
  return {
    host,
    flush: async () => {
      if (flushed) return
      flushed = true
      await replay(root)
      if (dropped > 0)
        target.info(
          `(${dropped} more lines of this build's output were not kept while it ran beside the tests.)`
        )
    }
  }
}
