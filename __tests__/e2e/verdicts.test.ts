// What stagegate says about a failed run is what happened: tests failed, a build step of another
// stage failed, or the builder and its surroundings failed. Each case on the real engine.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import {
  type ActionRun,
  annotations,
  copyExample,
  describe,
  registryManifest,
  ROOT,
  runAction,
  runProcess,
  stackTraceLines,
  test,
  uniqueRepo
} from './harness.js'

jest.setTimeout(180_000)

const base = { network: 'none' }

/** The greeter example with its Dockerfile edited. */
function greeterWith(edit: (dockerfile: string) => string): string {
  const app = copyExample('greeter')
  const file = path.join(app, 'Dockerfile')
  writeFileSync(file, edit(readFileSync(file, 'utf8')))
  return app
}

function expectVerdict(run: ActionRun, kind: 'tests' | 'build' | 'builder', testOutcome: string): void {
  const titles = {
    tests: 'stagegate: tests failed',
    build: 'stagegate: build failed',
    builder: 'stagegate: builder or infrastructure failed'
  }
  const headlines = {
    tests: 'Tests failed',
    build: 'Build failed',
    builder: 'Builder or infrastructure failed'
  }
  expect(run.code).toBe(1)
  expect(run.outputs.failure).toBe(kind)
  expect(run.outputs['test-outcome']).toBe(testOutcome)
  const errors = annotations(run)
  // Said once, under the title of its kind.
  expect(errors).toHaveLength(1)
  expect(errors[0]?.title).toBe(titles[kind])
  expect(run.summary).toContain(`### ❌ ${headlines[kind]}`)
  expect(run.outputs.report).toContain(`### ❌ ${headlines[kind]}`)
  for (const other of Object.keys(titles).filter(k => k !== kind) as Array<keyof typeof titles>) {
    expect(run.stdout).not.toContain(`title=${titles[other].replace(':', '%3A')}`)
    expect(run.summary).not.toContain(`### ❌ ${headlines[other]}`)
  }
  expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
}

describe('the kind of failure', () => {
  test('a failing RUN of the tester stage: tests failed, at that line', async () => {
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: greeterWith(d => d),
      tags: `${repo}:1`,
      push: 'true',
      'build-args': 'GREETING=Bye'
    })
    expectVerdict(run, 'tests', 'failed')
    expect(annotations(run)[0]?.line).toBe('15')
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
  })

  test('a base image that cannot be resolved in a deps stage: build failed at its FROM line, tests did not run', async () => {
    const app = greeterWith(d =>
      d
        .replace(
          'FROM ${BASE_IMAGE} AS builder',
          'FROM local/no-such-node:23 AS deps\nRUN true\n\nFROM ${BASE_IMAGE} AS builder'
        )
        .replace('COPY src/ ./src/', 'COPY --from=deps /etc/hostname /deps-hostname\nCOPY src/ ./src/')
    )
    const run = await runAction({ ...base, context: app })
    expectVerdict(run, 'build', 'error')
    const [error] = annotations(run)
    expect(error?.line).toBe('5')
    expect(error?.message).toMatch(
      /^The base image docker\.io\/local\/no-such-node:23 of stage "deps" \(.*Dockerfile:5\) could not be resolved/
    )
    expect(run.summary).toContain('Tests did not run: the build failed in stage "deps"')
    expect(run.summary).not.toMatch(/Tests failed/)
  })

  test('a failing RUN of the builder stage: build failed in that stage, tests did not run', async () => {
    const app = greeterWith(d =>
      d.replace('COPY src/ ./src/', 'RUN echo "apt-get: no network" && exit 100\nCOPY src/ ./src/')
    )
    const run = await runAction({ ...base, context: app })
    expectVerdict(run, 'build', 'error')
    const [error] = annotations(run)
    expect(error?.line).toBe('9')
    expect(error?.message).toMatch(
      /^The build failed in stage "builder" at .*Dockerfile:9, step `RUN echo "apt-get: no network" && exit 100`: exit code 100\.$/
    )
    expect(run.summary).toContain('apt-get: no network')
  })

  test('RUN steps on the default network of an engine without a bridge: infrastructure, with the fix', async () => {
    const app = greeterWith(d => d.replace('COPY src/ ./src/', `RUN echo ${Date.now()}\nCOPY src/ ./src/`))
    const run = await runAction({ context: app })
    expectVerdict(run, 'builder', 'error')
    expect(annotations(run)[0]?.message).toMatch(
      /network bridge not found\. .*set the "network" input to host or none/
    )
  })

  test('a test container that cannot start (its network does not exist): infrastructure, not failing tests', async () => {
    const app = copyExample('greeter')
    const run = await runAction({
      ...base,
      context: app,
      file: path.join(app, 'Dockerfile.test-command'),
      'test-command': 'sh test/run.sh /out/greet',
      'test-network': 'stagegate-no-such-network'
    })
    expectVerdict(run, 'builder', 'error')
    expect(annotations(run)[0]?.message).toMatch(
      /^The test container could not be started .*the engine has no such network: set "test-network"/
    )
  })
})

describe('a cached tester stage ran no test', () => {
  test('the second run of the same sources says so, and is not shown as a fresh pass', async () => {
    const app = greeterWith(d =>
      d.replace('COPY test/ ./test/', `COPY test/ ./test/\nENV RUN_ID=${Date.now()}`)
    )
    const first = await runAction({ ...base, context: app })
    expect(first.code).toBe(0)
    expect(first.summary).not.toContain('cached: no test ran')
    const second = await runAction({ ...base, context: app })
    expect(second.code).toBe(0)
    expect(second.outputs['test-outcome']).toBe('passed')
    expect(JSON.parse(second.outputs['run-metadata'] ?? '{}').tests.cached).toBe(true)
    expect(second.summary).toContain('Tests passed before, cached: no test ran')
    expect(second.outputs.report).toContain('Tests passed before, cached: no test ran')
  })
})

describe('stagegate run (the CLI) says a failure once', () => {
  test('a failing build is printed once, with its file and line', async () => {
    const app = greeterWith(d => d.replace('COPY src/ ./src/', 'RUN exit 3\nCOPY src/ ./src/'))
    const cli = path.join(
      path.dirname(process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')),
      'cli/index.js'
    )
    const run = await runProcess(process.execPath, [
      cli,
      'run',
      '--context',
      app,
      '--network',
      'none',
      '--quiet'
    ])
    expect(run.code).toBe(1)
    const said = run.stderr.split('\n').filter(l => l.includes('The build failed in stage "builder"'))
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/^error: .*Dockerfile:9: /)
    expect(run.stdout).toContain('failure=build')
  })
})
