// `stagegate check`: BuildKit's build checks plus the multi-stage advice, for one stage graph.
import type { Stage, StageGraph } from '../dockerfile/index.js'
import { findStage } from '../dockerfile/index.js'
import { parseCheckOptions } from '../dockerfile/directive.js'
import { lintGraph } from './buildkit.js'
import { DEFAULT_TEST_TARGET, NO_TESTS, type TestTarget } from '../plan.js'
import { adviseGraph } from './advice.js'
import type { Finding } from './finding.js'

export type { Finding, Severity } from './finding.js'
export { toCheckJson } from './finding.js'

export interface CheckOptions {
  /** Runtime stage name; the last stage when absent. BuildKit's rules then read every stage. */
  target?: string
  /** Tester stage name or NO_TESTS (default "tester"); no tester rules without such a stage. */
  testTarget?: TestTarget
  buildArgs?: Record<string, string>
  platform?: string
  /** Build context folder, and a way to ask whether a file exists in it (for .dockerignore). */
  context?: string
  exists?: (path: string) => boolean
}

export interface CheckResult {
  /** Warnings and, under `# check=error=true`, errors; BuildKit's rules first. */
  findings: Finding[]
  /** The findings that fail the check (severity error). */
  errors: Finding[]
}

/** Every check for a graph read by readDockerfile (which already raised the file's hard errors). */
export function checkDockerfile(graph: StageGraph, options: CheckOptions = {}): CheckResult {
  const runtime: Stage =
    (options.target ? findStage(graph, options.target) : undefined) ?? (graph.stages.at(-1) as Stage)
  const check = graph.directives.find(d => d.name === 'check')
  const config = check ? parseCheckOptions(check.value) : { skip: [], skipAll: false, error: false }
  const lint = config.skipAll
    ? []
    : lintGraph(graph, {
        buildArgs: options.buildArgs,
        platform: options.platform,
        target: options.target ? runtime : undefined
      }).filter(f => !config.skip.includes(f.ruleName))
  if (config.error) for (const f of lint) f.severity = 'error'
  const testTarget = options.testTarget ?? DEFAULT_TEST_TARGET
  const tester = testTarget === NO_TESTS ? undefined : findStage(graph, testTarget)
  const hasDockerignore =
    options.exists && options.context !== undefined
      ? options.exists(`${options.context.replace(/\/$/, '')}/.dockerignore`)
      : undefined
  const advice = adviseGraph(graph, { runtime, tester, hasDockerignore })
  const findings = [...lint, ...advice]
  return { findings, errors: findings.filter(f => f.severity === 'error') }
}
