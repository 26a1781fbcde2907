// Stages and their dependencies as BuildKit's instructions + dockerfile2llb compute them: flag
// validation, global ARG scope for FROM, stage names, base stages, COPY --from and RUN --mount
// from= edges, cycles, --target, and the stages a target needs.
import { DockerfileError } from '../errors.js'
import { parseDockerfile, type Directive, type Instruction, type Warning } from './parser.js'
import { expandWord, ShellSyntaxError } from './shell.js'
import { parseCheckOptions } from './directive.js'
import { argumentProblem, lineProblem, mountProblem, suggestion } from './instructions.js'
import { platformProblem } from './platforms.js'
import { validateReference } from '../reference.js'

export interface Stage {
  index: number
  /** Lowercased `AS` name, or null. */
  name: string | null
  /** FROM image with global ARGs expanded (an earlier stage's name when it builds on one). */
  base: string
  /** Index of the earlier stage whose name equals `base` exactly. */
  baseStage: number | null
  /** Sorted unique indices of the stages this one needs directly. */
  dependsOn: number[]
  /** Sorted unique image references used by COPY --from and RUN --mount from= that are not stages. */
  externalImages: string[]
  /** Line of the FROM instruction. */
  line: number
  /** Expanded `--platform`, or null. */
  platform: string | null
  /** FROM and every instruction after it up to the next FROM. */
  instructions: Instruction[]
  /** Errors BuildKit raises only when the stage is needed (see stagesFor). */
  deferredErrors: DeferredError[]
}

/**
 * An error raised only when its stage is needed. `phase` orders them as BuildKit meets them: 0 while
 * resolving the needed stages (ONBUILD triggers), 1 while converting their instructions.
 */
export interface DeferredError {
  line: number
  message: string
  phase: 0 | 1
}

export interface StageGraph {
  file: string
  stages: Stage[]
  /** ARG instructions before the first FROM. */
  globalArgs: { name: string; value: string | null; line: number }[]
  directives: Directive[]
  /** Lint findings BuildKit reports as warnings (duplicate or reserved stage names, ...). */
  warnings: Warning[]
  /** ARG instructions before the first FROM, as written (the linter expands them itself). */
  metaArgs: Instruction[]
  escapeToken: '\\' | '`'
}

export interface ReadOptions {
  file: string
  buildArgs?: Record<string, string>
  /** Native (build) platform `os/arch[/variant]`; default linux/amd64. */
  platform?: string
  /** Target platform; defaults to the native platform as in `docker build` without --platform. */
  targetPlatform?: string
  /** `--target` as given: the value of the automatic TARGETSTAGE argument (default the last stage's name). */
  target?: string
}

type FlagType = 'string' | 'bool' | 'strings'

// The flags each instruction accepts (instructions/parse.go); any other flag is an error.
const FLAGS: Record<string, Record<string, FlagType> | undefined> = {
  FROM: { platform: 'string' },
  COPY: {
    chown: 'string',
    from: 'string',
    chmod: 'string',
    link: 'bool',
    parents: 'bool',
    exclude: 'strings'
  },
  ADD: {
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'string',
    exclude: 'strings',
    unpack: 'bool'
  },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  HEALTHCHECK: {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string'
  }
}

const NO_FLAGS: Record<string, FlagType> = {}

const KNOWN = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR'
])

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/
const RESERVED_STAGE_NAMES = new Set(['context', 'scratch'])

/** BuildKit BFlags.Parse. */
function checkFlags(ins: Instruction, allowed: Record<string, FlagType>): string | null {
  if (ins.rawFlags.length === 0) return null
  const used = new Set<string>()
  for (const a of ins.rawFlags) {
    if (a === '--') return null
    if (!a.startsWith('--')) return `arg should start with -- : ${a}`
    const eq = a.indexOf('=')
    const flagName = eq < 0 ? a : a.slice(0, eq)
    const value = eq < 0 ? '' : a.slice(eq + 1)
    const name = flagName.slice(2)
    const type = Object.hasOwn(allowed, name) ? allowed[name] : undefined
    if (!type) return `unknown flag: ${flagName}${suggestion(name, Object.keys(allowed), true)}`
    if (used.has(name) && type !== 'strings') return `duplicate flag specified: ${flagName}`
    used.add(name)
    if (type === 'bool') {
      if (eq >= 0 && value === '') return `missing a value on flag: ${flagName}`
      if (!['true', 'false', ''].includes(value.toLowerCase()))
        return `expecting boolean value for flag ${flagName}, not: ${value}`
    } else if (eq < 0) return `missing a value on flag: ${flagName}`
  }
  return null
}

