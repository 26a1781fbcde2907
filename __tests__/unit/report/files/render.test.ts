import { describe, expect, test } from '@jest/globals'
import type { WhatGrew } from '../../../../src/report/files/grew.js'
import { pathCell, whatGrewSection } from '../../../../src/report/files/render.js'
import { renderReport } from '../../../../src/report/render.js'
import { baselineOf, image, layer, platform } from '../fixtures.js'

const FULL = { layers: 10, rows: 10, shipped: 20 }

function grewWith(paths: string[]): WhatGrew {
  return {
    platform: 'linux/amd64',
    layers: [
      {
        number: 2,
        createdBy: 'COPY big.bin /app/',
        kind: 'added',
        files: paths.length,
        bytes: paths.length * 1000,
        baselineBytes: null,
        compared: false,
        changes: paths.map((path, i) => ({ path, kind: 'new', before: 0, after: 1000 + i, delta: 1000 + i })),
        changesOmitted: 0,
        deleted: [],
        deletedCount: 0
      }
    ],
    stillShipped: [
      { path: paths[0]!, bytes: 1_048_576, writtenIn: 2, deletedIn: 3, deletedBy: 'RUN rm -f /tmp/@admin' }
    ],
    unlisted: []
  }
}

/** Cells of a table row, splitting only at pipes that are not backslash-escaped (as GFM does). */
function cells(row: string): number {
  let count = 0
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++
    else if (row[i] === '|') count++
  }
  return count - 1
}

describe('whatGrewSection', () => {
  test('a new 300 kB file and a deleted 1 MB file still shipped', () => {
    const grew: WhatGrew = {
      platform: 'linux/amd64',
      layers: [
        {
          number: 3,
          createdBy: 'COPY big.bin /app/big.bin',
          kind: 'added',
          files: 1,
          bytes: 300_000,
          baselineBytes: null,
          compared: false,
          changes: [{ path: '/app/big.bin', kind: 'new', before: 0, after: 300_000, delta: 300_000 }],
          changesOmitted: 0,
          deleted: [],
          deletedCount: 0
        }
      ],
      stillShipped: [
        { path: '/tmp/blob', bytes: 1_048_576, writtenIn: 4, deletedIn: 5, deletedBy: 'RUN rm /tmp/blob' }
      ],
      unlisted: [
        { number: 6, createdBy: 'RUN x', reason: 'a zstd layer needs Node 22.15 or later to be listed' }
      ]
    }
    const text = whatGrewSection(grew, FULL, 'the job summary').join('\n')
    expect(text).toContain(
      '<summary>🔎 What grew: +300 kB of files in 1 new or changed layer · ⚠️ 1 deleted file still shipped (1.05 MB)</summary>'
    )
    expect(text).toContain('| 🆕 | <code>/app/big.bin</code> | — | 300 kB | +300 kB |')
    expect(text).toContain(
      '- <code>/tmp/blob</code> 1.05 MB: written in layer 4, deleted in layer 5 (<code>RUN rm /tmp/blob</code>): **still shipped**'
    )
    expect(text).toContain(
      'Layer 6 <code>RUN x</code> was not listed: a zstd layer needs Node 22.15 or later to be listed.'
    )
  })

  test('only unlisted layers: the summary says so', () => {
    const text = whatGrewSection(
      {
        platform: 'p',
        layers: [],
        stillShipped: [],
        unlisted: [{ number: 2, createdBy: 'RUN x', reason: 'gone' }]
      },
      FULL,
      'x'
    ).join('\n')
    expect(text).toContain('<summary>🔎 What grew: 1 new or changed layer could not be listed</summary>')
    expect(text).toContain('- Layer 2 <code>RUN x</code> was not listed: gone.')
  })

  test('nothing listed: no section', () => {
    expect(whatGrewSection({ platform: 'p', layers: [], stillShipped: [], unlisted: [] }, FULL, 'x')).toEqual(
      []
    )
    expect(whatGrewSection(null, FULL, 'x')).toEqual([])
  })

  test.each([
    ['markdown', '/app/**bold** [x](http://evil) `tick` _u_', ['**bold**', '[x](http', '`tick`']],
    ['html', '/app/<img src=x onerror=alert(1)>.js', ['<img']],
    ['a table pipe', '/app/a|b|c', ['a|b']],
    ['a mention and a reference', '/app/@octocat/#123', ['@octocat', '#123']],
    ['a newline', '/app/line\n# heading', ['\n# heading']],
    ['html comment', '/app/<!-- x -->', ['<!--']],
    ['details break-out', '/app/</details><details open>', ['</details><details']]
  ])('a hostile path (%s) renders as text only', (_, path, forbidden) => {
    const text = whatGrewSection(grewWith([path]), FULL, 'x').join('\n')
    for (const bad of forbidden) expect(text).not.toContain(bad)
    for (const line of text.split('\n').filter(l => l.startsWith('|'))) expect(cells(line)).toBe(5)
    expect(text.split('\n').filter(l => l.startsWith('<details')).length).toBe(1)
  })

  test('a mention becomes inert and a non-UTF-8 name shows U+FFFD', () => {
    const text = whatGrewSection(grewWith(['/home/@admin/caf\ufffd']), FULL, 'x').join('\n')
    expect(text).toContain('<code>/home/@\u200badmin/caf\ufffd</code>')
  })

  test('a very long name keeps its end and a bounded length', () => {
    const long = `/${'a'.repeat(10_000)}/the-file.bin`
    const cell = pathCell(long)
    expect(cell).toContain('the-file.bin')
    expect(cell.length).toBeLessThan(130)
    expect(whatGrewSection(grewWith([long]), FULL, 'x').join('\n').length).toBeLessThan(2_000)
  })
})

describe('the report with a What grew section', () => {
  const base = image([platform('linux/amd64', [layer('FROM x', 1000, 'sha256:a')])])
  const now = image([
    platform('linux/amd64', [
      layer('FROM x', 1000, 'sha256:a'),
      layer('COPY big.bin /app/', 300_100, 'sha256:b')
    ])
  ])

  test('sits after the layer changes', () => {
    const text = renderReport({ current: now, baseline: baselineOf(base), grew: grewWith(['/app/big.bin']) })
    expect(text.indexOf('What grew')).toBeGreaterThan(text.indexOf('Layer changes'))
  })

  test('stays within the comment budget with thousands of hostile rows', () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `/n/${'<@x>|'.repeat(40)}${i}`)
    const grew = grewWith(paths)
    grew.layers = Array.from({ length: 40 }, (_, i) => ({ ...grew.layers[0]!, number: i + 2 }))
    const text = renderReport({ current: now, baseline: baselineOf(base), grew, maxLength: 20_000 })
    expect(text.length).toBeLessThanOrEqual(20_000)
    expect(text).toContain('What grew')
  })
})
