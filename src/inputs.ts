import { CHECK_MODES, type CheckMode } from './check/in-run.js'
import { UserError } from './errors.js'
import { NO_TESTS, resolveTestTarget, type TestTarget } from './plan.js'
import { splitReference, validateReference } from './reference.js'
import {
  checkDuplicateSecretIds,
  parseSecretRefs,
  parseSecretValues,
  splitListInput,
  type Secret,
  type SecretEnvRef,
  type SecretFileRef
} from './secrets.js'

export type { Secret, SecretEnvRef, SecretFileRef } from './secrets.js'

/** Reads one raw input by its action.yml name ('' when not given). */
export type InputGetter = (name: string) => string

export type CacheMode = 'auto' | 'gha' | 'registry' | 'inline' | 'none'

/** Everything the pipeline needs, typed and validated. Built once from action inputs or CLI flags. */
export interface Inputs {
  context: string
  /** Dockerfile path as given ('' = `Dockerfile` inside the context). */
  file: string
  /** Runtime stage; '' = the last stage. */
  target: string
  /** Tester stage name, or null when the user asked to run without tests (`test-target: none`). */
  testTarget: TestTarget
  testCommand: string
  testReports: string
  tags: string[]
  labels: string[]
  buildArgs: Record<string, string>
  /** `secrets` as given; runPipeline adds the values of `secret-files` and `secret-envs` (resolveSecrets). */
  secrets: Secret[]
  secretFiles: SecretFileRef[]
  secretEnvs: SecretEnvRef[]
  platforms: string[]
  builder: string
  network: string
  /** Network of the test container; default `network`. */
  testNetwork: string
  noCache: boolean
  pull: boolean
  push: boolean
  cache: CacheMode
  cacheRef: string
  cacheFrom: string[]
  cacheTo: string[]
  createBuilder: boolean
  /** Keep a builder stagegate created (else removed at the end of the job). */
  keepBuilder: boolean
  // docker/build-push-action's inputs of the same names, parsed as it parses them.
  addHosts: string[]
  allow: string[]
  annotations: string[]
  attests: string[]
  buildContexts: string[]
  /** `call` other than `build`: evaluate the runtime build (`check`, `outline`, ...) instead; '' = build. */
  call: string
  cgroupParent: string
  noCacheFilters: string[]
  outputs: string[]
  /** `provenance` as given: `true`, `false` or attributes; '' = build-push-action's default. */
  provenance: string
  sbom: string
  shmSize: string
  ssh: string[]
  ulimits: string[]
  /** The Dockerfile check before any build: annotate (`warn`), fail on findings (`error`), or `off`. */
  check: CheckMode
}

/**
 * A list input split as build-push-action splits it (actions-toolkit's Util.getList: csv records,
 * `"`-quoted entries, commas separate unless `ignoreComma`), entries trimmed, empty ones dropped.
 * `quote: false` (its `outputs`) keeps quotes as text. Pure.
 */
export function parseListInput(
  name: string,
  raw: string,
  options: { ignoreComma: boolean; quote?: boolean }
): string[] {
  if (options.quote === false) {
    const lines = raw.split(/\r?\n/)
    const items = options.ignoreComma ? lines : lines.flatMap(line => line.split(','))
    return items.map(item => item.trim()).filter(item => item !== '')
  }
  return splitListInput(name, raw, options)
    .map(entry => entry.text.trim())
    .filter(text => text !== '')
}

/** Splits a list input: one item per line, or comma-separated on a line; blanks dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .flatMap(line => line.split(','))
    .map(item => item.trim())
    .filter(item => item !== '')
}

/** Splits a line-only list (values may contain commas, e.g. cache-from specs). */
export function parseLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; '' gives the default. */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`Input "${name}" must be true or false, got "${value}".`)
}

function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[], fallback: T): T {
  const value = raw.trim().toLowerCase()
  if (value === '') return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new UserError(`Input "${name}" must be one of ${choices.join(', ')}; got "${raw.trim()}".`)
}

/** `KEY=value` lines (the value may contain `=` and commas). */
export function parseKeyValues(name: string, raw: string): Array<[string, string]> {
  return parseLines(raw).map((line, i) => {
    const eq = line.indexOf('=')
    const key = eq < 0 ? '' : line.slice(0, eq).trim()
    if (eq < 0 || key === '') {
      // Never echo the line: for `secrets` it may be a secret value.
      throw new UserError(`Input "${name}", line ${i + 1}: expected KEY=value.`)
    }
    return [key, line.slice(eq + 1)]
  })
}

