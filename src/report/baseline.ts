// The size baseline: a run on the default branch (or a listed branch) stores its measurement in
// the Actions cache; a pull request restores the newest record of its base branch to compare.
//
// Keys: `stagegate-baseline-v1-<scope>-<branch>~<runId>-<attempt>`. Cache entries are immutable,
// so every run writes its own key and readers take the newest entry under the branch prefix
// `stagegate-baseline-v1-<scope>-<branch>~` (the service prefers the most recently created entry
// among prefix matches). `~` cannot occur in a git ref, so branch `main` never matches the records
// of `main-next`. `<scope>` hashes image, target and platforms, so two images built in one repo
// keep separate baselines.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { withDeadline } from './deadline.js'
import type { Baseline, ImageMeasurement } from './model.js'
import { findingsProblem, type RecordedFinding } from '../check/in-run.js'

const KEY_PREFIX = 'stagegate-baseline-v1'
const RECORD_SCHEMA = 'stagegate-baseline/v1'
const RECORD_FILE = 'baseline.json'
const MAX_BRANCH_LENGTH = 200

export interface BaselineScopeInput {
  /** Image name without tag. */
  image: string
  /** The measured stage. */
  target: string
  /** Platforms the image was built for; order and duplicates do not matter. */
  platforms: readonly string[]
}

export interface BaselineKeyInput extends BaselineScopeInput {
  /** Branch name (`main`) or ref (`refs/heads/main`). */
  branch: string
  runId: string | number
  runAttempt: string | number
}

/** A short stable hash of what was measured, so different images keep different baselines. */
export function baselineScope(input: BaselineScopeInput): string {
  const platforms = [
    ...new Set(input.platforms.map(p => p.trim().toLowerCase()).filter(p => p !== ''))
  ].sort()
  const identity = JSON.stringify([input.image.trim(), input.target.trim(), platforms])
  return createHash('sha256').update(identity).digest('hex').slice(0, 16)
}

/**
 * A branch name made safe for a cache key: `refs/heads/` dropped, characters outside
 * `[A-Za-z0-9._/-]` (commas included, which keys may not contain) replaced by `_`, and very long
 * names shortened with a hash so keys stay far below the 512-character limit.
 */
export function sanitizeBranch(branch: string): string {
  const name = branch.trim().replace(/^refs\/heads\//, '')
  const safe = name.replace(/[^A-Za-z0-9._/-]/g, '_') || '_'
  if (safe.length <= MAX_BRANCH_LENGTH) return safe
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 12)
  return `${safe.slice(0, MAX_BRANCH_LENGTH - 13)}_${digest}`
}

function branchPrefix(input: BaselineScopeInput & { branch: string }): string {
  return `${KEY_PREFIX}-${baselineScope(input)}-${sanitizeBranch(input.branch)}~`
}

function counter(value: string | number, name: string): string {
  const text = String(value).trim()
  if (!/^\d+$/.test(text))
    throw new Error(`baseline key: ${name} must be a number, got ${JSON.stringify(value)}`)
  return text
}

/** The key one run saves its record under. */
export function baselineKey(input: BaselineKeyInput): string {
  return `${branchPrefix(input)}${counter(input.runId, 'runId')}-${counter(input.runAttempt, 'runAttempt')}`
}

/**
 * Prefixes that find the newest record of `branch`, then of each fallback branch in order (e.g.
 * the default branch when the PR's base has none). At most 10, the service's limit.
 */
export function baselineRestoreKeys(
  input: BaselineScopeInput & { branch: string; fallbackBranches?: readonly string[] }
): string[] {
  const branches = [input.branch, ...(input.fallbackBranches ?? [])].map(sanitizeBranch)
  return [...new Set(branches)].slice(0, 10).map(branch => branchPrefix({ ...input, branch }))
}

/** The branch a ref names, or null for tags and other refs. */
export function branchOfRef(ref: string | undefined): string | null {
  if (!ref) return null
  const match = /^refs\/heads\/(.+)$/.exec(ref)
  return match?.[1] ?? null
}

/** Events that run on a branch's own code after it was pushed, and so may record a baseline. */
const RECORDING_EVENTS = new Set(['push', 'workflow_dispatch', 'schedule'])

