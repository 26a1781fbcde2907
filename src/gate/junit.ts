// JUnit XML reports: counts and failing cases for the report, and annotations that point at the
// failing lines. Checked against files that each common reporter really wrote (see
// __tests__/fixtures/junit/README.md): jest-junit, vitest, mocha-junit-reporter, node:test,
// pytest (xunit1 and xunit2), go-junit-report, gotestsum and Maven Surefire.
// Reports come from the tests, so they are untrusted: read as a stream by a SAX parser (bounded
// memory for any size), no DTD and no entity is ever expanded, and a file that cannot be read
// safely is skipped with a warning instead of stopping the run.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { SaxesParser } from 'saxes'
import { UserError } from '../errors.js'
import type { TestCaseFailure } from '../report/model.js'

/** A test report that cannot be read: not XML at all, unsafe XML, or XML that is not a JUnit report. */
export class JUnitReportError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: 'invalid-xml' | 'not-junit' | 'unsafe' | 'too-large',
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
  /** Failing cases (failures and errors) in report order, at most MAX_FAILURES_KEPT. */
  failures: TestCaseFailure[]
  /** Failing cases counted but not kept in `failures` (a report with thousands of them). */
  failuresOmitted: number
  /** The time the tests took by the report's own clock: the root's `time`, else its top-level elements'. */
  seconds?: number
  /** What was odd but still readable (replaced bytes, failures recorded without a test case). */
  warnings: string[]
}

export interface JUnitSummary extends JUnitReport {
  /** Reports that were read. */
  files: string[]
  /** XML files that are not JUnit reports (coverage and the like), left out of the counts. */
  ignored: string[]
  /** Reports that could not be read safely (invalid, hostile, too large): skipped, named in `warnings`. */
  unreadable: string[]
}

/** One report file as the pipeline hands it over: its text, or what reading it from disk gave. */
export type ReportInput =
  | { path: string; xml: string }
  | { path: string; report: JUnitReport }
  | { path: string; error: JUnitReportError }

type Attributes = Record<string, string>

const SKIPPED_STATUS = new Set(['skipped', 'disabled', 'notrun', 'ignored'])
const MAX_MESSAGE = 1000
/** Failure text kept per case: enough for the message and the first stack frames. */
const MAX_FAILURE_TEXT = 16 * 1024
export const MAX_FAILURES_KEPT = 1000
/** Real reports nest a few levels (suites in suites); thousands of levels are an attack or a bug. */
export const MAX_DEPTH = 200
/** Larger files are skipped with a warning: reading one takes long even when streamed. */
export const MAX_REPORT_BYTES = 1024 * 1024 * 1024
// Characters XML 1.0 forbids (NUL and C0 controls but tab, LF, CR; U+FFFE/U+FFFF): tests print them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const ESCAPE_SYMBOL = '\u241B'

interface OpenSuite {
  attrs: Attributes
  depth: number
  hasChildSuite: boolean
}

interface OpenCase {
  attrs: Attributes
  suite?: OpenSuite
  depth: number
  kind?: 'failure' | 'error'
  skipped: boolean
  failureAttrs: Attributes
  /** Depth of the <failure>/<error> element whose text is collected, while inside it. */
  textDepth?: number
  text: string
}

/**
 * A JUnit report read piece by piece: `write` text as it arrives, `end` for the result. Throws
 * JUnitReportError for XML that is invalid, unsafe (a DTD, too deep) or not a JUnit report.
 */
