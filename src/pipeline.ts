// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).
import { statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { readProvenanceContext } from './engine/attest.js'
import { onCancel } from './cancel.js'
import type { BuilderChoice } from './engine/builder.js'
import { ghaSupport, planCache, resolveCacheMode, type CachePlan } from './engine/cache.js'
import { loadTester } from './engine/capabilities.js'
import { buildOptions, checkSupport, type BuildRequest } from './engine/command.js'
import { detectBuilder } from './engine/docker.js'
import { FAILURE_TITLES, type FailureKind } from './engine/failure.js'
import { runBuild, type BuildBase, type BuildContext, type BuildOutcome } from './engine/run-build.js'
import { prepareBuilder } from './engine/setup.js'
import { readDockerfile, stageLabel, type Stage, type StageGraph } from './dockerfile/index.js'
import { UserError } from './errors.js'
import { runGate, unknownFailure } from './gate/gate.js'
import { mapReportPath, testerFiles } from './gate/source-paths.js'
import { echoUntrusted, type Host } from './host.js'
import { parseInputs, type Inputs } from './inputs.js'
import { nativePlatform } from './platform.js'
import { planBuild, type BuildPlan } from './plan.js'
import { redact, redactingHost } from './redact.js'
import { readRunContext, type RunContext } from './report/github.js'
import { parseReportInputs, type ReportInputs } from './report/inputs.js'
import { code, escapeText, link, safeUrl } from './report/markdown.js'
import type { TestSummary } from './report/model.js'
import {
  assessImage,
  commentKeyOf,
  postComment,
  publishReport,
  reportOutputs,
  type Assessment,
  type ReportOutcome,
  type ReportRequest
} from './report/stage.js'
import { checkSecretMounts, resolveSecrets, secretMaskValues } from './secrets.js'
import { buildRuntime, pushCacheImage, shipInBuild, shipRuntime } from './ship/ship.js'
import { renderBuildSummary } from './summary.js'
import type { WhatGrew } from './report/files/grew.js'

export interface PipelineResult {
  testOutcome: TestSummary['outcome']
  tests: TestSummary
  imageId: string | null
  digest: string | null
  tags: string[]
  pushed: boolean
  builds: BuildOutcome[]
  /** Local tag of the tester image (for measuring it and for debugging), when one was built. */
  testerImage: string | null
  /** Outputs of the report step (size, delta, report markdown). */
  reportOutputs: Record<string, string>
  /** Values no output may show (secrets, the token): outputValues hides them. Not an output. */
  secretValues: string[]
  /** What failed, when the run failed (the `failure` output). */
  failure?: RunFailureKind
  /** buildx's own metadata JSON of the shipping build (else the runtime build); null on the classic path. */
  buildxMetadata: Record<string, unknown> | null
  /** A buildx builder this run created, for the post step to remove. */
  createdBuilder: string | null
  /** The files behind the size change (`stagegate run --json`'s `grew`), where they were listed. */
  grew?: WhatGrew | null
}

/** Why a run failed, as the `failure` output says it: the three kinds of failure and a broken budget. */
export type RunFailureKind = FailureKind | 'budget'

/** The run failed for a reason already shown in the log and summary (a failing test, a failing build). */
export class PipelineFailure extends UserError {
  constructor(
    message: string,
    readonly result: PipelineResult,
    readonly kind: RunFailureKind
  ) {
    super(message)
    this.name = 'PipelineFailure'
  }
}

export async function loadDockerfile(
  inputs: Pick<Inputs, 'context' | 'file' | 'buildArgs' | 'platforms'>,
  cwd: string
) {
  const context = path.resolve(cwd, inputs.context)
  const file = inputs.file ? path.resolve(cwd, inputs.file) : path.join(context, 'Dockerfile')
  const display = path.relative(cwd, file) || file
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw new UserError(
        `Dockerfile not found: ${display}. Set "file" to its path (relative to the workspace), or "context" to the folder that holds it.`
      )
    }
    throw error
  }
  const graph = readDockerfile(text, {
    file: display,
    buildArgs: inputs.buildArgs,
    // BUILDPLATFORM is this machine; TARGETPLATFORM the first platform asked for, as in docker build.
    platform: nativePlatform(),
    targetPlatform: inputs.platforms[0]
  })
  return { context, file, graph }
}

