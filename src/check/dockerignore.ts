// .dockerignore as BuildKit reads it for the CopyIgnoredFile rule: dockerignore.ReadAll, then
// moby/patternmatcher's MatchesOrParentMatches. Pure.
import { posix } from 'node:path'

/** Go's filepath.Clean on a slash path. */
export function goClean(p: string): string {
  const r = posix.normalize(p)
  return r.length > 1 && r.endsWith('/') ? r.slice(0, -1) : r
}

/** dockerignore.ReadAll: one pattern a line, # comments, `!` exclusions, paths relative to the context. */
export function readDockerignore(text: string): string[] {
  const out: string[] = []
  const lines = text.split('\n')
  if (lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1)
  for (const line of lines) {
    let p = line.trim()
    if (p.startsWith('#') || p === '') continue
    const invert = p.startsWith('!')
    if (invert) p = p.slice(1).trim()
    if (p.length > 0) {
      p = goClean(p)
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1)
    }
    out.push(invert ? '!' + p : p)
  }
  return out
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp'

interface Pattern {
  cleaned: string
  exclusion: boolean
  type: MatchType
  re: RegExp | null
}

const ESCAPE = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^'])

// patternmatcher Pattern.compile with "/" as the separator.
function compile(cleaned: string): Pattern {
  let re = '^'
  let type: MatchType = 'exact'
  const chars = Array.from(cleaned)
  for (let i = 0, k = 0; k < chars.length; i++) {
    const ch = chars[k++] as string
    if (ch === '*') {
      if (chars[k] === '*') {
        k++
        if (chars[k] === '/') k++
        if (k >= chars.length) {
          if (type === 'exact') type = 'prefix'
          else {
            re += '.*'
            type = 'regexp'
          }
        } else {
          re += '(.*/)?'
          type = 'regexp'
        }
        if (i === 0) type = 'suffix'
      } else {
        re += '[^/]*'
        type = 'regexp'
      }
    } else if (ch === '?') {
      re += '[^/]'
      type = 'regexp'
    } else if (ESCAPE.has(ch)) re += '\\' + ch
    else if (ch === '\\') {
      if (k < chars.length) {
        re += '\\' + (chars[k++] as string)
        type = 'regexp'
      } else re += '\\\\'
    } else if (ch === '[' || ch === ']') {
      re += ch
      type = 'regexp'
    } else re += ch
  }
  let compiled: RegExp | null = null
  if (type === 'regexp') {
    try {
      compiled = new RegExp(re + '$', 'u')
    } catch {
      compiled = /$^/ // a pattern Go rejects matches nothing here
    }
  }
  return { cleaned, exclusion: false, type, re: compiled }
}

function matches(p: Pattern, path: string): boolean {
  switch (p.type) {
    case 'exact':
      return path === p.cleaned
    case 'prefix':
      return path.startsWith(p.cleaned.slice(0, -2))
    case 'suffix': {
      const suffix = p.cleaned.slice(2)
      if (path.endsWith(suffix)) return true
      return suffix.startsWith('/') && path === suffix.slice(1)
    }
    default:
      return (p.re as RegExp).test(path)
  }
}

export class PatternMatcher {
  private readonly patterns: Pattern[] = []
  /** Whether any pattern is an exclusion (`!`). */
  readonly exclusions: boolean

  constructor(patterns: readonly string[]) {
    let exclusions = false
    for (const raw of patterns) {
      let p = raw.trim()
      if (p === '') continue
      p = goClean(p)
      let exclusion = false
      if (p.startsWith('!')) {
        if (p.length === 1) continue // BuildKit rejects the file: `illegal exclusion pattern: "!"`
        exclusion = true
        exclusions = true
        p = p.slice(1)
      }
      this.patterns.push({ ...compile(p), exclusion })
    }
    this.exclusions = exclusions
  }

  /** patternmatcher MatchesOrParentMatches: the file or one of its parent folders is excluded. */
  matchesOrParentMatches(file: string): boolean {
    let matched = false
    const slash = file.lastIndexOf('/')
    const parent = slash < 0 ? '.' : slash === 0 ? '/' : file.slice(0, slash)
    const dirs = parent.split('/')
    for (const p of this.patterns) {
      if (p.exclusion !== matched) continue
      let match = matches(p, file)
      if (!match && parent !== '.') {
        for (let i = 0; i < dirs.length; i++) {
          if (matches(p, dirs.slice(0, i + 1).join('/'))) {
            match = true
            break
          }
        }
      }
      if (match) matched = !p.exclusion
    }
    return matched
  }
}
