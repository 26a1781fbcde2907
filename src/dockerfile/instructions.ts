// Argument checks BuildKit makes for each instruction before any step runs: the line parser's
// (parser/line_parsers.go) and the instruction parser's (instructions/parse.go). Pure: a message or null.
import { parseHeredocWord, type Instruction } from './parser.js'

const WS = /[\t\v\f\r ]+/

/** What BuildKit's line parser rejects (raised for the whole file before any instruction check). */
export function lineProblem(ins: Instruction): string | null {
  const k = ins.keyword
  if ((k === 'ENV' || k === 'LABEL') && ins.argv.length > 0) {
    // parseNameVal: no `=` in the first word means the legacy `KEY name value` form.
    if (!(ins.argv[0] as string).includes('=')) {
      if (ins.args.split(WS).length < 2) return `${k} must have two arguments`
      return null
    }
    const bad = ins.argv.find(w => !w.includes('='))
    if (bad !== undefined)
      return `Syntax error - can't find = in ${JSON.stringify(bad)}. Must be of the form: name=value`
  }
  return null
}

// Go time.ParseDuration, returning nanoseconds or null.
const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 6e10,
  h: 3.6e12
}
function parseDuration(s: string): number | null {
  if (s === '0' || s === '+0' || s === '-0') return 0
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s)
  if (!m) return null
  let total = 0
  for (const part of (m[2] as string).matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * (UNITS[part[2] as string] as number)
  return m[1] === '-' ? -total : total
}

function healthcheckProblem(ins: Instruction): string | null {
  if (ins.argv.length === 0) return 'HEALTHCHECK requires at least one argument'
  const typ = (ins.argv[0] as string).toUpperCase()
  if (typ === 'NONE') return ins.argv.length === 1 ? null : 'HEALTHCHECK NONE takes no arguments'
  if (typ !== 'CMD') return `Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`
  if (ins.argv.length === 1) return 'Missing command after HEALTHCHECK CMD'
  for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
    const v = ins.flags[name]?.at(-1)
    if (v === undefined || v === '') continue
    const d = parseDuration(v)
    if (d === null) return `time: invalid duration ${JSON.stringify(v)}`
    if (d !== 0 && d < 1e6) return `Interval ${JSON.stringify(name)} cannot be less than 1ms`
  }
  const retries = ins.flags.retries?.at(-1)
  if (retries !== undefined && retries !== '') {
    if (!/^[+-]?\d+$/.test(retries) || Math.abs(Number(retries)) > 2 ** 31 - 1)
      return `strconv.ParseInt: parsing ${JSON.stringify(retries)}: ${/^[+-]?\d+$/.test(retries) ? 'value out of range' : 'invalid syntax'}`
    if (Number(retries) < 0) return `--retries cannot be negative (${Number(retries)})`
  }
  return null
}

/** What instructions.ParseInstruction rejects in an instruction's arguments (after its flags). */
export function argumentProblem(ins: Instruction): string | null {
  const k = ins.keyword
  switch (k) {
    case 'ENV':
    case 'LABEL':
    case 'EXPOSE':
    case 'ONBUILD':
      if (ins.argv.length === 0) return `${k} requires at least one argument`
      break
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      if (ins.args === '') return `${k} requires exactly one argument`
      break
    case 'VOLUME':
      if (ins.argv.length === 0) return 'VOLUME requires at least one argument'
      if (ins.argv.some(v => v.trim() === '')) return 'VOLUME specified can not be an empty string'
      break
    case 'SHELL':
      if (!ins.json) return 'SHELL requires the arguments to be in JSON form'
      if (ins.argv.length === 0) return 'SHELL requires at least one argument'
      break
    case 'HEALTHCHECK':
      return healthcheckProblem(ins)
    case 'COPY':
    case 'ADD':
      if (ins.argv.length >= 2 && parseHeredocWord(ins.argv.at(-1) as string))
        return `${k} cannot accept a heredoc as a destination`
      break
  }
  if (k === 'ONBUILD') {
    const trigger = (ins.argv[0] as string).trim().toUpperCase()
    if (trigger === 'ONBUILD') return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
    if (trigger === 'MAINTAINER' || trigger === 'FROM')
      return `${trigger} isn't allowed as an ONBUILD trigger`
  }
  return null
}

// Levenshtein distance, each edit costing 1 (github.com/agext/levenshtein defaults).
function distance(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1)
      )
    prev = cur
  }
  return prev[y.length] as number
}

/**
 * BuildKit's util/suggest: the closest option at a distance under 3, as " (did you mean X?)" to
 * append to an error, or '' (also when the value is itself an option).
 */
