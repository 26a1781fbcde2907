// Measuring an image: from the registry it was pushed to (manifests and configs only), from an
// OCI layout on disk, or from the local engine (docker inspect/history/save) when not pushed.
import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { engineGet } from '../engine/api.js'
import { run, runStream } from '../engine/docker.js'
import { UserError } from '../errors.js'
import { splitReference } from '../reference.js'
import type { LayerListing } from './files/aggregate.js'
import { listingSink } from './files/list.js'
import type { Baseline, ImageMeasurement, LayerInfo, PlatformMeasurement } from './model.js'
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
  sizeFrom?: 'baseline'
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
      ...(layer.mediaType ? { mediaType: layer.mediaType } : {}),
      ...(layer.sizeFrom ? { sizeFrom: layer.sizeFrom } : {})
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

const HISTORY_ARGS = ['history', '--no-trunc', '--human=false', '--format', '{{json .}}']

/** Reads an image's local facts (null when it is not there). */
export type LocalFactsReader = (reference: string) => Promise<LocalFacts | null>

/**
 * Local facts read once per reference: a run starts the read as soon as the image exists (while
 * the push runs), and the measurement takes the answer. With the engine's socket (src/engine/api.ts)
 * they are read from its API, with no docker process beside the push; else by the docker CLI.
 */
export function localFactsReader(docker: string, socket: string | null = null): LocalFactsReader {
  const read = new Map<string, Promise<LocalFacts | null>>()
  return reference => {
    let facts = read.get(reference)
    if (!facts) {
      facts = readLocalFacts(docker, reference, socket)
      read.set(reference, facts)
    }
    return facts
  }
}

/** The local engine's facts about `reference`, or null when it is not there. */
async function readLocalFacts(
  docker: string,
  reference: string,
  socket: string | null = null
): Promise<LocalFacts | null> {
  // undefined: the engine could not be asked (not reachable, an answer not understood).
  const asked = socket ? await readFromEngine(socket, reference).catch(() => undefined) : undefined
  if (asked !== undefined) return asked
  const [image, history] = await Promise.all([
    inspectLocal(docker, reference).catch(() => null),
    run(docker, [...HISTORY_ARGS, reference]).catch(() => null)
  ])
  if (!image) return null
  let historySizes: number[] | null = null
  try {
    if (history?.exitCode === 0) historySizes = parseDockerHistory(history.stdout)
  } catch {
    historySizes = null
  }
  return factsOf(image, historySizes)
}

/**
 * The same two reads from the engine's API (what `docker image inspect` and `docker history` ask
 * it): null when the image is not there, undefined when the answer is not one to read.
 */
async function readFromEngine(socket: string, reference: string): Promise<LocalFacts | null | undefined> {
  const name = encodeURI(reference)
  const [image, history] = await Promise.all([
    engineGet(socket, `/images/${name}/json`),
    engineGet(socket, `/images/${name}/history`)
  ])
  if (image.status === 404) return null
  if (image.status !== 200) return undefined
  let historySizes: number[] | null = null
  if (history.status === 200) historySizes = engineHistorySizes(history.body)
  return factsOf(JSON.parse(image.body) as LocalImage, historySizes)
}

/** The API's history (newest first, numeric sizes) as sizes oldest first, as parseDockerHistory. Pure. */
export function engineHistorySizes(body: string): number[] {
  const entries = JSON.parse(body) as Array<{ Size?: number }>
  if (!Array.isArray(entries)) throw new Error('the history is not a list')
  return entries.map(entry => Number(entry.Size ?? 0)).reverse()
}

function factsOf(image: LocalImage, historySizes: number[] | null): LocalFacts {
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
  /** Reads the local facts (default: `docker` reads them now). */
  localFacts?: LocalFactsReader
  /**
   * The pushed image in the local engine, by its ID (a tag may have been moved by another job on
   * the same engine); the reference itself when not given.
   */
  localReference?: string
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
  // The engine is asked while the registry answers.
  const docker = options.docker
  const localRead =
    docker === null
      ? Promise.resolve(null)
      : (options.localFacts ?? (r => readLocalFacts(docker ?? 'docker', r)))(
          options.localReference ?? reference
        )
  const root = await client.getManifest(ref)
  const source: ManifestSource = {
    manifest: digest => client.getManifest(ref, digest),
    config: async digest => (await client.getJsonBlob(ref, digest)) as ImageConfig
  }
  const platforms = await measureTree(root, source, options.concurrency ?? 6)
  if (platforms.length === 0) {
    throw new RegistryError(`${reference} has no image manifests (only attestations or an empty index).`)
  }
  const local = await localRead
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
  localFacts?: LocalFactsReader
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
  // The engine is asked while the layout is read.
  const localImage = options.localImage
  const localRead = localImage
    ? (options.localFacts ?? (r => readLocalFacts(options.docker ?? 'docker', r)))(localImage)
    : Promise.resolve(null)
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
  const local = await localRead
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
  /** `Layers`: the diff IDs, oldest first. */
  RootFS?: { Layers?: string[] }
}

