import { describe, expect, test } from '@jest/globals'
import { terminalHost } from '../../../src/commands/run.js'
import { parseRunArgs } from '../../../src/commands/run-args.js'
import { interpretRunnerLog } from '../../runner-log.js'

function host(env: NodeJS.ProcessEnv): { stderr: () => string; host: ReturnType<typeof terminalHost> } {
  let stderr = ''
  const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text), env, cwd: '/' }
  return { stderr: () => stderr, host: terminalHost(parseRunArgs([]), io, {}, []) }
}

describe('terminalHost untrusted output', () => {
  test('on a terminal the lines are printed as they are', async () => {
    const t = host({})
    await t.host.untrusted(async emit => emit('::add-mask::Tests'))
    expect(t.stderr()).toBe('::add-mask::Tests\n')
  })

  // `stagegate run` in a workflow's `run:` step: the runner reads its stderr for commands too.
  test('under GitHub Actions the lines are fenced off from the runner', async () => {
    const t = host({ GITHUB_ACTIONS: 'true' })
    await t.host.untrusted(async emit => emit('::add-mask::Tests'))
    t.host.error('The test command failed.')
    expect(t.stderr()).toMatch(/^::stop-commands::([0-9a-f]{32})\n::add-mask::Tests\n::\1::\nerror: /)
    expect(interpretRunnerLog(t.stderr())).toMatchObject({ masks: [], stopped: false })
  })
})
