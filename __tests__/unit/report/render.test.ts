import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { checkBudgets, type BudgetResult } from '../../../src/report/budget.js'
import type { ImageMeasurement, LayerInfo, TestSummary } from '../../../src/report/model.js'
import {
  COMMENT_LIMIT,
  pieLabel,
  renderReport,
  splitLine,
  type ReportInput
} from '../../../src/report/render.js'
import { compareSizes } from '../../../src/report/size.js'
import { baselineOf, image, layer, platform, sized } from './fixtures.js'
import { smallCase } from './golden/small-case.js'

const MARKER = '<!-- stagegate:comment key="default" -->'

const baseLayers = [
  layer('ADD alpine-minirootfs.tar.gz /', 3_400_000, 'sha256:a'),
  layer('RUN apk add --no-cache nodejs', 18_000_000, 'sha256:b'),
  layer('COPY package.json ./', 1_200, 'sha256:c'),
  layer('COPY dist /app', 900_000, 'sha256:d')
]
const before = image([platform('linux/amd64', baseLayers, 61_000_000)])
const current = image([
  platform(
    'linux/amd64',
    [
      baseLayers[0]!,
      baseLayers[1]!,
      layer('COPY package.json ./', 1_250, 'sha256:c2'),
      layer('COPY dist /app', 1_300_000, 'sha256:d2'),
      layer('RUN apk add --no-cache curl', 2_100_000, 'sha256:e')
    ],
    66_000_000
  )
])

function report(over: Partial<ReportInput> = {}): string {
  return renderReport({ current, baseline: baselineOf(before), ...over })
}

function budgetsFor(
  input: { maxSize?: number; percent?: number },
  now: ImageMeasurement,
  base: ImageMeasurement | null
): BudgetResult {
  const baseline = base ? baselineOf(base) : null
  return checkBudgets(
    {
      maxSize: input.maxSize,
      maxIncrease: input.percent === undefined ? null : { kind: 'percent', value: input.percent }
    },
    now,
    compareSizes(now, baseline)
  )
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

/** Every table in the markdown has the same number of cells in each row as in its header. */
function expectTablesIntact(markdown: string): void {
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || (i > 0 && lines[i - 1]!.startsWith('|'))) continue
    const width = cells(lines[i]!)
    for (let j = i; j < lines.length && lines[j]!.startsWith('|'); j++)
      expect([j, cells(lines[j]!)]).toEqual([j, width])
  }
}

/** The markdown without its mermaid blocks (code: GitHub links no reference inside). */
function withoutMermaid(markdown: string): string {
  return markdown.replace(/```mermaid\n[\s\S]*?\n```/g, '')
}

/**
 * What mermaid shows for a pie label: it turns `#name;`/`#123;` into HTML entities before drawing
 * (mermaidAPI encodeEntities/decodeEntities), then the browser decodes them; the label is trimmed.
 */
function shownByMermaid(label: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' }
  return label
    .replace(/#(\w+);/g, (all, inner: string) =>
      /^\d+$/.test(inner) ? String.fromCodePoint(Number(inner)) : (named[inner] ?? all)
    )
    .trim()
}

function expectBalanced(markdown: string): void {
  expect(markdown.match(/<details/g)?.length ?? 0).toBe(markdown.match(/<\/details>/g)?.length ?? 0)
  expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0)
}

