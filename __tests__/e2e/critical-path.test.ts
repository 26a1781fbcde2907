// The critical path: the runtime stage builds beside the gate, on the same builder. A step both
// builds share is solved once; only the push waits for the tests; a failed gate stops the runtime
// build (or drops its finished image) and pushes nothing; a cancel stops both builds.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import {
  annotations,
  describe,
  DOCKER,
  registryManifest,
  runAction,
  runProcess,
  test,
  uniqueRepo,
  type ActionRun
} from './harness.js'

jest.setTimeout(240_000)

/** A context whose Dockerfile is `text`, with a token that makes its steps new to the cache. */
function appWith(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-critical-'))
  const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  writeFileSync(path.join(dir, 'Dockerfile'), text.replaceAll('NONCE', nonce))
  return dir
}

interface Row {
  label: string
  start: number
  end: number
}

/** The timeline table of the job summary. */
function timeline(run: ActionRun): Row[] {
  const section = run.summary.slice(run.summary.indexOf('### Timeline'))
  return section
    .split('\n')
    .filter(l => /^\| .* \| [\d.]+ s \| [\d.]+ s \|/.test(l))
    .map(l => {
      const cells = l.split(' | ')
      return {
        label: (cells[0] ?? '').replace(/^\| /, ''),
        start: Number.parseFloat(cells[1] ?? ''),
        end: Number.parseFloat(cells[2] ?? '')
      }
    })
}

/** Processes still running with `dir` in their arguments: docker clients the run left behind. */
function processesWith(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')
      if (cmdline.includes(dir)) found.push(`${entry}: ${cmdline}`)
    } catch {
      // ended meanwhile
    }
  }
  return found
}

const base = { network: 'none', push: 'true' }

/** A run whose runtime builds in a second, beside a tester whose test command decides. */
async function quickRuntimeWith(
  testCommand: string
): Promise<{ run: ActionRun; repo: string; newVolumes: string[] }> {
  const repo = uniqueRepo('critical')
  const before = new Set(await volumes())
  const run = await runAction({
    ...base,
    context: appWith(QUICK_RUNTIME),
    tags: `${repo}:1`,
    'test-command': testCommand
  })
  return { run, repo, newVolumes: (await volumes()).filter(v => !before.has(v)) }
}

const volumes = async (): Promise<string[]> =>
  (await runProcess(DOCKER, ['volume', 'ls', '--quiet'])).stdout.split('\n').filter(Boolean)

// The tester declares a VOLUME: its container's anonymous volume goes with it.
const QUICK_RUNTIME = `FROM local/busybox:1 AS builder
RUN echo NONCE > /built

FROM builder AS tester
VOLUME /data

FROM local/busybox:1 AS runtime
COPY --from=builder /built /built
`

