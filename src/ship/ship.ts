// Ship: build the runtime stage so it can be measured exactly, and push it once the gate and the
// budgets allow. The runtime build never pushes: on buildx the push is the same build exported
// again from the cache (no step runs twice); on the classic path it is `docker push`.
import path from 'node:path'
import type { BuilderChoice } from '../engine/builder.js'
import type { CachePlan } from '../engine/cache.js'
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
import type { Stage } from '../dockerfile/index.js'
import type { Host } from '../host.js'

export interface RuntimeBuild {
  build: BuildOutcome
  outputs: RuntimeOutputs
  /** The OCI layout written beside the image, when the builder can. */
  ociLayoutDir: string | null
}

/** Builds the runtime stage into something measurable (an OCI layout, or the engine's store). */
export async function buildRuntime(req: {
  ctx: BuildContext
  runtime: Stage
  base: BuildBase
  tags: string[]
  capabilities: Capabilities
  cache: CachePlan
}): Promise<RuntimeBuild> {
  const ociLayoutDir = path.join(req.ctx.workDir, 'oci-layout')
  const outputs = runtimeOutputs(req.capabilities, {
    kind: req.ctx.builder.kind,
    platforms: req.base.platforms.length,
    ociDir: ociLayoutDir
  })
  const build = await runBuild(
    req.ctx,
    'runtime',
    req.runtime,
    {
      // The user's own outputs, annotations and attestations go to the shipping build; this one
      // is the image that is measured.
      ...req.base,
      outputs: outputs.outputs,
      tags: req.tags,
      push: false,
      load: outputs.load && outputs.outputs.length === 0
    },
    req.cache
  )
  return { build, outputs, ociLayoutDir: outputs.measure === 'oci-layout' ? ociLayoutDir : null }
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

/**
 * Pushes the runtime image (and writes the user's `outputs`). buildx: the runtime target built
 * again with `--push`, which BuildKit answers from its cache; never with `--no-cache` or
 * `--pull`, which would make it a different image than the one tested and measured.
 */
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
      return pushWithBuildx(req)
    })
  }
  if (ctx.builder.kind !== 'buildx') {
    if (!req.push) return { ok: true, digest: null, build: null }
    return withPushRetries(ctx.host, async () => ({
      ...(await pushTags(ctx.host, ctx.builder, req.tags)),
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

async function pushTags(host: Host, builder: BuilderChoice, tags: string[]): Promise<PushResult> {
  let digest: string | null = null
  for (const tag of tags) {
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
