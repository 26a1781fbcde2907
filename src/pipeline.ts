// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).
import { statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { BuilderChoice } from './build/builder.js'
import { needsContainerBuilder, planCache, resolveCacheMode } from './build/cache.js'
import { FAILURE_TITLES, type FailureKind } from './build/failure.js'
import { ensureContainerBuilder, inspectDriver } from './build/buildx.js'
import { detectBuilder, run } from './build/docker.js'
import { stageLabel } from './dockerfile/index.js'
import {
  digestFromPushOutput,
  FAILURE_LINES,
  runBuild,
  type BuildContext,
  type BuildOutcome
} from './build/run-build.js'
import type { BuildRequest } from './build/command.js'
import { readDockerfile, type Stage, type StageGraph } from './dockerfile/index.js'
import { UserError } from './errors.js'
import { copyFromImage, readReportFiles, runTestCommand } from './gate/run-tests.js'
import { echoUntrusted, type Host } from './host.js'
import { parseInputs, type Inputs } from './inputs.js'
import { checkSecretMounts, resolveSecrets, secretMaskValues } from './secrets.js'
import { planBuild, type BuildPlan } from './plan.js'
import type { TestSummary } from './report/model.js'
import { renderBuildSummary } from './summary.js'
import { nativePlatform } from './platform.js'
import { redact, redactingHost } from './redact.js'
import { readRunContext, type RunContext } from './report/github.js'
import { parseReportInputs, type ReportInputs } from './report/inputs.js'
import { commentKeyOf, postComment, reportImage, reportOutputs } from './report/stage.js'
import { summarizeTests } from './gate/tests.js'
import { mapReportPath, testerFiles } from './gate/source-paths.js'
import { code, escapeText, link, safeUrl } from './report/markdown.js'

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
  const cacheMode = resolveCacheMode({
    mode: inputs.cache,
    builder: builder.kind,
    env: host.env,
    cacheRef: inputs.cacheRef
  })
  host.info(`Cache: ${cacheMode}${inputs.cache === 'auto' ? ' (auto)' : ''}.`)
  const { builderName, canExport } = await prepareBuildx(host, inputs, builder, cacheMode)
  // In RUN-step mode the tester stage's own steps are the tests; with test-command they only prepare.
  const testStage = plan.tester && !inputs.testCommand ? plan.tester : null
  const ctx: BuildContext = { host, builder, graph, workDir, testStage }
  const base: Omit<
    BuildRequest,
    'target' | 'iidFile' | 'metadataFile' | 'cacheFrom' | 'cacheTo' | 'inlineCache'
  > = {
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
    builder: builderName || undefined
  }
  const shownNotes = new Set<string>()
  const cacheFor = (target: string) => {
    const cache = planCache({
      mode: inputs.cache,
      builder: builder.kind,
      env: host.env,
      imageName,
      target,
      targets,
      cacheRef: inputs.cacheRef,
      cacheFrom: inputs.cacheFrom,
      cacheTo: inputs.cacheTo,
      canExport
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
    secretValues: run_.secretValues
  }
  const runtimeTarget = plan.runtime.name ?? String(plan.runtime.index)
  const commentKey = commentKeyOf(run_.report, imageName, runtimeTarget)
  // A failure is shown where people look: the log (annotated by the caller), the job summary,
  // the `report` output and the pull request comment.
  const fail = async (
    kind: RunFailureKind,
    message: string,
    output: string[],
    where?: { line: number | null }
  ): Promise<never> => {
    result.failure = kind
    host.error(message, {
      title: kind === 'budget' ? 'stagegate: size budget exceeded' : FAILURE_TITLES[kind],
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

  // Cache images (classic registry cache) are pushed only once the tests passed and the runtime built.
  const cachePushes: Array<{ imageId: string; ref: string }> = []

  // 1. Gate: the tester stage, then the tests inside it.
  if (plan.tester) {
    const testerTag = testerTagFor(imageName)
    const cache = cacheFor(plan.tester.name ?? String(plan.tester.index))
    const mode: TestSummary['mode'] = inputs.testCommand ? 'command' : 'build'
    const testerBuild = await runBuild(
      ctx,
      'tester',
      plan.tester,
      // The tests run here, on the native platform, whatever `platforms` the runtime is built for.
      { ...base, tags: [testerTag], load: true, platforms: [] },
      cache
    )
    builds.push(testerBuild)
    if (testerBuild.ok) result.testerImage = testerTag
    if (!testerBuild.ok) {
      const failure = testerBuild.failure ?? unknownFailure(plan.tester)
      const testsFailed = failure.kind === 'tests'
      result.testOutcome = testsFailed ? 'failed' : 'error'
      result.tests = testsFailed
        ? { outcome: 'failed', mode: 'build', failures: [], durationMs: testerBuild.seconds * 1000 }
        : {
            outcome: 'error',
            mode,
            failures: [],
            notRunReason:
              failure.kind === 'build'
                ? `the build failed in stage "${failure.stage}"`
                : 'the builder or the infrastructure failed'
          }
      return fail(failure.kind, failure.message, failure.output, failure)
    }
    const ownSteps = testerBuild.counts.find(c => c.stage === stageLabel(plan.tester!))
    // RUN-step mode: a tester stage that came whole from the cache ran no test this time.
    const cached = mode === 'build' && ownSteps !== undefined && ownSteps.ran === 0 && ownSteps.cached > 0
    let exitCode = 0
    let tail: string[] = []
    let excerpt: string[] = []
    // RUN-step mode: the tests are the tester stage's own steps, not the whole build (apt-get, deps).
    let durationMs = (testerBuild.stageSeconds[stageLabel(plan.tester)] ?? 0) * 1000
    const reportsDir = path.join(workDir, 'reports')
    if (inputs.testCommand) {
      const outcome = await runTestCommand(host, builder, {
        image: testerTag,
        command: inputs.testCommand,
        network: inputs.testNetwork,
        reportsHostDir: inputs.testReports ? reportsDir : undefined,
        reportsContainerDir: inputs.testReports || undefined
      })
      exitCode = outcome.exitCode
      tail = outcome.tail
      excerpt = outcome.excerpt
      durationMs = outcome.seconds * 1000
    } else if (inputs.testReports) {
      const found = await copyFromImage(builder, testerTag, inputs.testReports, reportsDir)
      if (!found) host.warning(`No test reports at ${inputs.testReports} in the tester image.`)
    }
    const reports = inputs.testReports ? await readReportFiles(reportsDir) : []
    if (inputs.testReports && reports.length === 0) {
      host.warning(`test-reports: no JUnit XML files were found in ${inputs.testReports}.`)
    }
    const containerFailed = mode === 'command' && exitCode === DOCKER_RUN_FAILED
    result.tests = containerFailed
      ? {
          outcome: 'error',
          mode,
          failures: [],
          notRunReason: 'the test container could not be started'
        }
      : summarizeTests({
          mode,
          exitCode,
          durationMs,
          reports,
          host,
          mapFile: reportFileMapper(run_, plan.tester)
        })
    if (cached) result.tests.cached = true
    result.testOutcome = result.tests.outcome
    if (containerFailed) {
      const hint = testContainerHint(tail)
      return fail(
        'builder',
        `The test container could not be started (docker run exited with ${DOCKER_RUN_FAILED})${hint ? `: ${hint}` : '.'}`,
        tail.slice(-FAILURE_LINES)
      )
    }
    if (result.tests.outcome === 'failed') {
      const message =
        mode === 'command'
          ? `Tests failed: the test command exited with code ${exitCode} in the tester image (stage "${stageLabel(plan.tester)}").`
          : `Tests failed: the test reports of stage "${stageLabel(plan.tester)}" record failures.`
      return fail('tests', message, excerpt)
    }
    if (cache.pushCacheImage && testerBuild.imageId)
      cachePushes.push({ imageId: testerBuild.imageId, ref: cache.pushCacheImage })
  }

  // 2. Ship: the runtime stage on the same builder, so the stages it shares with the tester are cache hits.
  const runtimeCache = cacheFor(plan.runtime.name ?? String(plan.runtime.index))
  const pushInBuild = inputs.push && builder.kind === 'buildx'
  const runtimeBuild = await runBuild(
    ctx,
    'runtime',
    plan.runtime,
    // A multi-platform result cannot be loaded into the engine; the OCI export below measures it.
    { ...base, tags: inputs.tags, push: pushInBuild, load: !pushInBuild && inputs.platforms.length <= 1 },
    runtimeCache
  )
  builds.push(runtimeBuild)
  if (!runtimeBuild.ok) {
    const failure = runtimeBuild.failure ?? unknownFailure(plan.runtime)
    // The runtime's own build cannot fail "the tests": its steps are never the tests.
    const kind = failure.kind === 'tests' ? 'build' : failure.kind
    return fail(kind, failure.message, failure.output, failure)
  }
  result.imageId = runtimeBuild.imageId
  // A digest promises a pushed image (signing steps guard on it): a loaded build has none.
  result.digest = pushInBuild ? runtimeBuild.digest : null
  if (inputs.push && !pushInBuild) {
    const pushed = await pushTags(host, builder, inputs.tags)
    if (!pushed.ok) return fail('builder', pushed.message, pushed.output)
    result.digest = pushed.digest
  }
  if (runtimeCache.pushCacheImage && runtimeBuild.imageId) {
    cachePushes.push({ imageId: runtimeBuild.imageId, ref: runtimeCache.pushCacheImage })
  }
  // A run that does not push (a pull request) must not seed the cache later builds trust.
  if (inputs.push)
    for (const { imageId, ref } of cachePushes) await pushCacheImage(host, builder, imageId, ref)
  result.pushed = inputs.push
  await host.appendSummary(
    renderBuildSummary({
      builder: builder.kind,
      builds,
      stagesByRole,
      tests: result.tests,
      failure: null,
      image: { id: result.imageId, digest: result.digest, tags: inputs.tags, pushed: result.pushed },
      testLine: false
    })
  )

  // 3. Report: measure, compare with the baseline, comment, record; budgets are checked last.
  let ociLayoutDir: string | null = null
  if (builder.kind === 'buildx' && !result.pushed) {
    // buildx keeps no local copy to measure cheaply: export the (cached) result as an OCI layout.
    ociLayoutDir = path.join(workDir, 'oci-layout')
    const exported = await runBuild(
      ctx,
      'runtime',
      plan.runtime,
      { ...base, tags: inputs.tags, output: `type=oci,dest=${ociLayoutDir},tar=false` },
      { ...runtimeCache, cacheTo: [] }
    )
    if (!exported.ok) {
      host.warning(
        'Could not export the runtime image as an OCI layout to measure it; measuring the loaded image instead.'
      )
      ociLayoutDir = null
    }
  }
  let outcome: Awaited<ReturnType<typeof reportImage>>
  try {
    outcome = await reportImage({
      host,
      report: run_.report,
      run: run_.run,
      builder,
      imageName,
      target: runtimeTarget,
      tags: inputs.tags,
      pushedRef: result.pushed ? (inputs.tags[0] ?? null) : null,
      ociLayoutDir,
      localImage: result.imageId,
      testerImage: result.testerImage,
      testerTarget: plan.tester ? (plan.tester.name ?? String(plan.tester.index)) : null,
      tests: result.tests,
      secretValues: run_.secretValues
    })
  } catch (error) {
    // The image is built (and pushed): a report that cannot be made must not hide that.
    host.warning(`The size report could not be made: ${(error as Error).message}`)
    return result
  }
  result.reportOutputs = reportOutputs(outcome)
  if (outcome.budgets.violations.length > 0) {
    const reasons = outcome.budgets.violations.map(v => v.reason).join('; ')
    result.failure = 'budget'
    host.error(`Size budget exceeded: ${reasons}.`, { title: 'stagegate: size budget exceeded' })
    throw new PipelineFailure(`Size budget exceeded: ${reasons}.`, result, 'budget')
  }
  return result
}

/**
 * On buildx, cache export needs a driver that can do it: the plain docker driver cannot, so
 * stagegate creates a docker-container builder unless `create-builder: false`.
 */
async function prepareBuildx(
  host: Host,
  inputs: Inputs,
  builder: BuilderChoice,
  cacheMode: ReturnType<typeof resolveCacheMode>
): Promise<{ builderName: string; canExport: boolean }> {
  const exports = cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0
  if (builder.kind !== 'buildx' || !exports) return { builderName: inputs.builder, canExport: true }
  const { driver, containerdStore } = await inspectDriver(builder, inputs.builder)
  const wanted = { mode: cacheMode, driver, containerdStore, rawCacheTo: inputs.cacheTo.length > 0 }
  if (needsContainerBuilder({ ...wanted, createBuilder: inputs.createBuilder })) {
    const created = await ensureContainerBuilder(host, builder)
    if (created) {
      host.info(
        `The buildx builder uses the docker driver, which cannot export ${cacheMode} cache: using the docker-container builder "${created}" (set create-builder: false to keep yours).`
      )
      return { builderName: created, canExport: true }
    }
    return { builderName: inputs.builder, canExport: false }
  }
  const canExport = !needsContainerBuilder({ ...wanted, createBuilder: true })
  return { builderName: inputs.builder, canExport }
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

async function pushCacheImage(
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

/** `docker run` exits 125 when docker itself failed: the test command never started. */
export const DOCKER_RUN_FAILED = 125

/** What to do when the test container could not start, from what docker said. Pure. */
export function testContainerHint(output: string[]): string | null {
  const text = output.join('\n')
  if (/network \S+ not found/i.test(text))
    return 'the engine has no such network: set "test-network" (or "network") to host or none'
  const last = output.filter(l => l.trim() !== '').slice(-1)[0]
  return last ? last.replace(/^docker: /, '').trim() : null
}

/** A failed build whose output named no step at all (docker died first). */
function unknownFailure(stage: Stage): NonNullable<BuildOutcome['failure']> {
  return {
    kind: 'builder',
    stage: stageLabel(stage),
    step: '',
    line: null,
    exitCode: null,
    output: [],
    message: `The builder failed while building stage "${stageLabel(stage)}".`
  }
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
