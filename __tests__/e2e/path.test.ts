// The test bed path this run tests (STAGEGATE_E2E_PATH) is the one the action and the tests take.
import { expect, jest } from '@jest/globals'
import {
  BUILDER_KIND,
  copyExample,
  describe,
  DOCKER,
  E2E_PATH,
  loggedBuilder,
  onPath,
  runAction,
  runProcess,
  test
} from './harness.js'

jest.setTimeout(180_000)

describe(`the ${E2E_PATH} path`, () => {
  test('the action logs the builder this path stands for', async () => {
    const run = await runAction({ network: 'none', context: copyExample('greeter'), 'test-target': 'none' })
    expect(loggedBuilder(run.stdout)).toBe(BUILDER_KIND)
    expect(run.code).toBe(0)
  })

  test('the tests talk to the same engine and client: version and buildx as the path says', async () => {
    const version = await runProcess(DOCKER, ['version', '--format', '{{.Server.Version}}'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toMatch(onPath('buildx-26') ? /^26\./ : /^20\.10\./)
    const buildx = await runProcess(DOCKER, ['buildx', 'version'])
    expect(buildx.code === 0).toBe(!onPath('classic'))
  })
})
