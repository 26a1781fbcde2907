// A pull request's build steps and tests print workflow commands meant to take over the log
// (issue 12 §1). Read the action's stdout the way the runner does: none of them takes effect, and
// stagegate's own final annotation still does.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import { HOSTILE_COMMANDS, interpretRunnerLog, type RunnerLog } from '../runner-log.js'
import { copyExample, describe, runAction, stackTraceLines, test, uniqueRepo } from './harness.js'

jest.setTimeout(180_000)

const base = { network: 'none' }

/** A shell script printing every hostile line; the nonce keeps BuildKit from replaying a cached step. */
function hostileScript(): string {
  const quoted = (line: string): string => `'${line.replace(/'/g, `'\\''`)}'`
  return [
    '#!/bin/sh',
    `# ${Date.now()}-${Math.random()}`,
    ...HOSTILE_COMMANDS.map(line => `printf '%s\\n' ${quoted(line)}`),
    // The same lines, as BuildKit shows a RUN step's output, for the test command's plain stream.
    ...HOSTILE_COMMANDS.map(line => `printf '%s\\n' ${quoted(`#9 0.123 ${line}`)}`),
    ''
  ].join('\n')
}

function hostileApp(): string {
  const app = copyExample('greeter')
  writeFileSync(path.join(app, 'test/hostile.sh'), hostileScript())
  return app
}

/** Nothing a hostile line asks for happened, and commands are enabled when the step ends. */
function expectNoHostileEffect(log: RunnerLog): void {
  expect(log.masks).toEqual([])
  expect(log.outputs).toEqual({})
  expect(log.annotations.filter(a => /fake/.test(a.message))).toEqual([])
  expect(log.stopped).toBe(false)
}

describe('hostile output from the tester stage (RUN-step mode)', () => {
  const withHostileStep = (app: string, step: string): void => {
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace('COPY test/ ./test/', `COPY test/ ./test/\n${step}`)
    )
  }

  test('passing tests: the lines reach the log as text and take no effect', async () => {
    const app = hostileApp()
    withHostileStep(app, 'RUN sh test/hostile.sh')
    const run = await runAction({ ...base, context: app })
    expect(run.code).toBe(0)
    // The build log carries them (so the test can fail), behind BuildKit's prefix.
    expect(run.stdout).toMatch(/^#\d+ [\d.]+ ##\[add-mask\]Tests$/m)
    expectNoHostileEffect(interpretRunnerLog(run.stdout))
    expect(run.outputs.digest).not.toBe('fake')
  })

  test('failing tests: stagegate’s error at the Dockerfile line takes effect, the echoed lines do not', async () => {
    const app = hostileApp()
    withHostileStep(app, 'RUN sh test/hostile.sh && exit 3')
    const run = await runAction({ ...base, context: app })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Output of what failed:')
    const log = interpretRunnerLog(run.stdout)
    expectNoHostileEffect(log)
    expect(log.annotations).toEqual([
      expect.objectContaining({
        type: 'error',
        message: expect.stringMatching(/^Tests failed in stage "tester" at .*Dockerfile:15, .*exit code 3/),
        properties: expect.objectContaining({ title: 'stagegate: tests failed', line: '15' })
      })
    ])
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })
})

describe('hostile output from the test command', () => {
  test('a failing test command: stagegate’s own final error takes effect, no hostile line does', async () => {
    const app = hostileApp()
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      file: path.join(app, 'Dockerfile.test-command'),
      context: app,
      tags: `${repo}:1`,
      'test-command': 'sh test/hostile.sh; exit 3'
    })
    expect(run.code).toBe(1)
    expect(run.outputs['test-outcome']).toBe('failed')
    expect(run.stdout).toMatch(/^::add-mask::Tests$/m)
    expect(run.stdout).toContain('Output of what failed:')
    const log = interpretRunnerLog(run.stdout)
    expectNoHostileEffect(log)
    expect(log.annotations).toEqual([
      {
        type: 'error',
        message: expect.stringContaining('the test command ended with exit code 3'),
        properties: { title: 'stagegate: tests failed' }
      }
    ])
    expect(run.outputs.digest).toBe('')
  })
})
