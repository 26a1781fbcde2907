import { describe, expect, test } from '@jest/globals'
import {
  commentMarker,
  decideCommentAction,
  fitCommentBody,
  MAX_COMMENT_LENGTH,
  findOwnComment,
  isPermissionError,
  withMarker,
  type DecideCommentInput,
  type IssueComment
} from '../../../src/report/comment.js'

describe('commentMarker', () => {
  test.each([
    ['default', '<!-- stagegate:comment key="default" -->'],
    ['ghcr.io/acme/api:runtime', '<!-- stagegate:comment key="ghcr.io/acme/api:runtime" -->'],
    ['', '<!-- stagegate:comment key="default" -->'],
    ['   ', '<!-- stagegate:comment key="default" -->'],
    ['a b"c', '<!-- stagegate:comment key="a_b_c" -->'],
    ['x --> <script>', '<!-- stagegate:comment key="x_-___script_" -->'],
    ['a--b', '<!-- stagegate:comment key="a-b" -->']
  ])('%j → %s', (key, marker) => {
    expect(commentMarker(key)).toBe(marker)
  })

  test('a key never closes the HTML comment early and is bounded', () => {
    for (const key of ['-->', '--!>', '>', 'a'.repeat(1000), '"\n-->']) {
      const marker = commentMarker(key)
      expect(marker.indexOf('-->')).toBe(marker.length - 3)
      const value = /^<!-- stagegate:comment key="(.*)" -->$/.exec(marker)?.[1]
      expect(value).toBeDefined()
      expect(value).not.toMatch(/[>"\n]|--/)
      expect(marker.length).toBeLessThan(160)
    }
  })

  test('one key is not a prefix match of another', () => {
    expect(commentMarker('api-runtime').includes(commentMarker('api'))).toBe(false)
  })
})

test.each([
  ['body', 'M\nbody'],
  ['M\nbody', 'M\nbody'],
  ['x M y', 'x M y']
])('withMarker(%j)', (body, expected) => {
  expect(withMarker(body, 'M')).toBe(expected)
})

describe('findOwnComment', () => {
  const marker = commentMarker('default')
  const other = commentMarker('other')
  const c = (id: number, login: string | null, body: string | null): IssueComment => ({
    id,
    body,
    user: login === null ? null : { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
  })

  test.each<[string, IssueComment[], string, number | null]>([
    ['no comments', [], 'github-actions[bot]', null],
    ['ours', [c(1, 'alice', 'hi'), c(2, 'github-actions[bot]', `${marker}\nx`)], 'github-actions[bot]', 2],
    [
      'spoofed marker by another user is ignored',
      [c(1, 'mallory', `${marker}\nfake`)],
      'github-actions[bot]',
      null
    ],
    [
      'spoof before ours: ours wins',
      [c(1, 'mallory', `${marker}\nfake`), c(2, 'github-actions[bot]', marker)],
      'github-actions[bot]',
      2
    ],
    ['login compared case-insensitively', [c(3, 'Stagegate-Bot', marker)], 'stagegate-bot', 3],
    ['other key is not ours', [c(4, 'github-actions[bot]', other)], 'github-actions[bot]', null],
    [
      'several of ours: oldest',
      [c(5, 'github-actions[bot]', marker), c(6, 'github-actions[bot]', marker)],
      'github-actions[bot]',
      5
    ],
    ['unmarked bot comment', [c(7, 'github-actions[bot]', 'Size report')], 'github-actions[bot]', null],
    [
      'deleted user / empty body',
      [c(8, null, marker), c(9, 'github-actions[bot]', null)],
      'github-actions[bot]',
      null
    ],
    ['PAT user', [c(10, 'github-actions[bot]', marker), c(11, 'ci-user', marker)], 'ci-user', 11]
  ])('%s', (_name, comments, author, id) => {
    expect(findOwnComment(comments, marker, author)?.id ?? null).toBe(id)
  })
})

describe('decideCommentAction', () => {
  const existing: IssueComment = { id: 7, body: 'old' }
  const same: IssueComment = { id: 7, body: 'new' }
  type Row = [string, Partial<DecideCommentInput>, string]
  test.each<Row>([
    ['never on a PR', { mode: 'never', existing }, 'skip'],
    ['never off a PR', { mode: 'never', isPullRequest: false }, 'skip'],
    ['auto on a PR, none yet', { mode: 'auto' }, 'create'],
    ['auto on a PR, none yet, no baseline: the first report', { mode: 'auto', sizeChanged: null }, 'create'],
    ['auto on a PR, none yet, size changed', { mode: 'auto', sizeChanged: true }, 'create'],
    ['auto on a PR, none yet, size unchanged: no news', { mode: 'auto', sizeChanged: false }, 'skip'],
    [
      'auto on a PR, existing, size unchanged: kept current',
      { mode: 'auto', sizeChanged: false, existing },
      'update'
    ],
    ['always on a PR, none yet, size unchanged', { mode: 'always', sizeChanged: false }, 'create'],
    ['auto on a PR, existing', { mode: 'auto', existing }, 'update'],
    ['auto on a PR, identical', { mode: 'auto', existing: same }, 'skip'],
    ['auto off a PR', { mode: 'auto', isPullRequest: false }, 'skip'],
    ['auto off a PR, existing', { mode: 'auto', isPullRequest: false, existing }, 'skip'],
    ['always off a PR', { mode: 'always', isPullRequest: false }, 'create'],
    ['always off a PR, existing', { mode: 'always', isPullRequest: false, existing }, 'update'],
    ['always, identical', { mode: 'always', existing: same }, 'skip'],
    ['on-change, changed', { mode: 'on-change', sizeChanged: true }, 'create'],
    ['on-change, unchanged', { mode: 'on-change', sizeChanged: false }, 'skip'],
    ['on-change, no baseline', { mode: 'on-change', sizeChanged: null }, 'skip'],
    [
      'on-change, unchanged but existing: keep it fresh',
      { mode: 'on-change', sizeChanged: false, existing },
      'update'
    ],
    ['on-change, identical', { mode: 'on-change', sizeChanged: true, existing: same }, 'skip'],
    ['on-change off a PR', { mode: 'on-change', sizeChanged: true, isPullRequest: false }, 'skip']
  ])('%s → %s', (_name, partial, action) => {
    const decision = decideCommentAction({
      mode: 'auto',
      existing: null,
      body: 'new',
      sizeChanged: true,
      isPullRequest: true,
      ...partial
    })
    expect(decision.action).toBe(action)
    expect(decision.reason).not.toBe('')
    if (decision.action === 'update') expect(decision.commentId).toBe(7)
  })

  test('reasons name the mode', () => {
    const base = { existing: null, body: 'b', isPullRequest: true }
    expect(decideCommentAction({ ...base, mode: 'on-change', sizeChanged: null }).reason).toMatch(
      /no baseline/
    )
    expect(decideCommentAction({ ...base, mode: 'on-change', sizeChanged: false }).reason).toMatch(
      /unchanged/
    )
    expect(decideCommentAction({ ...base, mode: 'never', sizeChanged: true }).reason).toMatch(/never/)
  })
})

describe('isPermissionError', () => {
  const err = (status: number, message: string): Error => Object.assign(new Error(message), { status })
  test.each<[unknown, boolean]>([
    [err(403, 'Resource not accessible by integration'), true],
    [err(403, 'Resource not accessible by personal access token'), true],
    [err(404, 'Not Found'), true],
    [err(403, 'API rate limit exceeded for installation'), false],
    [err(401, 'Bad credentials'), false],
    [err(500, 'boom'), false],
    [new Error('socket hang up'), false],
    ['string', false]
  ])('%#', (error, expected) => {
    expect(isPermissionError(error)).toBe(expected)
  })
})

describe('fitCommentBody', () => {
  test.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten']
  ])('%j within %d is unchanged', (body, max, expected) => {
    expect(fitCommentBody(body, max)).toBe(expected)
  })
  test('long bodies keep their start, fit, and say so', () => {
    const body = `${commentMarker('k')}\n${'x'.repeat(70000)}`
    const fitted = fitCommentBody(body)
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(fitted.startsWith(commentMarker('k'))).toBe(true)
    expect(fitted).toMatch(/truncated/)
  })
  test('never splits a surrogate pair', () => {
    const fitted = fitCommentBody('😀'.repeat(100), 120)
    expect(fitted.length).toBeLessThanOrEqual(120)
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
