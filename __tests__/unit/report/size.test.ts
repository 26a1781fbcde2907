import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/errors.js'
import {
  compareSizes,
  deltaTier,
  diffLayers,
  formatBytes,
  formatPercent,
  formatSignedBytes,
  layerCompression,
  parseIncrease,
  parseSize,
  uncompressedLayers,
  type DeltaTier
} from '../../../src/report/size.js'
import { baselineOf, image, layer, platform, sized } from './fixtures.js'

describe('parseSize', () => {
  test.each([
    ['0', 0],
    ['157286400', 157_286_400],
    ['150MB', 150_000_000],
    ['150 MB', 150_000_000],
    ['  150mb  ', 150_000_000],
    ['150Mb', 150_000_000],
    ['1.5GB', 1_500_000_000],
    ['1.5 gb', 1_500_000_000],
    ['.5GB', 500_000_000],
    ['512B', 512],
    ['512 b', 512],
    ['10kB', 10_000],
    ['10KB', 10_000],
    ['10 KiB', 10_240],
    ['150MiB', 157_286_400],
    ['1GiB', 1_073_741_824],
    ['1.5 MiB', 1_572_864],
    ['2TB', 2_000_000_000_000],
    ['0.0001 kB', 0]
  ])('%j → %d bytes', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes)
  })

  test.each([
    '',
    ' ',
    '15 parsecs',
    'MB',
    '-5MB',
    '1.5',
    '1,5MB',
    '1e6',
    '10 M B',
    '10%',
    'ten MB',
    '1.2.3MB',
    '9'.repeat(30)
  ])('%j is rejected with a UserError naming the input', input => {
    let error: unknown
    try {
      parseSize(input, 'max-size')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      `max-size: ${JSON.stringify(input)} is not a size; use e.g. 150MB or 157286400`
    )
  })
})

describe('parseIncrease', () => {
  test.each([
    ['10%', { kind: 'percent', value: 10 }],
    [' 2.5 % ', { kind: 'percent', value: 2.5 }],
    ['0%', { kind: 'percent', value: 0 }],
    ['5MB', { kind: 'bytes', value: 5_000_000 }],
    ['1048576', { kind: 'bytes', value: 1_048_576 }],
    ['1 MiB', { kind: 'bytes', value: 1_048_576 }]
  ])('%j → %j', (input, expected) => {
    expect(parseIncrease(input)).toEqual(expected)
  })

  test.each(['', '%', '-10%', 'ten percent', '10 %%', '5 parsecs'])('%j is rejected', input => {
    expect(() => parseIncrease(input)).toThrow(UserError)
    expect(() => parseIncrease(input)).toThrow(
      `max-increase: ${JSON.stringify(input)} is neither a percentage nor a size`
    )
  })
})

describe('formatBytes', () => {
  test.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1234, '1.23 kB'],
    [12_345, '12.3 kB'],
    [123_456, '123 kB'],
    [999_499, '999 kB'],
    [999_999, '1.00 MB'],
    [12_300_000, '12.3 MB'],
    [162_000_000, '162 MB'],
    [1_500_000_000, '1.50 GB'],
    [3_000_000_000_000, '3.00 TB'],
    [-340_000, '−340 kB']
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  test.each([
    [0, '±0 B'],
    [1_200_000, '+1.20 MB'],
    [-340_000, '−340 kB'],
    [5, '+5 B']
  ])('signed %d → %s', (bytes, text) => {
    expect(formatSignedBytes(bytes)).toBe(text)
  })

  test.each([
    [10.84, false, '10.8%'],
    [97.5, false, '97.5%'],
    [10.84, true, '+10.8%'],
    [-3.21, true, '−3.2%'],
    [0, true, '±0.0%'],
    [0.01, true, '±0.0%'],
    [-0.04, true, '±0.0%']
  ])('percent %d (signed %s) → %s', (value, signed, text) => {
    expect(formatPercent(value, signed)).toBe(text)
  })
})