export class JUnitReader {
  private readonly parser = new SaxesParser({ position: true })
  private depth = 0
  private root?: { name: string; attrs: Attributes }
  private readonly suites: OpenSuite[] = []
  private testcase?: OpenCase
  private readonly counts: JUnitCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }
  private readonly leafCounts: JUnitCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }
  private readonly topLevelDeclared: JUnitCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }
  private topLevelSeconds?: number
  private readonly failures: TestCaseFailure[] = []
  private failuresOmitted = 0
  private replaced = 0

  constructor(private readonly source: string) {
    const p = this.parser
    p.on('error', error => {
      throw new JUnitReportError(
        source,
        'invalid-xml',
        `not valid XML (${error.message.replace(/\.$/, '')}). Is it a JUnit XML report?`
      )
    })
    p.on('doctype', () => {
      throw new JUnitReportError(
        source,
        'unsafe',
        'declares a DTD (<!DOCTYPE …>), which JUnit reports never do; its entities are not expanded and the file is skipped.'
      )
    })
    p.on('opentag', tag => this.open(tag.name, tag.attributes as Attributes, tag.isSelfClosing))
    p.on('closetag', tag => this.close(tag.name))
    p.on('text', text => this.text(text))
    p.on('cdata', text => this.text(text))
  }

  write(chunk: string): void {
    const clean = chunk.replace(FORBIDDEN_CHARS, char => {
      // ESC starts the ANSI colours reporters copy from the console: kept visible, stripped later.
      if (char === '\u001b') return ESCAPE_SYMBOL
      this.replaced++
      return '\uFFFD'
    })
    this.parser.write(clean)
  }

  /** Counts invalid UTF-8 sequences the caller replaced while decoding, for the warning. */
  noteInvalidBytes(count: number): void {
    this.replaced += count
  }

  end(): JUnitReport {
    this.parser.close()
    if (!this.root) {
      throw new JUnitReportError(
        this.source,
        'invalid-xml',
        'not valid XML (no root element). Is it a JUnit XML report?'
      )
    }
    return this.result()
  }

  private open(name: string, attrs: Attributes, _selfClosing: boolean): void {
    this.depth++
    if (this.depth > MAX_DEPTH) {
      throw new JUnitReportError(
        this.source,
        'unsafe',
        `elements are nested more than ${MAX_DEPTH} levels deep; no test reporter writes that, so the file is skipped.`
      )
    }
    if (!this.root) {
      if (name !== 'testsuites' && name !== 'testsuite') {
        throw new JUnitReportError(
          this.source,
          'not-junit',
          `root element is <${name}>, not <testsuites> or <testsuite>.`
        )
      }
      this.root = { name, attrs }
      if (name === 'testsuite') this.openSuite(attrs)
      return
    }
    const current = this.testcase
    if (current) {
      // Only the case's own result elements count; Surefire's flakyFailure/rerunFailure (a test that
      // passed on a rerun) and system-out do not.
      if (this.depth === current.depth + 1) {
        // A failure and an error on one case count once, as a failure.
        if (
          (name === 'failure' || name === 'error') &&
          (!current.kind || (name === 'failure' && current.kind === 'error'))
        ) {
          current.kind = name
          current.failureAttrs = attrs
          current.text = ''
          current.textDepth = this.depth
        } else if (name === 'skipped') {
          current.skipped = true
        }
      }
      return
    }
    if (name === 'testsuite') {
      if (this.depth === 2) this.declareTopLevel(attrs)
      const parent = this.suites.at(-1)
      if (parent) parent.hasChildSuite = true
      this.openSuite(attrs)
    } else if (name === 'testcase') {
      if (this.depth === 2) this.addTopLevelSeconds(attrs)
      this.testcase = {
        attrs,
        suite: this.suites.at(-1),
        depth: this.depth,
        skipped: false,
        failureAttrs: {},
        text: ''
      }
    }
  }

  private openSuite(attrs: Attributes): void {
    this.suites.push({ attrs, depth: this.depth, hasChildSuite: false })
  }

  private close(name: string): void {
    const current = this.testcase
    if (current) {
      if (current.textDepth === this.depth) current.textDepth = undefined
      if (this.depth === current.depth && name === 'testcase') {
        this.finishCase(current)
        this.testcase = undefined
      }
    } else {
      const suite = this.suites.at(-1)
      if (suite && suite.depth === this.depth && name === 'testsuite') {
        this.suites.pop()
        if (!suite.hasChildSuite) addDeclared(this.leafCounts, suite.attrs)
      }
    }
    this.depth--
  }

  private text(text: string): void {
    const current = this.testcase
    if (current?.textDepth === undefined || current.text.length >= MAX_FAILURE_TEXT) return
    current.text += text.slice(0, MAX_FAILURE_TEXT - current.text.length)
  }

  private finishCase(testcase: OpenCase): void {
    this.counts.tests++
    if (testcase.kind) {
      this.counts[testcase.kind === 'failure' ? 'failed' : 'errors']++
      if (this.failures.length < MAX_FAILURES_KEPT) {
        this.failures.push(
          describeFailure(
            testcase.attrs,
            testcase.suite?.attrs ?? {},
            testcase.failureAttrs,
            testcase.text,
            testcase.kind
          )
        )
      } else {
        this.failuresOmitted++
      }
    } else if (testcase.skipped || SKIPPED_STATUS.has(testcase.attrs.status?.toLowerCase() ?? '')) {
      this.counts.skipped++
    } else {
      this.counts.passed++
    }
  }

  private declareTopLevel(attrs: Attributes): void {
    addDeclared(this.topLevelDeclared, attrs)
    this.addTopLevelSeconds(attrs)
  }

  private addTopLevelSeconds(attrs: Attributes): void {
    const seconds = seconds_(attrs.time)
    if (seconds !== undefined) this.topLevelSeconds = (this.topLevelSeconds ?? 0) + seconds
  }

  private result(): JUnitReport {
    const root = this.root as { name: string; attrs: Attributes }
    const warnings: string[] = []
    if (this.replaced > 0) {
      warnings.push(
        `Test report ${this.source}: ${this.replaced} bytes or characters that XML does not allow (invalid UTF-8, NUL or control characters) were replaced with \uFFFD.`
      )
    }
    const rootSeconds = seconds_(root.attrs.time)
    const seconds = rootSeconds ?? (root.name === 'testsuites' ? this.topLevelSeconds : undefined)
    const base = { failures: this.failures, failuresOmitted: this.failuresOmitted, warnings }
    if (seconds !== undefined) Object.assign(base, { seconds })
    if (this.counts.tests === 0) {
      // Only counts are given (or nothing ran): trust the innermost suites' attributes, else the root's.
      const declared =
        this.leafCounts.tests + this.leafCounts.failed + this.leafCounts.errors > 0
          ? this.leafCounts
          : addDeclared({ tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, root.attrs)
      return { ...withPassed(declared), ...base }
    }
    const declared = reconcileDeclared(root.attrs, this.topLevelDeclared)
    const counts = reconcileCounts(this.counts, declared)
    const unlisted = counts.failed - this.counts.failed + counts.errors - this.counts.errors
    if (unlisted > 0) {
      warnings.push(
        `Test report ${this.source}: records ${unlisted} failing ${unlisted === 1 ? 'test or error' : 'tests or errors'} that no <testcase> lists (a package or suite that did not build or load); counted as failed.`
      )
    }
    return { ...counts, ...base }
  }
}

