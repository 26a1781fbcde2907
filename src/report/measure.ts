// Measuring an image: from the registry it was pushed to (manifests and configs only), from an
// OCI layout on disk, or from the local engine (docker inspect/history/save) when not pushed.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import { UserError } from '../errors.js'
import type { LayerListing } from './files/aggregate.js'
import { listingSink } from './files/list.js'
import type { ImageMeasurement, LayerInfo, PlatformMeasurement } from './model.js'
import {
  collectingSink,
  openLayout,
  readTarStream,
  type LayoutSource,
  type TarEntry,
  type TarSink
} from './oci-layout.js'
import {
  MEDIA_TYPES,
  RegistryClient,
  RegistryError,
  parseImageReference,
  type ImageReference
} from './registry.js'

export interface Platform {
  os?: string
  architecture?: string
  variant?: string
}

export interface Descriptor {
  mediaType?: string
  digest: string
  size: number
  platform?: Platform
  annotations?: Record<string, string>
}

export interface HistoryEntry {
  created_by?: string
  empty_layer?: boolean
  comment?: string
}

export interface ImageConfig extends Platform {
  history?: HistoryEntry[]
  rootfs?: { diff_ids?: string[] }
}

interface ManifestBody {
  schemaVersion?: number
  mediaType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
}

/** `os/arch[/variant]`; `unknown` for a missing part. */
export function platformString(platform: Platform | undefined): string {
  const os = platform?.os || 'unknown'
  const arch = platform?.architecture || 'unknown'
  return platform?.variant ? `${os}/${arch}/${platform.variant}` : `${os}/${arch}`
}

/** BuildKit's provenance/SBOM manifests sit in the index beside the images; they are not images. */
export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true
  return descriptor.platform?.os === 'unknown' && descriptor.platform?.architecture === 'unknown'
}

export type ManifestKind = 'index' | 'manifest'

/** Which shape a manifest has, from its media type or (for OCI, where it is optional) its fields. */
export function manifestKind(mediaType: string | undefined, body: unknown): ManifestKind {
  const manifest = body as ManifestBody
  if (mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList) return 'index'
  if (mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest) return 'manifest'
  if (manifest?.schemaVersion === 1) {
    throw new RegistryError(
      'Docker schema 1 manifests are not supported: push the image with a current client.'
    )
  }
  if (Array.isArray(manifest?.manifests)) return 'index'
  if (Array.isArray(manifest?.layers) && manifest?.config) return 'manifest'
  throw new RegistryError(`Unsupported manifest type "${mediaType ?? 'none'}".`)
}

/** The image manifests of an index worth measuring: attestation manifests and non-manifests left out. */
export function imageManifestsOf(index: unknown): Descriptor[] {
  const manifests = (index as ManifestBody).manifests ?? []
  return manifests.filter(d => !isAttestation(d))
}

/**
 * Turn a history `created_by` into the instruction people wrote: drop the classic builder's
 * `/bin/sh -c #(nop) ` (metadata instructions), its `|N ARG=… ` build-arg prefix and shell, and
 * BuildKit's `RUN … # buildkit` wrapping, so `RUN |1 V=1 /bin/sh -c make # buildkit` → `RUN make`.
 */
export function cleanCreatedBy(raw: string | undefined): string {
  let text = (raw ?? '').trim()
  text = text.replace(/\s*# buildkit$/, '')
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text)
  if (nop) return text.slice(nop[0].length).trim()
  let run = false
  if (text.startsWith('RUN ')) {
    run = true
    text = text.slice(4).trimStart()
  }
  const args = /^\|(\d+)\s+/.exec(text)
  if (args) {
    text = text.slice(args[0].length)
    for (let i = 0; i < Number(args[1]); i++) {
      const assignment = /^[A-Za-z_][A-Za-z0-9_]*=\S*\s*/.exec(text)
      if (!assignment) break
      text = text.slice(assignment[0].length)
    }
    run = true
  }
  const shell = /^\/bin\/sh -c\s+/.exec(text)
  if (shell) {
    text = text.slice(shell[0].length)
    run = true
  }
  return run ? `RUN ${text.trim()}` : text
}

