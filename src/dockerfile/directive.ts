// The `# check=` directive as BuildKit's linter.ParseLintOptions reads it.
export interface CheckOptions {
  skip: string[]
  skipAll: boolean
  /** Experimental rules opted in (`experimental=A,B`); `experimental=all` sets experimentalAll. */
  experimental: string[]
  experimentalAll: boolean
  error: boolean
}

// Go strconv.ParseBool.
function parseBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false
  return null
}

// strings.Split(v, ",") with each part trimmed.
const list = (v: string) => v.split(',').map(r => r.trim())

/** Parse `skip=A,B;experimental=C;error=true`; throws Error with BuildKit's message (without its prefix). */
export function parseCheckOptions(value: string): CheckOptions {
  const out: CheckOptions = {
    skip: [],
    skipAll: false,
    experimental: [],
    experimentalAll: false,
    error: false
  }
  const text = value.trim()
  if (text === '') return out
  // strings.SplitN(s, ";", 3): a fourth option stays inside the third one's value.
  const parts: string[] = []
  let rest = text
  while (parts.length < 2) {
    const semi = rest.indexOf(';')
    if (semi < 0) break
    parts.push(rest.slice(0, semi))
    rest = rest.slice(semi + 1)
  }
  parts.push(rest)
  for (const p of parts) {
    const eq = p.indexOf('=')
    if (eq < 0) throw new Error(`invalid check option ${JSON.stringify(p)}`)
    const k = p.slice(0, eq).trim()
    const v = p.slice(eq + 1).trim()
    if (k === 'skip') {
      if (v === 'all') out.skipAll = true
      else out.skip = list(v)
    } else if (k === 'experimental') {
      if (v === 'all') out.experimentalAll = true
      else out.experimental = list(v)
    } else if (k === 'error') {
      const b = parseBool(v)
      if (b === null)
        throw new Error(
          `failed to parse check option ${JSON.stringify(p)}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`
        )
      out.error = b
    } else throw new Error(`invalid check option ${JSON.stringify(k)}`)
  }
  return out
}
