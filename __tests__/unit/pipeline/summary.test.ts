import { describe, expect, test } from '@jest/globals'
import type { BuildOutcome } from '../../../src/engine/run-build.js'
import type { Stage } from '../../../src/dockerfile/index.js'
import type { TestSummary } from '../../../src/report/model.js'
import {
  fence,
  renderBuildSummary,
  sharedSteps,
  testResultLine,
  type BuildSummaryInput
} from '../../../src/summary.js'

const stage = (index: number, name: string | null): Stage => ({
  index,
  name,
  base: 'alpine:3.20',
  baseStage: null,
  dependsOn: [],
  externalImages: [],
  line: index + 1,
  platform: null,
  instructions: [],
  deferredErrors: []
})

const build = (over: Partial<BuildOutcome>): BuildOutcome => ({
  role: 'runtime',
  stage: stage(2, 'runtime'),
  ok: true,
  seconds: 1,
  counts: [],
  stageSeconds: {},
  metadata: null,
  imageId: null,
  digest: null,
  failure: null,
  ...over
})

const passed: TestSummary = { outcome: 'passed', mode: 'build', failures: [] }

const summary = (over: Partial<BuildSummaryInput>): string =>
  renderBuildSummary({
    builder: 'buildx',
    builds: [],
    stagesByRole: {},
    tests: passed,
    failure: null,
    image: null,
    ...over
  })

