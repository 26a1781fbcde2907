import { describe, expect, test } from '@jest/globals'
import type { Baseline, ImageMeasurement, LayerInfo } from '../../../src/report/model.js'
import { alignWithBaseline, compareSizes } from '../../../src/report/size.js'

const layer = (diffId: string | undefined, compressed: number, createdBy = diffId ?? 'x'): LayerInfo => ({
  digest: null,
  compressed,
  disk: null,
  createdBy,
  ...(diffId ? { diffId } : {})
})

const image = (layers: LayerInfo[], source: ImageMeasurement['source'], config = 500): ImageMeasurement => ({
  image: 'app',
  target: 'runtime',
  tags: [],
  digest: null,
  platforms: [
    {
      platform: 'linux/amd64',
      compressed: layers.reduce((n, l) => n + l.compressed, 0) + config,
      disk: null,
      layers
    }
  ],
  measuredAt: '2026-01-01T00:00:00Z',
  source
})

const baselineOf = (m: ImageMeasurement): Baseline => ({ measurement: m, origin: 'cache', ref: 'main' })
const pushedMain = image(
  [
    { ...layer('sha256:base', 1_000_000), digest: 'sha256:blob-base' },
    { ...layer('sha256:app', 300), digest: 'sha256:blob-app' }
  ],
  'registry'
)

describe('alignWithBaseline: local gzip estimates against pushed sizes', () => {
  test('an unchanged image measured locally shows no change', () => {
    const local = image([layer('sha256:base', 1_012_000), layer('sha256:app', 280)], 'docker-save')
    const aligned = alignWithBaseline(local, baselineOf(pushedMain))
    expect(compareSizes(aligned, baselineOf(pushedMain)).total.deltaBytes).toBe(0)
    expect(aligned.platforms[0]?.layers.map(l => l.digest)).toEqual(['sha256:blob-base', 'sha256:blob-app'])
  })

  test('a new layer keeps its estimate; the unchanged ones take the pushed size', () => {
    const local = image(
      [layer('sha256:base', 1_012_000), layer('sha256:app', 280), layer('sha256:new', 5_000)],
      'docker-save'
    )
    const delta = compareSizes(alignWithBaseline(local, baselineOf(pushedMain)), baselineOf(pushedMain)).total
      .deltaBytes
    expect(delta).toBe(5_000)
  })

  test.each([
    ['a registry measurement is left as it is', image([layer('sha256:base', 999)], 'registry')],
    [
      'layers without diff IDs (old baselines) are left as they are',
      image([layer(undefined, 999)], 'docker-save')
    ]
  ])('%s', (_name, current) => {
    expect(alignWithBaseline(current, baselineOf(pushedMain))).toEqual(current)
  })

  test('a pushed size comes with the pushed media type: an uncompressed base stays flagged as such', () => {
    const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'
    const TAR = 'application/vnd.oci.image.layer.v1.tar'
    const main = image(
      [
        { ...layer('sha256:base', 5_000_000), mediaType: TAR },
        { ...layer('sha256:app', 300), mediaType: GZIP }
      ],
      'registry'
    )
    const old = image([layer('sha256:base', 5_000_000), layer('sha256:app', 300)], 'registry')
    const local = image(
      [
        { ...layer('sha256:base', 1_900_000), mediaType: GZIP },
        { ...layer('sha256:app', 280), mediaType: GZIP }
      ],
      'docker-save'
    )
    expect(alignWithBaseline(local, baselineOf(main)).platforms[0]?.layers.map(l => l.mediaType)).toEqual([
      TAR,
      GZIP
    ])
    // A baseline of an older run has no media type: the estimate's stays.
    expect(alignWithBaseline(local, baselineOf(old)).platforms[0]?.layers.map(l => l.mediaType)).toEqual([
      GZIP,
      GZIP
    ])
  })

  test('no baseline: nothing to align with', () => {
    const local = image([layer('sha256:base', 1)], 'docker-save')
    expect(alignWithBaseline(local, null)).toBe(local)
  })
})
