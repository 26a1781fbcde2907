// The size report end to end: the bundled action against the real engine and registry, a fake
// GitHub API (the sticky comment) and a fake Actions cache service (the baseline), as a user's
// workflow would run it: a push on main records the baseline, pull requests compare with it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, jest } from '@jest/globals'
import { commentMarker, contentOf } from '../../src/report/comment.js'
import { cacheServiceEnv, startCacheServer, type CacheServerState } from '../servers/cache-service.js'
import { gitHubApiEnv, startGitHubServer, type GitHubServerState } from '../servers/github-api.js'
import type { RunningServer } from '../servers/http.js'
import {
  type ActionRun,
  copyExample,
  describe,
  onPath,
  registryManifest,
  runAction,
  stackTraceLines,
  test,
  uniqueRepo
} from './harness.js'

jest.setTimeout(300_000)

const OWNER = 'acme'
const REPO = 'api'
const COMMENT_KEY = 'greeter-report'
const MARKER = commentMarker(COMMENT_KEY)
/** Random bytes do not compress: the runtime layer grows the compressed image by about this much. */
const GROWTH = 300_000

let github: RunningServer<GitHubServerState>
let cache: RunningServer<CacheServerState>
let runId = 100

beforeAll(async () => {
  github = await startGitHubServer({ owner: OWNER, repo: REPO })
  cache = await startCacheServer()
})

afterAll(async () => {
  await github.close()
  await cache.close()
})

type Event =
  | { kind: 'push'; branch: string }
  | { kind: 'pull_request'; number: number; base: string; headSha: string; fork?: boolean }

/** The runner's view of one workflow run: event file and GITHUB_* variables, fake services wired in. */
function runEnv(event: Event): { env: Record<string, string>; runId: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-report-run-'))
  const eventPath = path.join(dir, 'event.json')
  const repository = { full_name: `${OWNER}/${REPO}`, default_branch: 'main' }
  const id = String(++runId)
  let payload: Record<string, unknown>
  let ref: string
  let sha: string
  if (event.kind === 'push') {
    sha = `${id.padStart(4, '0')}`.padEnd(40, 'a')
    ref = `refs/heads/${event.branch}`
    payload = { ref, after: sha, repository }
  } else {
    sha = `${id.padStart(4, '0')}`.padEnd(40, 'e')
    ref = `refs/pull/${event.number}/merge`
    payload = {
      action: 'synchronize',
      number: event.number,
      pull_request: {
        number: event.number,
        base: { ref: event.base, sha: '0'.repeat(40), repo: { full_name: `${OWNER}/${REPO}` } },
        head: {
          ref: 'feature',
          sha: event.headSha,
          repo: { full_name: event.fork ? `contributor/${REPO}` : `${OWNER}/${REPO}` }
        }
      },
      repository
    }
  }
  writeFileSync(eventPath, JSON.stringify(payload))
  return {
    runId: id,
    env: {
      GITHUB_EVENT_NAME: event.kind,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: ref,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: id,
      GITHUB_RUN_ATTEMPT: '1',
      ...gitHubApiEnv(github.url),
      ...cacheServiceEnv(cache.url, dir)
    }
  }
}

async function runReport(
  app: string,
  event: Event,
  inputs: Record<string, string>
): Promise<ActionRun & { runId: string }> {
  const { env, runId: id } = runEnv(event)
  const run = await runAction(
    {
      network: 'none',
      context: app,
      'comment-key': COMMENT_KEY,
      'github-token': env.GITHUB_TOKEN ?? '',
      ...inputs
    },
    { env }
  )
  return { ...run, runId: id }
}

/** Make the runtime image grow by GROWTH bytes of random data (one new layer). */
function growRuntime(app: string): void {
  const file = path.join(app, 'Dockerfile')
  const text = readFileSync(file, 'utf8')
  writeFileSync(file, text.replace('USER nobody', `RUN head -c ${GROWTH} /dev/urandom > /blob\nUSER nobody`))
}

/**
 * The compressed size of a pushed image as the registry itself states it: the sizes of the
 * layer blobs plus the config blob, of the one platform manifest (an index's attestation
 * entries are not part of the image).
 */
