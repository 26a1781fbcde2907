import { describe, expect, test } from '@jest/globals'
import type { Annotation, Host } from '../../../src/host.js'
import { redact, redactingHost } from '../../../src/redact.js'

describe('redact', () => {
  test.each([
    ['token s3cr3t here', ['s3cr3t'], 'token *** here'],
    ['s3cr3ts3cr3t', ['s3cr3t'], '******'],
    ['pass=abcdef', ['abc', 'abcdef'], 'pass=***'],
    ['pass=abcdef', ['abcdef', 'abc'], 'pass=***'],
    ['user=abc pass=abcdef', ['abc', 'abcdef'], 'user=*** pass=***'],
    ['a=one b=two', ['one', 'two'], 'a=*** b=***'],
    ['regex a.b* stays literal: axbb', ['a.b*'], 'regex *** stays literal: axbb'],
    ['line1\nvalue\nline3', ['value'], 'line1\n***\nline3'],
    ['nothing secret', [], 'nothing secret'],
    ['empty secret', [''], 'empty secret'],
    ['empty and real s3cr3t', ['', 's3cr3t'], 'empty and real ***']
  ])('%p with %j → %p', (text, secrets, expected) => expect(redact(text, secrets)).toBe(expected))
})

type Call = [string, ...unknown[]]

function recordingHost(): { host: Host; calls: Call[] } {
  const calls: Call[] = []
  const host: Host = {
    input: name => `input:${name}`,
    info: message => void calls.push(['info', message]),
    warning: (message, where) => void calls.push(['warning', message, where]),
    error: (message, where) => void calls.push(['error', message, where]),
    group: async (name, fn) => {
      calls.push(['group', name])
      return fn()
    },
    untrusted: fn => {
      calls.push(['untrusted'])
      return fn(line => void calls.push(['untrusted line', line]))
    },
    setOutput: (name, value) => void calls.push(['setOutput', name, value]),
    setSecret: value => void calls.push(['setSecret', value]),
    appendSummary: async markdown => void calls.push(['appendSummary', markdown]),
    streamBuildLog: true,
    env: { HOME: '/home/me' }
  }
  return { host, calls }
}

const where: Annotation = { file: 'Dockerfile', startLine: 3 }

describe('redactingHost hides secrets in everything it passes on', () => {
  test.each<[string, (host: Host) => Promise<unknown> | void, Call]>([
    ['info', h => h.info('token hunter2!'), ['info', 'token ***!']],
    ['warning', h => h.warning('hunter2 leaked', where), ['warning', '*** leaked', where]],
    ['error', h => h.error('bad hunter2', where), ['error', 'bad ***', where]],
    ['group name', h => h.group('login with hunter2', async () => 1), ['group', 'login with ***']],
    ['setOutput', h => h.setOutput('report', 'x hunter2 y'), ['setOutput', 'report', 'x *** y']],
    ['appendSummary', h => h.appendSummary('| hunter2 |'), ['appendSummary', '| *** |']]
  ])('%s', async (_method, call, expected) => {
    const { host, calls } = recordingHost()
    await call(redactingHost(host, ['hunter2']))
    expect(calls).toEqual([expected])
  })

  test('untrusted output: each line hidden, the block and its result passed through', async () => {
    const { host, calls } = recordingHost()
    const result = await redactingHost(host, ['hunter2']).untrusted(async emit => {
      emit('RUN echo hunter2')
      emit('#9 0.1 hunter2hunter2')
      return 'built'
    })
    expect(result).toBe('built')
    expect(calls).toEqual([
      ['untrusted'],
      ['untrusted line', 'RUN echo ***'],
      ['untrusted line', '#9 0.1 ******']
    ])
  })

  test('the longer of two overlapping secrets is hidden whole', () => {
    const { host, calls } = recordingHost()
    redactingHost(host, ['hunter', 'hunter2']).info('pw hunter2 and hunter')
    expect(calls).toEqual([['info', 'pw *** and ***']])
  })

  test('a group still returns what its function returns', async () => {
    const { host } = recordingHost()
    await expect(redactingHost(host, ['x']).group('g', async () => 'result')).resolves.toBe('result')
  })

  test('inputs, environment and log streaming pass through', () => {
    const { host } = recordingHost()
    const redacting = redactingHost(host, ['hunter2'])
    expect([redacting.input('tags'), redacting.env, redacting.streamBuildLog]).toEqual([
      'input:tags',
      { HOME: '/home/me' },
      true
    ])
  })

  test('only empty secrets: messages pass unchanged', () => {
    const { host, calls } = recordingHost()
    redactingHost(host, ['', '']).info('plain text')
    expect(calls).toEqual([['info', 'plain text']])
  })
})