export interface LayerSizes {
  digest: string | null
  compressed: number
  disk: number | null
  mediaType?: string
}

/** What `docker save` estimates: each layer gzipped, as a classic-store push compresses it. */
export const GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip'

/**
 * Pair layers with the config history: each history entry without `empty_layer` made the next
 * layer. A history that is missing or shorter than the layers leaves `createdBy` empty.
 */
export function joinHistory(
  layers: LayerSizes[],
  history: HistoryEntry[] | undefined,
  diffIds: readonly string[] = []
): LayerInfo[] {
  const makers = (history ?? []).filter(entry => !entry.empty_layer)
  return layers.map((layer, i) => {
    const entry = makers[i]
    const instruction = cleanCreatedBy(entry?.created_by)
    const createdBy =
      instruction || (entry?.comment && !entry.comment.startsWith('buildkit') ? entry.comment : '')
    const diffId = diffIds[i]
    return {
      digest: layer.digest,
      compressed: layer.compressed,
      disk: layer.disk,
      createdBy,
      ...(diffId ? { diffId } : {}),
      ...(layer.mediaType ? { mediaType: layer.mediaType } : {})
    }
  })
}

/** One platform's numbers from its manifest and config; sizes come from the descriptors only. */
export function measureManifest(
  manifest: unknown,
  config: ImageConfig,
  platform?: Platform
): PlatformMeasurement {
  const body = manifest as ManifestBody
  const layers = (body.layers ?? []).map(l => ({
    digest: l.digest,
    compressed: l.size,
    disk: null,
    mediaType: l.mediaType
  }))
  const compressed = layers.reduce((sum, l) => sum + l.compressed, 0) + (body.config?.size ?? 0)
  return {
    platform: platformString(platform?.os ? platform : config),
    compressed,
    disk: null,
    layers: joinHistory(layers, config.history, config.rootfs?.diff_ids)
  }
}

/** Run `fn` over `items` with at most `limit` calls in flight, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}

interface ManifestSource {
  manifest(digest: string): Promise<{ mediaType?: string; body: unknown }>
  config(digest: string): Promise<ImageConfig>
}

/** A platform as measured, with what it takes to recognise it in the local engine. */
export interface MeasuredPlatform extends PlatformMeasurement {
  configDigest: string
  /** Digest of the platform's image manifest, where known. */
  manifestDigest: string | null
  /** The config's history, to line `docker history` rows up with layers. */
  history?: HistoryEntry[]
}

/** Measure every image platform under a root manifest or index (nested indexes followed). */
async function measureTree(
  root: { mediaType?: string; body: unknown; digest?: string | null },
  source: ManifestSource,
  concurrency: number,
  platform?: Platform
): Promise<MeasuredPlatform[]> {
  if (manifestKind(root.mediaType, root.body) === 'manifest') {
    const configDigest = (root.body as ManifestBody).config!.digest
    const config = await source.config(configDigest)
    return [
      {
        ...measureManifest(root.body, config, platform),
        configDigest,
        manifestDigest: root.digest ?? null,
        history: config.history
      }
    ]
  }
  const children = imageManifestsOf(root.body)
  const measured = await mapLimit(children, concurrency, async child => {
    const fetched = await source.manifest(child.digest)
    return measureTree(
      { mediaType: fetched.mediaType ?? child.mediaType, body: fetched.body, digest: child.digest },
      source,
      concurrency,
      child.platform
    )
  })
  return measured.flat()
}

