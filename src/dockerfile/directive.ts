// The `# check=` directive as BuildKit's linter.ParseLintOptions reads it.
export interface CheckOptions {
  skip: string[]
  skipAll: boolean
  error: boolean
}

// Go strconv.ParseBool.
function parseBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false
  return null
}

/** Parse `skip=A,B;error=true`; throws Error with BuildKit's message (without its prefix). */
export function parseCheckOptions(value: string): CheckOptions {
  const out: CheckOptions = { skip: [], skipAll: false, error: false }
  const text = value.trim()
  if (text === '') return out
  // strings.SplitN(s, ";", 2): a third option stays inside the second one's value.
  const semi = text.indexOf(';')
  const parts = semi < 0 ? [text] : [text.slice(0, semi), text.slice(semi + 1)]
  for (const p of parts) {
    const eq = p.indexOf('=')
    if (eq < 0) throw new Error(`invalid check option ${JSON.stringify(p)}`)
    const k = p.slice(0, eq).trim()
    const v = p.slice(eq + 1)
    if (k === 'skip') {
      const t = v.trim()
      if (t === 'all') out.skipAll = true
      else out.skip = t.split(',').map(r => r.trim())
    } else if (k === 'error') {
      const t = v.trim()
      const b = parseBool(t)
      if (b === null)
        throw new Error(
          `failed to parse check option ${JSON.stringify(p)}: strconv.ParseBool: parsing ${JSON.stringify(t)}: invalid syntax`
        )
      out.error = b
    } else throw new Error(`invalid check option ${JSON.stringify(k)}`)
  }
  return out
}
