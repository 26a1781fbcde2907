import { describe, expect, test } from '@jest/globals'
import { diffLayerFiles, stillShipped, type KnownLayer } from '../../../../src/report/files/grew.js'
import type { LayerFiles } from '../../../../src/report/model.js'

function summary(dirs: Record<string, number>, top: Record<string, number>, complete = true): LayerFiles {
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
  return {
    files: Object.keys(top).length,
    bytes: Object.values(top).reduce((a, b) => a + b, 0),
    dirs: list(dirs),
    dirsComplete: complete,
    top: list(top),
    topComplete: complete,
    deleted: [],
    deletedCount: 0
  }
}

describe('diffLayerFiles', () => {
  test('a new layer: everything is new; a directory explained by one file is left out', () => {
    const now = summary({ '/app/': 300_000 }, { '/app/big.bin': 300_000 })
    expect(diffLayerFiles(now, null)).toEqual([
      { path: '/app/big.bin', kind: 'new', before: 0, after: 300_000, delta: 300_000 }
    ])
  })

  test('new, grew, shrank and gone against the same instruction in the baseline', () => {
    const before = summary(
      { '/usr/': 5000, '/usr/share/': 4000, '/usr/share/doc/': 1000, '/usr/lib/': 1000, '/old/': 70 },
      { '/usr/lib/a.so': 1000, '/old/x': 70, '/usr/share/man.gz': 3000 }
    )
    const now = summary(
      { '/usr/': 9000, '/usr/share/': 8000, '/usr/share/doc/': 5000, '/usr/lib/': 1000, '/new/': 40 },
      { '/usr/lib/a.so': 1000, '/new/y': 40, '/usr/share/man.gz': 3000, '/usr/share/doc/big': 4000 }
    )
    // /usr/, /usr/share/ and /usr/share/doc/ grew by what /usr/share/doc/big explains.
    const changes = diffLayerFiles(now, before)
    expect(changes.map(c => [c.path, c.kind, c.before, c.after, c.delta])).toEqual([
      ['/usr/share/doc/big', 'new', 0, 4000, 4000],
      ['/new/y', 'new', 0, 40, 40],
      ['/old/x', 'gone', 70, 0, -70]
    ])
  })

  test('a path below a truncated baseline summary has an unknown size before', () => {
    const before = summary({ '/a/': 100 }, { '/a/f': 100 }, false)
    const now = summary({ '/a/': 100, '/b/': 50 }, { '/a/f': 100, '/b/g': 50 })
    const [change] = diffLayerFiles(now, before)
    expect(change).toEqual({ path: '/b/g', kind: 'grew', before: null, after: 50, delta: 50 })
  })

  test('a truncated current summary claims nothing is gone', () => {
    const before = summary({ '/a/': 100 }, { '/a/f': 100 })
    const now = summary({ '/b/': 100 }, { '/b/f': 100 }, false)
    expect(diffLayerFiles(now, before).some(c => c.kind === 'gone')).toBe(false)
  })
})

describe('stillShipped', () => {
  const layer = (
    number: number,
    files: Record<string, number>,
    deletions: KnownLayer['deletions'],
    listed = true
  ): KnownLayer => ({
    number,
    createdBy: `RUN step ${number}`,
    files: Object.entries(files).map(([path, bytes]) => ({ path, bytes })),
    deletions,
    listed
  })

  test.each<[string, KnownLayer[], Array<[string, number, number]>]>([
    [
      'a file written then deleted',
      [layer(3, { '/tmp/big.bin': 1_048_576 }, []), layer(5, {}, [{ path: '/tmp/big.bin', opaque: false }])],
      [['/tmp/big.bin', 3, 5]]
    ],
    [
      'a deleted directory takes its files',
      [layer(1, { '/build/out/a': 10, '/buildx': 5 }, []), layer(2, {}, [{ path: '/build', opaque: false }])],
      [['/build/out/a', 1, 2]]
    ],
    [
      'an opaque directory hides what earlier layers put there',
      [
        layer(1, { '/var/cache/x': 7, '/var/y': 1 }, []),
        layer(2, {}, [{ path: '/var/cache', opaque: true }])
      ],
      [['/var/cache/x', 1, 2]]
    ],
    [
      'a deletion before the write does not count',
      [layer(1, {}, [{ path: '/a', opaque: false }]), layer(2, { '/a': 5 }, [])],
      []
    ],
    [
      'old news (neither layer listed now) is left out',
      [layer(1, { '/a': 5 }, [], false), layer(2, {}, [{ path: '/a', opaque: false }], false)],
      []
    ],
    [
      'the first deletion counts once',
      [
        layer(1, { '/a': 5 }, []),
        layer(2, {}, [{ path: '/a', opaque: false }]),
        layer(3, {}, [{ path: '/a', opaque: false }])
      ],
      [['/a', 1, 2]]
    ]
  ])('%s', (_, layers, expected) => {
    expect(stillShipped(layers).map(s => [s.path, s.writtenIn, s.deletedIn])).toEqual(expected)
  })
})
