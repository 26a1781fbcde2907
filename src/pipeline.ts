// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).
import { statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { onCancel } from './cancel.js'
import { runCheck } from './check/run-check.js'
import { NO_CACHE } from './engine/cache.js'
import { detectBuilder, probeEarly } from './engine/docker.js'
import type { BuildRequest } from './engine/command.js'
import { runBuild } from './engine/run-build.js'
import { readDockerfile } from './dockerfile/index.js'
import { UserError } from './errors.js'
import { gatePhase } from './gate/gate.js'
import { mapReportPath, testerFiles } from './gate/source-paths.js'
import type { Host } from './host.js'
import { parseInputs, type Inputs } from './inputs.js'
import { nativePlatform } from './platform.js'
import { planBuild } from './plan.js'
import { redactingHost } from './redact.js'
import { readRunContext } from './report/github.js'
import { warmFetch } from './report/registry.js'
import { parseReportInputs } from './report/inputs.js'
import { assessBeforePush, measureAhead, reportPhase, summarizeBuilds } from './report/phase.js'
import { PipelineFailure, type PipelineResult } from './run-result.js'
import { prepareRun, type RunSetup, type StageContext } from './run-setup.js'
import { checkSecretMounts, resolveSecrets, secretMaskValues } from './secrets.js'
import {
  buildAlone,
  pushesLoaded,
  runtimeRequest,
  shipPhase,
  startRuntimeBuild,
  type RuntimeBuild,
  type RuntimeJob
} from './ship/ship.js'
import { renderTimeline, Timeline } from './timeline.js'

export type { PipelineResult, RunFailureKind } from './run-result.js'
export { PipelineFailure } from './run-result.js'

export async function loadDockerfile(
  inputs: Pick<Inputs, 'context' | 'file' | 'buildArgs' | 'platforms'> & Partial<Pick<Inputs, 'target'>>,
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
    targetPlatform: inputs.platforms[0],
    // TARGETSTAGE: the runtime build's target (planBuild reads the file again for the tester's).
    target: inputs.target || undefined
  })
  return { context, file, graph, text }
}

export async function runPipeline(rawHost: Host, cwd: string = process.cwd()): Promise<PipelineResult> {
  const inputs = parseInputs(name => rawHost.input(name))
  // The engine and the builder are asked now, while the Dockerfile is read and checked.
  const probes = probeEarly(rawHost.env, inputs.builder)
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
  const { context, file, graph, text } = await loadDockerfile(inputs, cwd)

  const plan = planBuild(graph, {
    target: inputs.target || undefined,
    testTarget: inputs.testTarget
  })
  const secretIds = inputs.secrets.map(s => s.id)
  for (const warning of checkSecretMounts(plan, secretIds)) host.warning(warning)
  const checked = await runCheck(host, { inputs, report, graph, context, plan, secretValues, file, text })
  if (checked.failure) throw new PipelineFailure(checked.failure.message, checked.failure.result, 'build')
  const builder = await detectBuilder(host.env, probes)
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
      secretValues,
      check: checked.check,
      probes
    })
  } finally {
    forget()
    await rm(workDir, { recursive: true, force: true })
  }
}

/**
 * The schedule: the whole run on one screen. The runtime build starts beside the gate; only what
 * ships (the push, the shared cache) waits for the tests to pass, and a failed gate stops the
 * runtime build. Each phase lives in its module: gate (src/gate), ship (src/ship), report
 * (src/report/phase.ts).
 */
async function runStages(host: Host, inputs: Inputs, stage: StageContext): Promise<PipelineResult> {
  const timeline = new Timeline()
  const secretFiles = await writeSecrets(host, inputs, stage.workDir)
  const run = await prepareRun(host, inputs, stage, timeline, secretFiles)
  const mapFile = reportFileMapper(stage)
  let runtimeJob: RuntimeJob | null = null
  try {
    // `call` (check, outline, targets) evaluates the runtime target and builds nothing.
    if (inputs.call) return await callOnly(run)

    // 1. The runtime build starts now, beside the gate: it pushes nothing and writes no shared cache.
    runtimeJob = stage.plan.tester ? startRuntime(run) : null
    warmFetch()
    // 2. The gate: the tester build, then the tests. A failure stops the runtime build and ends the run.
    const cachePushes = await gatePhase(run, mapFile, runtimeJob)
    // 3. The runtime image: the concurrent build's, or (no tester) built now, shipped in the same build
    //    when nothing is checked before the push.
    const { runtime, shipped } = runtimeJob
      ? { runtime: await finishRuntime(run, runtimeJob), shipped: false }
      : await buildAlone(run)
    // 4. Budgets are checked on the built image before anything is pushed; what the report needs
    //    from the engine is read while the push runs.
    const pushedAsLoaded = pushesLoaded(run)
    measureAhead(run, runtime, pushedAsLoaded)
    const assessment = await assessBeforePush(run, runtime)
    // 5. Ship: the push, then the shared cache, which follows the push's rule.
    await shipPhase(run, runtime, shipped, cachePushes)
    await summarizeBuilds(run, null)
    // 6. Report: measured (from the registry once pushed), compared, published, recorded.
    await reportPhase(run, runtime, assessment, pushedAsLoaded)
    return run.result
  } finally {
    // Whatever ended the run, nothing of it runs on (the work folder with the secrets goes next).
    await runtimeJob?.stop()
    await Promise.all(run.pending)
    await host.appendSummary(renderTimeline(timeline.spans))
  }
}

/** Starts the runtime build beside the gate, timed for the timeline. */
function startRuntime(run: RunSetup): RuntimeJob {
  const start = run.timeline.elapsed()
  const job = startRuntimeBuild(runtimeRequest(run))
  void job.done.then(
    ({ build }) =>
      run.timeline.add(
        'Runtime build',
        start,
        build.cancelled ? 'stopped: the gate failed' : build.ok ? undefined : 'failed'
      ),
    () => run.timeline.add('Runtime build', start, 'failed')
  )
  return job
}

/** The concurrent runtime build, once the gate passed: its log printed, its result taken. */
async function finishRuntime(run: RunSetup, job: RuntimeJob): Promise<RuntimeBuild> {
  await job.flush()
  const runtime = await job.done
  run.result.builds.push(runtime.build)
  if (!runtime.build.ok) return run.buildFailed(runtime.build, run.plan.runtime)
  run.result.imageId = runtime.build.imageId
  run.result.buildxMetadata = runtime.build.metadata
  return runtime
}

/** `call: check` and friends: one evaluation of the runtime target, no tests, no push, no report. */
async function callOnly(run: RunSetup): Promise<PipelineResult> {
  const build = await runBuild(
    run.ctx,
    'runtime',
    run.plan.runtime,
    { ...run.base, ...run.runtimeExtra },
    NO_CACHE
  )
  run.result.builds.push(build)
  if (!build.ok) return run.buildFailed(build, run.plan.runtime)
  return run.result
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
function reportFileMapper(run_: StageContext): (file: string) => string | null {
  if (!run_.plan.tester) return () => null
  const files = testerFiles(run_.graph, run_.plan.tester)
  const workspace = run_.workspace
  const options = {
    context: path.relative(workspace, run_.context) || '.',
    workspace,
    exists: (p: string) => statSync(path.join(workspace, p), { throwIfNoEntry: false })?.isFile() ?? false
  }
  return file => mapReportPath(file, files, options)
}
