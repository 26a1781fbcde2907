import { describe, expect, test } from '@jest/globals'
import { aggregateEntries, type ListedEntry } from '../../../../src/report/files/aggregate.js'
import {
  carriedSummary,
  deletionsOf,
  describeGrowth,
  layersToList
} from '../../../../src/report/files/describe.js'
import type { LayerFiles, LayerInfo } from '../../../../src/report/model.js'
import { baselineOf, image, layer, platform } from '../fixtures.js'

const file = (name: string, size: number): ListedEntry => ({ name, size, type: '0' })
const summaryOf = (...entries: ListedEntry[]): LayerFiles => aggregateEntries(entries).summary

const base = layer('FROM busybox', 1000, 'sha256:base')
const app = layer('COPY app /app', 500, 'sha256:app1')

describe('layersToList', () => {
  test('only new and changed layers, never the unchanged ones', () => {
    const now = platform('linux/amd64', [
      base,
      layer('COPY app /app', 700, 'sha256:app2'),
      layer('RUN head -c 300000 /dev/urandom > /blob', 300_100, 'sha256:blob')
    ])
    const before = platform('linux/amd64', [base, app])
    expect(layersToList(now, before).map(i => [i.number, i.kind, i.baseline?.digest ?? null])).toEqual([
      [3, 'added', null],
      [2, 'changed', 'sha256:app1']
    ])
    expect(layersToList(now, before, 1)).toHaveLength(1)
  })
})

describe('carriedSummary and deletionsOf', () => {
  const files = summaryOf(file('app/a', 5), file('tmp/.wh.x', 0), file('var/.wh..wh..opq', 0))
  test.each<[string, LayerInfo, boolean]>([
    ['same digest', { ...base }, true],
    ['same diff ID', { ...layer('FROM busybox', 1000, null), diffId: 'sha256:d' }, true],
    ['another layer', layer('FROM busybox', 1000, 'sha256:other'), false]
  ])('%s', (_, current, carried) => {
    const baseline = [{ ...base, diffId: 'sha256:d', files }]
    expect(carriedSummary(current, baseline)).toEqual(carried ? files : undefined)
  })
  test('deletions round-trip through the stored summary', () => {
    expect(deletionsOf(files)).toEqual([
      { path: '/tmp/x', opaque: false },
      { path: '/var', opaque: true }
    ])
  })
})

describe('describeGrowth', () => {
  const writeThenDelete = [
    base,
    layer('RUN head -c 1048576 /dev/urandom > /tmp/big', 1_050_000, 'sha256:w'),
    layer('RUN rm /tmp/big', 200, 'sha256:d')
  ]
  const listings: Record<string, ListedEntry[]> = {
    'sha256:w': [file('tmp/big', 1_048_576)],
    'sha256:d': [file('tmp/.wh.big', 0)],
    'sha256:app2': [file('app/index.js', 700), file('app/new.js', 300)]
  }
  const read = async (l: LayerInfo) => {
    const entries = listings[l.digest ?? '']
    if (!entries) throw new Error(`unexpected read of ${l.digest}`)
    return aggregateEntries(entries)
  }

  test('no baseline: nothing is listed', async () => {
    const now = image([platform('linux/amd64', writeThenDelete)])
    const result = await describeGrowth(now, null, read)
    expect(result.grew).toBeNull()
    expect(result.measurement).toBe(now)
  })

  test('write then delete in two RUN steps: flagged as still shipped; summaries put on the layers', async () => {
    const now = image([platform('linux/amd64', writeThenDelete)])
    const before = baselineOf(
      image([platform('linux/amd64', [{ ...base, files: summaryOf(file('bin/sh', 900)) }])])
    )
    const { measurement, grew } = await describeGrowth(now, before, read)
    expect(grew?.stillShipped).toEqual([
      { path: '/tmp/big', bytes: 1_048_576, writtenIn: 2, deletedIn: 3, deletedBy: 'RUN rm /tmp/big' }
    ])
    expect(grew?.layers.map(l => [l.number, l.kind, l.files, l.bytes])).toEqual([
      [2, 'added', 1, 1_048_576],
      [3, 'added', 0, 0]
    ])
    const layers = measurement.platforms[0]!.layers
    // The unchanged base layer keeps the baseline's summary; it was not read.
    expect(layers.map(l => l.files?.files)).toEqual([1, 1, 0])
    expect(layers[2]?.files?.deleted).toEqual(['/tmp/big'])
  })

  test('a changed layer is compared with the baseline summary of the same instruction', async () => {
    const now = image([platform('linux/amd64', [base, layer('COPY app /app', 700, 'sha256:app2')])])
    const before = baselineOf(
      image([platform('linux/amd64', [base, { ...app, files: summaryOf(file('app/index.js', 500)) }])])
    )
    const { grew } = await describeGrowth(now, before, read)
    expect(grew?.layers[0]).toMatchObject({ number: 2, kind: 'changed', compared: true, baselineBytes: 500 })
    expect(grew?.layers[0]?.changes.map(c => [c.path, c.kind, c.before, c.after])).toEqual([
      ['/app/', 'grew', 500, 1000],
      ['/app/new.js', 'new', 0, 300],
      ['/app/index.js', 'grew', 500, 700]
    ])
  })

  test('a layer that cannot be read is named with the reason; the others are listed', async () => {
    const now = image([
      platform('linux/amd64', [base, layer('RUN x', 10, 'sha256:zzz'), ...writeThenDelete.slice(1)])
    ])
    const before = baselineOf(image([platform('linux/amd64', [base])]))
    const { grew } = await describeGrowth(now, before, read)
    expect(grew?.unlisted).toEqual([
      { number: 2, createdBy: 'RUN x', reason: 'unexpected read of sha256:zzz' }
    ])
    expect(grew?.layers).toHaveLength(2)
  })
})

describe('describeGrowth time budget', () => {
  test('layers not started when the time is up are named as not listed', async () => {
    const now = image([
      platform('linux/amd64', [base, layer('RUN a', 300, 'sha256:a'), layer('RUN b', 200, 'sha256:b')])
    ])
    const before = baselineOf(image([platform('linux/amd64', [base])]))
    let clock = 0
    const timeouts: number[] = []
    const { grew } = await describeGrowth(
      now,
      before,
      async (_l, _i, timeoutMs) => {
        timeouts.push(timeoutMs)
        clock += 1500
        return aggregateEntries([file('x', 1)])
      },
      { concurrency: 1, budgetMs: 1000.7, now: () => clock }
    )
    expect(timeouts).toEqual([1000])
    expect(grew?.layers.map(l => l.number)).toEqual([2])
    expect(grew?.unlisted).toEqual([
      { number: 3, createdBy: 'RUN b', reason: 'the time for listing (1 s) ran out first' }
    ])
  })
})
