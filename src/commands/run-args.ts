// `stagegate run`'s flags, read into the action's input values: its own module, so the command
// line can read `--builder` and start the docker probes before the pipeline loads (src/cli.ts).
import { ACTION_INPUTS, BOOLEAN_INPUTS, INPUT_ALIASES, REPEATABLE_INPUTS } from '../action-inputs.js'
import { UserError } from '../errors.js'
import { quoteListEntry, splitListInput } from '../secrets.js'

export interface RunArgs {
  inputs: Record<string, string>
  json: boolean
  quiet: boolean
  summaryFile: string | null
}

const DOCKER_SECRET_KEYS = new Set(['type', 'id', 'src', 'source', 'env'])

/**
 * One `--secret` value as an entry of the action input it belongs to: `ID=VALUE` for `secrets`,
 * docker build's `id=ID,src=FILE` for `secret-files` and `id=ID,env=VAR` for `secret-envs`
 * (a value that starts with type=, id=, src=, source= or env=, lowercase, is docker's form). Pure.
 */
export function secretFlag(value: string): {
  input: 'secrets' | 'secret-files' | 'secret-envs'
  entry: string
} {
  // Lowercase keys only: `--secret ID=VALUE` with an id such as `ID` or `Env` stays a value.
  const firstKey = value.slice(0, Math.max(0, value.indexOf('=')))
  if (!DOCKER_SECRET_KEYS.has(firstKey)) return { input: 'secrets', entry: quoteListEntry(value) }
  let type = ''
  let id = ''
  let src = ''
  let env = ''
  for (const { text } of splitListInput('--secret', value, { ignoreComma: false })) {
    const eq = text.indexOf('=')
    const key = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase()
    const v = text.slice(eq + 1)
    if (eq < 0 || !DOCKER_SECRET_KEYS.has(key)) {
      // Not echoed: a value meant as ID=VALUE may have landed here.
      throw new UserError(
        `--secret: docker's form is id=ID,src=FILE or id=ID,env=VAR, with the keys type, id, src, source and env only; a value is given as ID=VALUE.`
      )
    }
    if (key === 'type') type = v.toLowerCase()
    else if (key === 'id') id = v
    else if (key === 'env') env = v
    else src = v
  }
  if (type !== '' && type !== 'file' && type !== 'env')
    throw new UserError('--secret: the secret type must be file or env.')
  // As buildx: with type=env, src= names the variable.
  if (type === 'env' && env === '') [env, src] = [src, '']
  if (id === '') throw new UserError('--secret: the secret has no id; write id=ID,src=FILE or id=ID,env=VAR.')
  if (src !== '' && env !== '')
    throw new UserError(`--secret id=${id}: give either src=FILE or env=VAR, not both.`)
  if (src !== '') return { input: 'secret-files', entry: quoteListEntry(`${id}=${src}`) }
  if (env !== '') return { input: 'secret-envs', entry: `${id}=${env}` }
  throw new UserError(
    '--secret: docker\'s form needs src=FILE or env=VAR next to id=ID. A secret whose id is "id" (or type, src, source, env) given by value goes in --secrets, e.g. --secrets id=VALUE.'
  )
}

/** Parses `run` flags into action input values. Pure. */
export function parseRunArgs(argv: string[]): RunArgs {
  const known = new Set<string>(ACTION_INPUTS)
  const repeatable = new Set<string>(REPEATABLE_INPUTS)
  const booleans = new Set<string>(BOOLEAN_INPUTS)
  const values: Record<string, string[]> = {}
  const parsed: RunArgs = { inputs: {}, json: false, quiet: false, summaryFile: null }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const match = /^--?([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg)
    if (!match) throw new UserError(`Unexpected argument "${arg}". See stagegate run --help.`)
    const flag = match[1] ?? ''
    let inline = match[2]
    // Messages name the flag as typed: `-t`, not `--t`.
    const spelled = `${arg.startsWith('--') ? '--' : '-'}${flag}`
    if (flag === 'json' || flag === 'quiet') {
      parsed[flag] = true
      continue
    }
    const name = INPUT_ALIASES[flag] ?? flag
    if (flag === 'summary') {
      parsed.summaryFile = inline ?? argv[++i] ?? ''
      if (!parsed.summaryFile) throw new UserError('--summary needs a file name.')
      continue
    }
    if (!known.has(name)) throw new UserError(`Unknown option ${spelled}. See stagegate run --help.`)
    if (booleans.has(name) && inline === undefined) {
      const next = argv[i + 1]
      inline = next === 'true' || next === 'false' ? (i++, next) : 'true'
    }
    const value = inline ?? argv[++i]
    if (value === undefined) throw new UserError(`${spelled} needs a value.`)
    if (flag === 'secret') {
      // `--secret` reads like docker build's flag; `--secrets` stays the action input as written.
      const secret = secretFlag(value)
      ;(values[secret.input] ??= []).push(secret.entry)
      continue
    }
    if (!repeatable.has(name) && values[name])
      throw new UserError(`${spelled} was given twice; it takes one value.`)
    ;(values[name] ??= []).push(value)
  }
  for (const [name, list] of Object.entries(values)) parsed.inputs[name] = list.join('\n')
  return parsed
}
