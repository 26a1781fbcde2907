// BuildKit secrets from three inputs, read the way docker/build-push-action reads them
// (`secrets`, `secret-files`, `secret-envs`), then checked against the RUN --mount=type=secret
// lines of the stages the build needs, before anything is built.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DockerfileError, UserError } from './errors.js'
import {
  secretMounts,
  stageLabel,
  type SecretMount,
  type Stage,
  type StageGraph
} from './dockerfile/stages.js'

export interface Secret {
  id: string
  value: string
  /** The file the value was read from (`secret-files`): passed to the build as is, so binary content survives. */
  src?: string
}

/** `secret-files` entry: the file's content is the secret. */
export interface SecretFileRef {
  id: string
  path: string
}

/** `secret-envs` entry: the named environment variable's value is the secret. */
export interface SecretEnvRef {
  id: string
  name: string
}

export interface ListEntry {
  text: string
  /** Line of the input where the entry starts (1-based). */
  line: number
}

// The ids BuildKit reads for git sources (ADD of a git URL, a git context) without any mount.
const IMPLICIT_SECRET_IDS = /^GIT_AUTH_(TOKEN|HEADER)(\..+)?$/

const SECRET_ID = /^[A-Za-z0-9_.-]+$/

/**
 * Splits a list input as docker/actions-toolkit's `Util.getList` does with csv-parse (relaxQuotes,
 * relaxColumnCount, skipEmptyLines, no comment character): one entry per line, a `"`-quoted
 * field may span lines and holds `""` for a quote, and with `ignoreComma` commas stay inside the
 * entry. Entries are not trimmed. Pure; a quote left open is a UserError naming the input and line.
 */
export function splitListInput(name: string, raw: string, options: { ignoreComma: boolean }): ListEntry[] {
  const records: { fields: string[]; line: number }[] = []
  let fields: string[] = []
  let field = ''
  let quoting = false
  let wasQuoting = false
  let line = 1
  let recordLine = 1
  let quoteLine = 1
  const endField = () => {
    fields.push(field)
    field = ''
    wasQuoting = false
  }
  const endRecord = () => {
    endField()
    records.push({ fields, line: recordLine })
    fields = []
  }
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string
    const next = raw[i + 1]
    const newline = ch === '\n' || ch === '\r'
    if (quoting) {
      if (ch === '"' && next === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoting = false
        wasQuoting = true
        // relaxQuotes: a closing quote followed by more text makes the whole field literal text.
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') field = `"${field}"`
      } else {
        field += ch
      }
      if (newline) line += ch === '\r' && next === '\n' ? 0 : 1
      continue
    }
    if (newline) {
      if (ch === '\r' && next === '\n') i++
      if (!(fields.length === 0 && field === '' && !wasQuoting)) endRecord()
      line++
      recordLine = line
    } else if (ch === ',') {
      endField()
    } else if (ch === '"' && field === '') {
      quoting = true
      quoteLine = line
    } else {
      field += ch
    }
  }
  if (quoting) {
    throw new UserError(
      `Input "${name}", line ${quoteLine}: the quoted entry that starts there is never closed; end it with a '"' (write "" for a quote inside it).`
    )
  }
  if (fields.length > 0 || field !== '' || wasQuoting) endRecord()

  const entries: ListEntry[] = []
  for (const record of records) {
    const texts =
      record.fields.length === 1
        ? options.ignoreComma
          ? record.fields
          : (record.fields[0] as string).split(',')
        : options.ignoreComma
          ? [record.fields.join(',')]
          : record.fields
    for (const text of texts) if (text !== '') entries.push({ text, line: record.line })
  }
  return entries
}

