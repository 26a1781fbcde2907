// The Dockerfile check as the first step of a run, before any build: annotate the findings and,
// under `check: error`, stop the run with them in the log, the job summary, the `report` output
// and the pull request comment. The decisions are in ./in-run.ts.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { StageGraph } from '../dockerfile/index.js'
import { FAILURE_TITLES } from '../engine/failure.js'
import type { Host } from '../host.js'
import type { Inputs } from '../inputs.js'
import { imageNameOf } from '../image-name.js'
import { publishFailure } from '../failure-report.js'
import type { PipelineResult } from '../run-result.js'
import { nativePlatform } from '../platform.js'
import type { BuildPlan } from '../plan.js'
import { readRunContext } from '../report/github.js'
import type { ReportInputs } from '../report/inputs.js'
import type { TestSummary } from '../report/model.js'
import { checkDockerfile, lintConfig, ruleEnabled } from './index.js'
import { checkFailure, findingAnnotations, locateFinding, type CheckRun } from './in-run.js'

export interface CheckFacts {
  inputs: Pick<Inputs, 'check' | 'target' | 'testTarget' | 'buildArgs' | 'tags'>
  report: ReportInputs
  graph: StageGraph
  /** The build context folder (absolute): the .dockerignore rule looks there. */
  context: string
  plan: BuildPlan
  secretValues: string[]
  /** The Dockerfile's path and text: rules that read comments or its .dockerignore need them. */
  file: string
  text: string
}

export interface CheckOutcome {
  /** What the report shows and the baseline keeps; null with check: off. */
  check: CheckRun | null
  /** Set under check: error with findings: the run stops with this, already shown everywhere. */
  failure: { message: string; result: PipelineResult } | null
}

/** Runs the check on the graph already read; never builds, never pulls. */
export async function runCheck(host: Host, facts: CheckFacts): Promise<CheckOutcome> {
  const { inputs, graph } = facts
  const mode = inputs.check
  if (mode === 'off') {
    host.info('Dockerfile check: off.')
    return { check: null, failure: null }
  }
  let check: CheckRun
  let fatal: { line: number; detail: string } | null
  try {
    // The same findings as `stagegate check --target <target>`.
    const result = checkDockerfile(graph, {
      target: inputs.target || undefined,
      testTarget: inputs.testTarget,
      buildArgs: inputs.buildArgs,
      platform: nativePlatform(),
      context: facts.context,
      exists: existsSync,
      text: facts.text,
      dockerignore: await dockerignoreFor(graph, facts)
    })
    check = { mode, file: graph.file, findings: result.findings.map(f => locateFinding(graph, f)) }
    fatal = result.fatal
  } catch (error) {
    // A check that cannot run must not stop a build it has no finding against.
    host.warning(`The Dockerfile check could not run: ${(error as Error).message}`)
    return { check: null, failure: null }
  }
  const n = check.findings.length
  host.info(`Dockerfile check: ${n === 1 ? '1 finding' : `${n} findings`} (check: ${mode}).`)
  for (const a of findingAnnotations(check.findings, check.file, mode))
    (a.level === 'error' ? host.error : host.warning)(a.message, a.where)
  // An error BuildKit's lint run raises for the file (not a rule's finding): said at its line.
  if (fatal)
    (mode === 'error' ? host.error : host.warning)(fatal.detail, { file: graph.file, startLine: fatal.line })
  const message =
    checkFailure(check.findings, check.file, mode) ??
    (fatal && mode === 'error' ? `${graph.file}:${fatal.line}: ${fatal.detail}` : null)
  return { check, failure: message ? await stop(host, facts, check, message) : null }
}

/** The .dockerignore BuildKit would use (<Dockerfile>.dockerignore first), only when CopyIgnoredFile is on. */
async function dockerignoreFor(graph: StageGraph, facts: CheckFacts): Promise<string | undefined> {
  if (!ruleEnabled(lintConfig(graph, facts.inputs.buildArgs), 'CopyIgnoredFile')) return undefined
  for (const candidate of [`${facts.file}.dockerignore`, path.join(facts.context, '.dockerignore')]) {
    const text = await readFile(candidate, 'utf8').catch(() => undefined)
    if (text !== undefined) return text
  }
  return undefined
}

/** The run's failure before any build, shown as the pipeline shows a failed build. */
async function stop(
  host: Host,
  facts: CheckFacts,
  check: CheckRun,
  message: string
): Promise<{ message: string; result: PipelineResult }> {
  const { inputs, plan, report } = facts
  host.error(message, { title: FAILURE_TITLES.build })
  const tests: TestSummary = plan.tester
    ? { outcome: 'error', mode: 'none', failures: [], notRunReason: 'the Dockerfile check failed' }
    : { outcome: 'skipped', mode: 'none', failures: [] }
  const markdown = await publishFailure(
    {
      host,
      report,
      run: readRunContext(host.env),
      imageName: imageNameOf(inputs.tags, facts.context),
      target: plan.runtime.name ?? String(plan.runtime.index),
      builder: '',
      builds: [],
      stagesByRole: {},
      tests,
      check,
      secretValues: facts.secretValues
    },
    { kind: 'build', message, output: [] }
  )
  return {
    message,
    result: {
      testOutcome: tests.outcome,
      tests,
      imageId: null,
      digest: null,
      tags: inputs.tags,
      pushed: false,
      builds: [],
      testerImage: null,
      reportOutputs: { report: markdown },
      secretValues: facts.secretValues,
      failure: 'build',
      buildxMetadata: null,
      createdBuilder: null
    }
  }
}
