// Truthful test results on a real Node service (examples/node-service, node:test with top-level
// and nested tests) on the real engine: counts as node itself reports them, annotations on the
// repository's files, the failing tests in the failure output, and the tests' own time.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, expect, jest } from '@jest/globals'
import { DEFAULT_EXCERPT_BOUNDS } from '../../src/gate/excerpt.js'
import {
  type ActionRun,
  annotations,
  copyExample,
  describe,
  runAction,
  stackTraceLines,
  test
} from './harness.js'
import { ensureNodeImage } from './images.js'

jest.setTimeout(300_000)

const CONTEXT = 'examples/node-service'
const NODE_TEST =
  'node --test --test-reporter=tap --test-reporter-destination=stdout ' +
  '--test-reporter=junit --test-reporter-destination=/reports/junit.xml'
/** The two tests BREAK=1 fails: one top-level `test()`, one `it()` two describes deep. */
const BROKEN = [
  { name: 'formats cents as a decimal price', file: 'test/price.test.js' },
  { name: 'counts the pages, the last one partly filled', file: 'test/pagination.test.js' }
]

/**
 * A monorepo checkout: the example in examples/node-service of a fresh workspace, with a new
 * file in test/ so no earlier run's cached tester stage stands in for this run's tests.
 */
function monorepo(): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'stagegate-monorepo-'))
  mkdirSync(path.join(workspace, 'examples'))
  renameSync(copyExample('node-service'), path.join(workspace, CONTEXT))
  writeFileSync(path.join(workspace, CONTEXT, 'test/.run-id'), `${Date.now()} ${Math.random()}\n`)
  return workspace
}

/** The line of a test file where BREAK makes the test fail: where node's stack trace points. */
function breakLine(workspace: string, file: string): number {
  const lines = readFileSync(path.join(workspace, CONTEXT, file), 'utf8').split('\n')
  const index = lines.findIndex(l => l.includes('BREAK ?'))
  expect(index).toBeGreaterThanOrEqual(0)
  return index + 1
}

/**
 * The output of the builds and the test command as the log streamed it (inside its `::group::`
 * sections), BuildKit's `#14 1.23 ` prefixes removed; the failure output echoed after a failed
 * run repeats some of it outside the groups, so it is left out.
 */
function streamedOutput(stdout: string): string[] {
  const lines: string[] = []
  let inGroup = false
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) inGroup = true
    else if (line.startsWith('::endgroup::')) inGroup = false
    else if (inGroup) lines.push(line.replace(/^#\d+ [\d.]+ /, ''))
  }
  return lines
}

/** The totals node's TAP reporter printed at the end of its run. */
function tapTotals(output: string[]): { tests: number; pass: number; fail: number; durationMs: number } {
  const total = (name: string) => {
    const found = output.map(l => new RegExp(`^# ${name} ([\\d.]+)\\s*$`).exec(l)).filter(m => m !== null)
    // One test run, so node printed each total once.
    expect(found).toHaveLength(1)
    return Number(found[0]?.[1])
  }
  return {
    tests: total('tests'),
    pass: total('pass'),
    fail: total('fail'),
    durationMs: total('duration_ms')
  }
}

