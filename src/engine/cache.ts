import { UserError } from '../errors.js'
import type { CacheMode } from '../inputs.js'
import type { BuilderKind } from './builder.js'
import { splitReference } from '../reference.js'
import { GHA_V2_BUILDX } from './capabilities.js'

/** The runner's cache-service variables that buildx's `type=gha` cache reads from its environment. */
export const GHA_CACHE_VARIABLES = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2'
] as const

export interface CacheRequest {
  mode: CacheMode
  builder: BuilderKind
  env: Record<string, string | undefined>
  /** Image name the scopes are derived from (first tag without its tag, or the repository). */
  imageName: string
  /** The target being built now. */
  target: string
  /** Every target the pipeline builds (tester and runtime), so each build reads all their caches. */
  targets: string[]
  cacheRef: string
  /** Raw lines that replace what stagegate would decide. */
  cacheFrom: string[]
  cacheTo: string[]
  /** False when the buildx builder cannot export cache (docker driver without containerd store). */
  canExport: boolean
}

export interface CachePlan {
  mode: Exclude<CacheMode, 'auto'>
  cacheFrom: string[]
  cacheTo: string[]
  /** Classic BuildKit: write inline cache metadata into the image. */
  inlineCache: boolean
  /** Classic BuildKit with registry cache: push the built target here so the next run can read it. */
  pushCacheImage: string | null
  /** Variables to hand to buildx explicitly. */
  env: Record<string, string>
  notes: string[]
}

export function ghaAvailable(env: Record<string, string | undefined>): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL))
}

/** `auto` resolved: gha on buildx inside a runner, registry when a ref is given, otherwise none. */
export function resolveCacheMode(
  req: Pick<CacheRequest, 'mode' | 'builder' | 'env' | 'cacheRef'>
): CachePlan['mode'] {
  if (req.mode !== 'auto') return req.mode
  if (req.builder === 'buildx' && ghaAvailable(req.env)) return 'gha'
  if (req.cacheRef !== '') return 'registry'
  return 'none'
}

