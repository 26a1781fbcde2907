// Which stages the action builds: the runtime (target, default the last stage, as `docker build`)
// and the tester (test-target, default `tester`), plus text, Mermaid and JSON renderings.
import { UserError } from './errors.js'
import {
  graphForTarget,
  listStages,
  resolveTarget,
  stageLabel,
  stagesFor,
  findStage
} from './dockerfile/index.js'
import type { Stage, StageGraph } from './dockerfile/index.js'

export interface PlanOptions {
  /** Runtime stage name; default the last stage. */
  target?: string
  /** Tester stage name or NO_TESTS, as resolveTestTarget gives it. Default `tester`. */
  testTarget?: TestTarget
}

export interface BuildPlan {
  graph: StageGraph
  runtime: Stage
  tester: Stage | null
  /** Stages the runtime needs, build order, runtime last. */
  runtimeStages: Stage[]
  /** Stages the tester needs, build order, tester last; empty without a tester. */
  testerStages: Stage[]
  /** Stages both need (built once, shared through the cache). */
  sharedStages: Stage[]
}

export const DEFAULT_TEST_TARGET = 'tester'
/** The test target that builds without tests: `test-target: none`, `--test-target none`. */
export const NO_TESTS = 'none'
/** A tester stage name, or NO_TESTS. */
export type TestTarget = string

/**
 * test-target as written (action input, CLI flag) → the value every later step compares with
 * NO_TESTS: `none` in any case is NO_TESTS, empty is the default `tester`, else the trimmed name.
 */
export function resolveTestTarget(raw: string | undefined): TestTarget {
  const name = (raw ?? '').trim()
  if (name.toLowerCase() === NO_TESTS) return NO_TESTS
  return name || DEFAULT_TEST_TARGET
}

/** Raised when the tester stage is missing: the plan is still valid without tests. */
export class MissingTesterError extends UserError {
  constructor(
    readonly testTarget: string,
    readonly graph: StageGraph
  ) {
    super(
      `${graph.file}: no stage named "${testTarget}" to run the tests in; the stages are: ${listStages(graph)}. ` +
        `Add a stage "FROM <runtime or builder> AS ${testTarget}" that runs your tests, ` +
        `or set test-target: none to build without tests.`
    )
    this.name = 'MissingTesterError'
  }
}

/** Choose runtime and tester; throws UserError (or DockerfileError) when they cannot be built. */
export function planBuild(read: StageGraph, options: PlanOptions = {}): BuildPlan {
  // Each build sees its own TARGETSTAGE: the runtime and the tester are read for their target.
  const graph = graphForTarget(read, options.target)
  const runtime = resolveTarget(graph, options.target)
  const runtimeStages = stagesFor(graph, runtime)
  const testTarget = options.testTarget ?? DEFAULT_TEST_TARGET
  if (testTarget === NO_TESTS) {
    return { graph, runtime, tester: null, runtimeStages, testerStages: [], sharedStages: [] }
  }
  const testerGraph = graphForTarget(read, testTarget)
  const tester = findStage(testerGraph, testTarget)
  if (!tester) throw new MissingTesterError(testTarget, testerGraph)
  if (tester.index === runtime.index) {
    throw new UserError(
      `${graph.file}: the test target and the target are the same stage ("${stageLabel(runtime)}"). ` +
        `The tester image only runs the tests and the target is the image you ship, so they must differ: ` +
        `point target at the runtime stage (by default the last stage) and test-target at the stage that runs the tests.`
    )
  }
  const testerStages = stagesFor(testerGraph, tester)
  const inRuntime = new Set(runtimeStages.map(s => s.index))
  const sharedStages = testerStages.filter(s => inRuntime.has(s.index))
  return { graph, runtime, tester, runtimeStages, testerStages, sharedStages }
}

export interface PlanJson {
  file: string
  stages: Pick<
    Stage,
    'index' | 'name' | 'base' | 'baseStage' | 'dependsOn' | 'externalImages' | 'line' | 'platform'
  >[]
  target: number
  targetName: string
  testTarget: number | null
  testTargetName: string | null
  runtimeStages: number[]
  testerStages: number[]
  sharedStages: number[]
  warnings: { line: number; rule: string; message: string }[]
}

