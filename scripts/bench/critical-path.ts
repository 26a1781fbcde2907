// The critical path (issue 10): the action's wall time against max(tester build + tests, runtime
// build) + push, each part typed by hand and timed in the same run, cold cache every time. Also
// against the same steps typed by hand one after another (what the action did before the runtime
// built beside the gate) and, with BENCH_SEQUENTIAL_DIST=<old bundle>, against the old action;
// with BENCH_BEFORE_DIST=<bundle>, against another build of the action (e.g. the last commit's).
// The sample: a shared builder stage (2 s), tests (3 s), runtime-only work (3 s), in both test
// modes (RUN steps of the tester stage, and test-command). The work sleeps: it measures the
// schedule, not how two cores share CPU-bound steps.
// Run: npx tsx scripts/bench/critical-path.ts  (or BENCH_ONLY=critical-path npm run bench)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { actionEnv, median, timed } from './pipeline.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
const BUNDLE = process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')

type Mode = 'run-steps' | 'test-command'
// BENCH_SCALE=3 makes every step three times longer: the time beyond the critical path stays,
// its ratio shrinks (what a fixed cost does).
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const BUILDER_S = 2 * SCALE
const WORK_S = 3 * SCALE
export const TEST_COMMAND = `sh -c 'sleep ${WORK_S} && echo tests ok'`

/** A context whose steps are new to the cache (a unique token in every stage). */
export function sample(mode: Mode): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-critical-'))
  const nonce = `${Date.now()}-${Math.random().toString(36).slice(2)}`
  const tester = mode === 'run-steps' ? `RUN sleep ${WORK_S} && echo tests ok` : `RUN echo ${nonce} > /tester`
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM local/busybox:1 AS builder
RUN echo ${nonce} && sleep ${BUILDER_S} && echo built > /artifact

FROM builder AS tester
${tester}

FROM local/busybox:1 AS runtime
COPY --from=builder /artifact /artifact
RUN sleep ${WORK_S} && echo ${nonce} > /stripped
`
  )
  return dir
}

export interface PathEnv {
  name: string
  env: NodeJS.ProcessEnv
  docker: string
}

/** The engine paths set up by scripts/engine.sh whose env files exist. */
export function paths(): PathEnv[] {
  const wanted = (process.env.BENCH_PATHS ?? 'classic,buildx-26').split(',')
  const found: PathEnv[] = []
  for (const name of wanted) {
    const file = `/tmp/stagegate-engine/paths/${name}.env`
    if (!existsSync(file)) continue
    const env: NodeJS.ProcessEnv = { ...process.env }
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^(?:export )?([A-Z_]+)=(.*)$/.exec(line.trim())
      if (m) env[m[1] as string] = (m[2] as string).replace(/^["']|["']$/g, '')
    }
    found.push({ name, env, docker: env.STAGEGATE_DOCKER ?? '/usr/bin/docker' })
  }
  return found
}

function build(p: PathEnv, app: string, target: string, tag: string): number {
  return timed(
    p.docker,
    ['build', '--network', 'none', '--progress=plain', '--target', target, '--tag', tag, app],
    { ...p.env, DOCKER_BUILDKIT: '1' }
  )
}

function tests(p: PathEnv, mode: Mode, image: string): number {
  if (mode === 'run-steps') return 0
  return timed(
    p.docker,
    ['run', '--rm', '--network', 'none', image, 'sh', '-c', `sleep ${WORK_S} && echo tests ok`],
    p.env
  )
}

const push = (p: PathEnv, tag: string): number => timed(p.docker, ['push', tag], p.env)

function repo(p: PathEnv, what: string): string {
  return `${REGISTRY}/bench-critical/${p.name}-${what}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

function action(p: PathEnv, mode: Mode, bundle: string): number {
  const inputs: Record<string, string> = { push: 'true', tags: repo(p, 'action') }
  if (mode === 'test-command') inputs['test-command'] = TEST_COMMAND
  return timed(process.execPath, [bundle], { ...actionEnv(sample(mode), inputs), ...pick(p.env) })
}

