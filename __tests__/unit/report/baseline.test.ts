import { describe, expect, test } from '@jest/globals'
import {
  baseBranchOf,
  baselineKey,
  baselineRestoreKeys,
  baselineScope,
  branchOfRef,
  parseBaselineRecord,
  sanitizeBranch,
  shouldRecordBaseline,
  type RecordInput
} from '../../../src/report/baseline.js'
import type { ImageMeasurement } from '../../../src/report/model.js'

const scope = { image: 'ghcr.io/acme/api', target: 'runtime', platforms: ['linux/amd64'] }

describe('baselineScope', () => {
  test('is 16 hex characters and ignores platform order, case and duplicates', () => {
    const a = baselineScope({ ...scope, platforms: ['linux/amd64', 'linux/arm64'] })
    expect(a).toMatch(/^[0-9a-f]{16}$/)
    expect(baselineScope({ ...scope, platforms: ['linux/arm64', 'Linux/AMD64', 'linux/arm64'] })).toBe(a)
  })
  test.each([
    ['image', { ...scope, image: 'ghcr.io/acme/worker' }],
    ['target', { ...scope, target: 'debug' }],
    ['platforms', { ...scope, platforms: ['linux/arm64'] }],
    ['no platforms', { ...scope, platforms: [] }]
  ])('changes with %s', (_name, other) => {
    expect(baselineScope(other)).not.toBe(baselineScope(scope))
  })
})

describe('sanitizeBranch', () => {
  test.each([
    ['main', 'main'],
    ['refs/heads/main', 'main'],
    ['feature/x-1.2', 'feature/x-1.2'],
    ['a,b', 'a_b'],
    ['we~ird^name:1', 'we_ird_name_1'],
    ['ünïcode', '_n_code'],
    ['', '_']
  ])('%j → %j', (branch, expected) => {
    expect(sanitizeBranch(branch)).toBe(expected)
  })
  test('long names are shortened with a hash and stay distinct', () => {
    const a = sanitizeBranch('x'.repeat(300))
    const b = sanitizeBranch(`${'x'.repeat(299)}y`)
    expect(a.length).toBe(200)
    expect(a).not.toBe(b)
  })
})

describe('baselineKey / baselineRestoreKeys', () => {
  const h = baselineScope(scope)
  test.each([
    [{ branch: 'main', runId: 123, runAttempt: 1 }, `stagegate-baseline-v1-${h}-main~123-1`],
    [
      { branch: 'refs/heads/release/1.x', runId: '9', runAttempt: '2' },
      `stagegate-baseline-v1-${h}-release/1.x~9-2`
    ],
    [{ branch: 'a,b', runId: 1, runAttempt: 1 }, `stagegate-baseline-v1-${h}-a_b~1-1`]
  ])('%j', (input, key) => {
    expect(baselineKey({ ...scope, ...input })).toBe(key)
  })

  test('keys are valid cache keys even for extreme branch names', () => {
    const key = baselineKey({ ...scope, branch: `${'b,'.repeat(400)}`, runId: 1, runAttempt: 1 })
    expect(key.length).toBeLessThanOrEqual(512)
    expect(key).not.toContain(',')
  })

  test('rejects a non-numeric run id', () => {
    expect(() => baselineKey({ ...scope, branch: 'main', runId: 'abc', runAttempt: 1 })).toThrow(/runId/)
  })

  test('the restore prefix matches the branch records and not a longer branch', () => {
    const [prefix] = baselineRestoreKeys({ ...scope, branch: 'main' })
    expect(prefix).toBe(`stagegate-baseline-v1-${h}-main~`)
    expect(baselineKey({ ...scope, branch: 'main', runId: 5, runAttempt: 3 }).startsWith(prefix ?? '?')).toBe(
      true
    )
    expect(
      baselineKey({ ...scope, branch: 'main-next', runId: 5, runAttempt: 1 }).startsWith(prefix ?? '?')
    ).toBe(false)
    expect(
      baselineKey({ ...scope, branch: 'main/x', runId: 5, runAttempt: 1 }).startsWith(prefix ?? '?')
    ).toBe(false)
  })

  test('fallback branches come after, deduplicated, at most 10', () => {
    expect(
      baselineRestoreKeys({ ...scope, branch: 'release/1', fallbackBranches: ['main', 'release/1'] })
    ).toEqual([`stagegate-baseline-v1-${h}-release/1~`, `stagegate-baseline-v1-${h}-main~`])
    const many = Array.from({ length: 20 }, (_, i) => `b${i}`)
    expect(baselineRestoreKeys({ ...scope, branch: 'main', fallbackBranches: many })).toHaveLength(10)
  })
})

describe('branchOfRef', () => {
  test.each([
    ['refs/heads/main', 'main'],
    ['refs/heads/feature/a', 'feature/a'],
    ['refs/tags/v1', null],
    ['refs/pull/1/merge', null],
    ['', null],
    [undefined, null]
  ])('%j → %j', (ref, branch) => {
    expect(branchOfRef(ref)).toBe(branch)
  })
})