async function inspectLocal(docker: string, image: string): Promise<LocalImage> {
  const result = await run(docker, ['image', 'inspect', '--format', '{{json .}}', image], {
    captureStderr: true
  })
  if (result.exitCode !== 0) {
    throw new UserError(
      `Image ${image} is not in the local Docker engine (docker image inspect: ${result.stderr?.trim() || `exit ${result.exitCode}`}).`
    )
  }
  return JSON.parse(result.stdout) as LocalImage
}

/**
 * On-disk size of a local image, or null when it is not present locally (a pushed image built on
 * another machine or for another platform): the sum of `docker history`'s sizes, which is the
 * unpacked size on both image stores, else `docker image inspect`'s Size (the classic store's
 * unpacked size; containerd's counts the compressed blobs). Two small commands: the cost does not
 * grow with the image's bytes.
 */
export async function localDiskSize(
  image: string,
  docker = 'docker',
  localFacts: LocalFactsReader = r => readLocalFacts(docker, r)
): Promise<number | null> {
  const facts = await localFacts(image)
  if (!facts) return null
  return facts.historySizes ? facts.historySizes.reduce((sum, n) => sum + n, 0) : facts.size
}

/** `name[:tag][@digest]` → name and tags, as the user wrote it (no registry defaults added). */
export function splitLocalReference(reference: string): { image: string; tags: string[] } {
  const { name, tag } = splitReference(reference)
  return { image: name, tags: tag === null ? [] : [tag] }
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

// ---- docker save: which layers to compress --------------------------------------------------

/** Compressed sizes a `docker save` measurement takes instead of compressing a layer: diff ID → bytes. */
export type KnownLayerSizes = ReadonlyMap<string, number>

/**
 * The compressed layer sizes of the baseline that a `docker save` measurement of `platform` may
 * reuse: every baseline layer of the same platform with a diff ID. These are exactly the layers
 * alignWithBaseline gives the baseline's size afterwards, so compressing them again would be
 * thrown away: a size from the registry or an OCI layout is the blob as pushed, and one from an
 * earlier `docker save` is the same gzip of the same bytes. Pure.
 */
export function knownLayerSizes(baseline: Baseline | null, platform: string): Map<string, number> {
  const known = new Map<string, number>()
  const before = baseline?.measurement.platforms.find(p => p.platform === platform)
  for (const layer of before?.layers ?? []) {
    if (layer.diffId && Number.isFinite(layer.compressed) && layer.compressed >= 0)
      known.set(layer.diffId, layer.compressed)
  }
  return known
}

/** Chain IDs of a layer stack: the first diff ID, then `sha256(parent + " " + diffId)` (image spec). */
export function chainIds(diffIds: readonly string[]): string[] {
  const chains: string[] = []
  for (const [i, diffId] of diffIds.entries()) {
    chains.push(i === 0 ? diffId : `sha256:${sha256(`${chains[i - 1]} ${diffId}`)}`)
  }
  return chains
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * The top-level members of a JSON object, each value kept as its exact text, or null for
 * anything that is not an object. Go writes compact JSON, so the texts are what it hashed.
 */
export function jsonMembers(text: string): Array<[string, string]> | null {
  const source = text.trim()
  if (!source.startsWith('{') || !source.endsWith('}')) return null
  try {
    JSON.parse(source)
  } catch {
    return null
  }
  const members: Array<[string, string]> = []
  let i = 1
  const skipSpace = (): void => {
    while (/\s/.test(source[i] ?? '')) i++
  }
  skipSpace()
  while (i < source.length - 1) {
    const keyStart = i
    i++
    while (source[i] !== '"') i += source[i] === '\\' ? 2 : 1
    const key = JSON.parse(source.slice(keyStart, i + 1)) as string
    i++
    skipSpace()
    i++ // the colon
    skipSpace()
    const valueStart = i
    let depth = 0
    let inString = false
    for (; i < source.length - 1; i++) {
      const c = source[i]
      if (inString) {
        if (c === '\\') i++
        else if (c === '"') inString = false
      } else if (c === '"') inString = true
      else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') depth--
      else if (c === ',' && depth === 0) break
    }
    members.push([key, source.slice(valueStart, i).trim()])
    i++ // the comma
    skipSpace()
  }
  return members
}

/**
 * Which layer a legacy `docker save` directory (`<id>/layer.tar`, Docker up to 24) holds, from its
 * `<id>/json`: the directory name is Docker's v1 ID, the sha256 of that JSON without `id`, with
 * the layer's chain ID as `layer_id` and the full parent ID, keys sorted (moby's v1.CreateID).
 * Layers below the top are hashed without the `os` that save adds afterwards. Each candidate is
 * checked by its hash, so a wrong guess is never taken: the answer is the index in `chains`, or
 * null (the layer is then compressed as before). Pure.
 */
export function legacyLayerIndex(dir: string, v1Json: string, chains: readonly string[]): number | null {
  const members = jsonMembers(v1Json)
  if (!members || !/^[0-9a-f]{64}$/.test(dir)) return null
  const fields = new Map(members.filter(([key]) => key !== 'id'))
  const parentText = fields.get('parent')
  fields.delete('parent')
  const parent = parentText ? (JSON.parse(parentText) as string) : null
  if (parent !== null && !/^[0-9a-f]{64}$/.test(parent)) return null
  const variants = [fields, new Map([...fields].filter(([key]) => key !== 'os'))]
  for (const [index, chain] of chains.entries()) {
    for (const variant of variants) {
      const hashed = new Map(variant)
      hashed.set('layer_id', JSON.stringify(chain))
      if (parent) hashed.set('parent', JSON.stringify(`sha256:${parent}`))
      const body = [...hashed.keys()]
        .sort()
        .map(key => `${JSON.stringify(key)}:${hashed.get(key)}`)
        .join(',')
      if (sha256(`{${body}}`) === dir) return index
    }
  }
  return null
}

/** What `docker save` tells about the layers before their bytes: diff IDs, and the v1 JSON files read so far. */
export interface SaveLayerFacts {
  diffIds: readonly string[]
  chains: readonly string[]
  /** `<id>/json` texts of the legacy layout, by entry name. */
  v1Json: (name: string) => string | undefined
}

/**
 * The diff ID of a `docker save` entry that holds a layer, where it can be told before its bytes
 * are read: `blobs/sha256/<hex>` (Docker 25+) names an uncompressed layer by its diff ID;
 * `<id>/layer.tar` (up to 24) is found through its v1 ID (legacyLayerIndex). Null otherwise. Pure.
 */
export function savedLayerDiffId(name: string, facts: SaveLayerFacts): string | null {
  const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name)
  if (blob) {
    const diffId = `sha256:${blob[1]}`
    return facts.diffIds.includes(diffId) ? diffId : null
  }
  const legacy = /^([0-9a-f]{64})\/layer\.tar$/.exec(name)
  if (!legacy) return null
  const json = facts.v1Json(`${legacy[1]}/json`)
  const index = json === undefined ? null : legacyLayerIndex(legacy[1]!, json, facts.chains)
  return index === null ? null : (facts.diffIds[index] ?? null)
}

// ---- docker save: counting compressed bytes -------------------------------------------------

/** At most `limit` holders at once; the others wait in turn. */
export class Slots {
  private free: number
  private readonly waiting: Array<() => void> = []
  constructor(limit: number) {
    this.free = Math.max(1, limit)
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--
      return
    }
    await new Promise<void>(resolve => this.waiting.push(resolve))
  }
  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.free++
  }
}

