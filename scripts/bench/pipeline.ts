// Benchmarks of the action against the real engine (scripts/engine.sh up), each against a
// baseline measured in the same run:
//   1. overhead: the bundled action, fully cached, against the same docker commands typed by hand;
//   2. start-up: from process start to the first docker command the action runs;
//   3. split cost: tester build then runtime build (the action, cold cache) against ONE build of a
//      stage that needs both targets' stages (cold cache too).
// Run: npx tsx scripts/bench/pipeline.ts  (or npm run bench)
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DOCKER = process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): number {
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

function actionEnv(
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

/** A copy of the example whose builder stage is new to the cache (a unique line in its sources). */
function freshExample(tag: string): string {
  const app = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-app-'))
  cpSync(path.join(ROOT, 'examples/greeter'), app, { recursive: true })
  const build = path.join(app, 'src/build.sh')
  writeFileSync(build, `${readFileSync(build, 'utf8')}# ${tag} ${Date.now()} ${Math.random()}\n`)
  return app
}

function byHand(app: string): void {
  const common = ['--network', 'none', '--progress=plain', '--file', path.join(app, 'Dockerfile')]
  const env = { ...process.env, DOCKER_BUILDKIT: '1' }
  timed(DOCKER, ['build', ...common, '--target', 'tester', '--tag', 'bench/greeter:tester', app], env)
  timed(DOCKER, ['build', ...common, '--target', 'runtime', '--tag', 'bench/greeter:runtime', app], env)
}

export async function benchPipeline(): Promise<void> {
  const node = process.execPath
  const action = path.join(ROOT, 'dist/index.js')

  // 1. Overhead, warm cache: both sides build the same two targets, all steps cached.
  const warm = freshExample('warm')
  byHand(warm)
  timed(node, [action], actionEnv(warm, {}))
  const hand: number[] = []
  const ours: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    byHand(warm)
    hand.push(performance.now() - started)
    ours.push(timed(node, [action], actionEnv(warm, {})))
  }
  const overhead = median(ours) - median(hand)
  console.log('pipeline overhead (warm cache, tester + runtime, median of %d)', RUNS)
  console.log('  docker commands by hand   %s ms', median(hand).toFixed(0))
  console.log('  stagegate action          %s ms', median(ours).toFixed(0))
  console.log(
    '  overhead                  %s ms  (goal < 300 ms)  ratio %sx',
    overhead.toFixed(0),
    (median(ours) / median(hand)).toFixed(2)
  )

  // 2. Start-up: a pass-through shim records when the first docker command starts.
  const shimDir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-shim-'))
  const stamp = path.join(shimDir, 'first')
  const shim = path.join(shimDir, 'docker')
  writeFileSync(shim, `#!/bin/sh\n[ -e ${stamp} ] || date +%s%N > ${stamp}\nexec ${DOCKER} "$@"\n`)
  chmodSync(shim, 0o755)
  const startups: number[] = []
  const bare: number[] = []
  for (let i = 0; i < RUNS; i++) {
    rmSync(stamp, { force: true })
    const started = BigInt(Date.now()) * 1_000_000n
    timed(node, [action], actionEnv(warm, {}, { STAGEGATE_DOCKER: shim }))
    const first = BigInt(readFileSync(stamp, 'utf8').trim())
    startups.push(Number(first - started) / 1e6)
    bare.push(timed(node, ['-e', '0']))
  }
  console.log('start-up (process start to first docker command, median of %d)', RUNS)
  console.log('  node -e 0                 %s ms', median(bare).toFixed(0))
  console.log('  stagegate to first docker %s ms  (goal < 150 ms)', median(startups).toFixed(0))

  // 3. Split cost, cold cache: tester then runtime against one build that needs both.
  const split: number[] = []
  const single: number[] = []
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    const a = freshExample(`split-${i}`)
    split.push(timed(node, [action], actionEnv(a, {})))
    const b = freshExample(`single-${i}`)
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
  console.log('tester-then-runtime against one build of both (cold cache, median of %d)', split.length)
  console.log('  one build of both targets %s ms', median(single).toFixed(0))
  console.log(
    '  stagegate (two builds)    %s ms  ratio %sx (goal <= 1.10x)',
    median(split).toFixed(0),
    (median(split) / median(single)).toFixed(2)
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchPipeline()
}
