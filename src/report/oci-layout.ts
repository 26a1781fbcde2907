// Reading archives without holding them: a streaming tar reader (for `docker save`), a
// seek-based tar index (for OCI layouts packed as a tar file) and an OCI layout blob source.
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import path from 'node:path'

export interface TarEntry {
  name: string
  size: number
  /** The ustar type flag: '0' file, '5' directory, '2' symlink, ... */
  type: string
}

/** Where an entry's bytes go. Returning a promise from write applies backpressure to the reader. */
export interface TarSink {
  write(chunk: Buffer): void | Promise<void>
  end(): void | Promise<void>
}

const BLOCK = 512

function readString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length)
  const nul = field.indexOf(0)
  return field.subarray(0, nul < 0 ? field.length : nul).toString('utf8')
}

function readNumber(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length)
  // GNU base-256 for sizes of 8 GiB and more: high bit of the first byte set.
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0)
    return value
  }
  const text = readString(block, start, length).trim()
  return text ? parseInt(text, 8) : 0
}

interface RawHeader {
  name: string
  size: number
  type: string
}

function parseHeader(block: Buffer): RawHeader | null {
  if (block.every(byte => byte === 0)) return null
  let name = readString(block, 0, 100)
  const magic = readString(block, 257, 6)
  if (magic.startsWith('ustar')) {
    const prefix = readString(block, 345, 155)
    if (prefix) name = `${prefix}/${name}`
  }
  return { name, size: readNumber(block, 124, 12), type: readString(block, 156, 1) || '0' }
}

/** `path` (and `size`) from a pax extended header body: records of `LEN key=value\n`. */
export function parsePaxHeaders(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let offset = 0
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset)
    if (space < 0) break
    const length = parseInt(body.subarray(offset, space).toString('ascii'), 10)
    if (!(length > 0)) break
    const record = body.subarray(space + 1, offset + length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    offset += length
  }
  return out
}

/** Applies pax (`x`) and GNU long-name (`L`) meta entries to the entry that follows them. */
class MetaState {
  longName: string | null = null
  pax: Record<string, string> = {}

  apply(raw: RawHeader): TarEntry {
    const entry: TarEntry = { name: raw.name, size: raw.size, type: raw.type }
    if (this.longName !== null) entry.name = this.longName
    if (this.pax.path) entry.name = this.pax.path
    if (this.pax.size) entry.size = parseInt(this.pax.size, 10)
    this.longName = null
    this.pax = {}
    entry.name = entry.name.replace(/^\.\//, '')
    return entry
  }

  consume(type: string, body: Buffer): void {
    if (type === 'L') this.longName = readString(body, 0, body.length)
    else if (type === 'x') this.pax = parsePaxHeaders(body)
  }
}

const META_TYPES = new Set(['x', 'g', 'L', 'K'])
const MAX_META = 1 << 20

/**
 * Read a tar stream entry by entry, handing each entry's bytes to the sink `onEntry` returns (or
 * skipping them). Memory stays at one header plus whatever the sinks keep: the archive is never
 * buffered. Reads the source to its end even after the end-of-archive blocks, so a producing
 * process is never left blocked on a full pipe.
 */
export async function readTarStream(
  source: AsyncIterable<Buffer | string>,
  onEntry: (entry: TarEntry) => TarSink | null | undefined
): Promise<void> {
  const header = Buffer.alloc(BLOCK)
  let headerFill = 0
  let state: 'header' | 'body' | 'pad' | 'done' = 'header'
  let remaining = 0
  let padding = 0
  let sink: TarSink | null | undefined = null
  let metaType: string | null = null
  let metaChunks: Buffer[] = []
  const meta = new MetaState()

  const finishBody = async (): Promise<void> => {
    if (metaType !== null) {
      meta.consume(metaType, Buffer.concat(metaChunks))
      metaType = null
      metaChunks = []
    } else if (sink) {
      await sink.end()
    }
    sink = null
    state = padding > 0 ? 'pad' : 'header'
  }

  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece
    let offset = 0
    while (offset < chunk.length && state !== 'done') {
      if (state === 'header') {
        const take = Math.min(BLOCK - headerFill, chunk.length - offset)
        chunk.copy(header, headerFill, offset, offset + take)
        headerFill += take
        offset += take
        if (headerFill < BLOCK) continue
        headerFill = 0
        const raw = parseHeader(header)
        if (!raw) {
          state = 'done'
          break
        }
        remaining = raw.size
        padding = (BLOCK - (raw.size % BLOCK)) % BLOCK
        if (META_TYPES.has(raw.type)) {
          if (raw.size > MAX_META)
            throw new Error(`tar: ${raw.type} header of ${raw.size} bytes is too large`)
          metaType = raw.type
          sink = null
        } else {
          metaType = null
          sink = onEntry(meta.apply(raw))
        }
        state = 'body'
        if (remaining === 0) await finishBody()
      } else if (state === 'body') {
        const take = Math.min(remaining, chunk.length - offset)
        const slice = chunk.subarray(offset, offset + take)
        if (metaType !== null) metaChunks.push(Buffer.from(slice))
        else if (sink) await sink.write(slice)
        remaining -= take
        offset += take
        if (remaining === 0) await finishBody()
      } else {
        const take = Math.min(padding, chunk.length - offset)
        padding -= take
        offset += take
        if (padding === 0) state = 'header'
      }
    }
  }
  // Widened: TypeScript cannot see finishBody() changing `state`.
  const ended = state as string
  if (ended === 'body' || ended === 'pad' || (ended === 'header' && headerFill > 0)) {
    throw new Error('tar: the archive ended early')
  }
}

