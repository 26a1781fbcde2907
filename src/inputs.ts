import { UserError } from './errors.js'

/** Reads one raw input by its action.yml name ('' when not given). */
export type InputGetter = (name: string) => string

export type CacheMode = 'auto' | 'gha' | 'registry' | 'inline' | 'none'

export interface Secret {
  id: string
  value: string
}

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
  secrets: Secret[]
  platforms: string[]
  builder: string
  network: string
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
  const secrets = parseKeyValues('secrets', get('secrets')).map(([id, value]) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      // The id is not quoted: a multi-line secret value can look like `part=rest`.
      throw new UserError(
        `Input "secrets": an id may only hold letters, digits, '_', '.' and '-' (one id=value per line).`
      )
    }
    return { id, value }
  })
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
    platforms: parseList(get('platforms')),
    builder: get('builder').trim(),
    network: get('network').trim(),
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
    if (/\s/.test(tag) || tag.startsWith('-'))
      throw new UserError(`Input "tags": "${tag}" is not an image reference.`)
  }
}