// What instructions.ParseInstruction rejects for the instructions that matter to the graph.
function checkInstruction(ins: Instruction): string | null {
  const k = ins.keyword
  if (!KNOWN.has(k)) {
    const word = ins.original.trim().split(/[\t\v\f\r ]+/)[0] as string
    return `unknown instruction: ${word}${suggestion(word, [...KNOWN], false)}`
  }
  if ((k === 'COPY' || k === 'ADD') && ins.argv.length < 2)
    return `${k} requires at least two arguments, but only one was provided. Destination could not be determined`
  if (k === 'FROM') {
    const a = ins.argv
    if (a.length === 3 && (a[1] as string).toLowerCase() === 'as') {
      if (!VALID_STAGE_NAME.test((a[2] as string).toLowerCase()))
        return `invalid name for build stage: "${a[2]}", name can't start with a number or contain symbols`
    } else if (a.length !== 1) return 'FROM requires either one or three arguments'
  }
  if (k === 'ARG') {
    if (ins.argv.length === 0) return 'ARG requires at least one argument'
    if (ins.argv.some(w => w.startsWith('='))) return 'ARG names can not be blank'
  }
  if (k === 'STOPSIGNAL' || (k === 'HEALTHCHECK' && ins.argv[0]?.toUpperCase() === 'NONE'))
    return argumentProblem(ins)
  return checkFlags(ins, FLAGS[k] ?? NO_FLAGS) ?? argumentProblem(ins)
}

// Go csv.ParseError text: the column is the 1-based byte position of the offending quote (or one
// past the end for an unterminated quoted field). Engine 26 prints exactly this.
function csvError(s: string, at: number, what: string): Error {
  return new Error(`parse error on line 1, column ${Buffer.byteLength(s.slice(0, at)) + 1}: ${what}`)
}

/** Go encoding/csv for one record. */
function csvFields(s: string): string[] {
  const out: string[] = []
  let i = 0
  for (;;) {
    let field = ''
    if (s[i] === '"') {
      i++
      for (;;) {
        if (i >= s.length) throw csvError(s, s.length, 'extraneous or missing " in quoted-field')
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += s[i++]
      }
      if (i < s.length && s[i] !== ',') throw csvError(s, i - 1, 'extraneous or missing " in quoted-field')
    } else {
      while (i < s.length && s[i] !== ',') {
        if (s[i] === '"') throw csvError(s, i, 'bare " in non-quoted-field')
        field += s[i++]
      }
    }
    out.push(field)
    if (i >= s.length) return out
    i++ // the comma
  }
}

/** What dockerfile2llb knows of a --mount value before it runs the step (commands_runmount.go parseMount, no expander). */
interface MountSpec {
  /** `from=` as written ('' when absent). */
  from: string
  /** `type=` lowercased, literal; `bind` when absent. */
  type: string
  /** `target=`/`dst=`/`destination=` as written. */
  target: string
  /** What BuildKit rejects in it when it converts the step (instructions.mountProblem). */
  problem: string | null
}

function mountSpec(value: string): MountSpec {
  let fields: string[]
  try {
    fields = csvFields(value)
  } catch (err) {
    throw new Error(`failed to parse csv mounts: ${(err as Error).message}`, { cause: err })
  }
  const spec: MountSpec = { from: '', type: 'bind', target: '', problem: mountProblem(fields) }
  for (const f of fields) {
    const eq = f.indexOf('=')
    if (eq < 0) continue
    const key = f.slice(0, eq).toLowerCase()
    const v = f.slice(eq + 1)
    if (key === 'from') {
      // regexp `\$.`: a `$` followed by any character but a newline.
      if (/\$./.test(v))
        throw new Error(`'from' doesn't support variable expansion, define alias stage instead`)
      spec.from = v
    } else if (key === 'type') spec.type = v.toLowerCase()
    else if (key === 'target' || key === 'dst' || key === 'destination') spec.target = v
  }
  return spec
}

