// Sizes: parsing the budget inputs, formatting bytes for people, and comparing an image with its
// baseline (per platform and per layer). Pure functions, tested by tables.
import { UserError } from '../errors.js'
import type { Baseline, ImageMeasurement, LayerInfo, PlatformMeasurement } from './model.js'

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
}

const SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i

/**
 * Bytes from a human size. Units are case-insensitive: `B`; decimal `kB`/`KB`, `MB`, `GB`, `TB`
 * (powers of 1000, as registries and `docker images` report sizes); binary `KiB`, `MiB`, `GiB`,
 * `TiB` (powers of 1024). A plain integer is bytes. Decimals (`1.5GB`) and spaces (`150 MB`) are
 * accepted; the result is rounded to whole bytes. `name` is the input's name for the error.
 */
export function parseSize(input: string, name = 'size'): number {
  const bytes = trySize(input)
  if (bytes === null) {
    throw new UserError(`${name}: ${JSON.stringify(input)} is not a size; use e.g. 150MB or 157286400`)
  }
  return bytes
}

function trySize(input: string): number | null {
  const match = SIZE_PATTERN.exec(input.trim())
  if (!match) return null
  const [, number = '', unit = ''] = match
  const factor = unit === '' ? 1 : UNITS[unit.toLowerCase()]
  if (factor === undefined) return null
  // Plain numbers are bytes, and a fraction of a byte means a typo, not a size.
  if (unit === '' && number.includes('.')) return null
  const bytes = Math.round(Number(number) * factor)
  return Number.isSafeInteger(bytes) ? bytes : null
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number }

/** `max-increase`: a percentage of the baseline (`10%`, `2.5 %`) or a size (`5MB`, `1048576`). */
export function parseIncrease(input: string, name = 'max-increase'): Increase {
  const text = input.trim()
  const percent = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(text)
  if (percent) return { kind: 'percent', value: Number(percent[1]) }
  const bytes = trySize(text)
  if (bytes === null) {
    throw new UserError(
      `${name}: ${JSON.stringify(input)} is neither a percentage nor a size; use e.g. 10% or 5MB`
    )
  }
  return { kind: 'bytes', value: bytes }
}