/** Quotes one entry so splitListInput reads it back unchanged (newlines, quotes and all). Pure. */
export function quoteListEntry(text: string): string {
  return /^["]|[\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function idProblem(id: string): string | null {
  if (id === '') return 'the id before "=" is empty'
  if (!SECRET_ID.test(id)) return `the id may only hold letters, digits, '_', '.' and '-'`
  return null
}

/**
 * `secrets`: `id=value` entries, build-push-action's syntax. The value is everything after the first
 * `=`, untouched: not trimmed, `#` and commas kept; a value of several lines is one quoted entry.
 * An entry that starts with `#` is a comment. Messages never show a value. Pure.
 */
export function parseSecretValues(raw: string): Secret[] {
  const secrets: Secret[] = []
  for (const entry of splitListInput('secrets', raw, { ignoreComma: true })) {
    if (entry.text.trim() === '' || entry.text.startsWith('#')) continue
    const eq = entry.text.indexOf('=')
    const id = eq < 0 ? '' : entry.text.slice(0, eq)
    const problem = eq < 0 ? 'expected id=value' : idProblem(id)
    if (problem) {
      throw new UserError(
        `Input "secrets", line ${entry.line}: ${problem}. One id=value per line; a value of several lines is one quoted entry: "id=line 1<newline>line 2".`
      )
    }
    secrets.push({ id, value: entry.text.slice(eq + 1) })
  }
  return secrets
}

/** `secret-files` (`id=path`) and `secret-envs` (`id=ENV_NAME`, commas also separate). Pure. */
export function parseSecretRefs(name: 'secret-files' | 'secret-envs', raw: string): Array<[string, string]> {
  const entries = splitListInput(name, raw, { ignoreComma: name === 'secret-files' })
  const refs: Array<[string, string]> = []
  for (const entry of entries) {
    const text = entry.text.trim()
    if (text === '' || text.startsWith('#')) continue
    const eq = text.indexOf('=')
    const id = eq < 0 ? '' : text.slice(0, eq).trim()
    const target = eq < 0 ? '' : text.slice(eq + 1).trim()
    const what = name === 'secret-files' ? 'id=path' : 'id=ENV_NAME'
    const problem = eq < 0 || target === '' ? `expected ${what}, got "${text}"` : idProblem(id)
    if (problem) throw new UserError(`Input "${name}", line ${entry.line}: ${problem}.`)
    refs.push([id, target])
  }
  return refs
}

/** One id fed twice is a mistake (which value wins is up to the builder): refuse it. Pure. */
export function checkDuplicateSecretIds(sources: { input: string; ids: string[] }[]): void {
  const seen = new Map<string, string>()
  for (const { input, ids } of sources) {
    for (const id of ids) {
      const first = seen.get(id)
      if (first !== undefined) {
        const where = first === input ? `twice in "${input}"` : `in both "${first}" and "${input}"`
        throw new UserError(`Secret "${id}" is given ${where}: keep one.`)
      }
      seen.set(id, input)
    }
  }
}

export interface SecretSources {
  env: NodeJS.ProcessEnv
  /** Relative `secret-files` paths are relative to this folder (the workspace). */
  workspace: string
  read?: (file: string) => Promise<Buffer>
}

/**
 * All secrets with their values: `secrets` as given, `secret-files` read, `secret-envs` looked up.
 * A missing file or variable is a UserError naming the input and what is missing; an empty value
 * (a repository secret not available to this run, as on a fork's pull request) is left out with a
 * warning, as build-push-action does.
 */
export async function resolveSecrets(
  inputs: { secrets: Secret[]; secretFiles: SecretFileRef[]; secretEnvs: SecretEnvRef[] },
  sources: SecretSources
): Promise<{ secrets: Secret[]; warnings: string[] }> {
  const read = sources.read ?? (file => readFile(file))
  const secrets: Secret[] = []
  const warnings: string[] = []
  const keep = (secret: Secret, input: string) => {
    if (secret.value === '' && secret.src === undefined) {
      warnings.push(
        `Secret "${secret.id}" (${input}) is empty, so it is not passed to the build; on a pull request from a fork, repository secrets are empty.`
      )
    } else secrets.push(secret)
  }
  for (const secret of inputs.secrets) keep(secret, 'secrets')
  for (const ref of inputs.secretFiles) {
    const file = path.resolve(sources.workspace, ref.path)
    let content: Buffer
    try {
      content = await read(file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const why =
        code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`
      throw new UserError(
        `Input "secret-files": the file of secret "${ref.id}", ${ref.path}, ${why}` +
          (path.isAbsolute(ref.path) ? '.' : ` (relative paths start at ${sources.workspace}).`)
      )
    }
    if (content.length === 0) keep({ id: ref.id, value: '' }, 'secret-files')
    else keep({ id: ref.id, value: content.toString('utf8'), src: file }, 'secret-files')
  }
  for (const ref of inputs.secretEnvs) {
    const value = sources.env[ref.name]
    if (value === undefined) {
      throw new UserError(
        `Input "secret-envs": secret "${ref.id}" reads the environment variable ${ref.name}, which is not set. Set it in the step's env: (or export it), or remove the entry.`
      )
    }
    keep({ id: ref.id, value }, 'secret-envs')
  }
  return { secrets, warnings }
}

/**
 * What to mask: each value, and each line of a multi-line value on its own, because the log is
 * written line by line. Lines shorter than 4 characters (`}`, `---`) would blank out unrelated log
 * text and say little about the secret, so they are left out. Pure.
 */
export function secretMaskValues(secrets: Pick<Secret, 'value'>[]): string[] {
  const values = new Set<string>()
  for (const { value } of secrets) {
    if (value === '') continue
    values.add(value)
    const lines = value.split(/\r?\n/)
    if (lines.length > 1) for (const l of lines) if (l.trim().length >= 4) values.add(l.trim())
  }
  return [...values]
}

/**
 * Compares the secrets given with the secret mounts of the stages the build needs. A
 * `required=true` mount no secret feeds is a DockerfileError at its line (the build would fail
 * there, after everything before it was built); a secret no mount uses is a warning (often a
 * typo in the id, or a multi-line value that was not quoted and became several secrets). Pure.
 */
export function checkSecretMounts(
  plan: { graph: StageGraph; testerStages: Stage[]; runtimeStages: Stage[] },
  secretIds: string[]
): string[] {
  const stages = new Map<number, Stage>()
  for (const s of [...plan.testerStages, ...plan.runtimeStages]) stages.set(s.index, s)
  const mounts: { mount: SecretMount; stage: Stage }[] = []
  for (const stage of stages.values()) for (const mount of secretMounts(stage)) mounts.push({ mount, stage })
  const given = new Set(secretIds)
  for (const { mount, stage } of mounts) {
    if (mount.required && mount.id !== null && !given.has(mount.id)) {
      throw new DockerfileError(
        plan.graph.file,
        mount.line,
        `stage "${stageLabel(stage)}" mounts the secret "${mount.id}" with required=true, but no secret has that id. ` +
          `Give it in "secrets" (${mount.id}=...), "secret-files" or "secret-envs" (on the command line: --secret id=${mount.id},src=FILE).`
      )
    }
  }
  // A mount whose id comes from a variable could use any secret: name none as unused.
  if (mounts.some(m => m.mount.id === null)) return []
  const mounted = new Set(mounts.map(m => m.mount.id))
  const names = [...stages.values()].map(stageLabel).join(', ')
  return secretIds
    .filter(id => !mounted.has(id) && !IMPLICIT_SECRET_IDS.test(id))
    .map(
      id =>
        `Secret "${id}" is given, but no RUN --mount=type=secret in the stages this build needs (${names}) uses it. ` +
        `Check the id; a value of several lines must be one quoted entry, or each of its lines becomes a secret of its own.`
    )
}
