// Benchmark: `stagegate check` in-process on the ~5,000-line, 200-stage Dockerfile of the parse
// benchmark, against readDockerfile alone measured in the same run. Budget: 20 ms per check.
// The baseline and the command are measured in alternation, round after round, so both see the
// same machine load; wall time decides the budget, CPU time (process.cpuUsage) is shown beside it
// because a shared machine inflates wall time. Run: npx tsx scripts/bench/check.ts
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { readDockerfile } from '../../src/dockerfile/index.js'
import { checkDockerfile } from '../../src/check/index.js'
import { checkCommand } from '../../src/commands/check.js'
import { bigDockerfile } from './parse.js'

const BUDGET_MS = 20
const WARMUP = 30
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

interface Sample {
  wall: number[]
  cpu: number[]
}

async function measure(fn: () => unknown, into: Sample): Promise<void> {
  const c = process.cpuUsage()
  const t = performance.now()
  await fn()
  const wall = performance.now() - t
  const d = process.cpuUsage(c)
  into.wall.push(wall)
  into.cpu.push((d.user + d.system) / 1000)
}

export async function benchCheck(): Promise<void> {
  const text = bigDockerfile()
  const lineCount = text.split('\n').length
  const graph = readDockerfile(text, { file: 'Dockerfile' })
  const options = { context: '/ctx', exists: () => true, text }
  const findings = checkDockerfile(graph, options).findings.length
  // The whole command in-process: read the file (from memory), parse, check, format the JSON.
  const io = {
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    cwd: '/ctx',
    readFile: async () => text,
    exists: () => true
  }
  const read = () => readDockerfile(text, { file: 'Dockerfile' })
  const rules = () => checkDockerfile(graph, options)
  const whole = () => checkCommand(['--json'], io)
  for (let i = 0; i < WARMUP; i++) {
    read()
    rules()
    await whole()
  }
  const r: Sample = { wall: [], cpu: [] }
  const k: Sample = { wall: [], cpu: [] }
  const w: Sample = { wall: [], cpu: [] }
  for (let i = 0; i < ROUNDS; i++) {
    await measure(read, r)
    await measure(rules, k)
    await measure(whole, w)
  }
  const row = (label: string, s: Sample) => {
    const wall = median(s.wall)
    const cpu = median(s.cpu)
    const ratio = wall / median(r.wall)
    return `  ${label.padEnd(32)}${wall.toFixed(2).padStart(7)} ms wall  ${cpu.toFixed(2).padStart(6)} ms CPU  (${ratio.toFixed(2)}x the read)`
  }
  const commandMs = median(w.wall)
  console.log(
    `node ${process.version}; ${lineCount} lines, ${graph.stages.length} stages, ${findings} findings; ` +
      `median of ${ROUNDS} rounds after ${WARMUP} warm-up; load average ${loadavg()[0]?.toFixed(1)}`
  )
  console.log(row('readDockerfile (baseline)', r))
  console.log(row('checkDockerfile (rules only)', k))
  console.log(row('stagegate check --json, whole', w))
  console.log(
    `  budget ${BUDGET_MS} ms (wall median of the whole command): ${commandMs <= BUDGET_MS ? 'met' : 'MISSED'}`
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCheck()
