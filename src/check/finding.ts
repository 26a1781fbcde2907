// A finding in the shape of BuildKit's lint results (`docker buildx build --call check,format=json`).
export type Severity = 'warning' | 'error'

export interface Finding {
  ruleName: string
  description: string
  url: string
  detail: string
  /** 1-based, inclusive. */
  startLine: number
  endLine: number
  severity: Severity
}

export interface RuleInfo {
  name: string
  description: string
  url: string
}

/** BuildKit's JSON: `{"warnings":[{ruleName, description, url, detail, location:{ranges}}]}`. */
export function toCheckJson(findings: readonly Finding[]): string {
  const warnings = findings.map(f => ({
    ruleName: f.ruleName,
    description: f.description,
    ...(f.url ? { url: f.url } : {}),
    detail: f.detail,
    location: { ranges: [{ start: { line: f.startLine }, end: { line: f.endLine } }] }
  }))
  return JSON.stringify({ warnings }, null, 2)
}
