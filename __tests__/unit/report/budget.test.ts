import { describe, expect, test } from '@jest/globals'
import { checkBudgets, type Budgets } from '../../../src/report/budget.js'
import type { ImageMeasurement } from '../../../src/report/model.js'
import { compareSizes } from '../../../src/report/size.js'
import { baselineOf, image, layer, platform, sized } from './fixtures.js'

function check(budgets: Budgets, current: ImageMeasurement, before: ImageMeasurement | null) {
  return checkBudgets(budgets, current, compareSizes(current, before ? baselineOf(before) : null))
}

describe('checkBudgets', () => {
  test.each<[string, Budgets, number, number | null, string[], string[]]>([
    ['no budgets', {}, 162_000_000, 100_000_000, [], []],
    ['within max-size', { maxSize: 150_000_000 }, 150_000_000, null, [], []],
    [
      'over max-size',
      { maxSize: 150_000_000 },
      162_000_000,
      null,
      ['image is 162 MB, over max-size 150 MB'],
      []
    ],
    [
      'within max-increase in bytes',
      { maxIncrease: { kind: 'bytes', value: 5_000_000 } },
      105_000_000,
      100_000_000,
      [],
      []
    ],
    [
      'over max-increase in bytes',
      { maxIncrease: { kind: 'bytes', value: 5_000_000 } },
      112_000_000,
      100_000_000,
      ['image grew by 12.0 MB (+12.0%), over max-increase 5.00 MB'],
      []
    ],
    [
      'over max-increase in percent',
      { maxIncrease: { kind: 'percent', value: 10 } },
      112_000_000,
      100_000_000,
      ['image grew by 12.0 MB (+12.0%), over max-increase 10%'],
      []
    ],
    ['a decrease never breaks max-increase', { maxIncrease: { kind: 'percent', value: 0 } }, 90, 100, [], []],
    [
      'max-increase without a baseline is a note',
      { maxIncrease: { kind: 'percent', value: 10 } },
      112_000_000,
      null,
      [],
      ['max-increase 10% was not checked: there is no baseline to compare with.']
    ],
    [
      'both budgets broken',
      { maxSize: 100_000_000, maxIncrease: { kind: 'percent', value: 5 } },
      112_000_000,
      100_000_000,
      ['image is 112 MB, over max-size 100 MB', 'image grew by 12.0 MB (+12.0%), over max-increase 5%'],
      []
    ]
  ])('%s', (_name, budgets, now, before, violations, notes) => {
    const result = check(budgets, sized(now), before === null ? null : sized(before))
    expect(result.violations.map(v => v.reason)).toEqual(violations)
    expect(result.notes).toEqual(notes)
  })

  test('several platforms: each is checked and named, a new platform is a note', () => {
    const current = image([
      platform('linux/amd64', [layer('a', 90)]),
      platform('linux/arm64', [layer('a', 120)]),
      platform('linux/s390x', [layer('a', 50)])
    ])
    const before = image([
      platform('linux/amd64', [layer('a', 50)]),
      platform('linux/arm64', [layer('a', 118)])
    ])
    const result = check({ maxSize: 100, maxIncrease: { kind: 'percent', value: 10 } }, current, before)
    expect(result.violations.map(v => [v.budget, v.platform, v.reason])).toEqual([
      ['max-size', 'linux/arm64', 'linux/arm64 image is 120 B, over max-size 100 B'],
      ['max-increase', 'linux/amd64', 'linux/amd64 image grew by 40 B (+80.0%), over max-increase 10%']
    ])
    expect(result.notes).toEqual([
      'max-increase was not checked for linux/s390x: the baseline has no such platform.'
    ])
  })
})
