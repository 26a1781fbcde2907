// One action run on a fresh critical-path sample, with every docker command it runs timed (ms
// from process start) and the job summary's timeline: where the time beyond the critical path goes.
// Run: npx tsx scripts/bench/trace-run.ts [run-steps|test-command]
import { spawnSync } from 'node:child_process'
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
const result = spawnSync(process.execPath, [process.env.STAGEGATE_DIST ?? 'dist/index.js'], {
  env,
  encoding: 'utf8'
})
const total = Date.now() - started
console.log(`exit ${result.status}, ${total} ms`)
for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
  const [s, e, command] = line.split(' ')
  console.log(
    `  ${String(Number(s) - started).padStart(6)} → ${String(Number(e) - started).padStart(6)} ms  ${command}`
  )
}
const text = readFileSync(summary, 'utf8')
console.log(text.slice(text.indexOf('### Timeline')))
