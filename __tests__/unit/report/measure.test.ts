// Pure parts of measuring: createdBy cleanup, history join, manifest shapes, platforms.
import { describe, expect, test } from '@jest/globals'
import {
  applyLocalSizes,
  cleanCreatedBy,
  imageManifestsOf,
  isAttestation,
  joinHistory,
  layerDiskSizes,
  manifestKind,
  mapLimit,
  measureManifest,
  parseDockerHistory,
  platformString,
  splitLocalReference,
  type Descriptor,
  type LocalFacts,
  type MeasuredPlatform
} from '../../../src/report/measure.js'
import { MEDIA_TYPES } from '../../../src/report/registry.js'

describe('cleanCreatedBy', () => {
  test.each([
    [undefined, ''],
    ['', ''],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]'],
    ['/bin/sh -c #(nop) ADD file:0b7f in / ', 'ADD file:0b7f in /'],
    ['/bin/sh -c #(nop) WORKDIR /app', 'WORKDIR /app'],
    ['/bin/sh -c apk add --no-cache curl', 'RUN apk add --no-cache curl'],
    ['|2 A=1 B=two /bin/sh -c make all', 'RUN make all'],
    ['RUN /bin/sh -c npm ci # buildkit', 'RUN npm ci'],
    ['RUN |1 V=1 /bin/sh -c echo $V > /v # buildkit', 'RUN echo $V > /v'],
    ['RUN |2 A= B=x /bin/sh -c true # buildkit', 'RUN true'],
    ['COPY Dockerfile /d # buildkit', 'COPY Dockerfile /d'],
    ['COPY /out /app # buildkit', 'COPY /out /app'],
    ['ENV X=y', 'ENV X=y'],
    ['ARG V=1', 'ARG V=1'],
    ['WORKDIR /app', 'WORKDIR /app'],
    ['RUN echo exec form # buildkit', 'RUN echo exec form'],
    ['  RUN /bin/sh -c   spaced  ', 'RUN spaced']
  ])('%j → %j', (raw, clean) => {
    expect(cleanCreatedBy(raw)).toBe(clean)
  })
})

describe('joinHistory', () => {
  const layers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ digest: `sha256:${i}`, compressed: 10 * (i + 1), disk: null }))

  test('empty_layer entries make no layer', () => {
    const history = [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
      { created_by: 'ARG V=1', empty_layer: true },
      { created_by: 'RUN |1 V=1 /bin/sh -c make # buildkit' },
      { created_by: 'ENV A=b', empty_layer: true },
      { created_by: 'COPY . /app # buildkit' }
    ]
    expect(joinHistory(layers(3), history).map(l => [l.digest, l.compressed, l.createdBy])).toEqual([
      ['sha256:0', 10, 'ADD file:abc in /'],
      ['sha256:1', 20, 'RUN make'],
      ['sha256:2', 30, 'COPY . /app']
    ])
  })

  test.each([
    ['no history', undefined],
    ['shorter history', [{ created_by: 'COPY a b' }]]
  ])('%s leaves createdBy empty where unknown', (_name, history) => {
    const joined = joinHistory(layers(2), history)
    expect(joined).toHaveLength(2)
    expect(joined[1]!.createdBy).toBe('')
  })

  test('an imported base layer is named by its comment, BuildKit comments are not', () => {
    const history = [
      { created_by: '', comment: 'Imported from -' },
      { created_by: '', comment: 'buildkit.dockerfile.v0' }
    ]
    expect(joinHistory(layers(2), history).map(l => l.createdBy)).toEqual(['Imported from -', ''])
  })
})

