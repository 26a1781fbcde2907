import { describe, expect, test } from '@jest/globals'
import { chooseBuilder, majorVersion, type ClientProbe } from '../../../src/engine/builder.js'

const modern: ClientProbe = { path: '/usr/local/bin/docker', clientVersion: '28.2.2', buildxVersion: null }
const modernBuildx: ClientProbe = {
  path: '/usr/local/bin/docker',
  clientVersion: '28.2.2',
  buildxVersion: 'v0.21.1'
}
const old: ClientProbe = { path: '/usr/bin/docker', clientVersion: '20.10.24+dfsg1', buildxVersion: null }
const oldBuildx: ClientProbe = {
  path: '/usr/bin/docker',
  clientVersion: '20.10.24',
  buildxVersion: 'v0.10.0'
}
const down: ClientProbe = { path: '/opt/docker', clientVersion: null, buildxVersion: null }

describe('chooseBuilder', () => {
  test.each([
    ['buildx on the first client', [modernBuildx, old], 'buildx', '/usr/local/bin/docker'],
    [
      'buildx on a later client wins over BuildKit-capable first',
      [old, modernBuildx],
      'buildx',
      '/usr/local/bin/docker'
    ],
    [
      'no buildx: the old client drives BuildKit (this machine)',
      [modern, old],
      'buildkit',
      '/usr/bin/docker'
    ],
    ['no buildx, only a modern client: legacy', [modern], 'legacy', '/usr/local/bin/docker'],
    ['buildx plugin on an old client', [oldBuildx], 'buildx', '/usr/bin/docker'],
    ['unknown version is not trusted for BuildKit', [down], 'legacy', '/opt/docker']
  ])('%s', (_name, probes, kind, client) => {
    const choice = chooseBuilder(probes)
    expect(choice.kind).toBe(kind)
    expect(choice.client).toBe(client)
  })

  test('the reason says which client was skipped and why', () => {
    const choice = chooseBuilder([modern, old])
    expect(choice.reason).toContain('/usr/bin/docker (20.10.24+dfsg1)')
    expect(choice.reason).toContain('skipped /usr/local/bin/docker (28.2.2): docker 23+ needs buildx')
  })

  test('the legacy reason tells how to get the full pipeline', () => {
    expect(chooseBuilder([modern]).reason).toMatch(/setup-buildx-action/)
  })

  test('no client at all is an error', () => {
    expect(() => chooseBuilder([])).toThrow(/no docker client/)
  })
})

test.each([
  ['28.2.2', 28],
  ['v0.21.1', 0],
  ['20.10.24+dfsg1', 20],
  [null, null],
  ['garbage', null]
])('majorVersion(%p) = %p', (version, major) => {
  expect(majorVersion(version)).toBe(major)
})
