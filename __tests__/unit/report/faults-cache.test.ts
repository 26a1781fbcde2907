// Fault injection: the real @actions/cache client against the cache-service stand-in answering
// 500s, hanging, or resetting connections on the twirp RPCs and on blob transfers. Whatever it
// does, a restore or a save ends within its deadline, never throws, and says why the baseline is
// unavailable; afterwards nothing the client left behind keeps a process alive.
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  BASELINE_DEADLINE_MS,
  baselineUnavailableNote,
  cacheTrouble,
  restoreBaseline,
  saveBaseline,
  type BaselineLog
} from '../../../src/report/baseline.js'
import type { ImageMeasurement } from '../../../src/report/model.js'
import { BLOB_PATH, startCacheServer, twirpPath } from '../../servers/cache-service.js'
import type { FaultRule } from '../../servers/http.js'

const measurement: ImageMeasurement = {
  image: 'ghcr.io/acme/api',
  target: 'runtime',
  tags: ['latest'],
  digest: 'sha256:abc',
  platforms: [{ platform: 'linux/amd64', compressed: 1000, disk: 3000, layers: [] }],
  measuredAt: '2024-05-01T00:00:00.000Z',
  source: 'registry'
}
const where = { image: 'ghcr.io/acme/api', target: 'runtime', platforms: ['linux/amd64'], branch: 'main' }
// Slack over the deadline for the work around it (rm, mkdir, tar) on a busy 2-core machine.
const SLACK_MS = 2_000
// Cases that are not about the default bound use a shorter one, to keep the suite fast.
const SHORT_MS = 3_000

const CACHE_ENV = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'RUNNER_TEMP',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE'
]
const savedEnv = Object.fromEntries(CACHE_ENV.map(name => [name, process.env[name]]))
let server: Awaited<ReturnType<typeof startCacheServer>>
let work: string
let dir: string
let warnings: string[]
const log: BaselineLog = { info: () => undefined, warning: message => warnings.push(message) }

/** One line per case for the fault table of the report (printed at the end). */
const table: string[] = []

jest.setTimeout(30_000)

beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  work = await mkdtemp(path.join(tmpdir(), 'stagegate-faults-cache-'))
  dir = path.join(work, 'record')
  server = await startCacheServer({ token: 'runtime-token' })
  process.env.ACTIONS_CACHE_SERVICE_V2 = 'true'
  process.env.ACTIONS_RESULTS_URL = `${server.url}/`
  process.env.ACTIONS_RUNTIME_TOKEN = 'runtime-token'
  process.env.RUNNER_TEMP = path.join(work, 'runner-temp')
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.GITHUB_SERVER_URL
})

beforeEach(async () => {
  server.faults.clear()
  server.state.entries.length = 0
  warnings = []
  // A record of main to restore, saved while the service is healthy.
  const saved = await saveBaseline(measurement, { branch: 'main', runId: 1, runAttempt: 1 }, { dir, log })
  expect(saved.saved).toBe(true)
})

afterAll(async () => {
  jest.restoreAllMocks()
  await server.close()
  // Only the records: the runner temp folder stays. An upload these tests abandoned at its
  // deadline may still be reading its archive there, and would fail (uncaught, in whichever
  // suite runs next in this worker) if the folder went away under it.
  await rm(dir, { recursive: true, force: true })
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  process.stderr.write(`\nfault table (cache service):\n${table.join('\n')}\n`)
})

const twirpAll = /^\/twirp\//
const restoreFaults: [string, FaultRule[], number][] = [
  ['twirp 500 on every call', [{ path: twirpAll, status: 500 }], BASELINE_DEADLINE_MS],
  ['twirp hangs', [{ path: twirpAll, hang: true }], BASELINE_DEADLINE_MS],
  ['twirp resets the connection', [{ path: twirpAll, reset: true }], SHORT_MS],
  ['twirp 503 on every call', [{ path: twirpAll, status: 503 }], SHORT_MS],
  ['blob download 500', [{ method: 'GET', path: BLOB_PATH, status: 500 }], SHORT_MS],
  ['blob download hangs', [{ method: 'GET', path: BLOB_PATH, hang: true }], SHORT_MS],
  ['blob download reset', [{ method: 'GET', path: BLOB_PATH, reset: true }], SHORT_MS]
]

