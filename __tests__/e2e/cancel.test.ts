// Cancelling a run, as the runner does (SIGINT, then SIGTERM) and Ctrl-C on a terminal: the
// builds and the test container stop, the secret files go, nothing is pushed, and the process is
// gone within 10 s with a line that says so.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import {
  copyExample,
  describe,
  DOCKER,
  registryManifest,
  runAction,
  runProcess,
  test,
  uniqueRepo,
  type ActionRun
} from './harness.js'

jest.setTimeout(120_000)

/** Runs the action and sends `signal` once `ready` matches its output; times the exit from the signal. */
async function cancelled(
  inputs: Record<string, string>,
  ready: RegExp,
  signal: NodeJS.Signals
): Promise<{ run: ActionRun; exitMs: number; pid: number }> {
  let signalledAt = 0
  let pid = 0
  const run = await runAction(inputs, {
    onStdout: (stdout, child) => {
      if (signalledAt === 0 && ready.test(stdout)) {
        signalledAt = performance.now()
        pid = child.pid ?? 0
        child.kill(signal)
      }
    }
  })
  expect(signalledAt).toBeGreaterThan(0)
  return { run, exitMs: performance.now() - signalledAt, pid }
}

async function leftovers(prefix: string): Promise<string[]> {
  const listed = await runProcess(DOCKER, ['ps', '--all', '--format', '{{.Names}}'])
  return listed.stdout.split('\n').filter(name => name.startsWith(prefix))
}

function expectStopped(run: ActionRun, exitMs: number, signal: 'SIGINT' | 'SIGTERM'): void {
  expect(exitMs).toBeLessThan(10_000)
  expect(run.code).toBe(signal === 'SIGINT' ? 130 : 143)
  expect(run.stdout).toContain(`stagegate: cancelled (${signal})`)
  // The secret files lived in a stagegate-* folder of RUNNER_TEMP.
  expect(readdirSync(run.runnerTemp).filter(name => name.startsWith('stagegate-'))).toEqual([])
}

describe('cancellation', () => {
  test('SIGTERM while the test command runs: the container is removed, nothing is pushed', async () => {
    const app = copyExample('greeter')
    const repo = uniqueRepo('greeter')
    const { run, exitMs, pid } = await cancelled(
      {
        network: 'none',
        context: app,
        file: path.join(app, 'Dockerfile.test-command'),
        // `$((1+1))`: the line the container prints, not the command line stagegate echoes.
        'test-command': 'echo "tests $((1+1)) started"; sleep 60',
        tags: `${repo}:1`,
        push: 'true',
        secrets: 'api_token=not-for-anyone'
      },
      /tests 2 started/,
      'SIGTERM'
    )
    expectStopped(run, exitMs, 'SIGTERM')
    // This run's test container (named after the action's process), gone when the action is.
    expect(await leftovers(`stagegate-tests-${pid}-`)).toEqual([])
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
  })

  test('SIGTERM just as docker starts the test container: the container it was creating goes too', async () => {
    const app = copyExample('greeter')
    const { run, exitMs, pid } = await cancelled(
      {
        network: 'none',
        context: app,
        file: path.join(app, 'Dockerfile.test-command'),
        'test-command': 'sleep 60'
      },
      // The command line stagegate echoes right before `docker run` asks the engine for it.
      /--entrypoint \/bin\/sh \S+ -c sleep 60/,
      'SIGTERM'
    )
    expectStopped(run, exitMs, 'SIGTERM')
    expect(await leftovers(`stagegate-tests-${pid}-`)).toEqual([])
  })

  test('SIGINT during the tester build: the builds stop, nothing after them runs', async () => {
    const app = copyExample('greeter')
    const dockerfile = path.join(app, 'Dockerfile')
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace(
        'COPY test/ ./test/',
        `COPY test/ ./test/\nRUN echo "slow test ${Date.now()}" && sleep 60`
      )
    )
    const repo = uniqueRepo('greeter')
    const { run, exitMs } = await cancelled(
      { network: 'none', context: app, tags: `${repo}:1`, push: 'true' },
      /slow test \d+/,
      'SIGINT'
    )
    expectStopped(run, exitMs, 'SIGINT')
    // The runtime build ran beside the tester's and was stopped with it: no push started.
    expect(run.stdout).not.toContain('::group::Push ')
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    // No docker client of this run is left behind (its build was cancelled with it).
    const clients = await runProcess('sh', [
      '-c',
      `ps -eo args | grep -c "[-]-tag stagegate/.*${path.basename(app).toLowerCase()}" || true`
    ])
    expect(clients.stdout.trim()).toBe('0')
  })
})