/** The fenced failure output of the job summary. */
function summaryOutput(summary: string): string {
  const match = /Output \(\d+ lines\):\n\n(`{3,})text\n([\s\S]*?)\n\1/.exec(summary)
  expect(match).not.toBeNull()
  return match?.[2] ?? ''
}

/** The report's test line of a passing run: "Tests passed (…): 25 tests, 25 passed in 0.5 s". */
const SHOWN_PASS = /Tests passed\*\* \(.*\): (\d+) tests, (\d+) passed in ([\d.]+) s/

interface Metadata {
  tests: { durationMs?: number; reportSeconds?: number; cached?: boolean }
  builds: Array<{ role: string; seconds: number }>
}

describe('a Node service with node:test', () => {
  beforeAll(async () => {
    await ensureNodeImage()
  }, 180_000)

  describe('tests as the tester stage RUN step, JUnit copied from the image', () => {
    let run: ActionRun
    let tap: ReturnType<typeof tapTotals>
    beforeAll(async () => {
      const workspace = monorepo()
      run = await runAction(
        { network: 'none', context: CONTEXT, 'test-reports': '/reports' },
        { cwd: workspace }
      )
      tap = tapTotals(streamedOutput(run.stdout))
    }, 300_000)

    test('passes with every test node ran counted, top-level ones included', () => {
      expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs['test-outcome']).toBe('passed')
      expect(tap.fail).toBe(0)
      expect(tap.pass).toBe(tap.tests)
      expect(run.outputs['tests-passed']).toBe(String(tap.pass))
      expect(run.outputs['tests-failed']).toBe('0')
      const shown = SHOWN_PASS.exec(run.summary)
      expect(shown?.slice(1, 3)).toEqual([String(tap.tests), String(tap.pass)])
      expect(run.summary).not.toMatch(/\d+ failed/)
    })

    test("the test time is the tests' own, not the tester build's", () => {
      const metadata = JSON.parse(run.outputs['run-metadata'] ?? '{}') as Metadata
      const tester = metadata.builds.find(b => b.role === 'tester')
      expect(metadata.tests.cached).toBeUndefined()
      expect(metadata.tests.reportSeconds).toBeDefined()
      const durationMs = metadata.tests.durationMs ?? NaN
      expect(durationMs).toBeGreaterThan(0)
      expect(durationMs).toBeLessThan((tester?.seconds ?? 0) * 1000)
      // Node's own clock spans its whole run (spawning each file too): the tests took at most that.
      expect(durationMs).toBeLessThanOrEqual(tap.durationMs)
      const shown = SHOWN_PASS.exec(run.summary)
      expect(Number(shown?.[3])).toBe(Number((durationMs / 1000).toFixed(1)))
    })
  })

  describe('tests as the tester stage RUN step, two of them broken (BREAK=1)', () => {
    let run: ActionRun
    let workspace: string
    beforeAll(async () => {
      workspace = monorepo()
      run = await runAction(
        { network: 'none', context: CONTEXT, 'test-reports': '/reports', 'build-args': 'BREAK=1' },
        { cwd: workspace }
      )
    }, 300_000)

    test("fails on the tests at the tester's RUN line of the repository's Dockerfile", () => {
      expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
      expect(run.code).toBe(1)
      expect(run.outputs.failure).toBe('tests')
      expect(run.outputs['test-outcome']).toBe('failed')
      const dockerfile = readFileSync(path.join(workspace, CONTEXT, 'Dockerfile'), 'utf8').split('\n')
      const runLine = dockerfile.findIndex(l => l.startsWith('RUN node --test')) + 1
      expect(annotations(run)).toEqual([
        expect.objectContaining({
          title: 'stagegate: tests failed',
          file: `${CONTEXT}/Dockerfile`,
          line: String(runLine)
        })
      ])
    })

    test("the failure output shows both tests' not ok lines, though they are far above the end", () => {
      const log = streamedOutput(run.stdout)
      const end = log.findIndex(l => /^# duration_ms /.test(l))
      expect(end).toBeGreaterThan(0)
      const output = summaryOutput(run.summary)
      for (const broken of BROKEN) {
        const notOk = log.findIndex(l => new RegExp(`^\\s*not ok \\d+ - ${broken.name}$`).test(l))
        expect(notOk).toBeGreaterThanOrEqual(0)
        expect(end - notOk).toBeGreaterThan(DEFAULT_EXCERPT_BOUNDS.tailLines)
        expect(output).toMatch(new RegExp(`not ok \\d+ - ${broken.name}$`, 'm'))
      }
    })
  })

  describe('tests by test-command in the test-env image, two of them broken (BREAK=1)', () => {
    let run: ActionRun
    let workspace: string
    beforeAll(async () => {
      workspace = monorepo()
      run = await runAction(
        {
          network: 'none',
          context: CONTEXT,
          'test-target': 'test-env',
          'test-command': NODE_TEST,
          'test-reports': '/reports',
          'build-args': 'BREAK=1'
        },
        { cwd: workspace }
      )
    }, 300_000)

    test('fails on the tests, with the counts node reported and both failing tests named', () => {
      expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
      // The verdict first: a run that failed otherwise says so here, not as missing TAP totals.
      expect(run.outputs.failure).toBe('tests')
      expect(run.code).toBe(1)
      expect(run.outputs['test-outcome']).toBe('failed')
      const tap = tapTotals(streamedOutput(run.stdout))
      expect(tap.fail).toBe(BROKEN.length)
      expect(run.outputs['tests-failed']).toBe(String(BROKEN.length))
      expect(run.outputs['tests-passed']).toBe(String(tap.pass))
      expect(run.summary).toContain(`${tap.pass} passed, ${BROKEN.length} failed`)
      for (const broken of BROKEN) expect(run.summary).toContain(broken.name)
    })

    test('each failing test is annotated on its repository file, at the failing line', () => {
      const errors = annotations(run)
      for (const broken of BROKEN) {
        const error = errors.find(e => e.title?.includes(broken.name))
        expect(error).toMatchObject({
          file: `${CONTEXT}/${broken.file}`,
          line: String(breakLine(workspace, broken.file))
        })
      }
    })

    test("the failure output shows both tests' not ok lines, though they are far above the end", () => {
      const log = streamedOutput(run.stdout)
      const end = log.findIndex(l => /^# duration_ms /.test(l))
      expect(end).toBeGreaterThan(0)
      const output = summaryOutput(run.summary)
      for (const broken of BROKEN) {
        const notOk = log.findIndex(l => new RegExp(`^\\s*not ok \\d+ - ${broken.name}$`).test(l))
        expect(notOk).toBeGreaterThanOrEqual(0)
        // Out of reach of the tail alone: only picking failure lines from the whole output finds it.
        expect(end - notOk).toBeGreaterThan(DEFAULT_EXCERPT_BOUNDS.tailLines)
        expect(output).toMatch(new RegExp(`^\\s*not ok \\d+ - ${broken.name}$`, 'm'))
      }
    })
  })
})