const DISPLAY_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** Bytes for people, in decimal units with three significant digits: `999 B`, `12.3 MB`, `1.50 GB`. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes)
  let unit = 0
  while (unit < DISPLAY_UNITS.length - 1 && Math.round(abs / 1000 ** unit) >= 1000) unit++
  const sign = bytes < 0 ? '−' : ''
  if (unit === 0) return `${sign}${Math.round(abs)} B`
  let value = abs / 1000 ** unit
  // 999.96 kB would print as "1000 kB": step up instead.
  if (Number(value.toPrecision(3)) >= 1000 && unit < DISPLAY_UNITS.length - 1) {
    unit++
    value = abs / 1000 ** unit
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${sign}${value.toFixed(digits)} ${DISPLAY_UNITS[unit]}`
}

/** A size change: `+1.20 MB`, `−340 kB`, `±0 B`. Uses the minus sign (U+2212) like the percentages. */
export function formatSignedBytes(bytes: number): string {
  if (bytes === 0) return '±0 B'
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes)
}

/** A percentage with one decimal; `signed` adds `+`/`−` (changes), otherwise plain (shares). */
export function formatPercent(percent: number, signed = false): string {
  const rounded = Math.abs(percent) < 0.05 ? 0 : percent
  const text = `${Math.abs(rounded).toFixed(1)}%`
  if (!signed) return rounded < 0 ? `−${text}` : text
  if (rounded === 0) return `±${text}`
  return rounded > 0 ? `+${text}` : `−${text}`
}

/** Change from `before` to `after` in percent of `before`; null when there is nothing to divide by. */
export function percentChange(before: number, after: number): number | null {
  if (before <= 0) return null
  return ((after - before) / before) * 100
}

export interface SizeDelta {
  current: number | null
  baseline: number | null
  /** current − baseline; null when either side is missing. */
  deltaBytes: number | null
  percent: number | null
}

export interface PlatformDelta extends SizeDelta {
  platform: string
  /** `compared`: on both sides; `new`/`removed`: on one side only; `no-baseline`: nothing to compare. */
  status: 'compared' | 'new' | 'removed' | 'no-baseline'
}

export interface SizeComparison {
  hasBaseline: boolean
  /**
   * Sum over all platforms of each side (compressed). A platform added or removed moves the total,
   * which is why the per-platform rows carry their own status.
   */
  total: SizeDelta
  /** Current platforms in image order, then removed ones. */
  platforms: PlatformDelta[]
}

function delta(current: number | null, baseline: number | null): SizeDelta {
  const both = current !== null && baseline !== null
  return {
    current,
    baseline,
    deltaBytes: both ? current - baseline : null,
    percent: both ? percentChange(baseline, current) : null
  }
}

/**
 * A locally measured image (`docker save` through gzip) carries compressed sizes that are only
 * estimates; where a layer's content (diff ID) is also in the baseline, the baseline's pushed
 * size is the true one. So an unchanged layer never shows as changed because two gzips differ.
 */
export function alignWithBaseline(current: ImageMeasurement, baseline: Baseline | null): ImageMeasurement {
  if (!baseline || current.source !== 'docker-save') return current
  const platforms = current.platforms.map(p => {
    const before = baseline.measurement.platforms.find(b => b.platform === p.platform)
    const pushed = new Map<string, LayerInfo>()
    for (const layer of before?.layers ?? []) if (layer.diffId) pushed.set(layer.diffId, layer)
    if (pushed.size === 0) return p
    let compressed = p.compressed
    const layers = p.layers.map(layer => {
      const match = layer.diffId ? pushed.get(layer.diffId) : undefined
      if (!match) return layer
      compressed += match.compressed - layer.compressed
      // The pushed blob's size comes with its media type: it may have been pushed uncompressed.
      const mediaType = match.mediaType ?? layer.mediaType
      return {
        ...layer,
        compressed: match.compressed,
        digest: match.digest,
        ...(mediaType ? { mediaType } : {})
      }
    })
    return { ...p, compressed, layers }
  })
  return { ...current, platforms }
}

export type LayerCompression = 'gzip' | 'zstd' | 'none' | 'unknown'

/**
 * How a layer blob is compressed, from its media type: OCI's `…layer.v1.tar+gzip`/`+zstd`/`.tar`
 * (also `nondistributable`), Docker's `…rootfs.diff.tar.gzip`/`.tar`. Missing (records of older
 * runs) or anything else (encrypted, artifacts) is unknown, never uncompressed. Pure.
 */
export function layerCompression(mediaType: string | undefined): LayerCompression {
  const type = (mediaType ?? '').trim().toLowerCase()
  if (!type) return 'unknown'
  if (/[+.]gzip$/.test(type)) return 'gzip'
  if (/[+.]zstd$/.test(type)) return 'zstd'
  if (
    /^application\/vnd\.(oci\.image\.layer\.(nondistributable\.)?v1|docker\.image\.rootfs\.(foreign\.)?diff)\.tar$/.test(
      type
    )
  )
    return 'none'
  return 'unknown'
}

export interface UncompressedLayers {
  /** Layers pushed without compression, over all platforms. */
  count: number
  /** Their bytes as pushed: what every pull downloads for them. */
  bytes: number
  /**
   * The same layers compressed, where every one has a compressed twin (same diff ID) in the
   * baseline or another platform; else null (nothing measured says what gzip would make of them).
   */
  compressedBytes: number | null
}

/**
 * The layers a pull downloads whole because they were pushed uncompressed (engine 25+ with the
 * containerd image store pushes layers brought in by `docker load`/`docker import` as they are).
 * Null when there are none. Pure.
 */
export function uncompressedLayers(
  platforms: readonly PlatformMeasurement[],
  elsewhere: readonly LayerInfo[] = []
): UncompressedLayers | null {
  const twins = new Map<string, number>()
  for (const layer of [...platforms.flatMap(p => p.layers), ...elsewhere]) {
    const kind = layerCompression(layer.mediaType)
    if (layer.diffId && (kind === 'gzip' || kind === 'zstd') && !twins.has(layer.diffId))
      twins.set(layer.diffId, layer.compressed)
  }
  const plain = platforms.flatMap(p => p.layers).filter(l => layerCompression(l.mediaType) === 'none')
  if (plain.length === 0) return null
  const twinSizes = plain.map(l => (l.diffId ? twins.get(l.diffId) : undefined))
  return {
    count: plain.length,
    bytes: plain.reduce((sum, l) => sum + l.compressed, 0),
    compressedBytes: twinSizes.every(n => n !== undefined)
      ? twinSizes.reduce<number>((sum, n) => sum + (n ?? 0), 0)
      : null
  }
}

/** Compressed sizes of the image against the baseline, per platform and in total. */
export function compareSizes(current: ImageMeasurement, baseline: Baseline | null): SizeComparison {
  const currentTotal = current.platforms.reduce((sum, p) => sum + p.compressed, 0)
  if (!baseline) {
    return {
      hasBaseline: false,
      total: delta(currentTotal, null),
      platforms: current.platforms.map(p => ({
        platform: p.platform,
        status: 'no-baseline',
        ...delta(p.compressed, null)
      }))
    }
  }
  const before = new Map(baseline.measurement.platforms.map(p => [p.platform, p]))
  const platforms: PlatformDelta[] = current.platforms.map(p => {
    const old = before.get(p.platform)
    return old
      ? { platform: p.platform, status: 'compared', ...delta(p.compressed, old.compressed) }
      : { platform: p.platform, status: 'new', ...delta(p.compressed, null) }
  })
  const now = new Set(current.platforms.map(p => p.platform))
  for (const old of baseline.measurement.platforms) {
    if (!now.has(old.platform))
      platforms.push({ platform: old.platform, status: 'removed', ...delta(null, old.compressed) })
  }
  const baselineTotal = baseline.measurement.platforms.reduce((sum, p) => sum + p.compressed, 0)
  return { hasBaseline: true, total: delta(currentTotal, baselineTotal), platforms }
}

export interface LayerChange {
  kind: 'added' | 'removed' | 'changed'
  /** The instruction (the current layer's for added/changed, the baseline's for removed). */
  createdBy: string
  current: LayerInfo | null
  baseline: LayerInfo | null
  /** Compressed bytes: +size for added, −size for removed, current − baseline for changed. */
  deltaBytes: number
}

const KIND_ORDER: Record<LayerChange['kind'], number> = { added: 0, changed: 1, removed: 2 }

function instructionKey(createdBy: string): string {
  // `docker history` and the image config differ in prefixes and spacing for the same step.
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Layers added, removed or changed between the baseline and the current image. Layers are first
 * paired by digest (same blob: unchanged), then the rest by instruction in stacking order (same
 * instruction, different blob: changed). Layers that are on one side only are added or removed.
 * Biggest absolute change first; layers whose blob and size did not change are left out.
 */
export function diffLayers(current: readonly LayerInfo[], baseline: readonly LayerInfo[]): LayerChange[] {
  const unmatchedBaseline = new Set(baseline.map((_, i) => i))
  const unmatchedCurrent: number[] = []
  const byDigest = new Queues()
  baseline.forEach((layer, i) => {
    if (layer.digest) byDigest.push(layer.digest, i)
  })
  current.forEach((layer, i) => {
    const match = layer.digest ? byDigest.shift(layer.digest) : undefined
    if (match === undefined) unmatchedCurrent.push(i)
    else unmatchedBaseline.delete(match)
  })

  const byInstruction = new Queues()
  for (const i of unmatchedBaseline) byInstruction.push(instructionKey(baseline[i]!.createdBy), i)
  const changes: LayerChange[] = []
  for (const i of unmatchedCurrent) {
    const layer = current[i]!
    const match = byInstruction.shift(instructionKey(layer.createdBy))
    if (match === undefined) {
      changes.push({
        kind: 'added',
        createdBy: layer.createdBy,
        current: layer,
        baseline: null,
        deltaBytes: layer.compressed
      })
      continue
    }
    unmatchedBaseline.delete(match)
    const old = baseline[match]!
    const sameBlob = layer.digest !== null && layer.digest === old.digest
    if (sameBlob || (layer.digest === null && old.digest === null && layer.compressed === old.compressed))
      continue
    changes.push({
      kind: 'changed',
      createdBy: layer.createdBy,
      current: layer,
      baseline: old,
      deltaBytes: layer.compressed - old.compressed
    })
  }
  for (const i of unmatchedBaseline) {
    const old = baseline[i]!
    changes.push({
      kind: 'removed',
      createdBy: old.createdBy,
      current: null,
      baseline: old,
      deltaBytes: -old.compressed
    })
  }
  return changes.sort(
    (a, b) =>
      Math.abs(b.deltaBytes) - Math.abs(a.deltaBytes) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.createdBy.localeCompare(b.createdBy)
  )
}

/** First-in first-out indexes per key, with O(1) take (images can have thousands of layers). */
class Queues {
  private readonly items = new Map<string, { list: number[]; next: number }>()
  push(key: string, index: number): void {
    const queue = this.items.get(key)
    if (queue) queue.list.push(index)
    else this.items.set(key, { list: [index], next: 0 })
  }
  shift(key: string): number | undefined {
    const queue = this.items.get(key)
    if (!queue || queue.next >= queue.list.length) return undefined
    return queue.list[queue.next++]
  }
}

/** A decrease of at least this share of the baseline is celebrated. */
export const BIG_DECREASE_PERCENT = 10
/** Growth below this many bytes is noise whatever the share (timestamps in tiny images). */
export const NOISE_BYTES = 10_000
/** Growth below this share of the baseline and below NEGLIGIBLE_GROWTH_BYTES is noise (package index refreshes). */
export const NEGLIGIBLE_GROWTH_PERCENT = 1
export const NEGLIGIBLE_GROWTH_BYTES = 1_000_000
/** Growth of at least this share of the baseline is alarming. */
export const LARGE_GROWTH_PERCENT = 10
/** Growth of at least this many bytes is alarming whatever the share (big images). */
export const LARGE_GROWTH_BYTES = 100_000_000

export type DeltaTier = 'big-decrease' | 'decrease' | 'unchanged' | 'negligible' | 'growth' | 'large-growth'

export const TIER_ICON: Record<DeltaTier, string> = {
  'big-decrease': '🎉',
  decrease: '✅',
  unchanged: '✅',
  negligible: '➖',
  growth: '⚠️',
  'large-growth': '🚨'
}

/** How worrying a size change is; `percent` is null when the baseline was empty. */
export function deltaTier(deltaBytes: number, percent: number | null): DeltaTier {
  if (deltaBytes === 0) return 'unchanged'
  if (deltaBytes < 0) {
    return percent !== null && percent <= -BIG_DECREASE_PERCENT ? 'big-decrease' : 'decrease'
  }
  const smallShare = percent !== null && percent < NEGLIGIBLE_GROWTH_PERCENT
  if (deltaBytes < NOISE_BYTES || (smallShare && deltaBytes < NEGLIGIBLE_GROWTH_BYTES)) return 'negligible'
  const largeShare = percent !== null && percent >= LARGE_GROWTH_PERCENT
  if (deltaBytes >= LARGE_GROWTH_BYTES || largeShare) return 'large-growth'
  return 'growth'
}