/** Bytes of a chunk compressed on its own; deflate's window (32 KiB) of the previous chunk is its dictionary. */
export const GZIP_CHUNK = 1 << 20
const WINDOW = 32 << 10
/** gzip's header (10 bytes) and trailer (CRC and length, 8 bytes) around the deflate stream. */
const GZIP_FRAME = 18
const deflateRaw = promisify(zlib.deflateRaw) as (
  buffer: Buffer,
  options: zlib.ZlibOptions
) => Promise<Buffer>

/**
 * Counts the gzip-compressed size of a layer, keeping no data: the layer is cut at fixed offsets
 * into GZIP_CHUNK pieces, each deflated on libuv's thread pool with the end of the previous one as
 * its dictionary (as pigz does), so the pieces of one layer, and of the next layer while this one
 * finishes, compress on all cores. `write` waits only for a free slot; `size` settles when every
 * piece is done. A layer of one piece counts exactly what gzip would; a longer one within a few
 * bytes per MiB (cut points are fixed, so the same bytes always count the same).
 */
export function chunkedGzipCounter(level: number, slots: Slots): { sink: TarSink; size: Promise<number> } {
  let parts: Buffer[] = []
  let fill = 0
  let previous: Buffer | undefined
  let total = GZIP_FRAME
  let submitted = 0
  const jobs: Promise<void>[] = []
  const submit = async (chunk: Buffer): Promise<void> => {
    const dictionary = previous
    previous = Buffer.from(chunk.subarray(Math.max(0, chunk.length - WINDOW)))
    submitted++
    await slots.acquire()
    const job = deflateRaw(chunk, dictionary ? { level, dictionary } : { level })
      .then(out => {
        total += out.length
      })
      .finally(() => slots.release())
    // Held until `size`: a failure surfaces there, never as an unhandled rejection.
    job.catch(() => undefined)
    jobs.push(job)
  }
  let ended!: () => void
  const done = new Promise<void>(resolve => (ended = resolve))
  const size = done.then(async () => {
    await Promise.all(jobs)
    return total
  })
  size.catch(() => undefined)
  return {
    size,
    sink: {
      async write(data) {
        let offset = 0
        while (offset < data.length) {
          const take = Math.min(GZIP_CHUNK - fill, data.length - offset)
          parts.push(data.subarray(offset, offset + take))
          fill += take
          offset += take
          if (fill === GZIP_CHUNK) {
            const chunk = Buffer.concat(parts, fill)
            parts = []
            fill = 0
            await submit(chunk)
          }
        }
      },
      async end() {
        if (fill > 0 || submitted === 0) await submit(Buffer.concat(parts, fill))
        parts = []
        ended()
      }
    }
  }
}

