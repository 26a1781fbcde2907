// The fake cache service itself: the Azure Blob subset driven by the real @azure/storage-blob
// (the multi-block path @actions/cache takes for archives over 128 MiB, exercised here with tiny
// blocks), the twirp error answers, and the lookup order.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { BlockBlobClient } from '@azure/storage-blob'
import { lookup, startCacheServer, type CacheEntry } from '../../servers/cache-service.js'

let server: Awaited<ReturnType<typeof startCacheServer>>
beforeAll(async () => {
  server = await startCacheServer({ token: 't' })
})
afterAll(async () => {
  await server.close()
})

async function rpc(
  method: string,
  body: unknown,
  token = 't'
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

describe('fake cache service', () => {
  test('staged blocks + block list, then ranged downloads, through @azure/storage-blob', async () => {
    const created = await rpc('CreateCacheEntry', { key: 'blocks-1', version: 'v' })
    expect(created.json.ok).toBe(true)
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251))
    const client = new BlockBlobClient(String(created.json.signed_upload_url))
    await client.uploadData(data, { blockSize: 1024, maxSingleShotSize: 1024, concurrency: 3 })
    const puts = server.state.requests.filter(r => r.method === 'PUT')
    expect(puts.filter(r => r.query.comp === 'block')).toHaveLength(10)
    expect(puts.filter(r => r.query.comp === 'blocklist')).toHaveLength(1)

    expect(
      (await rpc('FinalizeCacheEntryUpload', { key: 'blocks-1', version: 'v', size_bytes: '10000' })).json
    ).toEqual({
      ok: true,
      entry_id: expect.any(String)
    })
    const found = await rpc('GetCacheEntryDownloadURL', { key: 'blocks', restore_keys: [], version: 'v' })
    expect(found.json).toMatchObject({ ok: true, matched_key: 'blocks-1' })
    const url = String(found.json.signed_download_url)

    const reader = new BlockBlobClient(url)
    expect(Buffer.compare(await reader.downloadToBuffer(0, undefined, { blockSize: 3000 }), data)).toBe(0)
    const ranged = await fetch(url, { headers: { range: 'bytes=100-199' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe('bytes 100-199/10000')
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(data.subarray(100, 200))

    // The download URL cannot write, and a URL with a wrong signature is refused.
    expect(
      (await fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })).status
    ).toBe(403)
    expect((await fetch(url.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403)
  })

  test('twirp errors: unauthenticated, already_exists, not finalized, bad route', async () => {
    expect((await rpc('CreateCacheEntry', { key: 'k', version: 'v' }, 'wrong')).status).toBe(401)
    expect((await rpc('CreateCacheEntry', { key: 'dup', version: 'v' })).json.ok).toBe(true)
    const again = await rpc('CreateCacheEntry', { key: 'dup', version: 'v' })
    expect(again).toEqual({ status: 409, json: { code: 'already_exists', msg: expect.any(String) } })
    // Same key, another version (other paths or compression) is a different entry.
    expect((await rpc('CreateCacheEntry', { key: 'dup', version: 'v2' })).json.ok).toBe(true)
    // Not uploaded yet: cannot be finalized, and is not visible to lookups.
    expect(
      (await rpc('FinalizeCacheEntryUpload', { key: 'dup', version: 'v', size_bytes: '1' })).status
    ).toBe(404)
    expect((await rpc('GetCacheEntryDownloadURL', { key: 'dup', version: 'v' })).json).toEqual({ ok: false })
    expect((await rpc('Nope', { key: 'a', version: 'v' })).status).toBe(404)
  })

  const entry = (key: string, createdSeq: number, extra: Partial<CacheEntry> = {}): CacheEntry => ({
    id: createdSeq,
    key,
    version: 'v',
    createdSeq,
    finalized: true,
    sizeBytes: 1,
    blobId: key,
    ...extra
  })
  const entries = [
    entry('main~1-1', 1),
    entry('main~2-1', 2),
    entry('main~1-2', 3),
    entry('main-next~9-1', 4),
    entry('dev~1-1', 5, { version: 'other' }),
    entry('feat~1-1', 6, { finalized: false })
  ]
  test.each<[string[], string | null]>([
    [['main~'], 'main~1-2'],
    [['main~2-1'], 'main~2-1'],
    [['main'], 'main-next~9-1'],
    [['nope', 'main~'], 'main~1-2'],
    [['main~1', 'main~'], 'main~1-2'],
    [['dev~'], null],
    [['feat~'], null],
    [[], null]
  ])('lookup %j → %s', (keys, expected) => {
    expect(lookup(entries, 'v', keys)?.key ?? null).toBe(expected)
  })
})
