// The failure excerpt: the lines of a test run that report failures, with the tail, within a
// bound. A runner's last lines are often only its counts (`# fail 7`) while every failing test
// was reported hundreds of lines higher, so the excerpt is collected as the output streams by.

export interface ExcerptBounds {
  /** Lines picked for failures (heads, their details, context), markers not counted. */
  failureLines: number
  /** The last lines of the output, always kept. */
  tailLines: number
  /** UTF-8 bytes of the whole excerpt, markers and newlines included. */
  bytes: number
  /** Longer lines are cut (a minified bundle or a huge diff on one line). */
  lineChars: number
  /** Lines after a failing test's line that may belong to its report. */
  contextLines: number
}

export const DEFAULT_EXCERPT_BOUNDS: ExcerptBounds = {
  failureLines: 50,
  tailLines: 30,
  bytes: 8 * 1024,
  lineChars: 400,
  contextLines: 10
}

export interface Excerpt {
  /** Picked lines in output order, `… N lines` where lines were skipped. */
  lines: string[]
  /** Lines that named a failing test (deduplicated), and how many of them did not fit. */
  failures: number
  omittedFailures: number
  /** Lines the output had in all. */
  totalLines: number
}

/**
 * Lines that name a failing test, by runner: TAP and node:test (`not ok`, `✖`), pytest
 * (`FAILED`, `ERROR`, `____ test ____`), jest (`●`, `✕`), go (`--- FAIL`, `FAIL pkg`, `panic:`),
 * mocha and rspec (`1) name`, `N failing`, `Failures:`), vitest (`×`, `FAIL`, `Failed Tests`),
 * cargo (`---- name stdout ----`, `failures:`).
 */
const HEAD = [
  /^\s*not ok\b/,
  /^\s*[✖✕×✗✘]\s/,
  /^\s*(FAILED|ERROR)\s/,
  /\sFAILED(\s|$)/,
  /^_{3,} .+ _{3,}$/,
  /^\s*● (?!Console\b)/,
  /^\s*--- FAIL\b/,
  /^\s*FAIL\b/,
  /^panic: /,
  /^\s*\d+\) \S/,
  /^\s*\d+ failing\b/,
  /^(Failures|failures):$/,
  /^⎯+ Failed Tests? \d+ ⎯+$/,
  /^---- \S+ stdout ----$/,
  /^rspec \.\/\S+:\d+/
]

/** Lines that say why: assertion messages, errors, panics, the file and line of a failure. */
const KEY = [
  /^E\s/,
  /\b(Assertion|Type|Reference|Range|Syntax|Runtime|Value|Key|Index|Attribute)?Error\b(\s*\[\w+\])?:/,
  /\w+(Exception|Failure)\b:/,
  /Failure\/Error:/,
  /panicked at/,
  /^\S+\.\w+:\d+: \w+/,
  /^\s+\S+_test\.go:\d+: /,
  /^\s*(error|location): /,
  /^\s*(Expected|Received|expected|actual)\b/,
  /^\s*> \d+ \|/
]

/** Lines that start a passing test or the next test: they end a failure's block. */
const BLOCK_END = [
  /^\s*ok \d/,
  /^\s*# Subtest: /,
  /^\s*[✔✓√]\s/,
  /^\s*--- (PASS|SKIP)\b/,
  /^\s*=== (RUN|PAUSE|CONT|NAME)\b/,
  /^\s*PASS\b/,
  /\sPASSED(\s|$)/,
  / \.\.\. ok$/,
  /^\s*\.\.\.$/
]

/** Lines inside a failure's block that say nothing about it (TAP's YAML fences and timings). */
const NOISE = [/^\s*---$/, /^\s*duration_ms: [\d.]+$/, /^\s*failureType: /]

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g

const TAIL_SLACK = 5

export type LineKind = 'head' | 'key' | 'end' | 'other'

/** What one line of test output is, for the excerpt. */
export function classifyLine(line: string): LineKind {
  if (HEAD.some(re => re.test(line))) return 'head'
  if (KEY.some(re => re.test(line))) return 'key'
  if (BLOCK_END.some(re => re.test(line))) return 'end'
  return 'other'
}

