// Ship: build the runtime stage so it can be measured exactly, and push it once the gate and the
// budgets allow. The runtime build never pushes. The push is `docker push` of the image it made
// where that image is in the engine's store (the classic path, buildx's docker driver); otherwise
// the same build exported again from the cache with `--push` (no step runs twice).
import path from 'node:path'
import type { BuilderChoice } from '../engine/builder.js'
import type { CachePlan } from '../engine/cache.js'
import { pinTag } from '../engine/tag.js'
import { runtimeOutputs, type Capabilities, type RuntimeOutputs } from '../engine/capabilities.js'
import type { BuildRequest } from '../engine/command.js'
import { run } from '../engine/docker.js'
import {
  digestFromPushOutput,
  runBuild,
  type BuildBase,
  type BuildContext,
  type BuildOutcome
} from '../engine/run-build.js'
import { stageLabel, type Stage } from '../dockerfile/index.js'
import { budgeted } from '../report/phase.js'
import { targetOf, type RunSetup } from '../run-setup.js'
import { deferredHost } from '../deferred-host.js'
import type { Host } from '../host.js'

export interface RuntimeBuild {
  build: BuildOutcome
  outputs: RuntimeOutputs
  /** The OCI layout written beside the image, when the builder can. */
  ociLayoutDir: string | null
}

export interface RuntimeRequest {
  ctx: BuildContext
  runtime: Stage
  base: BuildBase
  tags: string[]
  capabilities: Capabilities
  cache: CachePlan
  signal?: AbortSignal
  /** Measured from the registry once pushed, by nothing before (see runtimeOutputs). */
  measuredAfterPush?: boolean
  /** The loaded image is what `docker push` ships: it carries the push's attestations. */
  pushedAsLoaded?: Pick<BuildRequest, 'attestations' | 'provenanceContext'>
}

/** Builds the runtime stage into something measurable (an OCI layout, or the engine's store). */
export async function buildRuntime(req: RuntimeRequest): Promise<RuntimeBuild> {
  const ociLayoutDir = path.join(req.ctx.workDir, 'oci-layout')
  const outputs = runtimeOutputs(req.capabilities, {
    kind: req.ctx.builder.kind,
    platforms: req.base.platforms.length,
    ociDir: ociLayoutDir,
    measuredAfterPush: req.measuredAfterPush
  })
  const build = await runBuild(
    req.ctx,
    'runtime',
    req.runtime,
    {
      // The user's own outputs, annotations and attestations go to the shipping build; this one
      // is the image that is measured.
      ...req.base,
      ...(req.pushedAsLoaded ? { ...req.pushedAsLoaded, pushedAsLoaded: true } : {}),
      outputs: outputs.outputs,
      tags: req.tags,
      push: false,
      load: outputs.load && outputs.outputs.length === 0
    },
    req.cache,
    req.signal
  )
  return { build, outputs, ociLayoutDir: outputs.measure === 'oci-layout' ? ociLayoutDir : null }
}

/** The runtime build of a run: the image that is measured, and pushed as it is where it can be. */
export function runtimeRequest(run: RunSetup): RuntimeRequest {
  const loaded = pushesLoaded(run)
  return {
    ctx: run.ctx,
    runtime: run.plan.runtime,
    base: run.base,
    tags: run.inputs.tags,
    capabilities: run.capabilities,
    cache: withoutCacheWrites(run.cacheFor(run.runtimeTarget)),
    measuredAfterPush: measuredAfterPush(run),
    ...(loaded
      ? {
          pushedAsLoaded: {
            attestations: run.runtimeExtra.attestations,
            provenanceContext: run.runtimeExtra.provenanceContext
          }
        }
      : {})
  }
}

/**
 * Whether the push is `docker push` of the image the runtime build loaded, rather than the runtime
 * target exported again with `--push`. buildx's docker driver keeps the loaded image in the
 * engine's store, so pushing it ships the very image tested and measured, with no export: 0.15 s
 * against about 0.8 s for the re-export on engine 26 here. Not when the push build would add what
 * the loaded image lacks: the user's outputs or annotations, a cache written by the push, several
 * platforms. Attestations are not among them: the loaded image carries the push's (pushedAsLoaded). Pure.
 */
