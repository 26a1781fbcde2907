// BuildKit's build checks, in the order BuildKit emits them: while parsing (stage names, casing,
// MAINTAINER), on the FROM lines (ARGs, platforms), then while dispatching each stage it builds.
import type { Instruction, Stage, StageGraph } from '../dockerfile/index.js'
import { expandWord, ShellSyntaxError, splitWords } from '../dockerfile/index.js'
import { isIP } from 'node:net'
import { platformArgs } from '../dockerfile/stages.js'
import { platformProblem } from '../dockerfile/platforms.js'
import { validateReference } from '../reference.js'
import type { Finding } from './finding.js'
import { EXPERIMENTAL, goQuote, MESSAGES, RULES, type BuildkitRule } from './rules.js'
import { suggest } from './suggest.js'
import { goClean, type PatternMatcher } from './dockerignore.js'
import { parseHeredocWord } from '../dockerfile/index.js'

export interface LintOptions {
  buildArgs?: Record<string, string>
  /** Only the stages this target needs are dispatched; all stages when absent (as BuildKit's lint). */
  target?: Stage
  platform?: string
  /** Whether a rule runs (`# check=` skip/experimental); every non-experimental rule when absent. */
  enabled?: (rule: BuildkitRule) => boolean
  /** The Dockerfile's text, for the comments InvalidDefinitionDescription reads. */
  text?: string
  /** The build context's .dockerignore patterns, for CopyIgnoredFile. */
  dockerignore?: PatternMatcher
}

/** An error BuildKit's lint run raises while dispatching a stage (after the warnings before it). */
export class DispatchError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message)
  }
}

// ADD sources BuildKit fetches rather than reads from the context (HTTP and Git URLs).
const REMOTE_SOURCE = /^(?:https?:\/\/|git@|git:\/\/)/
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const SECRET_RE =
  /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i
const ALLOW_RE = /(?:_|^)(?:public)(?:_|$)/i
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE'])
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i386: '386'
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Expansion that records which names were found and which were not (BuildKit
 * ProcessWordWithMatches). A word without `$` names no variable: no lexer run, no sets.
 */
function expandTracked(word: string, env: ReadonlyMap<string, string>, escapeToken: string) {
  if (!word.includes('$')) {
    let result: string | null
    try {
      result = expandWord(word, env, { escapeToken })
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err
      result = null
    }
    return { result, matched: NONE, unmatched: NONE }
  }
  const matched = new Set<string>()
  const unmatched = new Set<string>()
  // The lexer only calls get(); a view records each lookup without copying the map.
  const view = {
    get(name: string): string | undefined {
      const v = env.get(name)
      ;(v === undefined ? unmatched : matched).add(name)
      return v
    }
  } as unknown as ReadonlyMap<string, string>
  let result: string | null
  try {
    result = expandWord(word, view, { escapeToken })
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err
    result = null
  }
  return { result, matched, unmatched }
}

// The keyword as written: strings.Fields(original)[0], i.e. up to the first blank after trimming.
function writtenKeyword(ins: Instruction): string {
  const t = ins.original.trim()
  let j = 0
  for (; j < t.length; j++) {
    const c = t.charCodeAt(j)
    if (c === 32 || (c >= 9 && c <= 13 && c !== 10)) break
  }
  return t.slice(0, j)
}

/** Key/value words of ARG, ENV, LABEL: `K=V`, or the legacy `K V` form (noDelim). */
function keyValues(ins: Instruction): { key: string; value: string | null; noDelim: boolean }[] {
  const first = ins.argv[0]
  if (first !== undefined && !first.includes('=') && ins.keyword !== 'ARG') {
    const m = /^(\S+)[\t\v\f\r ]+([\s\S]*)$/.exec(ins.args)
    return m ? [{ key: m[1] as string, value: m[2] as string, noDelim: true }] : []
  }
  return ins.argv.map(w => {
    const eq = w.indexOf('=')
    return eq < 0
      ? { key: w, value: null, noDelim: false }
      : { key: w.slice(0, eq), value: w.slice(eq + 1), noDelim: false }
  })
}

export function isSecretName(key: string): boolean {
  return SECRET_RE.test(key) && !ALLOW_RE.test(key)
}

interface DispatchState {
  env: Map<string, string>
  argKeys: Set<string>
  shellSet: boolean
  workdirSet: boolean
}