/** The engine's variables only (DOCKER_HOST and friends): the action's own env stays clean. */
export function pick(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const key of ['DOCKER_HOST', 'DOCKER_CONFIG', 'STAGEGATE_DOCKER', 'PATH'])
    if (env[key]) out[key] = env[key]
  return out
}

const s = (msValue: number): string => `${(msValue / 1000).toFixed(2)} s`.padStart(8)

export async function benchCriticalPath(): Promise<void> {
  for (const p of paths()) {
    for (const mode of ['run-steps', 'test-command'] as Mode[]) {
      const rows = {
        action: [] as number[],
        critical: [] as number[],
        handSeq: [] as number[],
        old: [] as number[],
        before: [] as number[]
      }
      const parts = { tester: [] as number[], runtime: [] as number[], push: [] as number[] }
      for (let i = 0; i < RUNS; i++) {
        // The parts, each cold: tester build + tests; the runtime build; the push of that image.
        const a = sample(mode)
        const testerTag = `bench-critical/tester:${i}`
        const testerMs = build(p, a, 'tester', testerTag) + tests(p, mode, testerTag)
        const b = sample(mode)
        const runtimeTag = repo(p, 'hand')
        const runtimeMs = build(p, b, 'runtime', runtimeTag)
        const pushMs = push(p, runtimeTag)
        parts.tester.push(testerMs)
        parts.runtime.push(runtimeMs)
        parts.push.push(pushMs)
        rows.critical.push(Math.max(testerMs, runtimeMs) + pushMs)
        // The same steps typed one after another (the runtime build then finds the builder cached).
        const c = sample(mode)
        const seqTag = repo(p, 'seq')
        const started = performance.now()
        build(p, c, 'tester', testerTag)
        tests(p, mode, testerTag)
        build(p, c, 'runtime', seqTag)
        push(p, seqTag)
        rows.handSeq.push(performance.now() - started)
        rows.action.push(action(p, mode, BUNDLE))
        if (process.env.BENCH_SEQUENTIAL_DIST)
          rows.old.push(action(p, mode, process.env.BENCH_SEQUENTIAL_DIST))
        if (process.env.BENCH_BEFORE_DIST) rows.before.push(action(p, mode, process.env.BENCH_BEFORE_DIST))
      }
      const critical = median(rows.critical)
      const act = median(rows.action)
      console.log(
        `${p.name}, tests as ${mode}, cold cache, median of ${RUNS}, steps ${BUILDER_S} s shared + ${WORK_S} s tests + ${WORK_S} s runtime-only`
      )
      console.log(
        `  parts by hand: tester build + tests ${s(median(parts.tester))}, runtime build ${s(median(parts.runtime))}, push ${s(median(parts.push))}`
      )
      console.log(`  critical path: max(tester+tests, runtime) + push ${s(critical)}`)
      console.log(`  same steps typed one after another       ${s(median(rows.handSeq))}`)
      if (rows.old.length > 0)
        console.log(
          `  the action before (sequential order)     ${s(median(rows.old))}  (${(median(rows.old) / critical).toFixed(2)}x the critical path)`
        )
      if (rows.before.length > 0)
        console.log(
          `  the action of BENCH_BEFORE_DIST          ${s(median(rows.before))}  (${(median(rows.before) / critical).toFixed(2)}x the critical path)`
        )
      console.log(
        `  stagegate action, whole run              ${s(act)}  ratio ${(act / critical).toFixed(2)}x the critical path (goal <= 1.05x), ${(act / median(rows.handSeq)).toFixed(2)}x the steps one after another`
      )
      // What the action adds whatever the build: node and the bundle, the builder probes, the
      // measurement from the registry and the report (see scripts/bench/trace-run.ts).
      console.log(
        `  beyond the critical path                 ${s(act - critical)}  (a fixed cost, not a share of the build)`
      )
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCriticalPath()
}
