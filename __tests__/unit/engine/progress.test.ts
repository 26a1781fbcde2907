import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import {
  countSteps,
  failedStep,
  missingCacheNotes,
  parseProgress,
  ranStepKeys,
  stageSeconds
} from '../../../src/engine/progress.js'

const fixture = (name: string): string[] =>
  readFileSync(new URL(`../../fixtures/progress/${name}`, import.meta.url), 'utf8').split('\n')

describe('parseProgress', () => {
  test.each([
    [
      'classic-fail.txt',
      'tester',
      1,
      1,
      'RUN for i in 1 2 3; do echo "line $i"; done; echo "FAIL: test_add expected 3 got 4" >&2; exit 3',
      /exit code: 3/
    ],
    ['buildx-fail.txt', 'tester', 1, 1, 'RUN make test', /exit code: 2/]
  ])(
    '%s: the failed step is found with its stage, number and error',
    (file, stage, index, total, name, error) => {
      const step = failedStep(parseProgress(fixture(file)).steps())
      expect(step).toMatchObject({ stage, index, total, name, dockerfileStep: true })
      expect(step?.error).toMatch(error)
    }
  )

  test('the failed step keeps its own output, without timestamps', () => {
    const step = failedStep(parseProgress(fixture('buildx-fail.txt')).steps())
    expect(step?.logs).toEqual(['ok   pkg/a', '--- FAIL: TestB (0.00s)', '    b_test.go:12: want 2, got 3'])
  })

  test.each([
    [
      'classic-fail.txt',
      [
        { stage: 'builder', ran: 1, cached: 0 },
        { stage: 'tester', ran: 1, cached: 0 }
      ]
    ],
    [
      'buildx-fail.txt',
      [
        { stage: 'builder', ran: 0, cached: 2 },
        { stage: 'tester', ran: 1, cached: 0 }
      ]
    ]
  ])('%s: steps run and cached per stage (FROM not counted)', (file, counts) => {
    expect(countSteps(parseProgress(fixture(file)).steps())).toEqual(counts)
  })

  test('internal vertices are not Dockerfile steps', () => {
    const steps = parseProgress(fixture('classic-fail.txt')).steps()
    expect(steps.find(s => s.id === 1)).toMatchObject({
      dockerfileStep: false,
      name: '[internal] load build definition from Dockerfile.fail'
    })
  })

  test('the legacy builder: Step k/n, Using cache, non-zero code', () => {
    const steps = parseProgress(fixture('legacy.txt')).steps()
    expect(steps.map(s => [s.index, s.name, s.cached])).toEqual([
      [1, 'FROM local/busybox:1', false],
      [2, 'RUN echo hi', true],
      [3, 'RUN exit 4', false]
    ])
    expect(failedStep(steps)).toMatchObject({ index: 3, error: 'exit code: 4', logs: ['oops'] })
  })

  test('CRLF and single-stage `[k/n]` names', () => {
    const steps = parseProgress(['#4 [2/3] RUN echo one\r', '#4 CACHED\r']).steps()
    expect(steps[0]).toMatchObject({ stage: null, index: 2, total: 3, name: 'RUN echo one', cached: true })
  })

  test.each([
    [
      'DONE',
      '#6 4.250 0b760fdff4fae262#6 DONE 5.1s',
      { done: true, seconds: 5.1, logs: ['0b760fdff4fae262'] }
    ],
    [
      'ERROR',
      '#6 0.31 no newline#6 ERROR: process exited 1',
      { error: 'process exited 1', logs: ['no newline'] }
    ],
    // A step that ran never turns CACHED: such text is its output.
    ['CACHED-looking output is output', '#6 0.31 says #6 CACHED', { done: false, logs: ['says #6 CACHED'] }],
    [
      'a hash in the output is kept',
      '#6 0.31 #6 is not a status',
      { done: false, logs: ['#6 is not a status'] }
    ]
  ])('a step whose output ends without a newline: the glued %s is read', (_name, line, expected) => {
    const steps = parseProgress(['#6 [tester 1/1] RUN printf x', line]).steps()
    expect(steps[0]).toMatchObject(expected)
    if ('done' in expected && expected.done)
      expect(countSteps(steps)).toEqual([{ stage: 'tester', ran: 1, cached: 0 }])
  })

  test('a step reported twice in one build (engine 26, a solve shared with a concurrent build) counts once', () => {
    const steps = parseProgress([
      '#8 [builder 4/5] COPY src/ ./src/',
      '#8 DONE 0.0s',
      '#9 [builder 5/5] RUN sh src/build.sh',
      '#9 DONE 0.2s',
      '#10 [builder 4/5] COPY src/ ./src/',
      '#10 CACHED',
      '#11 [builder 5/5] RUN sh src/build.sh',
      '#11 CACHED',
      '#12 [runtime 2/2] COPY --from=builder /out/greet /greet',
      '#12 CACHED'
    ]).steps()
    expect(countSteps(steps)).toEqual([
      { stage: 'builder', ran: 2, cached: 0 },
      { stage: 'runtime', ran: 0, cached: 1 }
    ])
    expect(ranStepKeys(steps)).toEqual(['builder 4/5 COPY src/ ./src/', 'builder 5/5 RUN sh src/build.sh'])
  })

  test('a successful build has no failed step', () => {
    expect(failedStep(parseProgress(['#4 [a 2/2] RUN x', '#4 DONE 0.1s']).steps())).toBeUndefined()
  })
})

describe('what the progress says besides steps', () => {
  test.each([
    [
      'a registry cache that does not exist yet',
      [
        '#5 importing cache manifest from 127.0.0.1:5000/app:buildcache-tester',
        '#5 ERROR: 127.0.0.1:5000/app:buildcache-tester: not found'
      ],
      [/^no cache at 127\.0\.0\.1:5000\/app:buildcache-tester yet: expected on the first run/]
    ],
    [
      'a cache that was found',
      ['#5 importing cache manifest from 127.0.0.1:5000/app:buildcache-tester', '#5 DONE 0.1s'],
      []
    ],
    [
      'a cache import refused for another reason is not called a first run',
      [
        '#5 importing cache manifest from ghcr.io/acme/app:cache',
        '#5 ERROR: unauthorized: authentication required'
      ],
      []
    ]
  ])('missingCacheNotes: %s', (_name, lines, expected) => {
    const notes = missingCacheNotes(parseProgress(lines).steps())
    expect(notes).toHaveLength(expected.length)
    expected.forEach((pattern, i) => expect(notes[i]).toMatch(pattern))
  })

  test('stageSeconds sums the steps each stage ran, not the cached ones or internal vertices', () => {
    const steps = parseProgress([
      '#1 [internal] load build definition from Dockerfile',
      '#1 DONE 0.4s',
      '#4 [deps 2/3] RUN apt-get install -y python3',
      '#4 DONE 11.5s',
      '#5 [deps 3/3] RUN pip install -r requirements.txt',
      '#5 CACHED',
      '#7 [tester 1/2] COPY tests/ ./tests/',
      '#7 DONE 0.1s',
      '#8 [tester 2/2] RUN pytest',
      '#8 DONE 1.6s'
    ]).steps()
    const seconds = stageSeconds(steps)
    expect(seconds.deps).toBeCloseTo(11.5)
    expect(seconds.tester).toBeCloseTo(1.7)
    expect(Object.keys(seconds)).toEqual(['deps', 'tester'])
  })
})