/** Every BuildKit build check for a graph; findings in BuildKit's order. */
export function lintGraph(graph: StageGraph, options: LintOptions = {}, out: Finding[] = []): Finding[] {
  const esc = graph.escapeToken
  const enabled = options.enabled ?? ((r: BuildkitRule) => !EXPERIMENTAL.has(r))
  const report = (rule: BuildkitRule, detail: string, start: number, end = start) => {
    if (!enabled(rule)) return
    const info = RULES[rule]
    out.push({
      ruleName: rule,
      description: info.description,
      url: info.url,
      detail,
      startLine: start,
      endLine: end,
      severity: 'warning'
    })
  }
  const at = (rule: BuildkitRule, ins: Instruction, detail: string) =>
    report(rule, detail, ins.startLine, ins.endLine)
  // validateDefinitionDescription: the last comment must start with one of the defined names.
  const describe = (ins: Instruction, what: string, keys: string[], descComments: string[]) => {
    const last = descComments.at(-1)
    if (last === undefined || keys.length === 0) return
    if (keys.includes(last.split(' ')[0] as string)) return
    at(
      'InvalidDefinitionDescription',
      ins,
      MESSAGES.InvalidDefinitionDescription(what, keys.length > 1 ? '<arg_key>' : (keys[0] as string))
    )
  }

  // Parser: empty continuation lines, located where the parser records them (the instruction's
  // last line).
  // Plain loops: flatMap and spread are slow on thousands of instructions.
  const staged: Instruction[] = []
  for (const st of graph.stages) for (const ins of st.instructions) staged.push(ins)
  const all = graph.metaArgs.length ? [...graph.metaArgs, ...staged] : staged
  for (const w of graph.warnings)
    if (w.rule === 'NoEmptyContinuation')
      report('NoEmptyContinuation', MESSAGES.NoEmptyContinuation(), w.line)

  // instructions.Parse, every instruction in order: stage name casing, FROM/AS casing, MAINTAINER,
  // and the description comments of FROM and ARG.
  const comments =
    options.text !== undefined && enabled('InvalidDefinitionDescription')
      ? precedingComments(options.text, all, new Set(graph.directives.map(d => d.line)))
      : null
  for (const [k, ins] of all.entries()) {
    if (ins.keyword === 'FROM') {
      if (ins.argv.length === 3) {
        const written = ins.argv[2] as string
        if (written !== written.toLowerCase()) at('StageNameCasing', ins, MESSAGES.StageNameCasing(written))
        const from = writtenKeyword(ins)
        const as = ins.argv[1] as string
        const lower = from === from.toLowerCase()
        const upper = from === from.toUpperCase()
        if ((lower && as !== as.toLowerCase()) || (!lower && upper && as !== as.toUpperCase()))
          at('FromAsCasing', ins, MESSAGES.FromAsCasing(from, as))
        if (comments) describe(ins, 'FROM', [written.toLowerCase()], comments[k] as string[])
      }
    } else if (ins.keyword === 'MAINTAINER') at('MaintainerDeprecated', ins, MESSAGES.MaintainerDeprecated())
    else if (ins.keyword === 'ARG' && comments)
      describe(
        ins,
        'ARG',
        keyValues(ins).map(kv => kv.key),
        comments[k] as string[]
      )
  }

  // validateStageNames.
  for (const w of graph.warnings) {
    if (w.rule === 'ReservedStageName' || w.rule === 'DuplicateStageName') {
      const st = graph.stages.find(s => s.line === w.line)
      const name = st?.name ?? ''
      const detail =
        w.rule === 'ReservedStageName' ? MESSAGES.ReservedStageName(name) : MESSAGES.DuplicateStageName(name)
      report(w.rule, detail, w.line, st?.instructions[0]?.endLine ?? w.line)
    }
  }

  // validateCommandCasing: the majority casing among consistently cased keywords.
  const keywords = staged.map(writtenKeyword)
  let lowerCount = 0
  let upperCount = 0
  for (const k of keywords) {
    const lower = k.toLowerCase()
    if (k === lower) lowerCount++
    else if (k === k.toUpperCase()) upperCount++
  }
  const majorityLower = lowerCount > upperCount
  for (const [i, k] of keywords.entries()) {
    if (majorityLower ? k !== k.toLowerCase() : k !== k.toUpperCase())
      at(
        'ConsistentInstructionCasing',
        staged[i] as Instruction,
        MESSAGES.ConsistentInstructionCasing(k, majorityLower ? 'lowercase' : 'uppercase')
      )
  }

  // Global scope: platform ARGs, then the global ARGs (once with defaults only, once with build args).
  const native = options.platform ?? 'linux/amd64'
  const buildArgs = options.buildArgs ?? {}
  const base = platformArgs(native, native)
  const metaEnv = (useBuildArgs: boolean) => {
    const env = new Map(base)
    if (useBuildArgs)
      for (const k of env.keys()) if (Object.hasOwn(buildArgs, k)) env.set(k, buildArgs[k] as string)
    for (const ins of graph.metaArgs)
      for (const kv of keyValues(ins)) {
        let v = kv.value
        if (useBuildArgs && Object.hasOwn(buildArgs, kv.key)) v = buildArgs[kv.key] as string
        else if (v !== null) v = expandTracked(v, env, esc).result ?? v
        if (v !== null) env.set(kv.key, v)
      }
    return env
  }
  const defaults = metaEnv(false)
  for (const st of graph.stages) {
    const raw = st.instructions[0]?.argv[0] as string
    const r = expandTracked(raw, defaults, esc).result
    if (r !== null && r !== 'scratch' && validateReference(r) !== null)
      at('InvalidDefaultArgInFrom', st.instructions[0] as Instruction, MESSAGES.InvalidDefaultArgInFrom(raw))
  }
  const globalEnv = metaEnv(true)
  const declared = new Set([
    ...globalEnv.keys(),
    ...graph.metaArgs.flatMap(i => keyValues(i).map(kv => kv.key))
  ])
  for (const st of graph.stages) {
    const from = st.instructions[0] as Instruction
    const reportUndeclared = (unmatched: ReadonlySet<string>) => {
      for (const arg of unmatched)
        if (!declared.has(arg))
          at('UndefinedArgInFrom', from, MESSAGES.UndefinedArgInFrom(arg, suggest(arg, declared)))
    }
    reportUndeclared(expandTracked(from.argv[0] as string, globalEnv, esc).unmatched)
    const rawPlatform = from.flags.platform?.at(-1)
    if (rawPlatform === undefined || rawPlatform === '') continue
    const p = expandTracked(rawPlatform, globalEnv, esc)
    reportUndeclared(p.unmatched)
    if (
      p.matched.size === 1 &&
      p.unmatched.size === 0 &&
      p.matched.has('TARGETPLATFORM') &&
      p.result === globalEnv.get('TARGETPLATFORM')
    )
      at('RedundantTargetPlatform', from, MESSAGES.RedundantTargetPlatform(rawPlatform))
    if (
      p.matched.size === 0 &&
      p.unmatched.size === 0 &&
      p.result !== null &&
      platformProblem(p.result) === null
    ) {
      const parts = p.result.toLowerCase().split('/')
      const os = parts.length === 1 ? 'linux' : (parts[0] as string)
      const arch0 = parts.length === 1 ? (parts[0] as string) : (parts[1] as string)
      const arch = ARCH_ALIASES[arch0] ?? arch0
      const name = st.name ?? ''
      if (!name.includes(os) && !name.includes(arch))
        at('FromPlatformFlagConstDisallowed', from, MESSAGES.FromPlatformFlagConstDisallowed(p.result))
    }
  }

  // Dispatch: every stage without a target, else the stages the target needs; a stage starts from
  // its base stage's state, or from an empty image config (PATH only) for an image.
  // BuildKit skips CopyIgnoredFile when the .dockerignore has exclusions (`!`): too hard to decide.
  const ignored =
    options.dockerignore && !options.dockerignore.exclusions && enabled('CopyIgnoredFile')
      ? options.dockerignore
      : null
  const needed = neededStages(graph, options.target)
  const states = new Map<number, DispatchState>()
  for (const st of graph.stages) {
    if (!needed.has(st.index)) continue
    const parent = st.baseStage === null ? undefined : states.get(st.baseStage)
    const s: DispatchState = parent
      ? {
          env: new Map(parent.env),
          argKeys: new Set(parent.argKeys),
          shellSet: parent.shellSet,
          workdirSet: parent.workdirSet
        }
      : { env: new Map([['PATH', DEFAULT_PATH]]), argKeys: new Set(), shellSet: false, workdirSet: false }
    const undefinedVars = (ins: Instruction, words: (string | undefined)[]) => {
      const seen = new Set<string>()
      for (const w of words) {
        // Only a word with $ can name an undefined variable.
        if (w === undefined || !w.includes('$')) continue
        for (const name of expandTracked(w, s.env, esc).unmatched) seen.add(name)
      }
      for (const name of seen)
        if (!s.argKeys.has(name) && !NON_ENV_ARGS.has(name))
          at('UndefinedVar', ins, MESSAGES.UndefinedVar(name, suggest(name, s.env.keys())))
    }
    const used = new Map<string, Instruction>()
    for (const ins of st.instructions.slice(1)) {
      const k = ins.keyword
      if (k === 'ENV' || k === 'LABEL') {
        const kvs = keyValues(ins)
        const words: string[] = []
        for (const kv of kvs) {
          if (k === 'LABEL') words.push(kv.key)
          words.push(kv.value ?? '')
        }
        undefinedVars(ins, words)
        for (const kv of kvs) {
          if (kv.noDelim) at('LegacyKeyValueFormat', ins, MESSAGES.LegacyKeyValueFormat(k))
          if (k === 'ENV') {
            if (isSecretName(kv.key))
              at('SecretsUsedInArgOrEnv', ins, MESSAGES.SecretsUsedInArgOrEnv('ENV', kv.key))
            s.env.set(kv.key, expandTracked(kv.value ?? '', s.env, esc).result ?? '')
          }
        }
      } else if (k === 'ARG') {
        for (const kv of keyValues(ins)) {
          if (isSecretName(kv.key))
            at('SecretsUsedInArgOrEnv', ins, MESSAGES.SecretsUsedInArgOrEnv('ARG', kv.key))
          let v: string | null = null
          if (Object.hasOwn(buildArgs, kv.key)) v = buildArgs[kv.key] as string
          else if (kv.value !== null) {
            undefinedVars(ins, [kv.value])
            v = expandTracked(kv.value, s.env, esc).result ?? ''
          } else if (globalEnv.has(kv.key)) v = globalEnv.get(kv.key) as string
          if (v !== null && !NON_ENV_ARGS.has(kv.key)) s.env.set(kv.key, v)
          s.argKeys.add(kv.key)
        }
      } else if (k === 'COPY' || k === 'ADD') {
        undefinedVars(
          ins,
          ins.rawFlags.length > 0 ? [...ins.argv, ins.flags.chown?.at(-1), ins.flags.chmod?.at(-1)] : ins.argv
        )
        if (ignored && !ins.flags.from?.at(-1)) {
          // validateCopySourcePath: each context source, expanded and cleaned.
          for (const src of ins.argv.slice(0, -1)) {
            if (ins.heredocs.length > 0 && parseHeredocWord(src)) continue
            if (k === 'ADD' && REMOTE_SOURCE.test(src)) continue
            const path = goClean(expandTracked(src, s.env, esc).result ?? src)
            if (ignored.matchesOrParentMatches(path))
              at('CopyIgnoredFile', ins, MESSAGES.CopyIgnoredFile(k === 'ADD' ? 'Add' : 'Copy', path))
          }
        }
      } else if (k === 'USER' || k === 'STOPSIGNAL') {
        undefinedVars(ins, [ins.args])
      } else if (k === 'VOLUME') {
        undefinedVars(ins, ins.argv)
      } else if (k === 'EXPOSE') {
        undefinedVars(ins, ins.argv)
        for (const word of ins.argv) {
          let ports: string[]
          try {
            ports = splitWords(word, s.env, { escapeToken: esc })
          } catch (err) {
            if (!(err instanceof ShellSyntaxError)) throw err
            throw new DispatchError(err.message, ins.startLine)
          }
          for (const p of ports) {
            const r = exposeProblems(p)
            if (r.protoCasing) at('ExposeProtoCasing', ins, MESSAGES.ExposeProtoCasing(p))
            if (r.invalidFormat) at('ExposeInvalidFormat', ins, MESSAGES.ExposeInvalidFormat(p))
            if (r.error) throw new DispatchError(r.error, ins.startLine)
          }
        }
      } else if (k === 'WORKDIR') {
        undefinedVars(ins, [ins.args])
        const dir = expandTracked(ins.args, s.env, esc).result ?? ins.args
        if (!s.workdirSet && !dir.startsWith('/'))
          at('WorkdirRelativePath', ins, MESSAGES.WorkdirRelativePath(dir))
        s.workdirSet = true
      } else if (k === 'SHELL') {
        s.shellSet = true
      }
      if (k === 'CMD' || k === 'ENTRYPOINT' || k === 'HEALTHCHECK') {
        const prev = used.get(k)
        if (prev)
          at(
            'MultipleInstructionsDisallowed',
            prev,
            MESSAGES.MultipleInstructionsDisallowed(writtenKeyword(ins))
          )
        used.set(k, ins)
        if (k !== 'HEALTHCHECK' && !ins.json && !s.shellSet)
          at('JSONArgsRecommended', ins, MESSAGES.JSONArgsRecommended(writtenKeyword(ins)))
      }
    }
    states.set(st.index, s)
  }
  return out
}