/** `*` matches any run of characters (slashes included); everything else is literal. */
function branchMatches(pattern: string, branch: string): boolean {
  const glob = pattern.trim().replace(/^refs\/heads\//, '')
  if (glob === '') return false
  const regex = new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`)
  return regex.test(branch)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export interface RecordInput {
  eventName: string
  /** GITHUB_REF, e.g. `refs/heads/main`. */
  ref: string
  /** The repository's default branch (`repository.default_branch` of the event). */
  defaultBranch: string | null
  /** The `baseline-branches` input: more branches (or `*` patterns) that record baselines. */
  baselineBranches?: readonly string[]
}

/**
 * Whether this run stores its measurement as a baseline: a push (or a manual/scheduled run) on
 * the default branch or on a listed branch. Never on pull requests: their images are not what
 * later pull requests should be compared with.
 */
export function shouldRecordBaseline(input: RecordInput): {
  record: boolean
  branch: string | null
  reason: string
} {
  const branch = branchOfRef(input.ref)
  if (!RECORDING_EVENTS.has(input.eventName)) {
    return {
      record: false,
      branch,
      reason: `baselines are not recorded on ${input.eventName || 'unknown'} events`
    }
  }
  if (!branch) return { record: false, branch, reason: `${input.ref || 'the ref'} is not a branch` }
  if (input.defaultBranch && branch === input.defaultBranch) {
    return { record: true, branch, reason: `${branch} is the default branch` }
  }
  const pattern = (input.baselineBranches ?? []).find(p => branchMatches(p, branch))
  if (pattern !== undefined)
    return { record: true, branch, reason: `${branch} matches baseline-branches (${pattern})` }
  return { record: false, branch, reason: `${branch} is neither the default branch nor in baseline-branches` }
}

export interface EventInput {
  eventName: string
  ref?: string
  /** The webhook payload (GITHUB_EVENT_PATH). */
  payload: Record<string, unknown>
}

/**
 * The branch whose baseline this run compares with: a pull request's base branch, a merge
 * queue's target, or for branch runs the branch itself (its previous record). Null otherwise.
 */
export function baseBranchOf(event: EventInput): string | null {
  const payload = event.payload as {
    pull_request?: { base?: { ref?: unknown } }
    merge_group?: { base_ref?: unknown }
  }
  if (event.eventName.startsWith('pull_request')) {
    const ref = payload.pull_request?.base?.ref
    return typeof ref === 'string' && ref !== '' ? ref : null
  }
  if (event.eventName === 'merge_group') {
    const ref = payload.merge_group?.base_ref
    return typeof ref === 'string' ? (branchOfRef(ref) ?? (ref || null)) : null
  }
  return branchOfRef(event.ref)
}

/** What the cache holds: the measurement plus where and when it was taken. */
export interface BaselineRecord {
  schema: typeof RECORD_SCHEMA
  branch: string
  sha?: string
  runId?: string
  savedAt: string
  measurement: ImageMeasurement
  /** The Dockerfile check's findings of that run; absent in older records and with check: off. */
  findings?: RecordedFinding[]
}

const SOURCES = new Set(['registry', 'oci-layout', 'docker-save', 'docker-inspect'])

/** Parse and check a stored record. Anything unexpected is an error, never a half-read baseline. */
export function parseBaselineRecord(
  text: string
): { ok: true; record: BaselineRecord } | { ok: false; error: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` }
  }
  const problem = recordProblem(data)
  return problem ? { ok: false, error: problem } : { ok: true, record: data as BaselineRecord }
}

