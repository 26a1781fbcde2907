import { describe, expect, test } from '@jest/globals'
import {
  aggregateEntries,
  classifyEntry,
  normalizePath,
  type AggregateLimits,
  type ListedEntry
} from '../../../../src/report/files/aggregate.js'

const file = (name: string, size: number): ListedEntry => ({ name, size, type: '0' })

describe('normalizePath', () => {
  test.each([
    ['usr/bin/x', '/usr/bin/x'],
    ['./usr//bin/x/', '/usr/bin/x'],
    ['../../etc/passwd', '/etc/passwd'],
    ['.', '/'],
    ['a/./b/../c', '/a/b/c']
  ])('%s → %s', (input, expected) => expect(normalizePath(input)).toBe(expected))

  test('cuts very long paths with an ellipsis', () => {
    const cut = normalizePath(`a/${'x'.repeat(5000)}`, 100)
    expect(cut).toHaveLength(100)
    expect(cut.endsWith('…')).toBe(true)
  })
})

describe('classifyEntry', () => {
  test.each<[ListedEntry, ReturnType<typeof classifyEntry>]>([
    [file('app/a.js', 3), { kind: 'file', path: '/app/a.js' }],
    [{ name: 'app/', size: 0, type: '5' }, { kind: 'skip' }],
    [{ name: 'app/link', size: 0, type: '2' }, { kind: 'skip' }],
    [{ name: 'app/hard', size: 0, type: '1' }, { kind: 'skip' }],
    [
      { name: 'app/c', size: 9, type: '7' },
      { kind: 'file', path: '/app/c' }
    ],
    [file('tmp/.wh.big.bin', 0), { kind: 'delete', deletion: { path: '/tmp/big.bin', opaque: false } }],
    [file('.wh.tmp', 0), { kind: 'delete', deletion: { path: '/tmp', opaque: false } }],
    [file('var/cache/.wh..wh..opq', 0), { kind: 'delete', deletion: { path: '/var/cache', opaque: true } }],
    [file('.wh..wh..opq', 0), { kind: 'delete', deletion: { path: '/', opaque: true } }],
    [file('x/.wh..wh.plnk', 0), { kind: 'skip' }],
    [file('x/.wh.', 0), { kind: 'file', path: '/x/.wh.' }]
  ])('%j', (entry, expected) => expect(classifyEntry(entry)).toEqual(expected))
})

describe('aggregateEntries', () => {
  test('sums files into every ancestor directory, largest first', () => {
    const { summary } = aggregateEntries([
      file('usr/share/doc/a/README', 1000),
      file('usr/share/doc/b/README', 3000),
      file('usr/bin/tool', 500),
      file('app/index.js', 10),
      { name: 'usr/share/', size: 0, type: '5' },
      file('etc/.wh.old.conf', 0)
    ])
    expect(summary.files).toBe(4)
    expect(summary.bytes).toBe(4510)
    expect(summary.dirs.slice(0, 4)).toEqual([
      { path: '/usr/', bytes: 4500, files: 3 },
      { path: '/usr/share/', bytes: 4000, files: 2 },
      { path: '/usr/share/doc/', bytes: 4000, files: 2 },
      { path: '/usr/share/doc/b/', bytes: 3000, files: 1 }
    ])
    expect(summary.top[0]).toEqual({ path: '/usr/share/doc/b/README', bytes: 3000 })
    expect(summary.deleted).toEqual(['/etc/old.conf'])
    expect(summary.deletedCount).toBe(1)
    expect(summary.dirsComplete).toBe(true)
    expect(summary.topComplete).toBe(true)
  })

  test('memory is bounded by the directories kept; files beyond still count in totals', () => {
    const limits: AggregateLimits = { maxDepth: 2, maxDirs: 3, keepFiles: 2, keepDeleted: 1, maxPath: 50 }
    const entries = Array.from({ length: 100 }, (_, i) => file(`d${i % 10}/sub${i}/deep/f${i}`, i + 1))
    entries.push(file('a/.wh.x', 0), file('a/.wh.y', 0))
    const listing = aggregateEntries(entries, limits)
    expect(listing.dirsKept).toBe(3)
    expect(listing.summary.files).toBe(100)
    expect(listing.summary.bytes).toBe(5050)
    expect(listing.summary.dirsComplete).toBe(false)
    expect(listing.files.map(f => f.bytes)).toEqual([100, 99])
    expect(listing.summary.topComplete).toBe(false)
    expect(listing.deletions).toHaveLength(1)
    expect(listing.summary.deletedCount).toBe(2)
    // Depth 2: /dX/ and /dX/subY/, never /dX/subY/deep/.
    expect(listing.summary.dirs.every(d => d.path.split('/').length <= 4)).toBe(true)
  })

  test('an opaque whiteout is listed as the directory emptied', () => {
    expect(aggregateEntries([file('var/cache/.wh..wh..opq', 0)]).summary.deleted).toEqual(['/var/cache/*'])
  })
})
