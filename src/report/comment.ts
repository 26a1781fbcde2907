// The sticky pull request comment: one comment per (PR, key), found again by a hidden marker and
// by its author, and edited in place on every later run.
//
// Whose comments count as ours (anti-spoofing): anyone can paste our marker into a comment, so a
// marked comment is only ours when its author is the account we write as. That account is
// resolved once per run by `resolveCommentAuthor`:
//   1. the `comment-author` the user configured, when given (for GitHub App tokens, whose bot
//      login `<app-slug>[bot]` cannot be learned from the token);
//   2. else GET /user, which answers for personal access tokens with their login;
//   3. else (GET /user answers 403/401/404 for installation tokens such as GITHUB_TOKEN)
//      `github-actions[bot]`, the author of every comment written with GITHUB_TOKEN.
// Logins are compared case-insensitively, as GitHub treats them. When a comment we create comes
// back with a different author than assumed, upsertComment says so, because the next run would
// otherwise not find it and post a second one.
//
// Concurrent runs (a re-run, two workflows, fast pushes) converge on one comment per key:
// GitHub has no conditional writes, so every run that writes lists again afterwards and applies
// planConvergence: the oldest of our comments (lowest id) is kept, the others are deleted, and the
// kept one ends up with the body of the newest run (the run stamp on the body's second line:
// GitHub run ids grow with time, re-runs raise the attempt). Any run may do the clean-up, so
// the result does not depend on which run finishes first.

/** Modes of the `comment` input. */
export type CommentMode = 'auto' | 'always' | 'never' | 'on-change'

export const COMMENT_MODES: readonly CommentMode[] = ['auto', 'always', 'never', 'on-change']

/** The author of comments written with an Actions GITHUB_TOKEN. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/** The parts of a REST issue comment we read. */
export interface IssueComment {
  id: number
  body?: string | null
  user?: { login: string; type?: string } | null
  html_url?: string
}

export type CommentDecision =
  | { action: 'create'; reason: string }
  | { action: 'update'; commentId: number; reason: string }
  | { action: 'skip'; reason: string }

export interface DecideCommentInput {
  mode: CommentMode
  /** Our existing comment, from findOwnComment. */
  existing: IssueComment | null
  /** The body we would write (marker included). */
  body: string
  /** Whether the measured size differs from the baseline; null when there is no baseline. */
  sizeChanged: boolean | null
  /** The event is a pull request (or an issue number to comment on was given). */
  isPullRequest: boolean
}

const MAX_KEY_LENGTH = 100

/**
 * The hidden marker that identifies our comment for one `key` (several stagegate jobs on the same
 * PR use different keys). The key is reduced to characters that cannot end the HTML comment or
 * the quoted value, so a key can neither break out of the marker nor collide with a longer one.
 */
export function commentMarker(key: string): string {
  const safe =
    key
      .trim()
      .replace(/[^A-Za-z0-9._:/@+=-]/g, '_')
      .replace(/-{2,}/g, '-')
      .slice(0, MAX_KEY_LENGTH) || 'default'
  return `<!-- stagegate:comment key="${safe}" -->`
}

/** Put the marker on the body's first line, unless it is there already. */
export function withMarker(body: string, marker: string): string {
  return body.includes(marker) ? body : `${marker}\n${body}`
}

/** Which workflow run wrote a comment: GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT. */
export interface RunStamp {
  id: number
  attempt: number
}

const STAMP = /^<!-- stagegate:run id="(\d{1,20})" attempt="(\d{1,6})" -->$/

/** The hidden line that says which run wrote the body. */
export function runStampLine(run: RunStamp): string {
  return `<!-- stagegate:run id="${run.id}" attempt="${run.attempt}" -->`
}

/** A run stamp from the runner's strings, or null when they are not numbers (outside Actions). */
export function runStampOf(runId: string | undefined, runAttempt: string | undefined): RunStamp | null {
  if (!runId || !/^\d+$/.test(runId)) return null
  const attempt = runAttempt && /^\d+$/.test(runAttempt) ? Number(runAttempt) : 1
  return { id: Number(runId), attempt }
}

/**
 * The body we write: marker on the first line, run stamp (when known) on the second. Only those
 * two lines are trusted when read back: the rest holds test output a pull request controls.
 */
export function stampedBody(body: string, marker: string, run: RunStamp | null): string {
  const marked = withMarker(body, marker)
  if (!run || !marked.startsWith(`${marker}\n`)) return marked
  return `${marker}\n${runStampLine(run)}\n${marked.slice(marker.length + 1)}`
}