describe('headline', () => {
  test('size, change in bytes and percent, tier icon and the baseline', () => {
    expect(report()).toContain(
      '🚨 **24.8 MB** download size (linux/amd64), **+2.50 MB (+11.2%)** against <code>main</code> at 0123456.'
    )
  })

  test.each([
    [10_000_000, 10_000_000, '✅ **10.0 MB** download size (linux/amd64), **±0 B (±0.0%)**'],
    [8_000_000, 10_000_000, '🎉 **8.00 MB** download size (linux/amd64), **−2.00 MB (−20.0%)**'],
    [9_500_000, 10_000_000, '✅ **9.50 MB** download size (linux/amd64), **−500 kB (−5.0%)**'],
    [10_004_000, 10_000_000, '➖ **10.0 MB** download size (linux/amd64), **+4.00 kB (±0.0%)**'],
    [10_500_000, 10_000_000, '⚠️ **10.5 MB** download size (linux/amd64), **+500 kB (+5.0%)**']
  ])('%d bytes against %d', (now, then, expected) => {
    expect(renderReport({ current: sized(now), baseline: baselineOf(sized(then)) })).toContain(expected)
  })

  test('a registry baseline is named by its reference', () => {
    const text = renderReport({
      current: sized(10),
      baseline: baselineOf(sized(10), { origin: 'registry', ref: 'ghcr.io/acme/api:main', sha: undefined })
    })
    expect(text).toContain('against <code>ghcr.io/acme/api:main</code>.')
  })

  test('without a baseline it says so and how to get one', () => {
    const text = renderReport({ current, baseline: null })
    expect(text).toContain('📦 **24.8 MB** download size (linux/amd64). No baseline to compare with yet.')
    expect(text).toContain('run this action on the default branch')
    expect(text).toContain('`baseline-branches`')
    expect(text).toContain('`baseline-ref` to a published image, e.g. <code>ghcr.io/acme/api:main</code>')
    expect(text).not.toContain('Layer changes')
  })

  test('a cache service that failed: the report says the baseline was unavailable and why, not "no baseline yet"', () => {
    const text = renderReport({
      current,
      baseline: null,
      baselineUnavailable: 'the cache service answered 500'
    })
    expect(text).toContain('📦 **24.8 MB** download size (linux/amd64).')
    expect(text).toContain('The size baseline could not be read: the cache service answered 500')
    expect(text).not.toContain('No baseline to compare with yet')
    expect(text).not.toContain('run this action on the default branch')
  })

  test('several platforms: the total across them', () => {
    const multi = image([
      platform('linux/amd64', [layer('a', 10_000_000)]),
      platform('linux/arm64', [layer('a', 9_000_000)])
    ])
    expect(renderReport({ current: multi, baseline: null })).toContain(
      '**19.0 MB** download size across 2 platforms.'
    )
  })
})

describe('budgets', () => {
  test('violations come first, in a caution block with the run link', () => {
    const budgets = budgetsFor({ maxSize: 20_000_000, percent: 10 }, current, before)
    const text = report({ budgets, runUrl: 'https://github.com/acme/api/actions/runs/9' })
    const alert = text.indexOf('> [!CAUTION]')
    expect(alert).toBeGreaterThan(0)
    expect(alert).toBeLessThan(text.indexOf('download size (linux/amd64)'))
    expect(text).toContain(
      '> **Size budget exceeded** · [workflow run](https://github.com/acme/api/actions/runs/9)'
    )
    expect(text).toContain('> - image is 24.8 MB, over max-size 20.0 MB')
    expect(text).toContain('> - image grew by 2.50 MB (+11.2%), over max-increase 10%')
  })

  test('no violations: no block; notes are shown as notes', () => {
    const text = renderReport({
      current,
      baseline: null,
      budgets: budgetsFor({ maxSize: 100_000_000, percent: 10 }, current, null)
    })
    expect(text).not.toContain('[!CAUTION]')
    expect(text).toContain('> ℹ️ max-increase 10% was not checked: there is no baseline to compare with.')
  })
})

describe('platform table', () => {
  test('one row per platform, with new and removed platforms marked', () => {
    const now = image([
      platform('linux/amd64', [layer('a', 11_000_000)], 30_000_000),
      platform('linux/arm64', [layer('a', 10_000_000), layer('b', 1)])
    ])
    const then = image([
      platform('linux/amd64', [layer('a', 10_000_000)]),
      platform('linux/arm/v7', [layer('a', 9_000_000)])
    ])
    const text = renderReport({ current: now, baseline: baselineOf(then) })
    expect(text).toContain('| Platform | Download size | On disk | Layers | Change |')
    expect(text).toContain('| linux/amd64 | 11.0 MB | 30.0 MB | 1 | 🚨 +1.00 MB (+10.0%) |')
    expect(text).toContain('| linux/arm64 | 10.0 MB | — | 2 | 🆕 new platform |')
    expect(text).toContain('| linux/arm/v7 | — | — | — | 🗑️ removed (was 9.00 MB) |')
    expect(text).toContain('Platforms were added or removed')
  })

  test('measured from the registry with no local copy: no "On disk" column of dashes', () => {
    const text = renderReport({
      current: image([platform('linux/amd64', [layer('a', 11_000_000)])]),
      baseline: null
    })
    expect(text).toContain('| Platform | Download size | Layers | Change |\n| --- | ---: | ---: | --- |\n')
    expect(text).toContain('| linux/amd64 | 11.0 MB | 1 | — |')
    expect(text).not.toContain('On disk')
    expectTablesIntact(text)
  })
})

