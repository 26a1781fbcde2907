import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/errors.js'
import {
  JUnitReportError,
  junitAnnotations,
  locationIn,
  parseJUnit,
  summarizeReports,
  type JUnitCounts
} from '../../../src/gate/junit.js'
import type { TestCaseFailure } from '../../../src/report/model.js'

const FIXTURES = path.join(process.cwd(), '__tests__/fixtures/junit')
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')

describe('parseJUnit on real dialects', () => {
  test.each<[string, JUnitCounts, Array<Partial<TestCaseFailure>>]>([
    [
      'jest-junit.xml',
      { tests: 5, passed: 3, failed: 1, errors: 0, skipped: 1 },
      [
        {
          name: 'sum handles negatives',
          kind: 'failure',
          message: 'Error: expect(received).toBe(expected) // Object.is equality\nExpected: -3\nReceived: 3',
          file: '/app/src/sum.test.ts',
          line: 14
        }
      ]
    ],
    [
      'pytest.xml',
      { tests: 4, passed: 1, failed: 1, errors: 1, skipped: 1 },
      [
        {
          name: 'test_div',
          classname: 'tests.test_math',
          kind: 'failure',
          message: 'assert 0.5 == 2',
          file: 'tests/test_math.py',
          line: 9
        },
        {
          name: 'test_connect',
          kind: 'error',
          message: 'failed on setup with "ConnectionRefusedError: [Errno 111] Connection refused"',
          file: 'tests/test_db.py',
          line: 21
        }
      ]
    ],
    [
      'go-junit-report.xml',
      { tests: 3, passed: 1, failed: 1, errors: 0, skipped: 1 },
      [
        {
          name: 'TestCreateUser',
          classname: 'github.com/acme/api/handlers',
          message: 'Failed',
          file: 'users_test.go',
          line: 42
        }
      ]
    ],
    [
      'surefire.xml',
      { tests: 4, passed: 2, failed: 1, errors: 0, skipped: 1 },
      [{ name: 'roundsDown', message: 'expected: <10> but was: <11>', file: 'PriceTest.java', line: 27 }]
    ],
    [
      'mocha.xml',
      { tests: 3, passed: 2, failed: 1, errors: 0, skipped: 0 },
      [
        {
          name: 'Cart computes totals',
          message: 'expected 30 to equal 31',
          file: 'test/cart.spec.js',
          line: 19
        }
      ]
    ],
    ['counts-only.xml', { tests: 15, passed: 8, failed: 2, errors: 1, skipped: 4 }, []]
  ])('%s', (name, counts, failures) => {
    const { tests, passed, failed, errors, skipped, ...report } = parseJUnit(fixture(name), name)
    expect({ tests, passed, failed, errors, skipped }).toEqual(counts)
    expect(report.failures).toHaveLength(failures.length)
    failures.forEach((expected, i) => expect(report.failures[i]).toMatchObject(expected))
  })
})

