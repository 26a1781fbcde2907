// The report's collapsed "Dockerfile" section: counts, new findings first, fixed ones, escaping,
// the row cap, and its place in the report.
import { describe, expect, test } from '@jest/globals'
import type { CheckRun, RecordedFinding } from '../../../src/check/in-run.js'
import {
  dockerfileReport,
  dockerfileSection,
  dockerfileSummary,
  type DockerfileReport
} from '../../../src/report/dockerfile-section.js'
import type { Baseline } from '../../../src/report/model.js'
import { renderReport } from '../../../src/report/render.js'
import { smallCase } from './golden/small-case.js'

const finding = (over: Partial<RecordedFinding> = {}): RecordedFinding => ({
  ruleName: 'UndefinedVar',
  detail: "Usage of undefined variable '$FOO'",
  url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/',
  startLine: 3,
  endLine: 3,
  severity: 'warning',
  stage: 'build',
  instruction: 'ENV A=$FOO',
  ...over
})
const old = finding()
const added = finding({
  startLine: 7,
  endLine: 8,
  instruction: 'ENV B=$BAR',
  detail: "Usage of undefined variable '$BAR'"
})
const gone = finding({
  ruleName: 'MaintainerDeprecated',
  startLine: 2,
  endLine: 2,
  instruction: 'MAINTAINER me',
  url: ''
})

const check = (findings: RecordedFinding[], mode: CheckRun['mode'] = 'warn'): CheckRun => ({
  mode,
  file: 'app/Dockerfile',
  findings
})
const baseline = (findings?: RecordedFinding[]): Baseline => ({
  measurement: smallCase().current,
  origin: 'cache',
  ref: 'main',
  ...(findings ? { findings } : {})
})

describe('dockerfileReport', () => {
  test('against a base with findings: new first, the fixed ones listed', () => {
    const report = dockerfileReport(check([old, added]), baseline([gone, old]))
    expect(report).toEqual({
      file: 'app/Dockerfile',
      findings: [added, old],
      comparison: { introduced: [added], fixed: [gone] },
      baseRef: 'main'
    })
  })
  test.each<[string, Baseline | null]>([
    ['no baseline', null],
    ['a baseline recorded without findings (check: off, older stagegate)', baseline()]
  ])('%s: no comparison, not "all new"', (_name, base) => {
    expect(dockerfileReport(check([old, added]), base)?.comparison).toBeNull()
  })
  test('an empty list recorded is a comparison: everything is new', () => {
    expect(dockerfileReport(check([old]), baseline([]))?.comparison).toEqual({ introduced: [old], fixed: [] })
  })
  test('check: off shows nothing', () => {
    expect(dockerfileReport(check([old], 'off'), null)).toBeNull()
  })
})

describe('dockerfileSummary', () => {
  const r = (findings: number, comparison: DockerfileReport['comparison']): DockerfileReport => ({
    file: 'Dockerfile',
    findings: Array.from({ length: findings }, () => old),
    comparison,
    baseRef: 'main'
  })
  test.each<[DockerfileReport, string]>([
    [r(1, null), 'Dockerfile: 1 finding'],
    [r(3, null), 'Dockerfile: 3 findings'],
    [r(3, { introduced: [old], fixed: [] }), 'Dockerfile: 3 findings (1 new)'],
    [r(2, { introduced: [], fixed: [] }), 'Dockerfile: 2 findings (0 new)'],
    [r(0, { introduced: [], fixed: [gone, gone] }), 'Dockerfile: 0 findings (0 new, 2 fixed)']
  ])('%#: %s', (report, expected) => {
    expect(dockerfileSummary(report)).toBe(expected)
  })
})

