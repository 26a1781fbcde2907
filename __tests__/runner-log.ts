// What the GitHub runner makes of a step's output, reduced to the commands that matter here. A
// model of actions/runner: Runner.Sdk/ProcessInvoker.cs (lines from StreamReader.ReadLine, which
// ends a line at \n, \r or \r\n), Runner.Worker/Handlers/OutputManager.cs (a line with `##[` or
// `::` goes to the command manager), Runner.Common/ActionCommand.cs (TryParseV2 then the legacy
// TryParse) and Runner.Worker/ActionCommandManager.cs (stop-commands, resume, each command).

export interface RunnerAnnotation {
  type: 'error' | 'warning' | 'notice'
  message: string
  properties: Record<string, string>
}

export interface RunnerLog {
  annotations: RunnerAnnotation[]
  /** Values given to `add-mask`: the runner hides them in every later line of the job. */
  masks: string[]
  /** Outputs set with the deprecated `set-output` command. */
  outputs: Record<string, string>
  /** Whether commands are still stopped when the output ends. */
  stopped: boolean
}

interface ParsedCommand {
  name: string
  properties: Record<string, string>
  data: string
}

const BUILT_IN = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
]

function unescape(text: string, pairs: Array<[string, string]>): string {
  return pairs.reduce((out, [escaped, raw]) => out.split(escaped).join(raw), text)
}

// The runner's orders of replacement, kept as they are (%25 last).
const DATA: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%']
]
const PROPERTY: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%']
]
const LEGACY: Array<[string, string]> = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%']
]

function properties(text: string, separator: string, pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of text.split(separator).filter(p => p !== '')) {
    const eq = part.indexOf('=')
    const key = eq < 0 ? '' : part.slice(0, eq)
    const value = eq < 0 ? '' : part.slice(eq + 1)
    if (key !== '' && value !== '') out[key] = unescape(value, pairs)
  }
  return out
}

/** `::name k=v,k=v::data`, after leading whitespace. */
function parseV2(line: string, registered: Set<string>): ParsedCommand | null {
  const message = line.trimStart()
  if (!message.startsWith('::')) return null
  const end = message.indexOf('::', 2)
  if (end < 0) return null
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!registered.has(name.toLowerCase())) return null
  return {
    name,
    properties: space > 0 ? properties(info.slice(space + 1).trim(), ',', PROPERTY) : {},
    data: unescape(message.slice(end + 2), DATA)
  }
}

/** `##[name k=v;k=v]data` anywhere in the line. */
function parseLegacy(line: string, registered: Set<string>): ParsedCommand | null {
  const start = line.indexOf('##[')
  if (start < 0) return null
  const close = line.indexOf(']', start)
  if (close < 0) return null
  const info = line.slice(start + 3, close)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!registered.has(name.toLowerCase())) return null
  return {
    name,
    properties: space > 0 ? properties(info.slice(space + 1), ';', LEGACY) : {},
    data: unescape(line.slice(close + 1), LEGACY)
  }
}

/** The lines the runner reads from a stream. */
export function runnerLines(output: string): string[] {
  const lines = output.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Applies a step's output the way the runner does. Pure. */
export function interpretRunnerLog(output: string): RunnerLog {
  const log: RunnerLog = { annotations: [], masks: [], outputs: {}, stopped: false }
  const registered = new Set(BUILT_IN)
  let token: string | null = null
  for (const line of runnerLines(output)) {
    if (!line.includes('##[') && !line.includes('::')) continue
    const command = parseV2(line, registered) ?? parseLegacy(line, registered)
    if (!command) continue
    const name = command.name.toLowerCase()
    if (log.stopped) {
      // Only the token resumes; an empty token never does.
      if (token && name === token.toLowerCase()) {
        registered.delete(token.toLowerCase())
        log.stopped = false
        token = null
      }
      continue
    }
    if (name === 'stop-commands') {
      log.stopped = true
      token = command.data
      if (token) registered.add(token.toLowerCase())
    } else if (name === 'add-mask') {
      if (command.data.trim() !== '') log.masks.push(command.data)
    } else if (name === 'error' || name === 'warning' || name === 'notice') {
      log.annotations.push({ type: name, message: command.data, properties: command.properties })
    } else if (name === 'set-output') {
      const output = command.properties.name
      if (output) log.outputs[output] = command.data
    }
  }
  return log
}

/**
 * Lines a pull request's tests may print to take over the log, each of which takes effect on its
 * own: the `::` form (at a line start, after blanks, or after a carriage return, where the runner
 * starts a new line), and the legacy `##[` form anywhere, so also behind BuildKit's `#9 0.123 `.
 */
export const HOSTILE_COMMANDS = [
  '::stop-commands::tok',
  '::add-mask::Tests',
  '::error file=x::fake',
  '::warning::fake',
  '::set-output name=digest::fake',
  '  ::error::fake indented',
  '##[stop-commands]tok',
  '##[add-mask]Tests',
  '##[error file=x]fake',
  '##[set-output name=digest]fake',
  '#9 0.123 ##[stop-commands]tok',
  '#9 0.123 ##[add-mask]Tests',
  '#9 0.123 ##[error file=x]fake',
  '#9 0.123 ##[set-output name=digest]fake',
  'progress\r::add-mask::Tests',
  'progress\r::error::fake after a carriage return',
  // An empty token stops commands for the rest of the step: nothing resumes it.
  '::stop-commands::'
]
