// The Dockerfile parser as BuildKit's frontend/dockerfile/parser: directives, escape token, line
// continuations, comments, heredocs, flags, JSON forms. Stage semantics live in stages.ts.
import { DockerfileError } from '../errors.js'
import { isSpace, splitWords } from './shell.js'

export interface Heredoc {
  /** Terminator word, quotes removed. */
  name: string
  /** `3<<EOF` → 3; 0 when absent. */
  fileDescriptor: number
  /** False when any part of the terminator was quoted: the body is not expanded. */
  expand: boolean
  /** `<<-`: leading tabs are stripped from the body (and the terminator may be tab-indented). */
  chomp: boolean
  /** The body exactly as written, line endings included, tabs not yet stripped. */
  content: string
}

export interface Instruction {
  /** Uppercase keyword (`RUN`, `COPY`, ...). */
  keyword: string
  /** The arguments after the flags, continuations joined, trimmed. */
  args: string
  /** Flags by name without `--`: every value given, in order ('' for a flag written without `=`). */
  flags: Record<string, string[]>
  /** The arguments split as BuildKit's line parser splits them (JSON array elements for JSON form). */
  argv: string[]
  /** JSON (exec) form. */
  json: boolean
  heredocs: Heredoc[]
  /** The `--flag[=value]` words as written, in order (BuildKit validates them in this order). */
  rawFlags: string[]
  /** The logical line as BuildKit sees it (continuations joined, comments inside them dropped). */
  original: string
  startLine: number
  endLine: number
}

export interface Directive {
  name: string
  value: string
  line: number
}

export interface Warning {
  line: number
  rule: string
  message: string
}

export interface ParsedDockerfile {
  directives: Directive[]
  escapeToken: '\\' | '`'
  instructions: Instruction[]
  warnings: Warning[]
  /** Number of lines read (the line an end-of-file error points at). */
  lineCount: number
  /** Set when a line exceeds BuildKit's 64 KiB scanner limit: reading stopped before it. */
  lineTooLong: { line: number; message: string } | null
}

// bufio.Scanner's default token size (bufio.MaxScanTokenSize): a longer line stops BuildKit's parser.
const MAX_LINE_BYTES = 64 * 1024 - 1

/** Index of the first line longer than MAX_LINE_BYTES in UTF-8 bytes (a BOM counts), or -1. */
export function firstLongLine(lines: readonly string[], n: number): number {
  for (let i = 0; i < n; i++) {
    const l = lines[i] as string
    // A UTF-16 unit is at most 3 UTF-8 bytes: only long lines need counting.
    if (l.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(l, 'utf8') > MAX_LINE_BYTES) return i
  }
  return -1
}

const DIRECTIVES = new Set(['syntax', 'escape', 'check'])
const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD'])
const HEREDOC_RE = /^(\d*)<<(-?)\s*([^<]*)$/
const MAYBE_JSON = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL'])
const MAYBE_JSON_LIST = new Set(['COPY', 'ADD', 'VOLUME'])
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only'

function trimLeft(s: string): string {
  let i = 0
  while (i < s.length && isSpace(s.charCodeAt(i))) i++
  return i === 0 ? s : s.slice(i)
}

function trimRight(s: string): string {
  let j = s.length
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--
  return j === s.length ? s : s.slice(0, j)
}

/** Go strings.TrimSpace (unicode.IsSpace). */
export function trimSpace(s: string): string {
  return trimRight(trimLeft(s))
}

// bytes.TrimRight(line, "\r\n")
function trimNewline(s: string): string {
  let j = s.length
  while (j > 0) {
    const c = s.charCodeAt(j - 1)
    if (c !== 13 && c !== 10) break
    j--
  }
  return j === s.length ? s : s.slice(0, j)
}

function isComment(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!isSpace(c)) return c === 35
  }
  return false
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false
  return true
}

/**
 * BuildKit's continuation rule: the escape token, then only blanks, at the end of the line, and
 * not preceded by another escape token (so an escaped escape does not continue the line).
 * Returns the line without the token, or null when the line does not continue.
 */
function continuation(line: string, esc: number): string | null {
  let j = line.length
  while (j > 0) {
    const c = line.charCodeAt(j - 1)
    if (c !== 32 && c !== 9) break
    j--
  }
  if (j === 0 || line.charCodeAt(j - 1) !== esc) return null
  if (j === 1) return ''
  return line.charCodeAt(j - 2) === esc ? null : line.slice(0, j - 1)
}

