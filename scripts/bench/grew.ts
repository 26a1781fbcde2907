// Benchmark of "What grew": listing a changed layer (gunzip + tar headers, bodies skipped) against
// gzip-compressing the same layer at level 6, the measurement it piggybacks on (measure.ts counts
// a `docker save` layer's compressed size that way). The layer: ~200 MB, 50,000 files in a
// node_modules-like tree, half of each file text, half incompressible, written to a temp file.
// Run: npx tsx scripts/bench/grew.ts   (BENCH_GREW_FILES, BENCH_GREW_MB, BENCH_RUNS)
import { createCipheriv } from 'node:crypto'
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { createGzip } from 'node:zlib'
import { listLayer } from '../../src/report/files/list.js'

export interface GrewBenchResult {
  files: number
  tarBytes: number
  gzipBytes: number
  gzipMedianMs: number
  listGzipMedianMs: number
  listTarMedianMs: number
  /** listing the gzipped blob / gzip-compressing the tar */
  ratio: number
  peakRssMiB: number
  baseRssMiB: number
  dirsKept: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(512)
  block.write(name, 0, 100, 'utf8')
  block.write('0000644\0', 100)
  block.write('0000000\0', 108)
  block.write('0000000\0', 116)
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  block.write(`${(1577836800).toString(8).padStart(11, '0')}\0`, 136)
  block.write('        ', 148)
  block.write('0', 156)
  block.write('ustar\0', 257)
  block.write('00', 263)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  return block
}

/** Write the layer tar: `files` files summing to about `bytes`, reproducible. */
async function writeLayer(file: string, files: number, bytes: number): Promise<number> {
  const out = createWriteStream(file)
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16, 0))
  const text = Buffer.from(
    'export function handler(event, context) { return { status: 200, body: event } }\n'.repeat(200)
  )
  const average = Math.floor(bytes / files)
  let written = 0
  const write = async (chunk: Buffer): Promise<void> => {
    written += chunk.length
    if (!out.write(chunk)) await once(out, 'drain')
  }
  for (let i = 0; i < files; i++) {
    // Sizes vary between 0.25x and 1.75x the average, deterministically.
    const size = Math.floor(average * (0.25 + ((i * 7919) % 1000) / 666))
    const pkg = `pkg-${Math.floor(i / 25)}`
    await write(header(`app/node_modules/${pkg}/lib/file-${i % 25}.js`, size))
    const half = size >> 1
    const body = Buffer.alloc(size)
    for (let at = 0; at < half; at += text.length) text.copy(body, at, 0, Math.min(text.length, half - at))
    cipher.update(Buffer.alloc(size - half)).copy(body, half)
    await write(body)
    const pad = (512 - (size % 512)) % 512
    if (pad) await write(Buffer.alloc(pad))
  }
  await write(Buffer.alloc(1024))
  out.end()
  await once(out, 'finish')
  return written
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

/** gzip level 6 of the whole file, counting bytes only (as measure.ts's gzipCounter). */
async function gzipCount(file: string): Promise<number> {
  const gzip = createGzip({ level: 6 })
  let bytes = 0
  gzip.on('data', (chunk: Buffer) => {
    bytes += chunk.length
  })
  const done = once(gzip, 'end')
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), gzip)
  await done.catch(() => undefined)
  return bytes
}

export async function benchGrew(
  options: { files?: number; megabytes?: number; runs?: number; log?: (line: string) => void } = {}
): Promise<GrewBenchResult> {
  const files = options.files ?? Number(process.env.BENCH_GREW_FILES ?? 50_000)
  const megabytes = options.megabytes ?? Number(process.env.BENCH_GREW_MB ?? 200)
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 3)
  const log = options.log ?? ((line: string) => console.log(line))
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-grew-'))
  try {
    const tar = path.join(dir, 'layer.tar')
    const blob = path.join(dir, 'layer.tar.gz')
    log(`writing a ${megabytes} MB layer of ${files} files`)
    // Each file costs a 512-byte header and on average 256 bytes of padding besides its body.
    const tarBytes = await writeLayer(tar, files, megabytes * 1e6 - files * 768)
    await pipeline(createReadStream(tar), createGzip({ level: 6 }), createWriteStream(blob))
    const gzipBytes = statSync(blob).size

    const baseRss = process.memoryUsage().rss
    const gzipRuns: number[] = []
    const listGzipRuns: number[] = []
    const listTarRuns: number[] = []
    let dirsKept = 0
    let listed = 0
    let peakRss = baseRss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 20)
    try {
      for (let i = 0; i < runs; i++) {
        const gz = await timeIt(() => gzipCount(tar))
        gzipRuns.push(gz.ms)
        const lg = await timeIt(() => listLayer(createReadStream(blob, { highWaterMark: 1 << 20 })))
        listGzipRuns.push(lg.ms)
        const lt = await timeIt(() => listLayer(createReadStream(tar, { highWaterMark: 1 << 20 })))
        listTarRuns.push(lt.ms)
        dirsKept = lg.value.dirsKept
        listed = lg.value.summary.files
        log(
          `run ${i + 1}: gzip -6 ${gz.ms.toFixed(0)} ms, list gzipped blob ${lg.ms.toFixed(0)} ms, list plain tar ${lt.ms.toFixed(0)} ms`
        )
      }
    } finally {
      clearInterval(sampler)
    }
    if (listed !== files) throw new Error(`listed ${listed} files, expected ${files}`)
    const result: GrewBenchResult = {
      files,
      tarBytes,
      gzipBytes,
      gzipMedianMs: median(gzipRuns),
      listGzipMedianMs: median(listGzipRuns),
      listTarMedianMs: median(listTarRuns),
      ratio: median(listGzipRuns) / median(gzipRuns),
      peakRssMiB: Math.round(peakRss / (1 << 20)),
      baseRssMiB: Math.round(baseRss / (1 << 20)),
      dirsKept
    }
    const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`
    log(
      [
        `layer: ${files} files, ${mb(tarBytes)} tar, ${mb(gzipBytes)} gzipped`,
        `gzip -6 of the tar (what measuring costs): median ${result.gzipMedianMs.toFixed(0)} ms of ${runs}`,
        `listing the gzipped blob (registry / OCI layout): median ${result.listGzipMedianMs.toFixed(0)} ms ` +
          `(${(result.ratio * 100).toFixed(0)}% of gzip)`,
        `listing the plain tar (docker save stream): median ${result.listTarMedianMs.toFixed(0)} ms`,
        `directories kept: ${dirsKept}; RSS ${result.baseRssMiB} MiB before, peak ${result.peakRssMiB} MiB`
      ].join('\n')
    )
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchGrew().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
