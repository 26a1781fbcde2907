import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Stage, StageGraph } from '../dockerfile/index.js'
import type { Host } from '../host.js'
import type { BuilderChoice } from './builder.js'
import type { CachePlan } from './cache.js'
import { buildCommand, type BuildRequest } from './command.js'
import { run } from './docker.js'
import { stageLabel } from '../dockerfile/index.js'
import { classifyFailure, failureOutput, type ClassifiedFailure } from './failure.js'
import {
  countSteps,
  failedStep,
  missingCacheNotes,
  ProgressReader,
  stageSeconds,
  type StageStepCounts
} from './progress.js'

/** Lines of output shown with a failure, in the log and the summary. */
export const FAILURE_LINES = 50

export interface BuildOutcome {
  role: 'tester' | 'runtime'
  stage: Stage
  ok: boolean
  seconds: number
  counts: StageStepCounts[]
  /** Seconds each stage's steps ran (BuildKit's DONE times), by stage label. */
  stageSeconds: Record<string, number>
  imageId: string | null
  digest: string | null
  failure: (ClassifiedFailure & { output: string[] }) | null
}

export interface BuildContext {
  host: Host
  builder: BuilderChoice
  graph: StageGraph
  workDir: string
  /** The stage whose own RUN steps are the tests (RUN-step mode), else null. */
  testStage: Stage | null
}

/** Runs one `docker build` of one target and reads what happened from its plain progress output. */
export async function runBuild(
  ctx: BuildContext,
  role: BuildOutcome['role'],
  stage: Stage,
  base: Omit<BuildRequest, 'target' | 'iidFile' | 'metadataFile' | 'cacheFrom' | 'cacheTo' | 'inlineCache'>,
  cache: CachePlan
): Promise<BuildOutcome> {
  const iidFile = path.join(ctx.workDir, `${role}.iid`)
  const metadataFile = path.join(ctx.workDir, `${role}.metadata.json`)
  const request: BuildRequest = {
    ...base,
    // --target takes names only; an unnamed stage can only be the runtime as the last stage.
    target: stage.name ?? '',
    iidFile,
    metadataFile: ctx.builder.kind === 'buildx' ? metadataFile : undefined,
    cacheFrom: cache.cacheFrom,
    cacheTo: cache.cacheTo,
    inlineCache: cache.inlineCache
  }
  const command = buildCommand(request, ctx.builder.kind)
  const reader = new ProgressReader()
  const started = performance.now()
  const result = await ctx.host.group(`Build the ${role} stage "${stageLabel(stage)}"`, async () => {
    ctx.host.info(`${ctx.builder.client} ${command.args.join(' ')}`)
    // Build steps run the pull request's code: their output must not speak for the action.
    return ctx.host.untrusted(emit =>
      run(ctx.builder.client, command.args, {
        env: { ...command.env, ...cache.env },
        onLine: line => {
          reader.push(line)
          if (ctx.host.streamBuildLog) emit(line)
        }
      })
    )
  })
  const seconds = (performance.now() - started) / 1000
  const steps = reader.steps()
  const outcome: BuildOutcome = {
    role,
    stage,
    ok: result.exitCode === 0,
    seconds,
    counts: countSteps(steps),
    stageSeconds: stageSeconds(steps),
    imageId: null,
    digest: null,
    failure: null
  }
  for (const note of missingCacheNotes(steps)) ctx.host.info(`Cache: ${note}.`)
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
  outcome.imageId = (await readFile(iidFile, 'utf8').catch(() => '')).trim() || null
  if (request.metadataFile) {
    const metadata = await readFile(request.metadataFile, 'utf8').catch(() => '')
    outcome.digest = digestFromMetadata(metadata)
  }
  return outcome
}

/** buildx's metadata file carries the pushed manifest's digest as `containerimage.digest`. */
export function digestFromMetadata(json: string): string | null {
  try {
    const value = (JSON.parse(json) as Record<string, unknown>)['containerimage.digest']
    return typeof value === 'string' && value.startsWith('sha256:') ? value : null
  } catch {
    return null
  }
}

/** `docker push` prints `<tag>: digest: sha256:… size: N` at the end. */
export function digestFromPushOutput(output: string): string | null {
  const match = /digest: (sha256:[0-9a-f]{64})/.exec(output)
  return match ? (match[1] ?? null) : null
}
