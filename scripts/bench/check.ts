// Benchmark: `stagegate check` in-process on the ~5,000-line, 200-stage Dockerfile of the parse
// benchmark, against readDockerfile alone measured in the same run. Budget: 20 ms per check.
// Run: npx tsx scripts/bench/check.ts
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { readDockerfile } from '../../src/dockerfile/index.js'
import { checkDockerfile } from '../../src/check/index.js'
import { checkCommand } from '../../src/commands/check.js'
import { bigDockerfile } from './parse.js'

const BUDGET_MS = 20

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

function time(fn: () => unknown, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) fn()
  const xs: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

export async function benchCheck(): Promise<void> {
  const text = bigDockerfile()
  const lineCount = text.split('\n').length
  const read = () => readDockerfile(text, { file: 'Dockerfile' })
  const graph = read()
  const findings = checkDockerfile(graph, { context: '/ctx', exists: () => true }).findings.length
  const parseMs = time(read, 20, 50)
  const rulesMs = time(() => checkDockerfile(graph, { context: '/ctx', exists: () => true }), 20, 50)
  // The whole command in-process: read the file (from memory), check, format the JSON.
  const io = {
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    cwd: '/ctx',
    readFile: async () => text,
    exists: () => true
  }
  const xs: number[] = []
  for (let i = 0; i < 70; i++) {
    const t = performance.now()
    await checkCommand(['--json'], io)
    if (i >= 20) xs.push(performance.now() - t)
  }
  const commandMs = median(xs)
  console.log(
    `node ${process.version}; ${lineCount} lines, ${graph.stages.length} stages, ${findings} findings`
  )
  console.log(`  readDockerfile (baseline)       ${parseMs.toFixed(2)} ms`)
  console.log(
    `  checkDockerfile (rules only)    ${rulesMs.toFixed(2)} ms  (${(rulesMs / parseMs).toFixed(2)}x the read)`
  )
  console.log(
    `  stagegate check --json, whole   ${commandMs.toFixed(2)} ms  (${(commandMs / parseMs).toFixed(2)}x the read)`
  )
  console.log(`  budget ${BUDGET_MS} ms: ${commandMs <= BUDGET_MS ? 'met' : 'MISSED'}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCheck()
