// The bundled action against the real engine and registry: build, gate, push, fail clearly.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import {
  copyExample,
  describe,
  DOCKER,
  registryManifest,
  runAction,
  runProcess,
  stackTraceLines,
  test,
  uniqueRepo
} from './harness.js'

jest.setTimeout(180_000)

const base = { network: 'none' }

describe('build and push (test mode: the tester stage RUN steps)', () => {
  test('passing tests: pushes every tag, the registry has the manifest, outputs are set', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: app, tags: `${repo}:1, ${repo}:latest`, push: 'true' })
    expect(run.code).toBe(0)
    expect(stackTraceLines(run.stdout)).toEqual([])
    expect(run.outputs['test-outcome']).toBe('passed')
    expect(run.outputs['image-id']).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs.tags).toBe(`${repo}:1\n${repo}:latest`)
    for (const tag of ['1', 'latest']) {
      const pushed = await registryManifest(`${repo}:${tag}`)
      expect(pushed.status).toBe(200)
      expect(pushed.digest).toBe(run.outputs.digest)
    }
    // The pushed image is the runtime stage: it runs the greeter, and holds no toolchain.
    const greeting = await runProcess(DOCKER, ['run', '--rm', '--network', 'none', `${repo}:1`, 'Ada'])
    expect(greeting.stdout.trim()).toBe('Hello, Ada!')
    const toolchain = await runProcess(DOCKER, [
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'ls',
      `${repo}:1`,
      '/opt/toolchain'
    ])
    expect(toolchain.code).not.toBe(0)
    // One test line: the size report carries it, the build table does not repeat it.
    expect(run.summary.match(/Tests passed/g)).toHaveLength(1)
  })

  test('the runtime build, beside the tester build, runs no builder step on its own: each is cached or solved once with the tester', async () => {
    const app = copyExample('greeter')
    // A fresh line in the build script makes the builder stage new to the cache for this test.
    writeFileSync(
      path.join(app, 'src/build.sh'),
      readFileSync(path.join(app, 'src/build.sh'), 'utf8') + `# ${Date.now()}\n`
    )
    const run = await runAction({ ...base, context: app })
    expect(run.code).toBe(0)
    const metadata = JSON.parse(run.outputs['run-metadata'] ?? '{}') as {
      builds: Array<{ role: string; steps: Array<{ stage: string; ran: number; cached: number }> }>
    }
    const tester = metadata.builds.find(b => b.role === 'tester')
    const runtime = metadata.builds.find(b => b.role === 'runtime')
    const builderInTester = tester?.steps.find(s => s.stage === 'builder')
    const builderInRuntime = runtime?.steps.find(s => s.stage === 'builder')
    // The two builds run at once: each builder step is new, so one of them ran it. A step both
    // report run was solved once for both (the critical-path suite proves it with a random stamp);
    // one the runtime build reached later came from the cache.
    const testerRan = builderInTester?.ran ?? 0
    const runtimeRan = builderInRuntime?.ran ?? 0
    expect(testerRan + (builderInTester?.cached ?? 0)).toBe(4)
    expect(runtimeRan + (builderInRuntime?.cached ?? 0)).toBe(4)
    expect(testerRan + runtimeRan).toBeGreaterThan(0)
    const row =
      /\| runtime \| runtime \| [^|]+ \| [\d.]+ s \| (\d+)(?: \((\d+) with tester: solved once\))? \|/.exec(
        run.summary
      )
    const runtimeOwn = runtime?.steps.find(s => s.stage === 'runtime')?.ran ?? 0
    expect(Number(row?.[1])).toBe(runtimeRan + runtimeOwn)
    expect(Number(row?.[2] ?? 0)).toBeLessThanOrEqual(Math.min(testerRan, runtimeRan))
  })

  test('without push nothing reaches the registry and digest is empty', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: app, tags: `${repo}:1` })
    expect(run.code).toBe(0)
    expect(run.outputs.digest).toBe('')
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
  })

  test('failing tests: the runtime build beside them is stopped, nothing is pushed; the step, its line and its output are shown', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: app,
      tags: `${repo}:1`,
      push: 'true',
      'build-args': 'GREETING=Bye'
    })
    expect(run.code).toBe(1)
    expect(run.outputs['test-outcome']).toBe('failed')
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    const metadata = JSON.parse(run.outputs['run-metadata'] ?? '{}') as { builds: Array<{ role: string }> }
    // Stopped, or (when it finished first) dropped: never pushed.
    expect(metadata.builds.map(b => b.role)).not.toContain('push')
    expect(metadata.builds[0]?.role).toBe('tester')
    // One annotation, on the Dockerfile line of the failing RUN step (line 15 of the example).
    expect(run.stdout).toMatch(
      /::error title=stagegate%3A tests failed,file=.*Dockerfile,line=15::Tests failed in stage "tester"/
    )
    expect(run.stdout.split('\n').filter(l => l.startsWith('::error')).length).toBe(1)
    expect(run.stdout).toContain("FAIL greets_the_world: expected 'Hello, world!', got 'Bye, world!'")
    expect(run.summary).toContain('Tests failed')
    expect(run.summary).toContain("FAIL greets_by_name: expected 'Hello, Ada!', got 'Bye, Ada!'")
    expect(run.summary).toContain('Nothing was pushed.')
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })
})