const MAX_JSON = 16 << 20

/** What one entry of a `docker save` archive turned out to be. */
export type SavedEntry =
  { kind: 'json'; bytes: Buffer } | { kind: 'layer'; compressed: Promise<number>; reused: boolean }

/** A layer's uncompressed tar, for a reader that looks inside layers (e.g. a file listing). */
export type LayerReader = (layer: { name: string; diffId: string | null; size: number }) => TarSink | null

export interface SavedEntryOptions {
  gzipLevel: number
  slots: Slots
  /** Reuse facts, waited for on a layer's first bytes (they may come from the baseline). */
  reuse?: () => Promise<{ known: KnownLayerSizes; facts: SaveLayerFacts } | null>
  onLayer?: LayerReader
}

/**
 * What to do with one file of a `docker save` archive. A layer whose diff ID is in the known
 * sizes is drained and takes that size. Otherwise it is decided on the first bytes, since which
 * files are layers is only certain from manifest.json at the end: JSON (configs, manifests) is
 * kept; a gzip blob (containerd image store) is already compressed and counts as is; anything
 * else (a layer tar: `<id>/layer.tar` up to Docker 24, `blobs/sha256/<hex>` from 25) is gzipped
 * in parallel pieces to count its compressed size.
 */
export function savedEntrySink(
  entry: TarEntry,
  options: SavedEntryOptions,
  found: (result: SavedEntry) => void
): TarSink {
  let target: TarSink | null = null
  let extra: TarSink | null = null
  // A legacy layer tar may begin with `{` or `[` (a file named so): never take it for JSON.
  const legacyLayer = /(^|\/)layer\.tar$/.test(entry.name)
  const layerLike = legacyLayer || /^blobs\/sha256\/[0-9a-f]{64}$/.test(entry.name)
  const choose = async (chunk: Buffer): Promise<TarSink> => {
    const reuse = layerLike && options.reuse ? await options.reuse() : null
    const diffId = reuse ? savedLayerDiffId(entry.name, reuse.facts) : null
    const knownSize = diffId === null ? undefined : reuse?.known.get(diffId)
    const gzipped = chunk[0] === 0x1f && chunk[1] === 0x8b
    const json = (chunk[0] === 0x7b || chunk[0] === 0x5b) && entry.size <= MAX_JSON
    if (knownSize === undefined && json && !legacyLayer) {
      return collectingSink(MAX_JSON, bytes => found({ kind: 'json', bytes }))
    }
    // A layer whose size the baseline knows is unchanged: nothing reads inside it.
    if (knownSize === undefined && options.onLayer) {
      extra = options.onLayer({ name: entry.name, diffId, size: entry.size })
    }
    if (knownSize !== undefined || gzipped) {
      const compressed = Promise.resolve(knownSize ?? entry.size)
      found({ kind: 'layer', compressed, reused: knownSize !== undefined })
      return { write: () => undefined, end: () => undefined }
    }
    const counter = chunkedGzipCounter(options.gzipLevel, options.slots)
    found({ kind: 'layer', compressed: counter.size, reused: false })
    return counter.sink
  }
  return {
    async write(chunk) {
      target ??= await choose(chunk)
      await Promise.all([target.write(chunk), extra?.write(chunk)])
    },
    async end() {
      if (!target) return found({ kind: 'layer', compressed: Promise.resolve(0), reused: false })
      await Promise.all([target.end(), extra?.end()])
    }
  }
}