export function parseInputs(get: InputGetter): Inputs {
  const buildArgs: Record<string, string> = {}
  for (const [key, value] of parseKeyValues('build-args', get('build-args'))) buildArgs[key] = value
  const secrets = parseSecretValues(get('secrets'))
  const secretFiles = parseSecretRefs('secret-files', get('secret-files')).map(([id, path]) => ({ id, path }))
  const secretEnvs = parseSecretRefs('secret-envs', get('secret-envs')).map(([id, name]) => ({ id, name }))
  checkDuplicateSecretIds([
    { input: 'secrets', ids: secrets.map(s => s.id) },
    { input: 'secret-files', ids: secretFiles.map(s => s.id) },
    { input: 'secret-envs', ids: secretEnvs.map(s => s.id) }
  ])
  const network = get('network').trim()
  const inputs: Inputs = {
    context: get('context').trim() || '.',
    file: get('file').trim(),
    target: get('target').trim(),
    testTarget: resolveTestTarget(get('test-target')),
    testCommand: get('test-command').trim(),
    testReports: get('test-reports').trim(),
    tags: parseList(get('tags')),
    labels: parseLines(get('labels')),
    buildArgs,
    secrets,
    secretFiles,
    secretEnvs,
    platforms: parseList(get('platforms')),
    builder: get('builder').trim(),
    network,
    testNetwork: get('test-network').trim() || network,
    noCache: parseBoolean('no-cache', get('no-cache'), false),
    pull: parseBoolean('pull', get('pull'), false),
    push: parseBoolean('push', get('push'), false),
    cache: parseChoice('cache', get('cache'), ['auto', 'gha', 'registry', 'inline', 'none'] as const, 'auto'),
    cacheRef: get('cache-ref').trim(),
    cacheFrom: parseLines(get('cache-from')),
    cacheTo: parseLines(get('cache-to')),
    createBuilder: parseBoolean('create-builder', get('create-builder'), true),
    keepBuilder: parseBoolean('keep-builder', get('keep-builder'), false),
    addHosts: parseListInput('add-hosts', get('add-hosts'), { ignoreComma: false }),
    allow: parseListInput('allow', get('allow'), { ignoreComma: false }),
    annotations: parseListInput('annotations', get('annotations'), { ignoreComma: true }),
    attests: parseListInput('attests', get('attests'), { ignoreComma: true }),
    buildContexts: parseListInput('build-contexts', get('build-contexts'), { ignoreComma: true }),
    // `build` is buildx's default evaluation, the normal build: no flag, so any buildx does it.
    call: get('call').trim() === 'build' ? '' : get('call').trim(),
    cgroupParent: get('cgroup-parent').trim(),
    noCacheFilters: parseListInput('no-cache-filters', get('no-cache-filters'), { ignoreComma: false }),
    outputs: parseListInput('outputs', get('outputs'), { ignoreComma: true, quote: false }),
    provenance: get('provenance').trim(),
    sbom: get('sbom').trim(),
    shmSize: get('shm-size').trim(),
    ssh: parseListInput('ssh', get('ssh'), { ignoreComma: false }),
    ulimits: parseListInput('ulimit', get('ulimit'), { ignoreComma: true }),
    check: parseChoice('check', get('check'), CHECK_MODES, 'warn')
  }
  validateInputs(inputs)
  validateBuildOptions(inputs)
  return inputs
}

function validateInputs(inputs: Inputs): void {
  if (inputs.push && inputs.tags.length === 0) {
    throw new UserError('Input "push" is true but no "tags" were given: name at least one tag to push to.')
  }
  if (inputs.testTarget === NO_TESTS && (inputs.testCommand !== '' || inputs.testReports !== '')) {
    throw new UserError(
      'Input "test-target" is none, so "test-command" and "test-reports" would never run: remove them or name the tester stage.'
    )
  }
  if (inputs.testReports !== '' && !inputs.testReports.startsWith('/')) {
    throw new UserError(
      `Input "test-reports" must be an absolute path inside the container, got "${inputs.testReports}".`
    )
  }
  if (inputs.cache === 'registry' && inputs.cacheRef === '') {
    throw new UserError(
      'Input "cache" is registry but "cache-ref" is empty: name an image reference to hold the cache.'
    )
  }
  for (const tag of inputs.tags) {
    const problem = tagProblem(tag)
    if (problem) throw new UserError(`Input "tags": "${tag}" is not an image reference: ${problem}.`)
  }
  const cacheRefProblem = inputs.cacheRef === '' ? null : tagProblem(inputs.cacheRef)
  if (cacheRefProblem)
    throw new UserError(
      `Input "cache-ref": "${inputs.cacheRef}" is not an image reference: ${cacheRefProblem}.`
    )
}

