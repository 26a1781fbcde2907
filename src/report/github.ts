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