describe('dockerfileSection', () => {
  test('collapsed; new ones marked and first, then the rest, then the fixed at their base lines', () => {
    const report = dockerfileReport(check([old, added]), baseline([gone, old]))
    expect(dockerfileSection(report, 40)).toEqual([
      '<details><summary>Dockerfile: 2 findings (1 new, 1 fixed)</summary>',
      '',
      '🆕 marks the findings this change introduces against <code>main</code>.',
      '',
      "- 🆕 [UndefinedVar](https://docs.docker.com/go/dockerfile/rule/undefined-var/) <code>app/Dockerfile:7-8</code>: Usage of undefined variable '\\$BAR'",
      "- [UndefinedVar](https://docs.docker.com/go/dockerfile/rule/undefined-var/) <code>app/Dockerfile:3</code>: Usage of undefined variable '\\$FOO'",
      "- ✅ fixed: MaintainerDeprecated (was <code>app/Dockerfile:2</code>): Usage of undefined variable '\\$FOO'",
      '',
      '</details>'
    ])
  })
  test('nothing found and nothing fixed: no section', () => {
    expect(dockerfileSection(dockerfileReport(check([]), baseline([])), 40)).toEqual([])
    expect(dockerfileSection(dockerfileReport(check([]), null), 40)).toEqual([])
    expect(dockerfileSection(null, 40)).toEqual([])
  })
  test('without a comparison: no new marks, no claim about the base', () => {
    const text = dockerfileSection(dockerfileReport(check([old]), null), 40).join('\n')
    expect(text).toContain('<summary>Dockerfile: 1 finding</summary>')
    expect(text).not.toContain('🆕')
    expect(text).not.toContain('new')
  })
  test('no new finding against the base says so', () => {
    const text = dockerfileSection(dockerfileReport(check([old]), baseline([old])), 40).join('\n')
    expect(text).toContain('No finding is new against <code>main</code>.')
  })
  test('what the repository wrote is escaped; unsafe URLs are no links', () => {
    const hostile = finding({
      ruleName: 'Evil](javascript:alert(1))',
      url: 'javascript:alert(1)',
      detail: '<img src=x onerror=alert(1)> @admin #12 | `x`'
    })
    const text = dockerfileSection(
      { file: 'a<b>|c.Dockerfile', findings: [hostile], comparison: null, baseRef: null },
      40
    ).join('\n')
    expect(text).not.toContain('<img')
    expect(text).not.toMatch(/[^\\]\]\(javascript/)
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; @\u200badmin \\#\u200b12 \\| \\`x\\`')
    expect(text).toContain('<code>a&lt;b&gt;\\|c.Dockerfile:3</code>')
    expect(text).toContain('- Evil\\](javascript:alert(1)) <code>')
  })
  test('at most maxRows listed; the rest counted and pointed to the annotations', () => {
    const many = Array.from({ length: 30 }, (_, i) => finding({ startLine: i + 1, endLine: i + 1 }))
    const lines = dockerfileSection({ file: 'D', findings: many, comparison: null, baseRef: null }, 10)
    expect(lines.filter(l => l.startsWith('- [UndefinedVar]'))).toHaveLength(10)
    expect(lines).toContain("- … and 20 more: see the annotations in the workflow run's log.")
  })
})

describe('in the report', () => {
  test('after the tests, before the sizes; absent without a check', () => {
    const dockerfile = dockerfileReport(check([old, added]), baseline([old]))
    const text = renderReport({ ...smallCase(), dockerfile })
    const at = text.indexOf('<details><summary>Dockerfile: 2 findings (1 new)</summary>')
    expect(at).toBeGreaterThan(-1)
    expect(text.indexOf('| Platform |')).toBeGreaterThan(at)
    expect(renderReport(smallCase())).not.toContain('Dockerfile:')
  })
  test('a report that must shrink lists fewer findings and stays within the limit', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      finding({ startLine: i + 1, endLine: i + 1, detail: `${'x'.repeat(250)} ${i}` })
    )
    const dockerfile: DockerfileReport = {
      file: 'Dockerfile',
      findings: many,
      comparison: null,
      baseRef: null
    }
    const full = renderReport({ ...smallCase(), dockerfile, target: 'summary' })
    expect(full.match(/^- \[UndefinedVar\]/gm)).toHaveLength(40)
    const small = renderReport({ ...smallCase(), dockerfile, maxLength: 8_000 })
    expect(small.length).toBeLessThanOrEqual(8_000 - 200)
    const listed = small.match(/^- \[UndefinedVar\]/gm)?.length ?? 0
    expect(listed).toBeLessThan(40)
    expect(small).toMatch(/- … and \d+ more: see the annotations/)
    // The collapsed section is closed again.
    expect(small.split('<details').length).toBe(small.split('</details>').length)
  })
})
