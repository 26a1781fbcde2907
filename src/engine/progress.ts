// Reads BuildKit's `--progress=plain` output (and the legacy builder's `Step k/n`) into steps:
// which ran, which were CACHED, which failed and what they printed. Pure: fed line by line.
import { ExcerptCollector } from '../gate/excerpt.js'

export interface BuildStep {
  /** Vertex number (`#7`) or legacy step number. */
  id: number
  /** Text after the bracket, e.g. `RUN make test`. */
  name: string
  /** Stage from `[tester 2/3]`; null for single-stage builds and internal vertices. */
  stage: string | null
  /** Step number within the stage (`2` of `[tester 2/3]`). */
  index: number | null
  total: number | null
  /** True for Dockerfile steps; false for `[internal]`, exporting, metadata and auth vertices. */
  dockerfileStep: boolean
  cached: boolean
  done: boolean
  error: string | null
  seconds: number | null
  /** The step's own output, the newest lines only. */
  logs: string[]
  /** The lines of the step's whole output that report failures, with its tail (bounded). */
  excerpt: ExcerptCollector
}

const KEEP_LOG_LINES = 200

const VERTEX = /^#(\d+) (.*)$/
const STEP_NAME = /^\[(?:([^\]\s]+) )?(\d+)\/(\d+)\] (.*)$/
const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/

const GLUED_STATUS = /^(#\d+ \d+(?:\.\d+)? .*?)(#\d+ (?:DONE \d+(?:\.\d+)?s|CANCELED|ERROR(?:: .*)?))$/

export class ProgressReader {
  private readonly byId = new Map<number, BuildStep>()
  private legacyCurrent: BuildStep | null = null
  /** Lines that belong to no step (BuildKit's closing error block, docker's own messages). */
  readonly trailer: string[] = []

  push(rawLine: string): void {
    const line = rawLine.replace(/\r$/, '')
    // A step whose last output has no newline (`printf ok`) gets its status glued on: `#6 0.4 ok#6 DONE 0.5s`.
    const glued = GLUED_STATUS.exec(line)
    if (glued) {
      this.push(glued[1] ?? '')
      this.push(glued[2] ?? '')
      return
    }
    const vertex = VERTEX.exec(line)
    if (vertex) {
      this.vertexLine(Number(vertex[1]), vertex[2] ?? '')
      return
    }
    const legacy = LEGACY_STEP.exec(line)
    if (legacy) {
      const id = this.byId.size + 1
      const step = newStep(id, legacy[3] ?? '')
      step.index = Number(legacy[1])
      step.total = Number(legacy[2])
      step.dockerfileStep = true
      this.byId.set(id, step)
      if (this.legacyCurrent) this.legacyCurrent.done = true
      this.legacyCurrent = step
      return
    }
    const current = this.legacyCurrent
    if (current) {
      const failed = /^The command .* returned a non-zero code: (\d+)$/.exec(line)
      if (failed) current.error = `exit code: ${failed[1]}`
      else if (/^ ---> Using cache$/.test(line)) current.cached = true
      else if (
        line.trim() !== '' &&
        !/^ ---> /.test(line) &&
        !/^Removing intermediate container/.test(line)
      ) {
        appendLog(current, line)
      }
    }
    if (line.trim() !== '') {
      this.trailer.push(line)
      if (this.trailer.length > KEEP_LOG_LINES) this.trailer.shift()
    }
  }

  steps(): BuildStep[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id)
  }

  private vertexLine(id: number, rest: string): void {
    let step = this.byId.get(id)
    if (!step) {
      step = newStep(id, rest)
      const parsed = STEP_NAME.exec(rest)
      if (parsed) {
        step.stage = parsed[1] ?? null
        step.index = Number(parsed[2])
        step.total = Number(parsed[3])
        step.name = parsed[4] ?? rest
        step.dockerfileStep = true
      }
      this.byId.set(id, step)
      return
    }
    if (rest === 'CACHED') {
      step.cached = true
      step.done = true
      return
    }
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest)
    if (done) {
      step.done = true
      step.seconds = Number(done[1])
      return
    }
    if (rest.startsWith('ERROR: ') || rest === 'ERROR') {
      step.error = rest.slice('ERROR: '.length).trim() || 'failed'
      return
    }
    if (/^sha256:[0-9a-f]{64}$/.test(rest) || rest === 'CANCELED') return
    // `0.123 output` is the step's own output; other lines are status (`exporting layers 0.1s done`).
    const output = /^\d+(?:\.\d+)? (.*)$/.exec(rest)
    appendLog(step, output ? (output[1] ?? '') : rest)
  }
}