/**
 * A stage or image one instruction reads from, as dockerfile2llb's toCommand and detectRunMount
 * record it. Every RUN mount has one: a mount without `from=` reads `scratch` (BuildKit cannot know
 * the mount type before expanding it), which is the stage named `scratch` when there is one.
 */
interface Source {
  kind: 'copy' | 'mount'
  /** `--from` / `from=` as written; `scratch` for a mount without one. */
  ref: string
  /** False for the implicit `scratch` of a mount without `from=`: no image to name. */
  explicit: boolean
  /** The stage it resolves to, or undefined for an image. */
  stage: number | undefined
  mount?: MountSpec
}

/** The sources of an instruction; throws Error with BuildKit's message. */
function sourcesOf(
  ins: Instruction,
  byName: Map<string, number>,
  stageCount: number,
  lex: { escapeToken: string }
): Source[] {
  if (ins.keyword === 'COPY') {
    const ref = ins.flags.from?.at(-1) ?? ''
    if (ref === '') return []
    if (expandsTo(ref, lex) !== ref)
      throw new Error(
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround'
      )
    const n = atoi(ref)
    if (n !== null && (n < 0 || n >= stageCount)) throw new Error(`invalid stage index ${n}`)
    return [{ kind: 'copy', ref, explicit: true, stage: n ?? byName.get(ref.toLowerCase()) }]
  }
  if (ins.keyword !== 'RUN' || !ins.flags.mount) return []
  return ins.flags.mount.map(value => {
    const mount = mountSpec(value)
    const ref = mount.from || 'scratch'
    return { kind: 'mount', ref, explicit: mount.from !== '', stage: byName.get(ref.toLowerCase()), mount }
  })
}

/**
 * The message BuildKit gives when converting an instruction whose source stage has not been
 * converted yet (a later stage), or null when it reads no stage then (a mount without `from=`
 * reads the build context, except a cache mount, which reads `scratch`).
 */
function laterStageMessage(src: Source, current: string): string | null {
  if (src.kind === 'copy')
    return `cannot copy from stage "${src.ref}", it needs to be defined before current stage "${current}"`
  const m = src.mount as MountSpec
  if (!src.explicit && m.type !== 'cache') return null
  return `cannot mount from stage "${src.ref}" to "${m.target}", stage needs to be defined before current command`
}

/** An ONBUILD instruction's trigger as BuildKit stores it (instructions.parseOnBuild). */
function onbuildExpression(ins: Instruction): string {
  let expr = ins.original.replace(/^\s*ONBUILD\s*/i, '')
  for (const h of ins.heredocs) expr += '\n' + h.content + h.name
  return expr
}

function parsePlatform(p: string): { os: string; arch: string; variant: string } {
  const [os = 'linux', arch = 'amd64', variant = ''] = p.split('/')
  return { os, arch, variant }
}

export function platformArgs(build: string, target: string): Map<string, string> {
  const b = parsePlatform(build)
  const t = parsePlatform(target)
  return new Map([
    ['BUILDPLATFORM', build],
    ['BUILDOS', b.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', b.arch],
    ['BUILDVARIANT', b.variant],
    ['TARGETPLATFORM', target],
    ['TARGETOS', t.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', t.arch],
    ['TARGETVARIANT', t.variant]
  ])
}

// Go strconv.Atoi: optional sign, decimal digits, fits in 64 bits.
function atoi(s: string): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) ? n : null
}

/** The first suggestion for a variable `word` uses that `env` does not define, or ''. */
function unmatchedSuggestion(word: string, env: Map<string, string>): string {
  for (const m of word.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1] as string
    if (env.has(name)) continue
    const hint = suggestion(name, [...env.keys()], true)
    if (hint) return hint
  }
  return ''
}

// dockerfile2llb's automatic TARGETSTAGE: `--target` as given, else the last stage's name ('' when unnamed).
function targetStage(groups: Instruction[][], target: string | undefined): string {
  if (target) return target
  const from = (groups[groups.length - 1] as Instruction[])[0] as Instruction
  return from.argv.length === 3 ? (from.argv[2] as string).toLowerCase() : ''
}

/** Human name BuildKit uses for a stage in messages. */
export function stageLabel(s: Pick<Stage, 'index' | 'name'>): string {
  return s.name ?? `stage-${s.index}`
}

