// The gate: build the tester stage, run the tests in it, and say what happened. Nothing here
// pushes or publishes; the schedule (src/pipeline.ts) decides what the verdict stops.
import path from 'node:path'
import type { CachePlan } from '../engine/cache.js'
import type { FailureKind } from '../engine/failure.js'
import { runBuild, type BuildBase, type BuildContext, type BuildOutcome } from '../engine/run-build.js'
import { stageLabel, type Stage } from '../dockerfile/index.js'
import type { Inputs } from '../inputs.js'
import type { TestSummary } from '../report/model.js'
import { copyFromImage, readReportFiles, runTestCommand } from './run-tests.js'
import { summarizeTests } from './tests.js'
import type { Timeline } from '../timeline.js'
import { loadTester } from '../engine/capabilities.js'
import { run as runCommand } from '../engine/docker.js'
import { tagsNaming } from '../engine/tag.js'
import { testerTagFor } from '../image-name.js'
import { targetOf, type RunSetup } from '../run-setup.js'
import { testerWritesCacheInBuild, withoutCacheWrites, type RuntimeJob } from '../ship/ship.js'

export interface GateRequest {
  ctx: BuildContext
  inputs: Pick<Inputs, 'testCommand' | 'testReports' | 'testNetwork'>
  tester: Stage
  base: BuildBase
  cache: CachePlan
  /** Local tag of the tester image. */
  testerTag: string
  /** Load the tester image into the engine (the test command, reports or the split saving need it). */
  load: boolean
  /** Maps a test report's file path to the repository file it is, or null. */
  mapFile: (file: string) => string | null
  /** Records when the tester build and the test command ran. */
  timeline?: Timeline
  /** Work the gate leaves running (the test container's removal), for the run to wait for at its end. */
  pending?: Array<Promise<unknown>>
}

export interface GateFailure {
  kind: FailureKind
  message: string
  output: string[]
  line: number | null
}

export interface GateResult {
  tests: TestSummary
  build: BuildOutcome
  /** The loaded tester image, when the build loaded one. */
  testerImage: string | null
  failure: GateFailure | null
}

/** `docker run` exits 125 when docker itself failed: the test command never started. */
export const DOCKER_RUN_FAILED = 125

export async function runGate(req: GateRequest): Promise<GateResult> {
  const { ctx, inputs, tester } = req
  const { host, builder } = ctx
  const mode: TestSummary['mode'] = inputs.testCommand ? 'command' : 'build'
  const time = <T>(label: string, fn: () => Promise<T>, note?: (value: T) => string | undefined) =>
    req.timeline ? req.timeline.time(label, fn, note) : fn()
  const build = await time(
    mode === 'build' ? 'Tester build (the tests are its RUN steps)' : 'Tester build',
    () =>
      runBuild(
        ctx,
        'tester',
        tester,
        // The tests run here, on the native platform, whatever `platforms` the runtime is built for.
        { ...req.base, tags: req.load ? [req.testerTag] : [], load: req.load, platforms: [] },
        req.cache
      ),
    b => (b.ok ? undefined : b.failure?.kind === 'tests' ? 'tests failed' : 'failed')
  )
  if (!build.ok) {
    const failure = build.failure ?? unknownFailure(tester)
    const testsFailed = failure.kind === 'tests'
    const tests: TestSummary = testsFailed
      ? { outcome: 'failed', mode: 'build', failures: [], durationMs: build.seconds * 1000 }
      : { outcome: 'error', mode, failures: [], notRunReason: notRunReason(failure) }
    return { tests, build, testerImage: null, failure: failure }
  }
  const testerImage = req.load ? req.testerTag : null
  // The tests run in the image this build made, named by its ID: the tag is one per image name,
  // which another job on a shared engine may build at the same time.
  const testedImage = build.localId ?? req.testerTag
  const ownSteps = build.counts.find(c => c.stage === stageLabel(tester))
  // RUN-step mode: a tester stage that came whole from the cache ran no test this time.
  const cached = mode === 'build' && ownSteps !== undefined && ownSteps.ran === 0 && ownSteps.cached > 0
  let exitCode = 0
  let tail: string[] = []
  let excerpt: string[] = []
  // RUN-step mode: the tests are the tester stage's own steps, not the whole build (apt-get, deps).
  let durationMs = (build.stageSeconds[stageLabel(tester)] ?? 0) * 1000
  const reportsDir = path.join(ctx.workDir, 'reports')
  if (inputs.testCommand) {
    const outcome = await time(
      'Tests (test-command)',
      () =>
        runTestCommand(host, builder, {
          image: testedImage,
          command: inputs.testCommand,
          network: inputs.testNetwork,
          reportsHostDir: inputs.testReports ? reportsDir : undefined,
          reportsContainerDir: inputs.testReports || undefined
        }),
      o => (o.exitCode === 0 ? undefined : 'failed')
    )
    req.pending?.push(outcome.removed)
    exitCode = outcome.exitCode
    tail = outcome.tail
    excerpt = outcome.excerpt
    durationMs = outcome.seconds * 1000
  } else if (inputs.testReports) {
    const found = await copyFromImage(builder, testedImage, inputs.testReports, reportsDir)
    if (!found) host.warning(`No test reports at ${inputs.testReports} in the tester image.`)
  }
  const reports = inputs.testReports ? await readReportFiles(reportsDir) : []
  if (inputs.testReports && reports.length === 0) {
    host.warning(`test-reports: no JUnit XML files were found in ${inputs.testReports}.`)
  }
  if (mode === 'command' && exitCode === DOCKER_RUN_FAILED) {
    const hint = testContainerHint(tail)
    return {
      tests: {
        outcome: 'error',
        mode,
        failures: [],
        notRunReason: 'the test container could not be started'
      },
      build,
      testerImage,
      failure: {
        kind: 'builder',
        message: `The test container could not be started (docker run exited with ${DOCKER_RUN_FAILED})${hint ? `: ${hint}` : '.'}`,
        output: tail.filter(l => l.trim() !== '').slice(-20),
        line: null
      }
    }
  }
  const tests = summarizeTests({ mode, exitCode, durationMs, reports, host, mapFile: req.mapFile })
  if (cached) {
    tests.cached = true
    // No test ran: a time would read as the tests' own.
    if (tests.reportSeconds === undefined) delete tests.durationMs
  }
  if (tests.outcome !== 'failed') return { tests, build, testerImage, failure: null }
  const message =
    mode === 'command'
      ? `Tests failed: the test command ended with exit code ${exitCode} in the tester image (stage "${stageLabel(tester)}").`
      : `Tests failed: the test reports of stage "${stageLabel(tester)}" record failures.`
  return { tests, build, testerImage, failure: { kind: 'tests', message, output: excerpt, line: null } }
}

