import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Stage, StageGraph } from '../dockerfile/index.js'
import type { Host } from '../host.js'
import type { BuilderChoice } from './builder.js'
import type { CachePlan } from './cache.js'
import { buildCommand, type BuildRequest } from './command.js'
import type { BuilderFeatures } from './features.js'
import { run } from './docker.js'
import { dockerCall } from './plugin.js'
import { storedImageId } from './tag.js'
import { ENGINE_FAULT_RETRIES, engineFault, engineFaultWarning, stepsAcrossAttempts } from './engine-fault.js'
import { stageLabel } from '../dockerfile/index.js'
import { classifyFailure, failureOutput, type ClassifiedFailure } from './failure.js'
import {
  countSteps,
  ranStepKeys,
  failedStep,
  missingCacheNotes,
  ProgressReader,
  stageSeconds,
  type BuildStep,
  type StageStepCounts
} from './progress.js'

/** Lines of output shown with a failure, in the log and the summary. */
export const FAILURE_LINES = 50

export interface BuildOutcome {
  /** `push`: the runtime image exported again (from cache) to the registry once the gate passed. */
  role: 'tester' | 'runtime' | 'push'
  stage: Stage
  ok: boolean
  seconds: number
  counts: StageStepCounts[]
  /** The steps that ran (`ranStepKeys`): a step another concurrent build also ran was solved once. */
  ranSteps?: string[]
  /** Seconds each stage's steps ran (BuildKit's DONE times), by stage label. */
  stageSeconds: Record<string, number>
  imageId: string | null
  /**
   * The image's ID in the engine's store, asked of the engine (storedImageId): the config digest on
   * the classic store, the manifest or index digest on the containerd store. What a tag points at;
   * null when the image was not stored.
   */
  localId?: string | null
  digest: string | null
  /** buildx's own metadata JSON of this build (`--metadata-file`), null on the classic path. */
  metadata: Record<string, unknown> | null
  failure: (ClassifiedFailure & { output: string[] }) | null
  /** Stopped by the run itself (its signal), not failed: the tests failed meanwhile. */
  cancelled?: boolean
}

/** A build request without what runBuild decides itself (target, files, cache flags). */
export type BuildBase = Omit<
  BuildRequest,
  'target' | 'iidFile' | 'metadataFile' | 'cacheFrom' | 'cacheTo' | 'inlineCache'
>

export interface BuildContext {
  host: Host
  builder: BuilderChoice
  graph: StageGraph
  workDir: string
  /** The stage whose own RUN steps are the tests (RUN-step mode), else null. */
  testStage: Stage | null
  /** What the builder supports (flags, attestations); unknown facts allow nothing extra. */
  features?: BuilderFeatures
  /** The engine's API socket (src/engine/api.ts), null where only the docker CLI reaches it. */
  engineApi?: string | null
  /** Notes already said in this run (a missing cache is said once, not after every build). */
  shownNotes?: Set<string>
}

