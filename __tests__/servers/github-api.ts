// A fake of the GitHub REST API subset stagegate uses for its sticky comment, over real HTTP on
// 127.0.0.1. Point `getOctokit(token, { baseUrl: server.url })` (or GITHUB_API_URL) at it.
//
// Routes:
//   GET   /user                                      200 for user tokens, 403 for app tokens
//   GET   /repos/{o}/{r}/issues/{n}/comments         per_page (default 30, max 100) / page, Link
//   POST  /repos/{o}/{r}/issues/{n}/comments         create, authored by the token's identity
//   GET   /repos/{o}/{r}/issues/comments/{id}        one comment
//   PATCH /repos/{o}/{r}/issues/comments/{id}        update in place
//   DELETE /repos/{o}/{r}/issues/comments/{id}       204
// Faults (status codes such as a secondary rate limit, delays, hangs, resets) per route and count:
// `server.faults.add({ method: 'GET', path: '/user', times: 2, status: 502 })`; see secondaryRateLimit.
// Anything else answers 404 `{"message":"Not Found"}` and is recorded in `state.requests`.
import {
  readBody,
  listen,
  queryOf,
  sendJson,
  type FaultRule,
  type RecordedRequest,
  type RunningServer
} from './http.js'

export interface FakeUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface FakeComment {
  id: number
  node_id: string
  url: string
  html_url: string
  issue_url: string
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
  author_association: string
  performed_via_github_app: null | { id: number; slug: string; name: string }
}

/** Who a token acts as. `app` tokens (GITHUB_TOKEN, app installations) cannot call GET /user. */
export interface FakeIdentity {
  login: string
  type?: 'User' | 'Bot'
  kind?: 'app' | 'user'
}

export interface SeedComment {
  owner?: string
  repo?: string
  issueNumber: number
  body: string
  /** Author login; `[bot]` suffix makes it a Bot. */
  login: string
}

export interface GitHubServerOptions {
  /** Token → identity. Unknown tokens act as `github-actions[bot]` (an app token). */
  identities?: Record<string, FakeIdentity>
  /**
   * How writes (POST/PATCH) are answered: `ok`; `forbidden` = 403 "Resource not accessible by
   * integration" (a fork PR's read-only GITHUB_TOKEN); `not-found` = 404.
   */
  writes?: 'ok' | 'forbidden' | 'not-found'
  /** Comments that exist before the run, in creation order. */
  comments?: SeedComment[]
  /** Default owner/repo for seeded comments that name none. */
  owner?: string
  repo?: string
}

export interface GitHubServerState {
  /** Every comment, in creation order, keyed by `owner/repo#number`. */
  comments: Map<string, FakeComment[]>
  requests: RecordedRequest[]
  writes: 'ok' | 'forbidden' | 'not-found'
  /** Comments on one issue, in creation order. */
  commentsOn(issueNumber: number, owner?: string, repo?: string): FakeComment[]
  /** Add a comment as if someone else had written it. */
  seed(comment: SeedComment): FakeComment
}

const APP_TOKEN_IDENTITY: FakeIdentity = { login: 'github-actions[bot]', type: 'Bot', kind: 'app' }

