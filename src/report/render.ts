// The size report: one pure function of the measurements that renders the sticky PR comment, the
// job summary and the `report` output alike. Every string that comes from the user's repository
// or registry goes through ./markdown.ts; the report stays under GitHub's comment limit by
// leaving out its least important parts first, and says so where it does.
import { baselineUnavailableNote } from './baseline.js'
import type { WhatGrew } from './files/grew.js'
import { whatGrewSection, type GrewDetail } from './files/render.js'
import type { BudgetResult } from './budget.js'
import { dockerfileSection, type DockerfileReport } from './dockerfile-section.js'
import { code, details, escapeHtml, escapeText, link, safeUrl, table, truncate } from './markdown.js'
import type { Baseline, ImageMeasurement, LayerInfo, PlatformMeasurement, TestSummary } from './model.js'
import {
  compareSizes,
  deltaTier,
  diffLayers,
  formatBytes,
  formatPercent,
  formatSignedBytes,
  layerCompression,
  TIER_ICON,
  uncompressedLayers,
  type LayerChange,
  type PlatformDelta,
  type SizeComparison
} from './size.js'

/** GitHub refuses issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536
/** GitHub's job summary holds at most 1 MiB per step; stay below with room for the build summary. */
export const SUMMARY_LIMIT = 512_000
/** Room left for a marker that the comment code adds when the report does not carry one. */
const MARKER_ROOM = 200
/** Layer changes shown in the open; more go inside a collapsed section. */
export const OPEN_DIFF_ROWS = 10
/** Slices shown in the layer chart; the rest become one "other layers" slice. */
const CHART_SLICES = 6
/** Longest instruction shown in a table cell. */
const INSTRUCTION_CHARS = 120

export interface ReportInput {
  current: ImageMeasurement
  baseline: Baseline | null
  /** Why the baseline could not be read (the cache service failed), when it could not. */
  baselineUnavailable?: string
  /** The tester stage's image, to show what the multi-stage split saves. */
  tester?: ImageMeasurement | null
  tests?: TestSummary | null
  budgets?: BudgetResult | null
  /** Link to the workflow run. Only http(s) URLs become links. */
  runUrl?: string
  /** The commit that was measured. */
  commitSha?: string
  /** Which of several stagegate reports on a PR this is (the comment key); shown when not `default`. */
  commentKey?: string
  /** Hidden marker for the sticky comment, put verbatim on the first line (trusted, see comment.ts). */
  marker?: string
  /** `comment` (default) keeps under COMMENT_LIMIT and points truncation notes at the job summary. */
  target?: 'comment' | 'summary'
  /** Overrides the length limit (tests). */
  maxLength?: number
  /** The Dockerfile check's findings, compared with the base branch's (a collapsed section). */
  dockerfile?: DockerfileReport | null
  /** The files behind the change of new or changed layers, where they were listed. */
  grew?: WhatGrew | null
}

/** How much detail a rendering carries; the report tries each level until one fits. */
interface Detail {
  /** Rows of the full layer list; 0 leaves the section out. */
  fullLayers: number
  /** Rows of the layer diff. */
  diffRows: number
  failures: number
  chart: boolean
  grew: GrewDetail
}

const GREW_FULL: GrewDetail = { layers: 10, rows: 10, shipped: 20 }
const LEVELS: readonly Detail[] = [
  { fullLayers: 1000, diffRows: 500, failures: 20, chart: true, grew: GREW_FULL },
  { fullLayers: 100, diffRows: 500, failures: 20, chart: true, grew: GREW_FULL },
  { fullLayers: 0, diffRows: 400, failures: 20, chart: true, grew: GREW_FULL },
  { fullLayers: 0, diffRows: 200, failures: 20, chart: true, grew: { layers: 5, rows: 8, shipped: 10 } },
  { fullLayers: 0, diffRows: 50, failures: 10, chart: true, grew: { layers: 3, rows: 5, shipped: 5 } },
  { fullLayers: 0, diffRows: 10, failures: 5, chart: false, grew: { layers: 0, rows: 0, shipped: 0 } }
]

