// Fault injection: the sticky comment through createGitHubClient (octokit's retry and throttling
// plugins inside one time budget) against the GitHub API stand-in answering 5xx, rate limits,
// resets and hangs. Transient faults end with the comment written once; lasting ones end within
// the budget with an error the report step turns into a warning.
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals'
import { commentMarker, upsertComment, type UpsertCommentInput } from '../../../src/report/comment.js'
import { createGitHubClient, GITHUB_API_BUDGET_MS, rateLimitWait } from '../../../src/report/github.js'
import { postComment } from '../../../src/report/stage.js'
import type { RunContext } from '../../../src/report/github.js'
import type { ReportInputs } from '../../../src/report/inputs.js'
import type { Host } from '../../../src/host.js'
import { primaryRateLimit, secondaryRateLimit, startGitHubServer } from '../../servers/github-api.js'
import { createFaults, faultKind, faultMatches, type FaultRule } from '../../servers/http.js'

jest.setTimeout(40_000)

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

const table: string[] = []
afterAll(() => {
  process.stderr.write(`\nfault table (GitHub API):\n${table.join('\n')}\n`)
})

const marker = commentMarker('default')
const input = (body: string): UpsertCommentInput => ({
  owner: 'acme',
  repo: 'api',
  issueNumber: 42,
  key: 'default',
  body,
  mode: 'auto',
  sizeChanged: true,
  isPullRequest: true,
  run: { id: 500, attempt: 1 }
})
let runs = 0

async function setup(rules: FaultRule[], budgetMs?: number) {
  const server = await startGitHubServer()
  close = server.close
  for (const rule of rules) server.faults.add(rule)
  const octokit = await createGitHubClient('ghs_installation', {
    baseUrl: server.url,
    throttleId: `faults-${++runs}`,
    ...(budgetMs ? { budgetMs } : {})
  })
  return { server, octokit }
}

const list = /^\/repos\/acme\/api\/issues\/42\/comments$/
const one = /^\/repos\/acme\/api\/issues\/comments\/\d+$/

// [name, faults, least time the client must wait (retry-after honoured)]
const transient: [string, () => FaultRule[], number][] = [
  ['GET /user 502 twice', () => [{ method: 'GET', path: '/user', status: 502, times: 2 }], 0],
  ['GET /user reset once', () => [{ method: 'GET', path: '/user', reset: true, times: 1 }], 0],
  ['list 500 once', () => [{ method: 'GET', path: list, status: 500, times: 1 }], 0],
  [
    'list 429 secondary rate limit, retry-after 2',
    () => [{ method: 'GET', path: list, times: 1, ...secondaryRateLimit(2, 429) }],
    2000
  ],
  [
    'list 429 primary rate limit, reset in 2 s',
    () => [{ method: 'GET', path: list, times: 1, ...primaryRateLimit(2, 429) }],
    1000
  ],
  [
    'POST 403 secondary rate limit, retry-after 1',
    () => [{ method: 'POST', path: list, times: 1, ...secondaryRateLimit(1) }],
    1000
  ],
  ['POST 502 once', () => [{ method: 'POST', path: list, status: 502, times: 1 }], 0],
  ['POST 503 twice', () => [{ method: 'POST', path: list, status: 503, times: 2 }], 0],
  ['POST delayed 2 s', () => [{ method: 'POST', path: list, delayMs: 2000, times: 1 }], 2000]
]

describe('transient API faults: the comment is written exactly once', () => {
  test.each(transient)('%s', async (name, makeRules, leastMs) => {
    // Built now: a rate limit's reset time is absolute.
    const rules = makeRules()
    const { server, octokit } = await setup(rules)
    const started = performance.now()
    const result = await upsertComment(octokit, input('size: 10 MB'))
    const elapsed = performance.now() - started
    table.push(`| API: ${name} | 1 | comment ${result.status} | ${(elapsed / 1000).toFixed(1)} s |`)
    expect(result.status).toBe('created')
    const ours = server.state.commentsOn(42).filter(c => c.body.includes(marker))
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toContain('size: 10 MB')
    expect(server.faults.hits.length).toBe(rules.reduce((n, r) => n + (r.times ?? 0), 0))
    expect(elapsed).toBeGreaterThanOrEqual(leastMs - 50)
    expect(elapsed).toBeLessThan(GITHUB_API_BUDGET_MS)
  })

  test('an update that meets 502 twice is retried and lands', async () => {
    const { server, octokit } = await setup([])
    await upsertComment(octokit, input('old'))
    server.faults.add({ method: 'PATCH', path: one, status: 502, times: 2 })
    const result = await upsertComment(octokit, input('new'))
    expect(result.status).toBe('updated')
    expect(server.state.commentsOn(42).map(c => c.body.split('\n').pop())).toEqual(['new'])
  })
})