describe('parseJUnit edge cases', () => {
  test.each<[string, string, JUnitCounts]>([
    ['empty <testsuites/>', '<testsuites/>', { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }],
    [
      'testcases win over a larger declared test count',
      '<testsuite tests="99" failures="1"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>',
      { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0 }
    ],
    [
      'declared failures that no testcase lists still count (a package that did not build)',
      '<testsuites errors="1"><testsuite tests="1"><testcase name="a"/></testsuite></testsuites>',
      { tests: 2, passed: 1, failed: 0, errors: 1, skipped: 0 }
    ],
    [
      'testcases directly under <testsuites> (node:test top-level tests)',
      '<testsuites><testcase name="top"><failure message="x"/></testcase><testsuite name="s"><testcase name="a"/></testsuite><testcase name="top2"/></testsuites>',
      { tests: 3, passed: 2, failed: 1, errors: 0, skipped: 0 }
    ],
    [
      "Surefire's flakyFailure (passed on a rerun) is a pass; system-out inside a case is not a result",
      '<testsuite><testcase name="a"><flakyFailure message="x"><system-out>failure</system-out></flakyFailure></testcase><testcase name="b"><system-out>&lt;failure/&gt;</system-out></testcase></testsuite>',
      { tests: 2, passed: 2, failed: 0, errors: 0, skipped: 0 }
    ],
    [
      'a testcase named like an element, nested elements inside <failure>',
      '<testsuite><testcase name="failure"><failure><error/>text</failure></testcase></testsuite>',
      { tests: 1, passed: 0, failed: 1, errors: 0, skipped: 0 }
    ],
    [
      'nested suites',
      '<testsuites><testsuite name="outer"><testsuite name="inner"><testcase name="a"/><testcase name="b"><error message="x"/></testcase></testsuite></testsuite></testsuites>',
      { tests: 2, passed: 1, failed: 0, errors: 1, skipped: 0 }
    ],
    [
      'status="disabled" counts as skipped',
      '<testsuite><testcase name="a" status="disabled"/><testcase name="b"/></testsuite>',
      { tests: 2, passed: 1, failed: 0, errors: 0, skipped: 1 }
    ],
    [
      'a failure and an error on one case count once, as a failure',
      '<testsuite><testcase name="a"><failure/><error/></testcase></testsuite>',
      { tests: 1, passed: 0, failed: 1, errors: 0, skipped: 0 }
    ]
  ])('%s', (_name, xml, counts) => {
    const { tests, passed, failed, errors, skipped } = parseJUnit(xml, 'r.xml')
    expect({ tests, passed, failed, errors, skipped }).toEqual(counts)
  })

  test('messages: attribute first, else the first lines of text without ANSI colours', () => {
    const xml =
      '<testsuite><testcase name="a"><failure>\u001b[31mboom\u001b[39m\n\n  at x (a.js:1:1)\n</failure></testcase></testsuite>'
    expect(parseJUnit(xml, 'r.xml').failures[0]).toEqual({
      name: 'a',
      kind: 'failure',
      message: 'boom',
      file: 'a.js',
      line: 1
    })
  })

  test.each([
    [
      'broken.xml',
      fixture('broken.xml'),
      /^Test report broken\.xml: not valid XML \(5:14: unexpected close tag\)\. Is it a JUnit XML report\?$/
    ],
    ['plain.txt', 'PASS all tests', /^Test report plain\.txt: not valid XML/],
    ['empty.xml', '', /^Test report empty\.xml: not valid XML/],
    ['cobertura.xml', fixture('cobertura.xml'), /^Test report cobertura\.xml: root element is <coverage>/]
  ])('%s is refused with a UserError naming the file', (file, xml, message) => {
    let error: unknown
    try {
      parseJUnit(xml, file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect(error).toBeInstanceOf(JUnitReportError)
    expect((error as Error).message).toMatch(message)
  })
})

describe('locationIn', () => {
  test.each<[string, string | undefined, { file: string; line: number } | undefined]>([
    ['tests/test_x.py:10: AssertionError', undefined, { file: 'tests/test_x.py', line: 10 }],
    ['    users_test.go:42: want 201', undefined, { file: 'users_test.go', line: 42 }],
    ['at Object.<anonymous> (./src/a.test.ts:5:17)', undefined, { file: 'src/a.test.ts', line: 5 }],
    [
      'at x (/app/node_modules/lib/index.js:3:1)\nat y (/app/src/b.js:8:2)',
      undefined,
      { file: '/app/src/b.js', line: 8 }
    ],
    ['at t (node:internal/timers:478:21)', undefined, undefined],
    ['at file:///app/src/c.mjs:4:2', undefined, { file: '/app/src/c.mjs', line: 4 }],
    ['connect("localhost:5432") failed', undefined, undefined],
    [
      'at A.fail(Assert.java:151)\n\tat com.acme.FooTest.t(FooTest.java:27)',
      'com.acme.FooTest',
      { file: 'FooTest.java', line: 27 }
    ],
    ['no location here', undefined, undefined]
  ])('%j → %j', (text, classname, expected) => {
    expect(locationIn(text, classname)).toEqual(expected)
  })
})

describe('summarizeReports', () => {
  test('merges counts and failures, and sets aside XML that is not JUnit', () => {
    const summary = summarizeReports(
      ['jest-junit.xml', 'pytest.xml', 'cobertura.xml', 'go-junit-report.xml'].map(name => ({
        path: name,
        xml: fixture(name)
      }))
    )
    expect(summary).toMatchObject({ tests: 12, passed: 5, failed: 3, errors: 1, skipped: 3 })
    expect(summary.failures.map(f => f.name)).toEqual([
      'sum handles negatives',
      'test_div',
      'test_connect',
      'TestCreateUser'
    ])
    expect(summary.files).toEqual(['jest-junit.xml', 'pytest.xml', 'go-junit-report.xml'])
    expect(summary.ignored).toEqual(['cobertura.xml'])
  })

  test('an invalid report is skipped with a warning naming it; the others still count', () => {
    const summary = summarizeReports([
      { path: 'reports/broken.xml', xml: fixture('broken.xml') },
      { path: 'reports/pytest.xml', xml: fixture('pytest.xml') }
    ])
    expect(summary).toMatchObject({
      tests: 4,
      failed: 1,
      files: ['reports/pytest.xml'],
      unreadable: ['reports/broken.xml']
    })
    expect(summary.warnings).toEqual([
      expect.stringMatching(
        /^Test report reports\/broken\.xml: not valid XML .*Its results are not counted\.$/
      )
    ])
  })

  test("the reports' own time is the sum of each report's time", () => {
    const summary = summarizeReports(
      ['pytest.xml', 'go-junit-report.xml'].map(name => ({ path: name, xml: fixture(name) }))
    )
    expect(summary.seconds).toBeCloseTo(0.051 + 0.012, 6)
  })

  test('no files: zero counts', () => {
    expect(summarizeReports([])).toEqual({
      tests: 0,
      passed: 0,
      failed: 0,
      errors: 0,
      skipped: 0,
      failures: [],
      failuresOmitted: 0,
      warnings: [],
      files: [],
      ignored: [],
      unreadable: []
    })
  })
})

describe('junitAnnotations', () => {
  const failure = (i: number, extra: Partial<TestCaseFailure> = {}): TestCaseFailure => ({
    name: `case ${i}`,
    kind: 'failure',
    ...extra
  })

  test('one per failing case, pointing at the file and line', () => {
    const summary = parseJUnit(fixture('pytest.xml'), 'pytest.xml')
    expect(junitAnnotations(summary)).toEqual([
      {
        title: 'Test failed: tests.test_math › test_div',
        message: 'assert 0.5 == 2',
        file: 'tests/test_math.py',
        startLine: 9
      },
      {
        title: 'Test error: tests.test_db › test_connect',
        message: 'failed on setup with "ConnectionRefusedError: [Errno 111] Connection refused"',
        file: 'tests/test_db.py',
        startLine: 21
      }
    ])
  })

  test.each([
    [0, 10, 0, null],
    [10, 10, 10, null],
    [11, 10, 10, '2 more failing tests'],
    [500, 50, 50, '451 more failing tests']
  ])('%d failures, limit %d → %d annotations, last %s', (count, limit, length, last) => {
    const annotations = junitAnnotations(
      { failures: Array.from({ length: count }, (_, i) => failure(i)) },
      limit
    )
    expect(annotations).toHaveLength(length)
    if (last) expect(annotations.at(-1)?.title).toBe(last)
  })

  test('failing cases counted but not kept are in the count of the rest', () => {
    const annotations = junitAnnotations({ failures: [failure(1), failure(2)], failuresOmitted: 5000 }, 10)
    expect(annotations.map(a => a.title)).toEqual([
      'Test failed: case 1',
      'Test failed: case 2',
      '5000 more failing tests'
    ])
  })

  test('a case without message or location still says what failed', () => {
    expect(junitAnnotations({ failures: [failure(1, { kind: 'error', classname: 'suite' })] })).toEqual([
      { title: 'Test error: suite › case 1', message: 'suite › case 1 raised an error.' }
    ])
  })
})
