// The Dockerfile check in a run (issue 11 §4), end to end: the bundled action on the real engine,
// a fake Actions cache (the baseline with its findings) and a fake GitHub API (the comment).
// warn: annotations at the findings' lines and a report section, new findings first against the
// base branch's; error: the run stops before any build; off: nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, jest } from '@jest/globals'
import { contentOf } from '../../src/report/comment.js'
import { testerTagFor } from '../../src/image-name.js'
import { cacheServiceEnv, startCacheServer, type CacheServerState } from '../servers/cache-service.js'
import { gitHubApiEnv, startGitHubServer, type GitHubServerState } from '../servers/github-api.js'
import type { RunningServer } from '../servers/http.js'
import {
  type ActionRun,
  annotations,
  copyExample,
  describe,
  DOCKER,
  ROOT,
  runAction,
  runProcess,
  stackTraceLines,
  test,
  uniqueRepo
} from './harness.js'

jest.setTimeout(300_000)

const OWNER = 'acme'
const REPO = 'api'

let github: RunningServer<GitHubServerState>
let cache: RunningServer<CacheServerState>
let runId = 500

beforeAll(async () => {
  github = await startGitHubServer({ owner: OWNER, repo: REPO })
  cache = await startCacheServer()
})

afterAll(async () => {
  await github?.close()
  await cache?.close()
})

/** The greeter example with lines added before `USER nobody` in its runtime stage. */
function greeterWith(...lines: string[]): { app: string; lineOf: (text: string) => number } {
  const app = copyExample('greeter')
  const file = path.join(app, 'Dockerfile')
  const text = readFileSync(file, 'utf8').replace('USER nobody', `${lines.join('\n')}\nUSER nobody`)
  writeFileSync(file, text)
  return { app, lineOf: (needle: string) => text.split('\n').findIndex(l => l === needle) + 1 }
}

/** The runner's environment for a push on main or a pull request, with the fake services. */
function eventEnv(event: { push: string } | { pr: number }): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-check-run-'))
  const id = String(++runId)
  const repository = { full_name: `${OWNER}/${REPO}`, default_branch: 'main' }
  const pr = 'pr' in event
  const payload = pr
    ? {
        number: event.pr,
        pull_request: {
          number: event.pr,
          base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
          head: { ref: 'feature', sha: 'c4ec4'.padEnd(40, '0'), repo: { full_name: `${OWNER}/${REPO}` } }
        },
        repository
      }
    : { ref: `refs/heads/${event.push}`, repository }
  const eventPath = path.join(dir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: pr ? 'pull_request' : 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: pr ? `refs/pull/${event.pr}/merge` : `refs/heads/${event.push}`,
    GITHUB_SHA: id.padEnd(40, 'a'),
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_RUN_ID: id,
    GITHUB_RUN_ATTEMPT: '1',
    ...gitHubApiEnv(github.url),
    ...cacheServiceEnv(cache.url, dir)
  }
}

/** `::warning` / `::error` annotations with their properties, as the runner reads them. */
function findingAnnotations(run: ActionRun, level: 'warning' | 'error') {
  const decode = (v: string) =>
    v
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%0A/g, '\n')
      .replace(/%0D/g, '\r')
      .replace(/%25/g, '%')
  return run.stdout
    .split('\n')
    .map(l => new RegExp(`^::${level} ([^:]*)::(.*)$`).exec(l))
    .filter(m => m !== null)
    .map(m => ({
      ...(Object.fromEntries(
        (m[1] ?? '').split(',').map(p => [p.slice(0, p.indexOf('=')), decode(p.slice(p.indexOf('=') + 1))])
      ) as { title?: string; file?: string; line?: string; endLine?: string }),
      message: decode(m[2] ?? '')
    }))
    .filter(a => a.title !== undefined && !a.title.startsWith('stagegate'))
}

