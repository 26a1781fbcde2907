// What grew: the files behind a layer's size change, against the baseline's summary of the layer
// made by the same instruction, and files that a later layer deletes but the image still ships.
// Pure.
import type { LayerFiles, LayerInfo, PathBytes } from '../model.js'
import type { Deletion } from './aggregate.js'

export type FileChangeKind = 'new' | 'grew' | 'shrank' | 'gone'

export interface FileChange {
  /** Absolute path; a directory ends with `/`. */
  path: string
  kind: FileChangeKind
  /** Bytes in the baseline's layer; null when not known (below the baseline summary's cut). */
  before: number | null
  after: number
  /** after - before (before taken as 0 when unknown: an upper bound). */
  delta: number
}

/** A directory whose change one path under it explains this much of is left out as redundant. */
const EXPLAINED = 0.9

function isUnder(path: string, dir: string): boolean {
  return dir.endsWith('/') && path !== dir && path.startsWith(dir)
}

/**
 * Directories and files that changed from `baseline` (the same instruction's layer in the
 * baseline; null for a new layer) to `current`, largest growth first, then shrinks. A directory is
 * dropped when one path under it accounts for 90 % or more of its change (`/usr/` when
 * `/usr/share/doc/` says it all). Paths below a summary's cut are compared only where that is
 * known: a path missing from a truncated list has an unknown size there.
 */
export function diffLayerFiles(current: LayerFiles, baseline: LayerFiles | null): FileChange[] {
  const changes: FileChange[] = []
  const compare = (now: PathBytes[], nowComplete: boolean, then: PathBytes[], thenComplete: boolean) => {
    const before = new Map(then.map(p => [p.path, p.bytes]))
    const seen = new Set<string>()
    for (const p of now) {
      seen.add(p.path)
      const was = baseline === null ? 0 : (before.get(p.path) ?? (thenComplete ? 0 : null))
      const delta = p.bytes - (was ?? 0)
      if (delta === 0) continue
      const kind: FileChangeKind = was === 0 ? 'new' : delta > 0 ? 'grew' : 'shrank'
      changes.push({ path: p.path, kind, before: was, after: p.bytes, delta })
    }
    if (!nowComplete) return
    for (const p of then) {
      if (seen.has(p.path) || p.bytes === 0) continue
      changes.push({ path: p.path, kind: 'gone', before: p.bytes, after: 0, delta: -p.bytes })
    }
  }
  compare(current.dirs, current.dirsComplete, baseline?.dirs ?? [], baseline?.dirsComplete ?? true)
  compare(current.top, current.topComplete, baseline?.top ?? [], baseline?.topComplete ?? true)
  const kept = changes.filter(
    c =>
      !c.path.endsWith('/') ||
      !changes.some(
        other =>
          isUnder(other.path, c.path) &&
          Math.sign(other.delta) === Math.sign(c.delta) &&
          Math.abs(other.delta) >= EXPLAINED * Math.abs(c.delta)
      )
  )
  return kept.sort(
    (a, b) =>
      Number(b.delta > 0) - Number(a.delta > 0) ||
      Math.abs(b.delta) - Math.abs(a.delta) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  )
}

/** A file one layer writes and a later one deletes: the image ships its bytes all the same. */
export interface StillShipped {
  path: string
  bytes: number
  /** 1-based layer numbers in the image. */
  writtenIn: number
  deletedIn: number
  /** The deleting layer's instruction. */
  deletedBy: string
}

export interface KnownLayer {
  /** 1-based layer number. */
  number: number
  createdBy: string
  /** Files known to be in the layer (all that were kept while listing, or a summary's top). */
  files: readonly PathBytes[]
  deletions: readonly Deletion[]
  /** Listed in this run (new or changed against the baseline). */
  listed: boolean
}

/** Whether a deletion hides `path`: the path itself and all under it, or (opaque) all under the directory. */
function deletes(deletion: Deletion, path: string): boolean {
  const dir = deletion.path.endsWith('/') ? deletion.path : `${deletion.path}/`
  return path.startsWith(dir) || (!deletion.opaque && path === deletion.path)
}

/**
 * Files written in one layer and deleted by a later one, biggest first. Only pairs where either
 * layer is new or changed in this run are reported (the others are old news, and their files are
 * known only in brief). A path written again after a deletion counts once, for the first deletion.
 */
export function stillShipped(layers: readonly KnownLayer[]): StillShipped[] {
  const ordered = [...layers].sort((a, b) => a.number - b.number)
  const found: StillShipped[] = []
  for (const [i, writer] of ordered.entries()) {
    for (const file of writer.files) {
      if (file.path.endsWith('/') || file.bytes === 0) continue
      for (const deleter of ordered.slice(i + 1)) {
        const hit = deleter.deletions.find(d => deletes(d, file.path))
        if (!hit) continue
        if (writer.listed || deleter.listed) {
          found.push({
            path: file.path,
            bytes: file.bytes,
            writtenIn: writer.number,
            deletedIn: deleter.number,
            deletedBy: deleter.createdBy
          })
        }
        break
      }
    }
  }
  return found.sort((a, b) => b.bytes - a.bytes || a.writtenIn - b.writtenIn || (a.path < b.path ? -1 : 1))
}

/** One new or changed layer, its files against the baseline's. */
export interface LayerGrowth {
  /** 1-based layer number in the image. */
  number: number
  createdBy: string
  kind: 'added' | 'changed'
  files: number
  bytes: number
  /** Bytes of the baseline layer (same instruction), where it has a summary. */
  baselineBytes: number | null
  /** The baseline layer had a file summary to compare with. */
  compared: boolean
  changes: FileChange[]
  /** Changes not listed in `changes`. */
  changesOmitted: number
  deleted: string[]
  deletedCount: number
}

export interface UnlistedLayer {
  number: number
  createdBy: string
  reason: string
}

/** The structured "What grew" (the `grew` field of `stagegate run --json`). */
export interface WhatGrew {
  platform: string
  layers: LayerGrowth[]
  stillShipped: StillShipped[]
  /** New or changed layers that could not be listed, and why. */
  unlisted: UnlistedLayer[]
}

/** Changes kept per layer in the structured form. */
export const CHANGES_KEPT = 50
/** Still-shipped files kept. */
export const SHIPPED_KEPT = 50

export interface GrowthInput {
  number: number
  layer: LayerInfo
  kind: 'added' | 'changed'
  /** The baseline layer made by the same instruction, for a changed layer. */
  baseline: LayerInfo | null
}

/** A layer's growth from its summary and its baseline counterpart's. */
export function layerGrowth(input: GrowthInput, summary: LayerFiles): LayerGrowth {
  const before = input.baseline?.files ?? null
  const changes = diffLayerFiles(summary, before)
  return {
    number: input.number,
    createdBy: input.layer.createdBy,
    kind: input.kind,
    files: summary.files,
    bytes: summary.bytes,
    baselineBytes: before ? before.bytes : null,
    compared: before !== null,
    changes: changes.slice(0, CHANGES_KEPT),
    changesOmitted: Math.max(0, changes.length - CHANGES_KEPT),
    deleted: summary.deleted,
    deletedCount: summary.deletedCount
  }
}

/** Bytes a layer added against its baseline: the sum its entries are ordered by. */
export function addedBytes(growth: LayerGrowth): number {
  return growth.bytes - (growth.baselineBytes ?? 0)
}
