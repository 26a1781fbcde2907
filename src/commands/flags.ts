// The option parser `plan` and `check` share: `--flag value`, `--flag=value`, short `-f`, switches,
// and the repeatable `--build-arg K=V` (K alone takes $K from the environment, as docker build).
export class UsageError extends Error {}

export interface FlagSpec {
  /** Options that take a value, every spelling to its name: `{ '-f': 'file', '--file': 'file' }`. */
  values: Record<string, string>
  /** Options without a value, every spelling to its name. */
  switches: Record<string, string>
}

export interface ParsedFlags {
  /** The last value given for each value option, by name. */
  values: Record<string, string>
  /** The switches given, by name, in the order first given. */
  switches: string[]
  buildArgs: Record<string, string>
  help: boolean
}

const FLAG_RE = /^(--[a-z-]+|-[a-z])(?:=(.*))?$/s

/** Parse argv against spec; -h/--help and --build-arg are always known. Pure; throws UsageError. */
export function parseFlags(
  argv: readonly string[],
  spec: FlagSpec,
  env: NodeJS.ProcessEnv = {}
): ParsedFlags {
  const out: ParsedFlags = { values: {}, switches: [], buildArgs: {}, help: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const m = FLAG_RE.exec(arg)
    if (!m) throw new UsageError(`unexpected argument "${arg}"`)
    const flag = m[1] as string
    const inline = m[2]
    const value = (): string => {
      if (inline !== undefined) return inline
      const v = argv[i + 1]
      if (v === undefined) throw new UsageError(`${flag} needs a value`)
      i++
      return v
    }
    if (flag === '-h' || flag === '--help') out.help = true
    else if (flag === '--build-arg') {
      const kv = value()
      const eq = kv.indexOf('=')
      if (eq === 0) throw new UsageError(`--build-arg needs KEY=VALUE, got "${kv}"`)
      if (eq > 0) out.buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1)
      else if (env[kv] !== undefined) out.buildArgs[kv] = env[kv] as string
    } else if (Object.hasOwn(spec.values, flag)) out.values[spec.values[flag] as string] = value()
    else if (Object.hasOwn(spec.switches, flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`)
      const name = spec.switches[flag] as string
      if (!out.switches.includes(name)) out.switches.push(name)
    } else throw new UsageError(`unknown option ${flag}`)
  }
  return out
}