/** A line as shown: colors removed, carriage-return redraws collapsed, cut at `max` characters. */
export function cleanLine(raw: string, max: number): string {
  let line = raw.replace(ANSI, '')
  const cr = line.lastIndexOf('\r', line.length - 2)
  if (cr >= 0) line = line.slice(cr + 1)
  line = line.replace(/\r$/, '').replace(/\s+$/, '')
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

interface Entry {
  index: number
  text: string
  /** Order of preference: 0 names a failure, 1 says why, 2+ the n-th line of context after it. */
  rank: number
}

/**
 * Collects the excerpt line by line, in memory bounded by `bounds` however long the output: at
 * most `failureLines` failure heads, each with `contextLines` lines, and a ring of the tail.
 */
export class ExcerptCollector {
  private readonly bounds: ExcerptBounds
  private readonly entries: Entry[] = []
  private readonly tail: Entry[] = []
  private readonly heads = new Set<string>()
  /** Blank lines inside failure blocks: shown as such where a marker would stand for one line. */
  private readonly blanks = new Set<number>()
  private total = 0
  private failureHeads = 0
  /** Blocks stored: failure heads, and reasons seen outside any failure's block. */
  private blocks = 0
  private inBlock = false
  /** In a block that repeats a failure already kept, or one opened by a reason alone. */
  private repeated = false
  private weak = false
  /** The last reason ended in `:` or `|-`: its message is on the next line. */
  private messageNext = false
  private contextLeft = 0
  private keysLeft = 0
  private depth = 0

  constructor(bounds: Partial<ExcerptBounds> = {}) {
    this.bounds = { ...DEFAULT_EXCERPT_BOUNDS, ...bounds }
  }

  push(raw: string): void {
    const index = this.total++
    const text = cleanLine(raw, this.bounds.lineChars)
    this.tail.push({ index, text, rank: 0 })
    // A few more than shown: trailing blank lines do not count as the tail.
    if (this.tail.length > this.bounds.tailLines + TAIL_SLACK) this.tail.shift()

    const kind = classifyLine(text)
    if (kind === 'head') {
      const key = text.trim()
      // The same failure reported again (node:test's and jest's closing lists) adds nothing.
      if (this.heads.has(key)) return this.skipBlock()
      this.failureHeads++
      if (this.blocks >= this.bounds.failureLines) return this.skipBlock()
      this.heads.add(key)
      this.openBlock({ index, text, rank: 0 }, false)
    } else if (kind === 'end') this.inBlock = false
    else if (this.inBlock && this.repeated) return
    else if (kind === 'key' && !this.inBlock) {
      // A reason with no test named before it (a generic `Error:`, go -v's t.Errorf lines) is
      // kept with its context, but ranks its further reasons as context: t.Logf looks the same.
      if (this.blocks < this.bounds.failureLines) this.openBlock({ index, text, rank: 1 }, true)
    } else if (kind === 'key' && this.keysLeft > 0 && !this.weak) {
      this.keysLeft--
      this.entries.push({ index, text, rank: 1 })
      this.depth = 0 // the lines right after a reason (a message's next line) come next
      this.messageNext = /(:|\|-?)$/.test(text)
    } else if (this.inBlock && this.contextLeft > 0) {
      this.contextLeft--
      this.depth++
      if (text.trim() === '') this.blanks.add(index)
      else if (!NOISE.some(re => re.test(text))) {
        this.entries.push({ index, text, rank: this.messageNext ? 1 : 1 + this.depth })
        this.messageNext = false
      }
    }
  }

  /** Lines held in memory: bounded by the bounds, not by the output's length. */
  get storedLines(): number {
    return this.entries.length + this.tail.length + this.blanks.size
  }

  /** The excerpt of everything pushed so far. */
  excerpt(): Excerpt {
    return pickExcerpt(this.entries, this.tail, this.blanks, this.total, this.failureHeads, this.bounds)
  }

  private openBlock(first: Entry, weak: boolean): void {
    this.entries.push(first)
    this.blocks++
    this.inBlock = true
    this.repeated = false
    this.weak = weak
    this.messageNext = false
    this.contextLeft = this.bounds.contextLines
    this.keysLeft = this.bounds.contextLines
    this.depth = 0
  }

  /** A block whose lines are not kept: a repeated failure, or one over the bound. */
  private skipBlock(): void {
    this.inBlock = true
    this.repeated = true
  }
}

/** The excerpt of a whole output at once. */
export function failureExcerpt(
  output: string | Iterable<string>,
  bounds: Partial<ExcerptBounds> = {}
): Excerpt {
  const collector = new ExcerptCollector(bounds)
  const lines = typeof output === 'string' ? output.split('\n') : output
  for (const line of lines) collector.push(line)
  return collector.excerpt()
}

function pickExcerpt(
  entries: readonly Entry[],
  ring: readonly Entry[],
  blanks: ReadonlySet<number>,
  total: number,
  failureHeads: number,
  bounds: ExcerptBounds
): Excerpt {
  const tail = [...ring]
  while (tail.length > 0 && (tail[tail.length - 1] as Entry).text.trim() === '') tail.pop()
  tail.splice(0, Math.max(0, tail.length - bounds.tailLines))
  const inTail = new Set(tail.map(e => e.index))
  // Failure lines by preference: every head first, then each failure's reason, then context
  // line by line across all failures, so that the last failure is not starved by the first.
  const candidates = entries
    .filter(e => !inTail.has(e.index))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, bounds.failureLines)
  const picked = new Map<number, Entry>()
  for (const e of [...candidates, ...tail]) picked.set(e.index, e)

  let lines = render(picked, blanks)
  // Over the byte bound: drop the least preferred failure line, then the oldest tail lines.
  while (byteLength(lines) > bounds.bytes && picked.size > 0) {
    const drop = candidates.pop() ?? tail.shift()
    if (!drop) break
    picked.delete(drop.index)
    lines = render(picked, blanks)
  }
  const shown = new Set(
    [...picked.values()].filter(e => classifyLine(e.text) === 'head').map(e => e.text.trim())
  )
  return {
    lines,
    failures: failureHeads,
    omittedFailures: Math.max(0, failureHeads - shown.size),
    totalLines: total
  }
}

function render(picked: Map<number, Entry>, blanks: ReadonlySet<number>): string[] {
  const out: string[] = []
  let next = 0
  for (const e of [...picked.values()].sort((a, b) => a.index - b.index)) {
    if (e.index === next + 1 && blanks.has(next)) out.push('')
    else if (e.index > next) out.push(skipped(e.index - next))
    out.push(e.text)
    next = e.index + 1
  }
  return out
}

function skipped(n: number): string {
  return n === 1 ? '… 1 line' : `… ${n} lines`
}

function byteLength(lines: readonly string[]): number {
  return lines.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8') + 1, 0)
}