export interface SavedImage {
  config: ImageConfig
  configSize: number
  /** Compressed size of each layer, in manifest.json order. */
  layers: number[]
  /** Per layer: the size is the known one (not compressed in this run). */
  reused: boolean[]
  /**
   * With `listLayers`: each layer's file listing, in manifest.json order; rejected for a layer
   * that was not listed (its size was known: unchanged) or could not be read.
   */
  listings?: Promise<LayerListing>[]
}

export interface ReadDockerSaveOptions {
  /** gzip level for the compressed estimate; 6 is what docker push uses by default. */
  gzipLevel?: number
  /** Known compressed sizes by diff ID, and the image's diff IDs, to skip compressing those layers. */
  reuse?: () => Promise<{ known: KnownLayerSizes; diffIds: readonly string[] } | null>
  /** Layers compressed at once; default: the machine's cores. */
  concurrency?: number
  /** Sees each new layer's bytes as they stream by (the seam for per-layer readers). */
  onLayer?: LayerReader
  /** List the files of each layer not known by size (the `listings` of the result). */
  listLayers?: boolean
}

/**
 * Read a `docker save` stream (either layout) once: compressed layer sizes and the config of its
 * first image. Layers with a known size are only drained; the others are compressed in parallel
 * pieces. Memory holds the JSON files and the pieces being compressed, never a whole layer.
 */
export async function readDockerSave(
  stream: AsyncIterable<Buffer>,
  options: ReadDockerSaveOptions = {}
): Promise<SavedImage> {
  const layers = new Map<string, { compressed: Promise<number>; reused: boolean }>()
  const json = new Map<string, Buffer>()
  const slots = new Slots(options.concurrency ?? availableParallelism())
  let reuse: Promise<{ known: KnownLayerSizes; facts: SaveLayerFacts } | null> | undefined
  const reuseOnce = options.reuse
    ? () =>
        (reuse ??= options.reuse!().then(given =>
          given
            ? {
                known: given.known,
                facts: {
                  diffIds: given.diffIds,
                  chains: chainIds(given.diffIds),
                  v1Json: (name: string) => json.get(name)?.toString('utf8')
                }
              }
            : null
        ))
    : undefined
  const listings = new Map<string, Promise<LayerListing>>()
  const onLayer: LayerReader | undefined = options.listLayers
    ? layer => {
        const { sink, listing } = listingSink()
        listing.catch(() => undefined)
        listings.set(layer.name, listing)
        return sink
      }
    : options.onLayer
  await readTarStream(stream, entry => {
    if (entry.type !== '0' && entry.type !== '\0') return null
    return savedEntrySink(
      entry,
      { gzipLevel: options.gzipLevel ?? 6, slots, reuse: reuseOnce, onLayer },
      result => {
        if (result.kind === 'json') json.set(entry.name, result.bytes)
        else {
          result.compressed.catch(() => undefined)
          layers.set(entry.name, result)
        }
      }
    )
  })
  const manifestBytes = json.get('manifest.json')
  if (!manifestBytes) throw new UserError('docker save produced no manifest.json.')
  const saved = (parseJson(manifestBytes, 'manifest.json') as Array<{ Config: string; Layers: string[] }>)[0]
  if (!saved) throw new UserError('docker save produced an empty manifest.json.')
  const configBytes = json.get(saved.Config)
  const config = (configBytes ? parseJson(configBytes, saved.Config) : {}) as ImageConfig
  const listed = saved.Layers.map(name => {
    const layer = layers.get(name)
    if (layer === undefined)
      throw new UserError(`docker save: layer ${name} listed in manifest.json is missing.`)
    return layer
  })
  return {
    config,
    configSize: configBytes?.length ?? 0,
    layers: await Promise.all(listed.map(l => l.compressed)),
    reused: listed.map(l => l.reused),
    ...(options.listLayers
      ? {
          listings: saved.Layers.map(name => {
            const listing = listings.get(name) ?? Promise.reject(new Error('not listed: unchanged'))
            listing.catch(() => undefined)
            return listing
          })
        }
      : {})
  }
}

