// Start-up (issue 10): how long the action and `stagegate run` take, from node's start, to spawn
// their first docker probe and their first build, on a fresh critical-path sample. Every process
// the run starts is timed by strace (execve only, filtered in the kernel with --seccomp-bpf, so the
// builds run at full speed). With BENCH_BEFORE_DIST=<bundle>, runs of that bundle alternate with
// this one's (first-in-pair order swapped each time, since the first of a pair runs ~40 ms slower).
// Run: BENCH_ONLY=startup npm run bench   (needs strace: apt-get install strace)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { paths, pick, sample, type PathEnv } from './critical-path.js'
import { actionEnv, median } from './pipeline.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RUNS = Number(process.env.BENCH_RUNS ?? 6)
const BUNDLE = process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')

interface Startup {
  /** ms from node's start until the first docker or buildx process. */
  probe: number
  /** ms until the first build (`docker build`, `buildx build`). */
  build: number
  /** ms until node exited. */
  wall: number
}

/** Reads `strace -f -ttt -e trace=execve` output: when the first probe and the first build began. */
export function readTrace(text: string): Startup | null {
  const lines = text.split('\n').filter(l => / execve\(/.test(l) && !/ = -1 /.test(l))
  const first = lines[0]
  if (!first) return null
  const at = (line: string): number => Number(line.trim().split(/\s+/)[1])
  const t0 = at(first)
  const ms = (line: string | undefined): number => (line ? Math.round((at(line) - t0) * 1000) : -1)
  const exits = text.split('\n').filter(l => l.includes('+++ exited'))
  const pid = first.trim().split(/\s+/)[0]
  const end = exits.find(l => l.trim().split(/\s+/)[0] === pid)
  return {
    probe: ms(lines.find(l => /docker(-buildx)?"/.test(l))),
    build: ms(lines.find(l => /"build"/.test(l))),
    wall: ms(end)
  }
}

function traced(command: string[], env: NodeJS.ProcessEnv): Startup | null {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-startup-')), 'trace')
  const args = [
    '-f',
    '--seccomp-bpf',
    '-e',
    'trace=execve',
    '-e',
    'signal=none',
    '-ttt',
    '-o',
    out,
    ...command
  ]
  const result = spawnSync('strace', args, { env, stdio: 'ignore' })
  if (result.error || result.status !== 0) return null
  return readTrace(readFileSync(out, 'utf8'))
}

function action(p: PathEnv, bundle: string): Startup | null {
  const tags = `127.0.0.1:5000/bench-startup/${p.name}:${Date.now().toString(36)}`
  return traced([process.execPath, bundle], {
    ...actionEnv(sample('run-steps'), { push: 'true', tags }),
    ...pick(p.env)
  })
}

function cli(p: PathEnv, bundle: string): Startup | null {
  const entry = path.join(path.dirname(bundle), 'cli/index.js')
  const args = ['run', '--context', sample('run-steps'), '--network', 'none', '--quiet']
  return traced([process.execPath, entry, ...args], {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...pick(p.env)
  })
}

function row(label: string, runs: Array<Startup | null>): string {
  const ok = runs.filter((r): r is Startup => r !== null)
  if (ok.length === 0) return `  ${label}: every run failed`
  const m = (key: keyof Startup): string => `${median(ok.map(r => r[key])).toFixed(0)} ms`.padStart(8)
  return `  ${label.padEnd(34)} first probe ${m('probe')}, first build ${m('build')}, whole run ${m('wall')}${ok.length < runs.length ? ` (${runs.length - ok.length} failed)` : ''}`
}

export async function benchStartup(): Promise<void> {
  if (spawnSync('strace', ['-V'], { stdio: 'ignore' }).error) {
    console.log('startup: needs strace (apt-get install strace); skipped')
    return
  }
  const before = process.env.BENCH_BEFORE_DIST
  for (const p of paths()) {
    console.log(`${p.name}, median of ${RUNS}, ms from node's start (RUN-step sample, cold cache)`)
    for (const [what, run] of [
      ['action', action],
      ['stagegate run', cli]
    ] as const) {
      const mine: Array<Startup | null> = []
      const theirs: Array<Startup | null> = []
      for (let i = 0; i < RUNS; i++) {
        const pair: Array<() => void> = [() => mine.push(run(p, BUNDLE))]
        if (before) pair.push(() => theirs.push(run(p, before)))
        for (const go of i % 2 ? pair.reverse() : pair) go()
      }
      console.log(row(what, mine))
      if (before) console.log(row(`${what} (BENCH_BEFORE_DIST)`, theirs))
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchStartup()
}
