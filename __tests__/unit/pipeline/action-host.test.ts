// The action host's log as the runner reads it: untrusted output is inert, the action's own
// annotations and masks take effect, and untrusted strings inside annotations stay inside them.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { actionHost } from '../../../src/main.js'
import { redactingHost } from '../../../src/redact.js'
import { HOSTILE_COMMANDS, interpretRunnerLog } from '../../runner-log.js'

let stdout = ''
const saved = { GITHUB_OUTPUT: process.env.GITHUB_OUTPUT }

beforeEach(() => {
  stdout = ''
  // Without GITHUB_OUTPUT, setOutput is a `::set-output` command on stdout, which the fence must let through.
  delete process.env.GITHUB_OUTPUT
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk)
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  if (saved.GITHUB_OUTPUT !== undefined) process.env.GITHUB_OUTPUT = saved.GITHUB_OUTPUT
})

describe('actionHost', () => {
  test('hostile test output takes no effect; the error, mask and output the action gives after it do', async () => {
    const host = actionHost()
    await host.group('Run the tests in the tester image', () =>
      host.untrusted(async emit => HOSTILE_COMMANDS.forEach(emit))
    )
    host.setSecret('s3cr3t')
    host.setOutput('digest', 'sha256:real')
    host.error('The test command failed with exit code 3.', { title: 'stagegate: tests failed' })
    expect(interpretRunnerLog(stdout)).toEqual({
      annotations: [
        {
          type: 'error',
          message: 'The test command failed with exit code 3.',
          properties: { title: 'stagegate: tests failed' }
        }
      ],
      masks: ['s3cr3t'],
      outputs: { digest: 'sha256:real' },
      stopped: false
    })
    // The hostile lines are in the log, as text.
    expect(stdout).toContain('\n::add-mask::Tests\n')
  })

  test('an annotation made while untrusted output is printing still takes effect', async () => {
    const host = actionHost()
    await host.untrusted(async emit => {
      emit('::stop-commands::tok')
      host.warning('Using the legacy builder.')
      emit('::add-mask::Tests')
    })
    expect(interpretRunnerLog(stdout)).toMatchObject({
      annotations: [{ type: 'warning', message: 'Using the legacy builder.' }],
      masks: [],
      stopped: false
    })
  })

  test('redaction applies to untrusted lines, inside the fence', async () => {
    const host = redactingHost(actionHost(), ['hunter2'])
    await host.untrusted(async emit => emit('::add-mask::hunter2 leaked'))
    expect(stdout).toContain('\n::add-mask::*** leaked\n')
    expect(stdout).not.toContain('hunter2')
    expect(interpretRunnerLog(stdout)).toMatchObject({ masks: [], stopped: false })
  })

  // A JUnit test name and message come from the pull request; they become an annotation's title,
  // file and message. @actions/core escapes them, so they cannot end the annotation or start another.
  test.each([
    ['percent', '100% %0A%3A%2C done'],
    ['carriage return', 'name\r::add-mask::Tests'],
    ['newline', 'name\n::error::fake\n##[add-mask]Tests'],
    ['colons', 'suite::case ::error::fake'],
    ['comma', 'a, file=evil.ts, line=1'],
    ['everything', '%\r\n::,=;]##[add-mask]Tests']
  ])('a test name with %s stays inside its annotation', (_what, name) => {
    actionHost().error(`${name} failed: ${name}`, { title: name, file: name, startLine: 7 })
    expect(interpretRunnerLog(stdout)).toEqual({
      annotations: [
        {
          type: 'error',
          message: `${name} failed: ${name}`,
          properties: { title: name, file: name, line: '7' }
        }
      ],
      masks: [],
      outputs: {},
      stopped: false
    })
  })
})