async function registrySize(ref: string): Promise<number> {
  const top = await registryManifest(ref)
  if (top.status !== 200 || !top.manifest) throw new Error(`${ref}: HTTP ${top.status}`)
  let manifest = top.manifest as {
    manifests?: Array<{ digest: string; platform?: { os?: string } }>
    layers?: Array<{ size: number }>
    config?: { size: number }
  }
  if (manifest.manifests) {
    const images = manifest.manifests.filter(m => m.platform?.os !== 'unknown')
    expect(images).toHaveLength(1)
    const tagless = ref.slice(0, ref.lastIndexOf(':'))
    const child = await registryManifest(`${tagless}@${images[0]?.digest ?? ''}`)
    manifest = child.manifest as typeof manifest
  }
  return (manifest.layers ?? []).reduce((sum, l) => sum + l.size, 0) + (manifest.config?.size ?? 0)
}

/**
 * The runs here have the runner's cache variables, so `cache: auto` picks gha. buildx on engine
 * 20.10 (docker driver, classic store) cannot export it, and the docker-container builder
 * stagegate then makes cannot start here (privileged containers cannot run, and its BuildKit
 * image cannot be pulled): one warning that says so, then the build goes on with the current
 * builder.
 */
function expectedWarnings(): Array<ReturnType<typeof expect.stringMatching>> {
  if (onPath('buildx-20'))
    return [
      expect.stringMatching(
        /^::warning::The docker-container builder "stagegate" could not start \(.+\), so it was removed; building with the current builder, without cache export\.$/
      )
    ]
  // buildx 0.13 on engine 26 could export gha cache, but speaks only the retired protocol v1:
  // no cache, said once, instead of flags that silently store nothing.
  if (onPath('buildx-26'))
    return [
      expect.stringMatching(
        /^::warning::No build cache: buildx \S+ speaks only the retired cache protocol v1, .*buildx 0\.21\.0 or newer is needed/
      )
    ]
  return []
}