export interface LocalMeasureOptions {
  docker?: string
  target?: string
  /** gzip level for the compressed estimate; 6 is what docker push uses by default. */
  gzipLevel?: number
  /**
   * Compressed sizes already known for this platform (the baseline's, see knownLayerSizes): those
   * layers are not compressed again and are marked `sizeFrom: 'baseline'`. Asked once the platform
   * is known; the layers wait for the answer.
   */
  knownSizes?: (platform: string) => Promise<KnownLayerSizes>
  /** Layers compressed at once; default: the machine's cores. */
  concurrency?: number
  now?: () => Date
  /** Also list each layer's files from the same stream (see measureLocalImageFiles). */
  listLayers?: boolean
}

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

/**
 * Measure an image that was built but not pushed, from the local engine: `docker image inspect`
 * (on-disk size, diff IDs), `docker history` (per-layer on-disk size) and one `docker save`, whose
 * layers are gzipped in parallel pieces for the compressed sizes, except those whose size is
 * known (`knownSizes`), which are only drained. The classic builder has no registry or OCI export
 * to read sizes from, so this fallback costs O(new layer bytes) of CPU, and O(image bytes) of
 * `docker save` (which writes and streams every layer whatever is done with it); memory stays
 * small. Compressed sizes are an estimate of what a push would produce; layer digests are unknown
 * (null).
 */
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
  const inspecting = inspectLocal(docker, reference)
  const inspected = settle(inspecting)
  const historyRun = settle(run(docker, [...HISTORY_ARGS, reference], { captureStderr: true }))
  const platformOf = (image: LocalImage): string =>
    platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant })
  const knownSizes = options.knownSizes
  const reuse = knownSizes
    ? async () => {
        const image = await inspecting
        return { known: await knownSizes(platformOf(image)), diffIds: image.RootFS?.Layers ?? [] }
      }
    : undefined

  const streamed = await runStream(docker, ['save', reference], stdout =>
    readDockerSave(stdout, {
      gzipLevel: options.gzipLevel ?? 6,
      concurrency: options.concurrency,
      listLayers: options.listLayers,
      // A failed lookup only means compressing every layer.
      reuse: reuse ? () => reuse().catch(() => null) : undefined
    })
  )
  const detail = streamed.stderr.trim()
  if (streamed.error !== undefined) {
    // An image that is not there fails all three reads: say so as inspect does.
    await unsettle(inspected)
    if (detail) throw new UserError(`docker save ${reference} failed: ${detail}`)
    throw streamed.error
  }
  const image = await unsettle(inspected)
  if (streamed.exitCode !== 0 || !streamed.value) {
    throw new UserError(`docker save ${reference} failed: ${detail || `exit ${streamed.exitCode}`}`)
  }
  const saved = streamed.value
  const history = await unsettle(historyRun)
  if (history.exitCode !== 0)
    throw new UserError(`docker history ${reference} failed: ${history.stderr?.trim() ?? ''}`)
  const historySizes = parseDockerHistory(history.stdout)
  const { config, configSize } = saved
  const disks = layerDiskSizes(historySizes, config.history, saved.layers.length)
  const layers = saved.layers.map((compressed, i) => ({
    digest: null,
    compressed,
    disk: disks[i] ?? null,
    mediaType: GZIP_LAYER,
    ...(saved.reused[i] ? { sizeFrom: 'baseline' as const } : {})
  }))
  const { image: name, tags } = splitLocalReference(reference)
  const measurement: ImageMeasurement = {
    image: name,
    target: options.target ?? '',
    tags,
    digest: null,
    platforms: [
      {
        platform: platformOf(image),
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
