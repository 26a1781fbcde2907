// The report step: measure the runtime image, compare it with the base branch's, write the
// report to the job summary, the `report` output and one sticky pull-request comment, record
// the baseline on the default branch, and check the budgets last.
import type { BuilderChoice } from '../engine/builder.js'
import type { CheckRun } from '../check/in-run.js'
import { dockerfileReport } from './dockerfile-section.js'
import type { Host } from '../host.js'
import { baseBranchOf, restoreBaseline, saveBaseline, shouldRecordBaseline } from './baseline.js'
import { checkBudgets, type BudgetResult } from './budget.js'
import { runStampOf, upsertComment, type UpsertCommentResult } from './comment.js'
import { commentForbiddenAdvice, createGitHubClient, type RunContext } from './github.js'
import type { ReportInputs } from './inputs.js'
import type { LayerListing } from './files/aggregate.js'
import { describeGrowth, type LayerReader } from './files/describe.js'
import type { WhatGrew } from './files/grew.js'
import { listLayer } from './files/list.js'
import {
  knownLayerSizes,
  localDiskSize,
  type LocalFactsReader,
  measureFromRegistry,
  measureLocalImageFiles,
  measureOciLayout,
  type KnownLayerSizes
} from './measure.js'
import { openLayout } from './oci-layout.js'
import { parseImageReference, RegistryClient } from './registry.js'
import type { Baseline, ImageMeasurement, TestSummary } from './model.js'
import { redact } from '../redact.js'
import { renderReport } from './render.js'
import { alignWithBaseline, compareSizes, type SizeComparison } from './size.js'

export interface ReportRequest {
  host: Host
  report: ReportInputs
  run: RunContext
  builder: BuilderChoice
  /** Stable image name (first tag's repository): baseline keys and the comment key use it. */
  imageName: string
  target: string
  tags: string[]
  /** Where the image can be measured, best first. */
  pushedRef: string | null
  ociLayoutDir: string | null
  localImage: string | null
  /** The pushed image in the engine, by ID where known (pushedLocalImage): its local facts are read so. */
  localId?: string | null
  testerImage: string | null
  testerTarget: string | null
  tests: TestSummary
  /** Values hidden from the report, the comment and outputs (test names and messages can echo them). */
  secretValues: string[]
  /** The Dockerfile check of this run (null with check: off): a report section, and the baseline keeps it. */
  check?: CheckRun | null
  /** The run's reader of local image facts, which may have started before the measurement. */
  localFacts?: LocalFactsReader
}

export interface ReportOutcome {
  markdown: string
  measurement: ImageMeasurement
  baseline: Baseline | null
  baselineReason: string
  /** Set when the cache service failed: why (the report should show baselineUnavailableNote of it). */
  baselineUnavailable?: string
  comparison: SizeComparison
  budgets: BudgetResult
  comment: UpsertCommentResult | null
  /** The files behind the change (new and changed layers listed), where they were listed. */
  grew: WhatGrew | null
}

/** The comment key: what the user gave, else image and target, so two images never share a comment. */
export function commentKeyOf(report: ReportInputs, imageName: string, target: string): string {
  return report.commentKey || `${imageName}:${target}`
}

/** Output values of the report (all strings). Pure. */
export function reportOutputs(
  outcome: Pick<ReportOutcome, 'measurement' | 'comparison' | 'markdown'>
): Record<string, string> {
  const { measurement, comparison } = outcome
  const disks = measurement.platforms.map(p => p.disk)
  const total = comparison.total
  return {
    size: disks.every(d => d !== null) ? String(disks.reduce<number>((a, d) => a + (d ?? 0), 0)) : '',
    'size-compressed': String(total.current ?? 0),
    'size-delta': total.deltaBytes === null ? '' : String(total.deltaBytes),
    'size-delta-percent': total.percent === null ? '' : total.percent.toFixed(2),
    'baseline-size': total.baseline === null ? '' : String(total.baseline),
    report: outcome.markdown
  }
}

/**
 * Measures the runtime image from the best source. `knownSizes` gives the compressed layer sizes
 * a `docker save` measurement need not compute again (the baseline's); the layers it does read
 * are listed on the way (what grew).
 */
