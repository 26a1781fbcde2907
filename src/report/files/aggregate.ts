// Turning a layer's tar entries into a bounded summary: bytes per directory, the largest files and
// the layer's deletions (whiteouts). Pure: fed one entry at a time, it never sees file bodies.
import type { LayerFiles, PathBytes } from '../model.js'

export interface ListedEntry {
  /** Path inside the layer as the tar header gives it (`usr/bin/x`, `./usr/bin/x`). */
  name: string
  size: number
  /** ustar type flag: '0'/'\0'/'7' regular file, '5' directory, '1' hard link, '2' symlink... */
  type: string
}

export interface AggregateLimits {
  /** Directory levels counted below `/` (`/usr/share/doc/` is 3). */
  maxDepth: number
  /**
   * Distinct directories kept. Once reached, a file under a directory not yet kept adds its bytes
   * to its kept ancestors only: memory is this many map entries, whatever the layer holds.
   */
  maxDirs: number
  /** Largest files kept while reading (for "deleted later" matching); the summary keeps fewer. */
  keepFiles: number
  /** Deletions kept while reading. */
  keepDeleted: number
  /** Longest path kept, in characters; longer ones are cut (memory, and the report cuts anyway). */
  maxPath: number
}

export const DEFAULT_LIMITS: AggregateLimits = {
  maxDepth: 6,
  maxDirs: 10_000,
  keepFiles: 2_000,
  keepDeleted: 5_000,
  maxPath: 1_024
}

/** What the baseline record keeps of a layer. */
export const SUMMARY_DIRS = 40
export const SUMMARY_FILES = 20
export const SUMMARY_DELETED = 50

/** A deletion by a layer: one path (and all under it), or a directory emptied (opaque whiteout). */
export interface Deletion {
  path: string
  opaque: boolean
}

/** Everything one listing produced: the summary to store and what matching across layers needs. */
export interface LayerListing {
  summary: LayerFiles
  /** The largest files (up to keepFiles), largest first. */
  files: PathBytes[]
  deletions: Deletion[]
  /** Distinct directories kept at the end (the memory the listing used). */
  dirsKept: number
}

const REGULAR = new Set(['0', '\0', '7', ''])
const WHITEOUT = '.wh.'
const OPAQUE = '.wh..wh..opq'

/** `./usr//bin/x/` → `/usr/bin/x`; `..` segments are dropped (a layer cannot climb out of `/`). */
export function normalizePath(name: string, maxPath = DEFAULT_LIMITS.maxPath): string {
  const parts = name.split('/').filter(p => p !== '' && p !== '.' && p !== '..')
  const joined = `/${parts.join('/')}`
  return joined.length > maxPath ? `${joined.slice(0, maxPath - 1)}…` : joined
}

/** What a tar entry means for the listing. Pure. */
export function classifyEntry(
  entry: ListedEntry
): { kind: 'file'; path: string } | { kind: 'delete'; deletion: Deletion } | { kind: 'skip' } {
  const path = normalizePath(entry.name, Number.MAX_SAFE_INTEGER)
  const slash = path.lastIndexOf('/')
  const base = path.slice(slash + 1)
  const parent = path.slice(0, slash)
  if (base === OPAQUE) return { kind: 'delete', deletion: { path: parent || '/', opaque: true } }
  // Other `.wh..wh.` names are the aufs driver's own bookkeeping, not deletions.
  if (base.startsWith(`${WHITEOUT}${WHITEOUT}`)) return { kind: 'skip' }
  if (base.startsWith(WHITEOUT) && base.length > WHITEOUT.length) {
    return { kind: 'delete', deletion: { path: `${parent}/${base.slice(WHITEOUT.length)}`, opaque: false } }
  }
  if (REGULAR.has(entry.type)) return { kind: 'file', path }
  return { kind: 'skip' }
}

/**
 * Largest-first top list of bounded size: items go into a buffer that is sorted and cut back to
 * `keep` when it reaches twice that, so adding n items costs O(n log keep).
 */
class TopList {
  private items: PathBytes[] = []
  dropped = false
  constructor(private readonly keep: number) {}

  add(item: PathBytes): void {
    this.items.push(item)
    if (this.items.length >= this.keep * 2) this.cut()
  }

  private cut(): void {
    this.items.sort(byBytes)
    if (this.items.length > this.keep) {
      this.items.length = this.keep
      this.dropped = true
    }
  }

  result(): PathBytes[] {
    this.cut()
    return this.items
  }
}

function byBytes(a: PathBytes, b: PathBytes): number {
  return b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
}

/** Accumulates one layer's entries. */
export class LayerAggregator {
  private readonly dirs = new Map<string, { bytes: number; files: number }>()
  private dirsDropped = false
  private readonly top: TopList
  private readonly deletions: Deletion[] = []
  private deletedCount = 0
  private files = 0
  private bytes = 0

  constructor(private readonly limits: AggregateLimits = DEFAULT_LIMITS) {
    this.top = new TopList(limits.keepFiles)
  }

  add(entry: ListedEntry): void {
    const what = classifyEntry(entry)
    if (what.kind === 'skip') return
    if (what.kind === 'delete') {
      this.deletedCount++
      if (this.deletions.length < this.limits.keepDeleted) {
        const path = normalizePath(what.deletion.path, this.limits.maxPath)
        this.deletions.push({ path, opaque: what.deletion.opaque })
      }
      return
    }
    const size = Math.max(0, entry.size)
    const path =
      what.path.length > this.limits.maxPath ? normalizePath(what.path, this.limits.maxPath) : what.path
    this.files++
    this.bytes += size
    this.top.add({ path, bytes: size })
    let at = 0
    for (let depth = 0; depth < this.limits.maxDepth; depth++) {
      const next = path.indexOf('/', at + 1)
      if (next < 0) break
      const dir = path.slice(0, next + 1)
      at = next
      const kept = this.dirs.get(dir)
      if (kept) {
        kept.bytes += size
        kept.files++
      } else if (this.dirs.size < this.limits.maxDirs) {
        this.dirs.set(dir, { bytes: size, files: 1 })
      } else {
        this.dirsDropped = true
      }
    }
  }

  finish(): LayerListing {
    const files = this.top.result()
    const dirs = [...this.dirs].map(([path, d]) => ({ path, bytes: d.bytes, files: d.files })).sort(byBytes)
    const summary: LayerFiles = {
      files: this.files,
      bytes: this.bytes,
      dirs: dirs.slice(0, SUMMARY_DIRS),
      dirsComplete: !this.dirsDropped && dirs.length <= SUMMARY_DIRS,
      top: files.slice(0, SUMMARY_FILES),
      topComplete: !this.top.dropped && files.length <= SUMMARY_FILES,
      deleted: this.deletions
        .slice(0, SUMMARY_DELETED)
        .map(d => (d.opaque ? `${trimSlash(d.path)}/*` : d.path)),
      deletedCount: this.deletedCount
    }
    return { summary, files, deletions: this.deletions, dirsKept: this.dirs.size }
  }
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path
}

/** Summarize a list of entries at once (tests, small layers). */
export function aggregateEntries(
  entries: Iterable<ListedEntry>,
  limits: AggregateLimits = DEFAULT_LIMITS
): LayerListing {
  const aggregator = new LayerAggregator(limits)
  for (const entry of entries) aggregator.add(entry)
  return aggregator.finish()
}
