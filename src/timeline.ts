// When each part of the run started and ended (the builds, the tests, the push, the measurement),
// for the job summary: the critical path, seen. Recording is a thin clock; rendering is pure.
import { escapeText } from './report/markdown.js'

export interface Span {
  label: string
  /** Milliseconds since the run started. */
  start: number
  end: number
  /** How it ended, when not simply done: "cancelled: the tests failed", "failed". */
  note?: string
}

export class Timeline {
  readonly spans: Span[] = []
  private readonly origin: number

  constructor(private readonly now: () => number = () => performance.now()) {
    this.origin = now()
  }

  /** Times `fn` as one span; a span that throws is recorded as failed. */
  async time<T>(label: string, fn: () => Promise<T>, noteOf?: (value: T) => string | undefined): Promise<T> {
    const start = this.now() - this.origin
    try {
      const value = await fn()
      const note = noteOf?.(value)
      this.spans.push({ label, start, end: this.now() - this.origin, ...(note ? { note } : {}) })
      return value
    } catch (error) {
      this.spans.push({ label, start, end: this.now() - this.origin, note: 'failed' })
      throw error
    }
  }

  /** Adds a span timed elsewhere (from a start taken with `elapsed`). */
  add(label: string, start: number, note?: string): void {
    this.spans.push({ label, start, end: this.elapsed(), ...(note ? { note } : {}) })
  }

  elapsed(): number {
    return this.now() - this.origin
  }
}

const BAR_WIDTH = 24

/** One bar of a fixed width: where the span sits in the run. Pure. */
export function timelineBar(span: Span, total: number, width = BAR_WIDTH): string {
  if (total <= 0) return ''
  const from = Math.min(width - 1, Math.floor((span.start / total) * width))
  const to = Math.max(from + 1, Math.min(width, Math.ceil((span.end / total) * width)))
  return `${'·'.repeat(from)}${'█'.repeat(to - from)}${'·'.repeat(width - to)}`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/**
 * The timeline section of the job summary: each span in start order, with its start, end,
 * duration and a bar, so what ran beside what (the runtime build beside the tests) shows. Pure.
 */
export function renderTimeline(spans: Span[], total?: number): string {
  if (spans.length === 0) return ''
  const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end)
  const end = total ?? Math.max(...ordered.map(s => s.end))
  const lines = ['### Timeline', '', '| Step | Start | End | Took | |', '| --- | ---: | ---: | ---: | --- |']
  for (const span of ordered) {
    const label = escapeText(span.label, 80) + (span.note ? ` (${escapeText(span.note, 80)})` : '')
    lines.push(
      `| ${label} | ${seconds(span.start)} | ${seconds(span.end)} | ${seconds(span.end - span.start)} | \`${timelineBar(span, end)}\` |`
    )
  }
  lines.push('', `Whole run: ${seconds(end)}.`, '')
  return lines.join('\n')
}
