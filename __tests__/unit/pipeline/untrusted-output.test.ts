import { describe, expect, test } from '@jest/globals'
import { commandFence, fencedLine, freshToken } from '../../../src/untrusted-output.js'
import { HOSTILE_COMMANDS, interpretRunnerLog, runnerLines } from '../../runner-log.js'

/** A fence writing to an array, with predictable tokens. */
function recordingFence(): { lines: string[]; fence: ReturnType<typeof commandFence> } {
  const lines: string[] = []
  let n = 0
  const fence = commandFence(
    line => lines.push(line),
    () => `token${String(++n).padStart(12, '0')}`
  )
  return { lines, fence }
}

const ownError = '::error title=stagegate%3A tests failed::The test command failed.'
const log = (lines: string[]): string => lines.map(l => `${l}\n`).join('')

describe('the runner model (what the tests below rely on)', () => {
  test.each(HOSTILE_COMMANDS)('unfenced, %j takes effect', line => {
    const effect = interpretRunnerLog(log([line]))
    expect([
      effect.stopped,
      effect.masks,
      effect.annotations.length,
      Object.keys(effect.outputs)
    ]).not.toEqual([false, [], 0, []])
  })

  test('unfenced, a stop-commands line silences the action’s own error that follows', () => {
    expect(interpretRunnerLog(log(['::stop-commands::tok', ownError])).annotations).toEqual([])
  })

  test('behind a prefix the :: form is plain text, the ##[ form is not', () => {
    expect(interpretRunnerLog(log(['#9 0.123 ::add-mask::Tests'])).masks).toEqual([])
    expect(interpretRunnerLog(log(['#9 0.123 ##[add-mask]Tests'])).masks).toEqual(['Tests'])
  })

  test('the runner ends lines at \\r too', () => {
    expect(runnerLines('a\rb\r\nc\n')).toEqual(['a', 'b', 'c'])
  })

  test('the token resumes in either form, without regard to case', () => {
    for (const resume of ['::TOK::', 'text ##[tok] text']) {
      const effect = interpretRunnerLog(log(['::stop-commands::tok', resume, ownError]))
      expect(effect.annotations).toHaveLength(1)
    }
  })
})

describe('commandFence', () => {
  test('hostile lines in a block take no effect; the action’s error after it does', async () => {
    const { lines, fence } = recordingFence()
    await fence.untrusted(async emit => HOSTILE_COMMANDS.forEach(emit))
    lines.push(ownError)
    expect(interpretRunnerLog(log(lines))).toEqual({
      annotations: [
        {
          type: 'error',
          message: 'The test command failed.',
          properties: { title: 'stagegate: tests failed' }
        }
      ],
      masks: [],
      outputs: {},
      stopped: false
    })
  })

  test('a block prints stop, the lines as they are, and resume', async () => {
    const { lines, fence } = recordingFence()
    await fence.untrusted(async emit => emit('hello ::world::'))
    expect(lines).toEqual(['::stop-commands::token000000000001', 'hello ::world::', '::token000000000001::'])
  })

  test('commands resume when the block throws', async () => {
    const { lines, fence } = recordingFence()
    await expect(
      fence.untrusted(async emit => {
        emit('::add-mask::Tests')
        throw new Error('docker vanished')
      })
    ).rejects.toThrow('docker vanished')
    expect(interpretRunnerLog(log([...lines, ownError])).annotations).toHaveLength(1)
  })

  test('the action’s own commands inside a block step out of it and take effect', async () => {
    const { lines, fence } = recordingFence()
    await fence.untrusted(async emit => {
      emit('::add-mask::Tests')
      fence.trusted(() => lines.push('::add-mask::s3cr3t', ownError))
      emit('::error::fake')
    })
    expect(interpretRunnerLog(log(lines))).toMatchObject({ masks: ['s3cr3t'], stopped: false })
    expect(interpretRunnerLog(log(lines)).annotations.map(a => a.message)).toEqual([
      'The test command failed.'
    ])
  })

  test('overlapping blocks: the stream stays stopped until the last one ends', async () => {
    const { lines, fence } = recordingFence()
    let endFirst = (): void => undefined
    const first = fence.untrusted(emit => {
      emit('first')
      return new Promise<void>(resolve => (endFirst = resolve))
    })
    const second = fence.untrusted(async emit => {
      await first
      emit('::add-mask::Tests') // printed after the first block ended
    })
    endFirst()
    await Promise.all([first, second])
    expect(interpretRunnerLog(log([...lines, ownError]))).toMatchObject({ masks: [], stopped: false })
    expect(lines.filter(l => l.startsWith('::stop-commands::'))).toHaveLength(1)
  })

  test('a line emitted after its block ended gets a block of its own', async () => {
    const { lines, fence } = recordingFence()
    let late: (line: string) => void = () => undefined
    await fence.untrusted(async emit => void (late = emit))
    late('::add-mask::Tests')
    expect(interpretRunnerLog(log([...lines, ownError]))).toMatchObject({ masks: [], stopped: false })
  })

  test('output that learned the token cannot resume commands early', async () => {
    const { lines, fence } = recordingFence()
    await fence.untrusted(async emit => {
      emit('::token000000000001::')
      emit('x ##[TOKEN000000000001] x')
      emit('::add-mask::Tests')
    })
    expect(lines.slice(1, 3)).toEqual(['::***::', 'x ##[***] x'])
    expect(interpretRunnerLog(log(lines))).toMatchObject({ masks: [], stopped: false })
  })

  test('each block has a fresh token', async () => {
    const { lines, fence } = recordingFence()
    await fence.untrusted(async () => undefined)
    await fence.untrusted(async () => undefined)
    expect(lines).toEqual([
      '::stop-commands::token000000000001',
      '::token000000000001::',
      '::stop-commands::token000000000002',
      '::token000000000002::'
    ])
  })

  test('a token that the runner could not read back is refused', async () => {
    const fence = commandFence(
      () => undefined,
      () => ''
    )
    await expect(fence.untrusted(async () => 1)).rejects.toThrow('token')
  })
})

describe('fencedLine and freshToken', () => {
  test.each([
    ['plain', 'abc', 'plain'],
    ['::abc::', 'abc', '::***::'],
    ['##[ABC]x abc', 'abc', '##[***]x ***'],
    ['untouched when no block is open', '', 'untouched when no block is open']
  ])('%j with token %j → %j', (line, token, expected) => expect(fencedLine(line, token)).toBe(expected))

  test('tokens are 32 hex digits and differ', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => freshToken()))
    expect(tokens.size).toBe(50)
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/)
  })
})