describe('layers pushed uncompressed', () => {
  const TAR = 'application/vnd.oci.image.layer.v1.tar'
  const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'
  const base = (size: number, mediaType?: string): LayerInfo => ({
    ...layer('ADD rootfs.tar /', size, `sha256:base-${size}`),
    diffId: 'sha256:diff-base',
    ...(mediaType ? { mediaType } : {})
  })
  const app = { ...layer('COPY app /app', 2_000_000, 'sha256:app'), mediaType: GZIP }
  const engine26 = image([platform('linux/amd64', [base(180_000_000, TAR), app])])

  test.each<[string, ReturnType<typeof baselineOf> | null, string]>([
    [
      'no compressed twin: the count and their size',
      null,
      '> ⚠️ **1 layer pushed uncompressed** (180 MB): every pull downloads it whole.'
    ],
    [
      'the same content pushed compressed before (classic path): what it costs every pull',
      baselineOf(image([platform('linux/amd64', [base(3_400_000, GZIP), app])])),
      '> ⚠️ **1 layer pushed uncompressed**: +177 MB to every pull (180 MB as pushed, 3.40 MB compressed).'
    ]
  ])('%s', (_name, baseline, line) => {
    const text = renderReport({ current: engine26, baseline })
    expect(text).toContain(line)
    expect(text).toContain('`compression=gzip,force-compression=true`')
    expect(text).toContain('| 1 | <code>ADD rootfs.tar /</code> | 180 MB ⚠️ uncompressed |')
    expect(text).toContain('| 2 | <code>COPY app /app</code> | 2.00 MB |')
  })

  test.each([
    [
      'a baseline of an older run, no media types',
      image([platform('linux/amd64', [base(180_000_000), app])])
    ],
    ['all compressed', image([platform('linux/amd64', [base(3_400_000, GZIP), app])])]
  ])('%s: no note', (_name, current) => {
    const text = renderReport({ current, baseline: null })
    expect(text).not.toContain('uncompressed')
  })
})

describe('layer diff', () => {
  test('new and changed layers, biggest first, open when short', () => {
    const text = report()
    expect(text).toContain('#### Layer changes (linux/amd64)')
    expect(text).toContain('1 new, 2 changed, 0 removed (+2.50 MB)')
    const rows = text.split('\n').filter(l => /^\| (🆕|✏️|🗑️)/.test(l))
    expect(rows).toEqual([
      '| 🆕 new | <code>RUN apk add --no-cache curl</code> | 2.10 MB | +2.10 MB |',
      '| ✏️ changed | <code>COPY dist /app</code> | 900 kB → 1.30 MB | +400 kB |',
      '| ✏️ changed | <code>COPY package.json ./</code> | 1.20 kB → 1.25 kB | +50 B |'
    ])
    expect(text).not.toMatch(/<summary>1 new, 2 changed/)
  })

  test('a long diff goes inside <details>', () => {
    const many = (n: number, size: number): LayerInfo[] =>
      Array.from({ length: n }, (_, i) => layer(`RUN step ${i}`, size + i, `sha256:${size}-${i}`))
    const text = renderReport({
      current: image([platform('linux/amd64', many(12, 2000))]),
      baseline: baselineOf(image([platform('linux/amd64', many(12, 1000))]))
    })
    expect(text).toContain('<details><summary>0 new, 12 changed, 0 removed (+12.0 kB)</summary>')
  })

  test('no change', () => {
    expect(renderReport({ current: before, baseline: baselineOf(before) })).toContain('No layer changed.')
  })

  test('the full layer list is collapsed', () => {
    const text = report()
    expect(text).toContain('<details><summary>All 5 layers of linux/amd64 (24.8 MB)</summary>')
    expect(text).toContain('| # | Instruction | Download size |\n')
    expect(text).toContain('| 2 | <code>RUN apk add --no-cache nodejs</code> | 18.0 MB |\n')
  })
})