function newStep(id: number, name: string): BuildStep {
  return {
    id,
    name,
    stage: null,
    index: null,
    total: null,
    dockerfileStep: false,
    cached: false,
    done: false,
    error: null,
    seconds: null,
    logs: [],
    excerpt: new ExcerptCollector()
  }
}

function appendLog(step: BuildStep, line: string): void {
  step.excerpt.push(line)
  step.logs.push(line)
  if (step.logs.length > KEEP_LOG_LINES) step.logs.shift()
}

export function parseProgress(lines: Iterable<string>): ProgressReader {
  const reader = new ProgressReader()
  for (const line of lines) reader.push(line)
  return reader
}

/**
 * The Dockerfile step that failed, or the first failed vertex of any kind. A cache import that
 * found nothing is not a failure: BuildKit prints it as an error and builds on without the cache.
 */
export function failedStep(steps: BuildStep[]): BuildStep | undefined {
  const failed = steps.filter(s => s.error !== null && !isCacheImport(s))
  return failed.find(s => s.dockerfileStep) ?? failed[0]
}

export function isCacheImport(step: Pick<BuildStep, 'name'>): boolean {
  return /^importing cache manifest from /.test(step.name)
}

/**
 * A cache that does not exist yet shows in the build log as `ERROR: …:buildcache-tester: not
 * found`, which reads like a failure. Say what it is. Pure.
 */
export function missingCacheNotes(steps: BuildStep[]): string[] {
  return steps
    .filter(s => isCacheImport(s) && s.error !== null && /not found|unknown|does not exist/i.test(s.error))
    .map(
      s =>
        `no cache at ${s.name.slice('importing cache manifest from '.length)} yet: expected on the first run with this cache (a run that pushes writes it); the "not found" above is not an error`
    )
}

/** Seconds the Dockerfile steps of each stage ran, from BuildKit's `DONE 1.2s` lines. Pure. */
export function stageSeconds(steps: BuildStep[]): Record<string, number> {
  const seconds: Record<string, number> = {}
  for (const step of steps) {
    if (!step.dockerfileStep || step.cached || step.seconds === null || step.stage === null) continue
    seconds[step.stage] = (seconds[step.stage] ?? 0) + step.seconds
  }
  return seconds
}

export interface StageStepCounts {
  stage: string | null
  ran: number
  cached: number
}

/** How many Dockerfile steps ran and how many were cache hits, per stage, in order of first appearance. */
/**
 * The Dockerfile steps that ran (not cached), named as BuildKit names them (`builder 2/3 RUN make`).
 * Two concurrent builds on one builder that both report a step as run shared one solve of it. Pure.
 */
export function ranStepKeys(steps: BuildStep[]): string[] {
  return [...dockerfileSteps(steps)].filter(([, step]) => step.ran).map(([key]) => key)
}

/**
 * Each Dockerfile step once, by its name: BuildKit can report a step twice in one build (a
 * concurrent build on the same builder shared its solve, engine 26 shows both vertices). Ran when
 * any report of it ran. FROM is no step of the user's.
 */
function dockerfileSteps(
  steps: BuildStep[]
): Map<string, { stage: string | null; ran: boolean; cached: boolean }> {
  const byKey = new Map<string, { stage: string | null; ran: boolean; cached: boolean }>()
  for (const step of steps) {
    if (!step.dockerfileStep || /^FROM /i.test(step.name)) continue
    const key = `${step.stage ?? ''} ${step.index}/${step.total} ${step.name}`
    const entry = byKey.get(key) ?? { stage: step.stage, ran: false, cached: false }
    if (step.cached) entry.cached = true
    else if (step.done || step.error !== null) entry.ran = true
    byKey.set(key, entry)
  }
  return byKey
}

export function countSteps(steps: BuildStep[]): StageStepCounts[] {
  const counts = new Map<string | null, StageStepCounts>()
  for (const step of dockerfileSteps(steps).values()) {
    let entry = counts.get(step.stage)
    if (!entry) {
      entry = { stage: step.stage, ran: 0, cached: 0 }
      counts.set(step.stage, entry)
    }
    if (step.ran) entry.ran++
    else if (step.cached) entry.cached++
  }
  return [...counts.values()]
}