describe('manifest shapes', () => {
  const image = (arch: string, extra: Partial<Descriptor> = {}): Descriptor => ({
    mediaType: MEDIA_TYPES.ociManifest,
    digest: `sha256:${arch}`,
    size: 500,
    platform: { os: 'linux', architecture: arch },
    ...extra
  })
  const attestation = (ref: string): Descriptor => ({
    mediaType: MEDIA_TYPES.ociManifest,
    digest: `sha256:att-${ref}`,
    size: 800,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: { 'vnd.docker.reference.digest': ref, 'vnd.docker.reference.type': 'attestation-manifest' }
  })

  test.each([
    [MEDIA_TYPES.ociIndex, {}, 'index'],
    [MEDIA_TYPES.dockerList, {}, 'index'],
    [MEDIA_TYPES.ociManifest, {}, 'manifest'],
    [MEDIA_TYPES.dockerManifest, {}, 'manifest'],
    ['', { manifests: [] }, 'index'],
    [undefined, { config: { digest: 'x', size: 1 }, layers: [] }, 'manifest']
  ])('%s %j → %s', (mediaType, body, kind) => {
    expect(manifestKind(mediaType, body)).toBe(kind)
  })

  test.each([
    [{ schemaVersion: 1, fsLayers: [] }, /schema 1/],
    [{ foo: 1 }, /Unsupported manifest type/]
  ])('rejects %j', (body, message) => {
    expect(() => manifestKind('application/json', body)).toThrow(message)
  })

  test('an index with attestation manifests keeps only the images', () => {
    const index = {
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [image('amd64'), image('arm64'), attestation('sha256:amd64'), attestation('sha256:arm64')]
    }
    expect(imageManifestsOf(index).map(d => d.digest)).toEqual(['sha256:amd64', 'sha256:arm64'])
  })

  test.each([
    [{ digest: 'd', size: 1 }, false],
    [{ digest: 'd', size: 1, platform: { os: 'unknown', architecture: 'unknown' } }, true],
    [{ digest: 'd', size: 1, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }, true],
    [{ digest: 'd', size: 1, platform: { os: 'linux', architecture: 'unknown' } }, false]
  ])('isAttestation(%j) = %s', (descriptor, expected) => {
    expect(isAttestation(descriptor)).toBe(expected)
  })

  test('a docker manifest list without attestations', () => {
    const list = {
      mediaType: MEDIA_TYPES.dockerList,
      manifests: [
        image('amd64'),
        image('arm', { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } })
      ]
    }
    expect(imageManifestsOf(list).map(d => platformString(d.platform))).toEqual([
      'linux/amd64',
      'linux/arm/v7'
    ])
  })

  test.each([
    [undefined, 'unknown/unknown'],
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    [{ os: 'windows', architecture: 'amd64' }, 'windows/amd64']
  ])('platformString(%j) = %s', (platform, expected) => {
    expect(platformString(platform)).toBe(expected)
  })

  test('measureManifest sums layer and config sizes from descriptors', () => {
    const manifest = {
      mediaType: MEDIA_TYPES.dockerManifest,
      config: { digest: 'sha256:c', size: 1500 },
      layers: [
        { digest: 'sha256:l1', size: 1000 },
        { digest: 'sha256:l2', size: 250 }
      ]
    }
    const config = {
      os: 'linux',
      architecture: 'arm64',
      history: [{ created_by: 'ADD rootfs /' }, { created_by: 'RUN /bin/sh -c make # buildkit' }]
    }
    expect(measureManifest(manifest, config)).toEqual({
      platform: 'linux/arm64',
      compressed: 2750,
      disk: null,
      layers: [
        { digest: 'sha256:l1', compressed: 1000, disk: null, createdBy: 'ADD rootfs /' },
        { digest: 'sha256:l2', compressed: 250, disk: null, createdBy: 'RUN make' }
      ]
    })
    expect(
      measureManifest(manifest, config, { os: 'linux', architecture: 'arm64', variant: 'v8' }).platform
    ).toBe('linux/arm64/v8')
  })

  test("each layer keeps its descriptor's media type: a plain tar is what every pull downloads", () => {
    const manifest = {
      mediaType: MEDIA_TYPES.ociManifest,
      config: { digest: 'sha256:c', size: 10 },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: 'sha256:l1', size: 5_000_000 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: 'sha256:l2', size: 100 },
        { digest: 'sha256:l3', size: 1 }
      ]
    }
    expect(
      measureManifest(manifest, { os: 'linux', architecture: 'amd64' }).layers.map(l => l.mediaType)
    ).toEqual([
      'application/vnd.oci.image.layer.v1.tar',
      'application/vnd.oci.image.layer.v1.tar+zstd',
      undefined
    ])
  })
})