function stageJson(s: Stage): PlanJson['stages'][number] {
  return {
    index: s.index,
    name: s.name,
    base: s.base,
    baseStage: s.baseStage,
    dependsOn: s.dependsOn,
    externalImages: s.externalImages,
    line: s.line,
    platform: s.platform
  }
}

/** The stable `plan --json` contract. */
export function planToJson(plan: BuildPlan): PlanJson {
  const idx = (l: Stage[]) => l.map(s => s.index)
  return {
    file: plan.graph.file,
    stages: plan.graph.stages.map(stageJson),
    target: plan.runtime.index,
    targetName: stageLabel(plan.runtime),
    testTarget: plan.tester?.index ?? null,
    testTargetName: plan.tester ? stageLabel(plan.tester) : null,
    runtimeStages: idx(plan.runtimeStages),
    testerStages: idx(plan.testerStages),
    sharedStages: idx(plan.sharedStages),
    warnings: plan.graph.warnings
  }
}

function role(plan: BuildPlan, s: Stage): string {
  if (s.index === plan.runtime.index) return 'runtime (target)'
  if (s.index === plan.tester?.index) return 'tester'
  const r = plan.runtimeStages.some(x => x.index === s.index)
  const t = plan.testerStages.some(x => x.index === s.index)
  if (r && t) return 'shared'
  if (r) return 'runtime dependency'
  if (t) return 'tester dependency'
  return 'not built'
}

/** A human-readable plan. */
export function planToText(plan: BuildPlan): string {
  const out: string[] = [`${plan.graph.file}: ${plan.graph.stages.length} stage(s)`]
  for (const s of plan.graph.stages) {
    const from =
      s.baseStage === null ? s.base : `stage ${stageLabel(plan.graph.stages[s.baseStage] as Stage)}`
    const extra: string[] = []
    if (s.platform) extra.push(`platform ${s.platform}`)
    const copies = s.dependsOn.filter(d => d !== s.baseStage)
    if (copies.length)
      extra.push(`uses ${copies.map(d => stageLabel(plan.graph.stages[d] as Stage)).join(', ')}`)
    if (s.externalImages.length) extra.push(`images ${s.externalImages.join(', ')}`)
    const tail = extra.length ? `; ${extra.join('; ')}` : ''
    out.push(`  ${s.index}  ${stageLabel(s)} (line ${s.line}) FROM ${from}${tail}  [${role(plan, s)}]`)
  }
  const names = (l: Stage[]) => l.map(stageLabel).join(' → ') || '-'
  out.push('')
  out.push(`tester:  ${plan.tester ? names(plan.testerStages) : 'none (no tests)'}`)
  out.push(`runtime: ${names(plan.runtimeStages)}`)
  if (plan.sharedStages.length) out.push(`shared:  ${plan.sharedStages.map(stageLabel).join(', ')}`)
  for (const w of plan.graph.warnings)
    out.push(`warning: ${plan.graph.file}:${w.line}: ${w.message} (${w.rule})`)
  return out.join('\n') + '\n'
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;')
}

/** A Mermaid flowchart: stage → what it needs; tester and runtime highlighted. */
export function planToMermaid(plan: BuildPlan): string {
  const out = ['flowchart BT']
  const images = new Map<string, string>()
  // An image node carries its label the first time it appears only.
  const imageId = (ref: string) => {
    const known = images.get(ref)
    if (known) return known
    const id = `img${images.size}`
    images.set(ref, id)
    return `${id}(["${mermaidText(ref)}"])`
  }
  for (const s of plan.graph.stages) {
    out.push(`  s${s.index}["${mermaidText(`${stageLabel(s)}`)}"]`)
  }
  for (const s of plan.graph.stages) {
    if (s.baseStage === null) out.push(`  ${imageId(s.base)} --> s${s.index}`)
    for (const d of s.dependsOn) out.push(`  s${d} ${d === s.baseStage ? '-->' : '-. copy .->'} s${s.index}`)
    for (const ref of s.externalImages) out.push(`  ${imageId(ref)} -. copy .-> s${s.index}`)
  }
  out.push('  classDef runtime fill:#d4edda,stroke:#28a745')
  out.push('  classDef tester fill:#fff3cd,stroke:#d39e00')
  out.push(`  class s${plan.runtime.index} runtime`)
  if (plan.tester) out.push(`  class s${plan.tester.index} tester`)
  return out.join('\n') + '\n'
}
