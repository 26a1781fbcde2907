import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { locateFailure, failureOutput } from '../../../src/engine/failure.js'
import type { BuildStep } from '../../../src/engine/progress.js'
import { ExcerptCollector } from '../../../src/gate/excerpt.js'
import { readDockerfile, resolveTarget } from '../../../src/dockerfile/index.js'

const greeter = readDockerfile(
  readFileSync(new URL('../../../examples/greeter/Dockerfile', import.meta.url), 'utf8'),
  { file: 'Dockerfile' }
)

const step = (over: Partial<BuildStep>): BuildStep => {
  const base = {
    id: 9,
    name: '',
    stage: null,
    index: null,
    total: null,
    dockerfileStep: true,
    cached: false,
    done: false,
    error: 'exit code: 1',
    seconds: null,
    logs: [] as string[],
    ...over
  }
  const excerpt = new ExcerptCollector()
  for (const line of base.logs) excerpt.push(line)
  return { ...base, excerpt }
}

describe('locateFailure maps BuildKit step numbers back to Dockerfile lines', () => {
  test.each([
    // FROM counts as step 1 when the base is an image; ARG and ENV are not steps.
    ['builder 1/5 is the FROM line', 'builder', 1, 'FROM docker.io/local/busybox:1', 5],
    ['builder 2/5 is WORKDIR', 'builder', 2, 'WORKDIR /src', 6],
    ['builder 5/5 is the build RUN, after an ARG', 'builder', 5, 'RUN mkdir -p /out', 11],
    // A stage based on another stage has no FROM step.
    ['tester 1/2 is its COPY', 'tester', 1, 'COPY test/ ./test/', 14],
    ['tester 2/2 is the test RUN', 'tester', 2, 'RUN mkdir -p /reports', 15],
    ['runtime 2/2 is its COPY --from', 'runtime', 2, 'COPY --from=builder', 18]
  ])('%s', (_name, stage, index, name, line) => {
    const where = locateFailure(
      step({ stage, index, total: 9, name }),
      greeter,
      resolveTarget(greeter, 'tester')
    )
    expect(where.line).toBe(line)
    expect(where.stage).toBe(stage)
  })

  test('the exit code is read from the error', () => {
    const where = locateFailure(
      step({
        stage: 'tester',
        index: 2,
        error: 'process "/bin/sh -c x" did not complete successfully: exit code: 42'
      }),
      greeter,
      resolveTarget(greeter, 'tester')
    )
    expect(where.exitCode).toBe(42)
  })

  test('single-stage output (`[2/3]`, no stage name) is matched against the target', () => {
    const single = readDockerfile('FROM scratch\nENV A=1\nCOPY a /a\nCOPY b /b\n', { file: 'Dockerfile' })
    const where = locateFailure(
      step({ stage: null, index: 2, name: 'COPY b /b' }),
      single,
      resolveTarget(single, undefined)
    )
    // scratch has no FROM step: COPY a is 1, COPY b is 2.
    expect(where.line).toBe(4)
  })

  test('unnamed stages are called stage-N, as BuildKit prints them', () => {
    const graph = readDockerfile(
      'FROM local/busybox:1\nRUN a\nFROM stage-0\nFROM local/busybox:1\nRUN b\nRUN c\n',
      { file: 'D' }
    )
    const where = locateFailure(
      step({ stage: 'stage-2', index: 3, name: 'RUN c' }),
      graph,
      resolveTarget(graph, undefined)
    )
    expect(where.line).toBe(6)
  })
})

describe('failureOutput', () => {
  test('the failing step’s own output: its failure lines, however far up, and its tail', () => {
    const logs = [
      'TAP version 13',
      'not ok 1 - adds two numbers',
      '  ---',
      "  error: 'Expected 4, got 5'",
      '  ...',
      ...Array.from({ length: 300 }, (_, i) => `ok ${i + 2} - case ${i + 2}`),
      '# fail 1'
    ]
    const output = failureOutput(step({ logs }), ['tail'], 50)
    expect(output).toContain('not ok 1 - adds two numbers')
    expect(output).toContain("  error: 'Expected 4, got 5'")
    expect(output[output.length - 1]).toBe('# fail 1')
    expect(output.length).toBeLessThanOrEqual(90)
  })
  test('falls back to the build output tail', () => {
    expect(failureOutput(undefined, ['x', 'y', 'z'], 2)).toEqual(['y', 'z'])
  })
})