export function suggestion(value: string, options: readonly string[], caseSensitive: boolean): string {
  if (value === '') return ''
  const val = caseSensitive ? value : value.toLowerCase()
  let match = ''
  let min = 3
  for (const o of options) {
    const opt = caseSensitive ? o : o.toLowerCase()
    if (val === opt) return ''
    const d = distance(val, opt)
    if (d < min) {
      min = d
      match = opt
      if (!caseSensitive) {
        // matchCase: follow the value's case when it is all lower or all upper.
        if (value === value.toLowerCase()) match = opt.toLowerCase()
        else if (value === value.toUpperCase()) match = opt.toUpperCase()
      }
    }
  }
  return match === '' ? '' : ` (did you mean ${match}?)`
}

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh']
const SHARING = ['shared', 'private', 'locked']
const MOUNT_KEYS = [
  'type',
  'env',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'ro',
  'rw',
  'readwrite'
]
const GO_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'])
// docker/go-units RAMInBytes.
const RAM_RE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/

function parseUint(s: string, base: 8 | 10): number | null {
  const digits = base === 8 ? /^[0-7]+$/ : /^\d+$/
  if (!digits.test(s)) return null
  const n = Number.parseInt(s, base)
  return n <= 0xffffffff ? n : null
}

/**
 * What commands_runmount.go parseMount and validateMount reject in one --mount value, read when
 * the step is converted (the fields of the csv record, in order). Null when it is valid, or when a
 * field uses a variable: its value is only known then.
 */
export function mountProblem(fields: readonly string[]): string | null {
  if (fields.some(f => f.includes('$'))) return null
  let type = 'bind'
  let from = ''
  let source = ''
  let target = ''
  let id = ''
  let sharing = ''
  const fileInfo = new Set<string>()
  for (const field of fields) {
    const eq = field.indexOf('=')
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase()
    const value = eq < 0 ? '' : field.slice(eq + 1)
    if (eq < 0) {
      if (['readonly', 'ro', 'readwrite', 'rw'].includes(key)) continue
      if (key === 'required') {
        if (type === 'secret' || type === 'ssh') continue
        return `unexpected key '${key}' for mount type '${type}'`
      }
      return `invalid field '${field}' must be a key=value pair`
    }
    switch (key) {
      case 'type':
        if (!MOUNT_TYPES.includes(value.toLowerCase()))
          return `unsupported mount type ${JSON.stringify(value)}${suggestion(value, MOUNT_TYPES, true)}`
        type = value.toLowerCase()
        break
      case 'from':
        from = value
        break
      case 'source':
      case 'src':
        source = value
        break
      case 'target':
      case 'dst':
      case 'destination':
        target = value
        break
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw':
        if (!GO_BOOL.has(value)) return `invalid value for ${key}: ${value}`
        break
      case 'required':
        if (type !== 'secret' && type !== 'ssh') return `unexpected key '${key}' for mount type '${type}'`
        if (!GO_BOOL.has(value)) return `invalid value for ${key}: ${value}`
        break
      case 'size':
        if (type !== 'tmpfs') return `unexpected key '${key}' for mount type '${type}'`
        if (!RAM_RE.test(value)) return `invalid value for ${key}: ${value}`
        break
      case 'env':
        // Dockerfile 1.10+: a secret exposed as an environment variable instead of (or besides) a file.
        if (type !== 'secret') return `unexpected key '${key}' for mount type '${type}'`
        break
      case 'id':
        id = value
        break
      case 'sharing':
        if (!SHARING.includes(value.toLowerCase()))
          return `unsupported sharing value ${JSON.stringify(value)}${suggestion(value, SHARING, true)}`
        sharing = value.toLowerCase()
        break
      case 'mode':
        if (parseUint(value, 8) === null) return `invalid value ${value} for mode`
        fileInfo.add('mode')
        break
      case 'uid':
      case 'gid':
        if (parseUint(value, 10) === null) return `invalid value ${value} for ${key}`
        fileInfo.add(key)
        break
      default:
        return `unexpected key '${key}' in '${field}'${suggestion(key, MOUNT_KEYS, true)}`
    }
  }
  // validateMount
  if (!['secret', 'ssh', 'cache'].includes(type))
    for (const k of ['mode', 'uid', 'gid'])
      if (fileInfo.has(k)) return `${k} not allowed for ${JSON.stringify(type)} type mounts`
  if (type === 'secret') {
    if (from !== '') return 'secret mount should not have a from'
    if (sharing !== '') return 'secret mount should not define sharing'
    if (source === '' && target === '' && id === '')
      return 'invalid secret mount. one of source, target required'
    if (source !== '' && id !== '') return "both source and id can't be set"
  }
  if (sharing !== '' && type !== 'cache') return `invalid cache sharing set for ${type} mount`
  return null
}