/** Read a Dockerfile into its stage graph; throws DockerfileError for what fails the whole file. */
export function readDockerfile(text: string, options: ReadOptions): StageGraph {
  const file = options.file
  const parsed = parseDockerfile(text, file)
  const check = parsed.directives.find(d => d.name === 'check')
  if (check) {
    try {
      parseCheckOptions(check.value)
    } catch (err) {
      throw new DockerfileError(file, check.line, `failed to parse check options: ${(err as Error).message}`)
    }
  }
  if (parsed.instructions.length === 0) {
    throw new DockerfileError(file, Math.max(1, parsed.lineCount), 'file with no instructions')
  }
  // The line parser's errors come first: BuildKit raises them while reading the whole file.
  for (const ins of parsed.instructions) {
    const problem = lineProblem(ins)
    if (problem) throw new DockerfileError(file, ins.startLine, problem)
  }
  if (parsed.lineTooLong) {
    throw new DockerfileError(file, Math.max(1, parsed.lineTooLong.line), parsed.lineTooLong.message)
  }
  const lex = { escapeToken: parsed.escapeToken }
  const buildArgs = options.buildArgs ?? {}

  // 1. Instructions (syntax): every instruction, reachable or not.
  const metaArgs: Instruction[] = []
  const groups: Instruction[][] = []
  for (const ins of parsed.instructions) {
    const problem = checkInstruction(ins)
    if (problem) throw new DockerfileError(file, ins.startLine, problem)
    if (ins.keyword === 'FROM') groups.push([ins])
    else if (groups.length === 0) {
      if (ins.keyword !== 'ARG')
        throw new DockerfileError(file, ins.startLine, 'no build stage in current context')
      metaArgs.push(ins)
    } else (groups[groups.length - 1] as Instruction[]).push(ins)
  }
  if (groups.length === 0) {
    const last = parsed.instructions[parsed.instructions.length - 1] as Instruction
    throw new DockerfileError(file, last.startLine, 'no build stage in current context')
  }

  // 2. Global scope: platform ARGs, then each global ARG in order (a build-arg wins over its default).
  const native = options.platform ?? 'linux/amd64'
  const env = platformArgs(native, options.targetPlatform ?? native)
  env.set('TARGETSTAGE', targetStage(groups, options.target))
  for (const k of env.keys()) if (Object.hasOwn(buildArgs, k)) env.set(k, buildArgs[k] as string)
  const globalArgs: StageGraph['globalArgs'] = []
  for (const ins of metaArgs) {
    for (const word of ins.argv) {
      const eq = word.indexOf('=')
      const name = eq < 0 ? word : word.slice(0, eq)
      let value: string | null = eq < 0 ? null : word.slice(eq + 1)
      if (Object.hasOwn(buildArgs, name)) value = buildArgs[name] as string
      else if (value !== null) value = expand(value, env, lex, file, ins.startLine)
      // buildMetaArgs: an ARG without a value (and no build-arg) leaves the name as it was, so
      // `ARG TARGETPLATFORM` keeps the automatic value and `ARG X` leaves X unset.
      if (value !== null) env.set(name, value)
      globalArgs.push({ name, value, line: ins.startLine })
    }
  }

  // 3. Stages: expand FROM, name, and base stage (an earlier name, matched exactly).
  const stages: Stage[] = []
  const byName = new Map<string, number>()
  const warnings = [...parsed.warnings]
  const seen = new Set<string>()
  for (const [index, group] of groups.entries()) {
    const from = group[0] as Instruction
    const rawBase = from.argv[0] as string
    const base = expand(rawBase, env, lex, file, from.startLine)
    if (base === '')
      throw new DockerfileError(file, from.startLine, `base name (${rawBase}) should not be blank`)
    const rawPlatform = from.flags.platform?.[0]
    let platform: string | null = null
    if (rawPlatform !== undefined) {
      try {
        platform = expandWord(rawPlatform, env, lex)
      } catch (err) {
        throw new DockerfileError(
          file,
          from.startLine,
          // BuildKit names platMatch.Result, which is empty when expansion fails (engine 26 agrees).
          `failed to process arguments for platform : ${(err as Error).message}`
        )
      }
      // wrapSuggestAny: a variable the expression names but the scope lacks may be a typo of one it has.
      const hint = () => unmatchedSuggestion(rawPlatform, env)
      if (platform === '')
        throw new DockerfileError(
          file,
          from.startLine,
          `empty platform value from expression ${rawPlatform}${hint()}`
        )
      const problem = platformProblem(platform)
      if (problem)
        throw new DockerfileError(
          file,
          from.startLine,
          `failed to parse platform ${rawPlatform}: ${problem}${hint()}`
        )
    }
    const name = from.argv.length === 3 ? (from.argv[2] as string).toLowerCase() : null
    if (name !== null) {
      if (RESERVED_STAGE_NAMES.has(name))
        warnings.push({
          line: from.startLine,
          rule: 'ReservedStageName',
          message: `Stage name should not use the same name as reserved stage "${name}"`
        })
      if (seen.has(name))
        warnings.push({
          line: from.startLine,
          rule: 'DuplicateStageName',
          message: `Duplicate stage name "${name}", stage names should be unique`
        })
      seen.add(name)
    }
    stages.push({
      index,
      name,
      base,
      baseStage: byName.get(base) ?? null,
      dependsOn: [],
      externalImages: [],
      line: from.startLine,
      platform,
      instructions: group,
      deferredErrors: []
    })
    if (name !== null) byName.set(name, index)
  }

  // 4. Edges from COPY --from and RUN --mount, resolved against every stage (last name wins).
  const edges: { from: number; to: number; line: number }[][] = stages.map(() => [])
  // Images named by COPY --from / --mount from=, in the order BuildKit registers them.
  const implicitImages: { ref: string; line: number }[] = []
  const deps = stages.map(st => new Set<number>(st.baseStage === null ? [] : [st.baseStage]))
  const images = stages.map(() => new Set<string>())
  for (const st of stages) {
    for (const ins of st.instructions) {
      let sources: Source[]
      try {
        sources = sourcesOf(ins, byName, stages.length, lex)
      } catch (err) {
        throw new DockerfileError(file, ins.startLine, (err as Error).message)
      }
      // Converting the step reads its mounts first: their errors come before a later stage's.
      for (const src of sources)
        if (src.mount?.problem)
          st.deferredErrors.push({ line: ins.startLine, message: src.mount.problem, phase: 1 })
      for (const src of sources) {
        if (src.stage === undefined) {
          if (!src.explicit) continue
          ;(images[st.index] as Set<string>).add(src.ref)
          implicitImages.push({ ref: src.ref, line: ins.startLine })
          continue
        }
        ;(deps[st.index] as Set<number>).add(src.stage)
        ;(edges[st.index] as { from: number; to: number; line: number }[]).push({
          from: st.index,
          to: src.stage,
          line: ins.startLine
        })
        const message = src.stage > st.index ? laterStageMessage(src, stageLabel(st)) : null
        if (message) st.deferredErrors.push({ line: ins.startLine, message, phase: 1 })
      }
    }
  }
  // ONBUILD triggers of a base stage run in the stage built on it (dockerfile2llb resolveStages):
  // their COPY --from and mounts make it need more stages. BuildKit reads them only for the stages
  // it needs, after its cycle check, so their errors are deferred to the FROM line that runs them.
  for (const st of stages) {
    if (st.baseStage === null) continue
    const base = stages[st.baseStage] as Stage
    for (const ob of base.instructions) {
      if (ob.keyword !== 'ONBUILD') continue
      const fail = (message: string) => st.deferredErrors.push({ line: st.line, message, phase: 0 })
      let sources: Source[]
      try {
        const trigger = parseDockerfile(onbuildExpression(ob), file).instructions
        if (trigger.length !== 1) throw new Error('onbuild trigger should be a single expression')
        const ins = trigger[0] as Instruction
        const problem = lineProblem(ins) ?? checkInstruction(ins)
        if (problem) throw new Error(problem)
        sources = sourcesOf(ins, byName, stages.length, lex)
      } catch (err) {
        fail(err instanceof DockerfileError ? err.detail : (err as Error).message)
        continue
      }
      for (const src of sources)
        if (src.mount?.problem)
          st.deferredErrors.push({ line: st.line, message: src.mount.problem, phase: 1 })
      for (const src of sources) {
        if (src.stage === undefined) {
          if (!src.explicit) continue
          ;(images[st.index] as Set<string>).add(src.ref)
          const problem = src.ref === 'scratch' ? null : validateReference(src.ref)
          if (problem) fail(`failed to parse stage name ${JSON.stringify(src.ref)}: ${problem}`)
          continue
        }
        ;(deps[st.index] as Set<number>).add(src.stage)
        // The stage being converted counts as converted already: only a later one fails.
        const message = src.stage > st.index ? laterStageMessage(src, stageLabel(st)) : null
        if (message) st.deferredErrors.push({ line: st.line, message, phase: 1 })
      }
    }
  }
  for (const st of stages) {
    st.dependsOn = [...(deps[st.index] as Set<number>)].sort((a, b) => a - b)
    st.externalImages = [...(images[st.index] as Set<string>)].sort()
  }

  // 5. A cycle through COPY/mount edges fails the whole build, reachable or not.
  const cycle = findCycle(edges)
  if (cycle) {
    throw new DockerfileError(
      file,
      cycle.line,
      `circular dependency detected on stage: ${stageLabel(stages[cycle.stage] as Stage)}`
    )
  }

  // 6. Every image reference is parsed before any stage runs, reachable or not.
  const refs = [
    ...stages.filter(s => s.baseStage === null).map(s => ({ ref: s.base, line: s.line })),
    ...implicitImages
  ]
  for (const { ref, line } of refs) {
    if (ref === 'scratch') continue
    const problem = validateReference(ref)
    if (problem)
      throw new DockerfileError(file, line, `failed to parse stage name ${JSON.stringify(ref)}: ${problem}`)
  }

  const graph: StageGraph = {
    file,
    stages,
    globalArgs,
    directives: parsed.directives,
    warnings,
    metaArgs,
    escapeToken: parsed.escapeToken
  }
  failOnCheckErrors(graph)
  sources.set(graph, { text, options: { ...options, target: targetStage(groups, options.target) } })
  return graph
}