/** Counts and failing cases of one JUnit report given as text; `source` names the file in errors. */
export function parseJUnit(xml: string, source: string): JUnitReport {
  const reader = new JUnitReader(source)
  reader.write(xml)
  return reader.end()
}

/**
 * Reads one report file as a stream: memory stays bounded whatever its size, invalid UTF-8 is
 * replaced (and counted in a warning). Throws JUnitReportError when it cannot be read safely.
 */
export async function readJUnitFile(
  file: string,
  source: string,
  maxBytes = MAX_REPORT_BYTES
): Promise<JUnitReport> {
  const { size } = await stat(file)
  if (size > maxBytes) {
    throw new JUnitReportError(
      source,
      'too-large',
      `${(size / 1024 / 1024).toFixed(0)} MiB is more than the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB a report may have; skipped.`
    )
  }
  const reader = new JUnitReader(source)
  const decoder = new TextDecoder('utf-8')
  let tail: Buffer = Buffer.alloc(0)
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true })
    reader.noteInvalidBytes(invalidSequences(text, Buffer.concat([tail, chunk])))
    tail = chunk.subarray(Math.max(0, chunk.length - 2))
    reader.write(text)
  }
  reader.write(decoder.decode())
  return reader.end()
}

/** Replacement characters the decoder produced beyond those really written as U+FFFD (EF BF BD). */
export function invalidSequences(decoded: string, bytes: Buffer): number {
  let produced = 0
  for (let i = decoded.indexOf('\uFFFD'); i !== -1; i = decoded.indexOf('\uFFFD', i + 1)) produced++
  if (produced === 0) return 0
  let written = 0
  const marker = Buffer.from([0xef, 0xbf, 0xbd])
  for (let i = bytes.indexOf(marker); i !== -1; i = bytes.indexOf(marker, i + 1)) written++
  return Math.max(0, produced - written)
}

