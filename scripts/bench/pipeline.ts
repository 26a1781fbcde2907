// Benchmarks of the action against the real engine (scripts/engine.sh up), each against a
// baseline measured in the same run:
//   1. overhead: the bundled action, fully cached, against the same docker commands typed by hand;
//   2. start-up: from process start to the first docker command the action runs;
//   3. split cost: tester and runtime builds (the action, cold cache) against ONE build of a
//      stage that needs both targets' stages (cold cache too).
// Run: npx tsx scripts/bench/pipeline.ts  (or npm run bench)
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DOCKER = process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = ROOT
): number {
  const started = performance.now()
  const result = spawnSync(command, args, {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20
  })
  const ms = performance.now() - started
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  }
  return ms
}

export function actionEnv(
  app: string,
  inputs: Record<string, string>,
  extra: NodeJS.ProcessEnv = {}
): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-'))
  writeFileSync(path.join(dir, 'out'), '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'out'),
    ...extra
  }
  for (const [name, value] of Object.entries({ context: app, network: 'none', ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return env
}

/**
 * A copy of the example whose builder stage is new to the cache (a unique line in its sources).
 * `workMiB` adds a compile-like step to the builder (gzip of random data), so a build weighs
 * what real builds weigh next to BuildKit's fixed cost per build (about 0.1 s here).
 */
export function freshExample(tag: string, workMiB = 0): string {
  const app = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-app-'))
  cpSync(path.join(ROOT, 'examples/greeter'), app, { recursive: true })
  const build = path.join(app, 'src/build.sh')
  writeFileSync(build, `${readFileSync(build, 'utf8')}# ${tag} ${Date.now()} ${Math.random()}\n`)
  if (workMiB > 0) {
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace(
        'COPY src/ ./src/',
        `COPY src/ ./src/\nRUN head -c ${workMiB}m /dev/urandom | gzip -6 | wc -c > /opt/toolchain/work`
      )
    )
  }
  return app
}

function byHand(app: string): void {
  const common = ['--network', 'none', '--progress=plain', '--file', path.join(app, 'Dockerfile')]
  const env = { ...process.env, DOCKER_BUILDKIT: '1' }
  timed(DOCKER, ['build', ...common, '--target', 'tester', '--tag', 'bench/greeter:tester', app], env)
  timed(DOCKER, ['build', ...common, '--target', 'runtime', '--tag', 'bench/greeter:runtime', app], env)
}

export interface Trace {
  totalMs: number
  /** Time at least one docker command was running. */
  dockerMs: number
  /** Process start to the first docker command. */
  startupMs: number
  /** The `docker build` commands, summed. */
  buildMs: number
  /** Time at least one `docker build` was running (the two builds run at once). */
  buildWallMs: number
  /** End of the last build to process exit: measuring and reporting. */
  reportMs: number
}

/** A pass-through `docker` that logs when each command starts and ends (ms since epoch). */
export function makeShim(docker = DOCKER): { shim: string; log: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-shim-'))
  const log = path.join(dir, 'log')
  const shim = path.join(dir, 'docker')
  writeFileSync(
    shim,
    `#!/bin/sh\ns=$(date +%s%3N)\n${docker} "$@"\nrc=$?\necho "$s $(date +%s%3N) $1:$2" >> ${log}\nexit $rc\n`
  )
  chmodSync(shim, 0o755)
  return { shim, log }
}

export function traceAction(
  app: string,
  opts: { docker?: string; inputs?: Record<string, string>; env?: NodeJS.ProcessEnv } = {}
): Trace {
  const { shim, log } = makeShim(opts.docker)
  const started = Date.now()
  const totalMs = timed(
    process.execPath,
    [path.join(ROOT, 'dist/index.js')],
    actionEnv(app, opts.inputs ?? {}, { ...opts.env, STAGEGATE_DOCKER: shim })
  )
  const ended = started + totalMs
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map(line => {
      const [s, e, command] = line.split(' ')
      return { start: Number(s), end: Number(e), command: command ?? '' }
    })
    .sort((a, b) => a.start - b.start)
  const covered = (spans: typeof calls): number => {
    let total = 0
    let coveredUntil = 0
    for (const call of spans) {
      const from = Math.max(call.start, coveredUntil)
      if (call.end > from) total += call.end - from
      coveredUntil = Math.max(coveredUntil, call.end)
    }
    return total
  }
  const dockerMs = covered(calls)
  // `docker build` on the classic path, `docker buildx build` on buildx.
  const builds = calls.filter(c => c.command.startsWith('build:') || c.command === 'buildx:build')
  const lastBuild = Math.max(...builds.map(b => b.end))
  return {
    totalMs,
    dockerMs,
    startupMs: (calls[0]?.start ?? ended) - started,
    buildMs: builds.reduce((sum, b) => sum + (b.end - b.start), 0),
    buildWallMs: covered(builds),
    reportMs: ended - lastBuild
  }
}

export const pick = (traces: Trace[], key: keyof Trace): number => median(traces.map(t => t[key]))
export const ms = (n: number): string => `${n.toFixed(0)} ms`.padStart(8)

export async function benchPipeline(): Promise<void> {
  // 1. Warm cache: the action against the same two docker builds typed by hand.
  const warm = freshExample('warm')
  byHand(warm)
  traceAction(warm)
  const hand: number[] = []
  const traces: Trace[] = []
  const bare: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    byHand(warm)
    hand.push(performance.now() - started)
    traces.push(traceAction(warm))
    bare.push(timed(process.execPath, ['-e', '0']))
  }
  const own = pick(traces, 'totalMs') - pick(traces, 'dockerMs')
  console.log(`warm cache, tester + runtime, median of ${RUNS}`)
  console.log(`  docker build x2 typed by hand   ${ms(median(hand))}`)
  console.log(
    `  stagegate action, whole run     ${ms(pick(traces, 'totalMs'))}  (${(pick(traces, 'totalMs') / median(hand)).toFixed(2)}x by hand)`
  )
  console.log(`    its two docker builds (wall)  ${ms(pick(traces, 'buildWallMs'))}`)
  console.log(
    `    measuring and reporting       ${ms(pick(traces, 'reportMs'))}  (docker save + gzip on this classic path)`
  )
  console.log(`    waiting on docker, all calls  ${ms(pick(traces, 'dockerMs'))}`)
  console.log(`    own overhead (not in docker)  ${ms(own)}  (goal < 300 ms)`)
  console.log(
    `  start-up to first docker call   ${ms(pick(traces, 'startupMs'))}  (goal < 150 ms; node -e 0: ${median(bare).toFixed(0)} ms)`
  )

  // 2. Cold cache: tester then runtime against ONE build that needs both targets' stages.
  for (const workMiB of [0, 64]) {
    const split: Trace[] = []
    const single: number[] = []
    for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
      split.push(traceAction(freshExample(`split-${i}`, workMiB)))
      const b = freshExample(`single-${i}`, workMiB)
      const dockerfile = path.join(b, 'Dockerfile')
      writeFileSync(
        dockerfile,
        `${readFileSync(dockerfile, 'utf8')}\nFROM scratch AS both\nCOPY --from=tester /reports /reports\nCOPY --from=runtime /usr/local/bin/greet /greet\n`
      )
      single.push(
        timed(DOCKER, ['build', '--network', 'none', '--progress=plain', '--target', 'both', b], {
          ...process.env,
          DOCKER_BUILDKIT: '1'
        })
      )
    }
    const builds = pick(split, 'buildWallMs')
    const weight = workMiB > 0 ? `builder compiles (gzip of ${workMiB} MiB)` : 'the bare example'
    console.log(`cold cache, ${weight}, median of ${split.length}`)
    console.log(`  one build of both targets       ${ms(median(single))}`)
    console.log(
      `  stagegate tester + runtime      ${ms(builds)}  ratio ${(builds / median(single)).toFixed(2)}x (builds at once; wall time while a build ran)`
    )
    console.log(
      `  stagegate whole run             ${ms(pick(split, 'totalMs'))}  (with probing, measuring and reporting)`
    )
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchPipeline()
}
