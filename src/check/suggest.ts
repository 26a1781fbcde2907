// BuildKit's util/suggest: the closest known name for a misspelt one.
function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number
      prev[j] = Math.min(tmp + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = tmp
    }
  }
  return prev[b.length] as number
}

/** The option within a third of the name's length in edits (at least 1), or ''. */
export function suggest(value: string, options: Iterable<string>, caseSensitive = true): string {
  const v = caseSensitive ? value : value.toLowerCase()
  let best = ''
  let bestDist = Math.max(2, Math.floor(v.length / 3)) + 1
  for (const o of [...options].sort()) {
    const c = caseSensitive ? o : o.toLowerCase()
    if (c === v) return o
    const d = levenshtein(v, c)
    if (d < bestDist) {
      best = o
      bestDist = d
    }
  }
  return best
}
