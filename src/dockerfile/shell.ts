// Word expansion as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) does it: quotes,
// escapes, $V / ${V} and the ${V<op>...} forms. No command substitution, no globbing.

/** Raised for malformed words and for ${V?msg}; callers attach file and line. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ShellSyntaxError'
  }
}

export interface LexOptions {
  /** The escape token: `\` (default) or a backtick after `# escape=\``. */
  escapeToken?: string
  /** Keep quote characters in the result (BuildKit RawQuotes). */
  rawQuotes?: boolean
  /** Keep escape tokens in the result (BuildKit RawEscapes). */
  rawEscapes?: boolean
  /** Leave references to unset variables as written (BuildKit SkipUnsetEnv). */
  skipUnsetEnv?: boolean
  /** Treat quotes as ordinary characters (BuildKit SkipProcessQuotes). */
  skipProcessQuotes?: boolean
  /** Absorb blanks after `<<` into the word, as the lexer does when looking for heredocs. */
  heredocWords?: boolean
}

export type Env = ReadonlyMap<string, string>

const EOF = -1
const SQUOTE = 39
const DQUOTE = 34
const DOLLAR = 36
const LBRACE = 123
const RBRACE = 125
const COLON = 58
const SLASH = 47
const LT = 60

/** Go's unicode.IsSpace. */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true
  if (c < 0x85) return false
  if (c === 0x85 || c === 0xa0) return true
  if (c < 256) return false
  return /\s/.test(String.fromCodePoint(c)) && c !== 0xfeff
}

function isDigit(c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57
  return /\p{Nd}/u.test(String.fromCodePoint(c))
}

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return /\p{L}/u.test(String.fromCodePoint(c))
}

function isSpecialParam(c: number): boolean {
  // @ * # ? - $ ! 0
  return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48
}

class Words {
  words: string[] = []
  buf = ''
  inWord = false
  addChar(c: number): void {
    if (isSpace(c)) {
      if (this.inWord && this.buf.length !== 0) {
        this.words.push(this.buf)
        this.buf = ''
        this.inWord = false
      }
    } else this.addRaw(String.fromCodePoint(c))
  }
  addRaw(s: string): void {
    this.buf += s
    this.inWord = true
  }
  addString(s: string): void {
    for (let i = 0; i < s.length;) {
      const c = s.charCodeAt(i)
      if (c < 0x80 && c !== 32 && (c < 9 || c > 13)) {
        // A run of non-blank ASCII goes in as one slice, as addChar would add it one by one.
        let j = i + 1
        for (; j < s.length; j++) {
          const d = s.charCodeAt(j)
          if (d >= 0x80 || d === 32 || (d >= 9 && d <= 13)) break
        }
        this.addRaw(s.slice(i, j))
        i = j
        continue
      }
      const cp = s.codePointAt(i) as number
      this.addChar(cp)
      i += cp > 0xffff ? 2 : 1
    }
  }
  get(): string[] {
    if (this.buf.length > 0) {
      this.words.push(this.buf)
      this.buf = ''
      this.inWord = false
    }
    return this.words
  }
}

class Lexer {
  private pos = 0
  private readonly escape: number
  constructor(
    private readonly src: string,
    private readonly env: Env,
    private readonly opts: LexOptions
  ) {
    this.escape = (opts.escapeToken ?? '\\').charCodeAt(0)
  }

  private peek(): number {
    return this.pos < this.src.length ? (this.src.codePointAt(this.pos) as number) : EOF
  }
  private next(): number {
    if (this.pos >= this.src.length) return EOF
    const c = this.src.codePointAt(this.pos) as number
    this.pos += c > 0xffff ? 2 : 1
    return c
  }

  run(): { result: string; words: string[] } {
    return this.stopOn(EOF, !!this.opts.rawEscapes)
  }