export function pushesLoadedImage(f: {
  kind: BuilderChoice['kind']
  /** The docker driver, known as such: a loaded image is in the engine's store. */
  imageInEngine: boolean
  push: boolean
  platforms: number
  /** The runtime build loads its image (runtimeOutputs). */
  loads: () => boolean
  outputs: string[]
  annotations: string[]
  cacheTo: string[]
}): boolean {
  return (
    f.kind === 'buildx' &&
    f.imageInEngine &&
    f.push &&
    f.platforms <= 1 &&
    f.outputs.length === 0 &&
    f.annotations.length === 0 &&
    f.cacheTo.length === 0 &&
    f.loads()
  )
}

export const pushesLoaded = (run: RunSetup): boolean =>
  pushesLoadedImage({
    kind: run.builder.kind,
    imageInEngine: run.capabilities.imageInEngine,
    push: run.inputs.push,
    platforms: run.base.platforms.length,
    loads: () =>
      runtimeOutputs(run.capabilities, {
        kind: run.builder.kind,
        platforms: run.base.platforms.length,
        ociDir: '',
        measuredAfterPush: measuredAfterPush(run)
      }).load,
    outputs: run.runtimeExtra.outputs ?? [],
    annotations: run.runtimeExtra.annotations ?? [],
    cacheTo: run.cacheFor(run.runtimeTarget).cacheTo
  })

/** A runtime build running beside the gate. */
export interface RuntimeJob {
  /** The build, once it ended (`build.cancelled` when stopped). */
  done: Promise<RuntimeBuild>
  /** Stops it (the tests failed) and waits for it to end. */
  cancel(): Promise<RuntimeBuild>
  /** Prints its log, kept while it ran beside the gate, once it ended. */
  flush(): Promise<void>
  /** Ends it whatever happened (the run is over): stopped if still running, its log printed. */
  stop(): Promise<void>
}

/**
 * Starts the runtime build now, beside the gate, on the same builder: BuildKit solves a step both
 * builds share once. It pushes nothing and writes no shared cache (the caller strips `cacheTo`):
 * only what follows a passed gate does. Its log waits for the gate's.
 */
export function startRuntimeBuild(req: RuntimeRequest): RuntimeJob {
  const log = deferredHost(req.ctx.host)
  const controller = new AbortController()
  const done = buildRuntime({ ...req, ctx: { ...req.ctx, host: log.host }, signal: controller.signal })
  const flush = async (): Promise<void> => {
    await done.catch(() => undefined)
    await log.flush()
  }
  return {
    done,
    cancel: async () => {
      controller.abort()
      return done
    },
    flush,
    stop: async () => {
      controller.abort()
      await flush()
    }
  }
}

/**
 * buildx with nothing to check before the push: the runtime stage built and shipped (pushed,
 * the user's outputs written) in one build, after the gate passed. The pushed image is then
 * measured from the registry.
 */
export async function shipInBuild(req: {
  ctx: BuildContext
  runtime: Stage
  base: BuildBase
  cache: CachePlan
}): Promise<RuntimeBuild> {
  const build = await runBuild(req.ctx, 'runtime', req.runtime, req.base, req.cache)
  return { build, outputs: { outputs: [], load: false, measure: 'local-image' }, ociLayoutDir: null }
}

export type ShipResult =
  | { ok: true; digest: string | null; build: BuildOutcome | null }
  | { ok: false; message: string; output: string[]; build: BuildOutcome | null }

/** Tries after the first for a push the registry failed part-way (5xx, a reset connection). */
export const PUSH_RETRIES = 2

/** Whether a failed push is worth another try: the registry or the network, not the request. Pure. */
export function retryablePush(output: string): boolean {
  if (/denied|unauthorized|forbidden|authentication required|name unknown|invalid reference/i.test(output))
    return false
  return /\b5\d\d\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|connection reset|broken pipe|unexpected EOF|i\/o timeout|TLS handshake timeout/i.test(
    output
  )
}