async function measureRuntime(
  req: ReportRequest,
  knownSizes: (platform: string) => Promise<KnownLayerSizes>
): Promise<{ measured: ImageMeasurement; listings: Promise<LayerListing>[] | null }> {
  const docker = req.builder.client
  let measured: ImageMeasurement
  let listings: Promise<LayerListing>[] | null = null
  const localFacts = req.localFacts
  if (req.pushedRef)
    measured = await measureFromRegistry(req.pushedRef, {
      target: req.target,
      docker,
      localFacts,
      localReference: req.localId ?? undefined
    })
  else if (req.ociLayoutDir)
    measured = await measureOciLayout(req.ociLayoutDir, {
      target: req.target,
      image: req.imageName,
      localImage: req.localImage ?? undefined,
      docker,
      localFacts
    })
  else if (req.localImage) {
    // New layers' files are listed from the same docker save stream that sizes them.
    const local = await measureLocalImageFiles(req.localImage, {
      docker,
      target: req.target,
      knownSizes,
      listLayers: true
    })
    measured = local.measurement
    listings = local.listings
  } else throw new Error('no image to measure')
  return { measured: { ...measured, image: req.imageName, target: req.target, tags: req.tags }, listings }
}

/** How to list a layer of the measured image: from where it was measured. */
async function layerReader(req: ReportRequest, assessment: Assessment): Promise<LayerReader | null> {
  const digestOf = (layer: { digest: string | null }): string => {
    if (!layer.digest) throw new Error('its blob digest is unknown')
    return layer.digest
  }
  switch (assessment.measurement.source) {
    case 'registry': {
      if (!req.pushedRef) return null
      const ref = parseImageReference(req.pushedRef)
      const client = new RegistryClient()
      return async (layer, _index, timeoutMs) =>
        listLayer(await client.getBlobStream(ref, digestOf(layer), timeoutMs))
    }
    case 'oci-layout': {
      if (!req.ociLayoutDir) return null
      const layout = await openLayout(req.ociLayoutDir)
      return async layer => listLayer(layout.streamBlob(digestOf(layer)))
    }
    case 'docker-save': {
      const listings = assessment.listings
      if (!listings) return null
      return async (_layer, index) => {
        const listing = listings[index]
        if (!listing) throw new Error('docker save did not hold it')
        return listing
      }
    }
    default:
      return null
  }
}

/**
 * The files behind the change: new and changed layers listed (never the others), the summaries
 * put on the measurement to be recorded with the baseline. Never fails the report: a listing that
 * cannot be made is a warning.
 */
async function describeFiles(
  req: ReportRequest,
  assessment: Assessment
): Promise<{ measurement: ImageMeasurement; grew: WhatGrew | null }> {
  const { host } = req
  try {
    const read = await layerReader(req, assessment)
    if (!read) return { measurement: assessment.measurement, grew: null }
    const started = performance.now()
    const described = await describeGrowth(assessment.measurement, assessment.baseline, read)
    if (described.grew) {
      const { layers, unlisted } = described.grew
      host.info(
        `Listed the files of ${layers.length} new or changed layer(s) in ${(performance.now() - started).toFixed(0)} ms` +
          (unlisted.length ? `; ${unlisted.length} could not be listed.` : '.')
      )
    }
    return described
  } catch (error) {
    host.warning(`The files of the changed layers could not be listed: ${(error as Error).message}`)
    return { measurement: assessment.measurement, grew: null }
  }
}

/** The tester image on disk: enough to show what the split saves, without reading its bytes. */
function testerMeasurement(
  req: ReportRequest,
  runtime: ImageMeasurement,
  disk: number | null
): ImageMeasurement | null {
  const platform = runtime.platforms[0]?.platform
  if (!req.testerTarget || disk === null || !platform) return null
  return {
    image: req.imageName,
    target: req.testerTarget,
    tags: [],
    digest: null,
    platforms: [{ platform, compressed: 0, disk, layers: [] }],
    measuredAt: new Date().toISOString(),
    source: 'docker-inspect'
  }
}