describe('shouldRecordBaseline', () => {
  const base: RecordInput = { eventName: 'push', ref: 'refs/heads/main', defaultBranch: 'main' }
  test.each<[string, Partial<RecordInput>, boolean]>([
    ['push to default branch', {}, true],
    ['push to another branch', { ref: 'refs/heads/feature' }, false],
    ['push to a listed branch', { ref: 'refs/heads/release', baselineBranches: ['release'] }, true],
    [
      'push to a branch matching a pattern',
      { ref: 'refs/heads/release/1.2', baselineBranches: ['release/*'] },
      true
    ],
    ['pattern is anchored', { ref: 'refs/heads/old-release/1', baselineBranches: ['release/*'] }, false],
    ['pattern with refs/heads/', { ref: 'refs/heads/dev', baselineBranches: ['refs/heads/dev'] }, true],
    ['dot is literal', { ref: 'refs/heads/v1x2', baselineBranches: ['v1.2'] }, false],
    ['pull_request', { eventName: 'pull_request', ref: 'refs/pull/1/merge' }, false],
    ['pull_request even on main ref', { eventName: 'pull_request' }, false],
    ['pull_request_target', { eventName: 'pull_request_target' }, false],
    ['workflow_dispatch on main', { eventName: 'workflow_dispatch' }, true],
    ['schedule on main', { eventName: 'schedule' }, true],
    ['tag push', { ref: 'refs/tags/v1.0.0' }, false],
    ['unknown default branch', { defaultBranch: null }, false],
    ['unknown default branch but listed', { defaultBranch: null, baselineBranches: ['main'] }, true],
    ['empty pattern ignored', { ref: 'refs/heads/x', baselineBranches: [''] }, false]
  ])('%s → %s', (_name, partial, record) => {
    const decision = shouldRecordBaseline({ ...base, ...partial })
    expect(decision.record).toBe(record)
    expect(decision.reason).not.toBe('')
  })
})

describe('baseBranchOf', () => {
  test.each<[string, string | undefined, Record<string, unknown>, string | null]>([
    ['pull_request', 'refs/pull/7/merge', { pull_request: { base: { ref: 'main' } } }, 'main'],
    ['pull_request_target', 'refs/heads/main', { pull_request: { base: { ref: 'release/2' } } }, 'release/2'],
    ['pull_request', 'refs/pull/7/merge', {}, null],
    [
      'merge_group',
      'refs/heads/gh-readonly-queue/main/pr-1',
      { merge_group: { base_ref: 'refs/heads/main' } },
      'main'
    ],
    ['push', 'refs/heads/dev', {}, 'dev'],
    ['push', 'refs/tags/v1', {}, null],
    ['workflow_dispatch', undefined, {}, null]
  ])('%s %s', (eventName, ref, payload, expected) => {
    expect(baseBranchOf({ eventName, ref, payload })).toBe(expected)
  })
})

const sampleMeasurement = (compressed = 1000, image = 'ghcr.io/acme/api'): ImageMeasurement => ({
  image,
  target: 'runtime',
  tags: ['latest'],
  digest: 'sha256:abc',
  platforms: [
    {
      platform: 'linux/amd64',
      compressed,
      disk: null,
      layers: [{ digest: 'sha256:l1', compressed, disk: 2 * compressed, createdBy: 'COPY . /app' }]
    }
  ],
  measuredAt: '2024-05-01T00:00:00.000Z',
  source: 'registry'
})

describe('parseBaselineRecord', () => {
  const good = {
    schema: 'stagegate-baseline/v1',
    branch: 'main',
    savedAt: 'x',
    measurement: sampleMeasurement()
  }
  const m = good.measurement
  const p0 = m.platforms[0]
  test('accepts a record with a per-layer file summary, and one without (older runs)', () => {
    const files = {
      files: 1,
      bytes: 300_000,
      dirs: [{ path: '/app/', bytes: 300_000, files: 1 }],
      dirsComplete: true,
      top: [{ path: '/app/big.bin', bytes: 300_000 }],
      topComplete: true,
      deleted: ['/tmp/x', '/var/cache/*'],
      deletedCount: 2
    }
    const withFiles = {
      ...good,
      measurement: { ...m, platforms: [{ ...p0, layers: [{ ...p0!.layers[0], files }] }] }
    }
    const parsed = parseBaselineRecord(JSON.stringify(withFiles))
    expect(parsed.ok && parsed.record.measurement.platforms[0]?.layers[0]?.files).toEqual(files)
    expect(p0!.layers[0]).not.toHaveProperty('files')
    expect(parseBaselineRecord(JSON.stringify(good)).ok).toBe(true)
  })
  test('accepts a well-formed record', () => {
    expect(parseBaselineRecord(JSON.stringify(good))).toMatchObject({ ok: true, record: { branch: 'main' } })
  })
  test.each<[string, unknown, RegExp]>([
    ['not JSON', '{', /not JSON/],
    ['array', [], /not an object/],
    ['other schema', { ...good, schema: 'v0' }, /schema/],
    ['no measurement', { ...good, measurement: undefined }, /measurement is missing/],
    ['bad source', { ...good, measurement: { ...m, source: 'guess' } }, /source/],
    ['no platforms', { ...good, measurement: { ...m, platforms: [] } }, /platforms/],
    ['negative size', { ...good, measurement: { ...m, platforms: [{ ...p0, compressed: -1 }] } }, /sizes/],
    ['string size', { ...good, measurement: { ...m, platforms: [{ ...p0, compressed: '1' }] } }, /sizes/],
    ['bad layer', { ...good, measurement: { ...m, platforms: [{ ...p0, layers: [{}] }] } }, /layers\[0\]/],
    ['bad sha', { ...good, sha: 1 }, /sha/],
    [
      'a broken file summary',
      {
        ...good,
        measurement: { ...m, platforms: [{ ...p0, layers: [{ ...p0!.layers[0], files: { files: 1 } }] }] }
      },
      /layers\[0\]\.files is invalid/
    ]
  ])('rejects %s', (_name, value, error) => {
    const result = parseBaselineRecord(typeof value === 'string' ? value : JSON.stringify(value))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(error)
  })
})