/** Retries a push the registry failed part-way, a bounded number of times, saying so. */
async function withPushRetries(
  host: Host,
  push: () => Promise<ShipResult>,
  pause: (ms: number) => Promise<void> = ms => new Promise(resolve => setTimeout(resolve, ms))
): Promise<ShipResult> {
  let result = await push()
  for (let attempt = 1; attempt <= PUSH_RETRIES && !result.ok; attempt++) {
    if (!retryablePush([result.message, ...result.output].join('\n'))) break
    host.warning(
      `The push failed part-way (${result.message.slice(0, 200)}); trying again (${attempt} of ${PUSH_RETRIES}).`
    )
    await pause(1000 * attempt)
    result = await push()
  }
  return result
}

/**
 * Pushes the runtime image (and writes the user's `outputs`): `docker push` of the image built
 * (classic, or `loaded`), else the runtime target built again with `--push`, which BuildKit
 * answers from its cache; never with `--no-cache` or `--pull`, which would make it a different
 * image than the one tested and measured.
 */
export async function shipRuntime(req: {
  ctx: BuildContext
  runtime: Stage
  base: BuildBase
  extra: Partial<BuildRequest>
  tags: string[]
  push: boolean
  cache: CachePlan
  /** A push that already failed once (in the build that made the image): retried only if worth it. */
  firstFailure?: { message: string; output: string[] }
  /** buildx's docker driver loaded the image that ships: `docker push` it (pushesLoadedImage). */
  loaded?: boolean
  /** The image `docker push` ships, by its ID in the engine: each tag is pointed at it first (pinTag). */
  image?: string | null
}): Promise<ShipResult> {
  const { ctx } = req
  if (req.firstFailure) {
    const { message, output } = req.firstFailure
    const failed: ShipResult = {
      ok: false,
      message: `Pushing ${req.tags.join(', ')} failed: ${message} ${pushFailureHint([message, ...output].join('\n'))}`,
      output,
      build: null
    }
    if (!retryablePush([message, ...output].join('\n'))) return failed
    let first = true
    return withPushRetries(ctx.host, async () => {
      if (first) {
        first = false
        return failed
      }
      return req.loaded ? { ...(await pushTags(ctx, req.tags, req.image)), build: null } : pushWithBuildx(req)
    })
  }
  if (ctx.builder.kind !== 'buildx' || req.loaded) {
    if (!req.push) return { ok: true, digest: null, build: null }
    return withPushRetries(ctx.host, async () => ({
      ...(await pushTags(ctx, req.tags, req.image)),
      build: null
    }))
  }
  return withPushRetries(ctx.host, () => pushWithBuildx(req))
}

async function pushWithBuildx(req: Parameters<typeof shipRuntime>[0]): Promise<ShipResult> {
  const { ctx } = req
  const build = await runBuild(
    ctx,
    'push',
    req.runtime,
    {
      ...req.base,
      ...req.extra,
      noCache: false,
      noCacheFilters: [],
      pull: false,
      tags: req.tags,
      push: req.push,
      load: false
    },
    req.cache
  )
  if (build.ok) return { ok: true, digest: req.push ? build.digest : null, build }
  const output = build.failure?.output ?? []
  const message = build.failure?.message ?? 'The push failed.'
  return {
    ok: false,
    message: `Pushing ${req.tags.join(', ')} failed: ${message} ${pushFailureHint([message, ...output].join('\n'))}`,
    output,
    build
  }
}

/** What to do about a failed push, from what docker said. Pure. */
export function pushFailureHint(output: string): string {
  if (/denied|unauthorized|authentication required|forbidden/i.test(output)) {
    return 'Log in to the registry first (docker/login-action) with a token that may push to this repository.'
  }
  if (
    /connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response to HTTPS/i.test(output)
  ) {
    return 'The registry could not be reached: check the registry host and port in the tag.'
  }
  return 'Check the tag and that the registry accepts pushes.'
}

type PushResult = { ok: true; digest: string | null } | { ok: false; message: string; output: string[] }

