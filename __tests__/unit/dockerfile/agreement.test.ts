// The reader against BuildKit v0.24's verdict on every case of the agreement corpus
// (__tests__/fixtures/dockerfiles/agreement/cases.json; `npx tsx scripts/agreement.ts` prints N/M).
import { describe, expect, test } from '@jest/globals'
import { agrees, loadCorpus, verdictOf } from '../../../scripts/agreement.js'

const corpus = loadCorpus()

describe('agreement with BuildKit v0.24', () => {
  test('the corpus covers every class with at least 100 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100)
    expect([...new Set(corpus.map(c => c.testCase.class))].sort()).toEqual([
      'ONBUILD',
      'TARGETSTAGE',
      'directive',
      'graph',
      'instruction',
      'line limit',
      'mount',
      'platform',
      'reference',
      'scratch'
    ])
  })

  // A known disagreement must still disagree: when it is fixed, its case says so.
  test.each(corpus.map(c => [c.testCase.file, c] as const))('%s', (file, { testCase, text }) => {
    const actual = verdictOf(testCase, text)
    expect({
      file,
      expected: testCase.expect,
      actual,
      agrees: agrees(testCase.expect, actual)
    }).toMatchObject({
      agrees: testCase.knownDisagreement === undefined
    })
  })
})