describe('restore under faults', () => {
  test.each(restoreFaults)(
    '%s: no baseline, a reason, within the deadline',
    async (name, rules, deadlineMs) => {
      for (const rule of rules) server.faults.add(rule)
      const started = performance.now()
      const restored = await restoreBaseline(where, { dir, log, deadlineMs })
      const elapsed = performance.now() - started
      table.push(
        `| restore: ${name} | 1 | ${restored.unavailable ? 'unavailable, run goes on' : 'NOT FLAGGED'} | ${(elapsed / 1000).toFixed(1)} s |`
      )

      expect(restored.baseline).toBeNull()
      expect(restored.unavailable).toMatch(/Actions cache service/)
      expect(baselineUnavailableNote(restored.unavailable ?? '')).toMatch(/could not be read/)
      expect(warnings.join('\n')).toMatch(/No size baseline: the Actions cache service/)
      expect(elapsed).toBeLessThan(deadlineMs + SLACK_MS)
      expect(server.faults.hits.length).toBeGreaterThan(0)
    }
  )

  test('twirp 500 names the status and the call', async () => {
    server.faults.add({ path: twirpAll, status: 500, body: { code: 'internal', msg: 'boom' } })
    const restored = await restoreBaseline(where, { dir, log, deadlineMs: SHORT_MS })
    expect(restored.unavailable).toMatch(/GetCacheEntryDownloadURL answered 500/)
  })

  test('two 500s, then the service recovers: the client retries and the baseline is restored', async () => {
    server.faults.add({ path: twirpPath('GetCacheEntryDownloadURL'), status: 500, times: 2 })
    const started = performance.now()
    const restored = await restoreBaseline(where, { dir, log })
    const elapsed = performance.now() - started
    table.push(
      `| restore: twirp 500 twice, then ok | 1 | baseline restored | ${(elapsed / 1000).toFixed(1)} s |`
    )
    expect(restored.baseline?.measurement.platforms[0]?.compressed).toBe(1000)
    expect(restored.unavailable).toBeUndefined()
    expect(elapsed).toBeLessThan(BASELINE_DEADLINE_MS + SLACK_MS)
  })

  test('a healthy service adds no warning and no unavailable flag', async () => {
    const restored = await restoreBaseline(where, { dir, log })
    expect(restored.baseline).not.toBeNull()
    expect(restored.unavailable).toBeUndefined()
    expect(warnings).toEqual([])
  })

  test('a miss on a healthy service is "no record yet", not unavailable', async () => {
    const restored = await restoreBaseline({ ...where, branch: 'develop' }, { dir, log })
    expect(restored.unavailable).toBeUndefined()
    expect(restored.reason).toMatch(/no baseline has been recorded for develop/)
  })
})

const saveFaults: [string, FaultRule[], number][] = [
  ['twirp hangs', [{ path: twirpAll, hang: true }], BASELINE_DEADLINE_MS],
  ['twirp 500 on every call', [{ path: twirpAll, status: 500 }], SHORT_MS],
  ['twirp resets the connection', [{ path: twirpAll, reset: true }], SHORT_MS],
  ['blob upload 500', [{ method: 'PUT', path: BLOB_PATH, status: 500 }], SHORT_MS],
  ['blob upload hangs', [{ method: 'PUT', path: BLOB_PATH, hang: true }], SHORT_MS],
  ['blob upload reset', [{ method: 'PUT', path: BLOB_PATH, reset: true }], SHORT_MS],
  ['finalize 500', [{ path: twirpPath('FinalizeCacheEntryUpload'), status: 500 }], SHORT_MS]
]

describe('save under faults', () => {
  test.each(saveFaults)('%s: not saved, no throw, within the deadline', async (name, rules, deadlineMs) => {
    for (const rule of rules) server.faults.add(rule)
    const started = performance.now()
    const saved = await saveBaseline(
      measurement,
      { branch: 'main', runId: 2, runAttempt: 1 },
      { dir, log, deadlineMs }
    )
    const elapsed = performance.now() - started
    table.push(
      `| save: ${name} | 1 | ${saved.saved ? 'SAVED?' : 'not saved, run goes on'} | ${(elapsed / 1000).toFixed(1)} s |`
    )
    expect(saved.saved).toBe(false)
    expect(saved.reason).not.toBe('')
    expect(elapsed).toBeLessThan(deadlineMs + SLACK_MS)
    // No half-written entry is ever served to a later restore.
    server.faults.clear()
    const restored = await restoreBaseline(where, { dir, log })
    expect(restored.matchedKey).toMatch(/~1-1$/)
  })
})

describe('cacheTrouble', () => {
  test.each([
    [{ timedOut: true, trouble: null, deadlineMs: 10_000 }, 'did not finish within 10 s (no answer)'],
    [
      { timedOut: true, trouble: 'GetCacheEntryDownloadURL answered 500', deadlineMs: 2_500 },
      'did not finish within 2.5 s (last problem: GetCacheEntryDownloadURL answered 500)'
    ],
    [
      { timedOut: false, trouble: 'GET /x: the connection closed without an answer', deadlineMs: 1 },
      'failed (GET /x: the connection closed without an answer)'
    ]
  ])('%j', (input, expected) => {
    expect(cacheTrouble(input)).toContain(expected)
  })
})

// A separate node process per fault: it must exit on its own soon after the deadline, so no
// socket or retry timer of the abandoned client holds it open.
describe('the process exits after an abandoned call', () => {
  const script = path.join(import.meta.dirname, 'faults-exit.fixture.ts')
  test.each([
    ['restore', 'twirp hangs', { path: twirpAll, hang: true } as FaultRule],
    ['restore', 'twirp 500', { path: twirpAll, status: 500 } as FaultRule],
    ['save', 'blob upload hangs', { method: 'PUT', path: BLOB_PATH, hang: true } as FaultRule]
  ])(
    '%s, %s',
    async (op, name, rule) => {
      server.faults.add(rule)
      const deadlineMs = 2_000
      const child = spawn(process.execPath, ['--import', 'tsx', script, op, dir, String(deadlineMs)], {
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      let resultAt = 0
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (!resultAt && out.includes('RESULT ')) resultAt = performance.now()
      })
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      const code = await new Promise<number | null>(resolve => child.on('exit', resolve))
      clearTimeout(killer)
      const lingered = performance.now() - resultAt
      table.push(
        `| ${op}: ${name}, separate process (deadline 2 s) | 1 | exit ${code} ${(lingered / 1000).toFixed(1)} s after the result | — |`
      )
      expect(out).toMatch(/RESULT .*"(unavailable|saved)"/)
      expect(code).toBe(0)
      // Without the cleanup, the hang holds the process forever and the 500 retries for ~35 s.
      expect(lingered).toBeLessThan(1_500)
    },
    40_000
  )
})
