// The Dockerfile check inside a run: the input, annotations, the check: error decision, and the
// comparison with the base branch's findings (by rule, stage and instruction, not by line).
import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { checkDockerfile } from '../../../src/check/index.js'
import {
  checkFailure,
  compareFindings,
  findingAnnotations,
  findingsProblem,
  locateFinding,
  normalizeInstruction,
  type RecordedFinding
} from '../../../src/check/in-run.js'
import { parseInputs } from '../../../src/inputs.js'

const lines = (...l: string[]) => l.join('\n') + '\n'
/** The findings of a Dockerfile as a run records them. */
const recorded = (text: string): RecordedFinding[] => {
  const graph = readDockerfile(text, { file: 'Dockerfile' })
  return checkDockerfile(graph, { context: '/c', exists: () => true }).findings.map(f =>
    locateFinding(graph, f)
  )
}
const brief = (fs: readonly RecordedFinding[]) => fs.map(f => `${f.ruleName}@${f.startLine}`)

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

describe('the check input', () => {
  test.each<[string, string]>([
    ['', 'warn'],
    ['warn', 'warn'],
    ['error', 'error'],
    [' OFF ', 'off']
  ])('%j → %s', (raw, mode) => {
    expect(parseInputs(name => (name === 'check' ? raw : '')).check).toBe(mode)
  })
  test('anything else names the input and the allowed values', () => {
    expect(() => parseInputs(name => (name === 'check' ? 'strict' : ''))).toThrow(
      'Input "check" must be one of warn, error, off; got "strict".'
    )
  })
})

describe('normalizeInstruction', () => {
  test.each<[string, string]>([
    ['RUN  echo   $FOO', 'RUN echo $FOO'],
    ['run echo\t$FOO', 'RUN echo $FOO'],
    ['  COPY . /app  ', 'COPY . /app'],
    ['', ''],
    [`RUN ${'x'.repeat(300)}`, `RUN ${'x'.repeat(196)}`]
  ])('%j → %j', (text, expected) => {
    expect(normalizeInstruction(text)).toBe(expected)
  })
})

describe('locateFinding', () => {
  test('names the stage and the instruction of the line; a global ARG has no stage', () => {
    const text = lines(
      'ARG NPM_TOKEN',
      'FROM local/busybox:1 AS build',
      'ENV A=$FOO',
      'FROM local/busybox:1',
      'COPY --from=build /a /a',
      'USER nobody'
    )
    const found = recorded(text)
    expect(found.map(f => [f.ruleName, f.startLine, f.stage, f.instruction])).toEqual([
      ['UndefinedVar', 3, 'build', 'ENV A=$FOO']
    ])
  })
  test('a finding on a continued instruction keeps its whole range', () => {
    const text = lines('FROM local/busybox:1', 'ENV A=$FOO \\', '  B=1', 'USER nobody')
    const [f] = recorded(text)
    expect(f).toMatchObject({ startLine: 2, stage: 'stage-0', instruction: 'ENV A=$FOO B=1' })
  })
})

describe('findingAnnotations', () => {
  const f = finding()
  test.each<[string, RecordedFinding, 'warn' | 'error', 'warning' | 'error']>([
    ['warn: a warning', f, 'warn', 'warning'],
    ['error: an error', f, 'error', 'error'],
    ['# check=error=true: an error even under warn', finding({ severity: 'error' }), 'warn', 'error']
  ])('%s', (_name, given, mode, level) => {
    expect(findingAnnotations([given], 'app/Dockerfile', mode)).toEqual([
      {
        level,
        message: `Usage of undefined variable '$FOO' (UndefinedVar)\n${f.url}`,
        where: { title: 'UndefinedVar', file: 'app/Dockerfile', startLine: 3, endLine: 3 }
      }
    ])
  })
  test('off: none; no URL: the message alone', () => {
    expect(findingAnnotations([f], 'Dockerfile', 'off')).toEqual([])
    expect(findingAnnotations([finding({ url: '' })], 'Dockerfile', 'warn')[0]?.message).toBe(
      "Usage of undefined variable '$FOO' (UndefinedVar)"
    )
  })
})

describe('checkFailure', () => {
  test.each<[string, RecordedFinding[], 'warn' | 'error' | 'off', string | null]>([
    ['warn does not fail on warnings', [finding()], 'warn', null],
    ['off never fails', [finding({ severity: 'error' })], 'off', null],
    [
      'warn fails on what # check=error=true made errors, as BuildKit does',
      [finding(), finding({ severity: 'error', startLine: 5, endLine: 5 })],
      'warn',
      "The Dockerfile check found 1 problem, so nothing was built (the Dockerfile says # check=error=true). Fix it (stagegate check lists the same), or drop error=true from its # check= line: Dockerfile:5 UndefinedVar: Usage of undefined variable '$FOO'."
    ],
    ['error without findings goes on', [], 'error', null],
    [
      'error with one finding',
      [finding()],
      'error',
      "The Dockerfile check found 1 problem, so nothing was built (check: error). Fix it (stagegate check lists the same), or set check: warn to build anyway: Dockerfile:3 UndefinedVar: Usage of undefined variable '$FOO'."
    ]
  ])('%s', (_name, findings, mode, expected) => {
    expect(checkFailure(findings, 'Dockerfile', mode)).toBe(expected)
  })
  test('lists ten and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => finding({ startLine: i + 1, endLine: i + 1 }))
    const message = checkFailure(many, 'Dockerfile', 'error') ?? ''
    expect(message).toMatch(/^The Dockerfile check found 12 problems/)
    expect(message.match(/Dockerfile:\d+ UndefinedVar/g)).toHaveLength(10)
    expect(message).toContain('Dockerfile:10 UndefinedVar')
    expect(message).not.toContain('Dockerfile:11 ')
    expect(message).toContain('Fix them')
    expect(message).toMatch(/; and 2 more\.$/)
  })
})