// What each graph was read from, so that it can be read again for another target.
const sources = new WeakMap<StageGraph, { text: string; options: ReadOptions }>()

/**
 * The graph as BuildKit reads it for `--target target`. Only the automatic TARGETSTAGE argument
 * depends on the target: the file is read again when it uses it and the value changes.
 */
export function graphForTarget(graph: StageGraph, target: string | undefined): StageGraph {
  const source = sources.get(graph)
  if (!source || !source.text.includes('TARGETSTAGE')) return graph
  const buildArgs = source.options.buildArgs ?? {}
  if (Object.hasOwn(buildArgs, 'TARGETSTAGE')) return graph
  const last = graph.stages[graph.stages.length - 1] as Stage
  const value = target || (last.name ?? '')
  if (value === source.options.target) return graph
  return readDockerfile(source.text, { ...source.options, target: value })
}

function expand(
  word: string,
  env: Map<string, string>,
  lex: { escapeToken: string },
  file: string,
  line: number
) {
  try {
    return expandWord(word, env, lex)
  } catch (err) {
    if (err instanceof ShellSyntaxError) throw new DockerfileError(file, line, err.message)
    throw err
  }
}

// What a --from value expands to in an empty scope; a change means it used a variable.
function expandsTo(ref: string, lex: { escapeToken: string }): string {
  try {
    return expandWord(ref, new Map(), lex)
  } catch {
    return ''
  }
}

