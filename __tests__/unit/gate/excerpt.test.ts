import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  classifyLine,
  cleanLine,
  DEFAULT_EXCERPT_BOUNDS,
  ExcerptCollector,
  failureExcerpt,
  type Excerpt
} from '../../../src/gate/excerpt.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/test-output')
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const MARKER = /^… \d+ lines?$/

// Lines with content: markers and blank lines are free of the line bound (the byte bound counts them).
const picked = (e: Excerpt) => e.lines.filter(l => !MARKER.test(l) && l !== '')
const bytes = (e: Excerpt) => Buffer.byteLength(e.lines.join('\n') + '\n', 'utf8')

const NODE_TEST = [
  'formats money with two decimals',
  'async rejection',
  'keeps the last partial page',
  'rejects a page size of zero',
  'cursor of a negative offset is refused',
  'top-level failure with a long message'
]
const PYTEST = ['test_reindent_nested', 'test_split_unicode', 'test_error_in_fixture']
const GO = ['TestDecodeGarbage', ...[1, 2, 4, 5, 7, 8, 10, 13, 20, 28, 29].map(n => `TestPages/n=${n} `)]
const CART = ['applies the discount code', 'rejects an expired card', 'rounds the VAT']

describe('failureExcerpt on real runner output', () => {
  test.each([
    // [fixture, failing tests, a reason each failure gives]
    [
      'node-test-tap.txt',
      NODE_TEST,
      ["'1.00' !== '1.01'", "reading 'total'", 'Missing expected exception', '503 Service Unavailable']
    ],
    [
      'node-test-spec.txt',
      NODE_TEST,
      ["'1.00' !== '1.01'", "reading 'total'", 'Missing expected exception', '503 Service Unavailable']
    ],
    ['pytest.txt', PYTEST, ["E       AssertionError: assert '  select", 'database connection refused']],
    [
      'pytest-verbose.txt',
      PYTEST,
      ["E       AssertionError: assert '  select", 'database connection refused']
    ],
    ['go-test.txt', GO, ['assignment to entry in nil map', 'Pages(29, 3) = 9, want 10']],
    ['go-test-verbose.txt', GO, ['assignment to entry in nil map', 'Pages(29, 3) = 9, want 10']],
    ['mocha.txt', CART, ['18 !== 19', "reading 'expiry'", '0.3 !== 0.31']],
    ['jest.txt', CART, ['Expected: 19', "reading 'expiry'", 'Expected: 0.31']],
    [
      'vitest.txt',
      CART,
      ['expected 18 to deeply equal 19', "reading 'expiry'", 'expected 0.3 to deeply equal 0.31']
    ]
  ])('%s: every failing test, its reason and the tail, within the bound', (fixture, names, reasons) => {
    const output = read(fixture)
    const excerpt = failureExcerpt(output)
    const text = excerpt.lines.join('\n')
    for (const name of [...names, ...reasons]) expect(text).toContain(name)

    const lines = output.split('\n').map(l => cleanLine(l, DEFAULT_EXCERPT_BOUNDS.lineChars))
    while (lines.at(-1) === '') lines.pop()
    expect(excerpt.lines.slice(-DEFAULT_EXCERPT_BOUNDS.tailLines)).toEqual(
      lines.slice(-DEFAULT_EXCERPT_BOUNDS.tailLines)
    )

    expect(picked(excerpt).length).toBeLessThanOrEqual(80)
    expect(bytes(excerpt)).toBeLessThanOrEqual(8192)
    expect(excerpt.omittedFailures).toBe(0)
    // In original order: each picked line comes later in the output than the one before.
    let at = -1
    for (const line of picked(excerpt)) {
      const next = lines.indexOf(line, at + 1)
      expect(next).toBeGreaterThan(at)
      at = next
    }
  })

  test('TAP: the last 50 lines hold none of the failures; the excerpt holds every `not ok`', () => {
    const output = read('node-test-tap.txt').split('\n')
    expect(output.slice(-50).filter(l => /not ok/.test(l))).toEqual([])
    const notOk = output.filter(l => /^\s*not ok/.test(l)).map(l => l.trimEnd())
    expect(notOk).toHaveLength(7)
    expect(failureExcerpt(output).lines).toEqual(expect.arrayContaining(notOk))
  })

  test('node:test spec lists each failure again at the end: the repeat adds no lines', () => {
    const excerpt = failureExcerpt(read('node-test-spec.txt'))
    const heads = excerpt.lines.filter(l => l.startsWith('✖ formats money'))
    expect(heads).toHaveLength(1)
    expect(excerpt.failures).toBe(8) // six tests, the paginate suite, and the `failing tests:` header
  })
})