class DirectiveReader {
  done = false
  readonly seen = new Map<string, Directive>()
  /** Returns the directive on this line, if it is one; ends the directive block otherwise. */
  read(line: string, lineNo: number, file: string): Directive | undefined {
    if (this.done) return undefined
    if (!line.startsWith('#')) {
      this.done = true
      return undefined
    }
    const m = DIRECTIVE_RE.exec(trimLeft(line.slice(1)))
    const key = m?.[1]?.toLowerCase()
    if (!m || !key || !DIRECTIVES.has(key)) {
      this.done = true
      return undefined
    }
    // BuildKit locates directive errors at its 0-based line counter: the line before (engine 26 agrees).
    if (this.seen.has(key))
      throw new DockerfileError(file, lineNo - 1, `only one ${key} parser directive can be used`)
    const d = { name: key, value: m[2] as string, line: lineNo }
    this.seen.set(key, d)
    return d
  }
}

/** Go's extractBuilderFlags: leading `--flag[=value]` words (quotes and `\` honoured), then the rest. */
export function extractFlags(line: string): { rest: string; flags: string[] } {
  const words: string[] = []
  const IN_SPACES = 0
  const IN_WORD = 1
  const IN_QUOTE = 2
  let phase = IN_SPACES
  let word = ''
  let quote = 0
  let blankOK = false
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = pos < line.length ? line.charCodeAt(pos) : 0
    if (phase === IN_SPACES) {
      if (pos === line.length) break
      if (isSpace(ch)) continue
      if (ch !== 45 || pos + 1 === line.length || line.charCodeAt(pos + 1) !== 45) {
        return { rest: line.slice(pos), flags: words }
      }
      phase = IN_WORD
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word)
      break
    }
    if (phase === IN_WORD) {
      if (isSpace(ch)) {
        phase = IN_SPACES
        if (word === '--') return { rest: line.slice(pos), flags: words }
        if (blankOK || word.length > 0) words.push(word)
        word = ''
        blankOK = false
        continue
      }
      if (ch === 39 || ch === 34) {
        quote = ch
        blankOK = true
        phase = IN_QUOTE
        continue
      }
      if (ch === 92) {
        if (pos + 1 === line.length) continue
        pos++
        word += line[pos]
        continue
      }
      // Take the plain part of the word in one slice.
      let j = pos + 1
      for (; j < line.length; j++) {
        const d = line.charCodeAt(j)
        if (d === 39 || d === 34 || d === 92 || d === 32 || (d >= 9 && d <= 13) || d >= 0x80) break
      }
      word += line.slice(pos, j)
      pos = j - 1
      continue
    }
    // IN_QUOTE
    if (ch === quote) {
      phase = IN_WORD
      continue
    }
    if (ch === 92) {
      if (pos + 1 === line.length) {
        phase = IN_WORD
        continue
      }
      pos++
    }
    word += line[pos]
  }
  return { rest: '', flags: words }
}

// [\t\v\f\r ]: the blanks splitCommand and parseStringsWhitespaceDelimited split on (not \n).
function isFieldBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13
}

function splitCommand(line: string): { cmd: string; flagWords: string[]; args: string } {
  const trimmed = trimSpace(line)
  let i = 0
  while (i < trimmed.length && !isFieldBlank(trimmed.charCodeAt(i))) i++
  if (i === trimmed.length) return { cmd: trimmed, flagWords: [], args: '' }
  let j = i + 1
  while (j < trimmed.length && isFieldBlank(trimmed.charCodeAt(j))) j++
  const { rest, flags } = extractFlags(trimmed.slice(j))
  return { cmd: trimmed.slice(0, i), flagWords: flags, args: trimSpace(rest) }
}

/** parseStringsWhitespaceDelimited: trimmed, then split on runs of blanks. */
function whitespaceFields(s: string): string[] {
  const t = trimSpace(s)
  if (t === '') return []
  const out: string[] = []
  let start = 0
  for (let i = 0; i < t.length; i++) {
    if (!isFieldBlank(t.charCodeAt(i))) continue
    out.push(t.slice(start, i))
    while (i + 1 < t.length && isFieldBlank(t.charCodeAt(i + 1))) i++
    start = i + 1
  }
  out.push(t.slice(start))
  return out
}

// Go's parseJSON: a JSON array of strings, or null when the text is not a JSON array at all.
function parseJSONArray(rest: string): string[] | null {
  const t = trimLeft(rest)
  if (!t.startsWith('[')) return null
  let v: unknown
  try {
    v = JSON.parse(t)
  } catch {
    return null
  }
  if (!Array.isArray(v)) return null
  if (!v.every(x => typeof x === 'string')) throw new Error(NOT_STRING_ARRAY)
  return v as string[]
}