export function renderReport(input: ReportInput): string {
  const target = input.target ?? 'comment'
  const limit =
    (input.maxLength ?? (target === 'comment' ? COMMENT_LIMIT : SUMMARY_LIMIT)) -
    (input.marker ? 0 : MARKER_ROOM)
  const context = prepare(input)
  let text = ''
  for (const level of LEVELS) {
    text = render(context, level)
    if (text.length <= limit) return text
  }
  return hardCut(text, limit, context)
}

interface Context {
  input: ReportInput
  comparison: SizeComparison
  /** The platform whose layers the report lists (linux/amd64 when there is one). */
  primary: PlatformMeasurement | undefined
  primaryBaseline: PlatformMeasurement | undefined
  changes: LayerChange[] | null
  elsewhere: string
}

function prepare(input: ReportInput): Context {
  const comparison = compareSizes(input.current, input.baseline)
  const before = new Map((input.baseline?.measurement.platforms ?? []).map(p => [p.platform, p]))
  const platforms = input.current.platforms
  const primary =
    platforms.find(p => p.platform === 'linux/amd64' && before.has(p.platform)) ??
    platforms.find(p => before.has(p.platform)) ??
    platforms.find(p => p.platform === 'linux/amd64') ??
    platforms[0]
  const primaryBaseline = primary ? before.get(primary.platform) : undefined
  const changes = primary && primaryBaseline ? diffLayers(primary.layers, primaryBaseline.layers) : null
  const where = target(input) === 'comment' ? 'the job summary' : 'the build log'
  const run = link('the workflow run', input.runUrl)
  const elsewhere = input.runUrl ? `${where} of ${run}` : where
  return { input, comparison, primary, primaryBaseline, changes, elsewhere }
}

function target(input: ReportInput): 'comment' | 'summary' {
  return input.target ?? 'comment'
}

function render(context: Context, detail: Detail): string {
  const { input } = context
  const sections: string[][] = [
    input.marker ? [input.marker] : [],
    title(input),
    budgetAlert(input),
    headline(context),
    uncompressedNote(input),
    input.budgets?.notes.length ? input.budgets.notes.map(n => `> ℹ️ ${escapeText(n, 300)}`) : [],
    input.tests ? testSection(input.tests, detail.failures) : [],
    // One line per finding, like the failing tests: listed up to twice as many.
    dockerfileSection(input.dockerfile, 2 * detail.failures),
    splitSection(input, context.primary?.platform),
    platformTable(context),
    layerDiff(context, detail),
    whatGrewSection(input.grew, detail.grew, context.elsewhere),
    detail.chart ? chart(context.primary) : [],
    fullLayerList(context, detail),
    footer(input)
  ]
  return sections
    .filter(s => s.length > 0)
    .map(s => s.join('\n'))
    .join('\n\n')
    .concat('\n')
}

function title(input: ReportInput): string[] {
  const { current } = input
  const key =
    input.commentKey && input.commentKey !== 'default' ? ` · ${escapeText(input.commentKey, 60)}` : ''
  const lines = [`### 📦 stagegate: ${code(current.image, 120)} (${escapeText(current.target, 60)})${key}`]
  if (current.tags.length > 0) {
    const shown = current.tags.slice(0, 5).map(t => code(t, 120))
    const more = current.tags.length > 5 ? ` and ${current.tags.length - 5} more` : ''
    lines.push('', `Tags: ${shown.join(', ')}${more}`)
  }
  return lines
}

function budgetAlert(input: ReportInput): string[] {
  const violations = input.budgets?.violations ?? []
  if (violations.length === 0) return []
  const run = input.runUrl ? ` · ${link('workflow run', input.runUrl)}` : ''
  return [
    '> [!CAUTION]',
    `> **Size budget exceeded**${run}`,
    ...violations.slice(0, 20).map(v => `> - ${escapeText(v.reason, 300)}`),
    ...(violations.length > 20 ? [`> - … and ${violations.length - 20} more`] : [])
  ]
}

