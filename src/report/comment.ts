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

/**
 * Our comment among all comments of the PR: it carries the marker and was written by `author`.
 * When there are several (a race between two runs), the oldest wins so every run edits the same one.
 */
export function findOwnComment(
  comments: readonly IssueComment[],
  marker: string,
  author: string
): IssueComment | null {
  return (
    comments.find(
      c =>
        typeof c.body === 'string' && c.body.includes(marker) && !!c.user && sameLogin(c.user.login, author)
    ) ?? null
  )
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
    if ((existing.body ?? '') === body) {
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
    }
  | { status: 'skipped'; reason: string; commentId?: number; url?: string; author: string }
  | { status: 'forbidden'; message: string; author: string }

/**
 * Create or update our sticky comment. A token that may not write (fork PRs: 403 "Resource not
 * accessible by integration", or 404) gives `forbidden` instead of an error, so the caller can
 * warn and still write the job summary and outputs. Other failures throw.
 */
export async function upsertComment(
  octokit: CommentOctokit,
  input: UpsertCommentInput
): Promise<UpsertCommentResult> {
  const marker = commentMarker(input.key)
  const body = fitCommentBody(withMarker(input.body, marker))
  const where = `${input.owner}/${input.repo}#${input.issueNumber}`

  if (input.mode === 'never' || (input.mode !== 'always' && !input.isPullRequest)) {
    const decision = decideCommentAction({ ...input, body, existing: null })
    return { status: 'skipped', reason: decision.reason, author: input.author ?? '' }
  }

  let author = input.author ?? ''
  let existing: IssueComment | null
  try {
    if (author === '') author = await resolveCommentAuthor(octokit)
    const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      per_page: 100
    })
    existing = findOwnComment(comments, marker, author)
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

  const decision = decideCommentAction({ ...input, body, existing })
  if (decision.action === 'skip') {
    return {
      status: 'skipped',
      reason: decision.reason,
      commentId: existing?.id,
      url: existing?.html_url,
      author
    }
  }

  try {
    if (decision.action === 'update') {
      const { data } = await octokit.rest.issues.updateComment({
        owner: input.owner,
        repo: input.repo,
        comment_id: decision.commentId,
        body
      })
      return { status: 'updated', commentId: data.id, url: data.html_url, author, reason: decision.reason }
    }
    const { data } = await octokit.rest.issues.createComment({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      body
    })
    const actual = data.user?.login
    const result: UpsertCommentResult = {
      status: 'created',
      commentId: data.id,
      url: data.html_url,
      author,
      reason: decision.reason
    }
    if (actual && !sameLogin(actual, author)) {
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
        message:
          `The token may not write comments on ${where} (${messageOf(error)}). ` +
          'Pull requests from forks get a read-only GITHUB_TOKEN; the report is in the job summary.'
      }
    }
    const verb = decision.action === 'update' ? `update comment ${decision.commentId} on` : 'comment on'
    throw new Error(`Could not ${verb} ${where}: ${messageOf(error)}`, { cause: error })
  }
}