function findCycle(
  edges: { from: number; to: number; line: number }[][]
): { stage: number; line: number } | null {
  const visited = new Set<number>()
  const path = new Set<number>()
  const visit = (s: number, firstLine: number | null): number | null => {
    if (visited.has(s)) return null
    visited.add(s)
    path.add(s)
    for (const e of edges[s] ?? []) {
      const line = firstLine ?? e.line
      if (path.has(e.to)) return line
      const found = visit(e.to, line)
      if (found !== null) return found
    }
    path.delete(s)
    return null
  }
  for (let s = 0; s < edges.length; s++) {
    const line = visit(s, null)
    if (line !== null) return { stage: s, line }
  }
  return null
}

// `# check=error=true` turns lint warnings into errors, except for skipped rules.
function failOnCheckErrors(graph: StageGraph): void {
  const check = graph.directives.find(d => d.name === 'check')
  if (!check) return
  const options = parseCheckOptions(check.value)
  const skip = new Set(options.skip)
  if (!options.error || options.skipAll) return
  const found = graph.warnings.filter(x => !skip.has(x.rule))
  const first = found[0]
  if (!first) return
  // linter.Error: BuildKit names the rules only; the first finding says where and what.
  const rules = [...new Set(found.map(x => x.rule))].sort().join(', ')
  throw new DockerfileError(
    graph.file,
    first.line,
    `lint violation found for rules: ${rules}; ${first.message} (check=error=true makes findings errors)`
  )
}

