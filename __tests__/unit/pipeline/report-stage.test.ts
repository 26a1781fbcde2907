import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/errors.js'
import { readRunContext } from '../../../src/report/github.js'
import { parseReportInputs, type ReportInputs } from '../../../src/report/inputs.js'
import type { ImageMeasurement } from '../../../src/report/model.js'
import type { SizeDelta } from '../../../src/report/size.js'
import { commentKeyOf, reportOutputs } from '../../../src/report/stage.js'

const measurement = (disks: (number | null)[]): ImageMeasurement => ({
  image: 'ghcr.io/acme/api',
  target: 'runtime',
  tags: [],
  digest: null,
  platforms: disks.map((disk, i) => ({ platform: `linux/arch${i}`, compressed: 0, disk, layers: [] })),
  measuredAt: '2024-01-01T00:00:00.000Z',
  source: 'registry'
})

const outputs = (disks: (number | null)[], total: SizeDelta) =>
  reportOutputs({
    measurement: measurement(disks),
    comparison: { hasBaseline: total.baseline !== null, total, platforms: [] },
    markdown: '## Image size'
  })

describe('report outputs', () => {
  test.each<[string, (number | null)[], SizeDelta, Record<string, string>]>([
    [
      'no baseline: the delta outputs are empty',
      [300],
      { current: 120, baseline: null, deltaBytes: null, percent: null },
      {
        size: '300',
        'size-compressed': '120',
        'size-delta': '',
        'size-delta-percent': '',
        'baseline-size': ''
      }
    ],
    [
      'with a baseline',
      [300],
      { current: 120, baseline: 100, deltaBytes: 20, percent: 20 },
      {
        size: '300',
        'size-compressed': '120',
        'size-delta': '20',
        'size-delta-percent': '20.00',
        'baseline-size': '100'
      }
    ],
    [
      'smaller than the baseline, percent with two decimals',
      [300],
      { current: 200, baseline: 300, deltaBytes: -100, percent: (-100 / 300) * 100 },
      {
        size: '300',
        'size-compressed': '200',
        'size-delta': '-100',
        'size-delta-percent': '-33.33',
        'baseline-size': '300'
      }
    ],
    [
      'a baseline of zero bytes: a delta but no percent',
      [300],
      { current: 120, baseline: 0, deltaBytes: 120, percent: null },
      {
        size: '300',
        'size-compressed': '120',
        'size-delta': '120',
        'size-delta-percent': '',
        'baseline-size': '0'
      }
    ],
    [
      'disk sizes of all platforms add up',
      [300, 400],
      { current: 250, baseline: null, deltaBytes: null, percent: null },
      {
        size: '700',
        'size-compressed': '250',
        'size-delta': '',
        'size-delta-percent': '',
        'baseline-size': ''
      }
    ],
    [
      'one platform of unknown disk size: size is empty, not a partial sum',
      [300, null],
      { current: 250, baseline: null, deltaBytes: null, percent: null },
      { size: '', 'size-compressed': '250', 'size-delta': '', 'size-delta-percent': '', 'baseline-size': '' }
    ]
  ])('%s', (_name, disks, total, expected) => {
    expect(outputs(disks, total)).toEqual({ ...expected, report: '## Image size' })
  })
})

const reportInputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
  ...parseReportInputs(() => ''),
  ...over
})

describe('commentKeyOf', () => {
  test.each([
    ['', 'ghcr.io/acme/api', 'runtime', 'ghcr.io/acme/api:runtime'],
    ['', 'ghcr.io/acme/api', 'debug', 'ghcr.io/acme/api:debug'],
    ['api-arm', 'ghcr.io/acme/api', 'runtime', 'api-arm']
  ])('comment-key %p, image %p, target %p → %p', (commentKey, image, target, key) => {
    expect(commentKeyOf(reportInputs({ commentKey }), image, target)).toBe(key)
  })
})