/** Go's parseWords (ARG, ENV, LABEL): split on blanks outside quotes, keeping quotes and escapes. */
export function parseWords(rest: string, escapeToken: string): string[] {
  const esc = escapeToken.charCodeAt(0)
  const words: string[] = []
  let phase = 0 // 0 spaces, 1 word, 2 quote
  let word = ''
  let quote = 0
  let blankOK = false
  const n = rest.length
  // Walks code points (a surrogate pair is one character, as Go's runes).
  const width = (at: number) => ((rest.codePointAt(at) as number) > 0xffff ? 2 : 1)
  let pos = 0
  while (pos < n) {
    const ch = rest.codePointAt(pos) as number
    const len = ch > 0xffff ? 2 : 1
    if (phase === 0) {
      if (isSpace(ch)) {
        pos += len
        continue
      }
      phase = 1
    }
    if (phase === 1) {
      if (isSpace(ch)) {
        phase = 0
        if (blankOK || word.length > 0) words.push(word)
        word = ''
        blankOK = false
        pos += len
        continue
      }
      if (ch === 39 || ch === 34) {
        quote = ch
        blankOK = true
        phase = 2
      } else if (ch !== esc) {
        // A run of plain ASCII characters in one slice.
        let j = pos + 1
        for (; j < n; j++) {
          const d = rest.charCodeAt(j)
          if (d === 39 || d === 34 || d === esc || d === 32 || (d >= 9 && d <= 13) || d >= 0x80) break
        }
        word += rest.slice(pos, j)
        pos = j
        continue
      }
      if (ch === esc) {
        if (pos + len === n) {
          pos += len
          continue
        }
        const end = pos + len + width(pos + len)
        word += rest.slice(pos, end)
        pos = end
        continue
      }
      word += rest.slice(pos, pos + len)
      pos += len
      continue
    }
    if (ch === quote) phase = 1
    if (ch === esc && quote !== 39) {
      if (pos + len === n) {
        phase = 1
        pos += len
        continue
      }
      const end = pos + len + width(pos + len)
      word += rest.slice(pos, end)
      pos = end
      continue
    }
    word += rest.slice(pos, pos + len)
    pos += len
  }
  if (phase !== 0 && (blankOK || word.length > 0)) words.push(word)
  return words
}

// strings.Count(s, "'") + strings.Count(s, `"`)
function quoteCount(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 39 || c === 34) n++
  }
  return n
}

/** Go's ParseHeredoc: a heredoc word (`<<EOF`, `3<<-'EOF'`, ...) or null. */
export function parseHeredocWord(src: string): Omit<Heredoc, 'content'> | null {
  const m = HEREDOC_RE.exec(src)
  if (!m) return null
  const rest = m[3] as string
  if (rest.length === 0) return null
  const env = new Map<string, string>()
  const words = splitWords(rest, env, { skipUnsetEnv: true })
  if (words.length !== 1) return null
  const raw = splitWords(rest, env, { skipUnsetEnv: true, rawQuotes: true })
  const name = words[0] as string
  return {
    name,
    fileDescriptor: m[1] ? Number.parseInt(m[1], 10) : 0,
    expand: quoteCount(name) === quoteCount(raw[0] ?? ''),
    chomp: m[2] === '-'
  }
}

function heredocsFromLine(line: string): Omit<Heredoc, 'content'>[] {
  let words: string[]
  try {
    words = splitWords(line, new Map(), {
      rawQuotes: true,
      rawEscapes: true,
      skipUnsetEnv: true,
      heredocWords: true
    })
  } catch {
    return [] // BuildKit ignores lexing errors here: no heredocs
  }
  const docs: Omit<Heredoc, 'content'>[] = []
  for (const w of words) {
    const h = parseHeredocWord(w)
    if (h) docs.push(h)
  }
  return docs
}

function lineError(file: string, line: number, err: unknown): DockerfileError {
  if (err instanceof DockerfileError) return err
  return new DockerfileError(file, line, err instanceof Error ? err.message : String(err))
}