async function findBaseline(
  req: ReportRequest,
  platforms: string[]
): Promise<{ baseline: Baseline | null; reason: string; unavailable?: string }> {
  const { report, run } = req
  if (report.baselineRef) {
    try {
      const measured = await measureFromRegistry(report.baselineRef, { target: req.target, docker: null })
      return {
        baseline: { measurement: measured, origin: 'registry', ref: report.baselineRef },
        reason: `baseline-ref ${report.baselineRef}`
      }
    } catch (error) {
      req.host.warning(`Could not read the baseline image ${report.baselineRef}: ${(error as Error).message}`)
      return { baseline: null, reason: `baseline-ref ${report.baselineRef} could not be read` }
    }
  }
  const branch = baseBranchOf({ eventName: run.eventName, ref: run.ref, payload: run.payload })
  if (!branch) return { baseline: null, reason: 'this run has no base branch to compare with' }
  const restored = await restoreBaseline(
    {
      branch,
      fallbackBranches: run.defaultBranch && run.defaultBranch !== branch ? [run.defaultBranch] : [],
      image: req.imageName,
      target: req.target,
      platforms
    },
    { log: req.host }
  )
  return { baseline: restored.baseline, reason: restored.reason, unavailable: restored.unavailable }
}

/** Creates or updates the sticky comment; a token that may not write only warns. */
export async function postComment(
  req: Pick<ReportRequest, 'host' | 'report' | 'run'>,
  key: string,
  body: string,
  sizeChanged: boolean | null
): Promise<UpsertCommentResult | null> {
  const { host, report, run } = req
  if (report.comment === 'never') return null
  if (run.pullRequest === null) {
    if (report.comment === 'always')
      host.info('comment: always, but this run is not for a pull request: nothing to comment on.')
    return null
  }
  if (!report.githubToken) {
    host.warning(
      'No github-token: the pull request comment was not written. The report is in the job summary.'
    )
    return null
  }
  const octokit = await createGitHubClient(report.githubToken, { log: host })
  const result = await upsertComment(octokit, {
    owner: run.owner,
    repo: run.repo,
    issueNumber: run.pullRequest,
    key,
    body,
    mode: report.comment,
    sizeChanged,
    isPullRequest: true,
    author: report.commentAuthor || undefined,
    run: runStampOf(run.runId, run.runAttempt)
  })
  switch (result.status) {
    case 'forbidden':
      host.warning(
        `Could not write the pull request comment (${result.message}). ${commentForbiddenAdvice(run.payload)}`
      )
      break
    case 'created':
    case 'updated':
      host.info(`Pull request comment ${result.status}: ${result.url ?? result.commentId}`)
      if (result.warning) host.warning(result.warning)
      if (result.removed)
        host.info(`Removed duplicate comments of concurrent runs: ${result.removed.join(', ')}`)
      break
    case 'skipped':
      host.info(`Pull request comment skipped: ${result.reason}`)
      break
  }
  return result
}

/** What the measurement says before anything is published: sizes, the baseline, the budgets. */
export interface Assessment {
  measurement: ImageMeasurement
  tester: ImageMeasurement | null
  baseline: Baseline | null
  baselineReason: string
  baselineUnavailable?: string
  comparison: SizeComparison
  budgets: BudgetResult
  /** Each layer's file listing from the docker save stream (classic path), in layer order. */
  listings?: Promise<LayerListing>[] | null
}

type FoundBaseline = Pick<Assessment, 'baseline' | 'baselineReason' | 'baselineUnavailable'>

/**
 * Measures the image and compares it with the baseline and the budgets, publishing nothing, so
 * the pipeline can refuse a push that a budget rejects. What an earlier call found is reused:
 * the baseline (the cache is read once per run) and the tester's size (the same local image).
 * For a `docker save` measurement the baseline is looked up as soon as the platform is known,
 * so the layers it knows are not compressed again.
 */
