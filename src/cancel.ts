// Cancellation: when the runner cancels a job it sends SIGINT, then SIGTERM; a terminal sends
// SIGINT on Ctrl-C. On either, stagegate stops what it started (the docker commands: a build
// whose client goes away is cancelled by BuildKit; the test container), deletes the secret files
// it wrote, and exits, so nothing (a push) runs afterwards.
import { readdirSync, readFileSync } from 'node:fs'

type Cleanup = () => Promise<void> | void

const cleanups = new Set<Cleanup>()
let cancelled = false

/** True once a cancel signal arrived: no new docker command may start (no push after a cancel). */
export function isCancelled(): boolean {
  return cancelled
}

/** Registers something to undo if the run is cancelled; the returned function unregisters it. */
export function onCancel(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => {
    cleanups.delete(cleanup)
  }
}

/** Every process's parent, from /proc (Linux, as GitHub's and this project's runners are); empty elsewhere. */
function parents(proc: string): Map<number, number> {
  const parentOf = new Map<number, number>()
  let entries: string[]
  try {
    entries = readdirSync(proc)
  } catch {
    return parentOf
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
      const stat = readFileSync(`${proc}/${entry}/stat`, 'utf8')
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // the process ended meanwhile
    }
  }
  return parentOf
}

/**
 * The ids of the processes whose parent is `pid`: the docker clients @actions/exec started, which
 * it does not expose. Empty where there is no /proc.
 */
export function childPids(pid: number = process.pid, proc = '/proc'): number[] {
  return [...parents(proc)].filter(([, parent]) => parent === pid).map(([child]) => child)
}

/**
 * `pid` and every process below it: `docker buildx build` runs the buildx plugin as a child of
 * the docker client, and the client does not pass a signal on to it.
 */
export function processTree(pid: number, proc = '/proc'): number[] {
  const parentOf = parents(proc)
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i] && !tree.includes(child)) tree.push(child)
  }
  return tree
}

/**
 * The children of `pid` whose arguments (after the program) are exactly `args`: one docker
 * command this process started, to stop it alone (a runtime build the failed gate makes moot).
 */
export function childPidsRunning(args: string[], pid: number = process.pid, proc = '/proc'): number[] {
  const wanted = args.join('\0')
  return childPids(pid, proc).filter(child => {
    try {
      const argv = readFileSync(`${proc}/${child}/cmdline`, 'utf8').replace(/\0$/, '').split('\0')
      return argv.slice(1).join('\0') === wanted
    } catch {
      return false
    }
  })
}

export interface CancelOptions {
  log: (message: string) => void
  exit: (code: number) => void
  /** The cleanups may take this long before stagegate exits anyway (the runner waits ~7.5 s after SIGINT). */
  timeoutMs?: number
  signals?: NodeJS.Signals[]
}

/** Installs the handlers: the first signal cleans up and exits, a second exits at once. */
export function installCancellation(options: CancelOptions): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM']
  let cancelling = false
  const handler = (signal: NodeJS.Signals): void => {
    const code = 128 + (signal === 'SIGINT' ? 2 : 15)
    if (cancelling) {
      options.exit(code)
      return
    }
    cancelling = true
    options.log(
      `stagegate: cancelled (${signal}): stopping the builds and the test container, removing secret files; nothing is pushed.`
    )
    void cancelEverything(options.timeoutMs ?? 6000).finally(() => options.exit(code))
  }
  for (const signal of signals) process.on(signal, handler)
  return () => {
    for (const signal of signals) process.off(signal, handler)
  }
}

/** Stops the docker clients this process started, then runs every registered cleanup, bounded in time. */
export async function cancelEverything(
  timeoutMs: number,
  children: () => number[] = childPids,
  alive: (pid: number) => boolean = isAlive
): Promise<void> {
  cancelled = true
  const signalled = children().flatMap(pid => processTree(pid))
  for (const pid of signalled) {
    try {
      // SIGINT is what Ctrl-C sends: the docker client cancels its build and exits.
      process.kill(pid, 'SIGINT')
    } catch {
      // gone already
    }
  }
  const all = Promise.allSettled([...cleanups].map(async cleanup => cleanup()))
  // The builds are stopped once their clients have exited (BuildKit cancels a build whose client
  // is gone): wait for them too, so nothing of the run outlives it.
  const clientsGone = (async () => {
    // Not unref'd: the process must stay until the handler exits with the signal's code.
    while (signalled.some(alive)) await new Promise(resolve => setTimeout(resolve, 50))
  })()
  await Promise.race([
    Promise.all([all, clientsGone]),
    new Promise(resolve => setTimeout(resolve, timeoutMs).unref())
  ])
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