/** Image name for cache scopes and local tags: the first tag's repository, else the context folder. */
export function imageNameOf(tags: string[], context: string): string {
  const first = tags[0]
  if (first) {
    const withoutDigest = first.split('@')[0] ?? first
    const lastSlash = withoutDigest.lastIndexOf('/')
    const colon = withoutDigest.indexOf(':', lastSlash + 1)
    return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon)
  }
  return (
    path
      .basename(context)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-') || 'image'
  )
}

/** A repository path component docker accepts: no leading, trailing or doubled `.`/`_`/`-` mix. */
const REFERENCE_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/

/** A local tag for the tester image: stable per image (reruns replace it), never pushed. */
export function testerTagFor(imageName: string): string {
  const lowered = (imageName.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-')
  // A context folder like `.github` or `My App (2)` is no valid component as it is.
  const short = REFERENCE_COMPONENT.test(lowered)
    ? lowered
    : lowered.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'image'
  const hash = createHash('sha256').update(imageName).digest('hex').slice(0, 8)
  return `stagegate/${short}:tester-${hash}`
}

/**
 * The last line of a failure report: which image failed (a PR can carry several stagegate
 * comments), the commit, and a link to the run, whose log has the whole output. Pure.
 */
export function failureFooter(input: {
  imageName: string
  target: string
  commentKey?: string
  commitSha?: string
  runUrl?: string
}): string {
  const key = input.commentKey ? ` · ${escapeText(input.commentKey, 60)}` : ''
  const parts = [`${code(input.imageName, 120)} (${escapeText(input.target, 60)})${key}`]
  if (input.commitSha && /^[0-9a-f]{7,64}$/i.test(input.commitSha))
    parts.push(`commit ${input.commitSha.slice(0, 7)}`)
  if (safeUrl(input.runUrl)) parts.push(link('workflow run', input.runUrl))
  return `<sub>${parts.join(' · ')}</sub>`
}

export async function runPipeline(rawHost: Host, cwd: string = process.cwd()): Promise<PipelineResult> {
  const inputs = parseInputs(name => rawHost.input(name))
  const report = parseReportInputs(name => rawHost.input(name))
  if (report.githubToken) rawHost.setSecret(report.githubToken)
  // secret-files and secret-envs join `secrets` here, so every value is masked before anything is logged.
  const resolved = await resolveSecrets(inputs, { env: rawHost.env, workspace: cwd })
  inputs.secrets = resolved.secrets
  const masks = secretMaskValues(inputs.secrets)
  for (const value of masks) rawHost.setSecret(value)
  for (const warning of resolved.warnings) rawHost.warning(warning)
  const secretValues = [...masks, report.githubToken].filter(v => v !== '')
  const host = redactingHost(rawHost, secretValues)
  const { context, file, graph } = await loadDockerfile(inputs, cwd)

  const plan = planBuild(graph, {
    target: inputs.target || undefined,
    testTarget: inputs.testTarget ?? 'none'
  })
  const secretIds = inputs.secrets.map(s => s.id)
  for (const warning of checkSecretMounts(plan, secretIds)) host.warning(warning)
  const builder = await detectBuilder(host.env)
  host.info(`Builder: ${builder.kind}: ${builder.reason}.`)
  if (builder.kind === 'legacy') host.warning(`Using the legacy builder: ${builder.reason}.`)

  const workDir = await mkdtemp(path.join(host.env.RUNNER_TEMP || os.tmpdir(), 'stagegate-'))
  // The secret files live here: a cancelled run deletes them too.
  const forget = onCancel(() => rm(workDir, { recursive: true, force: true }))
  try {
    return await runStages(host, inputs, {
      context,
      file,
      graph,
      plan,
      builder,
      workDir,
      report,
      run: readRunContext(host.env),
      workspace: path.resolve(host.env.GITHUB_WORKSPACE || cwd),
      secretValues
    })
  } finally {
    forget()
    await rm(workDir, { recursive: true, force: true })
  }
}

interface StageContext {
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
}

async function runStages(host: Host, inputs: Inputs, run_: StageContext): Promise<PipelineResult> {
  const { graph, plan, builder, workDir } = run_
  const secretFiles = await writeSecrets(host, inputs, workDir)
  const imageName = imageNameOf(inputs.tags, run_.context)
  const targets = [plan.tester, plan.runtime].filter(s => s !== null).map(s => s.name ?? String(s.index))
  let cacheMode = resolveCacheMode({
    mode: inputs.cache,
    builder: builder.kind,
    env: host.env,
    cacheRef: inputs.cacheRef
  })
  const prepared = await prepareBuilder(host, builder, {
    name: inputs.builder,
    exportsCache: cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0,
    createBuilder: inputs.createBuilder,
    cacheMode
  })
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
    shownNotes: new Set()
  }
  const base: BuildBase = {
    context: run_.context,
    file: run_.file,
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
  const builds: BuildOutcome[] = []
  const stagesByRole = {
    tester: plan.testerStages.map(stageLabel),
    runtime: plan.runtimeStages.map(stageLabel)
  }
  const result: PipelineResult = {
    testOutcome: 'skipped',
    tests: { outcome: 'skipped', mode: 'none', failures: [] },
    imageId: null,
    digest: null,
    tags: inputs.tags,
    pushed: false,
    builds,
    testerImage: null,
    reportOutputs: {},
    secretValues: run_.secretValues,
    buildxMetadata: null,
    createdBuilder: prepared.created
  }
  const runtimeTarget = plan.runtime.name ?? String(plan.runtime.index)
  const commentKey = commentKeyOf(run_.report, imageName, runtimeTarget)
  // A failure is shown where people look: the log (annotated by the caller), the job summary,
  // the `report` output and the pull request comment.
  const fail = async (
    kind: FailureKind,
    message: string,
    output: string[],
    where?: { line: number | null }
  ): Promise<never> => {
    result.failure = kind
    host.error(message, {
      title: FAILURE_TITLES[kind],
      ...(where?.line ? { file: graph.file, startLine: where.line } : {})
    })
    if (output.length > 0) await echoUntrusted(host, 'Output of what failed:', output)
    const footer = failureFooter({
      imageName,
      target: runtimeTarget,
      commentKey: run_.report.commentKey || undefined,
      commitSha: run_.run.headSha,
      runUrl: run_.run.runUrl
    })
    const markdown = redact(
      `${renderBuildSummary({
        builder: builder.kind,
        builds,
        stagesByRole,
        tests: result.tests,
        failure: { kind, message, output },
        image: null
      }).trimEnd()}\n\n${footer}\n`,
      run_.secretValues
    )
    await host.appendSummary(markdown)
    result.reportOutputs = { report: markdown }
    await postComment({ host, report: run_.report, run: run_.run }, commentKey, markdown, null).catch(error =>
      host.warning(`Could not update the pull request comment: ${(error as Error).message}`)
    )
    throw new PipelineFailure(message, result, kind)
  }
  const buildFailed = (build: BuildOutcome, stage: Stage): Promise<never> => {
    const failure = build.failure ?? unknownFailure(stage)
    // Only the tester's own steps can fail "the tests"; the runtime's never are the tests.
    const kind = failure.kind === 'tests' && build.role !== 'tester' ? 'build' : failure.kind
    return fail(kind, failure.message, failure.output, failure)
  }

  // `call` (check, outline, targets) evaluates the runtime target and builds nothing.
  if (inputs.call) return callOnly(ctx, plan.runtime, { ...base, ...options.runtime }, result, buildFailed)

  // 1. Gate: the tester stage, then the tests in it. Nothing after it runs unless they pass.
  // Cache that other runs trust is written only once the gate passed: gha scopes follow the
  // branch, registry refs are written by the shipping build of a run that pushes.
  const writesDuringBuilds = (plan_: CachePlan): CachePlan =>
    plan_.mode === 'registry' ? { ...plan_, cacheTo: [] } : plan_
  const cachePushes: Array<{ imageId: string; ref: string }> = []
  if (plan.tester) {
    const cache = cacheFor(plan.tester.name ?? String(plan.tester.index))
    const gate = await runGate({
      ctx,
      inputs,
      tester: plan.tester,
      base,
      cache: writesDuringBuilds(cache),
      testerTag: testerTagFor(imageName),
      load: loadTester(caps, {
        testCommand: inputs.testCommand !== '',
        testReports: inputs.testReports !== ''
      }),
      mapFile: reportFileMapper(run_, plan.tester)
    })
    builds.push(gate.build)
    result.tests = gate.tests
    result.testOutcome = gate.tests.outcome
    result.testerImage = gate.testerImage
    if (gate.failure) {
      if (gate.failure.kind !== 'tests' && !gate.build.ok) return buildFailed(gate.build, plan.tester)
      return fail(gate.failure.kind, gate.failure.message, gate.failure.output, gate.failure)
    }
    if (cache.pushCacheImage && gate.build.imageId)
      cachePushes.push({ imageId: gate.build.imageId, ref: cache.pushCacheImage })
  }

  // 2. Ship, first half: the runtime stage on the same builder (the stages it shares with the
  // tester are cache hits), into something measurable, not pushed. With no budget to check
  // before the push, buildx builds and ships in one build: the gate has passed already.
  const ships = inputs.push || (options.runtime.outputs ?? []).length > 0
  const budgeted = run_.report.maxSize !== null || run_.report.maxIncrease !== null
  const shipInOneBuild = builder.kind === 'buildx' && ships && !budgeted
  const runtimeCache = cacheFor(runtimeTarget)
  const runtime = shipInOneBuild
    ? await shipInBuild({
        ctx,
        runtime: plan.runtime,
        base: { ...base, ...options.runtime, tags: inputs.tags, push: inputs.push, load: false },
        cache: inputs.push ? runtimeCache : writesDuringBuilds(runtimeCache)
      })
    : await buildRuntime({
        ctx,
        runtime: plan.runtime,
        base,
        tags: inputs.tags,
        capabilities: caps,
        cache: writesDuringBuilds(runtimeCache)
      })
  builds.push(runtime.build)
  if (!runtime.build.ok && shipInOneBuild && runtime.build.failure?.kind === 'builder') {
    // The build passed and its export failed (the registry, the network). Keep what was built
    // (answered from the cache, so the image and its ID exist), then push again with retries
    // and the advice of a push.
    const failure = runtime.build.failure
    const built = await buildRuntime({
      ctx,
      runtime: plan.runtime,
      base,
      tags: inputs.tags,
      capabilities: caps,
      cache: { ...runtimeCache, cacheTo: [] }
    })
    builds.push(built.build)
    if (!built.build.ok) return buildFailed(built.build, plan.runtime)
    result.imageId = built.build.imageId
    result.buildxMetadata = built.build.metadata
    const shipped = await shipRuntime({
      ctx,
      runtime: plan.runtime,
      base,
      extra: options.runtime,
      tags: inputs.tags,
      push: inputs.push,
      cache: { ...runtimeCache, cacheTo: [] },
      firstFailure: { message: failure.message, output: failure.output }
    })
    if (shipped.build) builds.push(shipped.build)
    if (!shipped.ok) return fail('builder', shipped.message, shipped.output)
    result.pushed = inputs.push
    result.digest = inputs.push ? shipped.digest : null
    if (shipped.build?.metadata) result.buildxMetadata = shipped.build.metadata
  } else if (!runtime.build.ok) {
    return buildFailed(runtime.build, plan.runtime)
  } else {
    result.imageId = runtime.build.imageId
    result.buildxMetadata = runtime.build.metadata
    if (shipInOneBuild) {
      result.pushed = inputs.push
      result.digest = inputs.push ? runtime.build.digest : null
    }
  }
  if (runtimeCache.pushCacheImage && runtime.build.imageId)
    cachePushes.push({ imageId: runtime.build.imageId, ref: runtimeCache.pushCacheImage })

  // 3. Budgets are checked on the built image before anything is pushed.
  const reportRequest = (pushedRef: string | null): ReportRequest => ({
    host,
    report: run_.report,
    run: run_.run,
    builder,
    imageName,
    target: runtimeTarget,
    tags: inputs.tags,
    pushedRef,
    ociLayoutDir: runtime.ociLayoutDir,
    localImage: runtime.outputs.load ? result.imageId : null,
    testerImage: result.testerImage,
    testerTarget: plan.tester ? (plan.tester.name ?? String(plan.tester.index)) : null,
    tests: result.tests,
    secretValues: run_.secretValues
  })
  let assessment: Assessment | null = null
  if (!inputs.push || budgeted) {
    try {
      assessment = await assessImage(reportRequest(null))
    } catch (error) {
      if (inputs.push && budgeted)
        return fail(
          'builder',
          `The image could not be measured, so the size budgets cannot be checked and nothing was pushed: ${(error as Error).message}`,
          []
        )
      host.warning(`The size report could not be made: ${(error as Error).message}`)
    }
    if (assessment) result.imageId = configDigestOf(assessment.measurement) ?? result.imageId
    if (inputs.push && assessment && assessment.budgets.violations.length > 0) {
      await summarizeBuilds(host, result, stagesByRole, builder, 'a size budget rejected the image')
      return overBudget(
        host,
        result,
        await publishReport(reportRequest(null), assessment, { record: false }),
        true
      )
    }
  }

  // 4. Ship, second half: push (and the user's outputs), then the cache images of the classic path.
  if (ships && !shipInOneBuild) {
    const shipped = await shipRuntime({
      ctx,
      runtime: plan.runtime,
      base,
      extra: options.runtime,
      tags: inputs.tags,
      push: inputs.push,
      cache: runtimeCache.mode === 'registry' && inputs.push ? runtimeCache : { ...runtimeCache, cacheTo: [] }
    })
    if (shipped.build) builds.push(shipped.build)
    if (!shipped.ok) return fail('builder', shipped.message, shipped.output)
    result.pushed = inputs.push
    // A digest promises a pushed image (signing steps guard on it): a loaded build has none.
    result.digest = inputs.push ? shipped.digest : null
    if (shipped.build?.metadata) result.buildxMetadata = shipped.build.metadata
  }
  // A run that does not push (a pull request) must not seed the cache later builds trust.
  if (inputs.push) {
    for (const { imageId, ref } of cachePushes) await pushCacheImage(host, builder, imageId, ref)
    if (plan.tester && cacheMode === 'registry' && builder.kind === 'buildx') {
      const testerCache = cacheFor(plan.tester.name ?? String(plan.tester.index))
      await exportCache(ctx, plan.tester, base, testerCache)
    }
  }
  await summarizeBuilds(host, result, stagesByRole, builder, null)

  // 5. Report: measured from the registry once pushed (what a pull downloads), compared with the
  // baseline, published, recorded.
  try {
    const pushedRef = result.pushed ? (inputs.tags[0] ?? null) : null
    if (pushedRef || !assessment)
      assessment = await assessImage(reportRequest(pushedRef), assessment ?? undefined)
    // The measurement read the image config: its digest is the image ID on every path (the
    // containerd store names images by their index, and buildx's metadata follows it there).
    result.imageId = configDigestOf(assessment.measurement) ?? result.imageId
    const outcome = await publishReport(reportRequest(pushedRef), assessment)
    result.reportOutputs = reportOutputs(outcome)
    result.grew = outcome.grew
    if (outcome.budgets.violations.length > 0) return overBudget(host, result, outcome, false)
  } catch (error) {
    if (error instanceof PipelineFailure) throw error
    // The image is built (and pushed): a report that cannot be made must not hide that.
    host.warning(`The size report could not be made: ${(error as Error).message}`)
  }
  return result
}

/** The build half of the job summary, once the builds are done. */
async function summarizeBuilds(
  host: Host,
  result: PipelineResult,
  stagesByRole: Partial<Record<BuildOutcome['role'], string[]>>,
  builder: BuilderChoice,
  notPushedReason: string | null
): Promise<void> {
  await host.appendSummary(
    renderBuildSummary({
      builder: builder.kind,
      builds: result.builds,
      stagesByRole,
      tests: result.tests,
      failure: null,
      image: {
        id: result.imageId,
        digest: result.digest,
        tags: result.tags,
        pushed: result.pushed,
        ...(notPushedReason ? { notPushedReason } : {})
      },
      testLine: false
    })
  )
}

/**
 * A budget failed: the report is written; the run fails with the reasons, said once. `blockedPush`:
 * the run was to push, and the budget stopped it.
 */
function overBudget(host: Host, result: PipelineResult, outcome: ReportOutcome, blockedPush: boolean): never {
  result.reportOutputs = reportOutputs(outcome)
  result.grew = outcome.grew
  const reasons = outcome.budgets.violations.map(v => v.reason).join('; ')
  const message = `Size budget exceeded: ${reasons}.${blockedPush ? ' Nothing was pushed.' : ''}`
  result.failure = 'budget'
  host.error(message, { title: 'stagegate: size budget exceeded' })
  throw new PipelineFailure(message, result, 'budget')
}

/** `call: check` and friends: one evaluation of the runtime target, no tests, no push, no report. */
async function callOnly(
  ctx: BuildContext,
  runtime: Stage,
  base: BuildBase,
  result: PipelineResult,
  buildFailed: (build: BuildOutcome, stage: Stage) => Promise<never>
): Promise<PipelineResult> {
  const build = await runBuild(ctx, 'runtime', runtime, base, {
    mode: 'none',
    cacheFrom: [],
    cacheTo: [],
    inlineCache: false,
    pushCacheImage: null,
    env: {},
    notes: []
  })
  result.builds.push(build)
  if (!build.ok) return buildFailed(build, runtime)
  return result
}

/** buildx registry cache of the tester target, written once the gate passed (a cached solve). */
async function exportCache(
  ctx: BuildContext,
  tester: Stage,
  base: BuildBase,
  cache: CachePlan
): Promise<void> {
  if (cache.cacheTo.length === 0) return
  const exported = await runBuild(
    ctx,
    'tester',
    tester,
    { ...base, noCache: false, pull: false, platforms: [] },
    cache
  )
  if (!exported.ok)
    ctx.host.warning('Could not write the registry cache of the tester stage; the next run builds it again.')
}

/** Secret values go to 0600 files passed with `--secret` (masked by runPipeline); never to build args. */
async function writeSecrets(
  host: Host,
  inputs: Inputs,
  workDir: string
): Promise<BuildRequest['secretFiles']> {
  const files: BuildRequest['secretFiles'] = []
  for (const secret of inputs.secrets) {
    // A secret file is passed as it is: copying it through a string would corrupt binary content.
    if (secret.src) {
      files.push({ id: secret.id, src: secret.src })
      continue
    }
    const src = path.join(workDir, `secret-${files.length}`)
    await writeFile(src, secret.value, { mode: 0o600 })
    files.push({ id: secret.id, src })
  }
  return files
}

/**
 * Test reports name container paths (`/app/src/x.test.ts`) or context-relative ones: the
 * workspace file each one is, through the tester's WORKDIR and COPY, or null (no such file).
 */
function reportFileMapper(run_: StageContext, tester: Stage): (file: string) => string | null {
  const files = testerFiles(run_.graph, tester)
  const workspace = run_.workspace
  const options = {
    context: path.relative(workspace, run_.context) || '.',
    workspace,
    exists: (p: string) => statSync(path.join(workspace, p), { throwIfNoEntry: false })?.isFile() ?? false
  }
  return file => mapReportPath(file, files, options)
}

/** The config digest of a one-platform image, as its measurement read it. Pure. */
export function configDigestOf(measurement: { platforms: Array<{ configDigest?: string }> }): string | null {
  return measurement.platforms.length === 1 ? (measurement.platforms[0]?.configDigest ?? null) : null
}
