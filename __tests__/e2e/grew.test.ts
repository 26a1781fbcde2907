// "What grew" end to end: the bundled action against the real engine and registry, a fake GitHub
// API (the comment) and a fake Actions cache service (the baseline). A push on main records the
// baseline; pull requests add a 300 kB file, or write a 1 MB file and delete it in the next RUN
// step; the comment must name the files. A second push on main records the file summaries, so a
// later pull request is compared file by file.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, jest } from '@jest/globals'
import { commentMarker, contentOf } from '../../src/report/comment.js'
import type { WhatGrew } from '../../src/report/files/grew.js'
import { cacheServiceEnv, startCacheServer, type CacheServerState } from '../servers/cache-service.js'
import { gitHubApiEnv, startGitHubServer, type GitHubServerState } from '../servers/github-api.js'
import type { RunningServer } from '../servers/http.js'
import {
  type ActionRun,
  copyExample,
  describe,
  onPath,
  ROOT,
  runAction,
  runProcess,
  stackTraceLines,
  test,
  uniqueRepo
} from './harness.js'

jest.setTimeout(600_000)

const OWNER = 'acme'
const REPO = 'api'
const KEY = 'grew'
const HOSTILE_DIR = '<b>@octocat</b> #1 | **x**'

let github: RunningServer<GitHubServerState>
let cache: RunningServer<CacheServerState>
let runId = 500

beforeAll(async () => {
  github = await startGitHubServer({ owner: OWNER, repo: REPO })
  cache = await startCacheServer()
})

afterAll(async () => {
  await github.close()
  await cache.close()
})

type Event = { kind: 'push' } | { kind: 'pull_request'; number: number }

function runEnv(event: Event): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-grew-run-'))
  const eventPath = path.join(dir, 'event.json')
  const repository = { full_name: `${OWNER}/${REPO}`, default_branch: 'main' }
  const id = String(++runId)
  const sha = id.padStart(4, '0').padEnd(40, 'b')
  const ref = event.kind === 'push' ? 'refs/heads/main' : `refs/pull/${event.number}/merge`
  const payload =
    event.kind === 'push'
      ? { ref, after: sha, repository }
      : {
          action: 'synchronize',
          number: event.number,
          pull_request: {
            number: event.number,
            base: { ref: 'main', sha: '0'.repeat(40), repo: { full_name: `${OWNER}/${REPO}` } },
            head: { ref: 'feature', sha, repo: { full_name: `${OWNER}/${REPO}` } }
          },
          repository
        }
  writeFileSync(eventPath, JSON.stringify(payload))
  return {
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

async function run(app: string, event: Event, inputs: Record<string, string>): Promise<ActionRun> {
  const env = runEnv(event)
  const result = await runAction(
    {
      network: 'none',
      context: app,
      'comment-key': KEY,
      comment: 'always',
      'github-token': env.GITHUB_TOKEN ?? '',
      ...inputs
    },
    { env }
  )
  expect(stackTraceLines(result.stdout)).toEqual([])
  expect(result.stdout).not.toMatch(/could not be listed/)
  return result
}

/** The greeter app with extra runtime steps before `USER nobody`. */
function appWith(steps: string[], files: Record<string, Buffer> = {}): string {
  const app = copyExample('greeter')
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true })
    writeFileSync(path.join(app, name), bytes)
  }
  const file = path.join(app, 'Dockerfile')
  writeFileSync(file, readFileSync(file, 'utf8').replace('USER nobody', `${steps.join('\n')}\nUSER nobody`))
  return app
}

/** The report in the PR's comment, which must be the `report` output. */
function comment(number: number, report: string | undefined): string {
  const comments = github.state.commentsOn(number)
  expect(comments).toHaveLength(1)
  const body = contentOf(comments[0]?.body)
  expect(body).toBe(`${commentMarker(KEY)}\n${report}`)
  return body
}

const repo = uniqueRepo('grew')
const big = randomBytes(300_000)
// Both a data directory and one whose name is hostile markdown/HTML with a mention.
const copyData = [`COPY data/ /srv/data/`]
const dataFiles = (bigFile: Buffer, extra: Record<string, Buffer> = {}) => ({
  'data/big.bin': bigFile,
  [`data/${HOSTILE_DIR}/note.txt`]: Buffer.from('hello\n'),
  ...extra
})