function notRunReason(failure: { kind: FailureKind; stage: string }): string {
  return failure.kind === 'build'
    ? `the build failed in stage "${failure.stage}"`
    : 'the builder or the infrastructure failed'
}

/** What to do when the test container could not start, from what docker said. Pure. */
export function testContainerHint(output: string[]): string | null {
  const text = output.join('\n')
  if (/network \S+ not found/i.test(text))
    return 'the engine has no such network: set "test-network" (or "network") to host or none'
  const last = output.filter(l => l.trim() !== '').slice(-1)[0]
  return last ? last.replace(/^docker: /, '').trim() : null
}

/** A failed build whose output named no step at all (docker died first). */
export function unknownFailure(stage: Stage): NonNullable<BuildOutcome['failure']> {
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
 * The gate phase: the tester built, the tests run, the verdict recorded in the result. When it
 * fails, the runtime build running beside it is stopped (or, finished already, left unpushed) and
 * the run ends here. Returns the classic path's cache image to push once the run ships.
 */
export async function gatePhase(
  run: RunSetup,
  mapFile: (file: string) => string | null,
  runtimeJob: RuntimeJob | null
): Promise<Array<{ imageId: string; ref: string }>> {
  const { plan, inputs, result } = run
  if (!plan.tester) return []
  const cache = run.cacheFor(targetOf(plan.tester))
  const gate = await runGate({
    ctx: run.ctx,
    inputs,
    tester: plan.tester,
    base: run.base,
    // Cache is written once the tests passed: by this build when its success is their verdict
    // (never the registry cache, which the ship phase writes in a run that pushes), else after.
    cache: testerWritesCacheInBuild(inputs) && cache.mode !== 'registry' ? cache : withoutCacheWrites(cache),
    testerTag: testerTagFor(run.imageName),
    load: loadTester(run.capabilities, {
      testCommand: inputs.testCommand !== '',
      testReports: inputs.testReports !== ''
    }),
    mapFile,
    timeline: run.timeline,
    pending: run.pending
  })
  result.builds.push(gate.build)
  result.tests = gate.tests
  result.testOutcome = gate.tests.outcome
  result.testerImage = gate.testerImage
  if (gate.failure) {
    if (runtimeJob) await dropRuntime(run, runtimeJob)
    if (gate.failure.kind !== 'tests' && !gate.build.ok) return run.buildFailed(gate.build, plan.tester)
    return run.fail(gate.failure.kind, gate.failure.message, gate.failure.output, gate.failure)
  }
  return cache.pushCacheImage && gate.build.imageId
    ? [{ imageId: gate.build.imageId, ref: cache.pushCacheImage }]
    : []
}

/**
 * The gate failed: the runtime build beside it is stopped, or (finished already) its image is
 * untagged, so no later step of the workflow pushes an untested image by its release tags.
 */
async function dropRuntime(run: RunSetup, job: RuntimeJob): Promise<void> {
  const runtime = await job.cancel().catch(() => null)
  await job.flush()
  if (!runtime || runtime.build.cancelled) {
    run.host.info('The gate failed: the runtime build running beside it was stopped. Nothing is pushed.')
    return
  }
  run.result.builds.push(runtime.build)
  let moved: string[] = []
  if (runtime.build.ok && runtime.outputs.load && run.inputs.tags.length > 0) {
    // Only the tags that still name this run's image: one another job on the engine moved is its own.
    const id = runtime.build.localId
    const tags = id
      ? await tagsNaming(run.builder.client, run.ctx.engineApi ?? null, id, run.inputs.tags)
      : { own: run.inputs.tags, moved: [] }
    moved = tags.moved
    if (tags.own.length > 0) await runCommand(run.builder.client, ['image', 'rm', '--no-prune', ...tags.own])
  }
  run.host.info(
    'The gate failed: the runtime build had finished beside it; its image is not pushed, and its tags were removed' +
      (moved.length > 0
        ? ` (not ${moved.join(', ')}: another build on this engine tagged it meanwhile).`
        : '.')
  )
}