/** The stage `--target NAME` selects: names match case-insensitively; a repeated name means the last one. */
export function findStage(graph: StageGraph, nameOrIndex: string): Stage | undefined {
  const key = nameOrIndex.toLowerCase()
  for (let i = graph.stages.length - 1; i >= 0; i--) {
    const s = graph.stages[i] as Stage
    if (s.name === key) return s
  }
  return undefined
}

/** Describe the stages for messages: `builder (0), tester (1), stage-2`. */
export function listStages(graph: StageGraph): string {
  return graph.stages.map(s => (s.name ? `${s.name} (${s.index})` : `stage-${s.index}`)).join(', ')
}

/** The target stage: the last one when none is named, as `docker build` does. */
export function resolveTarget(graph: StageGraph, target: string | undefined): Stage {
  if (target === undefined || target === '') return graph.stages[graph.stages.length - 1] as Stage
  const found = findStage(graph, target)
  if (found) return found
  throw new DockerfileError(
    graph.file,
    graph.stages[0]?.line ?? 1,
    `target stage "${target}" could not be found; the stages are: ${listStages(graph)}`
  )
}

/** Every stage `target` needs, dependencies first and target last; raises deferred reference errors. */
export function stagesFor(graph: StageGraph, target: Stage): Stage[] {
  const need = new Set<number>()
  const walk = (i: number) => {
    if (need.has(i)) return
    need.add(i)
    for (const d of (graph.stages[i] as Stage).dependsOn) walk(d)
  }
  walk(target.index)
  const out = [...need].sort((a, b) => a - b).map(i => graph.stages[i] as Stage)
  const errors = out.flatMap(s => s.deferredErrors)
  const first = errors.find(e => e.phase === 0) ?? errors.find(e => e.phase === 1)
  if (first) throw new DockerfileError(graph.file, first.line, first.message)
  return out
}

/** A `RUN --mount=type=secret` as BuildKit reads it (instructions/commands_runmount.go). */
export interface SecretMount {
  /** The secret's id: `source=`, else `id=`, else the target's basename; null when it comes from a variable. */
  id: string | null
  /** Where the file appears (default /run/secrets/<id>), or null when only `env=` is set. */
  target: string | null
  /** The environment variable the value is put in (`env=`), or null. */
  env: string | null
  /** `required` / `required=true`: the build fails when no secret has the id. */
  required: boolean
  line: number
}

// Go's strconv.ParseBool, which BuildKit uses for `required=`.
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True'])

/** The secret mounts of a stage's RUN instructions, in order. */
export function secretMounts(stage: Stage): SecretMount[] {
  const mounts: SecretMount[] = []
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN' || !ins.flags.mount) continue
    for (const value of ins.flags.mount) {
      let fields: string[]
      try {
        fields = csvFields(value)
      } catch {
        continue // readDockerfile already reported it
      }
      const kv = new Map<string, string | null>()
      for (const f of fields) {
        const eq = f.indexOf('=')
        kv.set((eq < 0 ? f : f.slice(0, eq)).toLowerCase(), eq < 0 ? null : f.slice(eq + 1))
      }
      if ((kv.get('type') ?? '').toLowerCase() !== 'secret') continue
      const source = kv.get('source') ?? kv.get('src') ?? ''
      const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination') ?? ''
      const raw = source || kv.get('id') || target.slice(target.lastIndexOf('/') + 1)
      const env = kv.has('env') ? (kv.get('env') ?? '') : null
      const required =
        kv.has('required') && (kv.get('required') === null || GO_TRUE.has(kv.get('required') ?? ''))
      mounts.push({
        id: raw === '' || raw.includes('$') ? null : raw,
        target: target || (env === null ? `/run/secrets/${raw}` : null),
        env,
        required,
        line: ins.startLine
      })
    }
  }
  return mounts
}