function recordProblem(data: unknown): string | null {
  if (!isObject(data)) return 'not an object'
  if (data.schema !== RECORD_SCHEMA) return `unknown schema ${JSON.stringify(data.schema)}`
  if (typeof data.branch !== 'string') return 'branch is missing'
  if (typeof data.savedAt !== 'string') return 'savedAt is missing'
  if (data.sha !== undefined && typeof data.sha !== 'string') return 'sha is not a string'
  if (data.findings !== undefined) {
    const problem = findingsProblem(data.findings)
    if (problem) return problem
  }
  const m = data.measurement
  if (!isObject(m)) return 'measurement is missing'
  if (typeof m.image !== 'string' || typeof m.target !== 'string') return 'measurement.image/target missing'
  if (!Array.isArray(m.tags) || !m.tags.every(t => typeof t === 'string'))
    return 'measurement.tags is not a list'
  if (!isStringOrNull(m.digest)) return 'measurement.digest is invalid'
  if (typeof m.measuredAt !== 'string') return 'measurement.measuredAt is missing'
  if (typeof m.source !== 'string' || !SOURCES.has(m.source)) return 'measurement.source is invalid'
  if (!Array.isArray(m.platforms) || m.platforms.length === 0) return 'measurement.platforms is empty'
  for (const [i, p] of m.platforms.entries()) {
    const where = `measurement.platforms[${i}]`
    if (!isObject(p) || typeof p.platform !== 'string') return `${where}.platform is missing`
    if (!isSize(p.compressed) || !(p.disk === null || isSize(p.disk))) return `${where} sizes are invalid`
    if (!Array.isArray(p.layers)) return `${where}.layers is not a list`
    for (const [j, l] of p.layers.entries()) {
      if (
        !isObject(l) ||
        !isStringOrNull(l.digest) ||
        !isSize(l.compressed) ||
        !(l.disk === null || isSize(l.disk)) ||
        typeof l.createdBy !== 'string'
      ) {
        return `${where}.layers[${j}] is invalid`
      }
      // Records of older runs have no file summary; one that is there must be whole.
      if (l.files !== undefined && !isLayerFiles(l.files)) return `${where}.layers[${j}].files is invalid`
    }
  }
  return null
}

function isPathBytesList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      p =>
        isObject(p) &&
        typeof p.path === 'string' &&
        isSize(p.bytes) &&
        (p.files === undefined || isSize(p.files))
    )
  )
}

