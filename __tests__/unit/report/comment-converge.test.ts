// The pure parts of the convergence of concurrent runs: run stamps and the plan.
import { describe, expect, test } from '@jest/globals'
import {
  commentMarker,
  contentOf,
  decideCommentAction,
  isNewerRun,
  planConvergence,
  runStampIn,
  runStampOf,
  stampedBody,
  type IssueComment,
  type RunStamp
} from '../../../src/report/comment.js'

const marker = commentMarker('default')
const body = (run: RunStamp | null, text: string): string => stampedBody(text, marker, run)
const c = (id: number, run: RunStamp | null, text: string): IssueComment => ({ id, body: body(run, text) })
const r = (id: number, attempt = 1): RunStamp => ({ id, attempt })

describe('run stamps', () => {
  test.each([
    ['123', '2', r(123, 2)],
    ['123', undefined, r(123, 1)],
    ['123', 'x', r(123, 1)],
    ['', '1', null],
    [undefined, '1', null],
    ['12a', '1', null]
  ])('runStampOf(%j, %j) → %j', (id, attempt, expected) => {
    expect(runStampOf(id, attempt)).toEqual(expected)
  })

  test.each([
    [body(r(7, 2), 'report'), r(7, 2)],
    [body(null, 'report'), null],
    // Only the second line counts: a stamp printed by a test further down is ignored.
    [`${marker}\nreport\n<!-- stagegate:run id="999999" attempt="1" -->`, null],
    [`<!-- stagegate:run id="999999" attempt="1" -->`, null],
    [`${marker}\n<!-- stagegate:run id="5" attempt="1" --> trailing`, null]
  ])('runStampIn %#', (text, expected) => {
    expect(runStampIn(text)).toEqual(expected)
  })

  test('the stamp sits on the second line and contentOf removes it', () => {
    const text = body(r(9), 'line 1\nline 2')
    expect(text.split('\n').slice(0, 2)).toEqual([marker, '<!-- stagegate:run id="9" attempt="1" -->'])
    expect(contentOf(text)).toBe(`${marker}\nline 1\nline 2`)
    expect(contentOf(body(null, 'x'))).toBe(`${marker}\nx`)
  })

  test.each([
    [r(2), r(1), true],
    [r(1), r(2), false],
    [r(1, 2), r(1, 1), true],
    [r(1, 1), r(1, 1), false],
    [r(1), null, true],
    [null, r(1), false],
    [null, null, false]
  ])('isNewerRun(%j, %j) → %s', (a, b, expected) => {
    expect(isNewerRun(a, b)).toBe(expected)
  })

  test('the same report from a later run is "up to date": the stamp alone is no change', () => {
    const decision = decideCommentAction({
      mode: 'auto',
      existing: c(1, r(1), 'same'),
      body: body(r(2), 'same'),
      sizeChanged: true,
      isPullRequest: true
    })
    expect(decision.action).toBe('skip')
  })
})

describe('planConvergence', () => {
  const mine = body(r(10), 'mine')
  test.each<
    [
      string,
      IssueComment[],
      RunStamp | null,
      { keep: number; write: string | null; remove: number[]; oursWins: boolean } | null
    ]
  >([
    ['none of ours', [], r(10), null],
    [
      'only ours, already shown',
      [{ id: 5, body: mine }],
      r(10),
      { keep: 5, write: null, remove: [], oursWins: true }
    ],
    [
      'an older run kept: we overwrite and delete ours',
      [c(5, r(9), 'older'), { id: 6, body: mine }],
      r(10),
      { keep: 5, write: mine, remove: [6], oursWins: true }
    ],
    [
      'a newer run kept: leave it, delete ours',
      [c(5, r(11), 'newer'), { id: 6, body: mine }],
      r(10),
      { keep: 5, write: null, remove: [6], oursWins: false }
    ],
    [
      'ours kept, a newer run duplicate: its body moves to ours',
      [{ id: 5, body: mine }, c(6, r(11), 'newer')],
      r(10),
      { keep: 5, write: body(r(11), 'newer'), remove: [6], oursWins: false }
    ],
    [
      'ours kept, an older duplicate: delete it',
      [{ id: 5, body: mine }, c(6, r(9), 'older')],
      r(10),
      { keep: 5, write: null, remove: [6], oursWins: true }
    ],
    [
      'unsorted input: the lowest id is kept',
      [c(9, r(1), 'a'), c(3, r(1), 'b')],
      r(10),
      { keep: 3, write: mine, remove: [9], oursWins: true }
    ],
    [
      'no stamps anywhere (old comments, no run): ours wins',
      [c(3, null, 'old')],
      null,
      { keep: 3, write: body(null, 'mine'), remove: [], oursWins: true }
    ]
  ])('%s', (_name, ours, run, expected) => {
    const plan = planConvergence(ours, run ? mine : body(null, 'mine'), run)
    expect(
      plan && { keep: plan.keep.id, write: plan.write, remove: plan.remove, oursWins: plan.oursWins }
    ).toEqual(expected)
  })
})