  private stopOn(stop: number, rawEscapes: boolean): { result: string; words: string[] } {
    let result = ''
    const words = new Words()
    const quotes = !this.opts.skipProcessQuotes
    for (;;) {
      const c = this.peek()
      if (c === EOF) break
      if (stop !== EOF && c === stop) {
        this.next()
        return { result, words: words.get() }
      }
      if (c === DOLLAR) {
        const s = this.dollar()
        result += s
        words.addString(s)
        continue
      }
      if (quotes && (c === SQUOTE || c === DQUOTE)) {
        const s = c === SQUOTE ? this.singleQuote() : this.doubleQuote(rawEscapes)
        result += s
        words.addRaw(s)
        continue
      }
      if (this.opts.heredocWords && c === LT) {
        const s = this.possibleHeredoc()
        result += s
        words.addRaw(s)
        continue
      }
      if (!isSpace(c) && c !== this.escape) {
        // A run of ordinary characters goes in as one slice.
        const start = this.pos
        let j = start + 1
        for (; j < this.src.length; j++) {
          const d = this.src.charCodeAt(j)
          if (d === DOLLAR || d === SQUOTE || d === DQUOTE || d === LT || d === stop || d === this.escape)
            break
          if (d === 32 || (d >= 9 && d <= 13) || d >= 0x80) break
        }
        const run = this.src.slice(start, j)
        this.pos = j
        result += run
        words.addRaw(run)
        continue
      }
      let ch = this.next()
      if (ch === this.escape) {
        if (rawEscapes) {
          words.addRaw(String.fromCodePoint(ch))
          result += String.fromCodePoint(ch)
        }
        ch = this.next()
        if (ch === EOF) break
        words.addRaw(String.fromCodePoint(ch))
      } else {
        words.addChar(ch)
      }
      result += String.fromCodePoint(ch)
    }
    if (stop !== EOF) {
      throw new ShellSyntaxError(
        `unexpected end of statement while looking for matching ${String.fromCodePoint(stop)}`
      )
    }
    return { result, words: words.get() }
  }

  // `<<`, an optional `-`, then blanks stay in the word so `<< EOF` reads as one heredoc word.
  private possibleHeredoc(): string {
    this.next()
    if (this.peek() !== LT) return '<'
    this.next()
    let s = '<<'
    if (this.peek() === 45) {
      this.next()
      s += '-'
    }
    while (this.peek() === 32 || this.peek() === 9) s += String.fromCodePoint(this.next())
    return s
  }

  private singleQuote(): string {
    let result = ''
    const open = this.next()
    if (this.opts.rawQuotes) result += String.fromCodePoint(open)
    for (;;) {
      const c = this.next()
      if (c === EOF)
        throw new ShellSyntaxError('unexpected end of statement while looking for matching single-quote')
      if (c === SQUOTE) {
        if (this.opts.rawQuotes) result += "'"
        return result
      }
      result += String.fromCodePoint(c)
    }
  }

  private doubleQuote(rawEscapes: boolean): string {
    let result = ''
    const open = this.next()
    if (this.opts.rawQuotes) result += String.fromCodePoint(open)
    for (;;) {
      const p = this.peek()
      if (p === EOF)
        throw new ShellSyntaxError('unexpected end of statement while looking for matching double-quote')
      if (p === DQUOTE) {
        this.next()
        if (this.opts.rawQuotes) result += '"'
        return result
      }
      if (p === DOLLAR) {
        result += this.dollar()
        continue
      }
      let c = this.next()
      if (c === this.escape) {
        if (rawEscapes) result += String.fromCodePoint(c)
        const q = this.peek()
        if (q === EOF) continue
        if (q === DQUOTE || q === DOLLAR || q === this.escape) c = this.next()
      }
      result += String.fromCodePoint(c)
    }
  }

  private name(): string {
    let name = ''
    for (;;) {
      const c = this.peek()
      if (c === EOF) break
      if (name === '' && isDigit(c)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += String.fromCodePoint(this.next())
        return name
      }
      if (name === '' && isSpecialParam(c)) return String.fromCodePoint(this.next())
      if (!isLetter(c) && !isDigit(c) && c !== 95) break
      name += String.fromCodePoint(this.next())
    }
    return name
  }