export async function assessImage(
  req: ReportRequest,
  known?: FoundBaseline & Partial<Pick<Assessment, 'tester'>>
): Promise<Assessment> {
  const { host, report } = req
  // Two small commands (inspect, history) whatever the tester's size; once per run.
  const testerDisk =
    known?.tester !== undefined || !req.testerImage
      ? Promise.resolve(null)
      : localDiskSize(req.testerImage, req.builder.client, req.localFacts)
  let lookup: Promise<FoundBaseline> | undefined = known ? Promise.resolve(known) : undefined
  const baselineFor = (platforms: string[]): Promise<FoundBaseline> =>
    (lookup ??= findBaseline(req, platforms).then(({ baseline, reason, unavailable }) => {
      host.info(baseline ? `Baseline: ${baseline.origin} ${baseline.ref}.` : `No baseline: ${reason}.`)
      return {
        baseline,
        baselineReason: reason,
        ...(unavailable ? { baselineUnavailable: unavailable } : {})
      }
    }))
  const knownSizes = async (platform: string): Promise<KnownLayerSizes> =>
    knownLayerSizes((await baselineFor([platform])).baseline, platform)
  const measured = await host.group('Measure the image', async () => {
    const started = performance.now()
    const m = await measureRuntime(req, knownSizes)
    const reused = m.measured.platforms.flatMap(p => p.layers).filter(l => l.sizeFrom === 'baseline').length
    host.info(
      `Measured ${m.measured.platforms.length} platform(s) from ${m.measured.source} in ${(performance.now() - started).toFixed(0)} ms` +
        (reused > 0 ? ` (${reused} layer size(s) from the baseline, not compressed again).` : '.')
    )
    return m
  })
  const { listings } = measured
  const tester =
    known?.tester !== undefined ? known.tester : testerMeasurement(req, measured.measured, await testerDisk)
  const found = await baselineFor(measured.measured.platforms.map(p => p.platform))
  const measurement = alignWithBaseline(measured.measured, found.baseline)
  const comparison = compareSizes(measurement, found.baseline)
  const budgets = checkBudgets(
    { maxSize: report.maxSize, maxIncrease: report.maxIncrease },
    measurement,
    comparison
  )
  return { ...found, measurement, tester, comparison, budgets, ...(listings ? { listings } : {}) }
}

/**
 * Writes the report where people look (job summary, `report` output, the pull request comment)
 * and records the baseline on the branches that keep one, unless `record` is false (an image a
 * budget kept from being pushed is no baseline).
 */
export async function publishReport(
  req: ReportRequest,
  assessment: Assessment,
  options: { record: boolean } = { record: true }
): Promise<ReportOutcome> {
  const { host, report, run } = req
  const { baseline, comparison, budgets, tester } = assessment
  const { measurement, grew } = await describeFiles(req, assessment)
  const key = commentKeyOf(report, req.imageName, req.target)
  const common = {
    current: measurement,
    baseline,
    tester,
    tests: req.tests,
    budgets,
    runUrl: run.runUrl,
    commitSha: run.headSha,
    commentKey: report.commentKey || undefined,
    grew,
    ...(assessment.baselineUnavailable ? { baselineUnavailable: assessment.baselineUnavailable } : {}),
    dockerfile: req.check ? dockerfileReport(req.check, baseline) : null
  }
  const markdown = redact(renderReport({ ...common, target: 'comment' }), req.secretValues)
  await host.appendSummary(renderReport({ ...common, target: 'summary' }))
  // News for `comment: auto`: a size change, no baseline yet, or a broken budget.
  const sizeChanged =
    budgets.violations.length > 0
      ? true
      : comparison.hasBaseline
        ? (comparison.total.deltaBytes ?? 0) !== 0
        : null
  const comment = await postComment(req, key, markdown, sizeChanged).catch((error: unknown) => {
    host.warning(`Could not update the pull request comment: ${(error as Error).message}`)
    return null
  })
  const record = shouldRecordBaseline({
    eventName: run.eventName,
    ref: run.ref,
    defaultBranch: run.defaultBranch,
    baselineBranches: report.baselineBranches
  })
  if (options.record && record.record && record.branch) {
    const saved = await saveBaseline(
      measurement,
      {
        branch: record.branch,
        runId: run.runId || String(Date.now()),
        runAttempt: run.runAttempt,
        sha: run.sha || undefined,
        ...(req.check ? { findings: req.check.findings } : {})
      },
      { log: host }
    )
    host.info(
      saved.saved
        ? `Baseline recorded for ${record.branch} (${saved.key}).`
        : `Baseline not recorded: ${saved.reason}.`
    )
  }
  return {
    markdown,
    measurement,
    baseline,
    baselineReason: assessment.baselineReason,
    ...(assessment.baselineUnavailable ? { baselineUnavailable: assessment.baselineUnavailable } : {}),
    comparison,
    budgets,
    comment,
    grew
  }
}

/** Measure, compare, publish: the report step of a run with nothing left to decide. */
export async function reportImage(req: ReportRequest): Promise<ReportOutcome> {
  return publishReport(req, await assessImage(req))
}
