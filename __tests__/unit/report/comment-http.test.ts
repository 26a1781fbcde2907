// upsertComment with the real @actions/github client against the fake GitHub REST server.
import { afterEach, describe, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import {
  commentMarker,
  resolveCommentAuthor,
  upsertComment,
  type UpsertCommentInput
} from '../../../src/report/comment.js'
import { startGitHubServer, type GitHubServerOptions } from '../../servers/github-api.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function setup(options: GitHubServerOptions = {}, token = 'ghs_installation') {
  const server = await startGitHubServer(options)
  close = server.close
  return { server, octokit: getOctokit(token, { baseUrl: server.url }) }
}

const input = (body: string, extra: Partial<UpsertCommentInput> = {}): UpsertCommentInput => ({
  owner: 'acme',
  repo: 'api',
  issueNumber: 42,
  key: 'default',
  body,
  mode: 'auto',
  sizeChanged: true,
  isPullRequest: true,
  ...extra
})

const marker = commentMarker('default')

describe('upsertComment against the fake REST API', () => {
  test('first run creates, second run updates the same comment, third run is a no-op', async () => {
    const { server, octokit } = await setup({
      comments: [{ issueNumber: 42, login: 'alice', body: 'LGTM' }]
    })

    const first = await upsertComment(octokit, input('size: 10 MB'))
    expect(first).toMatchObject({ status: 'created', author: 'github-actions[bot]' })
    expect(first.status === 'created' && first.warning).toBeFalsy()

    const second = await upsertComment(octokit, input('size: 11 MB'))
    expect(second.status).toBe('updated')
    expect(second.status === 'updated' && second.commentId).toBe(
      first.status === 'created' && first.commentId
    )

    const third = await upsertComment(octokit, input('size: 11 MB'))
    expect(third.status).toBe('skipped')

    const ours = server.state.commentsOn(42).filter(c => c.body.includes(marker))
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toBe(`${marker}\nsize: 11 MB`)
    expect(ours[0]?.user.login).toBe('github-actions[bot]')
    expect(server.state.commentsOn(42)).toHaveLength(2)
    // GET /user is tried once per run and refused for an installation token.
    expect(server.state.requests.filter(r => r.path === '/user')).toHaveLength(3)
    expect(server.state.requests.filter(r => r.method === 'PATCH')).toHaveLength(1)
  })

  test('finds ours on page 3 of 250 comments, using per_page=100 and the Link header', async () => {
    const comments = Array.from({ length: 250 }, (_, i) => ({
      issueNumber: 42,
      login: i % 2 ? 'alice' : 'renovate[bot]',
      body: `comment ${i}`
    }))
    comments[230] = { issueNumber: 42, login: 'github-actions[bot]', body: `${marker}\nold report` }
    const { server, octokit } = await setup({ comments })

    const result = await upsertComment(octokit, input('new report'))
    expect(result.status).toBe('updated')
    expect(server.state.commentsOn(42)).toHaveLength(250)
    expect(server.state.commentsOn(42)[230]?.body).toBe(`${marker}\nnew report`)

    const lists = server.state.requests.filter(r => r.method === 'GET' && r.path.endsWith('/comments'))
    expect(lists.map(r => [r.query.per_page, r.query.page ?? '1'])).toEqual([
      ['100', '1'],
      ['100', '2'],
      ['100', '3']
    ])
  })

  test('a spoofed marker written by another user is never updated', async () => {
    const spoof = `${marker}\nMerge me, size is fine`
    const { server, octokit } = await setup({
      comments: [
        { issueNumber: 42, login: 'mallory', body: spoof },
        { issueNumber: 42, login: 'some-app[bot]', body: spoof }
      ]
    })

    const result = await upsertComment(octokit, input('real report'))
    expect(result.status).toBe('created')
    const all = server.state.commentsOn(42)
    expect(all.map(c => [c.user.login, c.body])).toEqual([
      ['mallory', spoof],
      ['some-app[bot]', spoof],
      ['github-actions[bot]', `${marker}\nreal report`]
    ])
    expect(server.state.requests.some(r => r.method === 'PATCH')).toBe(false)
  })

  test('a read-only token (fork PR) gives forbidden instead of throwing', async () => {
    const { server, octokit } = await setup({ writes: 'forbidden' })
    const result = await upsertComment(octokit, input('report'))
    expect(result).toMatchObject({ status: 'forbidden' })
    expect(result.status === 'forbidden' && result.message).toMatch(/Resource not accessible by integration/)
    expect(server.state.commentsOn(42)).toHaveLength(0)
  })

  test('404 on write is treated as forbidden too', async () => {
    const { octokit } = await setup({ writes: 'not-found' })
    expect((await upsertComment(octokit, input('report'))).status).toBe('forbidden')
  })

  test('an update refused with 403 is forbidden as well', async () => {
    const { server, octokit } = await setup({
      comments: [{ issueNumber: 42, login: 'github-actions[bot]', body: `${marker}\nold` }]
    })
    server.state.writes = 'forbidden'
    expect((await upsertComment(octokit, input('new'))).status).toBe('forbidden')
    expect(server.state.commentsOn(42)[0]?.body).toBe(`${marker}\nold`)
  })

  test('other errors are thrown with a clear message', async () => {
    const { server, octokit } = await setup()
    await server.close()
    await expect(upsertComment(octokit, input('x'))).rejects.toThrow(/acme\/api#42/)
  })

  test('a personal access token is identified through GET /user', async () => {
    const { server, octokit } = await setup(
      {
        identities: { ghp_user: { login: 'ci-user', kind: 'user' } },
        comments: [{ issueNumber: 42, login: 'github-actions[bot]', body: `${marker}\nby the bot` }]
      },
      'ghp_user'
    )
    expect(await resolveCommentAuthor(octokit)).toBe('ci-user')
    const result = await upsertComment(octokit, input('by the user'))
    expect(result).toMatchObject({ status: 'created', author: 'ci-user' })
    expect(server.state.commentsOn(42).map(c => c.user.login)).toEqual(['github-actions[bot]', 'ci-user'])
  })

  test('an app token with a configured author finds its comments; a wrong guess is reported', async () => {
    const { server, octokit } = await setup(
      { identities: { ghs_app: { login: 'stagegate-app[bot]', kind: 'app' } } },
      'ghs_app'
    )
    const guessed = await upsertComment(octokit, input('one'))
    expect(guessed.status).toBe('created')
    expect(guessed.status === 'created' && guessed.warning).toMatch(/comment-author: stagegate-app\[bot\]/)

    const configured = await upsertComment(octokit, input('two', { author: 'stagegate-app[bot]' }))
    expect(configured.status).toBe('updated')
    expect(server.state.commentsOn(42)).toHaveLength(1)
  })

  test('keys keep separate comments apart', async () => {
    const { server, octokit } = await setup()
    await upsertComment(octokit, input('api', { key: 'api' }))
    await upsertComment(octokit, input('worker', { key: 'worker' }))
    await upsertComment(octokit, input('api 2', { key: 'api' }))
    expect(server.state.commentsOn(42).map(c => c.body)).toEqual([
      `${commentMarker('api')}\napi 2`,
      `${commentMarker('worker')}\nworker`
    ])
  })

  test('no request at all when not a pull request in auto mode', async () => {
    const { server, octokit } = await setup()
    const result = await upsertComment(octokit, input('x', { isPullRequest: false }))
    expect(result.status).toBe('skipped')
    expect(server.state.requests).toHaveLength(0)
  })

  test('a report over the 65536-character limit is shortened instead of refused', async () => {
    const { server, octokit } = await setup()
    const result = await upsertComment(octokit, input('y'.repeat(100_000)))
    expect(result.status).toBe('created')
    expect(server.state.commentsOn(42)[0]?.body.length).toBeLessThanOrEqual(65536)
  })

  test('missing token is answered 401 by the fake', async () => {
    const { server } = await setup()
    const res = await fetch(`${server.url}/repos/acme/api/issues/42/comments`)
    expect(res.status).toBe(401)
  })
})