describe('classifyLine', () => {
  test.each([
    ['not ok 26 - formats money with two decimals', 'head'],
    ['    not ok 41 - keeps the last partial page', 'head'],
    ['ok 27 - formats date 0', 'end'],
    ['# Subtest: async rejection', 'end'],
    ['✖ async rejection (259.471128ms)', 'head'],
    ['✔ formats row 0 (0.5ms)', 'end'],
    ['FAILED tests/test_format.py::test_error_in_fixture - RuntimeError: database c...', 'head'],
    ['tests/test_format.py::test_reindent_nested FAILED                        [ 37%]', 'head'],
    ['tests/test_format.py::test_keywords_upper[0] PASSED                    [  0%]', 'end'],
    ['_____________________________ test_reindent_nested _____________________________', 'head'],
    ["E       AssertionError: assert b'\\xc3\\xa4' == b'a'", 'key'],
    ['tests/test_format.py:31: RuntimeError', 'key'],
    ['  ● cart › applies the discount code', 'head'],
    ['  ● Console', 'other'],
    ['    ✕ rounds the VAT (6 ms)', 'head'],
    ['    ✓ adds item 0 (2 ms)', 'end'],
    ['FAIL ./cart.test.js', 'head'],
    ['PASS ./other.test.js', 'end'],
    ['    --- FAIL: TestPages/n=1 (0.00s)', 'head'],
    ['    --- PASS: TestPages/n=6 (0.00s)', 'end'],
    ['=== RUN   TestZero', 'end'],
    ['FAIL\texample.com/shop/pager\t0.002s', 'head'],
    ['panic: assignment to entry in nil map [recovered]', 'head'],
    ['        pager_test.go:14: Pages(1, 3) = 0, want 1', 'key'],
    ['  3 failing', 'head'],
    ['  90 passing (132ms)', 'other'],
    ['  1) cart', 'head'],
    ['     × applies the discount code 31ms', 'head'],
    ['⎯⎯⎯⎯⎯⎯⎯ Failed Tests 3 ⎯⎯⎯⎯⎯⎯⎯', 'head'],
    // cargo test and rspec, from their documented formats (no toolchain here for a real run)
    ['---- tests::parses_header stdout ----', 'head'],
    ["thread 'tests::parses_header' panicked at src/lib.rs:42:9:", 'key'],
    ['test tests::parses_header ... FAILED', 'head'],
    ['test tests::parses_body ... ok', 'end'],
    ['failures:', 'head'],
    ['Failures:', 'head'],
    ['     Failure/Error: expect(cart.total).to eq(19)', 'key'],
    ['rspec ./spec/cart_spec.rb:12 # Cart applies the discount code', 'head'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'key'],
    ['  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:', 'key'],
    ['Traceback-free plain log line', 'other'],
    ['# fail 7', 'other']
  ])('%s → %s', (line, kind) => {
    expect(classifyLine(line)).toBe(kind)
  })
})

describe('ExcerptCollector bounds', () => {
  test('memory and output stay bounded however long the output', () => {
    const collector = new ExcerptCollector()
    for (let i = 0; i < 200_000; i++) {
      collector.push(i % 100 === 0 ? `not ok ${i} - case ${i}` : `  detail ${i} ${'x'.repeat(50)}`)
    }
    expect(collector.storedLines).toBeLessThanOrEqual(
      DEFAULT_EXCERPT_BOUNDS.failureLines * (1 + 2 * DEFAULT_EXCERPT_BOUNDS.contextLines) +
        DEFAULT_EXCERPT_BOUNDS.tailLines
    )
    const excerpt = collector.excerpt()
    expect(excerpt.failures).toBe(2000)
    expect(excerpt.omittedFailures).toBe(2000 - 50)
    expect(excerpt.lines).toContain('not ok 0 - case 0')
    expect(excerpt.lines.at(-1)).toBe(`  detail 199999 ${'x'.repeat(50)}`)
    expect(picked(excerpt).length).toBeLessThanOrEqual(80)
    expect(bytes(excerpt)).toBeLessThanOrEqual(8192)
  })

  test('long lines are cut and the byte bound holds', () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => (i % 3 === 0 ? `not ok ${i} ` : 'E ') + 'y'.repeat(20_000)
    )
    const excerpt = failureExcerpt(lines)
    expect(bytes(excerpt)).toBeLessThanOrEqual(8192)
    expect(Math.max(...excerpt.lines.map(l => l.length))).toBeLessThanOrEqual(
      DEFAULT_EXCERPT_BOUNDS.lineChars
    )
    expect(excerpt.lines.at(-1)?.endsWith('…')).toBe(true)
  })

  test.each([
    [
      'skipped lines become one marker each',
      ['not ok 1 - a', 'ok 2', 'ok 3', 'ok 4', 'tail'],
      1,
      ['not ok 1 - a', '… 3 lines', 'tail']
    ],
    [
      'a single skipped blank line inside a failure stays blank',
      ['✖ a', '  Error: x', '', '  at y', 'ok 9', 'tail'],
      1,
      ['✖ a', '  Error: x', '', '  at y', '… 1 line', 'tail']
    ],
    [
      'colours are removed',
      ['\u001b[31m×\u001b[39m fails \u001b[2m3ms\u001b[22m', 'ok'],
      1,
      ['× fails 3ms', 'ok']
    ],
    ['a progress redraw keeps its last state', ['50%\r100% done', 'x'], 2, ['100% done', 'x']],
    ['trailing blank lines are not the tail', ['FAIL a', 'b', '', ''], 1, ['FAIL a', 'b']],
    ['no failure lines: only the tail', ['a', 'b', 'c', 'd'], 2, ['… 2 lines', 'c', 'd']]
  ])('%s', (_name, input, tailLines, expected) => {
    expect(failureExcerpt(input, { tailLines }).lines).toEqual(expected)
  })

  test('a failure line streamed before the tail ring wraps is kept', () => {
    const collector = new ExcerptCollector({ tailLines: 3 })
    collector.push('--- FAIL: TestX (0.00s)')
    collector.push('    x_test.go:9: got 1, want 2')
    for (let i = 0; i < 1000; i++) collector.push(`=== RUN   TestY${i}`)
    expect(collector.excerpt().lines.slice(0, 3)).toEqual([
      '--- FAIL: TestX (0.00s)',
      '    x_test.go:9: got 1, want 2',
      '… 997 lines'
    ])
  })
})