  private dollar(): string {
    this.next()
    if (this.peek() !== LBRACE) {
      const name = this.name()
      if (name === '') return '$'
      const v = this.env.get(name)
      if (v === undefined && this.opts.skipUnsetEnv) return '$' + name
      return v ?? ''
    }
    this.next()
    const first = this.peek()
    if (first === EOF) throw new ShellSyntaxError("syntax error: missing '}'")
    if (first === LBRACE || first === RBRACE || first === COLON)
      throw new ShellSyntaxError('syntax error: bad substitution')
    const name = this.name()
    let ch = this.next()
    if (ch === EOF) throw new ShellSyntaxError("syntax error: missing '}'")
    let chs = String.fromCodePoint(ch)
    if (ch === RBRACE) {
      const v = this.env.get(name)
      if (v === undefined && this.opts.skipUnsetEnv) return '${' + name + '}'
      return v ?? ''
    }
    if (ch === SLASH) return this.substitute(name)
    let nullIsUnset = false
    if (ch === COLON) {
      nullIsUnset = true
      ch = this.next()
      if (ch === EOF) throw new ShellSyntaxError("syntax error: missing '}'")
      chs += String.fromCodePoint(ch)
    } else if (!'+-?#%'.includes(chs)) {
      throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`)
    }
    const op = String.fromCodePoint(ch)
    const rawEscapes = op === '#' || op === '%'
    if (nullIsUnset && rawEscapes) throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`)
    let word: string
    try {
      word = this.stopOn(RBRACE, rawEscapes).result
    } catch (err) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '}'")
      throw err
    }
    const value = this.env.get(name)
    const set = value !== undefined
    if (this.opts.skipUnsetEnv && !set) return '${' + name + chs + word + '}'
    const empty = !set || (nullIsUnset && value === '')
    switch (op) {
      case '-':
        return empty ? word : (value as string)
      case '+':
        return empty ? '' : word
      case '?':
        if (!set) throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be unset'}`)
        if (nullIsUnset && value === '')
          throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be empty'}`)
        return value
      case '#':
      case '%': {
        let greedy = false
        if (word.startsWith(op)) {
          greedy = true
          word = word.slice(1)
        }
        return op === '%' ? trimSuffix(word, value ?? '', greedy) : trimPrefix(word, value ?? '', greedy)
      }
      default:
        throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`)
    }
  }

  private substitute(name: string): string {
    const all = this.peek() === SLASH
    if (all) this.next()
    let pattern: string
    try {
      pattern = this.stopOn(SLASH, true).result
    } catch (err) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '/' in ${}")
      throw err
    }
    let replacement: string
    try {
      replacement = this.stopOn(RBRACE, true).result
    } catch (err) {
      if (this.peek() === EOF) throw new ShellSyntaxError("syntax error: missing '}'")
      throw err
    }
    const value = this.env.get(name)
    if (this.opts.skipUnsetEnv && value === undefined)
      return '${' + name + '/' + pattern + '/' + replacement + '}'
    const re = patternToRegExp(pattern, true, false, all)
    const v = value ?? ''
    if (all) return v.replace(re, () => replacement)
    const m = re.exec(v)
    return m ? v.slice(0, m.index) + replacement + v.slice(m.index + m[0].length) : v
  }
}

// A shell wildcard pattern (`*`, `?`, escapes; no brackets) as a regular expression.
function patternToRegExp(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  let out = anchored ? '^' : ''
  const star = greedy ? '[^]*' : '[^]*?'
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i] as string
    if (c === '*') {
      out += star
      continue
    }
    if (c === '?') {
      out += '[^]'
      continue
    }
    if (c === '\\') {
      const n = pattern[i + 1]
      if (n === '}' || n === '/') continue
      i++
      c = pattern[i] ?? ''
      if (c !== '*' && c !== '?' && c !== '\\')
        throw new ShellSyntaxError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${c}'`)
      out += '\\' + c
      continue
    }
    out += /[[\]{}.+()|^$/]/.test(c) ? '\\' + c : c
  }
  return new RegExp(out, global ? 'g' : '')
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = patternToRegExp(pattern, greedy, true).exec(value)
  return m ? value.slice(m[0].length) : value
}

// Reverse a pattern but keep each escape in front of the character it escapes.
function reversePattern(pattern: string): string {
  const src = Array.from(pattern)
  const out: string[] = new Array(src.length)
  const last = src.length - 1
  for (let i = 0; i <= last;) {
    const tok = src[i] as string
    const o = last - i
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok
      out[o] = src[i + 1] as string
      i += 2
    } else {
      out[o] = tok
      i++
    }
  }
  return out.join('')
}

function reverse(s: string): string {
  return Array.from(s).reverse().join('')
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // Shortest/longest rightmost match = leftmost match on the reversed strings.
  return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy))
}

function wrap(source: string, err: unknown): never {
  if (err instanceof ShellSyntaxError)
    throw new ShellSyntaxError(`failed to process "${source}": ${err.message}`)
  throw err
}

/** BuildKit ProcessWord: the expanded word as one string (spaces kept). */
export function expandWord(word: string, env: Env, opts: LexOptions = {}): string {
  if (!needsLexing(word, opts)) return word
  try {
    return new Lexer(word, env, opts).run().result
  } catch (err) {
    return wrap(word, err)
  }
}

/** BuildKit ProcessWords: expand, then split into words on unquoted blanks. */
export function splitWords(word: string, env: Env, opts: LexOptions = {}): string[] {
  try {
    return new Lexer(word, env, opts).run().words
  } catch (err) {
    return wrap(word, err)
  }
}

// Most image references have nothing to expand; skip the lexer for them.
function needsLexing(word: string, opts: LexOptions): boolean {
  const esc = opts.escapeToken ?? '\\'
  return (
    word.includes('$') ||
    word.includes(esc) ||
    (!opts.skipProcessQuotes && (word.includes('"') || word.includes("'"))) ||
    (!!opts.heredocWords && word.includes('<'))
  )
}