describe('deltaTier', () => {
  test.each<[number, number | null, DeltaTier]>([
    [0, 0, 'unchanged'],
    [-20_000_000, -20, 'big-decrease'],
    [-10_000_000, -10, 'big-decrease'],
    [-1_000_000, -9.9, 'decrease'],
    [-100, null, 'decrease'],
    [5_000, 50, 'negligible'],
    [500_000, 0.5, 'negligible'],
    [2_000_000, 0.5, 'growth'],
    [200_000, 2, 'growth'],
    [200_000, null, 'growth'],
    [1_000_000, 10, 'large-growth'],
    [100_000_000, 1, 'large-growth']
  ])('%d bytes, %s%% → %s', (bytes, percent, tier) => {
    expect(deltaTier(bytes, percent)).toBe(tier)
  })
})

describe('compareSizes', () => {
  test('without a baseline: current sizes only', () => {
    const comparison = compareSizes(sized(12_000_000), null)
    expect(comparison.hasBaseline).toBe(false)
    expect(comparison.total).toEqual({ current: 12_000_000, baseline: null, deltaBytes: null, percent: null })
    expect(comparison.platforms).toEqual([
      {
        platform: 'linux/amd64',
        status: 'no-baseline',
        current: 12_000_000,
        baseline: null,
        deltaBytes: null,
        percent: null
      }
    ])
  })

  test('one platform grew by 10%', () => {
    const comparison = compareSizes(sized(11_000_000), baselineOf(sized(10_000_000)))
    expect(comparison.total.deltaBytes).toBe(1_000_000)
    expect(comparison.total.percent).toBeCloseTo(10)
    expect(comparison.platforms[0]).toMatchObject({ status: 'compared', deltaBytes: 1_000_000 })
  })

  test('platforms added and removed are marked, and the total sums each side', () => {
    const current = image([
      platform('linux/amd64', [layer('a', 10)]),
      platform('linux/arm64', [layer('a', 12)])
    ])
    const before = image([
      platform('linux/amd64', [layer('a', 8)]),
      platform('linux/arm/v7', [layer('a', 6)])
    ])
    const comparison = compareSizes(current, baselineOf(before))
    expect(comparison.platforms.map(p => [p.platform, p.status, p.deltaBytes])).toEqual([
      ['linux/amd64', 'compared', 2],
      ['linux/arm64', 'new', null],
      ['linux/arm/v7', 'removed', null]
    ])
    expect(comparison.total).toMatchObject({ current: 22, baseline: 14, deltaBytes: 8 })
  })

  test('an empty baseline has no percentage', () => {
    expect(compareSizes(sized(5), baselineOf(image([platform('linux/amd64', [])]))).total.percent).toBeNull()
  })
})

describe('diffLayers', () => {
  const base = [
    layer('ADD rootfs.tar.gz /', 3_000_000, 'sha256:base'),
    layer('RUN apk add curl', 2_000_000, 'sha256:curl1'),
    layer('COPY app /app', 1_000_000, 'sha256:app1'),
    layer('RUN rm -rf /tmp/x', 50_000, 'sha256:rm')
  ]

  test.each<[string, ReturnType<typeof layer>[], Array<[string, string, number]>]>([
    ['identical images', base, []],
    [
      'one layer rebuilt bigger',
      [base[0]!, layer('RUN apk add curl', 2_500_000, 'sha256:curl2'), base[2]!, base[3]!],
      [['changed', 'RUN apk add curl', 500_000]]
    ],
    [
      'a layer added and one removed, biggest first',
      [base[0]!, base[1]!, base[2]!, layer('RUN apk add git', 8_000_000, 'sha256:git')],
      [
        ['added', 'RUN apk add git', 8_000_000],
        ['removed', 'RUN rm -rf /tmp/x', -50_000]
      ]
    ],
    [
      'same blob moved under another instruction counts as unchanged',
      [base[0]!, { ...base[1]!, createdBy: 'RUN apk add  curl # renamed' }, base[2]!, base[3]!],
      []
    ],
    [
      'instruction matching ignores the nop prefix and spacing',
      [base[0]!, base[1]!, layer('/bin/sh -c #(nop)   COPY  app /app', 900_000, 'sha256:app2'), base[3]!],
      [['changed', '/bin/sh -c #(nop)   COPY  app /app', -100_000]]
    ]
  ])('%s', (_name, current, expected) => {
    expect(diffLayers(current, base).map(c => [c.kind, c.createdBy, c.deltaBytes])).toEqual(expected)
  })

  test('repeated instructions pair in order; layers without digests compare by size', () => {
    const before = [layer('RUN x', 10), layer('RUN x', 20), layer('RUN y', 5)]
    const after = [layer('RUN x', 10), layer('RUN x', 25), layer('RUN y', 5)]
    const changes = diffLayers(after, before)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ kind: 'changed', deltaBytes: 5 })
    expect(changes[0]!.baseline?.compressed).toBe(20)
  })

  test('duplicate digests are paired one to one', () => {
    const empty = layer('WORKDIR /app', 32, 'sha256:empty')
    const changes = diffLayers([empty, empty, { ...empty, createdBy: 'USER app' }], [empty, empty])
    expect(changes.map(c => [c.kind, c.createdBy])).toEqual([['added', 'USER app']])
  })
})

