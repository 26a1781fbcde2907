// Faults of the engine that say nothing about the build: the same build, run again from its cache,
// succeeds. Two builds that store their images at once (stagegate's runtime build runs beside the
// tester build) meet one on engines with the containerd image store: BuildKit's unpack of one
// image can lose a layer snapshot that the engine's garbage collector removed meanwhile
// (moby/buildkit#6521, fixed upstream by moby/buildkit#6558; Docker 29 on GitHub's runners was
// reported hitting it with compose). Seen here on dockerd 26: 1 run in 15 of the node-service
// test-command e2e test failed with it.
import type { BuildStep } from './progress.js'

/** Times a build that met a transient engine fault is run again before the fault is the verdict. */
export const ENGINE_FAULT_RETRIES = 2

export interface EngineFault {
  /** The engine's own error line. */
  error: string
  /** One sentence for the log: what happened, that it is not the build's fault, where it is tracked. */
  explanation: string
}

const FAULTS: Array<{ pattern: RegExp; explanation: string }> = [
  {
    pattern: /failed to prepare extraction snapshot .*parent snapshot \S+ does not exist: not found/,
    explanation:
      'the engine lost a layer snapshot while storing the image, a race of BuildKit with the ' +
      "containerd image store's garbage collector when builds store images at once " +
      '(moby/buildkit#6521, fixed upstream by moby/buildkit#6558)'
  },
  {
    pattern: /failed to stat lower snapshot \S+: snapshot \S+ does not exist: not found/,
    explanation:
      'the engine lost a layer snapshot that the build was using, a race of concurrent builds with ' +
      "the containerd image store's garbage collector (moby/buildkit#6977)"
  }
]

/**
 * The transient engine fault a failed build met, or null when its failure is the build's own (a
 * step's exit code, a missing file, a base image that does not resolve). Only the error of the
 * failed vertex counts, or, without one, docker's last `ERROR:` line. Pure.
 */
export function engineFault(step: BuildStep | undefined, tail: readonly string[]): EngineFault | null {
  const error = step ? step.error : [...tail].reverse().find(line => /^ERROR:/.test(line.trim()))
  if (!error || /exit code: \d+/.test(error)) return null
  const fault = FAULTS.find(f => f.pattern.test(error))
  return fault ? { error: error.trim(), explanation: fault.explanation } : null
}

/** The warning said before a build runs again. Pure. */
export function engineFaultWarning(
  what: string,
  fault: EngineFault,
  attempt: number,
  attempts: number
): string {
  return (
    `The ${what} failed on a fault of the engine, not of the build: ${fault.explanation}. ` +
    `stagegate runs it again from its cache (attempt ${attempt} of ${attempts}). Engine error: ${fault.error}`
  )
}

/**
 * The steps of a build that was run again after engine faults, as one build: the Dockerfile steps
 * of the failed attempts, as having run (a step that ran there is cached in the next attempt, but
 * ran in this run) and without their errors (only the last attempt's failure is the verdict), then
 * the last attempt's steps. Pure.
 */
export function stepsAcrossAttempts(failed: readonly BuildStep[][], last: BuildStep[]): BuildStep[] {
  const earlier = failed
    .flat()
    .filter(step => step.dockerfileStep)
    .map(step => ({ ...step, done: step.done || step.error !== null, error: null }))
  return [...earlier, ...last]
}
