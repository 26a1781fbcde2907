// Reports that each reporter really wrote (see __tests__/fixtures/junit/README.md for the tool, its
// version, the command and the console counts these expectations were checked against).
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { readJUnitFile } from '../../../src/gate/junit.js'

const FIXTURES = path.join(process.cwd(), '__tests__/fixtures/junit')

interface Expected {
  tests: number
  passed: number
  failed: number
  errors: number
  skipped: number
  /** `kind:name@file:line` of each failing case, in report order (file and line when known). */
  failing: string[]
  seconds?: number
  warnings?: number
}

describe('readJUnitFile on reports written by each reporter', () => {
  test.each<[string, Expected]>([
    [
      'jest-junit/default.xml',
      {
        // jest: 5 failed, 1 skipped, 1 todo, 3 passed, 10 total. A todo has no marker in jest-junit's XML.
        tests: 10,
        passed: 4,
        failed: 5,
        errors: 0,
        skipped: 1,
        failing: [
          'failure:top-level fails@/tmp/b1/js/jest/math.test.js:2',
          'failure:outer inner fails deep@/tmp/b1/js/jest/math.test.js:8',
          'failure:outer inner throws a TypeError@/tmp/b1/js/jest/math.test.js:10',
          'failure:with a failing beforeAll first@/tmp/b1/js/jest/hook.test.js:3',
          'failure:with a failing beforeAll second@/tmp/b1/js/jest/hook.test.js:3'
        ],
        seconds: 0.71
      }
    ],
    [
      'jest-junit/suite-errors.xml',
      {
        // reportTestSuiteErrors: the suite that failed to load is listed (twice, as jest-junit writes it).
        tests: 12,
        passed: 4,
        failed: 6,
        errors: 1,
        skipped: 1,
        failing: [
          'failure:top-level fails@/tmp/b1/js/jest/math.test.js:2',
          'failure:outer inner fails deep@/tmp/b1/js/jest/math.test.js:8',
          'failure:outer inner throws a TypeError@/tmp/b1/js/jest/math.test.js:10',
          'failure:with a failing beforeAll first@/tmp/b1/js/jest/hook.test.js:3',
          'failure:with a failing beforeAll second@/tmp/b1/js/jest/hook.test.js:3',
          'error:broken.test.js@broken.test.js:1',
          'failure:broken.test.js'
        ],
        seconds: 0.457
      }
    ],
    [
      'vitest/report.xml',
      {
        // vitest: 3 failed | 3 passed | 3 skipped | 1 todo, plus a file that failed to load and a hook.
        tests: 12,
        passed: 3,
        failed: 5,
        errors: 0,
        skipped: 4,
        failing: [
          'failure:broken.test.js@broken.test.js:1',
          'failure:with a failing beforeAll@hook.test.js:4',
          'failure:top-level fails@math.test.js:3',
          'failure:outer > inner > fails deep@math.test.js:9',
          'failure:outer > inner > throws a TypeError@math.test.js:11'
        ],
        seconds: 0.026164594
      }
    ],
    [
      'mocha-junit-reporter/report.xml',
      {
        // mocha: 3 passing, 2 pending, 4 failing. The reporter leaves pending tests out; the root counts them.
        tests: 9,
        passed: 3,
        failed: 4,
        errors: 0,
        skipped: 2,
        failing: [
          'failure:top-level fails@math.spec.cjs:3',
          'failure:with a failing before hook "before all" hook for "first"@/tmp/b1/js/mocha/hook.spec.cjs:3',
          'failure:outer inner fails deep@/tmp/b1/js/mocha/math.spec.cjs:9',
          'failure:outer inner throws a TypeError@/tmp/b1/js/mocha/math.spec.cjs:11'
        ],
        seconds: 0.011,
        warnings: 0
      }
    ],
    [
      'node-test/report.xml',
      {
        // node: tests 13, pass 4, fail 5, cancelled 2, skipped 1, todo 1. The test with subtests is a
        // <testsuite> in the XML, so 12 cases; top-level tests sit directly under <testsuites>.
        tests: 12,
        passed: 4,
        failed: 6,
        errors: 0,
        skipped: 2,
        failing: [
          'failure:first',
          'failure:second',
          'failure:top-level fails@/tmp/b1/js/nodetest/math.test.mjs:4',
          'failure:fails deep@/tmp/b1/js/nodetest/math.test.mjs:10',
          'failure:throws a TypeError@/tmp/b1/js/nodetest/math.test.mjs:12',
          'failure:sub fails@/tmp/b1/js/nodetest/math.test.mjs:19'
        ],
        seconds: 0.012005
      }
    ],
    ...['7.2.1-xunit1', '7.2.1-xunit2', '9.0.3-xunit1', '9.0.3-xunit2'].map((name): [string, Expected] => [
      `pytest/${name}.xml`,
      {
        // pytest: 3 failed, 2 passed, 1 skipped, 1 xfailed, 1 error (xfail is a skip in JUnit).
        tests: 8,
        passed: 2,
        failed: 3,
        errors: 1,
        skipped: 2,
        failing: [
          'failure:test_top_level_fails@tests/test_math.py:14',
          'error:test_uses_database@tests/test_math.py:6',
          'failure:test_fails_deep@tests/test_math.py:37',
          'failure:test_raises@tests/test_math.py:40'
        ]
      }
    ]),
    [
      'gotestsum/report.xml',
      {
        // gotestsum: DONE 9 tests, 2 skipped, 4 failures, 1 error (a package that did not build, with no testcase).
        tests: 10,
        passed: 3,
        failed: 4,
        errors: 1,
        skipped: 2,
        failing: [
          'failure:TestTopLevelFails@calc_test.go:13',
          'failure:TestOuter/inner/fails_deep@calc_test.go:25',
          'failure:TestOuter/inner',
          'failure:TestOuter'
        ],
        seconds: 4.241005,
        warnings: 1
      }
    ],
    [
      'go-junit-report/001-pass-fail-skip.xml',
      {
        tests: 5,
        passed: 2,
        failed: 1,
        errors: 0,
        skipped: 2,
        failing: ['failure:TestOne@fail_test.go:6'],
        seconds: 0.461
      }
    ],
    [
      'go-junit-report/102-build-error.xml',
      { tests: 1, passed: 0, failed: 0, errors: 1, skipped: 0, failing: ['error:[build failed]@main.go:4'] }
    ],
    [
      'go-junit-report/103-subtests.xml',
      {
        tests: 4,
        passed: 2,
        failed: 2,
        errors: 0,
        skipped: 0,
        failing: ['failure:TestMultiple', 'failure:TestMultiple/Single@pkg_test.go:20']
      }
    ],
    [
      'surefire/TEST-surefire.MyTest-nestedClass.xml',
      {
        tests: 1,
        passed: 0,
        failed: 0,
        errors: 1,
        skipped: 0,
        failing: ['error:test@MyTest.java:24'],
        seconds: 0
      }
    ]
  ])('%s', async (name, expected) => {
    const report = await readJUnitFile(path.join(FIXTURES, name), name)
    const { tests, passed, failed, errors, skipped } = report
    expect({ tests, passed, failed, errors, skipped }).toEqual({
      tests: expected.tests,
      passed: expected.passed,
      failed: expected.failed,
      errors: expected.errors,
      skipped: expected.skipped
    })
    expect(
      report.failures.map(
        f => `${f.kind}:${f.name}${f.file ? `@${f.file}` : ''}${f.line ? `:${f.line}` : ''}`
      )
    ).toEqual(expected.failing)
    if (expected.seconds !== undefined) expect(report.seconds).toBeCloseTo(expected.seconds, 6)
    if (expected.warnings !== undefined) expect(report.warnings).toHaveLength(expected.warnings)
  })
})
