// Concurrent runs on one pull request against the GitHub API stand-in with delayed comment
// creation: both runs find no comment and both create one. They must end with exactly one
// stagegate comment per key, the oldest, showing the newest run's report.
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals'
import { commentMarker, runStampIn, upsertComment, type RunStamp } from '../../../src/report/comment.js'
import { createGitHubClient } from '../../../src/report/github.js'
import { startGitHubServer } from '../../servers/github-api.js'

jest.setTimeout(60_000)

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})
const table: string[] = []
afterAll(() => {
  process.stderr.write(`\nfault table (concurrent runs):\n${table.join('\n')}\n`)
})

const marker = commentMarker('default')
const list = /^\/repos\/acme\/api\/issues\/42\/comments$/
let clients = 0

/** One workflow run: its own client (separate jobs do not share throttling queues). */
async function runOf(url: string, run: RunStamp, body: string, key = 'default') {
  const octokit = await createGitHubClient('ghs_installation', {
    baseUrl: url,
    throttleId: `race-${++clients}`
  })
  return upsertComment(octokit, {
    owner: 'acme',
    repo: 'api',
    issueNumber: 42,
    key,
    body,
    mode: 'auto',
    sizeChanged: true,
    isPullRequest: true,
    run
  })
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

// [name, runs (stamp, start offset), POST delays in arrival order]
const races: [string, { run: RunStamp; startMs: number }[], number[]][] = [
  [
    'two runs, same POST delay',
    [
      { run: { id: 100, attempt: 1 }, startMs: 0 },
      { run: { id: 101, attempt: 1 }, startMs: 0 }
    ],
    [300, 300]
  ],
  [
    'newer run created first (older POST slower)',
    [
      { run: { id: 100, attempt: 1 }, startMs: 30 },
      { run: { id: 101, attempt: 1 }, startMs: 0 }
    ],
    [100, 700]
  ],
  [
    'older run created first (newer POST slower)',
    [
      { run: { id: 100, attempt: 1 }, startMs: 0 },
      { run: { id: 101, attempt: 1 }, startMs: 30 }
    ],
    [100, 700]
  ],
  [
    're-run: attempt 2 against attempt 1',
    [
      { run: { id: 100, attempt: 1 }, startMs: 0 },
      { run: { id: 100, attempt: 2 }, startMs: 0 }
    ],
    [400, 100]
  ],
  [
    'three runs',
    [
      { run: { id: 100, attempt: 1 }, startMs: 0 },
      { run: { id: 102, attempt: 1 }, startMs: 10 },
      { run: { id: 101, attempt: 1 }, startMs: 20 }
    ],
    [500, 100, 300]
  ]
]

describe('racing runs converge on one comment with the newest report', () => {
  test.each(races)('%s', async (name, runs, delays) => {
    const server = await startGitHubServer()
    close = server.close
    for (const delayMs of delays) server.faults.add({ method: 'POST', path: list, delayMs, times: 1 })
    const started = performance.now()
    const results = await Promise.all(
      runs.map(async ({ run, startMs }) => {
        await sleep(startMs)
        return runOf(server.url, run, `report of run ${run.id}.${run.attempt}`)
      })
    )
    const elapsed = performance.now() - started
    const ours = server.state.commentsOn(42).filter(c => c.body.includes(marker))
    const posts = server.state.requests.filter(r => r.method === 'POST').length
    table.push(
      `| concurrent: ${name} | 1 | ${posts} created, ${ours.length} left | ${(elapsed / 1000).toFixed(1)} s |`
    )
    // Both really raced: each created its own comment.
    expect(posts).toBe(runs.length)
    expect(ours).toHaveLength(1)
    const newest = [...runs].sort((a, b) => b.run.id - a.run.id || b.run.attempt - a.run.attempt)[0]!.run
    expect(ours[0]?.body).toContain(`report of run ${newest.id}.${newest.attempt}`)
    expect(runStampIn(ours[0]?.body)).toEqual(newest)
    // The kept comment is the first one created, so links to it stay valid.
    expect(ours[0]?.id).toBe(1000)
    expect(results.every(r => r.status !== 'forbidden')).toBe(true)
  })

  test('ten races with random delays: always one comment, always the newest report', async () => {
    let ok = 0
    const started = performance.now()
    for (let i = 0; i < 10; i++) {
      const server = await startGitHubServer()
      for (let j = 0; j < 2; j++)
        server.faults.add({ method: 'POST', path: list, delayMs: Math.floor(Math.random() * 400), times: 1 })
      await Promise.all([
        runOf(server.url, { id: 200, attempt: 1 }, 'older'),
        sleep(Math.floor(Math.random() * 50)).then(() => runOf(server.url, { id: 201, attempt: 1 }, 'newer'))
      ])
      const ours = server.state.commentsOn(42).filter(c => c.body.includes(marker))
      if (ours.length === 1 && ours[0]?.body.endsWith('\nnewer')) ok++
      await server.close()
    }
    table.push(
      `| concurrent: two runs, random delays | 10 | ${ok}/10 converged to one, newest | ${((performance.now() - started) / 10000).toFixed(1)} s each |`
    )
    expect(ok).toBe(10)
  })

  test('an older run that finishes last does not overwrite the newer report', async () => {
    const server = await startGitHubServer()
    close = server.close
    await runOf(server.url, { id: 301, attempt: 1 }, 'newer')
    const late = await runOf(server.url, { id: 300, attempt: 1 }, 'older')
    expect(late).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/newer run/) })
    const ours = server.state.commentsOn(42).filter(c => c.body.includes(marker))
    expect(ours.map(c => c.body.split('\n').pop())).toEqual(['newer'])
  })

  test('duplicates left by a crashed run are removed by the next run', async () => {
    const server = await startGitHubServer({
      comments: [
        { issueNumber: 42, login: 'github-actions[bot]', body: `${marker}\nleft over 1` },
        { issueNumber: 42, login: 'alice', body: `${marker}\nnot ours, kept` },
        { issueNumber: 42, login: 'github-actions[bot]', body: `${marker}\nleft over 2` }
      ]
    })
    close = server.close
    const result = await runOf(server.url, { id: 400, attempt: 1 }, 'fresh')
    expect(result).toMatchObject({ status: 'updated', commentId: 1000, removed: [1002] })
    expect(server.state.commentsOn(42).map(c => [c.user.login, c.body.split('\n').pop()])).toEqual([
      ['github-actions[bot]', 'fresh'],
      ['alice', 'not ours, kept']
    ])
  })

  test('two keys race without touching each other', async () => {
    const server = await startGitHubServer()
    close = server.close
    server.faults.add({ method: 'POST', path: list, delayMs: 200, times: 2 })
    await Promise.all([
      runOf(server.url, { id: 500, attempt: 1 }, 'api', 'api'),
      runOf(server.url, { id: 501, attempt: 1 }, 'worker', 'worker')
    ])
    expect(
      server.state
        .commentsOn(42)
        .map(c => c.body.split('\n').pop())
        .sort()
    ).toEqual(['api', 'worker'])
  })
})
