// How a failed run is shown where people look besides the log: the job summary, the `report`
// output and the pull request comment. A failure of the run (src/run-setup.ts) and the Dockerfile
// check's stop before any build (src/check/run-check.ts) are both written here.
import type { CheckRun } from './check/in-run.js'
import type { FailureKind } from './engine/failure.js'
import type { Host } from './host.js'
import { redact } from './redact.js'
import { dockerfileReport, dockerfileSection } from './report/dockerfile-section.js'
import type { RunContext } from './report/github.js'
import type { ReportInputs } from './report/inputs.js'
import { commentKeyOf, postComment } from './report/stage.js'
import { failureFooter } from './run-result.js'
import { renderBuildSummary, type BuildSummaryInput } from './summary.js'

/** What a failure's report says around the failure itself. */
export interface FailureScene extends Pick<
  BuildSummaryInput,
  'builder' | 'builds' | 'stagesByRole' | 'tests'
> {
  host: Host
  report: ReportInputs
  run: RunContext
  imageName: string
  /** The runtime stage's target: with the image name, the key of the pull request comment. */
  target: string
  /** The Dockerfile check's findings, shown under the failure (null with check: off). */
  check: CheckRun | null
  secretValues: string[]
}

/**
 * Writes the failure to the job summary and the pull request comment; returns the markdown (the
 * `report` output). A comment that cannot be written is a warning: the failure stays the news.
 */
export async function publishFailure(
  scene: FailureScene,
  failure: { kind: FailureKind; message: string; output: string[] }
): Promise<string> {
  const { host, report, run } = scene
  const footer = failureFooter({
    imageName: scene.imageName,
    target: scene.target,
    commentKey: report.commentKey || undefined,
    commitSha: run.headSha,
    runUrl: run.runUrl
  })
  const summary = renderBuildSummary({
    builder: scene.builder,
    builds: scene.builds,
    stagesByRole: scene.stagesByRole,
    tests: scene.tests,
    failure,
    image: null
  }).trimEnd()
  const markdown = redact(`${summary}\n\n${dockerfileNotes(scene.check)}${footer}\n`, scene.secretValues)
  await host.appendSummary(markdown)
  const key = commentKeyOf(report, scene.imageName, scene.target)
  await postComment({ host, report, run }, key, markdown, null).catch((error: unknown) =>
    host.warning(`Could not update the pull request comment: ${(error as Error).message}`)
  )
  return markdown
}

/** The Dockerfile check's section under a failure (findings of warn mode, or those that stopped the run). */
function dockerfileNotes(check: CheckRun | null): string {
  const lines = check ? dockerfileSection(dockerfileReport(check, null), 50) : []
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : ''
}
