import { stageLabel, type Stage, type StageGraph } from '../dockerfile/index.js'
import type { BuildStep } from './progress.js'
import { splitReference } from '../reference.js'

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

/**
 * Output lines worth showing: from the failing step's whole output, the lines that report
 * failures (`not ok`, `FAILED`, `--- FAIL`…) and its tail; else the build's last lines.
 */
export function failureOutput(step: BuildStep | undefined, tail: string[], limit: number): string[] {
  const own = step?.logs.some(l => l.trim() !== '') ? step.excerpt.excerpt().lines : []
  return own.length > 0 ? own : tail.filter(l => l.trim() !== '').slice(-limit)
}

/**
 * What failed, in the words used everywhere (headline, annotation title, summary, comment,
 * outputs): the tests, a build step of another stage, or the builder and its surroundings.
 */
export type FailureKind = 'tests' | 'build' | 'builder'

export const FAILURE_TITLES: Record<FailureKind, string> = {
  tests: 'stagegate: tests failed',
  build: 'stagegate: build failed',
  builder: 'stagegate: builder or infrastructure failed'
}

export interface ClassifiedFailure extends FailureLocation {
  kind: FailureKind
  /** One sentence: what failed, where, and (when known) what to do. */
  message: string
}

export interface FailureFacts {
  /** The failed vertex, as the progress reader saw it (undefined when docker failed before any). */
  step: BuildStep | undefined
  graph: StageGraph
  /** The stage this build targets. */
  target: Stage
  /** The stage whose own RUN steps are the tests (RUN-step mode), else null. */
  testStage: Stage | null
  /** docker's last output lines, for failures outside any step. */
  trailer: string[]
  exitCode: number
}

/**
 * Errors that come from the engine or the builder even when a Dockerfile step shows them: a
 * RUN that cannot get its network did not fail because of the tests. Each with what to do.
 */
const INFRASTRUCTURE_ERRORS: Array<{ pattern: RegExp; hint: string }> = [
  {
    pattern: /network \S+ not found/i,
    hint: 'The engine has no such network (engines without a default bridge): set the "network" input to host or none.'
  },
  {
    pattern: /no space left on device/i,
    hint: 'The machine ran out of disk space: free some (docker system prune) or use a bigger runner.'
  },
  {
    pattern:
      /OCI runtime (?:create|exec|start) failed|failed to create shim|failed to mount|unable to apply caps/i,
    hint: 'The container runtime could not start the step: check the engine and runner permissions.'
  },
  {
    pattern: /Cannot connect to the Docker daemon|error during connect|Is the docker daemon running/i,
    hint: 'The Docker engine does not answer: start it, or check DOCKER_HOST.'
  }
]

/** Vertices that are the builder's own work: booting, exporting, cache, pushing, auth. */
const BUILDER_VERTEX =
  /^\[internal\] booting buildkit|^exporting |^importing cache|^writing image|^naming to|^pushing |^\[auth\]|^resolve image config for|^sending tarball|^loading layer/i

const BASE_METADATA = /^\[internal\] load metadata for (\S+)$/

/** Classifies a failed build. Pure: a function of the progress, the graph and the roles. */
export function classifyFailure(facts: FailureFacts): ClassifiedFailure {
  const { step, graph, target } = facts
  const errorText = [step?.error ?? '', ...(step ? [] : facts.trailer)].join('\n')
  const infra = INFRASTRUCTURE_ERRORS.find(e => e.pattern.test(errorText))
  const tail = facts.trailer.filter(l => l.trim() !== '').slice(-1)[0]

  if (!step) {
    const last = tail ?? `docker exited with code ${facts.exitCode}`
    return {
      kind: 'builder',
      stage: stageLabel(target),
      step: '',
      line: null,
      exitCode: facts.exitCode,
      message: `The builder failed before any build step ran: ${last}${infra ? ` ${infra.hint}` : ''}`
    }
  }

  const base = BASE_METADATA.exec(step.name)
  const fromStep = step.dockerfileStep && /^FROM /i.test(step.name)
  if (base || fromStep) {
    const image = base ? (base[1] ?? '') : step.name.slice('FROM '.length).split(/\s/, 1)[0]!
    const stage =
      (step.stage !== null ? graph.stages.find(s => stageLabel(s) === step.stage) : undefined) ??
      graph.stages.find(s => s.baseStage === null && sameImage(s.base, image))
    const at = stage ? ` of stage "${stageLabel(stage)}" (${graph.file}:${stage.line})` : ''
    return {
      kind: infra ? 'builder' : 'build',
      stage: stage ? stageLabel(stage) : stageLabel(target),
      step: step.name,
      line: stage?.line ?? null,
      exitCode: null,
      message:
        `The base image ${image}${at} could not be resolved: ${step.error ?? 'failed'}. ` +
        (infra?.hint ?? 'Check the image name and tag, and log in to its registry if it is private.')
    }
  }

  if (!step.dockerfileStep) {
    const builderWork = BUILDER_VERTEX.test(step.name)
    const what = builderWork ? `while ${step.name.replace(/^\[[^\]]+\]\s*/, '')}` : `at "${step.name}"`
    return {
      kind: builderWork || infra ? 'builder' : 'build',
      stage: stageLabel(target),
      step: step.name,
      line: null,
      exitCode: null,
      message: `The ${builderWork ? 'builder' : 'build'} failed ${what}: ${step.error ?? 'failed'}.${infra ? ` ${infra.hint}` : ''}`
    }
  }

  const where = locateFailure(step, graph, target)
  const at = where.line !== null ? `${graph.file}:${where.line}` : graph.file
  const code = where.exitCode !== null ? `exit code ${where.exitCode}` : (step.error ?? 'failed')
  if (infra) {
    return {
      ...where,
      kind: 'builder',
      message: `Stage "${where.stage}" could not run \`${where.step}\` (${at}): ${step.error ?? 'failed'}. ${infra.hint}`
    }
  }
  const inTests = facts.testStage !== null && where.stage === stageLabel(facts.testStage)
  return {
    ...where,
    kind: inTests ? 'tests' : 'build',
    message: inTests
      ? `Tests failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
      : `The build failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
  }
}

/** `node:23` and `docker.io/library/node:23` name the same image. */
function sameImage(a: string, b: string): boolean {
  return canonicalImage(a) === canonicalImage(b)
}

function canonicalImage(ref: string): string {
  let name = ref.trim()
  const first = name.split('/')[0] ?? ''
  const hasRegistry =
    name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (!hasRegistry) name = `docker.io/${name.includes('/') ? '' : 'library/'}${name}`
  const { tag, digest } = splitReference(name)
  if (tag === null && digest === null) name += ':latest'
  return name
}