/** What the local engine knows about an image: `docker image inspect` and `docker history`. */
export interface LocalFacts {
  /** `.Id`: the config digest on the classic image store, the manifest or index digest on containerd's. */
  id: string
  /**
   * `.Size`: bytes unpacked on the classic image store; on containerd's, the size of the stored
   * blobs (compressed), which is why the sum of `docker history`'s sizes is preferred.
   */
  size: number
  platform: string
  /** `docker history` sizes, oldest first, one per config history entry; null when unread. */
  historySizes: number[] | null
}

/**
 * Fill the on-disk sizes that a registry or OCI layout cannot give, from the same image in the
 * local engine: a platform is the local image when the local ID is its config digest (classic
 * store), its manifest digest, or the root index digest with the same platform (containerd
 * store). Its layers take `docker history`'s sizes; any layer elsewhere with the same diff ID (same
 * content) takes the same size. A platform whose every layer is known gets their sum; else only the
 * classic store's `.Size` is a size on disk. Pure.
 */
export function applyLocalSizes(
  platforms: readonly MeasuredPlatform[],
  local: LocalFacts | null,
  rootDigest: string | null
): PlatformMeasurement[] {
  const strip = ({ manifestDigest: _m, history: _h, ...p }: MeasuredPlatform) => p
  if (!local) return platforms.map(strip)
  const isLocal = (p: MeasuredPlatform): boolean =>
    local.id === p.configDigest ||
    local.id === p.manifestDigest ||
    (local.id === rootDigest && local.platform === p.platform)
  const byDiffId = new Map<string, number>()
  const own = new Map<MeasuredPlatform, (number | null)[]>()
  for (const p of platforms.filter(isLocal)) {
    if (!local.historySizes) continue
    const sizes = layerDiskSizes(local.historySizes, p.history, p.layers.length)
    own.set(p, sizes)
    p.layers.forEach((l, i) => {
      const size = sizes[i]
      if (l.diffId && size !== null && size !== undefined) byDiffId.set(l.diffId, size)
    })
  }
  return platforms.map(p => {
    const layers = p.layers.map((l, i) => {
      const disk = l.disk ?? own.get(p)?.[i] ?? (l.diffId ? byDiffId.get(l.diffId) : undefined) ?? null
      return disk === l.disk ? l : { ...l, disk }
    })
    const known = layers.length > 0 && layers.every(l => l.disk !== null)
    const disk = known
      ? layers.reduce((sum, l) => sum + (l.disk ?? 0), 0)
      : local.id === p.configDigest
        ? local.size
        : p.disk
    return { ...strip(p), disk, layers }
  })
}

/** The local engine's facts about `reference`, or null when it is not there. */
async function readLocalFacts(docker: string, reference: string): Promise<LocalFacts | null> {
  const [image, history] = await Promise.all([
    inspectLocal(docker, reference).catch(() => null),
    runCommand(docker, ['history', '--no-trunc', '--human=false', '--format', '{{json .}}', reference]).catch(
      () => null
    )
  ])
  if (!image) return null
  let historySizes: number[] | null = null
  try {
    if (history?.code === 0) historySizes = parseDockerHistory(history.stdout)
  } catch {
    historySizes = null
  }
  return {
    id: image.Id,
    size: image.Size,
    platform: platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant }),
    historySizes
  }
}

export interface RegistryMeasureOptions {
  /** The stage measured, recorded in the result. */
  target?: string
  client?: RegistryClient
  /** Platform manifests and configs fetched at once. */
  concurrency?: number
  /**
   * Docker client used to read the on-disk sizes of a platform that is also present locally
   * (see applyLocalSizes); null skips it, leaving `disk` null.
   */
  docker?: string | null
  now?: () => Date
}

/**
 * Measure a pushed image from its registry: the manifest (or index, then each image manifest)
 * and each config blob. Cost grows with the number of platforms and layers, never with their
 * bytes. `disk` is only filled where the image is also in the local engine (a loaded image).
 */
