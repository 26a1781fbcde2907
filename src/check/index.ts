// `stagegate check`: BuildKit's build checks plus the multi-stage advice, for one stage graph.
import type { Stage, StageGraph } from '../dockerfile/index.js'
import { findStage } from '../dockerfile/index.js'
import { parseCheckOptions, type CheckOptions as LintConfig } from '../dockerfile/directive.js'
import { DockerfileError } from '../errors.js'
import { DispatchError, lintGraph } from './buildkit.js'
import { DEFAULT_TEST_TARGET, NO_TESTS, type TestTarget } from '../plan.js'
import { adviseGraph } from './advice.js'
import { PatternMatcher, readDockerignore } from './dockerignore.js'
import type { Finding } from './finding.js'
import { EXPERIMENTAL, type BuildkitRule } from './rules.js'

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
  /** The Dockerfile's text (the comments before FROM and ARG are only in the text). */
  text?: string
  /** The text of the .dockerignore the build would use, if any (for CopyIgnoredFile). */
  dockerignore?: string
}

export interface CheckResult {
  /** Warnings and, under `# check=error=true`, errors; BuildKit's rules first. */
  findings: Finding[]
  /** The findings that fail the check (severity error). */
  errors: Finding[]
  /** An error BuildKit raises while dispatching a stage, after the findings before it; or null. */
  fatal: DockerfileError | null
}

// BuildKit reads the build argument BUILDKIT_DOCKERFILE_CHECK instead of the directive when set.
const CHECK_ARG = 'BUILDKIT_DOCKERFILE_CHECK'

/** The lint configuration: --build-arg BUILDKIT_DOCKERFILE_CHECK, else `# check=`. */
export function lintConfig(graph: StageGraph, buildArgs: Record<string, string> = {}): LintConfig {
  if (Object.hasOwn(buildArgs, CHECK_ARG)) {
    try {
      return parseCheckOptions(buildArgs[CHECK_ARG] as string)
    } catch (err) {
      throw new DockerfileError(
        graph.file,
        1,
        `failed to parse check options from --build-arg ${CHECK_ARG}: ${(err as Error).message}`
      )
    }
  }
  const check = graph.directives.find(d => d.name === 'check')
  return parseCheckOptions(check?.value ?? '')
}

/** Linter.Run's gate: experimental rules only when opted in, the others unless skipped. */
export function ruleEnabled(config: LintConfig, rule: BuildkitRule): boolean {
  if (EXPERIMENTAL.has(rule)) return config.experimentalAll || config.experimental.includes(rule)
  return !config.skipAll && !config.skip.includes(rule)
}

/** Every check for a graph read by readDockerfile (which already raised the file's hard errors). */
export function checkDockerfile(graph: StageGraph, options: CheckOptions = {}): CheckResult {
  const runtime: Stage =
    (options.target ? findStage(graph, options.target) : undefined) ?? (graph.stages.at(-1) as Stage)
  const config = lintConfig(graph, options.buildArgs)
  const lint: Finding[] = []
  let fatal: DockerfileError | null = null
  try {
    lintGraph(
      graph,
      {
        buildArgs: options.buildArgs,
        platform: options.platform,
        target: options.target ? runtime : undefined,
        enabled: rule => ruleEnabled(config, rule),
        text: options.text,
        dockerignore:
          options.dockerignore === undefined
            ? undefined
            : new PatternMatcher(readDockerignore(options.dockerignore))
      },
      lint
    )
  } catch (err) {
    if (!(err instanceof DispatchError)) throw err
    fatal = new DockerfileError(graph.file, err.line, err.message)
  }
  if (config.error) for (const f of lint) f.severity = 'error'
  const testTarget = options.testTarget ?? DEFAULT_TEST_TARGET
  const tester = testTarget === NO_TESTS ? undefined : findStage(graph, testTarget)
  const hasDockerignore =
    options.exists && options.context !== undefined
      ? options.exists(`${options.context.replace(/\/$/, '')}/.dockerignore`)
      : undefined
  const advice = adviseGraph(graph, { runtime, tester, hasDockerignore })
  const findings = [...lint, ...advice]
  return { findings, errors: findings.filter(f => f.severity === 'error'), fatal }
}