/** The per-layer file summary (model.ts LayerFiles). */
function isLayerFiles(value: unknown): boolean {
  return (
    isObject(value) &&
    isSize(value.files) &&
    isSize(value.bytes) &&
    isPathBytesList(value.dirs) &&
    isPathBytesList(value.top) &&
    typeof value.dirsComplete === 'boolean' &&
    typeof value.topComplete === 'boolean' &&
    Array.isArray(value.deleted) &&
    value.deleted.every(d => typeof d === 'string') &&
    isSize(value.deletedCount)
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string'
}
function isSize(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

// ---- thin: the Actions cache ------------------------------------------------------------------

export interface BaselineLog {
  info(message: string): void
  warning(message: string): void
}

export interface BaselineStoreOptions {
  /**
   * Directory the record is written to and restored into. The cache version is derived from this
   * path, so saving and restoring runs must use the same one; the default (`<os tmpdir>/
   * stagegate-baseline`) is the same on every Linux runner.
   */
  dir?: string
  /** Where warnings go; @actions/core by default. */
  log?: BaselineLog
  /**
   * Longest a restore (or a save) may take, whatever the cache service does: 500s that the
   * client retries for ~35 s per call, hangs, broken blob transfers. Default BASELINE_DEADLINE_MS.
   */
  deadlineMs?: number
}

/** Restore and save get 10 s each, so the baseline adds at most 20 s to a run. */
export const BASELINE_DEADLINE_MS = 10_000

// Per-request bounds of the download (the Azure SDK path the real service uses); the deadline
// above bounds everything else, including SEGMENT_DOWNLOAD_TIMEOUT_MINS set by the user.
const DOWNLOAD_OPTIONS = { timeoutInMs: 5_000, segmentTimeoutInMs: 8_000 }

/**
 * The line the report shows when the cache service failed, so a reader knows the missing
 * comparison is not "no baseline recorded yet". Pure; `why` comes from `unavailable` of
 * RestoreBaselineResult.
 */
export function baselineUnavailableNote(why: string): string {
  return `⚠️ The size baseline could not be read: ${why}. Sizes are shown without a comparison; the next run tries again.`
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** Why the cache service could not be used, from what withDeadline saw. Pure. */
export function cacheTrouble(what: {
  timedOut: boolean
  trouble: string | null
  deadlineMs: number
}): string {
  if (what.timedOut) {
    return `the Actions cache service did not finish within ${seconds(what.deadlineMs)}${what.trouble ? ` (last problem: ${what.trouble})` : ' (no answer)'}`
  }
  return `the Actions cache service failed (${what.trouble ?? 'unknown error'})`
}

export function defaultBaselineDir(): string {
  return path.join(tmpdir(), 'stagegate-baseline')
}

async function logOf(options: BaselineStoreOptions): Promise<BaselineLog> {
  return options.log ?? (await import('@actions/core'))
}

const UNAVAILABLE =
  'the Actions cache service is not available (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL are not set, ' +
  'e.g. outside GitHub Actions)'

/**
 * Run a cache operation with the archive rooted at the record's parent directory. @actions/cache
 * stores paths relative to GITHUB_WORKSPACE and extracts them there, so without this a record
 * saved from one checkout path would be restored to a different place by a job whose workspace
 * has another depth. Safe because stagegate does not run other cache operations concurrently.
 */
async function withArchiveRoot<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.GITHUB_WORKSPACE
  process.env.GITHUB_WORKSPACE = path.dirname(dir)
  try {
    // The caller's deadline may abandon `run`; the workspace is restored when this returns.
    return await run()
  } finally {
    if (saved === undefined) delete process.env.GITHUB_WORKSPACE
    else process.env.GITHUB_WORKSPACE = saved
  }
}

export interface SaveBaselineInput extends Omit<BaselineKeyInput, 'image' | 'target' | 'platforms'> {
  sha?: string
  /**
   * Platforms for the key; the measurement's by default. Whatever is used here must also be what
   * restoreBaseline is given, so the simplest is to restore after measuring and pass the
   * measurement's platforms on both sides.
   */
  platforms?: readonly string[]
  /** The run's Dockerfile findings, recorded beside the measurement. */
  findings?: RecordedFinding[]
}

export interface SaveBaselineResult {
  saved: boolean
  key: string
  /** Why it was or was not saved, for the log and report. */
  reason: string
  /** Set when the cache service failed (error status, reset, no answer in time): why. */
  unavailable?: string
}

/**
 * Store `measurement` as the newest baseline of `input.branch`. Never throws: a cache that is
 * missing, read-only or failing only means later PRs have nothing to compare with.
 */
export async function saveBaseline(
  measurement: ImageMeasurement,
  input: SaveBaselineInput,
  options: BaselineStoreOptions = {}
): Promise<SaveBaselineResult> {
  const key = baselineKey({
    ...input,
    ...scopeOf(measurement),
    ...(input.platforms ? { platforms: input.platforms } : {})
  })
  const log = await logOf(options)
  try {
    const cache = await import('@actions/cache')
    if (!cache.isFeatureAvailable()) return { saved: false, key, reason: UNAVAILABLE }
    const dir = path.resolve(options.dir ?? defaultBaselineDir())
    const record: BaselineRecord = {
      schema: RECORD_SCHEMA,
      branch: sanitizeBranch(input.branch),
      ...(input.sha ? { sha: input.sha } : {}),
      runId: String(input.runId),
      savedAt: new Date().toISOString(),
      measurement,
      ...(input.findings ? { findings: input.findings } : {})
    }
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`)
    const deadlineMs = options.deadlineMs ?? BASELINE_DEADLINE_MS
    const result = await withArchiveRoot(dir, () =>
      withDeadline(deadlineMs, () => cache.saveCache([dir], key))
    )
    if (result.timedOut) {
      const unavailable = cacheTrouble({ ...result, deadlineMs })
      log.warning(`The size baseline ${key} was not recorded: ${unavailable}.`)
      return { saved: false, key, reason: unavailable, unavailable }
    }
    if (result.value === -1) {
      // @actions/cache has already logged why (entry exists, read-only token, service error).
      return {
        saved: false,
        key,
        reason: `the cache service did not store the record (${result.trouble ?? 'see the log above'})`
      }
    }
    return { saved: true, key, reason: `saved as ${key}` }
  } catch (error) {
    const message = `Could not save the size baseline ${key}: ${error instanceof Error ? error.message : String(error)}`
    log.warning(message)
    return { saved: false, key, reason: message }
  }
}

export interface RestoreBaselineInput {
  /** The branch to compare with (baseBranchOf). */
  branch: string
  /** Branches to fall back to when `branch` has no record, e.g. the default branch. */
  fallbackBranches?: readonly string[]
  image: string
  target: string
  platforms: readonly string[]
}

export interface RestoreBaselineResult {
  baseline: Baseline | null
  /** The cache key the record came from. */
  matchedKey?: string
  /** Why there is (no) baseline, for the report. */
  reason: string
  /**
   * Set when the cache service failed (error status, reset, hang), as opposed to having no
   * record: why, for the report (baselineUnavailableNote).
   */
  unavailable?: string
}

/**
 * The newest baseline recorded for `input.branch` (then the fallbacks). Never throws: no cache
 * service, no record, or a corrupt record all give `baseline: null` with a reason.
 */
export async function restoreBaseline(
  input: RestoreBaselineInput,
  options: BaselineStoreOptions = {}
): Promise<RestoreBaselineResult> {
  const log = await logOf(options)
  const [primary, ...rest] = baselineRestoreKeys(input)
  if (primary === undefined) return { baseline: null, reason: 'no branch to compare with' }
  let matchedKey: string | undefined
  try {
    const cache = await import('@actions/cache')
    if (!cache.isFeatureAvailable()) return { baseline: null, reason: UNAVAILABLE }
    const dir = path.resolve(options.dir ?? defaultBaselineDir())
    // A record left by an earlier restore in this job must not pass for this one.
    await rm(dir, { recursive: true, force: true })
    // Look up first: restoreCache answers `undefined` both for a miss and for a download or
    // extraction failure (it only logs the latter), and the report should tell them apart.
    // A failing service also looks like a miss, so withDeadline's `trouble` tells it apart.
    const deadlineMs = options.deadlineMs ?? BASELINE_DEADLINE_MS
    let found: string | undefined
    const result = await withArchiveRoot(dir, () =>
      withDeadline(deadlineMs, async () => {
        found = await cache.restoreCache([dir], primary, rest, { ...DOWNLOAD_OPTIONS, lookupOnly: true })
        return found ? await cache.restoreCache([dir], found, [], DOWNLOAD_OPTIONS) : undefined
      })
    )
    matchedKey = found
    if (result.timedOut || (result.value === undefined && result.trouble)) {
      const unavailable = cacheTrouble({ ...result, deadlineMs })
      log.warning(`No size baseline: ${unavailable}. The report shows sizes without a comparison.`)
      return {
        baseline: null,
        reason: `the size baseline is unavailable: ${unavailable}`,
        unavailable,
        ...(matchedKey ? { matchedKey } : {})
      }
    }
    if (!matchedKey) {
      return {
        baseline: null,
        reason: `no baseline has been recorded for ${sanitizeBranch(input.branch)} yet`
      }
    }
    if (result.value !== matchedKey)
      return corrupt(log, matchedKey, 'it could not be downloaded or extracted')
    let text: string
    try {
      text = await readFile(path.join(dir, RECORD_FILE), 'utf8')
    } catch {
      return corrupt(log, matchedKey, `${RECORD_FILE} is missing from the cache entry`)
    }
    const parsed = parseBaselineRecord(text)
    if (!parsed.ok) return corrupt(log, matchedKey, parsed.error)
    const { record } = parsed
    if (
      record.measurement.image !== input.image.trim() ||
      record.measurement.target !== input.target.trim()
    ) {
      return corrupt(log, matchedKey, 'it measures a different image or target')
    }
    return {
      baseline: {
        measurement: record.measurement,
        origin: 'cache',
        ref: record.branch,
        ...(record.sha ? { sha: record.sha } : {}),
        ...(record.findings ? { findings: record.findings } : {})
      },
      matchedKey,
      reason: `restored from ${matchedKey}`
    }
  } catch (error) {
    const message = `Could not restore the size baseline: ${error instanceof Error ? error.message : String(error)}`
    log.warning(message)
    return { baseline: null, reason: message, ...(matchedKey ? { matchedKey } : {}) }
  }
}

function corrupt(log: BaselineLog, matchedKey: string, problem: string): RestoreBaselineResult {
  const reason = `The size baseline ${matchedKey} is unusable (${problem}); comparing without a baseline.`
  log.warning(reason)
  return { baseline: null, matchedKey, reason }
}

function scopeOf(measurement: ImageMeasurement): BaselineScopeInput {
  return {
    image: measurement.image,
    target: measurement.target,
    platforms: measurement.platforms.map(p => p.platform)
  }
}
