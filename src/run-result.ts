// What a run produced and how it failed: the result every phase fills in, and the failure that
// ends a run once it was shown.
import { UserError } from './errors.js'
import type { FailureKind } from './engine/failure.js'
import type { BuildOutcome } from './engine/run-build.js'
import { code, escapeText, link, safeUrl } from './report/markdown.js'
import type { WhatGrew } from './report/files/grew.js'
import type { TestSummary } from './report/model.js'

export interface PipelineResult {
  testOutcome: TestSummary['outcome']
  tests: TestSummary
  imageId: string | null
  digest: string | null
  tags: string[]
  pushed: boolean
  builds: BuildOutcome[]
  /** Local tag of the tester image (for measuring it and for debugging), when one was built. */
  testerImage: string | null
  /** Outputs of the report step (size, delta, report markdown). */
  reportOutputs: Record<string, string>
  /** Values no output may show (secrets, the token): outputValues hides them. Not an output. */
  secretValues: string[]
  /** What failed, when the run failed (the `failure` output). */
  failure?: RunFailureKind
  /** buildx's own metadata JSON of the shipping build (else the runtime build); null on the classic path. */
  buildxMetadata: Record<string, unknown> | null
  /** A buildx builder this run created, for the post step to remove. */
  createdBuilder: string | null
  /** The files behind the size change (`stagegate run --json`'s `grew`), where they were listed. */
  grew?: WhatGrew | null
}

/** Why a run failed, as the `failure` output says it: the three kinds of failure and a broken budget. */
export type RunFailureKind = FailureKind | 'budget'

/** The run failed for a reason already shown in the log and summary (a failing test, a failing build). */
export class PipelineFailure extends UserError {
  constructor(
    message: string,
    readonly result: PipelineResult,
    readonly kind: RunFailureKind
  ) {
    super(message)
    this.name = 'PipelineFailure'
  }
}

/**
 * The last line of a failure report: which image failed (a PR can carry several stagegate
 * comments), the commit, and a link to the run, whose log has the whole output. Pure.
 */
export function failureFooter(input: {
  imageName: string
  target: string
  commentKey?: string
  commitSha?: string
  runUrl?: string
}): string {
  const key = input.commentKey ? ` · ${escapeText(input.commentKey, 60)}` : ''
  const parts = [`${code(input.imageName, 120)} (${escapeText(input.target, 60)})${key}`]
  if (input.commitSha && /^[0-9a-f]{7,64}$/i.test(input.commitSha))
    parts.push(`commit ${input.commitSha.slice(0, 7)}`)
  if (safeUrl(input.runUrl)) parts.push(link('workflow run', input.runUrl))
  return `<sub>${parts.join(' · ')}</sub>`
}

/** The config digest of a one-platform image, as its measurement read it. Pure. */
export function configDigestOf(measurement: { platforms: Array<{ configDigest?: string }> }): string | null {
  return measurement.platforms.length === 1 ? (measurement.platforms[0]?.configDigest ?? null) : null
}