function headline(context: Context): string[] {
  const { input, comparison } = context
  const { current, baseline } = input
  const platforms = current.platforms
  const size = comparison.total.current ?? 0
  const where =
    platforms.length === 1
      ? ` (${escapeText(platforms[0]!.platform, 60)})`
      : platforms.length > 1
        ? ` across ${platforms.length} platforms`
        : ''
  if (!baseline && input.baselineUnavailable) {
    return [
      `📦 **${formatBytes(size)}** download size${where}.`,
      '',
      escapeText(baselineUnavailableNote(input.baselineUnavailable), 400)
    ]
  }
  if (!baseline || comparison.total.deltaBytes === null) {
    return [
      `📦 **${formatBytes(size)}** download size${where}. No baseline to compare with yet.`,
      '',
      '> To compare sizes, stagegate needs a baseline of the base branch: run this action on the default ' +
        'branch (a push there records one), list the base branch in `baseline-branches`, or set ' +
        `\`baseline-ref\` to a published image, e.g. ${code(`${truncate(current.image, 100)}:main`, 120)}.`
    ]
  }
  const { deltaBytes, percent } = comparison.total
  const tier = deltaTier(deltaBytes, percent)
  const change =
    percent === null
      ? formatSignedBytes(deltaBytes)
      : `${formatSignedBytes(deltaBytes)} (${formatPercent(percent, true)})`
  const against = baselineLabel(baseline)
  const shifted = comparison.platforms.some(p => p.status === 'new' || p.status === 'removed')
    ? ' Platforms were added or removed, so the total compares different sets; see the table.'
    : ''
  return [
    `${TIER_ICON[tier]} **${formatBytes(size)}** download size${where}, **${change}** against ${against}.${shifted}`
  ]
}

/**
 * Layers pushed uncompressed make every pull bigger, and no registry UI says so. What gzip would
 * make of them is shown only where a compressed twin of the same content was measured.
 */
function uncompressedNote(input: ReportInput): string[] {
  const found = uncompressedLayers(
    input.current.platforms,
    input.baseline?.measurement.platforms.flatMap(p => p.layers) ?? []
  )
  if (!found) return []
  const layers = found.count === 1 ? '1 layer' : `${found.count} layers`
  const extra = found.compressedBytes === null ? null : found.bytes - found.compressedBytes
  const cost =
    extra !== null && extra > 0
      ? `: ${formatSignedBytes(extra)} to every pull (${formatBytes(found.bytes)} as pushed, ${formatBytes(found.compressedBytes!)} compressed)`
      : ` (${formatBytes(found.bytes)}): every pull downloads ${found.count === 1 ? 'it' : 'them'} whole`
  return [
    `> ⚠️ **${layers} pushed uncompressed**${cost}.`,
    '> The containerd image store (Docker Engine 25 and later) pushes a layer as it holds it, so a base ' +
      'image brought in with `docker load` from an uncompressed archive is pushed uncompressed. Pull the ' +
      'base image from a registry instead, or recompress on push with the image output option ' +
      '`compression=gzip,force-compression=true`.'
  ]
}

function baselineLabel(baseline: Baseline): string {
  const at = baseline.sha && /^[0-9a-f]{7,64}$/i.test(baseline.sha) ? ` at ${baseline.sha.slice(0, 7)}` : ''
  return baseline.origin === 'registry'
    ? `${code(baseline.ref, 120)}${at}`
    : `${code(baseline.ref, 100)}${at}`
}

const OUTCOME_ICON: Record<TestSummary['outcome'], string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  error: '⚠️'
}

/**
 * The test verdict in words, the same wherever it is shown (log, job summary, comment, outputs):
 * a cached tester stage ran no test, and tests that never ran did not fail. Pure.
 */
export function testVerdictWords(tests: Pick<TestSummary, 'outcome' | 'cached' | 'notRunReason'>): string {
  switch (tests.outcome) {
    case 'skipped':
      return 'Tests skipped (test-target: none)'
    case 'error':
      return `Tests did not run: ${tests.notRunReason ?? 'something else failed first'}`
    case 'passed':
      return tests.cached ? 'Tests passed before, cached: no test ran' : 'Tests passed'
    case 'failed':
      return 'Tests failed'
  }
}