export async function measureFromRegistry(
  reference: string,
  options: RegistryMeasureOptions = {}
): Promise<ImageMeasurement> {
  const ref = parseImageReference(reference)
  const client = options.client ?? new RegistryClient()
  const root = await client.getManifest(ref)
  const source: ManifestSource = {
    manifest: digest => client.getManifest(ref, digest),
    config: async digest => (await client.getJsonBlob(ref, digest)) as ImageConfig
  }
  const platforms = await measureTree(root, source, options.concurrency ?? 6)
  if (platforms.length === 0) {
    throw new RegistryError(`${reference} has no image manifests (only attestations or an empty index).`)
  }
  const local = options.docker === null ? null : await readLocalFacts(options.docker ?? 'docker', reference)
  return {
    image: ref.name,
    target: options.target ?? '',
    tags: ref.tag === null ? [] : [ref.tag],
    digest: ref.digest ?? root.digest,
    platforms: applyLocalSizes(platforms, local, root.digest),
    measuredAt: (options.now?.() ?? new Date()).toISOString(),
    source: 'registry'
  }
}

export interface LayoutMeasureOptions {
  target?: string
  /** Image name to record; default: the index's `io.containerd.image.name` annotation. */
  image?: string
  tags?: string[]
  concurrency?: number
  /**
   * The same image loaded in the local engine (a build with two outputs), for on-disk sizes;
   * see applyLocalSizes. Absent: `disk` stays null.
   */
  localImage?: string | null
  docker?: string
  now?: () => Date
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    throw new UserError(`${what} is not valid JSON.`)
  }
}

/**
 * Measure an OCI image layout (buildx `--output type=oci,dest=DIR,tar=false`, or the tar file of
 * one): index.json, then manifests and configs from `blobs/`; sizes come from the descriptors.
 * The digest is the top descriptor's when there is one: the digest a push would produce.
 */
export async function measureOciLayout(
  location: string,
  options: LayoutMeasureOptions = {}
): Promise<ImageMeasurement> {
  let layout: LayoutSource
  let index: unknown
  try {
    layout = await openLayout(location)
    index = parseJson(await layout.readIndex(), `${location}/index.json`)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`Cannot read the OCI layout at ${location}: ${(error as Error).message}`)
  }
  const readBlob = async (digest: string): Promise<unknown> => {
    try {
      return parseJson(await layout.readBlob(digest), `Blob ${digest} in ${location}`)
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError(`The OCI layout at ${location} lacks blob ${digest}: ${(error as Error).message}`)
    }
  }
  const source: ManifestSource = {
    manifest: async digest => {
      const body = await readBlob(digest)
      return { mediaType: (body as ManifestBody).mediaType, body }
    },
    config: async digest => (await readBlob(digest)) as ImageConfig
  }
  const top = imageManifestsOf(index)
  const platforms = await measureTree(
    { mediaType: MEDIA_TYPES.ociIndex, body: index },
    source,
    options.concurrency ?? 6
  )
  if (platforms.length === 0) throw new UserError(`The OCI layout at ${location} holds no image manifests.`)
  const local = options.localImage
    ? await readLocalFacts(options.docker ?? 'docker', options.localImage)
    : null
  const annotations = top[0]?.annotations ?? {}
  const fullName = annotations['io.containerd.image.name']
  const parsed = fullName ? safeParse(fullName) : null
  const refName = annotations['org.opencontainers.image.ref.name']
  return {
    image: options.image ?? parsed?.name ?? '',
    target: options.target ?? '',
    tags: options.tags ?? (parsed?.tag ? [parsed.tag] : refName && !refName.includes('/') ? [refName] : []),
    digest: top.length === 1 ? top[0]!.digest : null,
    platforms: applyLocalSizes(platforms, local, top.length === 1 ? top[0]!.digest : null),
    measuredAt: (options.now?.() ?? new Date()).toISOString(),
    source: 'oci-layout'
  }
}

function safeParse(reference: string): ImageReference | null {
  try {
    return parseImageReference(reference)
  } catch {
    return null
  }
}

// ---- The local engine -------------------------------------------------------------------------

