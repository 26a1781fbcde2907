// Failing step → stage → kind: the verdict stagegate prints, from real BuildKit output.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { classifyFailure, FAILURE_TITLES, type FailureKind } from '../../../src/engine/failure.js'
import { failedStep, parseProgress } from '../../../src/engine/progress.js'
import { readDockerfile, resolveTarget } from '../../../src/dockerfile/index.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/progress/${name}`, import.meta.url), 'utf8')

function classify(dockerfile: string, progress: string | string[], opts: { testMode?: boolean } = {}) {
  const graph = readDockerfile(fixture(dockerfile), { file: 'Dockerfile' })
  const target = resolveTarget(graph, 'tester')
  const lines = Array.isArray(progress) ? progress : fixture(progress).split('\n')
  const reader = parseProgress(lines)
  return classifyFailure({
    step: failedStep(reader.steps()),
    graph,
    target,
    testStage: opts.testMode === false ? null : target,
    trailer: reader.trailer,
    exitCode: 1
  })
}

describe('classifyFailure: real BuildKit output (engine 20.10) → kind, stage, line', () => {
  test.each<[string, string, string, { testMode?: boolean }, FailureKind, string, number | null, RegExp]>([
    [
      'a RUN step of the tester stage itself: the tests failed',
      'verdicts-tests.Dockerfile',
      'classic-tests.txt',
      {},
      'tests',
      'tester',
      5,
      /^Tests failed in stage "tester" at Dockerfile:5, step `RUN echo "not ok 1 - adds" && exit 1`: exit code 1\.$/
    ],
    [
      'the same step with test-command: the tester only prepares, so the build failed',
      'verdicts-tests.Dockerfile',
      'classic-tests.txt',
      { testMode: false },
      'build',
      'tester',
      5,
      /^The build failed in stage "tester" at Dockerfile:5/
    ],
    [
      'a RUN step of a build stage the tester needs: the build failed, naming that stage',
      'verdicts-build.Dockerfile',
      'classic-build.txt',
      {},
      'build',
      'builder',
      5,
      /^The build failed in stage "builder" at Dockerfile:5, step `RUN echo building && exit 3`: exit code 3\.$/
    ],
    [
      'a base image that cannot be resolved: the build failed at its FROM line',
      'verdicts.Dockerfile',
      'classic-base.txt',
      {},
      'build',
      'deps',
      1,
      /^The base image docker\.io\/local\/node:23 of stage "deps" \(Dockerfile:1\) could not be resolved: failed to do request/
    ],
    [
      'a RUN without a network on an engine without a bridge: infrastructure, with the fix',
      'verdicts-build.Dockerfile',
      'classic-bridge.txt',
      {},
      'builder',
      'builder',
      5,
      /network bridge not found\. .*set the "network" input to host or none\.$/
    ]
  ])('%s', (_name, dockerfile, progress, opts, kind, stage, line, message) => {
    const verdict = classify(dockerfile, progress, opts)
    expect(verdict.kind).toBe(kind)
    expect(verdict.stage).toBe(stage)
    expect(verdict.line).toBe(line)
    expect(verdict.message).toMatch(message)
  })
})

describe('classifyFailure: the builder and its surroundings', () => {
  test.each<[string, string[], FailureKind, RegExp]>([
    [
      'a builder that cannot boot',
      [
        '#1 [internal] booting buildkit',
        '#1 pulling image moby/buildkit:buildx-stable-1',
        '#1 ERROR: Error response from daemon: pull access denied for moby/buildkit'
      ],
      'builder',
      /^The builder failed while booting buildkit: Error response from daemon: pull access denied/
    ],
    [
      'an exporter that fails after every step passed',
      [
        '#9 [tester 2/2] RUN make test',
        '#9 DONE 1.2s',
        '#10 exporting to image',
        '#10 ERROR: failed to export image: no space left on device'
      ],
      'builder',
      /^The builder failed while exporting to image: .*no space left on device\. The machine ran out of disk space/
    ],
    [
      'a cache export that fails',
      ['#11 exporting cache to registry', '#11 ERROR: failed to push 127.0.0.1:5000/app:cache: unauthorized'],
      'builder',
      /^The builder failed while exporting cache to registry: failed to push/
    ],
    [
      'a cache import that found nothing is never the failure',
      [
        '#5 importing cache manifest from 127.0.0.1:5000/app:buildcache-tester',
        '#5 ERROR: 127.0.0.1:5000/app:buildcache-tester: not found',
        '#9 [tester 1/1] RUN echo "not ok 1 - adds" && exit 1',
        '#9 ERROR: process "/bin/sh -c echo" did not complete successfully: exit code: 1'
      ],
      'tests',
      /^Tests failed in stage "tester"/
    ],
    [
      'docker failed before any step (engine down)',
      ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'],
      'builder',
      /^The builder failed before any build step ran: Cannot connect .* The Docker engine does not answer/
    ]
  ])('%s', (_name, lines, kind, message) => {
    const verdict = classify('verdicts-tests.Dockerfile', lines)
    expect(verdict.kind).toBe(kind)
    expect(verdict.message).toMatch(message)
  })

  test('the three kinds have one title each, used for annotations', () => {
    expect(Object.values(FAILURE_TITLES)).toEqual([
      'stagegate: tests failed',
      'stagegate: build failed',
      'stagegate: builder or infrastructure failed'
    ])
  })
})
