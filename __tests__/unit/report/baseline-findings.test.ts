// The Dockerfile findings recorded beside the size baseline: optional (older records still parse),
// validated like the rest, and carried through the real @actions/cache to the restoring run.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RecordedFinding } from '../../../src/check/in-run.js'
import { parseBaselineRecord, restoreBaseline, saveBaseline } from '../../../src/report/baseline.js'
import type { ImageMeasurement } from '../../../src/report/model.js'
import { startCacheServer } from '../../servers/cache-service.js'

const measurement: ImageMeasurement = {
  image: 'ghcr.io/acme/api',
  target: 'runtime',
  tags: [],
  digest: null,
  platforms: [{ platform: 'linux/amd64', compressed: 10, disk: null, layers: [] }],
  measuredAt: '2024-05-01T00:00:00.000Z',
  source: 'registry'
}
const finding: RecordedFinding = {
  ruleName: 'UndefinedVar',
  detail: "Usage of undefined variable '$FOO'",
  url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/',
  startLine: 3,
  endLine: 3,
  severity: 'warning',
  stage: 'build',
  instruction: 'ENV A=$FOO'
}
const record = { schema: 'stagegate-baseline/v1', branch: 'main', savedAt: 'x', measurement }

describe('parseBaselineRecord with findings', () => {
  test.each<[string, unknown]>([
    ['a record from before findings were kept', record],
    ['no findings', { ...record, findings: [] }],
    ['findings', { ...record, findings: [finding] }]
  ])('accepts %s', (_name, value) => {
    const parsed = parseBaselineRecord(JSON.stringify(value))
    expect(parsed).toEqual({ ok: true, record: value })
  })
  test.each<[string, unknown, string]>([
    ['findings that are no list', { ...record, findings: 'none' }, 'findings is not a list'],
    [
      'a finding without lines',
      { ...record, findings: [{ ...finding, startLine: null }] },
      'findings[0] is invalid (lines)'
    ],
    [
      'a finding without a stage',
      { ...record, findings: [{ ...finding, stage: 1 }] },
      'findings[0] is invalid (stage)'
    ]
  ])('rejects %s', (_name, value, error) => {
    expect(parseBaselineRecord(JSON.stringify(value))).toEqual({ ok: false, error })
  })
})

describe('through the Actions cache', () => {
  const saved = { ...process.env }
  let server: Awaited<ReturnType<typeof startCacheServer>>
  let work: string
  beforeAll(async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    work = await mkdtemp(path.join(tmpdir(), 'stagegate-findings-test-'))
    server = await startCacheServer({ token: 'runtime-token' })
    process.env.RUNNER_TEMP = path.join(work, 'runner-temp')
    process.env.ACTIONS_CACHE_SERVICE_V2 = 'true'
    process.env.ACTIONS_RESULTS_URL = `${server.url}/`
    process.env.ACTIONS_RUNTIME_TOKEN = 'runtime-token'
    delete process.env.ACTIONS_CACHE_URL
    delete process.env.GITHUB_SERVER_URL
    delete process.env.ACTIONS_CACHE_MODE
  })
  afterAll(async () => {
    jest.restoreAllMocks()
    await server.close()
    await rm(work, { recursive: true, force: true })
    process.env = saved
  })

  test('a record saved with findings restores them; one saved without has none', async () => {
    const warnings: string[] = []
    const opts = {
      dir: path.join(work, 'record'),
      log: { info: () => undefined, warning: (m: string) => warnings.push(m) }
    }
    const where = { image: measurement.image, target: 'runtime', platforms: ['linux/amd64'] }
    await saveBaseline(measurement, { branch: 'main', runId: 1, runAttempt: 1, findings: [finding] }, opts)
    const withFindings = await restoreBaseline({ ...where, branch: 'main' }, opts)
    expect(withFindings.baseline?.findings).toEqual([finding])
    await saveBaseline(measurement, { branch: 'main', runId: 2, runAttempt: 1 }, opts)
    const without = await restoreBaseline({ ...where, branch: 'main' }, opts)
    expect(without.matchedKey).toMatch(/~2-1$/)
    expect(without.baseline).not.toBeNull()
    expect(without.baseline?.findings).toBeUndefined()
    expect(warnings).toEqual([])
  })
})
