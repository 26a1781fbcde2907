// saveBaseline / restoreBaseline with the real @actions/cache (service v2) against the fake
// cache service: twirp RPCs plus Azure-style blob upload and download over 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { restoreBaseline, saveBaseline, type BaselineLog } from '../../../src/report/baseline.js'
import type { ImageMeasurement } from '../../../src/report/model.js'
import { startCacheServer, type CacheServerState } from '../../servers/cache-service.js'

const measurement = (compressed: number, image = 'ghcr.io/acme/api'): ImageMeasurement => ({
  image,
  target: 'runtime',
  tags: ['latest'],
  digest: `sha256:${compressed}`,
  platforms: [
    {
      platform: 'linux/amd64',
      compressed,
      disk: 3 * compressed,
      layers: [{ digest: 'sha256:l1', compressed, disk: 3 * compressed, createdBy: 'COPY . /app' }]
    }
  ],
  measuredAt: '2024-05-01T00:00:00.000Z',
  source: 'registry'
})

const CACHE_ENV = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'RUNNER_TEMP',
  'GITHUB_SERVER_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_WORKSPACE'
]
const savedEnv = Object.fromEntries(CACHE_ENV.map(name => [name, process.env[name]]))
let server: Awaited<ReturnType<typeof startCacheServer>>
let state: CacheServerState
let work: string
let dir: string
let warnings: string[]
const log: BaselineLog = { info: () => undefined, warning: message => warnings.push(message) }
const opts = () => ({ dir, log })
const where = { image: 'ghcr.io/acme/api', target: 'runtime', platforms: ['linux/amd64'] }

function setCacheEnv(url: string): void {
  process.env.ACTIONS_CACHE_SERVICE_V2 = 'true'
  process.env.ACTIONS_RESULTS_URL = `${url}/`
  process.env.ACTIONS_RUNTIME_TOKEN = 'runtime-token'
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.GITHUB_SERVER_URL
  delete process.env.ACTIONS_CACHE_MODE
}

beforeAll(async () => {
  // @actions/core writes workflow commands (::debug::, ::warning::) to stdout; keep jest quiet.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  work = await mkdtemp(path.join(tmpdir(), 'stagegate-baseline-test-'))
  process.env.RUNNER_TEMP = path.join(work, 'runner-temp')
  dir = path.join(work, 'record')
  server = await startCacheServer({ token: 'runtime-token' })
  state = server.state
})

beforeEach(() => {
  setCacheEnv(server.url)
  state.entries.length = 0
  state.requests.length = 0
  state.mode = 'ok'
  warnings = []
})

