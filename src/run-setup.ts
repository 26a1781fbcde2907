// What every phase of a run shares, made once before the first build: the builder and its
// capabilities, the cache plan, the build flags, the result being filled in, and how a failure
// is shown (log, job summary, `report` output, pull request comment).
import type { CheckRun } from './check/in-run.js'
import { engineSocket } from './engine/api.js'
import { readProvenanceContext } from './engine/attest.js'
import type { BuilderChoice } from './engine/builder.js'
import type { Probes } from './engine/docker.js'
import { ghaSupport, planCache, resolveCacheMode, type CachePlan } from './engine/cache.js'
import type { Capabilities } from './engine/capabilities.js'
import { buildOptions, checkSupport, type BuildRequest } from './engine/command.js'
import { FAILURE_TITLES, type FailureKind } from './engine/failure.js'
import type { BuildBase, BuildContext, BuildOutcome } from './engine/run-build.js'
import { prepareBuilder } from './engine/setup.js'
import { stageLabel, type Stage, type StageGraph } from './dockerfile/index.js'
import { unknownFailure } from './gate/gate.js'
import { echoUntrusted, type Host } from './host.js'
import type { Inputs } from './inputs.js'
import { imageNameOf } from './image-name.js'
import { PipelineFailure, type PipelineResult } from './run-result.js'
import { publishFailure } from './failure-report.js'
import type { BuildPlan } from './plan.js'
import type { RunContext } from './report/github.js'
import type { ReportInputs } from './report/inputs.js'
import { localFactsReader, type LocalFactsReader } from './report/measure.js'
import { commentKeyOf } from './report/stage.js'
import type { Timeline } from './timeline.js'

/** What runPipeline read and decided before the builds. */
export interface StageContext {
  context: string
  file: string
  graph: StageGraph
  plan: BuildPlan
  builder: BuilderChoice
  workDir: string
  report: ReportInputs
  run: RunContext
  secretValues: string[]
  /** The repository checkout (GITHUB_WORKSPACE, or the CLI's folder): report paths map into it. */
  workspace: string
  /** The Dockerfile check's findings (null with check: off), for the report and the baseline. */
  check: CheckRun | null
  /** The engine and builder probes, started with the run. */
  probes: Probes
}

export interface RunSetup extends StageContext {
  host: Host
  inputs: Inputs
  ctx: BuildContext
  /** Flags every build of the run shares. */
  base: BuildBase
  /** The user's outputs, annotations and attestations: only the shipping build gets them. */
  runtimeExtra: Partial<BuildRequest>
  capabilities: Capabilities
  cacheMode: CachePlan['mode']
  cacheFor(target: string): CachePlan
  imageName: string
  runtimeTarget: string
  testerTarget: string | null
  commentKey: string
  stagesByRole: Partial<Record<BuildOutcome['role'], string[]>>
  result: PipelineResult
  timeline: Timeline
  /** Reads an image's local facts once, from the first ask (the measurement asks again later). */
  localFacts: LocalFactsReader
  /** Work left running beside the rest that the run waits for before it ends (the test container's removal). */
  pending: Array<Promise<unknown>>
  /** Shows a failure where people look, then throws the PipelineFailure that ends the run. */
  fail(kind: FailureKind, message: string, output: string[], where?: { line: number | null }): Promise<never>
  /** A failed build's verdict: only the tester's own steps can fail "the tests". */
  buildFailed(build: BuildOutcome, stage: Stage): Promise<never>
}

export const targetOf = (stage: Stage): string => stage.name ?? String(stage.index)