// [name, faults, budget, most time allowed]
const lasting: [string, FaultRule[], number | undefined, number][] = [
  ['list 502 on every request', [{ method: 'GET', path: list, status: 502 }], undefined, 10_000],
  [
    'POST secondary rate limit, retry-after 120 (longer than the budget)',
    [{ method: 'POST', path: list, ...secondaryRateLimit(120) }],
    undefined,
    3_000
  ],
  ['POST hangs (budget 4 s)', [{ method: 'POST', path: list, hang: true }], 4_000, 4_000],
  ['GET /user resets every time', [{ method: 'GET', path: '/user', reset: true }], undefined, 10_000],
  [
    'secondary rate limit on every POST, retry-after 1',
    [{ method: 'POST', path: list, ...secondaryRateLimit(1) }],
    undefined,
    10_000
  ]
]

describe('lasting API faults: an error within the budget, no comment, no duplicate', () => {
  test.each(lasting)('%s', async (name, rules, budgetMs, mostMs) => {
    const { server, octokit } = await setup(rules, budgetMs)
    const started = performance.now()
    const outcome = await upsertComment(octokit, input('size: 10 MB')).then(
      r => r.status,
      (error: Error) => `error: ${error.message}`
    )
    const elapsed = performance.now() - started
    table.push(
      `| API: ${name} | 1 | ${outcome.slice(0, 60)}… (run goes on, warning) | ${(elapsed / 1000).toFixed(1)} s |`
    )
    expect(outcome).toMatch(/^error: Could not (list the comments of|comment on) acme\/api#42/)
    expect(elapsed).toBeLessThan(mostMs)
    expect(server.state.commentsOn(42)).toHaveLength(0)
  })
})

describe('the report step keeps going when the API fails', () => {
  test('postComment rejects with a message the report step warns with; nothing is posted', async () => {
    const server = await startGitHubServer()
    close = server.close
    server.faults.add({ method: 'GET', path: list, status: 503 })
    const saved = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = server.url
    const infos: string[] = []
    const host = { info: (m: string) => infos.push(m), warning: () => undefined } as unknown as Host
    const run = { owner: 'acme', repo: 'api', pullRequest: 42, runId: '7', runAttempt: '1' } as RunContext
    const report = { comment: 'auto', githubToken: 'ghs_x', commentAuthor: '' } as unknown as ReportInputs
    try {
      await expect(postComment({ host, report, run }, 'default', 'body', true)).rejects.toThrow(/503/)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL
      else process.env.GITHUB_API_URL = saved
    }
    expect(server.state.commentsOn(42)).toHaveLength(0)
  })
})

describe('rateLimitWait', () => {
  test.each([
    [{ retryAfterSeconds: 1, retryCount: 0, remainingMs: 30_000 }, true],
    [{ retryAfterSeconds: 60, retryCount: 0, remainingMs: 30_000 }, false],
    [{ retryAfterSeconds: 29, retryCount: 0, remainingMs: 30_000 }, true],
    [{ retryAfterSeconds: 30, retryCount: 0, remainingMs: 30_000 }, false],
    [{ retryAfterSeconds: 1, retryCount: 2, remainingMs: 30_000 }, false],
    [{ retryAfterSeconds: 0, retryCount: 1, remainingMs: 500 }, false]
  ])('%j → %s', (value, expected) => {
    expect(rateLimitWait(value)).toBe(expected)
  })
})

describe('stand-in fault rules', () => {
  test.each([
    [{ path: '/user' }, 'GET', '/user', true],
    [{ path: '/user', method: 'post' }, 'GET', '/user', false],
    [{ path: '/user', method: 'post' }, 'POST', '/user', true],
    [{ path: /^\/repos\// }, 'PATCH', '/repos/a/b/issues/comments/1', true],
    [{ path: '/user' }, 'GET', '/users', false]
  ] as [FaultRule, string, string, boolean][])('%j matches %s %s: %s', (rule, method, path, expected) => {
    expect(faultMatches(rule, method, path)).toBe(expected)
  })

  test.each([
    [{ path: '/', status: 500 }, 'status'],
    [{ path: '/', delayMs: 5 }, 'delay'],
    [{ path: '/', delayMs: 5, status: 502 }, 'status'],
    [{ path: '/', hang: true }, 'hang'],
    [{ path: '/', reset: true, status: 500 }, 'reset']
  ] as [FaultRule, string][])('%j is a %s fault', (rule, kind) => {
    expect(faultKind(rule)).toBe(kind)
  })

  test('times counts matching requests only; later ones pass', () => {
    const faults = createFaults()
    faults.add({ method: 'GET', path: '/user', status: 502, times: 2 })
    expect(faults.take('POST', '/user')).toBeNull()
    expect(faults.take('GET', '/user')?.status).toBe(502)
    expect(faults.take('GET', '/user')?.status).toBe(502)
    expect(faults.take('GET', '/user')).toBeNull()
    expect(faults.hits.map(h => h.kind)).toEqual(['status', 'status'])
  })
})
