import { describe, expect, test } from '@jest/globals'
import { buildCommand, testRunCommand, type BuildRequest } from '../../../src/build/command.js'
import type { BuilderKind } from '../../../src/build/builder.js'

const base: BuildRequest = {
  context: '.',
  file: 'Dockerfile',
  target: 'runtime',
  tags: [],
  labels: [],
  buildArgs: {},
  secretFiles: [],
  platforms: [],
  network: '',
  noCache: false,
  pull: false,
  push: false,
  load: false,
  cacheFrom: [],
  cacheTo: [],
  inlineCache: false,
  iidFile: '/tmp/iid'
}

const cases: Array<[string, BuilderKind, Partial<BuildRequest>, string[]]> = [
  [
    'buildx minimal',
    'buildx',
    {},
    [
      'buildx',
      'build',
      '--progress=plain',
      '--file',
      'Dockerfile',
      '--target',
      'runtime',
      '--iidfile',
      '/tmp/iid',
      '.'
    ]
  ],
  [
    'classic BuildKit minimal',
    'buildkit',
    {},
    ['build', '--progress=plain', '--file', 'Dockerfile', '--target', 'runtime', '--iidfile', '/tmp/iid', '.']
  ],
  [
    'legacy has no --progress',
    'legacy',
    {},
    ['build', '--file', 'Dockerfile', '--target', 'runtime', '--iidfile', '/tmp/iid', '.']
  ],
  ['tags in order', 'buildkit', { tags: ['a:1', 'b:2'] }, ['--tag', 'a:1', '--tag', 'b:2']],
  [
    'labels',
    'buildx',
    { labels: ['org.opencontainers.image.source=x'] },
    ['--label', 'org.opencontainers.image.source=x']
  ],
  [
    'build args keep = and commas in values',
    'buildkit',
    { buildArgs: { A: '1', B: 'x=y,z' } },
    ['--build-arg', 'A=1', '--build-arg', 'B=x=y,z']
  ],
  [
    'secrets by file, never by value',
    'buildkit',
    { secretFiles: [{ id: 'npm', src: '/tmp/s0' }] },
    ['--secret', 'id=npm,src=/tmp/s0']
  ],
  ['network', 'buildx', { network: 'none' }, ['--network', 'none']],
  [
    'platforms joined',
    'buildx',
    { platforms: ['linux/amd64', 'linux/arm64'] },
    ['--platform', 'linux/amd64,linux/arm64']
  ],
  [
    'one platform on classic BuildKit',
    'buildkit',
    { platforms: ['linux/amd64'] },
    ['--platform', 'linux/amd64']
  ],
  ['no-cache and pull', 'buildkit', { noCache: true, pull: true }, ['--no-cache', '--pull']],
  [
    'cache from and to on buildx',
    'buildx',
    { cacheFrom: ['type=gha,scope=a'], cacheTo: ['type=gha,scope=a,mode=max'] },
    ['--cache-from', 'type=gha,scope=a', '--cache-to', 'type=gha,scope=a,mode=max']
  ],
  [
    'inline cache on classic BuildKit',
    'buildkit',
    { inlineCache: true },
    ['--build-arg', 'BUILDKIT_INLINE_CACHE=1']
  ],
  [
    'push and metadata on buildx',
    'buildx',
    { push: true, metadataFile: '/tmp/m.json' },
    ['--metadata-file', '/tmp/m.json', '--push']
  ],
  ['load on buildx', 'buildx', { load: true }, ['--load']],
  ['named builder', 'buildx', { builder: 'stagegate' }, ['--builder', 'stagegate']]
]

describe('buildCommand', () => {
  test.each(cases)('%s', (_name, kind, request, expected) => {
    const { args } = buildCommand({ ...base, ...request }, kind)
    expect(args.join(' ')).toContain(expected.join(' '))
    expect(args[args.length - 1]).toBe(request.context ?? '.')
  })

  test.each([
    ['cache-to is buildx only', 'buildkit', { cacheTo: ['type=inline'] }, '--cache-to'],
    ['push is never a classic build flag', 'buildkit', { push: true }, '--push'],
    ['metadata file is buildx only', 'buildkit', { metadataFile: '/tmp/m' }, '--metadata-file'],
    ['builder is buildx only', 'buildkit', { builder: 'x' }, '--builder'],
    [
      'inline cache arg is for classic BuildKit only',
      'buildx',
      { inlineCache: true },
      'BUILDKIT_INLINE_CACHE'
    ]
  ] as Array<[string, BuilderKind, Partial<BuildRequest>, string]>)('%s', (_name, kind, request, absent) => {
    expect(buildCommand({ ...base, ...request }, kind).args.join(' ')).not.toContain(absent)
  })

  test.each([
    ['buildx', '1'],
    ['buildkit', '1'],
    ['legacy', '0']
  ] as Array<[BuilderKind, string]>)('%s sets DOCKER_BUILDKIT=%s', (kind, value) => {
    expect(buildCommand(base, kind).env.DOCKER_BUILDKIT).toBe(value)
  })

  test('several platforms need buildx', () => {
    expect(() => buildCommand({ ...base, platforms: ['linux/amd64', 'linux/arm64'] }, 'buildkit')).toThrow(
      /needs buildx/
    )
  })

  test('secrets refuse the legacy builder instead of leaking', () => {
    expect(() => buildCommand({ ...base, secretFiles: [{ id: 'a', src: '/x' }] }, 'legacy')).toThrow(
      /needs BuildKit/
    )
  })
})

describe('testRunCommand', () => {
  test('runs the command with sh in the tester image, on the given network, with reports mounted', () => {
    expect(
      testRunCommand({
        image: 'app:tester',
        command: 'make test',
        network: 'none',
        reportsHostDir: '/tmp/r',
        reportsContainerDir: '/reports',
        name: 'n'
      })
    ).toEqual([
      'run',
      '--rm',
      '--name',
      'n',
      '--network',
      'none',
      '--volume',
      '/tmp/r:/reports',
      '--entrypoint',
      '/bin/sh',
      'app:tester',
      '-c',
      'make test'
    ])
  })
  test('no network flag and no volume when not asked', () => {
    const args = testRunCommand({ image: 'i', command: 'c', network: '', name: 'n' })
    expect(args).not.toContain('--network')
    expect(args).not.toContain('--volume')
  })
})
