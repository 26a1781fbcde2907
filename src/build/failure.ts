import { stageLabel, type Stage, type StageGraph } from '../dockerfile/index.js'
import type { BuildStep } from './progress.js'

/** Instructions that BuildKit turns into numbered steps (`[stage k/n]`); ENV, ARG, LABEL… are not. */
const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR'])

export interface FailureLocation {
  stage: string
  /** `RUN make test` as BuildKit printed it. */
  step: string
  /** 1-based Dockerfile line of the instruction, where it could be matched. */
  line: number | null
  exitCode: number | null
}

/**
 * Finds the Dockerfile instruction behind a failed BuildKit step. BuildKit numbers a stage's
 * steps FROM (only when the base is an image) then RUN/COPY/ADD/WORKDIR; so step k maps back.
 */
export function locateFailure(step: BuildStep, graph: StageGraph, target: Stage): FailureLocation {
  const named = step.stage
  const stage = (named !== null ? graph.stages.find(s => stageLabel(s) === named) : target) ?? null
  const exit = /exit code: (\d+)/.exec(step.error ?? '')
  const location: FailureLocation = {
    stage: step.stage ?? stageLabel(target),
    step: step.name,
    line: null,
    exitCode: exit ? Number(exit[1]) : null
  }
  if (!stage || step.index === null) return location
  const numbered = stage.instructions.filter(i => STEP_KEYWORDS.has(i.keyword))
  const fromCounts = stage.baseStage === null && stage.base !== 'scratch'
  const position = step.index - (fromCounts ? 2 : 1)
  if (step.index === 1 && fromCounts) {
    location.line = stage.line
  } else if (position >= 0 && position < numbered.length) {
    location.line = numbered[position]?.startLine ?? null
  }
  if (location.line === null) {
    const keyword = step.name.split(/\s/, 1)[0]?.toUpperCase()
    location.line = numbered.find(i => i.keyword === keyword)?.startLine ?? null
  }
  return location
}

/** Output lines worth showing: the failing step's own output, else the build's last lines. */
export function failureOutput(step: BuildStep | undefined, tail: string[], limit: number): string[] {
  const own = step?.logs.filter(l => l.trim() !== '') ?? []
  const lines = own.length > 0 ? own : tail
  return lines.slice(-limit)
}