/** Table cells of a markdown row, splitting only on pipes that are not escaped. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1)

describe('testResultLine', () => {
  test.each<[TestSummary, string, string]>([
    [
      {
        outcome: 'passed',
        mode: 'command',
        tests: 5,
        passed: 4,
        failed: 0,
        skipped: 1,
        failures: [],
        durationMs: 2345
      },
      '✅ Tests passed',
      ' — 4 passed, 0 failed, 1 skipped in 2.3 s'
    ],
    [
      { outcome: 'failed', mode: 'build', tests: 6, passed: 3, failed: 2, errors: 1, failures: [] },
      '❌ Tests failed',
      ' — 3 passed, 2 failed, 1 errors'
    ],
    [{ outcome: 'passed', mode: 'build', failures: [], durationMs: 100 }, '✅ Tests passed', ') in 0.1 s'],
    [{ outcome: 'failed', mode: 'command', failures: [] }, '❌ Tests failed', 'tester image)']
  ])('%j', (tests, start, end) => {
    const line = testResultLine(tests)
    expect(line.startsWith(start)).toBe(true)
    expect(line.endsWith(end)).toBe(true)
  })

  test.each<[TestSummary['mode'], RegExp]>([
    ['command', /\(test.command in the tester image\)/],
    ['build', /\(tester stage build\)/]
  ])('says how the tests ran (%s)', (mode, how) =>
    expect(testResultLine({ outcome: 'passed', mode, failures: [] })).toMatch(how)
  )

  test('no counts without a test report', () => {
    expect(testResultLine({ outcome: 'passed', mode: 'build', failures: [] })).not.toContain('—')
  })

  test('zero errors and zero skipped are left out', () => {
    const line = testResultLine({ ...passed, tests: 2, passed: 2, failed: 0, errors: 0, skipped: 0 })
    expect(line).not.toMatch(/errors|skipped/)
  })

  test('skipped tests say why', () => {
    expect(testResultLine({ outcome: 'skipped', mode: 'none', failures: [] })).toBe(
      '⏭️ Tests skipped (test-target: none)'
    )
  })
})

describe('fence', () => {
  test.each([
    ['plain output', '```'],
    ['one ` tick', '```'],
    ['a ``` fence inside', '````'],
    ['````` five, then ```', '``````']
  ])('%p is fenced with %s', (text, marks) => {
    expect(fence(text)).toBe(`${marks}text\n${text}\n${marks}`)
  })

  test('output ending in its own fence cannot close the block early', () => {
    const text = 'log\n```\n**bold** <b>x</b>'
    const lines = fence(text).split('\n')
    const open = lines[0]?.replace('text', '') ?? ''
    // Only the last line may be a fence as long as the opening one.
    const closers = lines.slice(1).filter(l => l.startsWith(open))
    expect(closers).toEqual([open])
    expect(lines[lines.length - 1]).toBe(open)
  })
})

describe('the failure section', () => {
  const output = ['step 1', 'npm ERR! ```', 'exit code: 1']
  const text = summary({
    tests: { outcome: 'failed', mode: 'build', failures: [] },
    failure: { kind: 'tests', message: 'The tester stage failed at Dockerfile:7.', output }
  })

  test('the message in bold', () => {
    expect(text).toContain('**The tester stage failed at Dockerfile:7.**')
  })

  test('the last lines inside a fence their backticks cannot close', () => {
    expect(text).toContain(`Output (3 lines):\n\n${fence(output.join('\n'))}\n`)
    expect(fence(output.join('\n')).startsWith('````text')).toBe(true)
  })

  test('says that nothing was pushed, after the output', () => {
    expect(text).toContain('Nothing was pushed.')
    expect(text.indexOf('Nothing was pushed.')).toBeGreaterThan(text.indexOf('exit code: 1'))
  })

  test('no output: no empty fence', () => {
    const noOutput = summary({ failure: { kind: 'build', message: 'Build failed.', output: [] } })
    expect(noOutput).not.toContain('Output (')
    expect(noOutput).not.toContain('```')
    expect(noOutput).toContain('Nothing was pushed.')
  })

  test.each([
    ['tests', '### ❌ Tests failed'],
    ['build', '### ❌ Build failed'],
    ['builder', '### ❌ Builder or infrastructure failed'],
    ['budget', '### ❌ Size budget exceeded']
  ] as const)('a %s failure is headed in the same words as its annotation title', (kind, headline) => {
    const text = summary({ failure: { kind, message: 'x', output: [] } })
    expect(text).toContain(`${headline}\n`)
    for (const other of [
      'Tests failed',
      'Build failed',
      'Builder or infrastructure failed',
      'Size budget exceeded'
    ])
      if (!headline.endsWith(other)) expect(text).not.toContain(`### ❌ ${other}`)
  })

  test('a run that did not fail says nothing about pushing for failing', () => {
    expect(summary({})).not.toContain('Nothing was pushed.')
  })
})

describe('the builds table', () => {
  const text = summary({
    builder: 'docker-container',
    builds: [
      build({
        role: 'tester',
        stage: stage(1, 'tester'),
        seconds: 12.34,
        counts: [
          { stage: 'deps', ran: 1, cached: 2 },
          { stage: 'tester', ran: 3, cached: 0 }
        ]
      }),
      build({ stage: stage(3, null), ok: false, seconds: 0.04, counts: [{ stage: null, ran: 0, cached: 5 }] })
    ],
    stagesByRole: { tester: ['deps', 'tester'] }
  })
  const rows = text.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| ---'))

  test.each([
    [0, ['Build', 'Target', 'Stages', 'Time', 'Steps run', 'Steps cached']],
    [1, ['tester', 'tester', 'deps → tester', '12.3 s', '4', '2']],
    [2, ['runtime ❌', 'stage-3', 'stage-3', '0.0 s', '0', '5']]
  ])('row %i: %p', (i, expected) => {
    expect(cells(rows[i] ?? '').map(c => c.trim())).toEqual(expected)
  })

  test('names the builder', () => {
    expect(text).toContain('Builder: docker-container')
  })

  test('no builds: no table', () => {
    expect(summary({})).not.toContain('| Build |')
  })
})

describe('the image lines', () => {
  test.each<[NonNullable<BuildSummaryInput['image']>, string[]]>([
    [
      {
        id: 'sha256:1111',
        digest: 'sha256:2222',
        tags: ['ghcr.io/a/b:1', 'ghcr.io/a/b:latest'],
        pushed: true
      },
      ['Image: `sha256:1111`, digest `sha256:2222`', 'Pushed: `ghcr.io/a/b:1`, `ghcr.io/a/b:latest`']
    ],
    [
      { id: 'sha256:1111', digest: null, tags: ['app:dev'], pushed: false },
      ['Image: `sha256:1111`\n', 'Tagged (not pushed): `app:dev`']
    ],
    [{ id: null, digest: null, tags: [], pushed: false }, ['Image: `unknown`', 'Not tagged, not pushed.']]
  ])('%j', (image, lines) => {
    const text = summary({ image })
    for (const line of lines) expect(text).toContain(line)
  })

  test('a pushed image never reads as not pushed, and the reverse', () => {
    const image = { id: 'sha256:1', digest: null, tags: ['a:1'] }
    expect(summary({ image: { ...image, pushed: true } })).not.toContain('not pushed')
    expect(summary({ image: { ...image, pushed: false } })).not.toContain('Pushed:')
  })

  test('a backtick in a tag cannot break out of its code span', () => {
    expect(summary({ image: { id: 'x', digest: null, tags: ['a`b'], pushed: false } })).toContain("`a'b`")
  })
})

describe('hostile names and messages are escaped', () => {
  const hostile = '<img src=x onerror=alert(1)> | @octocat'
  const text = summary({
    builder: hostile,
    builds: [build({ stage: stage(1, hostile), counts: [{ stage: hostile, ran: 1, cached: 1 }] })],
    stagesByRole: { runtime: ['base', hostile] },
    failure: { kind: 'tests', message: hostile, output: [hostile] }
  })
  const outsideFence = text.replace(/^(`{3,})text\n[\s\S]*?\n\1$/m, '')

  test.each([
    ['no raw HTML', '<img'],
    ['no mention', '@octocat']
  ])('%s', (_what, raw) => expect(outsideFence).not.toContain(raw))

  test('a pipe in a stage name does not add table cells', () => {
    const row = text.split('\n').find(l => l.startsWith('| runtime'))
    expect(cells(row ?? '')).toHaveLength(6)
  })

  test('the failure message stays on its bold line, its pipe escaped', () => {
    expect(text).toContain('**&lt;img src=x onerror=alert(1)&gt; \\| @')
  })
})

describe('sharedSteps: what the tester and the runtime build solved once', () => {
  const b = (role: 'tester' | 'runtime' | 'push', ranSteps?: string[]) => ({ role, ranSteps })
  test.each([
    [
      'both ran the builder step',
      [
        b('tester', ['builder 2/2 RUN make', 'tester 1/1 RUN test']),
        b('runtime', ['builder 2/2 RUN make', 'runtime 2/2 RUN strip'])
      ],
      [null, { count: 1, role: 'tester' }]
    ],
    [
      'nothing in common',
      [b('tester', ['tester 1/1 RUN test']), b('runtime', ['runtime 2/2 RUN strip'])],
      [null, null]
    ],
    [
      'cached in one of them (no ranSteps)',
      [b('tester', []), b('runtime', ['builder 2/2 RUN make'])],
      [null, null]
    ],
    ['an old record without ranSteps', [b('tester'), b('runtime')], [null, null]],
    [
      'the push build ran nothing',
      [b('tester', ['builder 2/2 RUN make']), b('runtime', ['builder 2/2 RUN make']), b('push', [])],
      [null, { count: 1, role: 'tester' }, null]
    ]
  ])('%s', (_name, builds, expected) => {
    expect(sharedSteps(builds)).toEqual(expected)
  })
})