/** A cache scope that is stable per image and target, so tester and runtime never overwrite each other. */
export function cacheScope(imageName: string, target: string): string {
  const name = imageName.replace(/^[^/]*[.:][^/]*\//, '') // drop a registry host
  return `stagegate-${name}-${target}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200)
}

/** `ghcr.io/o/r:buildcache` + `tester` → `ghcr.io/o/r:buildcache-tester`; no tag → `:cache-tester`. */
export function cacheRefFor(cacheRef: string, target: string): string {
  const { name, tag } = splitReference(cacheRef)
  if (tag === null) return `${cacheRef}:cache-${target}`
  // A tag holds at most 128 characters.
  return `${name}:${`${tag}-${target}`.slice(0, 120)}`
}

/** Cache flags for one build. Pure. */
/** No cache read or written (e.g. `call: check`, which builds nothing). */
export const NO_CACHE: CachePlan = Object.freeze({
  mode: 'none',
  cacheFrom: [],
  cacheTo: [],
  inlineCache: false,
  pushCacheImage: null,
  env: {},
  notes: []
})

export function planCache(req: CacheRequest): CachePlan {
  const mode = resolveCacheMode(req)
  // Fresh arrays: the plan is filled in below.
  const plan: CachePlan = { ...NO_CACHE, mode, cacheFrom: [], cacheTo: [], env: {}, notes: [] }
  const others = [req.target, ...req.targets.filter(t => t !== req.target)]
  switch (mode) {
    case 'none':
      break
    case 'gha': {
      if (req.builder !== 'buildx') {
        throw new UserError(
          'Input "cache" is gha, which needs buildx (docker/setup-buildx-action); use registry or none.'
        )
      }
      if (!ghaAvailable(req.env)) {
        throw new UserError(
          'Input "cache" is gha, but the runner cache service variables (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) are missing: run inside GitHub Actions, or use cache: registry.'
        )
      }
      for (const name of GHA_CACHE_VARIABLES) {
        const value = req.env[name]
        if (value) plan.env[name] = value
      }
      plan.cacheFrom = others.map(t => `type=gha,scope=${cacheScope(req.imageName, t)}`)
      // A cache that cannot be written is a warning in the build log, never a failed build.
      plan.cacheTo = [`type=gha,scope=${cacheScope(req.imageName, req.target)},mode=max,ignore-error=true`]
      break
    }
    case 'registry': {
      if (req.cacheRef === '') throw new UserError('Input "cache" is registry but "cache-ref" is empty.')
      if (req.builder === 'buildx') {
        plan.cacheFrom = others.map(t => `type=registry,ref=${cacheRefFor(req.cacheRef, t)}`)
        plan.cacheTo = [
          `type=registry,ref=${cacheRefFor(req.cacheRef, req.target)},mode=max,ignore-error=true`
        ]
      } else if (req.builder === 'buildkit') {
        // The engine's BuildKit has no cache exporter: inline metadata in an image pushed to the cache ref.
        plan.inlineCache = true
        plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t))
        plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target)
        plan.notes.push(
          'registry cache on the classic BuildKit path: inline cache metadata, image pushed to the cache ref'
        )
      } else {
        plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t))
        plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target)
      }
      break
    }
    case 'inline':
      if (req.builder === 'buildx') plan.cacheTo = ['type=inline']
      else if (req.builder === 'buildkit') plan.inlineCache = true
      else plan.notes.push('inline cache needs BuildKit; the legacy builder reads --cache-from images only')
      break
  }
  if (
    plan.cacheTo.length > 0 &&
    req.builder === 'buildx' &&
    !req.canExport &&
    !plan.cacheTo.every(t => t === 'type=inline')
  ) {
    plan.notes.push(
      `the buildx builder cannot export ${mode} cache (docker driver): cache is read, not written; allow create-builder to fix this`
    )
    plan.cacheTo = []
  }
  if (req.cacheFrom.length > 0) plan.cacheFrom = [...req.cacheFrom]
  if (req.cacheTo.length > 0) plan.cacheTo = [...req.cacheTo]
  return plan
}

/**
 * Whether stagegate should create a docker-container builder: only to export cache that the
 * current builder's driver cannot (the plain docker driver without the containerd image store).
 */
export function needsContainerBuilder(opts: {
  mode: CachePlan['mode']
  driver: string | null
  containerdStore: boolean
  createBuilder: boolean
  rawCacheTo: boolean
}): boolean {
  const exportsCache = opts.rawCacheTo || opts.mode === 'gha' || opts.mode === 'registry'
  return exportsCache && opts.driver === 'docker' && !opts.containerdStore && opts.createBuilder
}

/**
 * buildx older than 0.21 speaks only the retired cache protocol v1, which GitHub's cache service
 * no longer answers: its `type=gha` cache would silently store nothing. Under `cache: auto` that
 * is a warning and no cache; asked for by name, it is an error. Pure.
 */
export function ghaSupport(req: {
  mode: CachePlan['mode']
  requested: CacheMode
  caps: { ghaCache: boolean; cacheExport: boolean }
  buildxVersion: string | null
}): { mode: CachePlan['mode']; warning?: string } {
  if (req.mode !== 'gha' || req.caps.ghaCache) return { mode: req.mode }
  const why = !req.caps.cacheExport
    ? 'the buildx builder cannot export cache (the docker driver on the classic image store)'
    : `buildx ${req.buildxVersion ?? '(unknown version)'} speaks only the retired cache protocol v1, which GitHub's cache service no longer answers; buildx ${GHA_V2_BUILDX} or newer is needed (docker/setup-buildx-action with version: latest)`
  if (req.requested === 'gha') throw new UserError(`Input "cache" is gha, but ${why}.`)
  return {
    mode: 'none',
    warning: `No build cache: ${why}. Set cache: registry with cache-ref to cache another way.`
  }
}