async function pushTags(ctx: BuildContext, tags: string[], image?: string | null): Promise<PushResult> {
  const { host, builder } = ctx
  let digest: string | null = null
  for (const tag of tags) {
    // The tag may have been moved meanwhile (another job on a shared engine): it ships this image.
    if (image) {
      const pinned = await pinTag(builder.client, ctx.engineApi ?? null, image, tag)
      if (!pinned.ok) return { ok: false, message: pinned.message, output: [] }
      if (pinned.warning) host.warning(pinned.warning)
    }
    const pushed = await host.group(`Push ${tag}`, () =>
      run(builder.client, ['push', tag], { onLine: l => host.info(l) })
    )
    if (pushed.exitCode !== 0) {
      const output = pushed.tail.filter(l => l.trim() !== '').slice(-20)
      const hint = pushFailureHint(output.join('\n'))
      return {
        ok: false,
        message: `Pushing ${tag} failed: ${output.slice(-1)[0] ?? 'no output'}. ${hint}`,
        output
      }
    }
    digest ??= digestFromPushOutput(pushed.stdout)
  }
  return { ok: true, digest }
}

/** Classic registry cache: the built target pushed to its cache ref, once the gate passed. */
export async function pushCacheImage(
  host: Host,
  builder: BuilderChoice,
  imageId: string,
  ref: string
): Promise<void> {
  const tagged = await run(builder.client, ['tag', imageId, ref])
  const pushed = tagged.exitCode === 0 ? await run(builder.client, ['push', ref]) : tagged
  if (pushed.exitCode !== 0)
    host.warning(`Could not push the cache image ${ref}; the next run builds without it.`)
}

/** Registry cache is written only by a run that pushes; the concurrent runtime build writes none. */
export const withoutCacheWrites = (plan: CachePlan): CachePlan => ({ ...plan, cacheTo: [] })

/**
 * No tester, so no gate to wait for: the runtime built on its own. With buildx and nothing to
 * check before the push, built and shipped in one build (a push the registry failed part-way is
 * retried from what was built).
 */
export async function buildAlone(run: RunSetup): Promise<{ runtime: RuntimeBuild; shipped: boolean }> {
  const { inputs, result, ctx, plan } = run
  const ships = shipsAnything(run)
  const oneBuild = run.builder.kind === 'buildx' && ships && !budgeted(run)
  const cache = run.cacheFor(run.runtimeTarget)
  // Built, not shipped: the image (and its ID) to measure and push.
  const buildOnly = async (): Promise<RuntimeBuild> => {
    const built = await buildRuntime(runtimeRequest(run))
    result.builds.push(built.build)
    if (!built.build.ok) return run.buildFailed(built.build, plan.runtime)
    result.imageId = built.build.imageId
    result.buildxMetadata = built.build.metadata
    return built
  }
  if (!oneBuild) return { runtime: await run.timeline.time('Runtime build', buildOnly), shipped: false }
  const runtime = await run.timeline.time('Runtime build and push', () =>
    shipInBuild({
      ctx,
      runtime: plan.runtime,
      base: { ...run.base, ...run.runtimeExtra, tags: inputs.tags, push: inputs.push, load: false },
      // No gate to wait for; the registry cache is still written only by a run that pushes.
      cache: cache.mode === 'registry' && !inputs.push ? withoutCacheWrites(cache) : cache
    })
  )
  result.builds.push(runtime.build)
  if (runtime.build.ok) {
    result.imageId = runtime.build.imageId
    result.buildxMetadata = runtime.build.metadata
    result.pushed = inputs.push
    result.digest = inputs.push ? runtime.build.digest : null
    return { runtime, shipped: true }
  }
  if (runtime.build.failure?.kind !== 'builder') return run.buildFailed(runtime.build, plan.runtime)
  // The build passed and its export failed (the registry, the network). Keep what was built
  // (answered from the cache, so the image and its ID exist), then push again with retries and
  // the advice of a push.
  const failure = runtime.build.failure
  const built = await buildOnly()
  await push(run, withoutCacheWrites(cache), {
    image: built.build.localId ?? null,
    firstFailure: { message: failure.message, output: failure.output },
    loaded: pushesLoaded(run)
  })
  return { runtime: built, shipped: true }
}

/** A push without budgets: the registry measures the image, nothing before it. */
export const measuredAfterPush = (run: RunSetup): boolean => run.inputs.push && !budgeted(run)

/** Whether the run pushes or writes the user's outputs. */
export const shipsAnything = (run: RunSetup): boolean =>
  run.inputs.push || (run.runtimeExtra.outputs ?? []).length > 0

/**
 * The ship phase, once the gate passed and the budgets allowed: the push (with the user's
 * outputs), then every write to the shared cache, which follows the push's rule: gha and the
 * user's `cache-to` once the gate passed, the registry cache only by a run that pushes.
 */
