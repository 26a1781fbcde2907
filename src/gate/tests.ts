import type { Host } from '../host.js'
import type { TestCaseFailure, TestSummary } from '../report/model.js'
import { junitAnnotations, summarizeReports, type ReportInput } from './junit.js'

export interface TestEvidence {
  mode: TestSummary['mode']
  /** Exit code of the test command (0 in build mode: the tester build succeeded). */
  exitCode: number
  durationMs: number
  /** JUnit reports: their text, or what readReportFiles read from disk. */
  reports: ReadonlyArray<ReportInput>
}

/**
 * The test outcome from what the tests left behind. The exit code decides; reports add counts
 * and failing cases, and a report that records failures fails the gate even when the command
 * exited 0 (runners that swallow their exit code).
 */
export function decideTests(evidence: TestEvidence): TestSummary {
  const summary: TestSummary = {
    outcome: evidence.exitCode === 0 ? 'passed' : 'failed',
    mode: evidence.mode,
    failures: [],
    durationMs: evidence.durationMs
  }
  if (evidence.reports.length === 0) return summary
  const junit = summarizeReports(evidence.reports)
  if (junit.warnings.length > 0) summary.reportWarnings = junit.warnings
  if (junit.files.length === 0) return summary
  Object.assign(summary, {
    tests: junit.tests,
    passed: junit.passed,
    failed: junit.failed,
    errors: junit.errors,
    skipped: junit.skipped,
    failures: junit.failures
  })
  if (junit.failuresOmitted > 0) summary.failuresOmitted = junit.failuresOmitted
  // The reports' own clock says how long the tests took; the step's time includes image setup.
  if (junit.seconds !== undefined) {
    summary.reportSeconds = junit.seconds
    summary.durationMs = Math.round(junit.seconds * 1000)
  }
  if (junit.failed + junit.errors > 0) summary.outcome = 'failed'
  return summary
}

/** decideTests, plus the failing cases as error annotations and the report problems as warnings. */
export function summarizeTests(
  evidence: TestEvidence & { host: Host; mapFile?: (file: string) => string | null }
): TestSummary {
  const summary = decideTests(evidence)
  // Annotations need a file of the repository or none; the summary keeps the report's own path
  // where no repository file matches, since it still tells a reader where to look.
  const located = evidence.mapFile ? mapFailureFiles(summary.failures, evidence.mapFile) : summary.failures
  summary.failures = summary.failures.map((f, i) => (located[i]?.file ? (located[i] as TestCaseFailure) : f))
  for (const warning of summary.reportWarnings ?? []) evidence.host.warning(warning)
  for (const annotation of junitAnnotations({ failures: located })) {
    evidence.host.error(annotation.message, {
      title: annotation.title,
      file: annotation.file,
      startLine: annotation.startLine
    })
  }
  return summary
}

/**
 * Failing cases with their file as the repository names it (GitHub attaches an annotation only to
 * a file of the repository); a file that maps to none loses its location, not the failure. Pure.
 */
export function mapFailureFiles(
  failures: readonly TestCaseFailure[],
  mapFile: (file: string) => string | null
): TestCaseFailure[] {
  return failures.map(f => {
    if (f.file === undefined) return f
    const file = mapFile(f.file)
    if (file !== null) return { ...f, file }
    const { file: _file, line: _line, ...rest } = f
    return rest
  })
}