describe('chart', () => {
  test('a pie of the largest layers, valid mermaid with plain labels', () => {
    const text = report()
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1]
    expect(chart?.split('\n')).toEqual([
      'pie showData',
      '    title Largest layers of linux/amd64 (MB, download size)',
      '    "L2 RUN apk add --no-cache nodejs" : 18',
      '    "L1 ADD alpine-minirootfs.tar.gz /" : 3.4',
      '    "L5 RUN apk add --no-cache curl" : 2.1',
      '    "L4 COPY dist /app" : 1.3',
      '    "L3 COPY package.json ./" : 0.01'
    ])
  })

  test('labels cannot break the chart; small layers become one slice', () => {
    const layers = [
      layer('RUN echo "x" ; `y` %% z\n```', 5_000_000),
      ...Array.from({ length: 8 }, (_, i) => layer(`RUN s${i}`, 1000 + i))
    ]
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(
      renderReport({ current: image([platform('linux/amd64', layers)]), baseline: null })
    )?.[1]
    expect(chart).toContain('"L1 RUN echo #34;x#34; ; `y` #37;#37; z ```" : 5')
    expect(chart).toContain('"3 other layers" : ')
    // mermaid's pie grammar: a label is anything but `"` between quotes, then `: number`.
    for (const line of chart!.split('\n').slice(2)) expect(line).toMatch(/^ {4}"[^"\n%<>\\]+" : \d+(\.\d+)?$/)
  })

  test.each([
    [
      'RUN npm ci && cp -r node_modules /app',
      'RUN npm ci && cp -r node_modules /app',
      'RUN npm ci && cp -r node_modules /app'
    ],
    ['RUN echo "hi"', 'RUN echo #34;hi#34;', 'RUN echo "hi"'],
    ['RUN echo #quot; #35; #x', 'RUN echo #35;quot; #35;35; #35;x', 'RUN echo #quot; #35; #x'],
    ['RUN x %%{init: {}}%%', 'RUN x #37;#37;{init: {}}#37;#37;', 'RUN x %%{init: {}}%%'],
    ['COPY <a b="c"> /', 'COPY #60;a b=#34;c#34;#62; /', 'COPY <a b="c"> /'],
    ['RUN a\n    && b\t c', 'RUN a && b c', 'RUN a && b c'],
    ['RUN dir C:\\new\\b', 'RUN dir C:#92;new#92;b', 'RUN dir C:\\new\\b'],
    ['RUN ﬂ°°35¶ß', 'RUN #64258;°°35#182;ß', 'RUN ﬂ°°35¶ß'],
    ['COPY ünï/日本 ./', 'COPY ünï/日本 ./', 'COPY ünï/日本 ./'],
    ['   ', 'layer', 'layer'],
    ['RUN ' + 'x'.repeat(60), 'RUN ' + 'x'.repeat(35) + '…', 'RUN ' + 'x'.repeat(35) + '…']
  ])('pie label %j keeps its characters', (text, label, shown) => {
    expect(pieLabel(text)).toBe(label)
    expect(pieLabel(text)).not.toMatch(/["\n%\\]/)
    expect(shownByMermaid(pieLabel(text))).toBe(shown)
  })

  test('no chart for a single layer', () => {
    expect(renderReport({ current: sized(10), baseline: null })).not.toContain('mermaid')
  })
})

describe('tests line', () => {
  const passed: TestSummary = {
    outcome: 'passed',
    mode: 'build',
    tests: 42,
    passed: 41,
    failed: 0,
    skipped: 1,
    failures: [],
    durationMs: 8300
  }
  test.each<[string, TestSummary, string]>([
    [
      'passed with counts',
      passed,
      '✅ **Tests passed** (tester stage build): 42 tests, 41 passed, 1 skipped in 8.3 s'
    ],
    [
      'passed without reports',
      { outcome: 'passed', mode: 'command', failures: [] },
      '✅ **Tests passed** (test-command in the tester image)'
    ],
    ['skipped', { outcome: 'skipped', mode: 'none', failures: [] }, '⏭️ Tests skipped (test-target: none)'],
    [
      'failed',
      {
        outcome: 'failed',
        mode: 'command',
        tests: 10,
        passed: 7,
        failed: 2,
        errors: 1,
        failures: [
          {
            name: 'test_div',
            classname: 'tests.test_math',
            kind: 'failure',
            message: 'assert 0.5 == 2',
            file: 'tests/test_math.py',
            line: 9
          },
          { name: 'db connects', kind: 'error' }
        ]
      },
      '❌ **Tests failed** (test-command in the tester image): 10 tests, 7 passed, 2 failed, 1 error\n\n' +
        '- Failed: **tests.test\\_math › test\\_div** (<code>tests/test\\_math.py:9</code>): assert 0.5 == 2\n' +
        '- Error in **db connects**'
    ]
  ])('%s', (_name, tests, expected) => {
    expect(report({ tests })).toContain(expected)
  })

  test('many failures are listed briefly', () => {
    const failures = Array.from({ length: 30 }, (_, i) => ({ name: `case ${i}`, kind: 'failure' as const }))
    const text = report({ tests: { outcome: 'failed', mode: 'command', failures } })
    expect(text.match(/^- Failed: /gm)).toHaveLength(20)
    expect(text).toContain('- … and 10 more failing tests (see the test reports)')
  })

  test('no tests: no line', () => {
    expect(report()).not.toContain('Tests ')
  })
})

describe('multi-stage saving', () => {
  test.each([
    [
      12_000_000,
      480_000_000,
      '🧱 runtime 12.0 MB vs tester 480 MB download size: the split saves 468 MB (97.5%).'
    ],
    [
      500,
      400,
      '🧱 runtime 500 B vs tester 400 B download size: the runtime image is not smaller than the tester image.'
    ]
  ])('runtime %d vs tester %d', (runtime, tester, line) => {
    expect(splitLine(sized(runtime), { ...sized(tester), target: 'tester' })).toBe(line)
    expect(
      renderReport({
        current: sized(runtime),
        baseline: null,
        tester: { ...sized(tester), target: 'tester' }
      })
    ).toContain(line)
  })

  test('compares sizes on disk when both are known: the tester image is measured locally, never pushed', () => {
    const runtime = image([platform('linux/amd64', [layer('a', 1_000_000)], 2_000_000)])
    const tester = image([platform('linux/amd64', [], 8_000_000)], { target: 'tester' })
    expect(splitLine(runtime, tester)).toBe(
      '🧱 runtime 2.00 MB vs tester 8.00 MB on disk: the split saves 6.00 MB (75.0%).'
    )
  })

  test('no line when the tester size is unknown', () => {
    const runtime = image([platform('linux/amd64', [layer('a', 10)], null)])
    const tester = image([platform('linux/amd64', [], null)], { target: 'tester' })
    expect(splitLine(runtime, tester)).toBe('')
  })

  test('buildx: runtime measured from the registry (no disk size), tester on disk only: no line, no blank lines', () => {
    const runtime = image([platform('linux/amd64', [layer('a', 10_000_000), layer('b', 10)], null)])
    // What the report step makes of the tester image: its size on disk, nothing compressed.
    const tester = image([{ platform: 'linux/amd64', compressed: 0, disk: 480_000_000, layers: [] }], {
      target: 'tester',
      source: 'docker-inspect'
    })
    expect(splitLine(runtime, tester)).toBe('')
    const text = renderReport({ current: runtime, baseline: null, tester })
    expect(text).not.toContain('🧱')
    expect(text).not.toMatch(/\n\n\n/)
  })

  test('the runtime disk size filled from the local engine: compared on disk', () => {
    const runtime = image([platform('linux/amd64', [layer('a', 10_000_000)], 25_000_000)])
    const tester = image([{ platform: 'linux/amd64', compressed: 0, disk: 480_000_000, layers: [] }], {
      target: 'tester'
    })
    expect(renderReport({ current: runtime, baseline: null, tester })).toContain(
      '🧱 runtime 25.0 MB vs tester 480 MB on disk: the split saves 455 MB (94.8%).'
    )
  })

  test('compares the same platform', () => {
    const runtime = image([
      platform('linux/amd64', [layer('a', 10)]),
      platform('linux/arm64', [layer('a', 20)])
    ])
    const tester = image(
      [platform('linux/amd64', [layer('a', 100)]), platform('linux/arm64', [layer('a', 40)])],
      { target: 'tester' }
    )
    expect(splitLine(runtime, tester, 'linux/arm64')).toBe(
      '🧱 runtime 20 B vs tester 40 B download size: the split saves 20 B (50.0%).'
    )
  })
})

describe('marker, footer and links', () => {
  test('the marker is the first line; the footer names the source, commit and run', () => {
    const text = report({
      marker: MARKER,
      commitSha: 'abcdef0123456789',
      runUrl: 'https://github.com/acme/api/actions/runs/9'
    })
    expect(text.split('\n')[0]).toBe(MARKER)
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '<sub>Measured from the registry manifests · commit abcdef0 · [workflow run](https://github.com/acme/api/actions/runs/9)</sub>'
    )
  })

  test.each([
    'javascript:alert(1)',
    'data:text/html,<script>',
    'not a url',
    'https://x.test/a) [y](javascript:z'
  ])('run URL %j never becomes a dangerous link', runUrl => {
    const text = report({
      runUrl,
      budgets: budgetsFor({ maxSize: 1 }, current, null),
      commitSha: '"><img src=x>'
    })
    expect(text).not.toMatch(/\]\((?!https?:\/\/)/)
    expect(text).not.toMatch(/\]\([^)]*[\s<>"'(]/)
    expect(text).not.toContain('<img')
  })

  test('the comment key is shown when it is not the default', () => {
    expect(report({ commentKey: 'api' })).toContain('(runtime) · api')
    expect(report({ commentKey: 'default' })).not.toContain(' · default')
  })

  test('rendering is deterministic', () => {
    expect(report({ tests: { outcome: 'passed', mode: 'build', failures: [] } })).toBe(
      report({ tests: { outcome: 'passed', mode: 'build', failures: [] } })
    )
  })
})

describe('hostile strings', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    '</details>',
    '<!-- stagegate:comment key="default" -->',
    '| a | b |',
    '@mention and @octo-org/team',
    '[link](javascript:alert(1))',
    '![img](https://evil.test/x.png)',
    '`code` ``` fence',
    '**bold** _em_ ~~strike~~ # heading',
    'line1\nline2\r\n| x |',
    'close #1 and fixes #2',
    '<script>alert(1)</script> &amp; &lt;',
    '\\| escaped pipe \\\\|'
  ]

  function hostileReport(s: string, huge = false): string {
    const text = huge ? s.repeat(5000) : s
    const now = image(
      [platform(text, [layer(text, 2_000_000, 'sha256:1'), layer(`RUN ${text}`, 10, 'sha256:2')])],
      {
        image: text,
        target: text,
        tags: [text, text]
      }
    )
    const then = image([platform(text, [layer(text, 1_000_000, 'sha256:0')])])
    return renderReport({
      current: now,
      baseline: baselineOf(then, { ref: text }),
      tester: { ...now, target: text },
      budgets: { violations: [{ budget: 'max-size', platform: text, reason: text }], notes: [text] },
      tests: {
        outcome: 'failed',
        mode: 'command',
        failures: [{ name: text, classname: text, message: text, file: text, line: 3, kind: 'failure' }]
      },
      commentKey: text,
      marker: MARKER
    })
  }

  test.each(hostile)('%j cannot inject markdown or HTML', s => {
    const text = hostileReport(s)
    const body = text.slice(MARKER.length)
    expect(body).not.toMatch(/<(?!\/?(details|summary|code|sub)\b)[a-z!/]/i)
    expect(body).not.toContain('<!--')
    expect(body.match(/<details/g)?.length).toBe(body.match(/<\/details>/g)?.length)
    expect(body.match(/<code>/g)?.length).toBe(body.match(/<\/code>/g)?.length)
    // A mermaid block is code: GitHub renders no markdown, mention or reference inside it, and
    // its labels keep the user's characters; each line must still be one pie slice.
    const prose = withoutMermaid(body)
    expect(prose).not.toMatch(/@[A-Za-z]/)
    expect(prose).not.toMatch(/(^|[^\\&])#\d/m)
    expect(prose).not.toMatch(/(^|[^\\])\]\(/m)
    expect(prose).not.toMatch(/(^|[^\\])(\*\*bold|_em|~~strike|`code)/m)
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(body)?.[1]
    expect(chart).toBeDefined()
    for (const line of chart!.split('\n').slice(2)) expect(line).toMatch(/^ {4}"[^"\n%<>\\]+" : \d+(\.\d+)?$/)
    expectTablesIntact(text)
    expectBalanced(text)
  })

  test.each(hostile)('huge %j is cut short with an ellipsis', s => {
    const text = hostileReport(s, true)
    expect(text.length).toBeLessThan(20_000)
    expect(text).toContain('…')
    expectTablesIntact(text)
  })
})

describe('size limit', () => {
  function bigImage(count: number): { current: ImageMeasurement; baseline: ReturnType<typeof baselineOf> } {
    const layers = (seed: string): LayerInfo[] =>
      Array.from({ length: count }, (_, i) =>
        layer(
          `RUN /bin/sh -c echo step ${i} && apt-get install -y package-${i} | tee /var/log/step-${i}.log`,
          1000 + (i % 977) * 1000,
          `sha256:${seed}${i}`
        )
      )
    return {
      current: image([platform('linux/amd64', layers('new'))]),
      baseline: baselineOf(image([platform('linux/amd64', layers('old').slice(0, count / 2))]))
    }
  }

  test('a 20,000-layer image fits in a comment, with visible notes on what was cut', () => {
    const started = performance.now()
    const text = renderReport({
      ...bigImage(20_000),
      marker: MARKER,
      runUrl: 'https://github.com/acme/api/actions/runs/9'
    })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(text).toContain(
      '✂️ The full list of 20000 layers was left out to fit; see the job summary of [the workflow run](https://github.com/acme/api/actions/runs/9).'
    )
    expect(text).toMatch(/✂️ \d+ smaller layer changes are not shown here; see the job summary/)
    expect(text).toContain('**')
    expect(text.split('\n')[0]).toBe(MARKER)
    expectTablesIntact(text)
    expectBalanced(text)
  })

  test('without a marker, room is left for the one the comment code adds', () => {
    expect(renderReport(bigImage(20_000)).length).toBeLessThanOrEqual(COMMENT_LIMIT - 200)
  })

  test('the job summary keeps more, and points at the log', () => {
    const text = renderReport({ ...bigImage(20_000), target: 'summary' })
    expect(text.length).toBeLessThanOrEqual(512_000)
    expect(text.length).toBeGreaterThan(COMMENT_LIMIT)
    expect(text).toMatch(/✂️ \d+ more layers are not listed; see the build log\./)
  })

  test('an image that fits is not cut', () => {
    expect(report()).not.toContain('✂️')
  })

  test('even thousands of failing tests and platforms fit, cut visibly', () => {
    const platforms = Array.from({ length: 3000 }, (_, i) => platform(`linux/arch${i}`, [layer('a', i + 1)]))
    const failures = Array.from({ length: 5000 }, (_, i) => ({
      name: `case ${i} ${'x'.repeat(150)}`,
      kind: 'failure' as const,
      message: 'm'.repeat(300)
    }))
    const text = renderReport({
      current: image(platforms),
      baseline: null,
      tests: { outcome: 'failed', mode: 'command', failures }
    })
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT - 200)
    expect(text).toContain(
      "✂️ **This report was cut to fit GitHub's limit; see the job summary for the rest.**"
    )
    expectBalanced(text)
  })
})

describe('golden file', () => {
  // In addition to the behavioural tests above: the whole small report, to review changes in diffs.
  // Regenerate: write renderReport(smallCase()) to __tests__/unit/report/golden/small.txt.
  test('the small report renders exactly as reviewed', () => {
    const golden = readFileSync(path.join(process.cwd(), '__tests__/unit/report/golden/small.txt'), 'utf8')
    expect(renderReport(smallCase())).toBe(golden)
  })
})