interface LocalImage {
  Id: string
  Size: number
  Os?: string
  Architecture?: string
  Variant?: string
}

interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

function runCommand(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', error =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new UserError(`${command} was not found: is Docker installed?`)
          : error
      )
    )
    child.on('close', code =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    )
  })
}

async function inspectLocal(docker: string, image: string): Promise<LocalImage> {
  const result = await runCommand(docker, ['image', 'inspect', '--format', '{{json .}}', image])
  if (result.code !== 0) {
    throw new UserError(
      `Image ${image} is not in the local Docker engine (docker image inspect: ${result.stderr.trim() || `exit ${result.code}`}).`
    )
  }
  return JSON.parse(result.stdout) as LocalImage
}

/**
 * On-disk size of a local image, or null when it is not present locally (a pushed image built on
 * another machine or for another platform): the sum of `docker history`'s sizes, which is the
 * unpacked size on both image stores, else `docker image inspect`'s Size (the classic store's
 * unpacked size; containerd's counts the compressed blobs).
 */
export async function localDiskSize(image: string, docker = 'docker'): Promise<number | null> {
  const facts = await readLocalFacts(docker, image)
  if (!facts) return null
  return facts.historySizes ? facts.historySizes.reduce((sum, n) => sum + n, 0) : facts.size
}

/** `name[:tag][@digest]` → name and tags, as the user wrote it (no registry defaults added). */
export function splitLocalReference(reference: string): { image: string; tags: string[] } {
  const withoutDigest = reference.split('@')[0] ?? reference
  const slash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.indexOf(':', slash + 1)
  if (colon < 0) return { image: withoutDigest, tags: [] }
  return { image: withoutDigest.slice(0, colon), tags: [withoutDigest.slice(colon + 1)] }
}

/** `docker history --human=false` sizes, oldest first, aligned one to one with the config history. */
export function parseDockerHistory(output: string): number[] {
  return output
    .split('\n')
    .filter(line => line.trim())
    .map(line => Number((JSON.parse(line) as { Size?: string | number }).Size ?? 0))
    .reverse()
}

/**
 * Per-layer on-disk sizes: `docker history` lists one row per config history entry, so the rows
 * of entries that made a layer give the layers' sizes. Null when the two disagree in length.
 */
export function layerDiskSizes(
  historySizes: number[],
  history: HistoryEntry[] | undefined,
  layers: number
): (number | null)[] {
  if (!history || history.length !== historySizes.length) return Array<null>(layers).fill(null)
  const sizes = history.flatMap((entry, i) => (entry.empty_layer ? [] : [historySizes[i] ?? null]))
  return Array.from({ length: layers }, (_, i) => sizes[i] ?? null)
}

/** Counts the gzip-compressed size of what is written, keeping no data. */
function gzipCounter(level: number): {
  sink: { write(chunk: Buffer): Promise<void> | void; end(): Promise<void> }
  bytes: () => number
} {
  const gzip = createGzip({ level })
  let bytes = 0
  gzip.on('data', (chunk: Buffer) => {
    bytes += chunk.length
  })
  return {
    bytes: () => bytes,
    sink: {
      write: chunk => (gzip.write(chunk) ? undefined : once(gzip, 'drain').then(() => undefined)),
      end: async () => {
        const ended = once(gzip, 'end')
        gzip.end()
        await ended
      }
    }
  }
}

const MAX_JSON = 16 << 20

/**
 * What to do with one file of a `docker save` archive, decided on its first bytes, since which
 * files are layers is only known from manifest.json at the end: JSON (configs, manifests) is
 * kept; a gzip blob (containerd image store) is already compressed and counts as is; anything
 * else (a layer tar: `<id>/layer.tar` up to Docker 24, `blobs/sha256/<hex>` from 25) is gzipped
 * to count its compressed size. Works for both layouts of `docker save`.
 */
const noFinish = (): void => undefined

