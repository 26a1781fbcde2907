// The report's collapsed "Dockerfile" section: the check's findings, those a change introduces
// first, and the base branch's findings it fixed. Every string from the repository is escaped.
import { compareFindings, type CheckRun, type RecordedFinding } from '../check/in-run.js'
import { code, details, escapeText, link } from './markdown.js'
import type { Baseline } from './model.js'

export interface DockerfileReport {
  /** The Dockerfile as the log names it (relative to the workspace). */
  file: string
  findings: RecordedFinding[]
  /** Against the base branch's findings; null when the baseline recorded none (or there is none). */
  comparison: { introduced: RecordedFinding[]; fixed: RecordedFinding[] } | null
  /** The branch (or image) compared with. */
  baseRef: string | null
}

/**
 * The section's input from a run's check and its baseline. A baseline recorded without findings
 * (check: off there, or an older stagegate) gives no comparison rather than "all new". Pure.
 */
export function dockerfileReport(check: CheckRun, baseline: Baseline | null): DockerfileReport | null {
  if (check.mode === 'off') return null
  const base = baseline?.findings
  const compared = base ? compareFindings(check.findings, base) : null
  return {
    file: check.file,
    // New findings first, then the rest, each group in file order.
    findings: compared ? [...compared.introduced, ...compared.remaining] : check.findings,
    comparison: compared ? { introduced: compared.introduced, fixed: compared.fixed } : null,
    baseRef: baseline?.ref ?? null
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`

/** The summary line of the collapsed section: numbers only, so no escaping is needed. Pure. */
export function dockerfileSummary(report: DockerfileReport): string {
  const parts: string[] = []
  if (report.comparison) parts.push(`${report.comparison.introduced.length} new`)
  if (report.comparison?.fixed.length) parts.push(`${report.comparison.fixed.length} fixed`)
  return `Dockerfile: ${count(report.findings.length, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''}`
}

function findingLine(file: string, f: RecordedFinding, mark: '' | 'new' | 'fixed'): string {
  const lines = f.endLine > f.startLine ? `${f.startLine}-${f.endLine}` : String(f.startLine)
  const where = code(`${file}:${lines}`, 160)
  const prefix = mark === 'new' ? '🆕 ' : mark === 'fixed' ? '✅ fixed: ' : ''
  // A fixed finding's line is the base branch's.
  const at = mark === 'fixed' ? `(was ${where})` : where
  return `- ${prefix}${link(f.ruleName, f.url)} ${at}: ${escapeText(f.detail, 300)}`
}

/**
 * The section, or nothing when there is nothing to say (no finding, none fixed). At most
 * `maxRows` findings are listed, new ones first; the log's annotations hold the rest. Pure.
 */
export function dockerfileSection(report: DockerfileReport | null | undefined, maxRows: number): string[] {
  if (!report) return []
  const fixed = report.comparison?.fixed ?? []
  if (report.findings.length === 0 && fixed.length === 0) return []
  const introduced = new Set(report.comparison?.introduced ?? [])
  const against = report.baseRef ? ` against ${code(report.baseRef, 100)}` : ''
  const body: string[] = []
  const rows = [
    ...report.findings.map(f => findingLine(report.file, f, introduced.has(f) ? 'new' : '')),
    ...fixed.map(f => findingLine(report.file, f, 'fixed'))
  ]
  if (report.comparison && introduced.size > 0)
    body.push(`🆕 marks the findings this change introduces${against}.`, '')
  else if (report.comparison && report.findings.length > 0) body.push(`No finding is new${against}.`, '')
  body.push(...rows.slice(0, Math.max(0, maxRows)))
  if (rows.length > maxRows)
    body.push(`- … and ${rows.length - maxRows} more: see the annotations in the workflow run's log.`)
  return details(dockerfileSummary(report), body)
}
