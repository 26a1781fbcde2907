// The build half of the job summary: what was built, how much came from cache, the test result.
// Pure: a function of the pipeline's results, so tables test it.
import type { BuildOutcome } from './engine/run-build.js'
import type { RunFailureKind } from './run-result.js'
import { stageLabel } from './dockerfile/index.js'
import type { TestSummary } from './report/model.js'
import { escapeText } from './report/markdown.js'
import { testModeLabel, testVerdict } from './report/render.js'

export interface BuildSummaryInput {
  builder: string
  builds: BuildOutcome[]
  /** Stage labels each build needed, in build order. */
  stagesByRole: Partial<Record<BuildOutcome['role'], string[]>>
  tests: TestSummary
  /** Failing test step or build: what failed, what to show and the last lines of its output. */
  failure: { kind: RunFailureKind; message: string; output: string[] } | null
  image: {
    id: string | null
    digest: string | null
    tags: string[]
    pushed: boolean
    /** Why a run that was to push did not. */
    notPushedReason?: string
  } | null
  /** False when the size report that follows carries the test result itself. */
  testLine?: boolean
}

/** The headline of a failed run: the same three kinds as the annotation titles and the `failure` output. */
export const FAILURE_HEADLINES: Record<RunFailureKind, string> = {
  tests: 'Tests failed',
  build: 'Build failed',
  builder: 'Builder or infrastructure failed',
  budget: 'Size budget exceeded'
}

/** Failing test cases listed in the summary; the rest are counted. */
export const MAX_FAILING_CASES = 20

export function testResultLine(tests: TestSummary): string {
  const how = testModeLabel(tests.mode)
  const counts =
    tests.tests !== undefined
      ? ` — ${tests.passed ?? 0} passed, ${tests.failed ?? 0} failed` +
        (tests.errors ? `, ${tests.errors} errors` : '') +
        (tests.skipped ? `, ${tests.skipped} skipped` : '')
      : ''
  const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : ''
  if (tests.outcome === 'skipped' || tests.outcome === 'error') return testVerdict(tests)
  return `${testVerdict(tests)}${how ? ` (${how})` : ''}${counts}${time}`
}

export function renderBuildSummary(input: BuildSummaryInput): string {
  const lines: string[] = ['## stagegate', '']
  if (input.testLine !== false) lines.push(testResultLine(input.tests), '')
  if (input.failure) {
    lines.push(
      `### ❌ ${FAILURE_HEADLINES[input.failure.kind]}`,
      '',
      `**${escapeText(input.failure.message)}**`,
      ''
    )
    const failing = input.tests.failures.slice(0, MAX_FAILING_CASES)
    for (const f of failing) {
      const where = f.file ? ` (${escapeText(f.file)}${f.line ? `:${f.line}` : ''})` : ''
      const message = f.message ? `: ${escapeText(f.message)}` : ''
      lines.push(`- ❌ ${escapeText(f.classname ? `${f.classname} › ${f.name}` : f.name)}${where}${message}`)
    }
    if (input.tests.failures.length > failing.length) {
      lines.push(
        `- … and ${input.tests.failures.length - failing.length} more failing tests (see the test reports)`
      )
    }
    if (failing.length > 0) lines.push('')
    if (input.failure.output.length > 0) {
      lines.push(
        `Output (${input.failure.output.length} lines):`,
        '',
        fence(input.failure.output.join('\n')),
        ''
      )
    }
    lines.push('Nothing was pushed.', '')
  }
  if (input.builds.length > 0) {
    lines.push(
      '| Build | Target | Stages | Time | Steps run | Steps cached |',
      '| --- | --- | --- | --- | --- | --- |'
    )
    const shared = sharedSteps(input.builds)
    for (const [i, build] of input.builds.entries()) {
      const ran = build.counts.reduce((n, c) => n + c.ran, 0)
      const alsoRan = shared[i]
      const ranCell = alsoRan ? `${ran} (${alsoRan.count} with ${alsoRan.role}: solved once)` : `${ran}`
      const cached = build.counts.reduce((n, c) => n + c.cached, 0)
      const stages = (input.stagesByRole[build.role] ?? [stageLabel(build.stage)])
        .map(s => escapeText(s))
        .join(' → ')
      const status = build.ok ? '' : ' ❌'
      lines.push(
        `| ${build.role}${status} | ${escapeText(stageLabel(build.stage))} | ${stages} | ${build.seconds.toFixed(1)} s | ${ranCell} | ${cached} |`
      )
    }
    lines.push('', `Builder: ${escapeText(input.builder)}`, '')
  }
  if (input.image) {
    const { id, digest, tags, pushed } = input.image
    lines.push(`Image: \`${id ?? 'unknown'}\`${digest ? `, digest \`${digest}\`` : ''}`)
    if (input.image.notPushedReason) {
      lines.push(`Nothing was pushed: ${escapeText(input.image.notPushedReason)}.`)
    } else if (tags.length > 0) {
      lines.push(
        `${pushed ? 'Pushed' : 'Tagged (not pushed)'}: ${tags.map(t => `\`${escapeCode(t)}\``).join(', ')}`
      )
    } else {
      lines.push('Not tagged, not pushed.')
    }
    lines.push('')
  }
  return lines.join('\n')
}

/**
 * For each build, the steps an earlier build of the run also reported as run: the tester and the
 * runtime build run at once on one builder, and BuildKit solves a step they share once, so both
 * report it. Pure.
 */
export function sharedSteps(
  builds: Array<Pick<BuildOutcome, 'role' | 'ranSteps'>>
): Array<{ count: number; role: BuildOutcome['role'] } | null> {
  return builds.map((build, i) => {
    for (const earlier of builds.slice(0, i)) {
      const theirs = new Set(earlier.ranSteps ?? [])
      const count = (build.ranSteps ?? []).filter(step => theirs.has(step)).length
      if (count > 0) return { count, role: earlier.role }
    }
    return null
  })
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'")
}

/** A code fence longer than any backtick run inside, so output cannot close it. */
export function fence(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), m => m[0].length))
  const marks = '`'.repeat(longest + 1)
  return `${marks}text\n${text}\n${marks}`
}
