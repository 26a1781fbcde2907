import { describe, expect, test } from '@jest/globals'
import { parseInputs, type Inputs } from '../../../src/inputs.js'

const inputs = (values: Record<string, string>): Inputs => parseInputs(name => values[name] ?? '')

describe("build-push-action's build options", () => {
  test('lists split as build-push-action splits them', () => {
    const parsed = inputs({
      'add-hosts': 'db:10.0.0.2, cache:10.0.0.3',
      allow: 'network.host,security.insecure',
      ssh: 'default\ngithub=/k',
      ulimit: 'nofile=1024:2048\nnproc=64',
      annotations: 'index:a=b,c\nmanifest:d=e',
      'build-contexts': 'assets=./assets',
      outputs: 'type=local,dest="out dir"',
      'no-cache-filters': 'deps,test'
    })
    expect(parsed).toMatchObject({
      addHosts: ['db:10.0.0.2', 'cache:10.0.0.3'],
      allow: ['network.host', 'security.insecure'],
      ssh: ['default', 'github=/k'],
      ulimits: ['nofile=1024:2048', 'nproc=64'],
      annotations: ['index:a=b,c', 'manifest:d=e'],
      buildContexts: ['assets=./assets'],
      outputs: ['type=local,dest="out dir"'],
      noCacheFilters: ['deps', 'test']
    })
  })

  // docker/metadata-action's outputs, as a workflow passes them: newline-separated.
  test('metadata-action tags and labels plug in directly', () => {
    const parsed = inputs({
      tags: 'ghcr.io/o/app:main\nghcr.io/o/app:sha-1234567\n',
      labels:
        'org.opencontainers.image.title=app\norg.opencontainers.image.description=A, B and "C"\norg.opencontainers.image.version=main\n'
    })
    expect(parsed.tags).toEqual(['ghcr.io/o/app:main', 'ghcr.io/o/app:sha-1234567'])
    expect(parsed.labels).toEqual([
      'org.opencontainers.image.title=app',
      'org.opencontainers.image.description=A, B and "C"',
      'org.opencontainers.image.version=main'
    ])
  })

  test.each([
    ['', ''],
    ['build', ''],
    ['check', 'check']
  ])('call %p → %p', (raw, call) => expect(inputs({ call: raw }).call).toBe(call))

  test.each<[Record<string, string>, RegExp]>([
    [{ 'shm-size': 'lots' }, /Input "shm-size": "lots" is not a size/],
    [{ ulimit: 'nofile' }, /Input "ulimit": "nofile": expected name=soft/],
    [{ ulimit: 'files=1:2' }, /"files" is not a ulimit/],
    [{ ulimit: 'nofile=10:5' }, /soft limit is above the hard limit/],
    [{ 'add-hosts': 'db' }, /Input "add-hosts": "db" is not a host mapping/],
    [{ 'build-contexts': 'assets' }, /Input "build-contexts": "assets" is not name=source/],
    [{ call: 'check', push: 'true', tags: 'a:1' }, /"call" is check.*Remove "push"/],
    [{ call: 'check', outputs: 'type=local,dest=o' }, /"call" is check: it exports nothing/]
  ])('%p is refused: %p', (values, message) => expect(() => inputs(values)).toThrow(message))

  test.each([['2g'], ['512m'], ['1.5GB'], ['64MiB'], ['1073741824']])('shm-size %p is accepted', size =>
    expect(inputs({ 'shm-size': size }).shmSize).toBe(size)
  )
})
