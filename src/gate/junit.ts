// JUnit XML reports: counts and failing cases for the report, and annotations that point at the
// failing lines. Covers the common dialects: jest-junit, pytest, go-junit-report, Maven surefire,
// mocha-junit-reporter (a `<testsuites>` root or a single `<testsuite>`, suites nested or not).
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { UserError } from '../errors.js'
import type { TestCaseFailure } from '../report/model.js'

/** A test report that cannot be read: not XML at all, or XML that is not a JUnit report. */
export class JUnitReportError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: 'invalid-xml' | 'not-junit',
    detail: string
  ) {
    super(`Test report ${file}: ${detail}`)
    this.name = 'JUnitReportError'
  }
}

export interface JUnitCounts {
  tests: number
  passed: number
  failed: number
  errors: number
  skipped: number
}

export interface JUnitReport extends JUnitCounts {
  /** Failing cases (failures and errors) in report order. */
  failures: TestCaseFailure[]
}

export interface JUnitSummary extends JUnitReport {
  /** Reports that were read. */
  files: string[]
  /** XML files that are not JUnit reports (coverage and the like), left out of the counts. */
  ignored: string[]
}

type Attributes = Record<string, string | undefined>
interface XmlElement {
  $?: Attributes
  '#text'?: string
  [child: string]: unknown
}

const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped'])
const SKIPPED_STATUS = new Set(['skipped', 'disabled', 'notrun', 'ignored'])
const MAX_MESSAGE = 1000

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  alwaysCreateTextNode: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: name => ARRAYS.has(name)
})

/** Counts and failing cases of one JUnit report; `source` names the file in errors. */
export function parseJUnit(xml: string, source: string): JUnitReport {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    const { msg, line } = valid.err
    throw new JUnitReportError(
      source,
      'invalid-xml',
      `not valid XML (line ${line}: ${msg.replace(/\.$/, '')}). Is it a JUnit XML report?`
    )
  }
  const doc = parser.parse(xml) as Record<string, unknown>
  const root = (doc.testsuites ?? firstOf(doc.testsuite)) as XmlElement | undefined
  if (!isElement(root)) {
    const name = Object.keys(doc).find(k => !k.startsWith('?')) ?? 'none'
    throw new JUnitReportError(
      source,
      'not-junit',
      `root element is <${name}>, not <testsuites> or <testsuite>.`
    )
  }
  const suites = doc.testsuites ? elements(root.testsuite) : [root]
  const cases: Array<{ testcase: XmlElement; suite: XmlElement }> = []
  const leaves: XmlElement[] = []
  const walk = (suite: XmlElement): void => {
    for (const testcase of elements(suite.testcase)) cases.push({ testcase, suite })
    const nested = elements(suite.testsuite)
    if (nested.length === 0) leaves.push(suite)
    nested.forEach(walk)
  }
  suites.forEach(walk)

  if (cases.length === 0) {
    // Only counts are given (or nothing ran): trust the suite attributes, the root's last.
    return { ...countsFromAttributes(leaves.length > 0 ? leaves : [root]), failures: [] }
  }
  const counts: JUnitCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }
  const failures: TestCaseFailure[] = []
  for (const { testcase, suite } of cases) {
    counts.tests++
    const failure = firstOf(testcase.failure)
    const error = firstOf(testcase.error)
    if (failure || error) {
      const kind = failure ? 'failure' : 'error'
      counts[kind === 'failure' ? 'failed' : 'errors']++
      failures.push(describeFailure(testcase, suite, (failure ?? error) as XmlElement, kind))
    } else if (
      testcase.skipped !== undefined ||
      SKIPPED_STATUS.has(attr(testcase, 'status')?.toLowerCase() ?? '')
    ) {
      counts.skipped++
    } else {
      counts.passed++
    }
  }
  return { ...counts, failures }
}

function countsFromAttributes(suites: XmlElement[]): JUnitCounts {
  const counts: JUnitCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }
  for (const suite of suites) {
    counts.tests += int(attr(suite, 'tests'))
    counts.failed += int(attr(suite, 'failures'))
    counts.errors += int(attr(suite, 'errors'))
    counts.skipped += int(attr(suite, 'skipped')) + int(attr(suite, 'disabled'))
  }
  counts.passed = Math.max(0, counts.tests - counts.failed - counts.errors - counts.skipped)
  return counts
}