export async function prepareRun(
  host: Host,
  inputs: Inputs,
  stage: StageContext,
  timeline: Timeline,
  secretFiles: BuildRequest['secretFiles']
): Promise<RunSetup> {
  const { graph, plan, builder, workDir } = stage
  const imageName = imageNameOf(inputs.tags, stage.context)
  const targets = [plan.tester, plan.runtime].filter(s => s !== null).map(targetOf)
  let cacheMode = resolveCacheMode({
    mode: inputs.cache,
    builder: builder.kind,
    env: host.env,
    cacheRef: inputs.cacheRef
  })
  const prepared = await prepareBuilder(
    host,
    builder,
    {
      name: inputs.builder,
      exportsCache: cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0,
      createBuilder: inputs.createBuilder,
      cacheMode
    },
    stage.probes
  )
  const caps = prepared.capabilities
  const gha = ghaSupport({
    mode: cacheMode,
    requested: inputs.cache,
    caps,
    buildxVersion: builder.buildxVersion
  })
  // After a builder fallback (already a warning) the missing gha export is no news.
  if (gha.warning) (prepared.fellBack ? host.info : host.warning)(gha.warning)
  cacheMode = gha.mode
  host.info(`Cache: ${cacheMode}${inputs.cache === 'auto' ? ' (auto)' : ''}.`)
  const options = buildOptions(inputs, await readProvenanceContext(host.env))
  // In RUN-step mode the tester stage's own steps are the tests; with test-command they only prepare.
  const testStage = plan.tester && !inputs.testCommand ? plan.tester : null
  const ctx: BuildContext = {
    host,
    builder,
    graph,
    workDir,
    testStage,
    features: prepared.features,
    engineApi: engineSocket(host.env),
    shownNotes: new Set()
  }
  const base: BuildBase = {
    context: stage.context,
    file: stage.file,
    tags: [],
    labels: inputs.labels,
    buildArgs: inputs.buildArgs,
    secretFiles,
    platforms: inputs.platforms,
    network: inputs.network,
    noCache: inputs.noCache,
    pull: inputs.pull,
    push: false,
    load: false,
    builder: prepared.name || undefined,
    ...options.shared
  }
  // Anything the builder cannot do stops the run here, before the first build.
  checkSupport(
    { ...base, ...options.runtime, target: '', iidFile: '', cacheFrom: [], cacheTo: [], inlineCache: false },
    builder.kind,
    prepared.features
  )
  const shownNotes = new Set<string>()
  const cacheFor = (target: string): CachePlan => {
    const cache = planCache({
      mode: cacheMode,
      builder: builder.kind,
      env: host.env,
      imageName,
      target,
      targets,
      cacheRef: inputs.cacheRef,
      cacheFrom: inputs.cacheFrom,
      cacheTo: inputs.cacheTo,
      canExport: caps.cacheExport
    })
    for (const note of cache.notes) {
      if (!shownNotes.has(note)) host.info(`Cache: ${note}.`)
      shownNotes.add(note)
    }
    return cache
  }
  const result: PipelineResult = {
    testOutcome: 'skipped',
    tests: { outcome: 'skipped', mode: 'none', failures: [] },
    imageId: null,
    digest: null,
    tags: inputs.tags,
    pushed: false,
    builds: [],
    testerImage: null,
    reportOutputs: {},
    secretValues: stage.secretValues,
    buildxMetadata: null,
    createdBuilder: prepared.created
  }
  const runtimeTarget = targetOf(plan.runtime)
  const setup: RunSetup = {
    ...stage,
    host,
    inputs,
    ctx,
    base,
    runtimeExtra: options.runtime,
    capabilities: caps,
    cacheMode,
    cacheFor,
    imageName,
    runtimeTarget,
    testerTarget: plan.tester ? targetOf(plan.tester) : null,
    commentKey: commentKeyOf(stage.report, imageName, runtimeTarget),
    stagesByRole: {
      tester: plan.testerStages.map(stageLabel),
      runtime: plan.runtimeStages.map(stageLabel)
    },
    result,
    timeline,
    localFacts: localFactsReader(builder.client, ctx.engineApi),
    pending: [],
    fail: (kind, message, output, where) => showFailure(setup, kind, message, output, where),
    buildFailed: (build, failed) => {
      const failure = build.failure ?? unknownFailure(failed)
      // Only the tester's own steps can fail "the tests"; the runtime's never are the tests.
      const kind = failure.kind === 'tests' && build.role !== 'tester' ? 'build' : failure.kind
      return showFailure(setup, kind, failure.message, failure.output, failure)
    }
  }
  return setup
}

// A failure is shown where people look: the log (annotated by the caller), the job summary, the
// `report` output and the pull request comment.
async function showFailure(
  run: RunSetup,
  kind: FailureKind,
  message: string,
  output: string[],
  where?: { line: number | null }
): Promise<never> {
  const { host, result } = run
  result.failure = kind
  host.error(message, {
    title: FAILURE_TITLES[kind],
    ...(where?.line ? { file: run.graph.file, startLine: where.line } : {})
  })
  if (output.length > 0) await echoUntrusted(host, 'Output of what failed:', output)
  const markdown = await publishFailure(
    {
      host,
      report: run.report,
      run: run.run,
      imageName: run.imageName,
      target: run.runtimeTarget,
      builder: run.builder.kind,
      builds: result.builds,
      stagesByRole: run.stagesByRole,
      tests: result.tests,
      check: run.check,
      secretValues: run.secretValues
    },
    { kind, message, output }
  )
  result.reportOutputs = { report: markdown }
  throw new PipelineFailure(message, result, kind)
}