describe('the runtime builds beside the gate', () => {
  test('tests pass: both builds run at once, the shared builder step is solved once, then the push', async () => {
    const app = appWith(`FROM local/busybox:1 AS builder
RUN echo NONCE && sleep 2 && head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \\n' > /stamp

FROM builder AS tester
RUN echo "TESTED=$(cat /stamp)" && sleep 2

FROM local/busybox:1 AS runtime
COPY --from=builder /stamp /stamp
RUN echo "SHIPPED=$(cat /stamp)" && sleep 2
`)
    const repo = uniqueRepo('critical')
    const run = await runAction({ ...base, context: app, tags: `${repo}:1` })
    expect(run.code).toBe(0)
    expect((await registryManifest(`${repo}:1`)).status).toBe(200)
    // One solve of the builder step: the random stamp the tests saw is the one that ships.
    const tested = /TESTED=([0-9a-f]{16})/.exec(run.stdout)?.[1]
    const shipped = /SHIPPED=([0-9a-f]{16})/.exec(run.stdout)?.[1]
    expect(tested).toBeDefined()
    expect(shipped).toBe(tested)
    // The step counts say so: the runtime build's builder step was the tester's.
    expect(run.summary).toMatch(
      /\| runtime \| runtime \| builder → runtime \| [\d.]+ s \| 3 \(1 with tester: solved once\) \|/
    )
    const rows = timeline(run)
    const tester = rows.find(r => r.label.startsWith('Tester build'))
    const runtime = rows.find(r => r.label === 'Runtime build')
    const push = rows.find(r => r.label === 'Push')
    expect(tester && runtime && push).toBeTruthy()
    // Beside, not after: the runtime build started before the tester build ended.
    expect(runtime!.start).toBeLessThan(tester!.end)
    // Only the push waits for the gate.
    expect(push!.start).toBeGreaterThanOrEqual(tester!.end - 0.05)
    // The runtime's log is printed whole, after the gate's, as its own group.
    expect(run.stdout.indexOf('Build the runtime stage')).toBeGreaterThan(run.stdout.indexOf('TESTED='))
  })

  test('tests fail while the runtime build still runs: it is stopped, nothing is pushed', async () => {
    const app = appWith(`FROM local/busybox:1 AS builder
RUN echo NONCE > /built

FROM builder AS tester
RUN sleep 1 && echo "not ok 1 - adds" && exit 1

FROM local/busybox:1 AS runtime
COPY --from=builder /built /built
RUN sleep 40 && echo NONCE
`)
    const repo = uniqueRepo('critical')
    const started = performance.now()
    const run = await runAction({ ...base, context: app, tags: `${repo}:1` })
    const seconds = (performance.now() - started) / 1000
    expect(run.code).toBe(1)
    expect(run.outputs.failure).toBe('tests')
    expect(annotations(run)).toHaveLength(1)
    // Not waited for: the runtime's RUN alone takes 40 s.
    expect(seconds).toBeLessThan(35)
    expect(run.stdout).toContain('the runtime build running beside it was stopped. Nothing is pushed.')
    expect(timeline(run).find(r => r.label.startsWith('Runtime build'))?.label).toBe(
      'Runtime build (stopped: the gate failed)'
    )
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    expect(processesWith(app)).toEqual([])
  })

  test('the test command fails after the runtime build finished: its image is not pushed', async () => {
    const { run, repo, newVolumes } = await quickRuntimeWith("sh -c 'sleep 4; echo not ok 1 - slow; exit 4'")
    expect(run.code).toBe(1)
    expect(run.outputs.failure).toBe('tests')
    expect(run.stdout).toContain(
      'the runtime build had finished beside it; its image is not pushed, and its tags were removed.'
    )
    // No later step of the workflow can push the untested image by its release tag.
    expect((await runProcess(DOCKER, ['image', 'inspect', `${repo}:1`])).code).not.toBe(0)
    const rows = timeline(run)
    const runtime = rows.find(r => r.label === 'Runtime build')
    const tests = rows.find(r => r.label.startsWith('Tests'))
    // It really finished first.
    expect(runtime!.end).toBeLessThanOrEqual(tests!.end)
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    expect(await testContainerLeft(run)).toBe(false)
    expect(newVolumes).toEqual([])
  })

  test('the test command passes: the container is removed beside the push, and gone when the run ends', async () => {
    const { run, repo, newVolumes } = await quickRuntimeWith('echo ok 1 - adds')
    expect(run.code).toBe(0)
    expect(run.outputs['test-outcome']).toBe('passed')
    expect((await registryManifest(`${repo}:1`)).status).toBe(200)
    // The tests ran in the image the tester build made, by its ID: the tester's tag is one per
    // image name, which another job on a shared engine may build meanwhile.
    const ran = /docker run --name stagegate-tests-\S+ .*?(sha256:[0-9a-f]{64})/.exec(run.stdout)?.[1]
    const testerTag = (JSON.parse(run.outputs['run-metadata'] ?? '{}') as { 'tester-image'?: string })[
      'tester-image'
    ]
    const testerId = await runProcess(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', testerTag ?? ''])
    expect(ran).toBe(testerId.stdout.trim())
    expect(await testContainerLeft(run)).toBe(false)
    expect(newVolumes).toEqual([])
  })
})

/**
 * Runs the action while another job on the same engine tags `tag` as local/busybox:1 once the
 * runtime build made it; says whether it did.
 */
async function runWhileAnotherJobTags(
  tag: string,
  inputs: Record<string, string>
): Promise<{ run: ActionRun; moved: boolean }> {
  let moved = false
  let done = false
  const mover = (async () => {
    while (!done) {
      if ((await runProcess(DOCKER, ['image', 'inspect', tag])).code === 0) {
        moved = (await runProcess(DOCKER, ['tag', 'local/busybox:1', tag])).code === 0
        return
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  })()
  const run = await runAction(inputs).finally(() => (done = true))
  await mover
  return { run, moved }
}

const imageIdOf = async (reference: string): Promise<string> =>
  (await runProcess(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', reference])).stdout.trim()

describe('the tag another job moves while the tests run', () => {
  test('the push ships the image this run built and tested, and says the tag had moved', async () => {
    const repo = uniqueRepo('critical')
    const tag = `${repo}:1`
    const { run, moved } = await runWhileAnotherJobTags(tag, {
      ...base,
      context: appWith(QUICK_RUNTIME),
      tags: tag,
      'test-command': "sh -c 'sleep 8; echo ok 1 - adds'"
    })
    expect(moved).toBe(true)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `::warning::${tag.replaceAll('.', '\\.')} named another image \\([0-9a-f]{12}\\) by the time of the push`
      )
    )
    // What the registry holds is the run's image (its config), not the one the tag was moved to.
    const pushed = await registryManifest(tag)
    const manifests = (pushed.manifest?.manifests as Array<{ digest: string }> | undefined) ?? null
    const image = manifests
      ? (await registryManifest(`${repo}@${manifests[0]!.digest}`)).manifest
      : pushed.manifest
    expect((image?.config as { digest?: string } | undefined)?.digest).toBe(run.outputs['image-id'])
    // And the tag names it again on the engine.
    expect(await imageIdOf(tag)).not.toBe(await imageIdOf('local/busybox:1'))
  })

  test("the tests fail: the run untags its runtime image, not the tag the other job's image now has", async () => {
    const repo = uniqueRepo('critical')
    const { run, moved } = await runWhileAnotherJobTags(`${repo}:2`, {
      ...base,
      context: appWith(QUICK_RUNTIME),
      tags: `${repo}:1\n${repo}:2`,
      'test-command': "sh -c 'sleep 8; echo not ok 1 - adds; exit 1'"
    })
    expect(moved).toBe(true)
    expect(run.outputs.failure).toBe('tests')
    expect(run.stdout).toContain(
      `its tags were removed (not ${repo}:2: another build on this engine tagged it meanwhile).`
    )
    expect((await runProcess(DOCKER, ['image', 'inspect', `${repo}:1`])).code).not.toBe(0)
    expect(await imageIdOf(`${repo}:2`)).toBe(await imageIdOf('local/busybox:1'))
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    expect((await registryManifest(`${repo}:2`)).status).toBe(404)
  })
})

/** Whether the test container the run named (`docker run --name stagegate-tests-…`) still exists. */
async function testContainerLeft(run: ActionRun): Promise<boolean> {
  const name = /docker run --name (stagegate-tests-\d+-\d+) /.exec(run.stdout)?.[1]
  expect(name).toBeDefined()
  return (await runProcess(DOCKER, ['container', 'inspect', name as string])).code === 0
}

describe('cancelling with both builds running', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s stops the tester and the runtime build; nothing is pushed',
    async signal => {
      const app = appWith(`FROM local/busybox:1 AS tester
RUN echo NONCE && echo TESTER-RUNNING && sleep 60

FROM local/busybox:1 AS runtime
RUN echo NONCE && sleep 60
`)
      const repo = uniqueRepo('critical')
      let signalledAt = 0
      const run = await runAction(
        { ...base, context: app, tags: `${repo}:1` },
        {
          onStdout: (stdout, child) => {
            // The tester's RUN is running, so is the runtime build (started first, log held back).
            if (signalledAt === 0 && /\d TESTER-RUNNING/.test(stdout)) {
              signalledAt = performance.now()
              child.kill(signal)
            }
          }
        }
      )
      expect(signalledAt).toBeGreaterThan(0)
      expect(performance.now() - signalledAt).toBeLessThan(10_000)
      expect(run.code).toBe(signal === 'SIGINT' ? 130 : 143)
      // Neither docker client outlives the run.
      expect(processesWith(app)).toEqual([])
      expect((await registryManifest(`${repo}:1`)).status).toBe(404)
    }
  )
})
