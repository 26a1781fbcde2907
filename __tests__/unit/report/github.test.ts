// Who may write the comment: a fork's token is read-only whatever the workflow asks for; a
// same-repository pull request that gets a 403 lacks `pull-requests: write`.
import { describe, expect, test } from '@jest/globals'
import { commentForbiddenAdvice, isForkPullRequest } from '../../../src/report/github.js'

const pr = (head: unknown, base = 'acme/api') => ({
  pull_request: { head: { ref: 'feature', repo: head }, base: { ref: 'main', repo: { full_name: base } } }
})

describe('isForkPullRequest', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['head in another repository', pr({ full_name: 'someone/api' }), true],
    ['head in the same repository', pr({ full_name: 'acme/api' }), false],
    ['the fork was deleted (head repo null)', pr(null), true],
    ['a push event', { ref: 'refs/heads/main' }, false],
    ['a payload without repositories', { pull_request: { head: {}, base: {} } }, false]
  ])('%s → %p', (_name, payload, fork) => expect(isForkPullRequest(payload)).toBe(fork))
})

describe('commentForbiddenAdvice', () => {
  test('a fork: the read-only token and the workflow_run recipe', () => {
    const advice = commentForbiddenAdvice(pr({ full_name: 'someone/api' }))
    expect(advice).toMatch(/comes from a fork, whose token is read-only/)
    expect(advice).toMatch(/workflow_run/)
  })
  test('the same repository: the permission to add', () => {
    const advice = commentForbiddenAdvice(pr({ full_name: 'acme/api' }))
    expect(advice).toMatch(/permissions: pull-requests: write/)
    expect(advice).not.toMatch(/fork/)
  })
})
