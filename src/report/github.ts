// What the report needs to know about the workflow run, read from the runner's variables and
// event file (no @actions/github import: that client loads only when a comment is written).
import { readFileSync } from 'node:fs'

export interface RunContext {
  eventName: string
  ref: string
  sha: string
  owner: string
  repo: string
  runId: string
  runAttempt: string
  /** The event payload (GITHUB_EVENT_PATH), `{}` outside a runner. */
  payload: Record<string, unknown>
  /** Pull request number for pull_request events, else null. */
  pullRequest: number | null
  defaultBranch: string | null
  runUrl: string | undefined
  /** The commit to name in the report: the PR head, else GITHUB_SHA. */
  headSha: string | undefined
}

/**
 * Whether the run is for a pull request from a fork (head and base in different repositories),
 * whose token GitHub makes read-only whatever `permissions:` says. Pure.
 */
export function isForkPullRequest(payload: Record<string, unknown>): boolean {
  const pr = payload.pull_request as
    { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } | undefined
  const head = pr?.head?.repo?.full_name
  const base = pr?.base?.repo?.full_name
  // A deleted fork has no head repository: it was a fork all the same.
  if (pr && pr.head && pr.head.repo === null) return true
  return head !== undefined && base !== undefined && head !== base
}

/** What to say when the token may not write the comment: a fork, or a missing permission. Pure. */
export function commentForbiddenAdvice(payload: Record<string, unknown>): string {
  return isForkPullRequest(payload)
    ? 'This pull request comes from a fork, whose token is read-only: the report is in the job summary and in the "report" output, for a workflow_run workflow to post (see the README).'
    : 'The token may not write pull request comments: give the job `permissions: pull-requests: write` (with `contents: read`), or pass a github-token that may. The report is in the job summary and in the "report" output.'
}

export function readRunContext(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string = f => readFileSync(f, 'utf8')
): RunContext {
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed: unknown = JSON.parse(readFile(env.GITHUB_EVENT_PATH))
      // `null` or an array would crash the property reads below.
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        payload = parsed as Record<string, unknown>
    } catch {
      payload = {}
    }
  }
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const pr = payload.pull_request as { number?: unknown; head?: { sha?: unknown } } | undefined
  const repository = payload.repository as { default_branch?: unknown } | undefined
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const runId = env.GITHUB_RUN_ID ?? ''
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    owner,
    repo,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    payload,
    pullRequest: typeof pr?.number === 'number' ? pr.number : null,
    defaultBranch: typeof repository?.default_branch === 'string' ? repository.default_branch : null,
    runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    headSha: typeof pr?.head?.sha === 'string' ? pr.head.sha : env.GITHUB_SHA || undefined
  }
}

// ---- the REST client for the comment ------------------------------------------------------------

/** Longest the comment step spends on GitHub's API, retries and rate-limit waits included. */
export const GITHUB_API_BUDGET_MS = 30_000
// New attempts start only within this part of the budget: a retry wait started just before it
// (at most 4 s with 2 retries) and an attempt cut at the deadline still end within the budget.
const ATTEMPT_WINDOW_MS = 25_000
const RETRIES = 2

export interface GitHubClientOptions {
  /** GITHUB_API_URL by default. */
  baseUrl?: string
  /** Total time budget (default GITHUB_API_BUDGET_MS). */
  budgetMs?: number
  log?: { info(message: string): void }
  /**
   * The throttling plugin shares its queues per id within one process; separate simulated runs in
   * one test process pass different ids, as separate jobs have separate processes.
   */
  throttleId?: string
}

/**
 * Whether to wait out a rate limit: GitHub's `retry-after` (secondary limit) or reset time
 * (primary limit) is honoured when the wait still fits in the budget, at most twice per request.
 * Pure.
 */
export function rateLimitWait(input: {
  retryAfterSeconds: number
  retryCount: number
  remainingMs: number
}): boolean {
  return input.retryCount < RETRIES && input.retryAfterSeconds * 1000 <= input.remainingMs - 1000
}

/**
 * An Octokit client (from @actions/github's getOctokit) with octokit's own retry plugin (5xx and
 * network errors: 2 retries after 1 s and 4 s) and throttling plugin (403/429 rate limits,
 * honouring retry-after), all inside one time budget: past it, no new attempt starts and a
 * pending one is aborted.
 */
export async function createGitHubClient(
  token: string,
  options: GitHubClientOptions = {}
): Promise<ReturnType<typeof import('@actions/github').getOctokit>> {
  const { getOctokit } = await import('@actions/github')
  const { retry } = await import('@octokit/plugin-retry')
  const { throttling } = await import('@octokit/plugin-throttling')
  const budgetMs = options.budgetMs ?? GITHUB_API_BUDGET_MS
  const windowMs = Math.max(budgetMs - (GITHUB_API_BUDGET_MS - ATTEMPT_WINDOW_MS), budgetMs / 2)
  // A monotonic clock: a wall-clock adjustment on the runner must not spend (or refill) the budget.
  const started = performance.now()
  const remaining = (): number => started + budgetMs - performance.now()
  const log = options.log
  const baseUrl = options.baseUrl ?? process.env.GITHUB_API_URL

  // Registered first, so it runs on every attempt the outer retry and throttling hooks make.
  const budget = (octokit: {
    hook: { before(name: 'request', hook: (o: { request?: object }) => void): void }
  }) => {
    octokit.hook.before('request', requestOptions => {
      if (performance.now() - started > windowMs) {
        throw new Error(`gave up: the GitHub API did not succeed within ${Math.round(windowMs / 1000)} s`)
      }
      // Cut a hanging attempt early enough that a retry wait after it stays in the budget too.
      const cut = Math.max(Math.floor(remaining() - (budgetMs - windowMs)), 1)
      requestOptions.request = { ...requestOptions.request, signal: AbortSignal.timeout(cut) }
    })
  }
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const wait = rateLimitWait({ retryAfterSeconds: retryAfter, retryCount, remainingMs: remaining() })
      log?.info(
        `GitHub API ${kind} rate limit on ${request.method} ${request.url}: ${wait ? `retrying in ${retryAfter} s` : 'the wait does not fit in the time budget'}.`
      )
      return wait
    }
  return getOctokit(
    token,
    {
      // Read now: @actions/github reads GITHUB_API_URL once, when it is first imported.
      ...(baseUrl ? { baseUrl } : {}),
      // 429 is left to the throttling plugin, which honours retry-after; 403 too (rate limits only).
      retry: { retries: RETRIES, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        ...(options.throttleId ? { id: options.throttleId } : {}),
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary')
      }
    },
    budget as never,
    retry,
    throttling
  )
}
