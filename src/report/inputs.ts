import { UserError } from '../errors.js'
import { parseList, type InputGetter } from '../inputs.js'
import { COMMENT_MODES, type CommentMode } from './comment.js'
import { parseIncrease, parseSize, type Increase } from './size.js'

/** The inputs of the report step: comment, baseline and budgets. */
export interface ReportInputs {
  comment: CommentMode
  /** Distinguishes several stagegate comments on one pull request; default: image and target. */
  commentKey: string
  /** The login our comments are written as, when the token is a GitHub App's or a PAT's. */
  commentAuthor: string
  githubToken: string
  baselineBranches: string[]
  baselineRef: string
  maxSize: number | null
  maxIncrease: Increase | null
}

export function parseReportInputs(get: InputGetter): ReportInputs {
  const comment = (get('comment').trim().toLowerCase() || 'auto') as CommentMode
  if (!COMMENT_MODES.includes(comment)) {
    throw new UserError(
      `Input "comment" must be one of ${COMMENT_MODES.join(', ')}; got "${get('comment').trim()}".`
    )
  }
  const maxSize = get('max-size').trim()
  const maxIncrease = get('max-increase').trim()
  return {
    comment,
    commentKey: get('comment-key').trim(),
    commentAuthor: get('comment-author').trim(),
    githubToken: get('github-token').trim(),
    baselineBranches: parseList(get('baseline-branches')),
    baselineRef: get('baseline-ref').trim(),
    maxSize: maxSize === '' ? null : parseSize(maxSize, 'max-size'),
    maxIncrease: maxIncrease === '' ? null : parseIncrease(maxIncrease, 'max-increase')
  }
}