// docker's units.RAMInBytes: `2g`, `512m`, `1.5GB`, `64MiB`, plain bytes.
const SIZE = /^\d+(\.\d+)?\s?[kmgtp]?i?b?$/i
// docker's units.ParseUlimit names.
const ULIMITS = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack'
]

/** The problem with one `ulimit` entry (`nofile=1024:2048`), null when docker accepts it. Pure. */
export function ulimitProblem(entry: string): string | null {
  const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(entry)
  if (!match) return 'expected name=soft or name=soft:hard, e.g. nofile=1024:2048'
  if (!ULIMITS.includes(match[1] as string))
    return `"${match[1]}" is not a ulimit; one of ${ULIMITS.join(', ')}`
  if (match[3] !== undefined && Number(match[2]) > Number(match[3]))
    return 'the soft limit is above the hard limit'
  return null
}

/** build-push-action's build options, checked before anything runs; messages name the input and entry. */
function validateBuildOptions(inputs: Inputs): void {
  if (inputs.shmSize && !SIZE.test(inputs.shmSize)) {
    throw new UserError(
      `Input "shm-size": "${inputs.shmSize}" is not a size; write e.g. 2g, 512m or 1073741824.`
    )
  }
  for (const entry of inputs.ulimits) {
    const problem = ulimitProblem(entry)
    if (problem) throw new UserError(`Input "ulimit": "${entry}": ${problem}.`)
  }
  for (const host of inputs.addHosts) {
    if (!/^[^:=\s]+[:=]\S+$/.test(host)) {
      throw new UserError(
        `Input "add-hosts": "${host}" is not a host mapping; write host:ip, e.g. docker:10.180.0.1.`
      )
    }
  }
  for (const context of inputs.buildContexts) {
    if (!/^[^=\s]+=\S/.test(context)) {
      throw new UserError(
        `Input "build-contexts": "${context}" is not name=source; write e.g. alpine=docker-image://alpine:3.20 or assets=./assets.`
      )
    }
  }
  if (/\s/.test(inputs.call)) {
    throw new UserError(
      `Input "call": "${inputs.call}" is not a method; write check, outline or targets (or build).`
    )
  }
  if (inputs.call && inputs.push) {
    throw new UserError(
      `Input "call" is ${inputs.call}: it evaluates the build and builds no image, so "push" has nothing to push. Remove "push", or "call" to build.`
    )
  }
  if (inputs.call && inputs.outputs.length > 0) {
    throw new UserError(
      `Input "call" is ${inputs.call}: it exports nothing, so "outputs" cannot apply. Remove one of them.`
    )
  }
}

const TAG = /^[\w][\w.-]{0,127}$/

/**
 * What is wrong with a reference to build and push to (distribution/reference's grammar, see
 * src/reference.ts), in words that name the part to fix; null when docker accepts it. Pure.
 */
export function tagProblem(ref: string): string | null {
  if (/\s/.test(ref)) return 'it contains whitespace'
  if (ref.startsWith('-')) return 'it starts with "-"'
  const { name, tag, digest } = splitReference(ref)
  if (digest !== null) return 'an image to build is named by a tag, not a digest: drop the "@..." part'
  const problem = validateReference(ref)
  if (problem === null) return null
  if (tag !== null && !TAG.test(tag)) {
    return tag.length > 128
      ? 'the tag after ":" is longer than 128 characters'
      : `the tag "${tag}" may only hold letters, digits, '_', '.' and '-', and cannot start with '.' or '-'`
  }
  const lowered = `${name.toLowerCase()}${ref.slice(name.length)}`
  if (name !== name.toLowerCase() && validateReference(lowered) === null) {
    return `repository name must be lowercase (${lowered} would do)`
  }
  // Anything else: distribution's own wording, without its generic prefix.
  return problem.replace(/^invalid reference format: ?/, '') || 'invalid reference format'
}