const UNDEFINED_HOME = 'LABEL org.example.home=$HOMEPAGE'
const UNDEFINED_TEAM = 'LABEL org.example.team=$TEAM'
const SECTION = /<details><summary>Dockerfile: (\d+) findings? ?(\([^)]*\))?<\/summary>/

describe('check: warn (the default)', () => {
  const repo = uniqueRepo('checked')
  let baseLine = 0

  test('a push on main: the finding annotated at its line, the section in the summary, findings recorded', async () => {
    const { app, lineOf } = greeterWith(UNDEFINED_HOME)
    const run = await runAction(
      { network: 'none', context: app, tags: `${repo}:main`, 'comment-key': 'check' },
      { env: eventEnv({ push: 'main' }) }
    )
    expect(run.code).toBe(0)
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
    baseLine = lineOf(UNDEFINED_HOME)
    const line = String(baseLine)
    expect(findingAnnotations(run, 'warning')).toEqual([
      {
        title: 'UndefinedVar',
        file: path.relative(ROOT, path.join(app, 'Dockerfile')),
        line,
        endLine: line,
        message:
          "Usage of undefined variable '$HOMEPAGE' (UndefinedVar)\nhttps://docs.docker.com/go/dockerfile/rule/undefined-var/"
      }
    ])
    expect(findingAnnotations(run, 'error')).toEqual([])
    // The check ran before the first build.
    expect(run.stdout.indexOf('Dockerfile check: 1 finding (check: warn).')).toBeGreaterThan(-1)
    expect(run.stdout.indexOf('Dockerfile check:')).toBeLessThan(run.stdout.indexOf('Builder:'))
    // The first record has nothing to compare with: the section lists, calls nothing new.
    expect(run.summary).toMatch(/<details><summary>Dockerfile: 1 finding<\/summary>/)
    expect(run.summary).toContain(
      `- [UndefinedVar](https://docs.docker.com/go/dockerfile/rule/undefined-var/) <code>`
    )
    expect(run.summary).toContain(`Dockerfile:${line}</code>: Usage of undefined variable '\\$HOMEPAGE'`)
    expect(run.outputs.report).toMatch(SECTION)
    const entries = cache.state.entries.filter(e => e.finalized)
    expect(entries).toHaveLength(1)
  })

  test('a pull request that adds a finding: it is new and listed first; the base one is not new; the comment has it', async () => {
    // The new finding goes above the old one, which moves down a line: matched by line, the old
    // one would pass for new.
    const { app, lineOf } = greeterWith(UNDEFINED_TEAM, UNDEFINED_HOME)
    const run = await runAction(
      {
        network: 'none',
        context: app,
        tags: `${repo}:pr`,
        'comment-key': 'check',
        comment: 'always',
        'github-token': 'ghs_installation'
      },
      { env: eventEnv({ pr: 21 }) }
    )
    expect(run.code).toBe(0)
    const warnings = findingAnnotations(run, 'warning')
    expect(warnings.map(w => [w.title, w.line])).toEqual([
      ['UndefinedVar', String(lineOf(UNDEFINED_TEAM))],
      ['UndefinedVar', String(lineOf(UNDEFINED_HOME))]
    ])
    expect(lineOf(UNDEFINED_HOME)).toBe(baseLine + 1)
    const report = run.outputs.report ?? ''
    expect(report).toContain('<details><summary>Dockerfile: 2 findings (1 new)</summary>')
    expect(report).toContain('🆕 marks the findings this change introduces against <code>main</code>.')
    const rows = report.split('\n').filter(l => l.startsWith('- ') && l.includes('UndefinedVar'))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain(`Dockerfile:${lineOf(UNDEFINED_TEAM)}</code>`)
    expect(rows[0]).toMatch(
      /^- 🆕 \[UndefinedVar\]\(.*\) <code>.*Dockerfile:\d+<\/code>: Usage of undefined variable '\\\$TEAM'$/
    )
    expect(rows[1]).toMatch(
      /^- \[UndefinedVar\]\(.*\) <code>.*Dockerfile:\d+<\/code>: Usage of undefined variable '\\\$HOMEPAGE'$/
    )
    expect(run.summary).toContain('<details><summary>Dockerfile: 2 findings (1 new)</summary>')
    const comments = github.state.commentsOn(21)
    expect(comments).toHaveLength(1)
    expect(contentOf(comments[0]?.body)).toContain(
      '<details><summary>Dockerfile: 2 findings (1 new)</summary>'
    )
    // A pull request records no baseline.
    expect(cache.state.entries.filter(e => e.finalized)).toHaveLength(1)
  })
})

