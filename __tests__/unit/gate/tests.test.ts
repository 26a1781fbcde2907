import { describe, expect, test } from '@jest/globals'
import { decideTests } from '../../../src/gate/tests.js'

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
})