describe('What grew', () => {
  test('main records the baseline; a PR that adds a 300 kB file names it, hostile paths escaped', async () => {
    const main = await run(copyExample('greeter'), { kind: 'push' }, { tags: `${repo}:main`, push: 'true' })
    expect(main.code).toBe(0)
    // Nothing to compare with: no layer is listed, and the report has no section.
    expect(main.outputs.report).not.toContain('What grew')

    const pr = await run(
      appWith(copyData, dataFiles(big)),
      { kind: 'pull_request', number: 21 },
      {
        tags: `${repo}:pr-21`,
        push: 'true'
      }
    )
    expect(pr.code).toBe(0)
    const report = comment(21, pr.outputs.report)
    expect(report).toMatch(
      /<details><summary>🔎 What grew: \+300 kB of files in 1 new or changed layer<\/summary>/
    )
    expect(report).toMatch(
      /\*\*Layer \d+\*\* <code>COPY data\/ \/srv\/data\/<\/code>, new layer: 2 files, 300 kB/
    )
    expect(report).toContain('| 🆕 | <code>/srv/data/big.bin</code> | — | 300 kB | +300 kB |')
    // The hostile directory: every markup character escaped, the mention and reference inert.
    expect(report).toContain(
      '<code>/srv/data/&lt;b&gt;@\u200boctocat&lt;/b&gt; \\#\u200b1 \\| \\*\\*x\\*\\*/note.txt</code>'
    )
    expect(report).not.toContain('<b>')
    expect(report).not.toContain('@octocat')
    // The job summary carries the same section.
    expect(pr.summary).toContain('| 🆕 | <code>/srv/data/big.bin</code> | — | 300 kB | +300 kB |')
  })

  test('a PR that writes a 1 MB file and deletes it in the next RUN step: still shipped', async () => {
    const pr = await run(
      appWith(['RUN head -c 1048576 /dev/urandom > /tmp/scratch.bin', 'RUN rm /tmp/scratch.bin']),
      { kind: 'pull_request', number: 22 },
      { tags: `${repo}:pr-22`, push: 'true' }
    )
    expect(pr.code).toBe(0)
    // BuildKit may write the COPY layer below afresh (a new diff ID): then it is listed too.
    const report = comment(22, pr.outputs.report)
    expect(report).toMatch(
      /🔎 What grew: \+1\.05 MB of files in [23] new or changed layers · ⚠️ 1 deleted file still shipped \(1\.05 MB\)/
    )
    const line =
      /- <code>\/tmp\/scratch\.bin<\/code> 1\.05 MB: written in layer (\d+), deleted in layer (\d+) \(<code>RUN rm \/tmp\/scratch\.bin<\/code>\): \*\*still shipped\*\*/.exec(
        report
      )
    expect(line).not.toBeNull()
    expect(Number(line![2])).toBe(Number(line![1]) + 1)
    expect(report).toMatch(
      new RegExp(
        `\\*\\*Layer ${line![2]}\\*\\* <code>RUN rm /tmp/scratch.bin</code>, new layer: 0 files, 0 B`
      )
    )
    expect(report).toContain('Deletes <code>/tmp/scratch.bin</code>.')
  })

  test('unpushed (measured from docker save, or the OCI layout): the same files, read locally', async () => {
    const pr = await run(
      appWith(['RUN head -c 1048576 /dev/urandom > /tmp/scratch.bin', 'RUN rm /tmp/scratch.bin']),
      { kind: 'pull_request', number: 24 },
      { tags: `${repo}:pr-24` }
    )
    expect(pr.code).toBe(0)
    expect(pr.stdout).toMatch(/Listed the files of [23] new or changed layer\(s\) in \d+ ms\./)
    const report = comment(24, pr.outputs.report)
    // The containerd store (engine 26) writes an OCI layout beside the loaded image in the same
    // build; on engine 20.10's classic store (classic and buildx-20 paths) docker save is streamed.
    expect(report).toMatch(onPath('buildx-26') ? /Measured from the OCI layout/ : /Measured from docker save/)
    expect(report).toMatch(
      /- <code>\/tmp\/scratch\.bin<\/code> 1\.05 MB: written in layer \d+, deleted in layer \d+ .*\*\*still shipped\*\*/
    )
    expect(report).toContain('| 🆕 | <code>/tmp/scratch.bin</code> | — | 1.05 MB | +1.05 MB |')
  })

  test('stagegate run --json carries the structured form in "grew"', async () => {
    const app = appWith(['RUN head -c 1048576 /dev/urandom > /tmp/scratch.bin', 'RUN rm /tmp/scratch.bin'])
    const cli = path.join(
      path.dirname(process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')),
      'cli/index.js'
    )
    const result = await runProcess(process.execPath, [
      cli,
      'run',
      '--context',
      app,
      '--network',
      'none',
      '--tags',
      `${repo}:cli`,
      '--baseline-ref',
      `${repo}:main`,
      '--quiet',
      '--json'
    ])
    expect(result.code).toBe(0)
    const outputs = JSON.parse(result.stdout) as { report: string; grew?: WhatGrew }
    expect(outputs.grew?.platform).toBe('linux/amd64')
    expect(outputs.grew?.stillShipped).toEqual([
      expect.objectContaining({
        path: '/tmp/scratch.bin',
        bytes: 1_048_576,
        deletedBy: 'RUN rm /tmp/scratch.bin'
      })
    ])
    const writer = outputs.grew?.layers.find(l => l.createdBy.startsWith('RUN head'))
    expect(writer).toMatchObject({ kind: 'added', files: 1, bytes: 1_048_576 })
    expect(writer?.changes[0]).toEqual({
      path: '/tmp/scratch.bin',
      kind: 'new',
      before: 0,
      after: 1_048_576,
      delta: 1_048_576
    })
    expect(outputs.report).toContain('still shipped')
  })

  test('once main records the file summaries, a PR is compared file by file', async () => {
    const main = await run(
      appWith(copyData, dataFiles(big)),
      { kind: 'push' },
      { tags: `${repo}:main`, push: 'true' }
    )
    expect(main.code).toBe(0)
    const pr = await run(
      appWith(
        copyData,
        dataFiles(Buffer.concat([big, randomBytes(100_000)]), { 'data/extra.bin': randomBytes(50_000) })
      ),
      { kind: 'pull_request', number: 23 },
      { tags: `${repo}:pr-23`, push: 'true' }
    )
    expect(pr.code).toBe(0)
    const report = comment(23, pr.outputs.report)
    expect(report).toMatch(
      /\*\*Layer \d+\*\* <code>COPY data\/ \/srv\/data\/<\/code>, changed layer: 3 files, 450 kB \(was 300 kB: \+150 kB\)/
    )
    expect(report).toContain('| 📈 | <code>/srv/data/big.bin</code> | 300 kB | 400 kB | +100 kB |')
    expect(report).toContain('| 🆕 | <code>/srv/data/extra.bin</code> | — | 50.0 kB | +50.0 kB |')
  })
})