afterAll(async () => {
  jest.restoreAllMocks()
  await server.close()
  await rm(work, { recursive: true, force: true })
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe('baseline through the real @actions/cache', () => {
  test('two runs on main, then a PR restores the newest', async () => {
    const first = await saveBaseline(
      measurement(1000),
      { branch: 'main', runId: 100, runAttempt: 1, sha: 'aaa' },
      opts()
    )
    expect(first).toMatchObject({ saved: true })
    const second = await saveBaseline(
      measurement(2000),
      { branch: 'main', runId: 101, runAttempt: 1, sha: 'bbb' },
      opts()
    )
    expect(second.saved).toBe(true)
    // Another branch and another image saved later must not be picked.
    await saveBaseline(measurement(3000), { branch: 'main-next', runId: 102, runAttempt: 1 }, opts())
    await saveBaseline(
      measurement(4000, 'ghcr.io/acme/worker'),
      { branch: 'main', runId: 103, runAttempt: 1 },
      opts()
    )
    expect(state.entries.filter(e => e.finalized)).toHaveLength(4)

    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.matchedKey).toBe(second.key)
    expect(restored.baseline).toEqual({
      measurement: measurement(2000),
      origin: 'cache',
      ref: 'main',
      sha: 'bbb'
    })
    expect(warnings).toEqual([])

    const twirp = state.requests.filter(r => r.path.startsWith('/twirp/')).map(r => r.path.split('/').pop())
    expect(twirp).toEqual([
      ...Array(4).fill(['CreateCacheEntry', 'FinalizeCacheEntryUpload']).flat(),
      'GetCacheEntryDownloadURL',
      'GetCacheEntryDownloadURL'
    ])
    // Small records go up as a single Put Blob.
    expect(state.requests.filter(r => r.method === 'PUT').every(r => r.query.comp === undefined)).toBe(true)
  })

  test('the record is found whatever GITHUB_WORKSPACE the restoring job has', async () => {
    process.env.GITHUB_WORKSPACE = path.join(work, 'a')
    await saveBaseline(measurement(10), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    process.env.GITHUB_WORKSPACE = path.join(work, 'much', 'deeper', 'checkout', 'path')
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.baseline?.measurement.platforms[0]?.compressed).toBe(10)
    expect(process.env.GITHUB_WORKSPACE).toBe(path.join(work, 'much', 'deeper', 'checkout', 'path'))
    delete process.env.GITHUB_WORKSPACE
  })

  test('a re-run attempt gets its own key; saving the same key twice does not overwrite', async () => {
    const a = await saveBaseline(measurement(1), { branch: 'main', runId: 7, runAttempt: 1 }, opts())
    const again = await saveBaseline(measurement(2), { branch: 'main', runId: 7, runAttempt: 1 }, opts())
    expect(a.saved).toBe(true)
    expect(again).toMatchObject({ saved: false, key: a.key })
    const attempt2 = await saveBaseline(measurement(3), { branch: 'main', runId: 7, runAttempt: 2 }, opts())
    expect(attempt2.saved).toBe(true)
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.baseline?.measurement.platforms[0]?.compressed).toBe(3)
  })

  test('falls back to the default branch when the base branch has no record', async () => {
    await saveBaseline(measurement(500), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    const restored = await restoreBaseline(
      { ...where, branch: 'release/1', fallbackBranches: ['main'] },
      opts()
    )
    expect(restored.baseline?.ref).toBe('main')
  })

  test('no record → null with a reason, no warning', async () => {
    await saveBaseline(measurement(500), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    const restored = await restoreBaseline({ ...where, branch: 'develop' }, opts())
    expect(restored.baseline).toBeNull()
    expect(restored.reason).toMatch(/no baseline has been recorded for develop/)
    expect(warnings).toEqual([])
  })

  test('a stale record on disk is not mistaken for a restored one', async () => {
    await saveBaseline(measurement(500), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    // dir still holds the record just saved; a miss must not read it.
    expect(await readdir(dir)).toContain('baseline.json')
    expect((await restoreBaseline({ ...where, branch: 'other' }, opts())).baseline).toBeNull()
  })

  test('a corrupt record → null and a warning', async () => {
    const saved = await saveBaseline(measurement(500), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    state.setArchive(saved.key, Buffer.from('this is not a tar archive'))
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.baseline).toBeNull()
    expect(restored.matchedKey).toBe(saved.key)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not be downloaded or extracted/)
  })

  test('a record with invalid JSON inside a valid archive → null and a warning naming the key', async () => {
    // Build a valid tar.gz archive holding garbage; the client (gzip or zstd) only reads what it
    // saved, so save one real record first and swap in an archive of the same compression.
    const saved = await saveBaseline(measurement(500), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    const original = state.archiveOf(saved.key)
    expect(original).not.toBeNull()
    const isZstd = original?.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])) ?? false
    const tarball = tarOf('record/baseline.json', '{"schema":"stagegate-baseline/v1","branch":"main"')
    const { zstdCompressSync } = (await import('node:zlib')) as { zstdCompressSync?: (b: Buffer) => Buffer }
    if (isZstd && !zstdCompressSync) {
      const { execFileSync } = await import('node:child_process')
      state.setArchive(saved.key, execFileSync('zstd', ['-q', '-c'], { input: tarball }))
    } else {
      state.setArchive(saved.key, isZstd && zstdCompressSync ? zstdCompressSync(tarball) : gzipSync(tarball))
    }
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.baseline).toBeNull()
    expect(restored.matchedKey).toBe(saved.key)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/unusable \(not JSON/)
  })

  test('a read-only cache token: not saved, no throw', async () => {
    state.mode = 'read-only'
    const result = await saveBaseline(measurement(1), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    expect(result.saved).toBe(false)
    expect(state.entries).toHaveLength(0)
  })

  test('no cache service (outside Actions): null with a reason, nothing thrown', async () => {
    delete process.env.ACTIONS_RESULTS_URL
    delete process.env.ACTIONS_CACHE_URL
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored).toMatchObject({ baseline: null, reason: expect.stringMatching(/not available/) })
    const saved = await saveBaseline(measurement(1), { branch: 'main', runId: 1, runAttempt: 1 }, opts())
    expect(saved).toMatchObject({ saved: false, reason: expect.stringMatching(/not available/) })
    expect(state.requests).toHaveLength(0)
  })

  test('a GHES server URL makes @actions/cache fall back to v1, which is unavailable here', async () => {
    process.env.GITHUB_SERVER_URL = 'http://127.0.0.1:1'
    const restored = await restoreBaseline({ ...where, branch: 'main' }, opts())
    expect(restored.reason).toMatch(/not available/)
  })
})

/** A one-file ustar archive, enough for GNU tar to extract. */
function tarOf(name: string, content: string): Buffer {
  const data = Buffer.from(content)
  const header = Buffer.alloc(512)
  header.write(name, 0, 100)
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124)
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136
  )
  header.write('        ', 148)
  header.write('0', 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  let sum = 0
  for (const byte of header) sum += byte
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512)
  data.copy(padded)
  return Buffer.concat([header, padded, Buffer.alloc(1024)])
}