/** The run stamp of a body written by stampedBody, read from its second line only. */
export function runStampIn(body: string | null | undefined): RunStamp | null {
  const second = (body ?? '').split('\n', 2)[1] ?? ''
  const match = STAMP.exec(second)
  return match ? { id: Number(match[1]), attempt: Number(match[2]) } : null
}

/** The body without its run stamp line, to compare what a reader sees. */
export function contentOf(body: string | null | undefined): string {
  const text = body ?? ''
  if (!runStampIn(text)) return text
  const lines = text.split('\n')
  lines.splice(1, 1)
  return lines.join('\n')
}

/** Whether stamp `a` is from a strictly newer run than `b`; an unstamped body is the oldest. */
export function isNewerRun(a: RunStamp | null, b: RunStamp | null): boolean {
  if (!a) return false
  if (!b) return true
  return a.id !== b.id ? a.id > b.id : a.attempt > b.attempt
}

/** GitHub refuses comment bodies longer than this (422 "body is too long"). */
export const MAX_COMMENT_LENGTH = 65536

/**
 * Shorten a body GitHub would refuse, keeping the start (marker and summary table) and saying
 * where the rest is. Bodies within the limit are returned unchanged.
 */
export function fitCommentBody(body: string, max = MAX_COMMENT_LENGTH): string {
  if (body.length <= max) return body
  const note = '\n\n… (truncated: the full report is in the job summary)\n'
  let cut = body.slice(0, Math.max(max - note.length, 0))
  // Do not leave half of a UTF-16 surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut}${note}`
}

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** All our comments for one marker (marker and author), oldest (lowest id) first. */
export function ownComments(
  comments: readonly IssueComment[],
  marker: string,
  author: string
): IssueComment[] {
  return comments
    .filter(
      c =>
        typeof c.body === 'string' && c.body.includes(marker) && !!c.user && sameLogin(c.user.login, author)
    )
    .sort((a, b) => a.id - b.id)
}

/**
 * Our comment among all comments of the PR: it carries the marker and was written by `author`.
 * When there are several (a race between two runs), the oldest wins so every run edits the same one.
 */
export function findOwnComment(
  comments: readonly IssueComment[],
  marker: string,
  author: string
): IssueComment | null {
  return ownComments(comments, marker, author)[0] ?? null
}

export interface ConvergencePlan {
  /** The comment that stays: the oldest of ours. */
  keep: IssueComment
  /** The body it must show (the newest run's), or null when it already does. */
  write: string | null
  /** Our other comments: duplicates from racing runs. */
  remove: number[]
  /** Whether the body shown is ours (false when a newer run's body wins). */
  oursWins: boolean
}

/**
 * How our comments for one key converge to one: keep the oldest, give it the body of the newest
 * run among them and us (ours wins ties, so a run without stamps behaves as before), delete the
 * rest. Pure; null when there is no comment of ours.
 */
export function planConvergence(
  ours: readonly IssueComment[],
  body: string,
  run: RunStamp | null
): ConvergencePlan | null {
  const sorted = [...ours].sort((a, b) => a.id - b.id)
  const keep = sorted[0]
  if (!keep) return null
  let newest: { body: string; run: RunStamp | null } = { body, run }
  for (const c of sorted) {
    const stamp = runStampIn(c.body)
    if (isNewerRun(stamp, newest.run)) newest = { body: c.body ?? '', run: stamp }
  }
  return {
    keep,
    write: (keep.body ?? '') === newest.body ? null : newest.body,
    remove: sorted.slice(1).map(c => c.id),
    oursWins: newest.body === body
  }
}

/**
 * What to do with the comment:
 * - `never`: nothing.
 * - `always`: create or update on every run that has a pull request to comment on.
 * - `auto` (default): on pull requests, create when there is news: a size change, no baseline
 *   yet (the first report), failing tests or a broken budget (the caller passes
 *   `sizeChanged: null` or `true` for those); not when the size is unchanged against the
 *   baseline. An existing comment is still updated, so it never shows stale numbers.
 * - `on-change`: on pull requests, create only when the size changed against the baseline (no
 *   baseline counts as no change: there is nothing to compare). An existing comment is still
 *   updated on every run, even when nothing changed, so it never shows stale numbers.
 * In every mode an existing comment whose body is already identical is left alone.
 */