/** Parse a Dockerfile into instructions; throws DockerfileError on syntax errors. */
export function parseDockerfile(text: string, file: string): ParsedDockerfile {
  const lines = text.split('\n')
  // A final newline ends the last line rather than starting an empty one.
  let n = text.endsWith('\n') ? lines.length - 1 : lines.length
  const long = firstLongLine(lines, n)
  if (long >= 0) n = long
  if (text.charCodeAt(0) === 0xfeff) lines[0] = (lines[0] as string).slice(1)
  const directives = new DirectiveReader()
  let escapeToken: '\\' | '`' = '\\'
  let esc = 92
  const instructions: Instruction[] = []
  const warnings: Warning[] = []
  let i = 0
  while (i < n) {
    const first = trimLeft(trimNewline(lines[i] as string))
    const d = directives.read(first, i + 1, file)
    if (d?.name === 'escape') {
      if (d.value !== '`' && d.value !== '\\') {
        // At BuildKit's 0-based line counter, as for a repeated directive (line 0: none; we say 1).
        throw new DockerfileError(
          file,
          Math.max(1, i),
          `invalid escape token '${d.value}' does not match \` or \\`
        )
      }
      escapeToken = d.value
      esc = d.value.charCodeAt(0)
    }
    i++
    const startLine = i
    const body = isComment(first) ? '' : first
    const c0 = continuation(body, esc)
    if (c0 === null && body === '') continue
    let line = c0 ?? body
    let open = c0 !== null
    let emptyContinuation = false
    while (open && i < n) {
      const raw = lines[i] as string
      const p = trimNewline(raw)
      directives.read(p, i + 1, file)
      i++
      if (isComment(p)) continue
      if (isBlank(p)) {
        emptyContinuation = true
        continue
      }
      const c = continuation(p, esc)
      line += c ?? p
      open = c !== null
    }
    if (emptyContinuation) {
      warnings.push({ line: i, rule: 'NoEmptyContinuation', message: 'Empty continuation line' })
    }
    const ins = toInstruction(line, escapeToken, file, startLine, i)
    if (needsHeredocs(ins) && line.includes('<<')) {
      for (const h of heredocsFromLine(line)) {
        let content = ''
        let terminated = false
        while (i < n) {
          const raw = lines[i] as string
          i++
          let candidate = trimNewline(raw)
          if (h.chomp) candidate = candidate.replace(/^\t+/, '')
          if (candidate === h.name) {
            terminated = true
            break
          }
          content += i < lines.length ? raw + '\n' : raw
        }
        if (!terminated) throw new DockerfileError(file, startLine, 'unterminated heredoc')
        ins.heredocs.push({
          name: h.name,
          fileDescriptor: h.fileDescriptor,
          expand: h.expand,
          chomp: h.chomp,
          content
        })
      }
    }
    ins.endLine = i
    instructions.push(ins)
  }
  return {
    directives: [...directives.seen.values()],
    escapeToken,
    instructions,
    warnings,
    lineCount: n,
    lineTooLong:
      long < 0
        ? null
        : { line: long, message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}` }
  }
}

function needsHeredocs(ins: Instruction): boolean {
  if (ins.keyword === 'ONBUILD') {
    const sub = splitCommand(ins.args)
    if (!HEREDOC_KEYWORDS.has(sub.cmd.toUpperCase())) return false
    try {
      return parseJSONArray(sub.args) === null
    } catch {
      return false
    }
  }
  return HEREDOC_KEYWORDS.has(ins.keyword) && !ins.json
}

// Already upper case (the usual keyword): no new string from toUpperCase.
function isUpperAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 97 && c <= 122) return false
    if (c >= 0x80) return false
  }
  return true
}

function toInstruction(
  line: string,
  escapeToken: string,
  file: string,
  startLine: number,
  endLine: number
): Instruction {
  const { cmd, flagWords, args } = splitCommand(line)
  const keyword = isUpperAscii(cmd) ? cmd : cmd.toUpperCase()
  const flags: Record<string, string[]> = {}
  for (const w of flagWords) {
    const eq = w.indexOf('=')
    const full = eq < 0 ? w : w.slice(0, eq)
    const name = full.startsWith('--') ? full.slice(2) : full
    const value = eq < 0 ? '' : w.slice(eq + 1)
    // Own properties only: a flag named like an Object.prototype member (--constructor) is unknown.
    if (Object.hasOwn(flags, name)) (flags[name] as string[]).push(value)
    else flags[name] = [value]
  }
  let argv: string[]
  let json = false
  try {
    const maybeJSON = MAYBE_JSON.has(keyword)
    if (maybeJSON || MAYBE_JSON_LIST.has(keyword)) {
      const arr = args === '' && maybeJSON ? null : parseJSONArray(args)
      if (arr) {
        argv = arr
        json = true
      } else argv = maybeJSON ? (args === '' ? [] : [args]) : whitespaceFields(args)
    } else if (keyword === 'ARG' || keyword === 'ENV' || keyword === 'LABEL') {
      argv = parseWords(args, escapeToken)
    } else {
      argv = whitespaceFields(args)
    }
  } catch (err) {
    throw lineError(file, startLine, err)
  }
  return {
    keyword,
    args,
    flags,
    rawFlags: flagWords,
    argv,
    json,
    heredocs: [],
    original: line,
    startLine,
    endLine
  }
}