/** Both sinks get every chunk; each write waits for both. */
function tee(a: TarSink, b: TarSink): TarSink {
  return {
    async write(chunk) {
      await Promise.all([a.write(chunk), b.write(chunk)])
    },
    async end() {
      await Promise.all([a.end(), b.end()])
    }
  }
}

export function savedEntrySink(
  entry: TarEntry,
  gzipLevel: number,
  found: { json(bytes: Buffer): void; compressed(bytes: number): void },
  /** Where a layer's bytes also go (its file listing), decided with the layer. */
  alsoLayer?: () => TarSink
): TarSink {
  let target: TarSink | null = null
  let finish: () => void = noFinish
  return {
    write(chunk) {
      if (!target) {
        if ((chunk[0] === 0x7b || chunk[0] === 0x5b) && entry.size <= MAX_JSON) {
          target = collectingSink(MAX_JSON, found.json)
        } else if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          target = { write: () => undefined, end: () => undefined }
          finish = () => found.compressed(entry.size)
        } else {
          const counter = gzipCounter(gzipLevel)
          target = counter.sink
          finish = () => found.compressed(counter.bytes())
        }
        // Not JSON: a layer, gzipped (containerd store) or a plain tar.
        if (alsoLayer && finish !== noFinish) target = tee(target, alsoLayer())
      }
      return target.write(chunk)
    },
    async end() {
      if (!target) return found.compressed(0)
      await target.end()
      finish()
    }
  }
}

export interface SavedImage {
  config: ImageConfig
  configSize: number
  /** Compressed size of each layer, in manifest.json order. */
  layers: number[]
  /** Each layer's file listing (with `listLayers`), in manifest.json order; rejected if unreadable. */
  listings?: Promise<LayerListing>[]
}

/**
 * Read a `docker save` stream (either layout) once: compressed layer sizes and the config of its
 * first image. Memory holds only the JSON files, never a layer.
 */
export async function readDockerSave(
  stream: AsyncIterable<Buffer>,
  gzipLevel = 6,
  options: { listLayers?: boolean } = {}
): Promise<SavedImage> {
  const compressed = new Map<string, number>()
  const json = new Map<string, Buffer>()
  const listings = new Map<string, Promise<LayerListing>>()
  await readTarStream(stream, entry => {
    if (entry.type !== '0' && entry.type !== '\0') return null
    const alsoLayer = options.listLayers
      ? () => {
          const { sink, listing } = listingSink()
          listings.set(entry.name, listing)
          return sink
        }
      : undefined
    return savedEntrySink(
      entry,
      gzipLevel,
      {
        json: bytes => json.set(entry.name, bytes),
        compressed: bytes => compressed.set(entry.name, bytes)
      },
      alsoLayer
    )
  })
  const manifestBytes = json.get('manifest.json')
  if (!manifestBytes) throw new UserError('docker save produced no manifest.json.')
  const saved = (parseJson(manifestBytes, 'manifest.json') as Array<{ Config: string; Layers: string[] }>)[0]
  if (!saved) throw new UserError('docker save produced an empty manifest.json.')
  const configBytes = json.get(saved.Config)
  const config = (configBytes ? parseJson(configBytes, saved.Config) : {}) as ImageConfig
  const layers = saved.Layers.map(name => {
    const size = compressed.get(name)
    if (size === undefined)
      throw new UserError(`docker save: layer ${name} listed in manifest.json is missing.`)
    return size
  })
  const listed = options.listLayers
    ? saved.Layers.map(name => listings.get(name) ?? Promise.reject(new Error('not read')))
    : undefined
  listed?.forEach(p => p.catch(() => undefined))
  return { config, configSize: configBytes?.length ?? 0, layers, ...(listed ? { listings: listed } : {}) }
}

export interface LocalMeasureOptions {
  docker?: string
  target?: string
  /** gzip level for the compressed estimate; 6 is what docker push uses by default. */
  gzipLevel?: number
  now?: () => Date
  /** Also list each layer's files from the same stream (see measureLocalImageFiles). */
  listLayers?: boolean
}

