import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { engineFault, engineFaultWarning, stepsAcrossAttempts } from '../../../src/engine/engine-fault.js'
import { countSteps, failedStep, parseProgress, stageSeconds } from '../../../src/engine/progress.js'

const fixture = (name: string): string[] =>
  readFileSync(new URL(`../../fixtures/progress/${name}`, import.meta.url), 'utf8').split('\n')

/** The fault engineFault finds in a build's plain progress output, as runBuild asks it. */
const faultOf = (lines: string[]) => engineFault(failedStep(parseProgress(lines).steps()), lines)

const UNPACK_RACE =
  'failed to prepare extraction snapshot "extract-534931794-BB0N sha256:539036b05d938e4a4cb5faf2ac894b4aa3a82c191d7dd9c847cc5c25292a48b3": ' +
  'parent snapshot sha256:bba2cb9512ee1e731a225c6c4e7828cedd3c9d7c792546abbe63f74cba225cde does not exist: not found'
const LOWER_SNAPSHOT =
  'failed to apply diffs: failed to stat lower snapshot oqp2tt0j92m39s8wogp0pul7d: snapshot oqp2tt0j92m39s8wogp0pul7d does not exist: not found'

/** A build that got as far as its last step, then failed on `vertex` with `error`. */
const build = (vertex: string, error: string): string[] => [
  '#5 [tester 1/1] RUN make test',
  '#5 DONE 2.0s',
  '',
  `#6 ${vertex}`,
  `#6 ERROR: ${error}`,
  '------',
  ` > ${vertex}:`,
  '------',
  `ERROR: failed to solve: ${error}`
]

describe('engineFault', () => {
  test('the race engine 26 met while storing the tester image beside the runtime build is a transient fault', () => {
    // The real log of the e2e run that failed on it (node-service, test-command, containerd store).
    const fault = faultOf(fixture('engine26-unpack-race.txt'))
    expect(fault).toEqual({ error: UNPACK_RACE, explanation: expect.stringContaining('moby/buildkit#6521') })
  })

  test.each([
    ['the unpack race while exporting', build('exporting to image', UNPACK_RACE), 'moby/buildkit#6521'],
    [
      'a lost lower snapshot while exporting',
      build('exporting to image', LOWER_SNAPSHOT),
      'moby/buildkit#6977'
    ],
    [
      'the unpack race with no vertex, docker’s ERROR line only',
      [`ERROR: failed to solve: ${UNPACK_RACE}`],
      '#6521'
    ]
  ])('%s: run it again', (_what, lines, upstream) => {
    expect(faultOf(lines)?.explanation).toContain(upstream)
  })

  test.each([
    ['a test step that exited 1', fixture('buildx-fail.txt')],
    ['a classic build whose tests failed', fixture('classic-fail.txt')],
    ['a base image that does not resolve', fixture('classic-base.txt')],
    [
      'an export that failed otherwise',
      build('exporting to image', 'failed to copy: write /var/lib: no space left on device')
    ],
    [
      'a step that exited with a code whose output names the race',
      build('[tester 2/2] RUN ./check', `exit code: 1 ${UNPACK_RACE}`)
    ],
    [
      'a failed docker with no ERROR line',
      ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock.']
    ],
    ['no output at all', []]
  ])('%s: the build’s own failure, not run again', (_what, lines) => {
    expect(faultOf(lines)).toBeNull()
  })
})

describe('engineFaultWarning', () => {
  test('says what failed, that it is the engine’s fault, the attempt, and the engine’s own words', () => {
    const warning = engineFaultWarning(
      'tester build',
      { error: UNPACK_RACE, explanation: 'the engine lost a layer snapshot (moby/buildkit#6521)' },
      2,
      3
    )
    expect(warning).toBe(
      'The tester build failed on a fault of the engine, not of the build: the engine lost a layer ' +
        'snapshot (moby/buildkit#6521). stagegate runs it again from its cache (attempt 2 of 3). ' +
        `Engine error: ${UNPACK_RACE}`
    )
  })
})

describe('stepsAcrossAttempts: a build run again after the engine failed it reads as one build', () => {
  // The attempt the race failed (real log): test-env's two steps ran, then the export failed.
  const failed = parseProgress(fixture('engine26-unpack-race.txt')).steps()
  // The attempt after it: everything from the cache, the export succeeds.
  const retry = parseProgress([
    '#11 [builder 3/3] RUN node scripts/build.js',
    '#11 CACHED',
    '',
    '#12 [test-env 1/2] COPY test/ ./test/',
    '#12 CACHED',
    '',
    '#13 [test-env 2/2] RUN mkdir -p /reports',
    '#13 CACHED',
    '',
    '#14 exporting to image',
    '#14 DONE 0.3s'
  ]).steps()

  test('the steps that ran in the failed attempt count as ran, with their time, not as cached', () => {
    const steps = stepsAcrossAttempts([failed], retry)
    expect(countSteps(steps).find(c => c.stage === 'test-env')).toEqual({
      stage: 'test-env',
      ran: 2,
      cached: 0
    })
    expect(stageSeconds(steps)['test-env']).toBeCloseTo(0.6)
    // Read from the last attempt alone, this run would have said its tester came from the cache.
    expect(countSteps(retry).find(c => c.stage === 'test-env')).toEqual({
      stage: 'test-env',
      ran: 0,
      cached: 2
    })
  })

  test('only the last attempt can fail the build: the failed attempt`s error is not carried', () => {
    expect(failedStep(stepsAcrossAttempts([failed], retry))).toBeUndefined()
    const lastFailed = build('exporting to image', 'failed to copy: no space left on device')
    const step = failedStep(stepsAcrossAttempts([failed], parseProgress(lastFailed).steps()))
    expect(step?.error).toBe('failed to copy: no space left on device')
  })

  test('no failed attempt: the build`s own steps, unchanged', () => {
    expect(stepsAcrossAttempts([], retry)).toEqual(retry)
  })
})