describe('applyLocalSizes: on-disk sizes from the local engine for a registry or OCI measurement', () => {
  const history = [
    { created_by: 'ADD base /' },
    { created_by: 'ENV A=1', empty_layer: true },
    { created_by: 'RUN make' }
  ]
  const measured = (arch: string, diffIds: [string, string]): MeasuredPlatform => ({
    platform: `linux/${arch}`,
    compressed: 310,
    disk: null,
    layers: [
      {
        digest: `sha256:${arch}-1`,
        compressed: 300,
        disk: null,
        createdBy: 'ADD base /',
        diffId: diffIds[0]
      },
      { digest: `sha256:${arch}-2`, compressed: 10, disk: null, createdBy: 'RUN make', diffId: diffIds[1] }
    ],
    configDigest: `sha256:config-${arch}`,
    manifestDigest: `sha256:manifest-${arch}`,
    history
  })
  const amd = measured('amd64', ['sha256:base', 'sha256:amd-make'])
  // Another platform sharing no content, and one sharing the base layer's content (same diff ID).
  const arm = measured('arm64', ['sha256:arm-base', 'sha256:arm-make'])
  const twin = measured('s390x', ['sha256:base', 'sha256:s390x-make'])
  const local = (id: string, over: Partial<LocalFacts> = {}): LocalFacts => ({
    id,
    size: 9500,
    platform: 'linux/amd64',
    historySizes: [8000, 0, 1000],
    ...over
  })
  const disks = (platforms: ReturnType<typeof applyLocalSizes>) =>
    platforms.map(p => [p.platform, p.disk, ...p.layers.map(l => l.disk)])

  test.each<[string, MeasuredPlatform[], LocalFacts | null, string | null, unknown[]]>([
    ['not in the local engine', [amd], null, null, [['linux/amd64', null, null, null]]],
    [
      'classic store: the local ID is the config digest',
      [amd],
      local('sha256:config-amd64'),
      null,
      [['linux/amd64', 9000, 8000, 1000]]
    ],
    [
      'containerd store, one platform: the local ID is the manifest digest',
      [amd],
      local('sha256:manifest-amd64'),
      'sha256:manifest-amd64',
      [['linux/amd64', 9000, 8000, 1000]]
    ],
    [
      'containerd store, an index: the local ID is the index digest, the platform picks the image',
      [amd, arm],
      local('sha256:index'),
      'sha256:index',
      [
        ['linux/amd64', 9000, 8000, 1000],
        ['linux/arm64', null, null, null]
      ]
    ],
    [
      'a layer with the same content elsewhere takes the same size; a partly known platform has no total',
      [amd, twin],
      local('sha256:config-amd64'),
      null,
      [
        ['linux/amd64', 9000, 8000, 1000],
        ['linux/s390x', null, 8000, null]
      ]
    ],
    [
      'config without diff IDs: the local platform still takes its own layer sizes',
      [
        {
          ...amd,
          layers: amd.layers.map(({ diffId: _diffId, ...l }) => l)
        }
      ],
      local('sha256:config-amd64'),
      null,
      [['linux/amd64', 9000, 8000, 1000]]
    ],
    [
      'a different local image with the same tag: nothing is taken from it',
      [amd],
      local('sha256:other'),
      'sha256:index',
      [['linux/amd64', null, null, null]]
    ],
    [
      'classic store, docker history unreadable or of another length: the image size only',
      [amd],
      local('sha256:config-amd64', { historySizes: [1, 2] }),
      null,
      [['linux/amd64', 9500, null, null]]
    ],
    [
      'containerd store, docker history unreadable: no size (its Size counts compressed blobs)',
      [amd],
      local('sha256:index', { historySizes: null }),
      'sha256:index',
      [['linux/amd64', null, null, null]]
    ]
  ])('%s', (_name, platforms, facts, root, expected) => {
    expect(disks(applyLocalSizes(platforms, facts, root))).toEqual(expected)
  })

  test('every layer known: the platform gets their sum; the matching fields are not kept', () => {
    const both = measured('s390x', ['sha256:base', 'sha256:amd-make'])
    const [, filled] = applyLocalSizes([amd, both], local('sha256:config-amd64'), null)
    expect(filled!.disk).toBe(9000)
    expect(Object.keys(filled!).sort()).toEqual(['compressed', 'configDigest', 'disk', 'layers', 'platform'])
  })
})

describe('local engine helpers', () => {
  test.each([
    ['app', 'app', []],
    ['app:1', 'app', ['1']],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app', []],
    ['127.0.0.1:5000/app:v2', '127.0.0.1:5000/app', ['v2']],
    [`app:v@sha256:${'b'.repeat(64)}`, 'app', ['v']],
    ['localhost:5000/a/b:t', 'localhost:5000/a/b', ['t']],
    [`a@sha256:${'b'.repeat(64)}`, 'a', []],
    [`localhost:5000/a/b:t@sha256:${'b'.repeat(64)}`, 'localhost:5000/a/b', ['t']],
    ['alpine:3.20', 'alpine', ['3.20']],
    ['acme/api', 'acme/api', []]
  ])('splitLocalReference(%s)', (ref, image, tags) => {
    expect(splitLocalReference(ref)).toEqual({ image, tags })
  })

  test('docker history rows are newest first; sizes come back oldest first', () => {
    const output = [
      '{"CreatedBy":"RUN b","Size":"2"}',
      '{"CreatedBy":"ENV","Size":"0"}',
      '{"Size":"1984230"}',
      ''
    ].join('\n')
    expect(parseDockerHistory(output)).toEqual([1984230, 0, 2])
  })

  test.each([
    ['aligned', [100, 0, 7], [{}, { empty_layer: true }, {}], 2, [100, 7]],
    ['length mismatch', [100, 7], [{}, { empty_layer: true }, {}], 2, [null, null]],
    ['no history', [100], undefined, 1, [null]],
    ['fewer makers than layers', [100, 0], [{}, { empty_layer: true }], 2, [100, null]]
  ])('layerDiskSizes: %s', (_name, sizes, history, layers, expected) => {
    expect(layerDiskSizes(sizes, history, layers)).toEqual(expected)
  })

  test('mapLimit keeps order and bounds concurrency', async () => {
    let inFlight = 0
    let peak = 0
    const result = await mapLimit([5, 1, 4, 2, 3, 0], 2, async n => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise(resolve => setTimeout(resolve, n))
      inFlight--
      return n * 10
    })
    expect(result).toEqual([50, 10, 40, 20, 30, 0])
    expect(peak).toBe(2)
    expect(await mapLimit([], 3, async x => x)).toEqual([])
  })
})