/** Per count, the larger of the root's attribute and the sum over the top-level suites. */
function reconcileDeclared(rootAttrs: Attributes, topLevel: JUnitCounts): JUnitCounts {
  const root = addDeclared({ tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, rootAttrs)
  return {
    tests: Math.max(root.tests, topLevel.tests),
    passed: 0,
    failed: Math.max(root.failed, topLevel.failed),
    errors: Math.max(root.errors, topLevel.errors),
    skipped: Math.max(root.skipped, topLevel.skipped)
  }
}

/**
 * Counts from the listed test cases, raised to what the report declares: some reporters record
 * results without a <testcase> (mocha-junit-reporter leaves out skipped tests, gotestsum a package
 * that did not build). A recorded failure always counts.
 */
export function reconcileCounts(listed: JUnitCounts, declared: JUnitCounts): JUnitCounts {
  const failed = Math.max(listed.failed, declared.failed)
  const errors = Math.max(listed.errors, declared.errors)
  const skipped = Math.max(listed.skipped, declared.skipped)
  return { tests: listed.passed + failed + errors + skipped, passed: listed.passed, failed, errors, skipped }
}

function addDeclared(into: JUnitCounts, attrs: Attributes): JUnitCounts {
  into.tests += int(attrs.tests)
  into.failed += int(attrs.failures)
  into.errors += int(attrs.errors)
  into.skipped += int(attrs.skipped) + int(attrs.disabled)
  return into
}

function withPassed(counts: JUnitCounts): JUnitCounts {
  return { ...counts, passed: Math.max(0, counts.tests - counts.failed - counts.errors - counts.skipped) }
}

function seconds_(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const n = Number(value.replace(/,/g, ''))
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

function describeFailure(
  testcase: Attributes,
  suite: Attributes,
  failure: Attributes,
  rawText: string,
  kind: TestCaseFailure['kind']
): TestCaseFailure {
  const text = stripAnsi(rawText)
  const message = failure.message?.trim() || firstLines(text) || undefined
  const result: TestCaseFailure = { name: testcase.name?.trim() || '(unnamed test)', kind }
  const classname = testcase.classname?.trim()
  if (classname) result.classname = classname
  if (message) result.message = clip(stripAnsi(message), MAX_MESSAGE)

  const fromText = locationIn(text, classname)
  const file = testcase.file || suite.file
  let line = int(testcase.line, NaN)
  // pytest (xunit1) writes the 0-based line of the test's `def`.
  if (!Number.isNaN(line) && suite.name === 'pytest') line += 1
  if (file) {
    result.file = cleanPath(file)
    // The failing line inside the same file is more precise than where the test starts.
    if (fromText && sameFile(fromText.file, result.file)) line = fromText.line
    if (Number.isInteger(line) && line > 0) result.line = line
  } else if (fromText) {
    result.file = fromText.file
    result.line = fromText.line
  }
  return detachStrings(result)
}

/**
 * Copies of the kept strings: the parser's strings are slices of the 1 MiB chunk they came from,
 * and V8 keeps a whole chunk alive for each slice, so 1000 kept failures could hold 1000 chunks.
 */
function detachStrings(failure: TestCaseFailure): TestCaseFailure {
  const copy = (text: string): string => Buffer.from(text, 'utf8').toString('utf8')
  const out: TestCaseFailure = { ...failure, name: copy(failure.name) }
  if (failure.classname) out.classname = copy(failure.classname)
  if (failure.message) out.message = copy(failure.message)
  if (failure.file) out.file = copy(failure.file)
  return out
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

/**
 * Merges several reports. XML that is not JUnit (coverage and the like) is listed in `ignored`;
 * a report that cannot be read safely is listed in `unreadable` with a warning, never thrown.
 */
export function summarizeReports(files: ReadonlyArray<ReportInput>): JUnitSummary {
  const summary: JUnitSummary = {
    tests: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    failures: [],
    failuresOmitted: 0,
    warnings: [],
    files: [],
    ignored: [],
    unreadable: []
  }
  for (const file of files) {
    const read = readInput(file)
    if (read instanceof JUnitReportError) {
      if (read.reason === 'not-junit') summary.ignored.push(file.path)
      else {
        summary.unreadable.push(file.path)
        summary.warnings.push(`${read.message} Its results are not counted.`)
      }
      continue
    }
    summary.files.push(file.path)
    summary.tests += read.tests
    summary.passed += read.passed
    summary.failed += read.failed
    summary.errors += read.errors
    summary.skipped += read.skipped
    const room = Math.max(0, MAX_FAILURES_KEPT - summary.failures.length)
    summary.failures.push(...read.failures.slice(0, room))
    summary.failuresOmitted += read.failuresOmitted + Math.max(0, read.failures.length - room)
    summary.warnings.push(...read.warnings)
    if (read.seconds !== undefined) summary.seconds = (summary.seconds ?? 0) + read.seconds
  }
  return summary
}

function readInput(file: ReportInput): JUnitReport | JUnitReportError {
  if ('report' in file) return file.report
  if ('error' in file) return file.error
  try {
    return parseJUnit(file.xml, file.path)
  } catch (error) {
    return asReportError(error, file.path)
  }
}

/** Any failure while reading a report, as a JUnitReportError: a bad report never stops the run. */
export function asReportError(error: unknown, source: string): JUnitReportError {
  if (error instanceof JUnitReportError) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new JUnitReportError(source, 'invalid-xml', `could not be read (${detail}).`)
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
  summary: { failures: readonly TestCaseFailure[]; failuresOmitted?: number },
  limit = MAX_ANNOTATIONS
): Annotation[] {
  const all = summary.failures
  const omitted = summary.failuresOmitted ?? 0
  const shown = all.length + omitted > limit ? all.slice(0, Math.max(0, limit - 1)) : all
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
  const rest = all.length + omitted - shown.length
  if (rest > 0) {
    annotations.push({
      title: `${rest} more failing tests`,
      message: `${rest} more failing tests are not annotated; the job summary and the test reports list them all.`
    })
  }
  return annotations
}

function int(value: string | undefined, fallback = 0): number {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isFinite(n) && n >= 0 ? n : fallback
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u001b\u241b]\[[0-9;]*[A-Za-z]/g, '')
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
