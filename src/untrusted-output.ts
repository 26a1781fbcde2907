// Output from code the action does not control (build steps, the test command) goes to the same
// log the runner reads workflow commands from. The runner honours `::stop-commands::TOKEN` …
// `::TOKEN::` (actions/runner src/Runner.Worker/ActionCommandManager.cs): while stopped it
// processes no command at all, in either the `::cmd::` or the legacy `##[cmd]` form, except the
// resume token. So untrusted lines are printed only between those two lines.
import { randomBytes } from 'node:crypto'

/** Prints a line of untrusted output; the runner reads none of it as a workflow command. */
export type Emit = (line: string) => void

export interface CommandFence {
  /** Runs `fn` with commands stopped; `emit` prints one untrusted line. Resumes in every case. */
  untrusted<T>(fn: (emit: Emit) => Promise<T>): Promise<T>
  /**
   * Runs `print` (which writes the action's own workflow commands) with commands enabled: when
   * an untrusted block is open, it is resumed around `print` and stopped again with a new token.
   */
  trusted<T>(print: () => T): T
}

/** 128 random bits: the untrusted side can neither guess the token nor read it from our stdout. */
export function freshToken(): string {
  return randomBytes(16).toString('hex')
}

export function stopLine(token: string): string {
  return `::stop-commands::${token}`
}

export function resumeLine(token: string): string {
  return `::${token}::`
}

/**
 * An untrusted line as printed inside a block: any spelling of the current token is hidden, so
 * even output that somehow learned it cannot resume commands early (the runner compares the
 * token without regard to case, in `::TOKEN::` at a line start and in `##[TOKEN]` anywhere).
 */
export function fencedLine(line: string, token: string): string {
  return token === '' ? line : line.replace(new RegExp(escapeRegExp(token), 'gi'), '***')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * One fence per output stream. Blocks may nest or overlap (two builds at once): the stream stays
 * stopped until the last one ends, because a resume while another block still prints would
 * leave that block's lines unprotected.
 */
export function commandFence(
  write: (line: string) => void,
  newToken: () => string = freshToken
): CommandFence {
  let open = 0
  let token = ''
  const stop = (): void => {
    token = newToken()
    if (!/^[0-9A-Za-z_-]{16,}$/.test(token))
      throw new Error('A stop-commands token must be 16+ word characters.')
    write(stopLine(token))
  }
  const resume = (): void => {
    write(resumeLine(token))
    token = ''
  }
  const emit: Emit = line => {
    if (open > 0) {
      write(fencedLine(line, token))
      return
    }
    // A line that arrives after its block ended (a late callback) still gets a block of its own.
    stop()
    write(fencedLine(line, token))
    resume()
  }
  return {
    async untrusted(fn) {
      if (open++ === 0) stop()
      try {
        return await fn(emit)
      } finally {
        if (--open === 0) resume()
      }
    },
    trusted(print) {
      if (open === 0) return print()
      resume()
      try {
        return print()
      } finally {
        stop()
      }
    }
  }
}