describe('compareFindings', () => {
  const base = lines(
    'FROM local/busybox:1 AS build',
    'ENV A=$FOO',
    'FROM local/busybox:1',
    'COPY --from=build /a /a',
    'USER nobody'
  )
  test.each<[string, string, string[], string[], string[]]>([
    ['unchanged', base, [], ['UndefinedVar@2'], []],
    [
      'lines moved: the same finding, not a new one',
      lines(
        '# a comment',
        '',
        'FROM local/busybox:1 AS build',
        'RUN mkdir /a',
        'ENV A=$FOO',
        'FROM local/busybox:1',
        'COPY --from=build /a /a',
        'USER nobody'
      ),
      [],
      ['UndefinedVar@5'],
      []
    ],
    [
      'a new finding in another instruction',
      lines(
        'FROM local/busybox:1 AS build',
        'ENV A=$FOO',
        'ENV B=$BAR',
        'FROM local/busybox:1',
        'COPY --from=build /a /a',
        'USER nobody'
      ),
      ['UndefinedVar@3'],
      ['UndefinedVar@2'],
      []
    ],
    [
      'fixed: the base finding is listed at its base line',
      lines(
        'FROM local/busybox:1 AS build',
        'RUN true',
        'FROM local/busybox:1',
        'COPY --from=build /a /a',
        'USER nobody'
      ),
      [],
      [],
      ['UndefinedVar@2']
    ],
    [
      'the same instruction moved to another stage is new there',
      lines(
        'FROM local/busybox:1 AS build',
        'RUN true',
        'FROM local/busybox:1',
        'COPY --from=build /a /a',
        'ENV A=$FOO',
        'USER nobody'
      ),
      ['UndefinedVar@5'],
      [],
      ['UndefinedVar@2']
    ],
    [
      'an edited instruction is another instruction: its findings are new, the old one fixed',
      lines(
        'FROM local/busybox:1 AS build',
        'ENV A=$FOO B=$BAR',
        'FROM local/busybox:1',
        'COPY --from=build /a /a',
        'USER nobody'
      ),
      ['UndefinedVar@2', 'UndefinedVar@2'],
      [],
      ['UndefinedVar@2']
    ]
  ])('%s', (_name, text, introduced, remaining, fixed) => {
    const result = compareFindings(recorded(text), recorded(base))
    expect(brief(result.introduced)).toEqual(introduced)
    expect(brief(result.remaining)).toEqual(remaining)
    expect(brief(result.fixed)).toEqual(fixed)
  })

  test('same rule and place pair up by detail first, then by place; each base finding once', () => {
    const foo = finding()
    const bar = finding({ detail: "Usage of undefined variable '$BAR'" })
    const baz = finding({ detail: "Usage of undefined variable '$BAZ'" })
    // Base FOO+BAR; now BAR+BAZ+FOO: FOO and BAR stay, BAZ is new.
    const r = compareFindings([bar, baz, foo], [foo, bar])
    expect(r.introduced).toEqual([baz])
    expect(r.remaining).toEqual([bar, foo])
    expect(r.fixed).toEqual([])
    // A detail that changed with the line (advice naming a line) still matches by place.
    const moved = finding({ ruleName: 'CacheBustingCopy', detail: "re-runs line 9's install" })
    const before = finding({ ruleName: 'CacheBustingCopy', detail: "re-runs line 4's install" })
    expect(compareFindings([moved], [before])).toEqual({ introduced: [], remaining: [moved], fixed: [] })
    // Twice in the base, once now: one fixed.
    expect(compareFindings([foo], [foo, foo]).fixed).toEqual([foo])
  })
})

describe('findingsProblem', () => {
  test.each<[string, unknown, string | null]>([
    ['none', [], null],
    ['a finding', [finding()], null],
    ['not a list', {}, 'findings is not a list'],
    ['not an object', [1], 'findings[0] is invalid'],
    ['no rule', [{ ...finding(), ruleName: undefined }], 'findings[0] is invalid (ruleName)'],
    ['line 0', [finding({ startLine: 0 })], 'findings[0] is invalid (lines)'],
    ['fractional line', [finding({ endLine: 1.5 })], 'findings[0] is invalid (lines)'],
    ['other severity', [{ ...finding(), severity: 'info' }], 'findings[0] is invalid (severity)']
  ])('%s', (_name, value, problem) => {
    expect(findingsProblem(value)).toBe(problem)
  })
})
