import { describe, expect, test } from '@jest/globals'
import { MAX_FAILING_CASES, renderBuildSummary } from '../../../src/summary.js'
import type { TestCaseFailure } from '../../../src/report/model.js'

const failing = (n: number): TestCaseFailure[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `case_${i}`,
    classname: 'suite',
    kind: 'failure',
    message: `boom ${i}`,
    file: 'a.sh',
    line: i + 1
  }))

const summary = (failures: TestCaseFailure[]): string =>
  renderBuildSummary({
    builder: 'buildkit',
    builds: [],
    stagesByRole: {},
    tests: {
      outcome: 'failed',
      mode: 'command',
      failures,
      tests: failures.length,
      passed: 0,
      failed: failures.length
    },
    failure: { kind: 'tests', message: 'The test command failed with exit code 1.', output: ['FAIL'] },
    image: null
  })

describe('failing test cases in the job summary', () => {
  test('each failing case with its file, line and message', () => {
    expect(summary(failing(2))).toContain('- ❌ suite › case\\_1 (a.sh:2): boom 1')
  })
  test(`at most ${MAX_FAILING_CASES} are listed, the rest counted`, () => {
    const text = summary(failing(MAX_FAILING_CASES + 5))
    expect(text.match(/^- ❌ /gm)).toHaveLength(MAX_FAILING_CASES)
    expect(text).toContain('- … and 5 more failing tests (see the test reports)')
  })
  test('hostile names cannot inject HTML or mentions', () => {
    const text = summary([{ name: '<img src=x onerror=alert(1)> @octocat', kind: 'error' }])
    expect(text).not.toContain('<img')
    expect(text).not.toContain('@octocat')
  })
})