describe('readRunContext', () => {
  const runner = {
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_RUN_ID: '42',
    GITHUB_SHA: 'mergesha',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: '/runner/event.json'
  }
  const files =
    (content: Record<string, string>) =>
    (file: string): string => {
      const text = content[file]
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' })
      return text
    }

  test('pull request: its number, the head commit, the base in the payload', () => {
    const payload = {
      pull_request: { number: 7, head: { sha: 'headsha' }, base: { ref: 'main' } },
      repository: { default_branch: 'main' }
    }
    const run = readRunContext(runner, files({ '/runner/event.json': JSON.stringify(payload) }))
    expect(run).toEqual({
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      sha: 'mergesha',
      owner: 'acme',
      repo: 'api',
      runId: '42',
      runAttempt: '1',
      payload,
      pullRequest: 7,
      defaultBranch: 'main',
      runUrl: 'https://github.com/acme/api/actions/runs/42',
      headSha: 'headsha'
    })
  })

  test('push: no pull request, the pushed commit, the default branch', () => {
    const env = {
      ...runner,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ATTEMPT: '2'
    }
    const payload = { ref: 'refs/heads/main', repository: { default_branch: 'trunk' } }
    expect(readRunContext(env, files({ '/runner/event.json': JSON.stringify(payload) }))).toMatchObject({
      eventName: 'push',
      pullRequest: null,
      headSha: 'mergesha',
      defaultBranch: 'trunk',
      runAttempt: '2'
    })
  })

  test.each([
    ['missing', {}],
    ['not JSON', { '/runner/event.json': '{"pull_request": ' }],
    ['empty', { '/runner/event.json': '' }],
    ['JSON null', { '/runner/event.json': 'null' }],
    ['a JSON array', { '/runner/event.json': '[1]' }],
    ['a JSON string', { '/runner/event.json': '"x"' }]
  ])('event file %s: an empty payload, no pull request', (_what, content) => {
    expect(readRunContext(runner, files(content))).toMatchObject({
      payload: {},
      pullRequest: null,
      defaultBranch: null,
      headSha: 'mergesha'
    })
  })

  test('no event file outside a runner: nothing is read', () => {
    const run = readRunContext({}, () => {
      throw new Error('read')
    })
    expect(run).toMatchObject({ payload: {}, pullRequest: null, runUrl: undefined, headSha: undefined })
  })

  test.each([
    [{ GITHUB_SERVER_URL: 'https://ghe.example.com' }, 'https://ghe.example.com/acme/api/actions/runs/42'],
    [{ GITHUB_SERVER_URL: '' }, 'https://github.com/acme/api/actions/runs/42'],
    [{ GITHUB_RUN_ID: '' }, undefined],
    [{ GITHUB_REPOSITORY: '' }, undefined]
  ])('run link with %j: %p', (over, url) => {
    expect(readRunContext({ ...runner, GITHUB_EVENT_PATH: '', ...over }).runUrl).toBe(url)
  })

  test.each([
    [{ pull_request: { number: '7', head: { sha: 7 } } }, null, 'mergesha'],
    [{ pull_request: {} }, null, 'mergesha']
  ])('odd payload %j: pull request %p, head %p', (payload, pr, head) => {
    const run = readRunContext(runner, files({ '/runner/event.json': JSON.stringify(payload) }))
    expect([run.pullRequest, run.headSha]).toEqual([pr, head])
  })
})

describe('parseReportInputs', () => {
  const parse = (values: Record<string, string>) => parseReportInputs(name => values[name] ?? '')

  test('defaults: comment auto, no budgets, no baseline overrides', () => {
    expect(parse({})).toEqual({
      comment: 'auto',
      commentKey: '',
      commentAuthor: '',
      githubToken: '',
      baselineBranches: [],
      baselineRef: '',
      maxSize: null,
      maxIncrease: null
    })
  })

  test.each([
    ['auto', 'auto'],
    ['always', 'always'],
    ['never', 'never'],
    ['on-change', 'on-change'],
    ['ALWAYS', 'always'],
    [' On-Change ', 'on-change'],
    ['  ', 'auto']
  ])('comment %p → %p', (raw, mode) => expect(parse({ comment: raw }).comment).toBe(mode))

  test('an unknown comment mode lists the valid ones', () => {
    expect(() => parse({ comment: ' sometimes ' })).toThrow(
      new UserError('Input "comment" must be one of auto, always, never, on-change; got "sometimes".')
    )
  })

  test.each([
    [{ 'max-size': '150MB' }, { maxSize: 150_000_000 }],
    [{ 'max-size': ' 1 GiB ' }, { maxSize: 1024 ** 3 }],
    [{ 'max-size': '157286400' }, { maxSize: 157_286_400 }],
    [{ 'max-increase': '10%' }, { maxIncrease: { kind: 'percent', value: 10 } }],
    [{ 'max-increase': '5MB' }, { maxIncrease: { kind: 'bytes', value: 5_000_000 } }],
    [{ 'baseline-branches': 'main, release/*\ndev' }, { baselineBranches: ['main', 'release/*', 'dev'] }],
    [
      { 'github-token': ' ghs_x \n', 'comment-key': ' api ' },
      { githubToken: 'ghs_x', commentKey: 'api' }
    ]
  ])('%j → %j', (values, expected) => expect(parse(values)).toMatchObject(expected))

  test.each([
    ['max-size', 'big'],
    ['max-size', '10%'],
    ['max-increase', 'lots']
  ])('invalid %s %p: the message names the input', (name, value) => {
    expect(() => parse({ [name]: value })).toThrow(UserError)
    expect(() => parse({ [name]: value })).toThrow(new RegExp(`^${name}: "${value}" is `))
  })
})
