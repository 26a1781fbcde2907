// Which layers to list (new or changed against the baseline: never the unchanged ones), listing
// them through a reader for where the image is (registry, OCI layout, docker save), and putting
// the results together: summaries on the measurement's layers (recorded with the baseline) and
// the structured "What grew".
import type { Baseline, ImageMeasurement, LayerFiles, LayerInfo, PlatformMeasurement } from '../model.js'
import { diffLayers } from '../size.js'
import type { Deletion, LayerListing } from './aggregate.js'
import {
  layerGrowth,
  SHIPPED_KEPT,
  stillShipped,
  type GrowthInput,
  type KnownLayer,
  type UnlistedLayer,
  type WhatGrew
} from './grew.js'

/**
 * Lists one layer of the primary platform (by its position in the image), within `timeoutMs`
 * (what is left of the listing's time budget).
 */
export type LayerReader = (layer: LayerInfo, index: number, timeoutMs: number) => Promise<LayerListing>

/** Changed layers listed at most, the largest changes first. */
export const MAX_LISTED_LAYERS = 20

/** The platform the report is about: as render.ts picks it (linux/amd64 first, one the baseline has). */
export function primaryPlatforms(
  current: ImageMeasurement,
  baseline: Baseline | null
): { current: PlatformMeasurement; baseline: PlatformMeasurement } | null {
  const before = new Map((baseline?.measurement.platforms ?? []).map(p => [p.platform, p]))
  const platforms = current.platforms
  const primary =
    platforms.find(p => p.platform === 'linux/amd64' && before.has(p.platform)) ??
    platforms.find(p => before.has(p.platform))
  return primary ? { current: primary, baseline: before.get(primary.platform)! } : null
}

/**
 * The layers to list: new or changed against the baseline platform, as the layer table pairs
 * them (blob digest, then instruction), largest change first, at most `max`. Pure.
 */
export function layersToList(
  current: PlatformMeasurement,
  baseline: PlatformMeasurement,
  max = MAX_LISTED_LAYERS
): GrowthInput[] {
  const inputs: GrowthInput[] = []
  for (const change of diffLayers(current.layers, baseline.layers)) {
    if (change.kind === 'removed' || !change.current) continue
    const index = current.layers.indexOf(change.current)
    if (index < 0) continue
    inputs.push({ number: index + 1, layer: change.current, kind: change.kind, baseline: change.baseline })
  }
  return inputs.slice(0, max)
}

/** A baseline layer's summary for an unchanged layer: same blob digest, else same diff ID. Pure. */
export function carriedSummary(layer: LayerInfo, baseline: readonly LayerInfo[]): LayerFiles | undefined {
  const match =
    (layer.digest ? baseline.find(b => b.digest === layer.digest && b.files) : undefined) ??
    (layer.diffId ? baseline.find(b => b.diffId === layer.diffId && b.files) : undefined)
  return match?.files
}

/** The deletions a stored summary lists (`/x/*` is `/x` emptied). Pure. */
export function deletionsOf(files: LayerFiles): Deletion[] {
  return files.deleted.map(p =>
    p.endsWith('/*') ? { path: p.slice(0, -2) || '/', opaque: true } : { path: p, opaque: false }
  )
}

export interface DescribeOptions {
  /** Layers listed at once. */
  concurrency?: number
  maxLayers?: number
  /** Time for all the listings; layers not started by then are named as not listed. */
  budgetMs?: number
  now?: () => number
}

/** Two minutes: a report waits this long at most for the files of its changed layers. */
export const LISTING_BUDGET_MS = 120_000

/**
 * List the new and changed layers of the primary platform and compare them with the baseline.
 * With no baseline (or none for this platform) nothing is listed: every layer would be new, and
 * reading the whole image is what this feature must not cost. A layer that cannot be read is
 * named in `unlisted` with the reason; the report goes on without it.
 */
export async function describeGrowth(
  measurement: ImageMeasurement,
  baseline: Baseline | null,
  read: LayerReader,
  options: DescribeOptions = {}
): Promise<{ measurement: ImageMeasurement; grew: WhatGrew | null }> {
  const pair = primaryPlatforms(measurement, baseline)
  if (!pair) return { measurement, grew: null }
  const inputs = layersToList(pair.current, pair.baseline, options.maxLayers ?? MAX_LISTED_LAYERS)
  const listings = new Map<number, LayerListing>()
  const unlisted: UnlistedLayer[] = []
  let next = 0
  const now = options.now ?? (() => performance.now())
  const budget = options.budgetMs ?? LISTING_BUDGET_MS
  const deadline = now() + budget
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const input = inputs[next++]!
      // Whole milliseconds: AbortSignal.timeout takes integers only.
      const left = Math.floor(deadline - now())
      if (left <= 0) {
        unlisted.push({
          number: input.number,
          createdBy: input.layer.createdBy,
          reason: `the time for listing (${Math.round(budget / 1000)} s) ran out first`
        })
        continue
      }
      try {
        listings.set(input.number, await read(input.layer, input.number - 1, left))
      } catch (error) {
        unlisted.push({
          number: input.number,
          createdBy: input.layer.createdBy,
          reason: error instanceof Error ? error.message : String(error)
        })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker))

  const layers = pair.current.layers.map((layer, i) => {
    const files = listings.get(i + 1)?.summary ?? carriedSummary(layer, pair.baseline.layers)
    return files ? { ...layer, files } : layer
  })
  const known: KnownLayer[] = layers.flatMap((layer, i): KnownLayer[] => {
    const listing = listings.get(i + 1)
    if (listing) {
      return [
        {
          number: i + 1,
          createdBy: layer.createdBy,
          files: listing.files,
          deletions: listing.deletions,
          listed: true
        }
      ]
    }
    if (!layer.files) return []
    return [
      {
        number: i + 1,
        createdBy: layer.createdBy,
        files: layer.files.top,
        deletions: deletionsOf(layer.files),
        listed: false
      }
    ]
  })
  const growth = inputs.flatMap(input => {
    const listing = listings.get(input.number)
    return listing ? [layerGrowth(input, listing.summary)] : []
  })
  const platforms = measurement.platforms.map(p => (p === pair.current ? { ...p, layers } : p))
  return {
    measurement: { ...measurement, platforms },
    grew: {
      platform: pair.current.platform,
      layers: growth,
      stillShipped: stillShipped(known).slice(0, SHIPPED_KEPT),
      unlisted: unlisted.sort((a, b) => a.number - b.number)
    }
  }
}