export function decideCommentAction(input: DecideCommentInput): CommentDecision {
  const { mode, existing, body } = input
  if (mode === 'never') return { action: 'skip', reason: 'comments are disabled (comment: never)' }
  if (mode !== 'always' && !input.isPullRequest) {
    return { action: 'skip', reason: `not a pull request (comment: ${mode})` }
  }
  if (existing) {
    if (contentOf(existing.body) === contentOf(body)) {
      return { action: 'skip', reason: `comment ${existing.id} is already up to date` }
    }
    return { action: 'update', commentId: existing.id, reason: `updating comment ${existing.id}` }
  }
  if (mode === 'auto' && input.sizeChanged === false) {
    return {
      action: 'skip',
      reason: 'size unchanged against the baseline (comment: auto; always comments anyway)'
    }
  }
  if (mode === 'on-change' && input.sizeChanged !== true) {
    return {
      action: 'skip',
      reason:
        input.sizeChanged === null
          ? 'no baseline to compare with (comment: on-change)'
          : 'size unchanged (comment: on-change)'
    }
  }
  return { action: 'create', reason: 'no comment yet' }
}

/** An HTTP failure of a write that a read-only token explains (fork PRs): warn, do not fail. */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error)
  if (status === 404) return true
  if (status !== 403) return false
  return /resource not accessible|write access|not accessible by/i.test(messageOf(error))
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

// The client from @actions/github's getOctokit. A type-only import: the module is loaded by the
// caller only when a comment is actually written.
export type CommentOctokit = ReturnType<typeof import('@actions/github').getOctokit>

/**
 * The login our comments are written as (see the top of this file). `configured` wins; an empty
 * string means "not configured".
 */
export async function resolveCommentAuthor(octokit: CommentOctokit, configured?: string): Promise<string> {
  if (configured && configured.trim() !== '') return configured.trim()
  try {
    const { data } = await octokit.request('GET /user')
    const login = (data as { login?: unknown }).login
    if (typeof login === 'string' && login !== '') return login
  } catch (error) {
    const status = statusOf(error)
    if (status !== 401 && status !== 403 && status !== 404) {
      throw new Error(`Could not learn which account the token writes comments as: ${messageOf(error)}`, {
        cause: error
      })
    }
  }
  return ACTIONS_BOT_LOGIN
}

export interface UpsertCommentInput {
  owner: string
  repo: string
  issueNumber: number
  /** Distinguishes several stagegate comments on one PR (e.g. one per image). */
  key: string
  /** Markdown; the marker is added when missing. */
  body: string
  mode: CommentMode
  sizeChanged: boolean | null
  isPullRequest: boolean
  /** The login our comments are written as; resolved with resolveCommentAuthor when absent. */
  author?: string
  /** The run writing (runStampOf); when given, a newer run's comment is never overwritten. */
  run?: RunStamp | null
}

export type UpsertCommentResult =
  | {
      status: 'created' | 'updated'
      commentId: number
      url?: string
      author: string
      reason: string
      /** Set when the created comment's author is not the one we looked for. */
      warning?: string
      /** Duplicates (from concurrent runs) this run deleted. */
      removed?: number[]
    }
  | {
      status: 'skipped'
      reason: string
      commentId?: number
      url?: string
      author: string
      removed?: number[]
    }
  | { status: 'forbidden'; message: string; author: string }

/** How many times a run rewrites the kept comment when an older run overwrote it meanwhile. */
const MAX_REWRITES = 2

/**
 * Create or update our sticky comment, then converge with concurrent runs (planConvergence). A
 * token that may not write (fork PRs: 403 "Resource not accessible by integration", or 404) gives
 * `forbidden` instead of an error, so the caller can warn and still write the job summary and
 * outputs. Other failures throw.
 */