/** The verdict with its icon. */
export function testVerdict(tests: Pick<TestSummary, 'outcome' | 'cached' | 'notRunReason'>): string {
  return `${OUTCOME_ICON[tests.outcome]} ${testVerdictWords(tests)}`
}

/** How the tests ran, in words: shared by the report and the build summary. */
export function testModeLabel(mode: TestSummary['mode']): string {
  return mode === 'command'
    ? 'test-command in the tester image'
    : mode === 'build'
      ? 'tester stage build'
      : ''
}

function testSection(tests: TestSummary, maxFailures: number): string[] {
  if (tests.outcome === 'skipped' || tests.outcome === 'error') return [testVerdict(tests)]
  const label = testModeLabel(tests.mode)
  const how = label ? ` (${label})` : ''
  const counts: string[] = []
  if (tests.tests !== undefined) {
    counts.push(`${tests.tests} tests`)
    if (tests.passed !== undefined) counts.push(`${tests.passed} passed`)
    if (tests.failed) counts.push(`${tests.failed} failed`)
    if (tests.errors) counts.push(`${tests.errors} ${tests.errors === 1 ? 'error' : 'errors'}`)
    if (tests.skipped) counts.push(`${tests.skipped} skipped`)
  }
  const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : ''
  const lines = [
    `${OUTCOME_ICON[tests.outcome]} **${testVerdictWords(tests)}**${how}${counts.length ? `: ${counts.join(', ')}` : ''}${time}`
  ]
  const failures = tests.failures.slice(0, maxFailures)
  if (failures.length > 0) lines.push('')
  for (const f of failures) {
    const name = f.classname && !f.name.includes(f.classname) ? `${f.classname} › ${f.name}` : f.name
    const where = f.file ? ` (${code(f.line ? `${f.file}:${f.line}` : f.file, 120)})` : ''
    const message = f.message ? `: ${escapeText(f.message, 200)}` : ''
    lines.push(
      `- ${f.kind === 'error' ? 'Error in' : 'Failed:'} **${escapeText(name, 150)}**${where}${message}`
    )
  }
  if (tests.failures.length > failures.length) {
    lines.push(`- … and ${tests.failures.length - failures.length} more failing tests (see the test reports)`)
  }
  return lines
}

function splitSection(input: ReportInput, platform: string | undefined): string[] {
  const line = input.tester ? splitLine(input.current, input.tester, platform) : ''
  return line ? [line] : []
}

/**
 * What the multi-stage split saves: the runtime image against the tester image, same platform.
 * Compares sizes on disk when both are known (the tester image is only measured locally, never
 * pushed), else download sizes when both are known, saying which; else '' (nothing to say).
 */
export function splitLine(runtime: ImageMeasurement, tester: ImageMeasurement, platform?: string): string {
  const pick = (m: ImageMeasurement): PlatformMeasurement | undefined =>
    m.platforms.find(p => p.platform === platform) ?? m.platforms[0]
  const r = pick(runtime)
  const t = pick(tester)
  if (!r || !t) return ''
  const onDisk = r.disk !== null && t.disk !== null
  const size = (p: PlatformMeasurement): number => (onDisk ? (p.disk ?? 0) : p.compressed)
  // A size of 0 means not measured (the tester image is measured on disk only).
  if (size(t) === 0 || size(r) === 0) return ''
  const how = onDisk ? ' on disk' : ' download size'
  const names = `${escapeText(runtime.target, 60)} ${formatBytes(size(r))} vs ${escapeText(tester.target, 60)} ${formatBytes(size(t))}${how}`
  const saved = size(t) - size(r)
  if (saved <= 0) return `🧱 ${names}: the runtime image is not smaller than the tester image.`
  return `🧱 ${names}: the split saves ${formatBytes(saved)} (${formatPercent((saved / size(t)) * 100)}).`
}

