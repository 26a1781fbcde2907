import { describe, expect, test } from '@jest/globals'
import { renderTimeline, Timeline, timelineBar, type Span } from '../../../src/timeline.js'

describe('timelineBar', () => {
  test.each([
    [{ label: 'a', start: 0, end: 1000 }, 1000, '████████'],
    [{ label: 'a', start: 0, end: 500 }, 1000, '████····'],
    [{ label: 'a', start: 500, end: 1000 }, 1000, '····████'],
    [{ label: 'a', start: 990, end: 1000 }, 1000, '·······█'],
    // A span of no time still shows where it happened.
    [{ label: 'a', start: 250, end: 250 }, 1000, '··█·····'],
    [{ label: 'a', start: 0, end: 0 }, 0, '']
  ])('%o of %d ms', (span: Span, total, bar) => {
    expect(timelineBar(span, total, 8)).toBe(bar)
  })
})

describe('renderTimeline', () => {
  test('spans in start order, with start, end, duration; concurrency reads as overlapping bars', () => {
    const markdown = renderTimeline([
      { label: 'Tester build', start: 0, end: 4000 },
      { label: 'Tests (test-command)', start: 4000, end: 7000 },
      { label: 'Runtime build', start: 10, end: 5000 },
      { label: 'Push', start: 7000, end: 8000 }
    ])
    const rows = markdown
      .split('\n')
      .filter(l => l.startsWith('| ') && !l.startsWith('| Step') && !l.startsWith('| ---'))
    expect(rows.map(r => r.split(' | ')[0])).toEqual([
      '| Tester build',
      '| Runtime build',
      '| Tests (test-command)',
      '| Push'
    ])
    expect(rows[1]).toContain('| 0.0 s | 5.0 s | 5.0 s |')
    expect(markdown).toContain('Whole run: 8.0 s.')
  })

  test('a note says how a span ended; labels are escaped', () => {
    const markdown = renderTimeline([
      { label: 'Runtime <b>', start: 0, end: 10, note: 'stopped: the gate failed' }
    ])
    expect(markdown).toContain('Runtime &lt;b&gt; (stopped: the gate failed)')
  })

  test('no spans, no section', () => {
    expect(renderTimeline([])).toBe('')
  })
})

describe('Timeline', () => {
  test('times a span, a failing one as failed, and spans added later', async () => {
    let now = 100
    const timeline = new Timeline(() => now)
    await timeline.time('Build', async () => {
      now = 1100
    })
    await expect(
      timeline.time('Push', async () => {
        now = 1600
        throw new Error('registry down')
      })
    ).rejects.toThrow('registry down')
    timeline.add('Runtime build', 0, 'stopped: the gate failed')
    expect(timeline.spans).toEqual([
      { label: 'Build', start: 0, end: 1000 },
      { label: 'Push', start: 1000, end: 1500, note: 'failed' },
      { label: 'Runtime build', start: 0, end: 1500, note: 'stopped: the gate failed' }
    ])
  })
})