export async function startGitHubServer(
  options: GitHubServerOptions = {}
): Promise<RunningServer<GitHubServerState>> {
  const defaultOwner = options.owner ?? 'acme'
  const defaultRepo = options.repo ?? 'api'
  let nextId = 1000
  let clock = Date.parse('2024-01-01T00:00:00Z')
  const userIds = new Map<string, number>()
  let baseUrl = ''

  const userFor = (login: string, type?: 'User' | 'Bot'): FakeUser => {
    let id = userIds.get(login.toLowerCase())
    if (id === undefined) {
      id = 41898282 + userIds.size
      userIds.set(login.toLowerCase(), id)
    }
    return { login, id, type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') }
  }

  const state: GitHubServerState = {
    comments: new Map(),
    requests: [],
    writes: options.writes ?? 'ok',
    commentsOn(issueNumber, owner = defaultOwner, repo = defaultRepo) {
      return state.comments.get(`${owner}/${repo}#${issueNumber}`) ?? []
    },
    seed(seed) {
      return addComment(
        seed.owner ?? defaultOwner,
        seed.repo ?? defaultRepo,
        seed.issueNumber,
        seed.body,
        userFor(seed.login)
      )
    }
  }

  function addComment(
    owner: string,
    repo: string,
    issueNumber: number,
    body: string,
    user: FakeUser
  ): FakeComment {
    const id = nextId++
    clock += 60_000
    const at = new Date(clock).toISOString()
    const comment: FakeComment = {
      id,
      node_id: `IC_fake${id}`,
      url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issueNumber}#issuecomment-${id}`,
      issue_url: `${baseUrl}/repos/${owner}/${repo}/issues/${issueNumber}`,
      body,
      user,
      created_at: at,
      updated_at: at,
      author_association: user.type === 'Bot' ? 'NONE' : 'MEMBER',
      performed_via_github_app: null
    }
    const key = `${owner}/${repo}#${issueNumber}`
    const list = state.comments.get(key) ?? []
    list.push(comment)
    state.comments.set(key, list)
    return comment
  }

  function findComment(
    owner: string,
    repo: string,
    id: number
  ): { comment: FakeComment; list: FakeComment[] } | null {
    const prefix = `${owner}/${repo}#`
    for (const [key, list] of state.comments) {
      const comment = key.startsWith(prefix) ? list.find(c => c.id === id) : undefined
      if (comment) return { comment, list }
    }
    return null
  }

  function identityOf(authorization: string | undefined): FakeIdentity | null {
    if (!authorization) return null
    const token = authorization.replace(/^(token|bearer)\s+/i, '')
    return options.identities?.[token] ?? APP_TOKEN_IDENTITY
  }

  function writeRefusal(): [number, unknown] | null {
    if (state.writes === 'forbidden') {
      return [
        403,
        {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: '403'
        }
      ]
    }
    if (state.writes === 'not-found') {
      return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' }]
    }
    return null
  }

  const server = await listen(async (req, res, url) => {
    const raw = await readBody(req)
    const body = raw.toString('utf8')
    state.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryOf(url),
      headers: req.headers,
      body,
      bodyBytes: raw.length
    })

    const identity = identityOf(req.headers.authorization)
    if (!identity) {
      sendJson(res, 401, { message: 'Requires authentication', status: '401' })
      return
    }
    const method = req.method ?? 'GET'

    if (method === 'GET' && url.pathname === '/user') {
      if ((identity.kind ?? 'app') === 'app') {
        sendJson(res, 403, { message: 'Resource not accessible by integration', status: '403' })
      } else {
        sendJson(res, 200, userFor(identity.login, identity.type))
      }
      return
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    if (list) {
      const [, owner = '', repo = '', num = ''] = list
      const issueNumber = Number(num)
      if (method === 'GET') {
        const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
        const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
        const all = state.commentsOn(issueNumber, owner, repo)
        const last = Math.max(Math.ceil(all.length / perPage), 1)
        const pageUrl = (p: number): string => {
          const u = new URL(`${baseUrl}${url.pathname}`)
          for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.set(k, v)
          u.searchParams.set('per_page', String(perPage))
          u.searchParams.set('page', String(p))
          return u.toString()
        }
        // GitHub omits rel="next"/"last" on the last page and rel="first"/"prev" on the first.
        const links: string[] = []
        if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`)
        if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
        if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`)
        const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {}
        sendJson(res, 200, all.slice((page - 1) * perPage, page * perPage), headers)
        return
      }
      if (method === 'POST') {
        const refusal = writeRefusal()
        if (refusal) return sendJson(res, ...refusal)
        const text = parseBodyField(body)
        if (text === null) {
          sendJson(res, 422, {
            message: 'Validation Failed: body is missing or too long (maximum is 65536 characters)',
            status: '422'
          })
          return
        }
        const created = addComment(owner, repo, issueNumber, text, userFor(identity.login, identity.type))
        sendJson(res, 201, created, { location: created.url })
        return
      }
    }

    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (one && (method === 'GET' || method === 'DELETE')) {
      const [, owner = '', repo = '', idText = ''] = one
      const found = findComment(owner, repo, Number(idText))
      if (method === 'GET') {
        if (found) sendJson(res, 200, found.comment)
        else sendJson(res, 404, { message: 'Not Found', status: '404' })
        return
      }
      const refusal = writeRefusal()
      if (refusal) return sendJson(res, ...refusal)
      if (!found) {
        sendJson(res, 404, { message: 'Not Found', status: '404' })
        return
      }
      found.list.splice(found.list.indexOf(found.comment), 1)
      res.writeHead(204).end()
      return
    }
    if (one && method === 'PATCH') {
      const [, owner = '', repo = '', idText = ''] = one
      const refusal = writeRefusal()
      if (refusal) return sendJson(res, ...refusal)
      const comment = findComment(owner, repo, Number(idText))?.comment
      if (!comment) {
        sendJson(res, 404, { message: 'Not Found', status: '404' })
        return
      }
      const text = parseBodyField(body)
      if (text === null) {
        sendJson(res, 422, {
          message: 'Validation Failed: body is missing or too long (maximum is 65536 characters)',
          status: '422'
        })
        return
      }
      clock += 60_000
      comment.body = text
      comment.updated_at = new Date(clock).toISOString()
      sendJson(res, 200, comment)
      return
    }

    sendJson(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404'
    })
  })
  baseUrl = server.url

  for (const seed of options.comments ?? []) state.seed(seed)

  return { url: server.url, state, faults: server.faults, close: server.close }
}

/** GitHub's answer to too many writes: 403 (or 429) naming the secondary rate limit, with retry-after. */
export function secondaryRateLimit(
  retryAfterSeconds: number,
  status: 403 | 429 = 403
): Pick<FaultRule, 'status' | 'headers' | 'body'> {
  return {
    status,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(status)
    }
  }
}

/** The primary rate limit used up: x-ratelimit-remaining 0 until `resetInSeconds` from now. */
export function primaryRateLimit(
  resetInSeconds: number,
  status: 403 | 429 = 429
): Pick<FaultRule, 'status' | 'headers' | 'body'> {
  return {
    status,
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds)
    },
    body: {
      message: 'API rate limit exceeded for installation.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: String(status)
    }
  }
}

/**
 * Environment for a process (the bundled action in e2e) that should talk to this fake:
 * @actions/github's getOctokit takes its base URL from GITHUB_API_URL. Do not point
 * GITHUB_SERVER_URL here; @actions/cache would take 127.0.0.1 for GHES and disable cache v2.
 */
export function gitHubApiEnv(url: string, token = 'ghs_installation'): Record<string, string> {
  return { GITHUB_API_URL: url, GITHUB_TOKEN: token }
}

// Bodies GitHub would refuse (missing, or over 65536 characters) are answered 422 by the callers.
function parseBodyField(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { body?: unknown }
    return typeof parsed.body === 'string' && parsed.body.length <= 65536 ? parsed.body : null
  } catch {
    return null
  }
}
