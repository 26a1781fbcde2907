// One action run on a fresh critical-path sample, with every docker command it runs timed (ms
// from process start) and the job summary's timeline: where the time beyond the critical path goes.
// Run: npx tsx scripts/bench/trace-run.ts [run-steps|test-command]  (TRACE_LOG=1: the action's log, stamped)
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { actionEnv, makeShim } from './pipeline.js'
import { sample, TEST_COMMAND } from './critical-path.js'

const mode = (process.argv[2] ?? 'run-steps') as 'run-steps' | 'test-command'
const { shim, log } = makeShim(process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker')
const summary = path.join(mkdtempSync(path.join(os.tmpdir(), 'stagegate-trace-')), 'summary.md')
writeFileSync(summary, '')
const inputs: Record<string, string> = {
  push: 'true',
  tags: `127.0.0.1:5000/bench-critical/trace:${Date.now().toString(36)}`
}
if (mode === 'test-command') inputs['test-command'] = TEST_COMMAND
const env = {
  ...actionEnv(sample(mode), inputs),
  STAGEGATE_DOCKER: shim,
  GITHUB_STEP_SUMMARY: summary,
  DOCKER_HOST: process.env.DOCKER_HOST,
  DOCKER_CONFIG: process.env.DOCKER_CONFIG
}
const started = Date.now()
// The action's log, each line stamped with when it came (TRACE_LOG=1 prints it).
const child = spawn(
  process.execPath,
  [
    ...(process.env.TRACE_NODE_ARGS ?? '').split(' ').filter(Boolean),
    process.env.STAGEGATE_DIST ?? 'dist/index.js'
  ],
  { env, stdio: ['ignore', 'pipe', 'inherit'] }
)
const stamped: string[] = []
createInterface({ input: child.stdout }).on('line', line =>
  stamped.push(`${String(Date.now() - started).padStart(6)} ms  ${line.slice(0, 160)}`)
)
const [status] = (await once(child, 'close')) as [number | null]
const total = Date.now() - started
if (process.env.TRACE_LOG) console.log(stamped.join('\n'))
console.log(`exit ${status}, ${total} ms`)
for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
  const [s, e, command] = line.split(' ')
  console.log(
    `  ${String(Number(s) - started).padStart(6)} → ${String(Number(e) - started).padStart(6)} ms  ${command}`
  )
}
const text = readFileSync(summary, 'utf8')
console.log(text.slice(text.indexOf('### Timeline')))