/** A sink that keeps an entry's bytes (for small files such as manifests), refusing large ones. */
export function collectingSink(limit: number, done: (bytes: Buffer) => void): TarSink {
  const chunks: Buffer[] = []
  let size = 0
  return {
    write(chunk) {
      size += chunk.length
      if (size > limit) throw new Error(`tar: an entry is larger than ${limit} bytes`)
      chunks.push(Buffer.from(chunk))
    },
    end() {
      done(Buffer.concat(chunks))
    }
  }
}

export interface TarIndexEntry {
  /** Byte offset of the entry's data in the file. */
  offset: number
  size: number
  type: string
}

/**
 * List a tar file's entries by reading only their headers (seeking over the data): cost grows
 * with the number of entries, not their size.
 */
export async function indexTarFile(file: string): Promise<Map<string, TarIndexEntry>> {
  const entries = new Map<string, TarIndexEntry>()
  const handle = await open(file, 'r')
  try {
    const { size: fileSize } = await handle.stat()
    const block = Buffer.alloc(BLOCK)
    const meta = new MetaState()
    let position = 0
    while (position + BLOCK <= fileSize) {
      await handle.read(block, 0, BLOCK, position)
      const raw = parseHeader(block)
      if (!raw) break
      const dataOffset = position + BLOCK
      if (META_TYPES.has(raw.type)) {
        if (raw.size > MAX_META) throw new Error(`tar: ${raw.type} header of ${raw.size} bytes is too large`)
        const body = Buffer.alloc(raw.size)
        await handle.read(body, 0, raw.size, dataOffset)
        meta.consume(raw.type, body)
      } else {
        const entry = meta.apply(raw)
        entries.set(entry.name, { offset: dataOffset, size: entry.size, type: entry.type })
        raw.size = entry.size
      }
      position = dataOffset + Math.ceil(raw.size / BLOCK) * BLOCK
    }
  } finally {
    await handle.close()
  }
  return entries
}

/** Read one byte range of a file. */
async function readRange(file: string, offset: number, size: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(size)
    const { bytesRead } = await handle.read(buffer, 0, size, offset)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** The files of an OCI image layout: `index.json` and content-addressed `blobs/<alg>/<hex>`. */
export interface LayoutSource {
  /** Where the layout is, for messages. */
  location: string
  readIndex(): Promise<Buffer>
  readBlob(digest: string): Promise<Buffer>
  /** A blob as a stream (a layer), read as it is consumed. */
  streamBlob(digest: string): AsyncIterable<Buffer>
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':')
  if (!algorithm || !hex || !/^[a-z0-9+._-]+$/.test(algorithm) || !/^[a-zA-Z0-9=_-]+$/.test(hex)) {
    throw new Error(`invalid digest "${digest}"`)
  }
  return `blobs/${algorithm}/${hex}`
}

/**
 * Open an OCI layout: a directory (buildx `--output type=oci,dest=DIR,tar=false`) or a tar file
 * of one (`type=oci,dest=FILE.tar`). Only index.json and the blobs asked for are read.
 */
export async function openLayout(location: string): Promise<LayoutSource> {
  const info = await stat(location)
  if (info.isDirectory()) {
    return {
      location,
      readIndex: () => readFile(path.join(location, 'index.json')),
      readBlob: digest => readFile(path.join(location, blobPath(digest))),
      streamBlob: digest =>
        createReadStream(path.join(location, blobPath(digest)), { highWaterMark: 1 << 20 })
    }
  }
  const entries = await indexTarFile(location)
  const read = async (name: string): Promise<Buffer> => {
    const entry = entries.get(name)
    if (!entry) throw Object.assign(new Error(`${name} is not in ${location}`), { code: 'ENOENT' })
    return readRange(location, entry.offset, entry.size)
  }
  const stream = (digest: string): AsyncIterable<Buffer> => {
    const name = blobPath(digest)
    const entry = entries.get(name)
    if (!entry) throw Object.assign(new Error(`${name} is not in ${location}`), { code: 'ENOENT' })
    if (entry.size === 0) return (async function* () {})()
    return createReadStream(location, {
      start: entry.offset,
      end: entry.offset + entry.size - 1,
      highWaterMark: 1 << 20
    })
  }
  return {
    location,
    readIndex: () => read('index.json'),
    readBlob: digest => read(blobPath(digest)),
    streamBlob: stream
  }
}
