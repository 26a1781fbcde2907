// Size budgets (`max-size`, `max-increase`): which ones the image breaks, in words for the report.
// Budgets apply to the compressed size of each platform, since that is what one pull downloads.
import type { ImageMeasurement } from './model.js'
import { formatBytes, formatPercent, type Increase, type SizeComparison } from './size.js'

export interface Budgets {
  /** Largest allowed compressed size of any one platform, in bytes. */
  maxSize?: number | null
  /** Largest allowed growth of any one platform against the baseline. */
  maxIncrease?: Increase | null
}

export interface BudgetViolation {
  budget: 'max-size' | 'max-increase'
  platform: string
  /** A sentence for the report, e.g. `image is 162 MB, over max-size 150 MB`. */
  reason: string
}

export interface BudgetResult {
  violations: BudgetViolation[]
  /** Budgets that could not be checked, and why (no baseline, a new platform). */
  notes: string[]
}

export function formatIncrease(increase: Increase): string {
  return increase.kind === 'percent' ? `${increase.value}%` : formatBytes(increase.value)
}

/** Violated budgets, empty when the image is within them. Without a baseline max-increase is only a note. */
export function checkBudgets(
  budgets: Budgets,
  current: ImageMeasurement,
  comparison: SizeComparison
): BudgetResult {
  const violations: BudgetViolation[] = []
  const notes: string[] = []
  const several = current.platforms.length > 1
  const subject = (platform: string): string => (several ? `${platform} image` : 'image')

  const { maxSize, maxIncrease } = budgets
  if (maxSize !== null && maxSize !== undefined) {
    for (const p of current.platforms) {
      if (p.compressed > maxSize) {
        violations.push({
          budget: 'max-size',
          platform: p.platform,
          reason: `${subject(p.platform)} is ${formatBytes(p.compressed)}, over max-size ${formatBytes(maxSize)}`
        })
      }
    }
  }

  if (maxIncrease !== null && maxIncrease !== undefined) {
    if (!comparison.hasBaseline) {
      notes.push(
        `max-increase ${formatIncrease(maxIncrease)} was not checked: there is no baseline to compare with.`
      )
    }
    for (const p of comparison.platforms) {
      if (p.status === 'new') {
        notes.push(`max-increase was not checked for ${p.platform}: the baseline has no such platform.`)
      }
      if (p.status !== 'compared' || p.deltaBytes === null || p.deltaBytes <= 0) continue
      const share = p.percent === null ? '' : ` (${formatPercent(p.percent, true)})`
      const over =
        maxIncrease.kind === 'bytes'
          ? p.deltaBytes > maxIncrease.value
          : p.percent === null || p.percent > maxIncrease.value
      if (over) {
        violations.push({
          budget: 'max-increase',
          platform: p.platform,
          reason: `${subject(p.platform)} grew by ${formatBytes(p.deltaBytes)}${share}, over max-increase ${formatIncrease(maxIncrease)}`
        })
      }
    }
  }
  return { violations, notes }
}