describe('check: error', () => {
  test('a finding stops the run before any build: no builder, no tester image; the findings everywhere', async () => {
    const repo = uniqueRepo('checked')
    const { app, lineOf } = greeterWith(UNDEFINED_HOME)
    const run = await runAction(
      {
        network: 'none',
        context: app,
        tags: `${repo}:pr`,
        push: 'true',
        check: 'error',
        'comment-key': 'check-error',
        'github-token': 'ghs_installation'
      },
      { env: eventEnv({ pr: 22 }) }
    )
    expect(run.code).toBe(1)
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
    expect(run.outputs.failure).toBe('build')
    expect(run.outputs['test-outcome']).toBe('error')
    expect(run.outputs.digest).toBe('')
    // Nothing was built: the builder was never even looked at, and there is no tester image.
    expect(run.stdout).not.toContain('Builder:')
    expect(JSON.parse(run.outputs['run-metadata'] ?? '{}').builds).toEqual([])
    const inspect = await runProcess(DOCKER, ['image', 'inspect', testerTagFor(repo)])
    expect(inspect.code).not.toBe(0)
    // The finding is an error at its line; the run's error says why it stopped.
    const line = String(lineOf(UNDEFINED_HOME))
    expect(findingAnnotations(run, 'error').map(a => [a.title, a.line, a.endLine])).toEqual([
      ['UndefinedVar', line, line]
    ])
    expect(findingAnnotations(run, 'warning')).toEqual([])
    const stopped = annotations(run).filter(a => a.title === 'stagegate: build failed')
    expect(stopped).toHaveLength(1)
    expect(stopped[0]?.message).toMatch(
      new RegExp(
        `^The Dockerfile check found 1 problem, so nothing was built \\(check: error\\)\\. Fix it .*: .*Dockerfile:${line} UndefinedVar: Usage of undefined variable '\\$HOMEPAGE'\\.$`
      )
    )
    for (const text of [run.summary, run.outputs.report ?? '']) {
      expect(text).toContain('### ❌ Build failed')
      expect(text).toContain('Tests did not run: the Dockerfile check failed')
      expect(text).toContain('<details><summary>Dockerfile: 1 finding</summary>')
    }
    const comments = github.state.commentsOn(22)
    expect(comments).toHaveLength(1)
    expect(contentOf(comments[0]?.body)).toContain('### ❌ Build failed')
  })

  test('no finding: the run builds as usual', async () => {
    const run = await runAction({ network: 'none', context: copyExample('greeter'), check: 'error' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Dockerfile check: 0 findings (check: error).')
    expect(run.summary).not.toMatch(SECTION)
  })
})

describe('check: off', () => {
  test('no annotation, no section', async () => {
    const { app } = greeterWith(UNDEFINED_HOME)
    const run = await runAction({ network: 'none', context: app, check: 'off' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Dockerfile check: off.')
    expect(findingAnnotations(run, 'warning')).toEqual([])
    expect(findingAnnotations(run, 'error')).toEqual([])
    expect(run.stdout).not.toContain('UndefinedVar')
    expect(run.summary).not.toMatch(SECTION)
  })

  test('a bad value names the input and the allowed values, before anything runs', async () => {
    const run = await runAction({ network: 'none', context: copyExample('greeter'), check: 'strict' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::Input "check" must be one of warn, error, off; got "strict".')
    expect(run.stdout).not.toContain('Builder:')
  })
})