describe('layerCompression', () => {
  test.each([
    ['application/vnd.oci.image.layer.v1.tar+gzip', 'gzip'],
    ['application/vnd.oci.image.layer.v1.tar+zstd', 'zstd'],
    ['application/vnd.oci.image.layer.v1.tar', 'none'],
    ['application/vnd.oci.image.layer.nondistributable.v1.tar', 'none'],
    ['application/vnd.oci.image.layer.nondistributable.v1.tar+gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.diff.tar.gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.diff.tar', 'none'],
    ['Application/VND.OCI.Image.Layer.v1.Tar', 'none'],
    ['application/vnd.oci.image.layer.v1.tar+gzip+encrypted', 'unknown'],
    ['application/wasm', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown']
  ])('%j is %s', (mediaType, expected) => {
    expect(layerCompression(mediaType)).toBe(expected)
  })
})

describe('uncompressedLayers', () => {
  const TAR = 'application/vnd.oci.image.layer.v1.tar'
  const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'
  const at = (
    compressed: number,
    mediaType: string | undefined,
    diffId?: string
  ): ReturnType<typeof layer> => ({
    ...layer('RUN x', compressed),
    ...(mediaType ? { mediaType } : {}),
    ...(diffId ? { diffId } : {})
  })
  test.each<[string, ReturnType<typeof layer>[], ReturnType<typeof layer>[], unknown]>([
    ['all compressed', [at(100, GZIP), at(5, GZIP)], [], null],
    ['media types unknown (records of older runs): not flagged', [at(100, undefined)], [], null],
    [
      'uncompressed, no compressed twin: count and size only',
      [at(180_000_000, TAR, 'sha256:base'), at(5, GZIP)],
      [],
      { count: 1, bytes: 180_000_000, compressedBytes: null }
    ],
    [
      'uncompressed with compressed twins in the baseline: what gzip makes of them',
      [at(150_000_000, TAR, 'sha256:a'), at(30_000_000, TAR, 'sha256:b'), at(5, GZIP, 'sha256:c')],
      [at(50_000_000, GZIP, 'sha256:a'), at(9_000_000, GZIP, 'sha256:b')],
      { count: 2, bytes: 180_000_000, compressedBytes: 59_000_000 }
    ],
    [
      'a twin that is itself uncompressed says nothing',
      [at(150_000_000, TAR, 'sha256:a')],
      [at(150_000_000, TAR, 'sha256:a')],
      { count: 1, bytes: 150_000_000, compressedBytes: null }
    ],
    [
      'only some twins known: no total',
      [at(150_000_000, TAR, 'sha256:a'), at(30_000_000, TAR, 'sha256:b')],
      [at(50_000_000, GZIP, 'sha256:a')],
      { count: 2, bytes: 180_000_000, compressedBytes: null }
    ]
  ])('%s', (_name, layers, elsewhere, expected) => {
    expect(uncompressedLayers([platform('linux/amd64', layers)], elsewhere)).toEqual(expected)
  })

  test('counted over every platform; a compressed twin on another platform counts', () => {
    const found = uncompressedLayers([
      platform('linux/amd64', [at(100, TAR, 'sha256:a')]),
      platform('linux/arm64', [at(40, GZIP, 'sha256:a'), at(70, TAR, 'sha256:b')])
    ])
    expect(found).toEqual({ count: 2, bytes: 170, compressedBytes: null })
  })
})