/** Stage indices BuildKit dispatches: all without a target, else the target and what it needs. */
export function neededStages(graph: StageGraph, target: Stage | undefined): Set<number> {
  if (!target) return new Set(graph.stages.map(s => s.index))
  const need = new Set<number>()
  const walk = (i: number) => {
    if (need.has(i)) return
    need.add(i)
    for (const d of (graph.stages[i] as Stage).dependsOn) walk(d)
  }
  walk(target.index)
  return need
}

/**
 * The comments BuildKit's parser keeps before each instruction (Node.PrevComment): comment lines
 * since the previous instruction, emptied by a bare `#`, without parser directives. Blank lines do
 * not empty them (the rule's documentation says otherwise; the parser is what runs).
 */
export function precedingComments(
  text: string,
  instructions: readonly Instruction[],
  directiveLines: ReadonlySet<number>
): string[][] {
  const lines = text.split('\n')
  if (text.charCodeAt(0) === 0xfeff) lines[0] = (lines[0] as string).slice(1)
  const out: string[][] = []
  let next = 1
  for (const ins of instructions) {
    let comments: string[] = []
    for (let n = next; n < ins.startLine; n++) {
      const line = lines[n - 1] as string
      const t = line.trimStart()
      if (!t.startsWith('#')) continue
      // bytesRead[1:] of the line as read: a leading blank stays and shifts the slice.
      const comment = line.slice(1).trim()
      if (comment === '') comments = []
      else if (!directiveLines.has(n)) comments.push(comment)
    }
    out.push(comments)
    next = ins.endLine + 1
  }
  return out
}

