// listLayer on real tar bytes made by the tar CLI (GNU and PAX long names, a whiteout, a name that
// is not UTF-8), plain and gzipped, fed in small chunks the way a network stream arrives.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as zlib from 'node:zlib'
import { gzipSync } from 'node:zlib'
import { layerEncoding, listingSink, listLayer } from '../../../../src/report/files/list.js'

let root: string
const archives: Record<string, Buffer> = {}
const LONG = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(80)}.txt`

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stagegate-files-'))
  const tree = path.join(root, 'tree')
  mkdirSync(path.join(tree, 'app', 'node_modules', '.cache'), { recursive: true })
  mkdirSync(path.join(tree, path.dirname(LONG)), { recursive: true })
  mkdirSync(path.join(tree, 'tmp'))
  writeFileSync(path.join(tree, 'app', 'node_modules', '.cache', 'blob'), Buffer.alloc(300_000, 1))
  writeFileSync(path.join(tree, 'app', 'index.js'), 'console.log(1)\n')
  writeFileSync(path.join(tree, LONG), Buffer.alloc(1234))
  writeFileSync(path.join(tree, 'tmp', '.wh.big.bin'), '')
  writeFileSync(Buffer.from(path.join(tree, 'app', 'caf\xe9-'), 'latin1'), Buffer.alloc(7))
  for (const format of ['gnu', 'posix']) {
    const file = path.join(root, `${format}.tar`)
    execFileSync('tar', ['--format', format, '-cf', file, '-C', tree, '.'])
    archives[format] = readFileSync(file)
  }
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

describe('listLayer', () => {
  test.each([
    ['gnu', false],
    ['gnu', true],
    ['posix', false],
    ['posix', true]
  ])('%s tar, gzipped %s', async (format, gzipped) => {
    const bytes = gzipped ? gzipSync(archives[format]!) : archives[format]!
    const listing = await listLayer(chunks(bytes, 777))
    const { summary } = listing
    expect(summary.files).toBe(4)
    expect(summary.bytes).toBe(300_000 + 15 + 1234 + 7)
    expect(summary.top.map(f => f.path)).toEqual([
      '/app/node_modules/.cache/blob',
      `/${LONG}`,
      '/app/index.js',
      '/app/caf\ufffd-'
    ])
    expect(summary.dirs[0]).toEqual({ path: '/app/', bytes: 300_022, files: 3 })
    expect(summary.dirs.map(d => d.path)).toContain('/app/node_modules/.cache/')
    expect(summary.deleted).toEqual(['/tmp/big.bin'])
  })

  test.each([
    [[0x1f, 0x8b, 8, 0], 'gzip'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    [[0x61, 0x70, 0x70, 0x2f], 'tar'],
    [[], 'tar']
  ])('layerEncoding %j → %s', (head, expected) => expect(layerEncoding(Buffer.from(head))).toBe(expected))

  test('an empty layer lists nothing', async () => {
    const listing = await listLayer(chunks(Buffer.alloc(1024), 512))
    expect(listing.summary.files).toBe(0)
  })

  test('a truncated gzip stream is an error, not a short listing', async () => {
    const bytes = gzipSync(archives.gnu!)
    await expect(listLayer(chunks(bytes.subarray(0, bytes.length >> 1), 1000))).rejects.toThrow()
  })
})

describe('listingSink', () => {
  test('lists what is written to it, chunk by chunk', async () => {
    const { sink, listing } = listingSink()
    for await (const chunk of chunks(gzipSync(archives.gnu!), 300)) await sink.write(chunk)
    sink.end()
    expect((await listing).summary.files).toBe(4)
  })

  test('bytes that are not a layer: the listing fails, the writes still all go through', async () => {
    const { sink, listing } = listingSink()
    const garbage = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(100_000, 7)])
    for await (const chunk of chunks(garbage, 100)) await sink.write(chunk)
    sink.end()
    await expect(listing).rejects.toThrow()
  })
})

describe('zstd layers', () => {
  const zstd = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync
  test('listed where Node can decompress zstd, else refused with the reason', async () => {
    if (zstd) {
      const listing = await listLayer(chunks(zstd(archives.gnu!), 1000))
      expect(listing.summary.files).toBe(4)
    } else {
      const head = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])
      await expect(listLayer(chunks(head, 4))).rejects.toThrow(
        'a zstd layer needs Node 22.15 or later to be listed'
      )
    }
  })
})