/**
 * Measure an image that was built but not pushed, from the local engine: `docker image inspect`
 * (on-disk size), `docker history` (per-layer on-disk size) and `docker save` streamed through
 * gzip, layer by layer, for the compressed sizes. The classic builder has no registry or OCI
 * export to read sizes from, so this fallback costs O(image bytes) of CPU; memory stays small
 * (the tar is streamed, only manifest.json and the config are kept). Compressed sizes are an
 * estimate of what a push would produce; layer digests are unknown (null).
 */
/** A promise whose rejection is held until awaited with unsettle (no unhandled rejection meanwhile). */
function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    value => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )
}

async function unsettle<T>(
  settled: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>
): Promise<T> {
  const result = await settled
  if (!result.ok) throw result.error
  return result.value
}

export async function measureLocalImage(
  reference: string,
  options: LocalMeasureOptions = {}
): Promise<ImageMeasurement> {
  return (await measureLocalImageFiles(reference, options)).measurement
}

/**
 * measureLocalImage, plus (with `listLayers`) each layer's file listing, in layer order, read from
 * the same `docker save` stream the compressed sizes come from: no second read of the image.
 */
export async function measureLocalImageFiles(
  reference: string,
  options: LocalMeasureOptions = {}
): Promise<{ measurement: ImageMeasurement; listings: Promise<LayerListing>[] | null }> {
  const docker = options.docker ?? 'docker'
  // inspect and history run while docker save streams: three reads of the same image at once.
  const inspected = settle(inspectLocal(docker, reference))
  const historyRun = settle(
    runCommand(docker, ['history', '--no-trunc', '--human=false', '--format', '{{json .}}', reference])
  )

  const child = spawn(docker, ['save', reference], { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: Buffer[] = []
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  const exited = once(child, 'close') as Promise<[number | null]>
  let saved: SavedImage
  try {
    saved = await readDockerSave(child.stdout, options.gzipLevel ?? 6, { listLayers: options.listLayers })
  } catch (error) {
    child.kill()
    await exited
    // An image that is not there fails all three reads: say so as inspect does.
    await unsettle(inspected)
    const detail = Buffer.concat(stderr).toString('utf8').trim()
    if (detail) throw new UserError(`docker save ${reference} failed: ${detail}`)
    throw error
  }
  const [code] = await exited
  const image = await unsettle(inspected)
  if (code !== 0) {
    throw new UserError(`docker save ${reference} failed: ${Buffer.concat(stderr).toString('utf8').trim()}`)
  }
  const history = await unsettle(historyRun)
  if (history.code !== 0) throw new UserError(`docker history ${reference} failed: ${history.stderr.trim()}`)
  const historySizes = parseDockerHistory(history.stdout)
  const { config, configSize } = saved
  const disks = layerDiskSizes(historySizes, config.history, saved.layers.length)
  const layers = saved.layers.map((compressed, i) => ({
    digest: null,
    compressed,
    disk: disks[i] ?? null,
    mediaType: GZIP_LAYER
  }))
  const { image: name, tags } = splitLocalReference(reference)
  const measurement: ImageMeasurement = {
    image: name,
    target: options.target ?? '',
    tags,
    digest: null,
    platforms: [
      {
        platform: platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant }),
        compressed: layers.reduce((sum, l) => sum + l.compressed, 0) + configSize,
        // The layers' unpacked sizes when all are known: containerd's Size counts compressed blobs.
        disk: layers.every(l => l.disk !== null)
          ? layers.reduce((sum, l) => sum + (l.disk ?? 0), 0)
          : image.Size,
        layers: joinHistory(layers, config.history, config.rootfs?.diff_ids)
      }
    ],
    measuredAt: (options.now?.() ?? new Date()).toISOString(),
    source: 'docker-save'
  }
  return { measurement, listings: saved.listings ?? null }
}
