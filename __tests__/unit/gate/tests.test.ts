import { describe, expect, test } from '@jest/globals'
import { decideTests, mapFailureFiles, summarizeTests } from '../../../src/gate/tests.js'
import type { Host } from '../../../src/host.js'

const junit = (failures: number) =>
  `<testsuite name="s" tests="3" failures="${failures}">` +
  Array.from({ length: 3 }, (_, i) =>
    i < failures
      ? `<testcase name="t${i}" file="a.sh" line="${i + 1}"><failure message="boom ${i}"/></testcase>`
      : `<testcase name="t${i}"/>`
  ).join('') +
  '</testsuite>'

describe('decideTests', () => {
  test.each([
    ['exit 0, no reports', 0, [], 'passed', undefined],
    ['exit 1, no reports', 1, [], 'failed', undefined],
    ['exit 0, passing report', 0, [junit(0)], 'passed', 3],
    ['exit 1, failing report', 1, [junit(2)], 'failed', 1],
    ['exit 0 but the report records failures: the gate fails', 0, [junit(1)], 'failed', 2],
    ['exit 1 with a passing report: the exit code decides', 1, [junit(0)], 'failed', 3]
  ])('%s → %s', (_name, exitCode, xmls, outcome, passed) => {
    const summary = decideTests({
      mode: 'command',
      exitCode,
      durationMs: 5,
      reports: xmls.map((xml, i) => ({ path: `r${i}.xml`, xml }))
    })
    expect(summary.outcome).toBe(outcome)
    expect(summary.passed).toBe(passed)
  })

  test('failing cases keep their message, file and line', () => {
    const summary = decideTests({
      mode: 'command',
      exitCode: 1,
      durationMs: 1,
      reports: [{ path: 'r.xml', xml: junit(1) }]
    })
    expect(summary.failures).toEqual([
      expect.objectContaining({ name: 't0', message: 'boom 0', file: 'a.sh', line: 1 })
    ])
  })

  test('XML that is not JUnit (coverage) is ignored, not counted', () => {
    const summary = decideTests({
      mode: 'build',
      exitCode: 0,
      durationMs: 1,
      reports: [{ path: 'coverage.xml', xml: '<coverage line-rate="0.9"/>' }]
    })
    expect(summary.outcome).toBe('passed')
    expect(summary.tests).toBeUndefined()
  })

  test.each<[string, string[], number, number | undefined]>([
    ['no report: the step time', [], 13_800, undefined],
    ['one report: its own time', ['<testsuite time="1.56"><testcase name="a"/></testsuite>'], 1560, 1.56],
    [
      'two reports: the sum',
      [
        '<testsuite time="1"><testcase name="a"/></testsuite>',
        '<testsuites time="0.5"><testsuite><testcase name="b"/></testsuite></testsuites>'
      ],
      1500,
      1.5
    ],
    [
      'a report without time: the step time',
      ['<testsuite><testcase name="a"/></testsuite>'],
      13_800,
      undefined
    ]
  ])('duration, %s', (_name, xmls, durationMs, reportSeconds) => {
    const summary = decideTests({
      mode: 'build',
      exitCode: 0,
      durationMs: 13_800,
      reports: xmls.map((xml, i) => ({ path: `r${i}.xml`, xml }))
    })
    expect(summary.durationMs).toBe(durationMs)
    expect(summary.reportSeconds).toBe(reportSeconds)
  })

  test('an unreadable report is a warning, not a stop; the exit code still decides', () => {
    const warnings: string[] = []
    const host = { warning: (m: string) => warnings.push(m), error: () => undefined } as unknown as Host
    const summary = summarizeTests({
      mode: 'command',
      exitCode: 1,
      durationMs: 1,
      host,
      reports: [
        {
          path: 'evil.xml',
          xml: '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]><testsuite>&e;</testsuite>'
        }
      ]
    })
    expect(summary.outcome).toBe('failed')
    expect(summary.tests).toBeUndefined()
    expect(warnings).toEqual([expect.stringMatching(/^Test report evil\.xml: declares a DTD/)])
    expect(summary.reportWarnings).toEqual(warnings)
  })

  test("node:test's top-level failing test fails the gate even when the command exited 0", () => {
    const summary = decideTests({
      mode: 'command',
      exitCode: 0,
      durationMs: 1,
      reports: [
        {
          path: 'node.xml',
          xml: '<testsuites><testsuite name="s"><testcase name="a"/></testsuite><testcase name="top"><failure message="boom"/></testcase></testsuites>'
        }
      ]
    })
    expect(summary).toMatchObject({ outcome: 'failed', tests: 2, passed: 1, failed: 1 })
  })
})

describe('mapFailureFiles: failures point at the repository, or nowhere', () => {
  const failures = [
    { name: 'adds', kind: 'failure' as const, file: '/app/test/math.test.js', line: 12 },
    { name: 'parses', kind: 'failure' as const, file: '/usr/lib/node/assert.js', line: 3 },
    { name: 'no file', kind: 'error' as const }
  ]
  const map = (file: string) => (file.startsWith('/app/') ? `svc/${file.slice(5)}` : null)

  test.each([
    ['a container path of a copied file', 0, { file: 'svc/test/math.test.js', line: 12 }],
    ['a path outside the repository loses its location, keeps the failure', 1, { name: 'parses' }],
    ['a failure without a file stays as it is', 2, { name: 'no file' }]
  ])('%s', (_name, index, expected) => {
    const mapped = mapFailureFiles(failures, map)[index]
    expect(mapped).toMatchObject(expected)
    if (!('file' in expected)) expect(mapped).not.toHaveProperty('file')
    if (!('line' in expected)) expect(mapped).not.toHaveProperty('line')
  })
})

describe('summarizeTests with report paths mapped to the repository', () => {
  const xml =
    '<testsuite name="s" tests="2" failures="2">' +
    '<testcase name="mapped" file="/app/test/a.test.js" line="4"><failure message="x"/></testcase>' +
    '<testcase name="elsewhere" file="/usr/lib/x.js" line="9"><failure message="y"/></testcase>' +
    '</testsuite>'
  const errors: Array<{ title?: string; file?: string; startLine?: number }> = []
  const host = {
    warning: () => undefined,
    error: (_m: string, where: { title?: string; file?: string; startLine?: number }) => errors.push(where)
  } as unknown as Host
  const summary = summarizeTests({
    mode: 'command',
    exitCode: 1,
    durationMs: 1,
    host,
    reports: [{ path: 'r.xml', xml }],
    mapFile: f => (f.startsWith('/app/') ? `svc/${f.slice(5)}` : null)
  })

  test('annotations carry the repository path and line, or no location at all', () => {
    expect(errors.map(e => [e.file, e.startLine])).toEqual([
      ['svc/test/a.test.js', 4],
      [undefined, undefined]
    ])
  })

  test("the summary shows the repository path, else the report's own", () => {
    expect(summary.failures.map(f => [f.file, f.line])).toEqual([
      ['svc/test/a.test.js', 4],
      ['/usr/lib/x.js', 9]
    ])
  })
})