function platformTable(context: Context): string[] {
  const { input, comparison } = context
  const byName = new Map(input.current.platforms.map(p => [p.platform, p]))
  // A column of dashes says nothing: show "On disk" only when some platform has it.
  const disk = input.current.platforms.some(p => p.disk !== null)
  const rows = comparison.platforms.map(p => {
    const m = byName.get(p.platform)
    return [
      escapeText(p.platform, 60),
      p.current === null ? '—' : formatBytes(p.current),
      ...(disk ? [m?.disk === null || m?.disk === undefined ? '—' : formatBytes(m.disk)] : []),
      m ? String(m.layers.length) : '—',
      deltaCell(p)
    ]
  })
  if (rows.length === 0) return []
  return table(['Platform', 'Download size', ...(disk ? ['On disk'] : []), 'Layers', 'Change'], rows, [
    'left',
    'right',
    ...(disk ? (['right'] as const) : []),
    'right',
    'left'
  ])
}

function deltaCell(p: PlatformDelta): string {
  switch (p.status) {
    case 'no-baseline':
      return '—'
    case 'new':
      return '🆕 new platform'
    case 'removed':
      return `🗑️ removed (was ${formatBytes(p.baseline ?? 0)})`
    case 'compared': {
      const deltaBytes = p.deltaBytes ?? 0
      const percent = p.percent === null ? '' : ` (${formatPercent(p.percent, true)})`
      return `${TIER_ICON[deltaTier(deltaBytes, p.percent)]} ${formatSignedBytes(deltaBytes)}${percent}`
    }
  }
}

const CHANGE_LABEL: Record<LayerChange['kind'], string> = {
  added: '🆕 new',
  changed: '✏️ changed',
  removed: '🗑️ removed'
}

function layerDiff(context: Context, detail: Detail): string[] {
  const { changes, primary } = context
  if (!changes || !primary) return []
  const heading = `#### Layer changes (${escapeText(primary.platform, 60)})`
  if (changes.length === 0) return [heading, '', 'No layer changed.']
  const shown = changes.slice(0, detail.diffRows)
  const rows = shown.map(c => [
    CHANGE_LABEL[c.kind],
    code(c.createdBy, INSTRUCTION_CHARS),
    c.kind === 'changed'
      ? `${formatBytes(c.baseline!.compressed)} → ${formatBytes(c.current!.compressed)}`
      : formatBytes((c.current ?? c.baseline)!.compressed),
    formatSignedBytes(c.deltaBytes)
  ])
  const body = table(['Layer', 'Instruction', 'Size', 'Change'], rows, ['left', 'left', 'right', 'right'])
  if (changes.length > shown.length) {
    body.push(
      '',
      `✂️ ${changes.length - shown.length} smaller layer changes are not shown here; see ${context.elsewhere}.`
    )
  }
  const count = (kind: LayerChange['kind']): number => changes.filter(c => c.kind === kind).length
  const total = changes.reduce((sum, c) => sum + c.deltaBytes, 0)
  const summary = `${count('added')} new, ${count('changed')} changed, ${count('removed')} removed (${formatSignedBytes(total)})`
  if (changes.length <= OPEN_DIFF_ROWS) return [heading, '', summary, '', ...body]
  return [heading, '', ...details(summary, body)]
}

/**
 * A label inside a mermaid pie's double quotes, every character kept. The pie grammar takes
 * anything but `"` between the quotes, and mermaid turns `#name;`/`#123;` into entities before
 * drawing, so `"` and `#` become entity codes, and so do `\` (its parser reads `\b`, `\n` as
 * escapes), `%` (`%%{` starts a directive anywhere), `<`/`>` (mermaid rewrites `<tag a="b">`
 * before parsing, across lines) and its placeholder characters `ﬂ`/`¶`. Whitespace runs become one
 * space. Pure.
 */