/** What dispatchExpose finds in one expanded port spec `[ip:][hostPort:]port[/proto]`. */
export function exposeProblems(raw: string): {
  protoCasing: boolean
  invalidFormat: boolean
  error: string | null
} {
  const parts = raw.split(':')
  const n = parts.length
  const ip = n <= 2 ? '' : n === 3 ? (parts[0] as string) : parts.slice(0, n - 2).join(':')
  const hostPort = n === 1 ? '' : (parts[n - 2] as string)
  const containerRaw = parts[n - 1] as string
  const slash = containerRaw.indexOf('/')
  const port = slash < 0 ? containerRaw : containerRaw.slice(0, slash)
  const proto = slash < 0 ? '' : containerRaw.slice(slash + 1)
  const fail = (error: string) => ({ protoCasing: false, invalidFormat: false, error })
  if (port === '') return fail(`invalid port: ${goQuote(raw)}: no port specified`)
  if (!['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase()))
    return fail(`invalid port: ${goQuote(raw)}: invalid proto: ${proto}`)
  const found = { protoCasing: proto !== proto.toLowerCase(), invalidFormat: ip !== '' || hostPort !== '' }
  let host = ip
  if (host.startsWith('[')) {
    const close = host.indexOf(']')
    if (close !== host.length - 1) return { ...found, error: `invalid IP address: ${ip}` }
    host = host.slice(1, -1)
  }
  if (host !== '' && isIP(host) === 0) return { ...found, error: `invalid IP address: ${host}` }
  const range = portRange(port)
  if (!range) return { ...found, error: `invalid containerPort: ${port}` }
  if (hostPort !== '') {
    const h = portRange(hostPort)
    if (!h) return { ...found, error: `invalid hostPort: ${hostPort}` }
    if (range[1] - range[0] !== h[1] - h[0] && range[1] !== range[0])
      return {
        ...found,
        error: `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`
      }
  }
  return { ...found, error: null }
}

// parsePortRange: `N` or `N-M`, each 0-65535 (strconv.ParseInt base 10), M >= N.
function portRange(s: string): [number, number] | null {
  const num = (x: string) => {
    if (!/^[+-]?\d+$/.test(x)) return null
    const v = Number(x)
    return v >= 0 && v <= 65535 ? v : null
  }
  const dash = s.indexOf('-')
  const start = num(dash < 0 ? s : s.slice(0, dash))
  if (start === null) return null
  if (dash < 0 || s.slice(0, dash) === s.slice(dash + 1)) return [start, start]
  const end = num(s.slice(dash + 1))
  return end === null || end < start ? null : [start, end]
}
