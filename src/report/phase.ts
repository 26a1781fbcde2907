// The report phase: measure the image, check the budgets (before the push when there are any),
// compare with the baseline, publish (log, job summary, `report` output, pull request comment),
// record the baseline.
import { configDigestOf, PipelineFailure, type PipelineResult } from '../run-result.js'
import type { RunSetup } from '../run-setup.js'
import type { RuntimeBuild } from '../ship/ship.js'
import { renderBuildSummary } from '../summary.js'
import {
  assessImage,
  publishReport,
  reportOutputs,
  type Assessment,
  type ReportOutcome,
  type ReportRequest
} from './stage.js'

export function reportRequest(
  run: RunSetup,
  runtime: RuntimeBuild,
  pushedRef: string | null,
  localId: string | null = null
): ReportRequest {
  const { result } = run
  return {
    host: run.host,
    report: run.report,
    run: run.run,
    builder: run.builder,
    imageName: run.imageName,
    target: run.runtimeTarget,
    tags: run.inputs.tags,
    pushedRef,
    ociLayoutDir: runtime.ociLayoutDir,
    localImage: runtime.outputs.load ? result.imageId : null,
    localId,
    testerImage: result.testerImage,
    testerTarget: run.testerTarget,
    tests: result.tests,
    secretValues: run.secretValues,
    check: run.check,
    localFacts: run.localFacts
  }
}

/**
 * Once the gate passed and the runtime is built, the engine's facts about both images (inspect,
 * history) are read while the push runs, not after it: the measurement then only waits for the
 * registry.
 */
export function measureAhead(run: RunSetup, runtime: RuntimeBuild, pushedAsLoaded: boolean): void {
  const { result, inputs } = run
  const read = (reference: string): void => void run.pending.push(run.localFacts(reference))
  if (result.testerImage) read(result.testerImage)
  // The registry's or the OCI layout's measurement reads them; `docker save`'s reads its own.
  const measured = inputs.push
    ? pushedLocalImage(run, runtime, pushedAsLoaded)
    : runtime.ociLayoutDir
      ? result.imageId
      : null
  if (runtime.outputs.load && measured) read(measured)
}

/**
 * The pushed image in the engine, read before the push: where `docker push` ships the image the
 * runtime build stored, by that image's ID, which another job cannot move as it can a tag (the
 * tag, when the ID is unknown); null after a re-export with `--push`, which may store the tag anew
 * (annotations, attestations of the push).
 */
export function pushedLocalImage(
  run: RunSetup,
  runtime: RuntimeBuild,
  pushedAsLoaded: boolean
): string | null {
  const pushesStored = run.builder.kind !== 'buildx' || pushedAsLoaded
  return pushesStored ? (runtime.build.localId ?? run.inputs.tags[0] ?? null) : null
}

export const budgeted = (run: RunSetup): boolean =>
  run.report.maxSize !== null || run.report.maxIncrease !== null

/**
 * Before the push: the built image measured and its budgets checked, when a budget must pass
 * first or nothing will be pushed (the report then measures this image). Over budget: nothing is
 * pushed, the report is written, no baseline is recorded, the run fails.
 */
export async function assessBeforePush(run: RunSetup, runtime: RuntimeBuild): Promise<Assessment | null> {
  const { host, inputs, result } = run
  if (inputs.push && !budgeted(run)) return null
  let assessment: Assessment
  try {
    assessment = await run.timeline.time('Measure', () => assessImage(reportRequest(run, runtime, null)))
  } catch (error) {
    if (inputs.push)
      return run.fail(
        'builder',
        `The image could not be measured, so the size budgets cannot be checked and nothing was pushed: ${(error as Error).message}`,
        []
      )
    host.warning(`The size report could not be made: ${(error as Error).message}`)
    return null
  }
  result.imageId = configDigestOf(assessment.measurement) ?? result.imageId
  if (inputs.push && assessment.budgets.violations.length > 0) {
    await summarizeBuilds(run, 'a size budget rejected the image')
    const outcome = await publishReport(reportRequest(run, runtime, null), assessment, { record: false })
    return overBudget(run, outcome, true)
  }
  return assessment
}

/** Measured from the registry once pushed (what a pull downloads), compared, published, recorded. */
export async function reportPhase(
  run: RunSetup,
  runtime: RuntimeBuild,
  before: Assessment | null,
  pushedAsLoaded: boolean
): Promise<void> {
  const { host, result } = run
  try {
    const pushedRef = result.pushed ? (run.inputs.tags[0] ?? null) : null
    const local = pushedRef && runtime.outputs.load ? pushedLocalImage(run, runtime, pushedAsLoaded) : null
    const request = reportRequest(run, runtime, pushedRef, local)
    const assessment =
      pushedRef || !before
        ? await run.timeline.time('Measure', () => assessImage(request, before ?? undefined))
        : before
    // The measurement read the image config: its digest is the image ID on every path (the
    // containerd store names images by their index, and buildx's metadata follows it there).
    result.imageId = configDigestOf(assessment.measurement) ?? result.imageId
    const outcome = await run.timeline.time('Report', () => publishReport(request, assessment))
    result.reportOutputs = reportOutputs(outcome)
    result.grew = outcome.grew
    if (outcome.budgets.violations.length > 0) overBudget(run, outcome, false)
  } catch (error) {
    if (error instanceof PipelineFailure) throw error
    // The image is built (and pushed): a report that cannot be made must not hide that.
    host.warning(`The size report could not be made: ${(error as Error).message}`)
  }
}

/** The build half of the job summary, once the builds are done. */
export async function summarizeBuilds(run: RunSetup, notPushedReason: string | null): Promise<void> {
  const { result } = run
  await run.host.appendSummary(
    renderBuildSummary({
      builder: run.builder.kind,
      builds: result.builds,
      stagesByRole: run.stagesByRole,
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
function overBudget(run: RunSetup, outcome: ReportOutcome, blockedPush: boolean): never {
  const { host, result } = run
  result.reportOutputs = reportOutputs(outcome)
  result.grew = outcome.grew
  const reasons = outcome.budgets.violations.map(v => v.reason).join('; ')
  const message = `Size budget exceeded: ${reasons}.${blockedPush ? ' Nothing was pushed.' : ''}`
  result.failure = 'budget'
  host.error(message, { title: 'stagegate: size budget exceeded' })
  throw new PipelineFailure(message, result as PipelineResult, 'budget')
}