export async function shipPhase(
  run: RunSetup,
  runtime: RuntimeBuild,
  shipped: boolean,
  cachePushes: Array<{ imageId: string; ref: string }>
): Promise<void> {
  const { inputs, plan, ctx } = run
  const cache = run.cacheFor(run.runtimeTarget)
  // The registry cache other runs trust is written only by a run that pushes.
  const mayWrite = (c: CachePlan): boolean => c.cacheTo.length > 0 && (c.mode !== 'registry' || inputs.push)
  // buildx writes the runtime's cache in the push build; otherwise in a cached re-export of its own.
  const loaded = pushesLoaded(run)
  const writesInPush = run.builder.kind === 'buildx' && inputs.push && !loaded
  if (!shipped && shipsAnything(run))
    await push(run, writesInPush ? cache : withoutCacheWrites(cache), {
      image: runtime.build.localId ?? null,
      loaded
    })
  if (!shipped && !writesInPush && mayWrite(cache))
    await run.timeline.time('Cache export', () => exportCache(ctx, 'runtime', plan.runtime, run.base, cache))
  // The tester's cache, held back from its build when the verdict came after it.
  if (plan.tester) {
    const testerCache = run.cacheFor(targetOf(plan.tester))
    const writtenInBuild = testerWritesCacheInBuild(inputs) && testerCache.mode !== 'registry'
    if (!writtenInBuild && mayWrite(testerCache))
      await run.timeline.time('Cache export', () =>
        exportCache(ctx, 'tester', plan.tester as Stage, run.base, testerCache)
      )
  }
  if (!inputs.push) return
  // The image the runtime build made (the result's ID may be the measured config digest by now).
  if (cache.pushCacheImage && runtime.build.imageId)
    cachePushes.push({ imageId: runtime.build.imageId, ref: cache.pushCacheImage })
  for (const { imageId, ref } of cachePushes)
    await run.timeline.time('Cache image push', () => pushCacheImage(run.host, run.builder, imageId, ref))
}

/**
 * Whether the tester build may write its cache itself: its success is the tests' verdict (RUN-step
 * mode, no reports to read). With a test command or reports, the verdict comes after the build,
 * so the cache waits for it. Pure.
 */
export function testerWritesCacheInBuild(
  inputs: Pick<RunSetup['inputs'], 'testCommand' | 'testReports'>
): boolean {
  return inputs.testCommand === '' && inputs.testReports === ''
}

async function push(
  run: RunSetup,
  cache: CachePlan,
  how: {
    /** The runtime image's ID in the engine (localId): what `docker push` of each tag must ship. */
    image: string | null
    firstFailure?: { message: string; output: string[] }
    loaded: boolean
  }
): Promise<void> {
  const { inputs, result } = run
  const { image, firstFailure, loaded } = how
  const shipped = await run.timeline.time(inputs.push ? 'Push' : 'Outputs', () =>
    shipRuntime({
      ctx: run.ctx,
      runtime: run.plan.runtime,
      base: run.base,
      extra: run.runtimeExtra,
      tags: inputs.tags,
      push: inputs.push,
      cache,
      firstFailure,
      loaded,
      image
    })
  )
  if (shipped.build) result.builds.push(shipped.build)
  if (!shipped.ok) return run.fail('builder', shipped.message, shipped.output)
  result.pushed = inputs.push
  // A digest promises a pushed image (signing steps guard on it): a loaded build has none.
  result.digest = inputs.push ? shipped.digest : null
  if (shipped.build?.metadata) result.buildxMetadata = shipped.build.metadata
}

/** A target's cache written by a cached re-export, once the gate passed (no step runs again). */
export async function exportCache(
  ctx: BuildContext,
  role: 'tester' | 'runtime',
  stage: Stage,
  base: BuildBase,
  cache: CachePlan
): Promise<void> {
  if (cache.cacheTo.length === 0) return
  const exported = await runBuild(
    ctx,
    role,
    stage,
    { ...base, noCache: false, pull: false, platforms: [] },
    cache
  )
  if (!exported.ok)
    ctx.host.warning(
      `Could not write the cache of the ${role} stage "${stageLabel(stage)}"; the next run builds it again.`
    )
}