export async function upsertComment(
  octokit: CommentOctokit,
  input: UpsertCommentInput
): Promise<UpsertCommentResult> {
  const marker = commentMarker(input.key)
  const run = input.run ?? null
  const body = fitCommentBody(stampedBody(input.body, marker, run))
  const where = `${input.owner}/${input.repo}#${input.issueNumber}`
  const repo = { owner: input.owner, repo: input.repo }

  if (input.mode === 'never' || (input.mode !== 'always' && !input.isPullRequest)) {
    const decision = decideCommentAction({ ...input, body, existing: null })
    return { status: 'skipped', reason: decision.reason, author: input.author ?? '' }
  }

  let author = input.author ?? ''
  const listOurs = async (): Promise<IssueComment[]> => {
    const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: input.issueNumber,
      per_page: 100
    })
    return ownComments(comments, marker, author)
  }

  let ours: IssueComment[]
  try {
    if (author === '') author = await resolveCommentAuthor(octokit)
    ours = await listOurs()
  } catch (error) {
    if (isPermissionError(error)) {
      return {
        status: 'forbidden',
        author,
        message: `Cannot read the comments of ${where}: ${messageOf(error)}`
      }
    }
    throw new Error(`Could not list the comments of ${where}: ${messageOf(error)}`, { cause: error })
  }

  const existing = ours[0] ?? null
  const decision = decideCommentAction({ ...input, body, existing })
  if (decision.action === 'skip' && ours.length <= 1) {
    return {
      status: 'skipped',
      reason: decision.reason,
      commentId: existing?.id,
      url: existing?.html_url,
      author
    }
  }

  let step = 'comment on'
  try {
    let created: { id: number; html_url?: string; user?: { login: string } | null } | null = null
    if (decision.action === 'create') {
      const { data } = await octokit.rest.issues.createComment({
        ...repo,
        issue_number: input.issueNumber,
        body
      })
      created = data
      // Another run may have created one at the same time: look again and converge.
      step = 'converge the comments on'
      ours = await listOurs()
      if (!ours.some(c => c.id === data.id)) ours = [...ours, { id: data.id, body, html_url: data.html_url }]
    }
    step = 'update the comment on'
    const outcome = await converge(octokit, repo, ours, body, run)
    const kept = outcome.kept
    const result: UpsertCommentResult =
      created && kept.id === created.id
        ? { status: 'created', commentId: created.id, url: created.html_url, author, reason: decision.reason }
        : outcome.wrote && outcome.oursWins
          ? {
              status: 'updated',
              commentId: kept.id,
              url: kept.html_url,
              author,
              reason: created ? `another run created comment ${kept.id} first; updated it` : decision.reason
            }
          : {
              status: 'skipped',
              commentId: kept.id,
              url: kept.html_url,
              author,
              reason: outcome.oursWins
                ? `comment ${kept.id} is already up to date`
                : `comment ${kept.id} shows a newer run's report`
            }
    if (outcome.removed.length > 0) result.removed = outcome.removed
    const actual = created?.user?.login
    if (result.status === 'created' && actual && !sameLogin(actual, author)) {
      result.warning =
        `The comment was written as ${actual}, but stagegate looks for comments by ${author}; ` +
        `set comment-author: ${actual} so later runs update this comment instead of adding new ones.`
    }
    return result
  } catch (error) {
    if (isPermissionError(error)) {
      return {
        status: 'forbidden',
        author,
        // Why (a fork, or a missing permission) is the caller's to say: it knows the event.
        message: `The token may not write comments on ${where}: ${messageOf(error)}`
      }
    }
    throw new Error(`Could not ${step} ${where}: ${messageOf(error)}`, { cause: error })
  }
}

/**
 * Apply planConvergence: write the newest body to the kept comment, delete the duplicates, and
 * read the kept comment back, rewriting it (a few times) if an older run overwrote it meanwhile.
 */
async function converge(
  octokit: CommentOctokit,
  repo: { owner: string; repo: string },
  ours: IssueComment[],
  body: string,
  run: RunStamp | null
): Promise<{ kept: IssueComment; wrote: boolean; oursWins: boolean; removed: number[] }> {
  const plan = planConvergence(ours, body, run)
  if (!plan) throw new Error('no comment to converge on')
  let wrote = false
  let kept = plan.keep
  if (plan.write !== null) {
    const { data } = await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: kept.id,
      body: plan.write
    })
    kept = data
    wrote = true
  }
  const removed: number[] = []
  for (const id of plan.remove) {
    try {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: id })
      removed.push(id)
    } catch (error) {
      // Another run deleted it first.
      if (statusOf(error) !== 404) throw error
    }
  }
  const wanted = plan.write ?? plan.keep.body ?? ''
  for (let i = 0; wrote && i < MAX_REWRITES; i++) {
    const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: kept.id })
    if (!isNewerRun(runStampIn(wanted), runStampIn(data.body))) break
    await octokit.rest.issues.updateComment({ ...repo, comment_id: kept.id, body: wanted })
  }
  return { kept, wrote, oursWins: plan.oursWins, removed }
}