function warnings(run: ActionRun): string[] {
  return run.stdout.split('\n').filter(l => l.startsWith('::warning'))
}
/** `::error` lines with their message decoded as the runner shows it (`%25` is `%`). */
function errors(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter(l => l.startsWith('::error'))
    .map(l => l.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}

// One app and image repository for the whole file: a push on main records its baseline, the pull
// requests below build the grown app and compare with it.
const app = copyExample('greeter')
const repo = uniqueRepo('greeter')
let mainRun: ActionRun
const grown = copyExample('greeter')
growRuntime(grown)

describe('baseline on the default branch, comparison on the pull request', () => {
  test('a push on main records a baseline; the PR reports the registry-measured growth and the new layer', async () => {
    mainRun = await runReport(app, { kind: 'push', branch: 'main' }, { tags: `${repo}:main`, push: 'true' })
    expect(mainRun.code).toBe(0)
    expect(stackTraceLines(mainRun.stdout)).toEqual([])
    expect(warnings(mainRun)).toEqual(expectedWarnings())
    // No comment outside a pull request; the baseline is in the cache service.
    expect([...github.state.comments.values()].flat()).toEqual([])
    const entries = cache.state.entries.filter(e => e.finalized)
    expect(entries).toHaveLength(1)
    expect(entries[0]?.key).toMatch(/^stagegate-baseline-v1-[0-9a-f]{16}-main~\d+-1$/)
    expect(mainRun.outputs['baseline-size']).toBe('')
    const mainSize = await registrySize(`${repo}:main`)
    expect(mainRun.outputs['size-compressed']).toBe(String(mainSize))

    const pr = await runReport(
      grown,
      { kind: 'pull_request', number: 7, base: 'main', headSha: 'c0ffee'.padEnd(40, '0') },
      { tags: `${repo}:pr-7`, push: 'true' }
    )
    expect(pr.code).toBe(0)
    expect(warnings(pr)).toEqual(expectedWarnings())
    // A pull request never records a baseline.
    expect(cache.state.entries).toHaveLength(1)
    const prSize = await registrySize(`${repo}:pr-7`)
    const delta = prSize - mainSize
    expect(delta).toBeGreaterThan(GROWTH)
    expect(delta).toBeLessThan(GROWTH + 10_000)
    expect(pr.outputs['baseline-size']).toBe(String(mainSize))
    expect(pr.outputs['size-compressed']).toBe(String(prSize))
    expect(pr.outputs['size-delta']).toBe(String(delta))
    expect(pr.outputs['size-delta-percent']).toBe(((delta / mainSize) * 100).toFixed(2))

    // The headline states the growth against main; the layer table names the one new layer.
    const report = pr.outputs.report ?? ''
    const percent = ((delta / mainSize) * 100).toFixed(1)
    expect(report).toMatch(
      new RegExp(`\\*\\*\\+30\\d kB \\(\\+${percent.replace('.', '\\.')}%\\)\\*\\* against <code>main</code>`)
    )
    // BuildKit may write the COPY layer below the new RUN afresh (a new diff ID, one byte more):
    // then it is honestly "changed". The one new layer and nothing removed hold either way.
    expect(report).toMatch(/1 new, [01] changed, 0 removed/)
    expect(report).toMatch(
      /\| 🆕 new \| <code>RUN head -c 300000 \/dev\/urandom &gt; \/blob<\/code> \| 300 kB \| \+300 kB \|/
    )
    expect(report).toContain('commit c0ffee0')
    expect(report).toContain(`/actions/runs/${pr.runId}`)
    expect(pr.summary).toMatch(/1 new, [01] changed, 0 removed/)
    // The same report is the PR comment (behind its marker), written once by the Actions bot.
    const comments = github.state.commentsOn(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.user.login).toBe('github-actions[bot]')
    expect(contentOf(comments[0]?.body)).toBe(`${MARKER}\n${report}`)
  })
})

describe('the sticky comment', () => {
  test('two runs on one PR leave one comment, created then updated; a copied marker is left alone', async () => {
    const spoof = github.state.seed({
      issueNumber: 8,
      login: 'mallory',
      body: `${MARKER}\nLooks like a stagegate report, but I wrote it.`
    })
    const spoofBefore = { ...spoof }
    const requestsBefore = github.state.requests.length
    const first = await runReport(
      grown,
      { kind: 'pull_request', number: 8, base: 'main', headSha: 'a1'.padEnd(40, '1') },
      { tags: `${repo}:pr-8`, push: 'true' }
    )
    expect(first.code).toBe(0)
    const second = await runReport(
      grown,
      { kind: 'pull_request', number: 8, base: 'main', headSha: 'b2'.padEnd(40, '2') },
      { tags: `${repo}:pr-8`, push: 'true' }
    )
    expect(second.code).toBe(0)

    const comments = github.state.commentsOn(8)
    const ours = comments.filter(c => c.user.login === 'github-actions[bot]')
    expect(ours).toHaveLength(1)
    expect(comments.filter(c => c.body.includes(MARKER))).toHaveLength(2)
    const comment = ours[0]
    expect(contentOf(comment?.body)).toBe(`${MARKER}\n${second.outputs.report}`)
    expect(comment?.body).toContain(`/actions/runs/${second.runId}`)
    expect(comment?.body).not.toContain(`/actions/runs/${first.runId}`)
    expect(comment?.body).toContain('b22222')
    expect(comment?.updated_at).not.toBe(comment?.created_at)
    // Created by the first run, edited in place by the second.
    const writes = github.state.requests
      .slice(requestsBefore)
      .filter(r => r.method === 'POST' || r.method === 'PATCH')
      .map(r => `${r.method} ${r.path}`)
    expect(writes).toEqual([
      `POST /repos/${OWNER}/${REPO}/issues/8/comments`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${comment?.id}`
    ])
    // The other user's comment is untouched.
    expect(comments.find(c => c.id === spoof.id)).toEqual(spoofBefore)
  })

  test('a read-only token (fork PR): the step passes, warns, and the report is in the summary and output', async () => {
    github.state.writes = 'forbidden'
    try {
      const run = await runReport(
        grown,
        { kind: 'pull_request', number: 9, base: 'main', headSha: 'f0'.padEnd(40, 'f'), fork: true },
        { tags: `${repo}:pr-9` }
      )
      expect(run.code).toBe(0)
      expect(stackTraceLines(run.stdout)).toEqual([])
      const warning = warnings(run).find(w => w.includes('pull request comment'))
      expect(warning).toBeDefined()
      expect(warning).toContain('Resource not accessible by integration')
      expect(warning).toContain('comes from a fork, whose token is read-only')
      expect(warning).toContain('job summary')
      expect(warning).toContain('"report" output')
      expect(errors(run)).toEqual([])
      expect(github.state.commentsOn(9)).toEqual([])
      const report = run.outputs.report ?? ''
      // Not pushed (a fork has no registry login): measured locally, the new layer still shows.
      const newLayer = /\| 🆕 new \| <code>RUN head -c 300000 \/dev\/urandom &gt; \/blob<\/code> \|/
      expect(report).toMatch(newLayer)
      expect(run.summary).toMatch(newLayer)
      expect(run.outputs['baseline-size']).toBe(mainRun.outputs['size-compressed'])
    } finally {
      github.state.writes = 'ok'
    }
  })
  test('a 403 on a pull request from the same repository names the missing permission, not a fork', async () => {
    github.state.writes = 'forbidden'
    try {
      const run = await runReport(
        grown,
        { kind: 'pull_request', number: 13, base: 'main', headSha: 'f1'.padEnd(40, 'f') },
        { tags: `${repo}:pr-13` }
      )
      expect(run.code).toBe(0)
      const warning = warnings(run).find(w => w.includes('pull request comment'))
      expect(warning).toContain('permissions: pull-requests: write')
      expect(warning).not.toContain('fork')
      expect(run.outputs.report).toContain('RUN head -c 300000')
    } finally {
      github.state.writes = 'ok'
    }
  })
})

let unchangedRun: ActionRun | undefined

describe('budgets', () => {
  test('max-size: the run fails after the report is written, with the reason in report and log', async () => {
    const run = await runReport(
      app,
      { kind: 'pull_request', number: 10, base: 'main', headSha: 'd0'.padEnd(40, 'd') },
      { tags: `${repo}:pr-10`, 'max-size': '1kB' }
    )
    unchangedRun = run
    expect(run.code).toBe(1)
    expect(stackTraceLines(run.stdout)).toEqual([])
    const error = errors(run)
    expect(error).toHaveLength(1)
    expect(error[0]).toMatch(/::Size budget exceeded: image is 1\.\d\d MB, over max-size 1\.00 kB\.$/)
    const report = run.outputs.report ?? ''
    expect(report).toContain('**Size budget exceeded**')
    expect(report).toMatch(/> - image is 1\.\d\d MB, over max-size 1\.00 kB/)
    expect(run.summary).toMatch(/> - image is 1\.\d\d MB, over max-size 1\.00 kB/)
    // The comment shows the same report, including why the run failed.
    expect(contentOf(github.state.commentsOn(10)[0]?.body)).toBe(`${MARKER}\n${report}`)
    // Written before the error: the log shows the comment, then the error.
    const commented = run.stdout.indexOf('Pull request comment created')
    expect(commented).toBeGreaterThan(-1)
    expect(run.stdout.indexOf('::error')).toBeGreaterThan(commented)
  })

  // The PR image above is main's image unchanged (same image ID), but unpushed on the classic
  // builder it is measured by `docker save | gzip`, while main's baseline holds the registry's
  // blob sizes. Layers are matched by their uncompressed digest, so it shows no change.
  test('an unchanged image measured locally shows no change against a registry baseline', () => {
    expect(unchangedRun?.outputs['image-id']).toBe(mainRun.outputs['image-id'])
    expect(unchangedRun?.outputs['size-delta']).toBe('0')
    expect(unchangedRun?.outputs.report).not.toContain('changed |')
  })

  test('max-increase: growth beyond 1% of the baseline fails the run with the growth as reason', async () => {
    const run = await runReport(
      grown,
      { kind: 'pull_request', number: 11, base: 'main', headSha: 'e1'.padEnd(40, '1') },
      { tags: `${repo}:pr-11`, 'max-increase': '1%' }
    )
    expect(run.code).toBe(1)
    const error = errors(run)
    expect(error).toHaveLength(1)
    expect(error[0]).toMatch(
      /::Size budget exceeded: image grew by \d+ kB \(\+\d+\.\d%\), over max-increase 1%\.$/
    )
    expect(run.outputs['baseline-size']).toBe(mainRun.outputs['size-compressed'])
    expect(Number(run.outputs['size-delta'])).toBeGreaterThan(
      Number(mainRun.outputs['size-compressed']) / 100
    )
    const report = run.outputs.report ?? ''
    expect(report).toContain('**Size budget exceeded**')
    expect(report).toMatch(/> - image grew by \d+ kB \(\+\d+\.\d%\), over max-increase 1%/)
    expect(run.summary).toMatch(/> - image grew by \d+ kB \(\+\d+\.\d%\), over max-increase 1%/)
    expect(contentOf(github.state.commentsOn(11)[0]?.body)).toBe(`${MARKER}\n${report}`)
  })

  test('a push that a budget rejects never reaches the registry; the report is written', async () => {
    const tag = `${repo}:over-budget`
    const run = await runReport(
      grown,
      { kind: 'pull_request', number: 12, base: 'main', headSha: 'e2'.padEnd(40, '2') },
      { tags: tag, push: 'true', 'max-increase': '1%' }
    )
    expect(run.code).toBe(1)
    expect(run.outputs.failure).toBe('budget')
    expect(run.outputs['test-outcome']).toBe('passed')
    expect((await registryManifest(tag)).status).toBe(404)
    expect(run.outputs.digest).toBe('')
    const error = errors(run)
    expect(error).toHaveLength(1)
    expect(error[0]).toMatch(/over max-increase 1%\. Nothing was pushed\.$/)
    expect(run.outputs.report).toContain('**Size budget exceeded**')
    expect(run.summary).toContain('Nothing was pushed: a size budget rejected the image.')
  })
})

describe('failing tests on a pull request', () => {
  test('the PR comment shows the failing step and its output; nothing is pushed', async () => {
    // PR 7 already has the size report of a passing run: the failure replaces it in place.
    const before = github.state.commentsOn(7).map(c => c.id)
    expect(before).toHaveLength(1)
    const tag = `${repo}:pr-7-bye`
    const run = await runReport(
      app,
      { kind: 'pull_request', number: 7, base: 'main', headSha: 'ba'.padEnd(40, 'd') },
      { tags: tag, push: 'true', 'build-args': 'GREETING=Bye' }
    )
    expect(run.code).toBe(1)
    expect(stackTraceLines(run.stdout)).toEqual([])
    expect(run.outputs['test-outcome']).toBe('failed')
    expect((await registryManifest(tag)).status).toBe(404)
    const comments = github.state.commentsOn(7)
    expect(comments.map(c => c.id)).toEqual(before)
    const body = comments[0]?.body ?? ''
    expect(body).toContain(MARKER)
    expect(body).toMatch(/FAIL greets_the_world: expected 'Hello, world!', got 'Bye, world!'/)
    expect(body).toContain('test/run.sh')
    expect(contentOf(body)).toBe(`${MARKER}\n${run.outputs.report}`)
    // Which image failed, at which commit, and a link to the run with the whole log.
    expect(body).toContain(
      `<sub><code>${repo}</code> (runtime) · ${COMMENT_KEY} · commit baddddd · [workflow run](https://github.com/${OWNER}/${REPO}/actions/runs/${run.runId})</sub>`
    )
    expect(run.summary).toContain('FAIL greets_the_world')
    // No measurement of an image that was never built, and no baseline from a PR.
    expect(run.outputs['size-compressed'] ?? '').toBe('')
    expect(cache.state.entries).toHaveLength(1)
  })
})