describe('test mode: test-command in a container of the tester image', () => {
  const commandInputs = {
    ...base,
    'test-command': 'sh test/run.sh /out/greet /reports/junit.xml',
    'test-reports': '/reports'
  }
  const runCommandMode = (app: string, repo: string, extra: Record<string, string> = {}) =>
    runAction({
      ...commandInputs,
      file: path.join(app, 'Dockerfile.test-command'),
      context: app,
      tags: `${repo}:1`,
      push: 'true',
      ...extra
    })

  test('passing: reports are read into outputs and the summary, then the image is pushed', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const run = await runCommandMode(app, repo)
    expect(run.code).toBe(0)
    expect(run.outputs['test-outcome']).toBe('passed')
    expect(run.outputs['tests-passed']).toBe('3')
    expect(run.outputs['tests-failed']).toBe('0')
    expect((await registryManifest(`${repo}:1`)).status).toBe(200)
    expect(run.summary).toMatch(/Tests passed.*: 3 tests, 3 passed/)
  })

  test('failing: the run fails, nothing is pushed, JUnit failures become annotations and summary lines', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const run = await runCommandMode(app, repo, { 'build-args': 'GREETING=Bye' })
    expect(run.code).toBe(1)
    expect(run.outputs['test-outcome']).toBe('failed')
    expect(run.outputs['tests-failed']).toBe('3')
    expect(run.outputs['tests-passed']).toBe('0')
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    expect(run.stdout).toMatch(/::error .*greets_the_world/)
    expect(run.summary).toContain(
      "❌ greeter › greets\\_the\\_world (test/run.sh): expected 'Hello, world\\!', got 'Bye, world\\!'"
    )
    expect(run.summary).toContain('exit code 1')
  })
})

describe('clear errors, no stack traces', () => {
  test.each([
    ['a missing Dockerfile', { file: 'nope/Dockerfile' }, /Dockerfile not found: nope\/Dockerfile/],
    ['an unknown target', { target: 'prod' }, /prod.*(builder|tester|runtime)/],
    ['a missing tester stage', { 'test-target': 'unit' }, /unit.*builder.*tester.*runtime|test-target: none/]
  ])('%s', async (_name, inputs, message) => {
    const app = copyExample('greeter')
    const run = await runAction({ ...base, context: app, ...inputs }, { cwd: app })
    expect(run.code).toBe(1)
    const errorLine = run.stdout.split('\n').find(l => l.startsWith('::error::')) ?? ''
    expect(errorLine).toMatch(message)
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })

  test('a failing runtime build names the stage, the Dockerfile line and shows the output', async () => {
    const app = copyExample('greeter')
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace('USER nobody', 'RUN echo "disk full" && exit 7\nUSER nobody')
    )
    const run = await runAction({ ...base, context: app })
    expect(run.code).toBe(1)
    expect(run.outputs['test-outcome']).toBe('passed')
    expect(run.stdout).toMatch(
      /::error title=stagegate%3A build failed,file=.*Dockerfile,line=19::The build failed in stage "runtime" .*exit code 7/
    )
    expect(run.summary).toContain('disk full')
  })
})

describe('secrets', () => {
  test('a secret reaches RUN --mount but appears nowhere in history, log, summary or outputs', async () => {
    const app = copyExample('greeter')
    const secret = `s3cr3t-${Date.now()}`
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace(
        'COPY test/ ./test/',
        // The secret is not part of BuildKit's cache key: a unique word keeps the step from being CACHED.
        `COPY test/ ./test/\nRUN --mount=type=secret,id=api_token test -s /run/secrets/api_token && echo "run ${Date.now()}: secret is $(cat /run/secrets/api_token)"`
      )
    )
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: app, tags: `${repo}:1`, secrets: `api_token=${secret}` })
    expect(run.code).toBe(0)
    // The runner reads ::add-mask:: and hides the value from then on; nothing else may carry it.
    expect(run.stdout).toContain(`::add-mask::${secret}`)
    const log = run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::'))
    expect(log.join('\n')).toContain('secret is ***')
    for (const text of [log.join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(secret)
    }
    const metadata = JSON.parse(run.outputs['run-metadata'] ?? '{}') as { 'tester-image': string }
    for (const image of [`${repo}:1`, metadata['tester-image']]) {
      const history = await runProcess(DOCKER, ['history', '--no-trunc', image])
      expect(history.code).toBe(0)
      expect(history.stdout).not.toContain(secret)
    }
  })
})

describe('failures after the tests', () => {
  test('a secret printed by a failing step is hidden in the failure report, summary and outputs', async () => {
    const app = copyExample('greeter')
    const secret = `leak-${Date.now()}`
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace(
        'COPY test/ ./test/',
        `COPY test/ ./test/\nRUN --mount=type=secret,id=tok echo "run ${Date.now()} token is $(cat /run/secrets/tok)" && exit 3`
      )
    )
    const run = await runAction({ ...base, context: app, secrets: `tok=${secret}` })
    expect(run.code).toBe(1)
    expect(run.outputs.report).toContain('token is ***')
    const log = run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::'))
    for (const text of [log.join('\n'), run.summary, JSON.stringify(run.outputs)])
      expect(text).not.toContain(secret)
  })

  test('a push that fails keeps the build outputs and says the registry cannot be reached', async () => {
    const app = copyExample('greeter')
    const run = await runAction({
      ...base,
      context: app,
      tags: '127.0.0.1:5999/nowhere/greeter:1',
      push: 'true'
    })
    expect(run.code).toBe(1)
    expect(run.outputs['test-outcome']).toBe('passed')
    expect(run.outputs['image-id']).toMatch(/^sha256:/)
    expect(run.stdout).toMatch(
      /::error title=stagegate%3A builder or infrastructure failed::Pushing 127.0.0.1:5999\/nowhere\/greeter:1 failed: .*could not be reached/
    )
    expect(run.summary).toContain('Nothing was pushed.')
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })
})