export function pieLabel(text: string, max = 40): string {
  const plain = truncate(text.replace(/\s+/g, ' ').trim(), max) || 'layer'
  return plain.replace(/["#%<>\\\ufb02\u00b6]/g, c => `#${c.charCodeAt(0)};`)
}

/** A pie of the largest layers: where the bytes of the image are. */
function chart(platform: PlatformMeasurement | undefined): string[] {
  if (!platform) return []
  const layers = platform.layers.map((l, i) => ({ l, i })).filter(x => x.l.compressed > 0)
  if (layers.length < 2) return []
  const biggest = [...layers].sort((a, b) => b.l.compressed - a.l.compressed)
  const slices = biggest.slice(0, CHART_SLICES)
  const rest = biggest.slice(CHART_SLICES)
  const total = layers.reduce((sum, x) => sum + x.l.compressed, 0)
  const [unit, divisor] = total >= 1e6 ? ['MB', 1e6] : ['kB', 1e3]
  const value = (bytes: number): string => String(Math.max(0.01, Number((bytes / divisor).toFixed(2))))
  const lines = [
    '```mermaid',
    'pie showData',
    `    title Largest layers of ${pieLabel(platform.platform)} (${unit}, download size)`,
    ...slices.map(({ l, i }) => `    "L${i + 1} ${pieLabel(l.createdBy)}" : ${value(l.compressed)}`)
  ]
  if (rest.length > 0) {
    const other = rest.reduce((sum, x) => sum + x.l.compressed, 0)
    lines.push(`    "${rest.length} other layers" : ${value(other)}`)
  }
  lines.push('```')
  return details('Where the bytes are (largest layers)', lines)
}

function fullLayerList(context: Context, detail: Detail): string[] {
  const { primary } = context
  if (!primary || primary.layers.length === 0) return []
  const label = `All ${primary.layers.length} layers of ${escapeHtml(primary.platform, 60)} (${formatBytes(primary.compressed)})`
  if (detail.fullLayers === 0) {
    return [
      `✂️ The full list of ${primary.layers.length} layers was left out to fit; see ${context.elsewhere}.`
    ]
  }
  const shown = primary.layers.slice(0, detail.fullLayers)
  const disk = primary.layers.some(l => l.disk !== null)
  const rows = shown.map((l: LayerInfo, i) => [
    String(i + 1),
    code(l.createdBy, INSTRUCTION_CHARS),
    `${formatBytes(l.compressed)}${layerCompression(l.mediaType) === 'none' ? ' ⚠️ uncompressed' : ''}`,
    ...(disk ? [l.disk === null ? '—' : formatBytes(l.disk)] : [])
  ])
  const body = table(['#', 'Instruction', 'Download size', ...(disk ? ['On disk'] : [])], rows, [
    'right',
    'left',
    'right',
    ...(disk ? (['right'] as const) : [])
  ])
  if (primary.layers.length > shown.length) {
    body.push(
      '',
      `✂️ ${primary.layers.length - shown.length} more layers are not listed; see ${context.elsewhere}.`
    )
  }
  return details(label, body)
}

const SOURCE_LABEL: Record<ImageMeasurement['source'], string> = {
  registry: 'the registry manifests',
  'oci-layout': 'the OCI layout',
  'docker-save': 'docker save',
  'docker-inspect': 'docker inspect'
}

function footer(input: ReportInput): string[] {
  const parts = [`Measured from ${SOURCE_LABEL[input.current.source] ?? 'the image'}`]
  if (input.commitSha && /^[0-9a-f]{7,64}$/i.test(input.commitSha))
    parts.push(`commit ${input.commitSha.slice(0, 7)}`)
  if (safeUrl(input.runUrl)) parts.push(link('workflow run', input.runUrl))
  return [`<sub>${parts.join(' · ')}</sub>`]
}

/**
 * Last resort when even the shortest rendering is too long (thousands of platforms or failing
 * tests): cut at a line, close any open `<details>` or code block, and say so.
 */
function hardCut(text: string, limit: number, context: Context): string {
  const note = `\n\n✂️ **This report was cut to fit GitHub's limit; see ${context.elsewhere} for the rest.**\n`
  const room = Math.max(0, limit - note.length - 200)
  const lines = text.slice(0, room).split('\n').slice(0, -1)
  let open = 0
  let fenced = false
  for (const line of lines) {
    if (line.startsWith('```')) fenced = !fenced
    if (line.startsWith('<details')) open++
    if (line === '</details>') open--
  }
  const closing = [
    ...(fenced ? ['```'] : []),
    ...Array.from({ length: Math.max(0, open) }, () => '\n</details>')
  ]
  return [...lines, ...closing].join('\n') + note
}
