// The e2e harness's choice of builder path: which env file, and run, skip or fail without it.
import { describe, expect, test } from '@jest/globals'
import { envFileOf, loggedBuilder, parseEnvFile, parsePathName, pathSetup } from '../../e2e/paths.js'

const FULL = [
  '# written by scripts/engine.sh up: the buildx-26 path',
  'DOCKER_HOST=unix:///tmp/stagegate-engine/engine26/docker.sock',
  'DOCKER_CONFIG=/tmp/stagegate-engine/config/buildx-26',
  'STAGEGATE_DOCKER=/tmp/stagegate-engine/prefix/trixie/usr/bin/docker',
  ''
].join('\n')

describe('parsePathName', () => {
  test.each([
    [undefined, 'classic'],
    ['', 'classic'],
    [' buildx-26 ', 'buildx-26'],
    ['buildx-20', 'buildx-20']
  ])('%j -> %s', (value, name) => {
    expect(parsePathName(value)).toBe(name)
  })

  test('an unknown name lists the valid ones', () => {
    expect(() => parsePathName('buildx')).toThrow(
      'STAGEGATE_E2E_PATH=buildx is not a test bed path: use one of classic, buildx-20, buildx-26.'
    )
  })
})

test('env files live under the state dir, one per path', () => {
  expect(envFileOf('buildx-20')).toBe('/tmp/stagegate-engine/paths/buildx-20.env')
  expect(envFileOf('classic', '/var/tmp/bed')).toBe('/var/tmp/bed/paths/classic.env')
})

test('parseEnvFile reads KEY=VALUE lines and skips comments', () => {
  expect(parseEnvFile(FULL)).toEqual({
    DOCKER_HOST: 'unix:///tmp/stagegate-engine/engine26/docker.sock',
    DOCKER_CONFIG: '/tmp/stagegate-engine/config/buildx-26',
    STAGEGATE_DOCKER: '/tmp/stagegate-engine/prefix/trixie/usr/bin/docker'
  })
})

describe('pathSetup', () => {
  const file = '/tmp/stagegate-engine/paths/buildx-26.env'
  const partial = 'DOCKER_HOST=unix:///x.sock\n'
  test.each([
    ['a full env file, not CI', FULL, false, 'ready', undefined],
    ['a full env file, CI', FULL, true, 'ready', undefined],
    [
      'no env file, not CI: skipped with the command to run',
      null,
      false,
      'skip',
      `buildx-26 path not set up (no ${file}): run scripts/engine.sh up buildx-26`
    ],
    [
      'no env file, CI: a failure',
      null,
      true,
      'fail',
      `buildx-26 path not set up (no ${file}): run scripts/engine.sh up buildx-26. Under CI every path must run.`
    ],
    [
      'an env file lacking variables names them',
      partial,
      false,
      'skip',
      `buildx-26 path not set up (${file} lacks DOCKER_CONFIG, STAGEGATE_DOCKER): run scripts/engine.sh up buildx-26`
    ]
  ])('%s', (_name, text, ci, state, message) => {
    const setup = pathSetup('buildx-26', file, text, ci)
    expect(setup.state).toBe(state)
    if (setup.state === 'ready')
      expect(setup.env.DOCKER_CONFIG).toBe('/tmp/stagegate-engine/config/buildx-26')
    else expect(setup.message).toBe(message)
  })
})

describe('loggedBuilder', () => {
  test.each([
    ['Builder: buildx: buildx 0.13.1+ds1 is available with /usr/bin/docker.\n', 'buildx'],
    ['x\nBuilder: buildkit: no buildx plugin found; ...\n', 'buildkit'],
    ['Builder: legacy: no buildx plugin and no docker client older than 23.0 found\n', 'legacy'],
    ['no such line\n', null]
  ])('%j -> %s', (stdout, kind) => {
    expect(loggedBuilder(stdout)).toBe(kind)
  })
})