/** Runs one `docker build` of one target and reads what happened from its plain progress output. */
export async function runBuild(
  ctx: BuildContext,
  role: BuildOutcome['role'],
  stage: Stage,
  base: BuildBase,
  cache: CachePlan,
  /** Stops the build (the runtime build, once the tests failed). */
  signal?: AbortSignal
): Promise<BuildOutcome> {
  const iidFile = path.join(ctx.workDir, `${role}.iid`)
  const metadataFile = path.join(ctx.workDir, `${role}.metadata.json`)
  const request: BuildRequest = {
    ...base,
    // --target takes names only; an unnamed stage can only be the runtime as the last stage.
    target: stage.name ?? '',
    iidFile,
    metadataFile: ctx.builder.kind === 'buildx' ? metadataFile : undefined,
    localOnly: role === 'tester',
    cacheFrom: cache.cacheFrom,
    cacheTo: cache.cacheTo,
    inlineCache: cache.inlineCache
  }
  const command = buildCommand(request, ctx.builder.kind, ctx.features)
  // Logged as typed (`docker buildx build …`); run as docker would run it (src/engine/plugin.ts).
  const call = dockerCall(ctx.builder.client, ctx.builder.buildxPlugin, command.args)
  const started = performance.now()
  const title = `Build the ${role} stage "${stageLabel(stage)}"`
  const attempts = ENGINE_FAULT_RETRIES + 1
  // The steps of the attempts the engine failed.
  const failed: BuildStep[][] = []
  let steps: BuildStep[]
  let result: Awaited<ReturnType<typeof run>>
  for (let attempt = 1; ; attempt++) {
    const reader = new ProgressReader()
    result = await ctx.host.group(attempt === 1 ? title : `${title} again (attempt ${attempt})`, async () => {
      ctx.host.info(`${ctx.builder.client} ${command.args.join(' ')}`)
      // Build steps run the pull request's code: their output must not speak for the action.
      return ctx.host.untrusted(emit =>
        run(call.command, call.args, {
          env: { ...call.env, ...command.env, ...cache.env },
          captureStdout: false,
          signal,
          onLine: line => {
            reader.push(line)
            if (ctx.host.streamBuildLog) emit(line)
          }
        })
      )
    })
    steps = reader.steps()
    if (result.exitCode === 0 || signal?.aborted || attempt === attempts) break
    const fault = engineFault(failedStep(steps), result.tail)
    if (!fault) break
    ctx.host.warning(engineFaultWarning(`${role} build`, fault, attempt + 1, attempts))
    failed.push(steps)
  }
  const seconds = (performance.now() - started) / 1000
  const attemptsSteps = stepsAcrossAttempts(failed, steps)
  const outcome: BuildOutcome = {
    role,
    stage,
    ok: result.exitCode === 0,
    seconds,
    counts: countSteps(attemptsSteps),
    ranSteps: ranStepKeys(attemptsSteps),
    stageSeconds: stageSeconds(attemptsSteps),
    imageId: null,
    digest: null,
    metadata: null,
    failure: null
  }
  for (const note of missingCacheNotes(steps)) {
    if (ctx.shownNotes?.has(note)) continue
    ctx.shownNotes?.add(note)
    ctx.host.info(`Cache: ${note}.`)
  }
  if (!outcome.ok && signal?.aborted) {
    outcome.cancelled = true
    return outcome
  }
  if (!outcome.ok) {
    const step = failedStep(steps)
    outcome.failure = {
      ...classifyFailure({
        step,
        graph: ctx.graph,
        target: stage,
        testStage: ctx.testStage,
        trailer: result.tail,
        exitCode: result.exitCode
      }),
      output: failureOutput(step, result.tail, FAILURE_LINES)
    }
    return outcome
  }
  const iid = (await readFile(iidFile, 'utf8').catch(() => '')).trim() || null
  if (request.metadataFile) {
    outcome.metadata = parseMetadata(await readFile(request.metadataFile, 'utf8').catch(() => ''))
    outcome.digest = digestFromMetadata(outcome.metadata)
  }
  // One meaning on every path: the image ID is the config digest (`docker images` shows it on
  // the classic store; on the containerd store the iidfile holds the manifest or index digest).
  outcome.imageId = configDigestFromMetadata(outcome.metadata) ?? iid
  // Stored in the engine (classic builds always; buildx when loaded): the ID it goes by there.
  if (ctx.builder.kind !== 'buildx' || request.load)
    outcome.localId = await storedImageId(ctx.builder.client, ctx.engineApi ?? null, [iid, outcome.digest])
  return outcome
}

/** buildx's metadata file as JSON, or null. */
export function parseMetadata(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function sha256Field(metadata: Record<string, unknown> | null, field: string): string | null {
  const value = metadata?.[field]
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value) ? value : null
}

/** The image config's digest (`containerimage.config.digest`): build-push-action's `imageid`. */
export function configDigestFromMetadata(metadata: Record<string, unknown> | null): string | null {
  return sha256Field(metadata, 'containerimage.config.digest')
}

/** buildx's metadata file carries the image's manifest (or index) digest as `containerimage.digest`. */
export function digestFromMetadata(metadata: Record<string, unknown> | null): string | null {
  return sha256Field(metadata, 'containerimage.digest')
}

/** `docker push` prints `<tag>: digest: sha256:… size: N` at the end. */
export function digestFromPushOutput(output: string): string | null {
  const match = /digest: (sha256:[0-9a-f]{64})/.exec(output)
  return match ? (match[1] ?? null) : null
}