function describeFailure(
  testcase: XmlElement,
  suite: XmlElement,
  failure: XmlElement,
  kind: TestCaseFailure['kind']
): TestCaseFailure {
  const text = stripAnsi(typeof failure === 'object' ? (failure['#text'] ?? '') : String(failure))
  const message = attr(failure, 'message')?.trim() || firstLines(text) || undefined
  const result: TestCaseFailure = { name: attr(testcase, 'name') ?? '(unnamed test)', kind }
  const classname = attr(testcase, 'classname')
  if (classname) result.classname = classname
  if (message) result.message = clip(stripAnsi(message), MAX_MESSAGE)

  const fromText = locationIn(text, attr(testcase, 'classname'))
  const file = attr(testcase, 'file') || attr(suite, 'file')
  let line = int(attr(testcase, 'line'), NaN)
  // pytest (xunit1) writes the 0-based line of the test's `def`.
  if (!Number.isNaN(line) && attr(suite, 'name') === 'pytest') line += 1
  if (file) {
    result.file = cleanPath(file)
    // The failing line inside the same file is more precise than where the test starts.
    if (fromText && sameFile(fromText.file, result.file)) line = fromText.line
    if (Number.isInteger(line) && line > 0) result.line = line
  } else if (fromText) {
    result.file = fromText.file
    result.line = fromText.line
  }
  return result
}

const LOCATION =
  /(?:^|[\s("'[=])((?:file:\/\/)?[A-Za-z0-9_.@/\\-]*[A-Za-z0-9_-]\.[A-Za-z][A-Za-z0-9]{0,5}):(\d+)/gm

/**
 * The first `path:line` in failure text that is not a dependency or a runtime internal. With a
 * classname (`com.acme.PriceTest`), a frame in that class's file (`PriceTest.java:27`) wins over
 * earlier library frames such as an assertion helper's.
 */
export function locationIn(text: string, classname?: string): { file: string; line: number } | undefined {
  const found: Array<{ file: string; line: number }> = []
  for (const match of text.matchAll(LOCATION)) {
    const file = cleanPath(match[1] ?? '')
    const line = Number(match[2])
    if (/(^|\/)node_modules\/|^node:|^internal\//.test(file) || line <= 0) continue
    found.push({ file, line })
  }
  const owner = classname?.split(/[.$/]/).filter(Boolean).pop()
  const own = owner ? found.find(l => (l.file.split('/').pop() ?? '').split('.')[0] === owner) : undefined
  return own ?? found[0]
}

function cleanPath(file: string): string {
  return file
    .trim()
    .replace(/^file:\/\//, '')
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
}

function sameFile(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`)
}

/** Merges several reports; files that are XML but not JUnit are listed in `ignored`. */
export function summarizeReports(files: ReadonlyArray<{ path: string; xml: string }>): JUnitSummary {
  const summary: JUnitSummary = {
    tests: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    failures: [],
    files: [],
    ignored: []
  }
  for (const file of files) {
    let report: JUnitReport
    try {
      report = parseJUnit(file.xml, file.path)
    } catch (error) {
      if (error instanceof JUnitReportError && error.reason === 'not-junit') {
        summary.ignored.push(file.path)
        continue
      }
      throw error
    }
    summary.files.push(file.path)
    summary.tests += report.tests
    summary.passed += report.passed
    summary.failed += report.failed
    summary.errors += report.errors
    summary.skipped += report.skipped
    summary.failures.push(...report.failures)
  }
  return summary
}

export interface Annotation {
  title: string
  message: string
  file?: string
  startLine?: number
}

/**
 * GitHub shows at most 10 error annotations per step (50 per job), so the default keeps to 10:
 * the first failing cases, and when there are more, a last annotation that counts the rest.
 */
export const MAX_ANNOTATIONS = 10

export function junitAnnotations(
  summary: { failures: readonly TestCaseFailure[] },
  limit = MAX_ANNOTATIONS
): Annotation[] {
  const all = summary.failures
  const shown = all.length > limit ? all.slice(0, Math.max(0, limit - 1)) : all
  const annotations: Annotation[] = shown.map(f => {
    const who = f.classname && !f.name.includes(f.classname) ? `${f.classname} › ${f.name}` : f.name
    const annotation: Annotation = {
      title: clip(`${f.kind === 'error' ? 'Test error' : 'Test failed'}: ${who}`, 200),
      message: f.message ?? `${who} ${f.kind === 'error' ? 'raised an error' : 'failed'}.`
    }
    if (f.file) annotation.file = f.file
    if (f.file && f.line) annotation.startLine = f.line
    return annotation
  })
  const rest = all.length - shown.length
  if (rest > 0) {
    annotations.push({
      title: `${rest} more failing tests`,
      message: `${rest} more failing tests are not annotated; the job summary and the test reports list them all.`
    })
  }
  return annotations
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function elements(value: unknown): XmlElement[] {
  return Array.isArray(value) ? value.filter(isElement) : isElement(value) ? [value] : []
}

function firstOf(value: unknown): XmlElement | undefined {
  if (Array.isArray(value)) return value.length > 0 ? (isElement(value[0]) ? value[0] : {}) : undefined
  return isElement(value) ? value : undefined
}

function attr(element: unknown, name: string): string | undefined {
  return isElement(element) ? element.$?.[name] : undefined
}

function int(value: string | undefined, fallback = 0): number {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isFinite(n) && n >= 0 ? n : fallback
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
}

/** The first three non-empty lines: enough to say what failed without the whole stack. */
function firstLines(text: string): string {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(l => l !== '' && !/^at\s/.test(l))
    .slice(0, 3)
    .join('\n')
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
