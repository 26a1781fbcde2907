import { describe, expect, test } from '@jest/globals'
import {
  buildCommand,
  buildOptions,
  checkSupport,
  testRunCommand,
  type BuildRequest
} from '../../../src/engine/command.js'
import type { BuilderKind } from '../../../src/engine/builder.js'
import { UNKNOWN_FEATURES, type BuilderFeatures } from '../../../src/engine/features.js'

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

  test.each([
    ['the tester on buildx: no default attestation', 'buildx', true, '1'],
    ['the runtime on buildx: buildx decides', 'buildx', false, undefined],
    ["the tester on the engine's BuildKit: nothing to turn off", 'buildkit', true, undefined]
  ] as Array<[string, BuilderKind, boolean, string | undefined]>)('%s', (_name, kind, localOnly, value) => {
    expect(buildCommand({ ...base, localOnly }, kind).env.BUILDX_NO_DEFAULT_ATTESTATIONS).toBe(value)
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
  test('runs the command with sh in the tester image, on the given network, with reports mounted; named, not --rm (removed beside the push)', () => {
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

// build-push-action's inputs: which builder takes which flag, and what stops before any build.
const BUILDX_013: BuilderFeatures = { buildxVersion: '0.13.1+ds1', buildkitVersion: null, attestations: true }
const RUN = { privateRepository: false, builderId: 'https://github.com/o/r/actions/runs/1' }

describe('buildCommand with build-push-action inputs', () => {
  test.each<[string, BuilderKind, Partial<BuildRequest>, string[]]>([
    [
      'add-host on classic BuildKit',
      'buildkit',
      { addHosts: ['db:10.0.0.2'] },
      ['--add-host', 'db:10.0.0.2']
    ],
    ['ssh on classic BuildKit', 'buildkit', { ssh: ['default'] }, ['--ssh', 'default']],
    [
      'legacy applies shm-size, ulimit, cgroup-parent',
      'legacy',
      { shmSize: '2g', ulimits: ['nofile=1024:1024'], cgroupParent: '/ci' },
      ['--shm-size', '2g', '--ulimit', 'nofile=1024:1024', '--cgroup-parent', '/ci']
    ],
    [
      'buildx: contexts, entitlements, cache filters',
      'buildx',
      { buildContexts: ['assets=./assets'], allow: ['network.host'], noCacheFilters: ['deps'] },
      ['--build-context', 'assets=./assets', '--allow', 'network.host', '--no-cache-filter', 'deps']
    ],
    ['buildx: annotations', 'buildx', { annotations: ['index:a=b'] }, ['--annotation', 'index:a=b']],
    [
      'buildx: sbom and attests',
      'buildx',
      { attestations: { provenance: '', sbom: 'true', attests: ['type=x,k=v'] } },
      ['--attest', 'type=sbom,disabled=false', '--attest', 'type=x,k=v']
    ],
    [
      'outputs replace the load',
      'buildx',
      { outputs: ['type=local,dest=out'], load: true },
      ['--output', 'type=local,dest=out', '.']
    ],
    [
      'outputs beside push',
      'buildx',
      { outputs: ['type=local,dest=out'], push: true },
      ['--output', 'type=local,dest=out', '--push']
    ]
  ])('%s', (_name, kind, request, expected) => {
    const { args } = buildCommand({ ...base, ...request }, kind, { ...BUILDX_013, buildkitVersion: '0.13.0' })
    expect(args.join(' ')).toContain(expected.join(' '))
    if (request.outputs && !request.push) expect(args).not.toContain('--load')
  })

  test('call evaluates only: no image, push, load, cache export or attestation', () => {
    const { args } = buildCommand(
      { ...base, call: 'check', push: true, load: true, cacheTo: ['type=gha'], provenanceContext: RUN },
      'buildx',
      { ...BUILDX_013, buildxVersion: 'v0.15.1' }
    )
    expect(args).toEqual(expect.arrayContaining(['--call', 'check']))
    for (const absent of ['--push', '--load', '--cache-to', '--iidfile', '--attest'])
      expect(args).not.toContain(absent)
    expect(args[args.length - 1]).toBe('.')
  })

  test.each<[string, BuilderKind, Partial<BuildRequest>, BuilderFeatures, RegExp]>([
    [
      'sbom without buildx',
      'buildkit',
      { attestations: { provenance: '', sbom: 'true', attests: [] } },
      UNKNOWN_FEATURES,
      /"sbom" needs buildx.*setup-buildx-action/
    ],
    [
      'outputs without buildx',
      'buildkit',
      { outputs: ['type=tar,dest=a.tar'] },
      UNKNOWN_FEATURES,
      /"outputs" needs buildx/
    ],
    [
      'build-contexts on legacy',
      'legacy',
      { buildContexts: ['a=./a'] },
      UNKNOWN_FEATURES,
      /"build-contexts" needs buildx/
    ],
    [
      'allow without buildx',
      'buildkit',
      { allow: ['network.host'] },
      UNKNOWN_FEATURES,
      /"allow" needs buildx/
    ],
    ['call without buildx', 'legacy', { call: 'check' }, UNKNOWN_FEATURES, /"call" needs buildx/],
    [
      'annotations without buildx',
      'buildkit',
      { annotations: ['a=b'] },
      UNKNOWN_FEATURES,
      /"annotations" needs buildx/
    ],
    ['ssh on legacy', 'legacy', { ssh: ['default'] }, UNKNOWN_FEATURES, /"ssh" needs BuildKit/],
    [
      'call on buildx 0.13',
      'buildx',
      { call: 'check' },
      BUILDX_013,
      /"call" needs buildx 0\.15\.0 or newer; this is buildx 0\.13\.1\+ds1/
    ],
    [
      'annotations on buildx 0.11',
      'buildx',
      { annotations: ['a=b'] },
      { ...BUILDX_013, buildxVersion: 'v0.11.2' },
      /"annotations" needs buildx 0\.12\.0/
    ],
    [
      'shm-size on BuildKit 0.8 (buildx on engine 20.10)',
      'buildx',
      { shmSize: '2g' },
      { ...BUILDX_013, buildkitVersion: 'v0.8+unknown' },
      /"shm-size" needs BuildKit 0\.10\.0 or newer.*v0\.8\+unknown, which would ignore it/
    ],
    [
      'ulimit on classic BuildKit of unknown version',
      'buildkit',
      { ulimits: ['nofile=1:1'] },
      UNKNOWN_FEATURES,
      /"ulimit" needs BuildKit 0\.10\.0.*unknown version/
    ],
    [
      'cgroup-parent on engine 20.10 BuildKit',
      'buildkit',
      { cgroupParent: '/ci' },
      { ...UNKNOWN_FEATURES, buildkitVersion: '0.8.0' },
      /"cgroup-parent" needs BuildKit/
    ],
    [
      'provenance on the docker driver with the classic store',
      'buildx',
      { attestations: { provenance: 'mode=max', sbom: '', attests: [] } },
      { ...BUILDX_013, attestations: false },
      /"provenance" asks for an attestation.*docker driver/
    ],
    [
      'attests on the docker driver with the classic store',
      'buildx',
      { attestations: { provenance: '', sbom: '', attests: ['type=sbom'] } },
      { ...BUILDX_013, attestations: false },
      /"attests" asks for an attestation/
    ]
  ])('refused before building: %s', (_name, kind, request, features, message) => {
    expect(() => buildCommand({ ...base, ...request }, kind, features)).toThrow(message)
  })

  test.each<[string, BuilderKind, Partial<BuildRequest>, BuilderFeatures]>([
    [
      'shm-size on buildx of unknown BuildKit (buildx reports what it lacks)',
      'buildx',
      { shmSize: '2g' },
      BUILDX_013
    ],
    [
      'ulimit on classic BuildKit of engine 24',
      'buildkit',
      { ulimits: ['nofile=1:1'] },
      { ...UNKNOWN_FEATURES, buildkitVersion: '0.11.0' }
    ],
    [
      'provenance: false where attestations cannot be made',
      'buildx',
      { attestations: { provenance: 'false', sbom: 'false', attests: [] } },
      { ...BUILDX_013, attestations: false }
    ],
    [
      'provenance: false without buildx',
      'buildkit',
      { attestations: { provenance: 'false', sbom: '', attests: [] } },
      UNKNOWN_FEATURES
    ],
    ['add-hosts everywhere', 'legacy', { addHosts: ['a:1.2.3.4'] }, UNKNOWN_FEATURES]
  ])('accepted: %s', (_name, kind, request, features) => {
    expect(() => buildCommand({ ...base, ...request }, kind, features)).not.toThrow()
  })

  test('provenance: false on buildx passes disabled=true, which the docker driver accepts', () => {
    const { args } = buildCommand(
      { ...base, attestations: { provenance: 'false', sbom: '', attests: [] } },
      'buildx',
      { ...BUILDX_013, attestations: false }
    )
    expect(args.join(' ')).toContain('--attest type=provenance,disabled=true')
  })
})

describe('default provenance (build-push-action: mode=max public, mode=min private)', () => {
  const attests = (request: Partial<BuildRequest>, features: BuilderFeatures = BUILDX_013) => {
    const { args } = buildCommand({ ...base, provenanceContext: RUN, ...request }, 'buildx', features)
    return args.flatMap((a, i) => (a === '--attest' ? [args[i + 1]] : []))
  }
  test.each<[string, Partial<BuildRequest>, BuilderFeatures, string[]]>([
    [
      'pushed, public repository',
      { push: true },
      BUILDX_013,
      [`type=provenance,mode=max,builder-id=${RUN.builderId}`]
    ],
    [
      'pushed, private repository',
      { push: true, provenanceContext: { ...RUN, privateRepository: true } },
      BUILDX_013,
      [`type=provenance,mode=min,inline-only=true,builder-id=${RUN.builderId}`]
    ],
    [
      'outputs to a registry',
      { outputs: ['type=image,push=true'] },
      BUILDX_013,
      [`type=provenance,mode=max,builder-id=${RUN.builderId}`]
    ],
    ['loaded (the tester, an unpushed runtime)', { load: true }, BUILDX_013, []],
    ['outputs of type docker', { outputs: ['type=docker'] }, BUILDX_013, []],
    [
      'loaded, and that image is what docker push ships: the push default',
      { load: true, pushedAsLoaded: true },
      BUILDX_013,
      [`type=provenance,mode=max,builder-id=${RUN.builderId}`]
    ],
    [
      'loaded beside an OCI layout, pushed as loaded',
      { outputs: ['type=docker', 'type=oci,dest=/tmp/x,tar=false'], pushedAsLoaded: true },
      BUILDX_013,
      [`type=provenance,mode=max,builder-id=${RUN.builderId}`]
    ],
    [
      'pushed as loaded on the classic store: no attestation there',
      { load: true, pushedAsLoaded: true },
      { ...BUILDX_013, attestations: false },
      []
    ],
    ['the measuring re-export', { output: 'type=oci,dest=/tmp/x,tar=false' }, BUILDX_013, []],
    ['docker driver on the classic store', { push: true }, { ...BUILDX_013, attestations: false }, []],
    ['attestation support unknown', { push: true }, { ...BUILDX_013, attestations: null }, []],
    ['BuildKit too old', { push: true }, { ...BUILDX_013, buildkitVersion: 'v0.10.6' }, []],
    ['no GitHub context (the CLI)', { push: true, provenanceContext: undefined }, BUILDX_013, []],
    [
      'provenance given in attests wins over the default',
      { push: true, attestations: { provenance: '', sbom: '', attests: ['type=provenance,mode=min'] } },
      BUILDX_013,
      [`type=provenance,mode=min,builder-id=${RUN.builderId}`]
    ],
    [
      'provenance input true',
      { load: true, attestations: { provenance: 'true', sbom: '', attests: [] } },
      BUILDX_013,
      [`type=provenance,builder-id=${RUN.builderId}`]
    ]
  ])('%s', (_name, request, features, expected) => {
    expect(attests(request, features)).toEqual(expected)
  })
})

describe('buildOptions', () => {
  test('RUN-step options go to both builds, image options to the runtime build only', async () => {
    const { parseInputs } = await import('../../../src/inputs.js')
    const values: Record<string, string> = { 'add-hosts': 'db:1.2.3.4', sbom: 'true', annotations: 'a=b' }
    const { shared, runtime } = buildOptions(
      parseInputs(name => values[name] ?? ''),
      RUN
    )
    expect(shared.addHosts).toEqual(['db:1.2.3.4'])
    expect(shared).not.toHaveProperty('attestations')
    expect(runtime).toMatchObject({
      annotations: ['a=b'],
      attestations: { sbom: 'true' },
      provenanceContext: RUN
    })
    // The tester (shared only) passes on the docker driver with the classic store; the runtime is refused there.
    const noAttest = { ...BUILDX_013, attestations: false }
    expect(() => checkSupport({ ...base, ...shared }, 'buildx', noAttest)).not.toThrow()
    expect(() => checkSupport({ ...base, ...shared, ...runtime }, 'buildx', noAttest)).toThrow(/"sbom"/)
  })
})
