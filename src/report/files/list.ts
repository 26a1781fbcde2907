// Listing one layer from a byte stream: gunzip when the stream is gzip, read the tar headers only
// (bodies are skipped as they pass, never kept), and summarize with the aggregator.
import { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import { readTarStream } from '../oci-layout.js'
import { DEFAULT_LIMITS, LayerAggregator, type AggregateLimits, type LayerListing } from './aggregate.js'

export type LayerEncoding = 'gzip' | 'zstd' | 'tar'

/** What the first bytes of a layer blob say it is. Pure. */
export function layerEncoding(head: Buffer): LayerEncoding {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd'
  return 'tar'
}

export class UnreadableLayer extends Error {}

/** Yields the stream's chunks with the first few bytes looked at before anything is consumed. */
async function* decoded(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let headBytes = 0
  let done = false
  while (headBytes < 4) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    const chunk = Buffer.from(next.value)
    head.push(chunk)
    headBytes += chunk.length
  }
  const first = Buffer.concat(head)
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield Buffer.from(next.value)
    }
  }
  const encoding = layerEncoding(first)
  if (encoding === 'tar') {
    yield* rest()
    return
  }
  const zstd = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream })
    .createZstdDecompress
  if (encoding === 'zstd' && !zstd) {
    await iterator.return?.()
    throw new UnreadableLayer('a zstd layer needs Node 22.15 or later to be listed')
  }
  const inflate = encoding === 'gzip' ? zlib.createGunzip({ chunkSize: 256 << 10 }) : zstd!()
  const input = Readable.from(rest())
  input.on('error', error => inflate.emit('error', error))
  input.pipe(inflate as unknown as NodeJS.WritableStream)
  for await (const chunk of inflate as unknown as AsyncIterable<Buffer>) yield chunk
}

/**
 * List a layer blob (gzip, zstd where Node can, or plain tar): its files and deletions in brief.
 * Memory: one tar header, the decompressor's window and the aggregator's bounded maps.
 */
export async function listLayer(
  source: AsyncIterable<Buffer | Uint8Array>,
  limits: AggregateLimits = DEFAULT_LIMITS
): Promise<LayerListing> {
  const aggregator = new LayerAggregator(limits)
  await readTarStream(decoded(source), entry => {
    aggregator.add(entry)
    return null
  })
  return aggregator.finish()
}

/**
 * A tar sink (see readTarStream) that lists the bytes written to it as one layer: for a layer
 * inside a stream already being read for another reason (`docker save`). Writes wait while the
 * listing is behind (a few chunks), so memory stays bounded; a layer that cannot be listed
 * rejects `listing` and lets the writes through unread.
 */
export function listingSink(limits: AggregateLimits = DEFAULT_LIMITS): {
  sink: { write(chunk: Buffer): void | Promise<void>; end(): void }
  listing: Promise<LayerListing>
} {
  const queue: (Buffer | null)[] = []
  let wakeReader: (() => void) | null = null
  let wakeWriter: (() => void) | null = null
  let failed = false
  const wake = (): void => {
    wakeReader?.()
    wakeReader = null
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      while (queue.length === 0) await new Promise<void>(resolve => (wakeReader = resolve))
      const chunk = queue.shift()!
      if (queue.length <= 2) {
        wakeWriter?.()
        wakeWriter = null
      }
      if (chunk === null) return
      yield chunk
    }
  }
  const listing = listLayer(chunks(), limits).catch((error: unknown) => {
    failed = true
    queue.length = 0
    wakeWriter?.()
    throw error
  })
  // Nobody may await it before the end: keep an early failure from being unhandled meanwhile.
  listing.catch(() => undefined)
  return {
    listing,
    sink: {
      write(chunk) {
        if (failed) return
        queue.push(chunk)
        wake()
        if (queue.length > 8) return new Promise<void>(resolve => (wakeWriter = resolve))
      },
      end() {
        if (failed) return
        queue.push(null)
        wake()
      }
    }
  }
}
