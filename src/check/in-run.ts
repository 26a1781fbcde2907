// The Dockerfile check inside a run (issue 11 §4): what the `check` input decides, the annotations
// of the findings, and which findings a pull request introduces against the base branch's. Pure.
import type { Stage, StageGraph } from '../dockerfile/index.js'
import { stageLabel } from '../dockerfile/index.js'
import type { Finding, Severity } from './finding.js'

/** The `check` input: annotate findings, fail the run on any finding before a build, or skip. */
export type CheckMode = 'warn' | 'error' | 'off'

export const CHECK_MODES: readonly CheckMode[] = ['warn', 'error', 'off']

/**
 * A finding as the report shows it and the baseline stores it: where it is, plus what it is about
 * in words that survive moved lines (the stage and the instruction), to compare across commits.
 */
export interface RecordedFinding {
  ruleName: string
  detail: string
  url: string
  startLine: number
  endLine: number
  severity: Severity
  /** The stage holding the line (`builder`, `stage-1`), '' before the first FROM. */
  stage: string
  /** The instruction at the line, whitespace collapsed and cut (NORMALIZED_CHARS); '' for none. */
  instruction: string
}

/** The check's result carried to the report: the Dockerfile as the log names it, and its findings. */
export interface CheckRun {
  mode: CheckMode
  file: string
  findings: RecordedFinding[]
}

/** Longest instruction text kept: enough to tell instructions apart, small in the baseline. */
export const NORMALIZED_CHARS = 200

/** An instruction's text for comparing: keyword uppercased, whitespace runs as one space. Pure. */
export function normalizeInstruction(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return ''
  const [keyword, ...rest] = words
  return Array.from([(keyword as string).toUpperCase(), ...rest].join(' '))
    .slice(0, NORMALIZED_CHARS)
    .join('')
}

/** The stage and instruction a finding's first line falls in. Pure. */
export function locateFinding(graph: StageGraph, finding: Finding): RecordedFinding {
  const line = finding.startLine
  let stage: Stage | undefined
  for (const s of graph.stages) if (s.line <= line) stage = s
  const instructions = [...graph.metaArgs, ...(stage?.instructions ?? [])]
  const at = instructions.find(i => i.startLine <= line && line <= i.endLine)
  return {
    ruleName: finding.ruleName,
    detail: finding.detail,
    url: finding.url,
    startLine: finding.startLine,
    endLine: Math.max(finding.startLine, finding.endLine),
    severity: finding.severity,
    stage: stage ? stageLabel(stage) : '',
    instruction: at ? normalizeInstruction(at.original) : ''
  }
}

/** One annotation: warning or error, at the finding's lines, titled with the rule's name. */
export interface FindingAnnotation {
  level: 'warning' | 'error'
  message: string
  where: { title: string; file: string; startLine: number; endLine: number }
}

/**
 * The annotations of a run's findings: errors under `check: error` (the run fails on them) and for
 * findings the Dockerfile itself makes errors (`# check=error=true`), warnings otherwise. Pure.
 */
export function findingAnnotations(
  findings: readonly RecordedFinding[],
  file: string,
  mode: CheckMode
): FindingAnnotation[] {
  if (mode === 'off') return []
  return findings.map(f => ({
    level: mode === 'error' || f.severity === 'error' ? 'error' : 'warning',
    // The rule in the message too: a terminal shows no title.
    message: `${f.detail} (${f.ruleName})${f.url ? `\n${f.url}` : ''}`,
    where: { title: f.ruleName, file, startLine: f.startLine, endLine: f.endLine }
  }))
}

/** Findings listed in the failure message; the annotations show them all. */
export const FAILURE_LISTED = 10

/**
 * Whether the run stops before any build: under `check: error`, on any finding; under `warn`, on
 * the findings the Dockerfile itself made errors (`# check=error=true`), as BuildKit's build
 * fails on them. The message lists them (file:line rule: detail) and says what to do. Pure; null
 * when the run goes on.
 */
export function checkFailure(
  allFindings: readonly RecordedFinding[],
  file: string,
  mode: CheckMode
): string | null {
  if (mode === 'off') return null
  const findings = mode === 'error' ? allFindings : allFindings.filter(f => f.severity === 'error')
  if (findings.length === 0) return null
  const n = findings.length
  const why = mode === 'error' ? 'check: error' : 'the Dockerfile says # check=error=true'
  const escape =
    mode === 'error' ? 'or set check: warn to build anyway' : 'or drop error=true from its # check= line'
  const listed = findings
    .slice(0, FAILURE_LISTED)
    .map(f => `${file}:${f.startLine} ${f.ruleName}: ${f.detail}`)
  const more = n > FAILURE_LISTED ? `; and ${n - FAILURE_LISTED} more` : ''
  // What to do before the list: the summary shortens long messages.
  return (
    `The Dockerfile check found ${n === 1 ? '1 problem' : `${n} problems`}, so nothing was built (${why}). ` +
    `Fix ${n === 1 ? 'it' : 'them'} (stagegate check lists the same), ${escape}: ` +
    `${listed.join('; ')}${more}.`
  )
}

export interface FindingComparison {
  /** Findings the base branch does not have: what this change introduces. */
  introduced: RecordedFinding[]
  /** Findings the base branch has too. */
  remaining: RecordedFinding[]
  /** The base branch's findings this change no longer has (their base lines). */
  fixed: RecordedFinding[]
}

const keyOf = (f: RecordedFinding) => JSON.stringify([f.ruleName, f.stage, f.instruction])

/**
 * Which findings are new, still there or fixed against the base branch's. Lines shift with every
 * edit above them, so findings match by rule, stage and instruction text; findings with the same
 * detail pair up first (two undefined variables in one RUN), then any of the same rule and place.
 * Each base finding matches at most one current finding. Pure.
 */
export function compareFindings(
  current: readonly RecordedFinding[],
  base: readonly RecordedFinding[]
): FindingComparison {
  const unmatched = [...base]
  const matched = new Set<RecordedFinding>()
  const take = (f: RecordedFinding, same: (b: RecordedFinding) => boolean): boolean => {
    const i = unmatched.findIndex(same)
    if (i < 0) return false
    unmatched.splice(i, 1)
    matched.add(f)
    return true
  }
  for (const f of current) take(f, b => keyOf(b) === keyOf(f) && b.detail === f.detail)
  for (const f of current) if (!matched.has(f)) take(f, b => keyOf(b) === keyOf(f))
  return {
    introduced: current.filter(f => !matched.has(f)),
    remaining: current.filter(f => matched.has(f)),
    fixed: unmatched
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isLine = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1

/** What is wrong with stored findings (a baseline record's `findings`), or null. Pure. */
export function findingsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'findings is not a list'
  for (const [i, f] of value.entries()) {
    const bad = `findings[${i}] is invalid`
    if (!isObject(f)) return bad
    for (const key of ['ruleName', 'detail', 'url', 'stage', 'instruction'])
      if (typeof f[key] !== 'string') return `${bad} (${key})`
    if (!isLine(f.startLine) || !isLine(f.endLine)) return `${bad} (lines)`
    if (f.severity !== 'warning' && f.severity !== 'error') return `${bad} (severity)`
  }
  return null
}
