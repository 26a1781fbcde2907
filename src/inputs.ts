import { UserError } from './errors.js'
import { validateReference } from './reference.js'
import {
  checkDuplicateSecretIds,
  parseSecretRefs,
  parseSecretValues,
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
  testTarget: string | null
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
  const testTarget = get('test-target').trim()
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
    testTarget: testTarget.toLowerCase() === 'none' ? null : testTarget || 'tester',
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
    createBuilder: parseBoolean('create-builder', get('create-builder'), true)
  }
  validateInputs(inputs)
  return inputs
}

function validateInputs(inputs: Inputs): void {
  if (inputs.push && inputs.tags.length === 0) {
    throw new UserError('Input "push" is true but no "tags" were given: name at least one tag to push to.')
  }
  if (inputs.testTarget === null && (inputs.testCommand !== '' || inputs.testReports !== '')) {
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

const TAG = /^[\w][\w.-]{0,127}$/

/**
 * What is wrong with a reference to build and push to (distribution/reference's grammar, see
 * src/reference.ts), in words that name the part to fix; null when docker accepts it. Pure.
 */
export function tagProblem(ref: string): string | null {
  if (/\s/.test(ref)) return 'it contains whitespace'
  if (ref.startsWith('-')) return 'it starts with "-"'
  const at = ref.indexOf('@')
  const lastSlash = ref.lastIndexOf('/')
  const colon = ref.indexOf(':', lastSlash + 1)
  const name = colon < 0 ? ref : ref.slice(0, colon)
  const tag = colon < 0 ? null : ref.slice(colon + 1)
  if (at >= 0) return 'an image to build is named by a tag, not a digest: drop the "@..." part'
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
