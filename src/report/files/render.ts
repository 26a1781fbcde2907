// The "What grew" section of the report: per new or changed layer, the paths that grew most, and
// the files a later layer deletes but the image still ships. Every path goes through escapeText
// (paths come from the image, so they are user strings). Pure.
import { code, details, escapeText, table } from '../markdown.js'
import { formatBytes, formatSignedBytes } from '../size.js'
import { addedBytes, type FileChange, type LayerGrowth, type WhatGrew } from './grew.js'

/** Longest path shown in a cell; longer ones keep their end, the part that names the file. */
export const PATH_CHARS = 100
const INSTRUCTION_CHARS = 80

export interface GrewDetail {
  /** Layers shown; 0 leaves the section out with a note. */
  layers: number
  /** Rows per layer. */
  rows: number
  /** Still-shipped files listed. */
  shipped: number
}

/** A path for a table cell: cut from the front (the file name matters most), then escaped. */
export function pathCell(path: string, max = PATH_CHARS): string {
  const chars = Array.from(path)
  const shown = chars.length > max ? `…${chars.slice(chars.length - (max - 1)).join('')}` : path
  return code(shown, max)
}

const KIND_LABEL: Record<FileChange['kind'], string> = {
  new: '🆕',
  grew: '📈',
  shrank: '📉',
  gone: '🗑️'
}

function before(change: FileChange): string {
  if (change.before === null) return '?'
  return change.before === 0 ? '—' : formatBytes(change.before)
}

function layerBlock(growth: LayerGrowth, rows: number): string[] {
  const what = growth.kind === 'added' ? 'new layer' : 'changed layer'
  const files = `${growth.files} ${growth.files === 1 ? 'file' : 'files'}, ${formatBytes(growth.bytes)}`
  const against =
    growth.baselineBytes !== null
      ? ` (was ${formatBytes(growth.baselineBytes)}: ${formatSignedBytes(addedBytes(growth))})`
      : growth.kind === 'changed'
        ? ' (the baseline has no file list for this instruction yet)'
        : ''
  const lines = [
    `**Layer ${growth.number}** ${code(growth.createdBy, INSTRUCTION_CHARS)}, ${what}: ${files}${against}`
  ]
  const shown = growth.changes.slice(0, rows)
  if (shown.length > 0) {
    lines.push(
      '',
      ...table(
        ['', 'Path', 'Before', 'Now', 'Change'],
        shown.map(c => [
          KIND_LABEL[c.kind],
          pathCell(c.path),
          before(c),
          formatBytes(c.after),
          formatSignedBytes(c.delta)
        ]),
        ['left', 'left', 'right', 'right', 'right']
      )
    )
    const more = growth.changes.length - shown.length + growth.changesOmitted
    if (more > 0) lines.push('', `… and ${more} smaller changes.`)
  }
  if (growth.deletedCount > 0) {
    const listed = growth.deleted.slice(0, 5).map(p => pathCell(p, 60))
    const rest = growth.deletedCount - listed.length
    lines.push('', `Deletes ${listed.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}.`)
  }
  return lines
}

/** One line per file written in one layer and deleted in a later one. */
export function shippedLine(s: WhatGrew['stillShipped'][number]): string {
  return (
    `- ${pathCell(s.path)} ${formatBytes(s.bytes)}: written in layer ${s.writtenIn}, deleted in layer ` +
    `${s.deletedIn} (${code(s.deletedBy, 60)}): **still shipped**`
  )
}

/** Total bytes the listed layers add against their baselines (a new layer: all its bytes). */
export function grewTotal(grew: WhatGrew): number {
  return grew.layers.reduce((sum, l) => sum + addedBytes(l), 0)
}

/**
 * The collapsed section; [] when nothing was listed. `elsewhere` says where the full report is
 * when rows were left out to fit.
 */
export function whatGrewSection(
  grew: WhatGrew | null | undefined,
  detail: GrewDetail,
  elsewhere: string
): string[] {
  if (!grew || (grew.layers.length === 0 && grew.stillShipped.length === 0 && grew.unlisted.length === 0))
    return []
  const layers = [...grew.layers].sort((a, b) => addedBytes(b) - addedBytes(a) || a.number - b.number)
  const shipped = grew.stillShipped
  const shippedBytes = shipped.reduce((sum, s) => sum + s.bytes, 0)
  const parts = [
    layers.length === 0
      ? `🔎 What grew: ${grew.unlisted.length} new or changed ${grew.unlisted.length === 1 ? 'layer' : 'layers'} could not be listed`
      : `🔎 What grew: ${formatSignedBytes(grewTotal(grew))} of files in ${layers.length} new or changed ${layers.length === 1 ? 'layer' : 'layers'}`
  ]
  if (shipped.length > 0) {
    parts.push(
      `⚠️ ${shipped.length} deleted ${shipped.length === 1 ? 'file' : 'files'} still shipped (${formatBytes(shippedBytes)})`
    )
  }
  const summary = parts.join(' · ')
  if (detail.layers === 0) return [`${summary}: left out to fit; see ${elsewhere}.`]
  const body: string[] = []
  if (shipped.length > 0) {
    body.push(
      '⚠️ **Deleted in a later layer, still shipped.** A deletion only hides a file: the layer that wrote it ' +
        'is downloaded whole. Delete it in the same `RUN` step that writes it, or copy only what is needed ' +
        'from a build stage.',
      '',
      ...shipped.slice(0, detail.shipped).map(shippedLine)
    )
    if (shipped.length > detail.shipped) body.push(`- … and ${shipped.length - detail.shipped} more`)
    body.push('')
  }
  for (const growth of layers.slice(0, detail.layers)) body.push(...layerBlock(growth, detail.rows), '')
  if (layers.length > detail.layers) {
    body.push(
      `✂️ ${layers.length - detail.layers} more changed layers are not shown here; see ${elsewhere}.`,
      ''
    )
  }
  for (const u of grew.unlisted) {
    body.push(`- Layer ${u.number} ${code(u.createdBy, 60)} was not listed: ${escapeText(u.reason, 200)}.`)
  }
  if (body.at(-1) !== '') body.push('')
  body.push(
    `<sub>Sizes are the files' own sizes (tar headers), before compression. ${escapeText(grew.platform, 40)}.</sub>`
  )
  while (body.at(-1) === '') body.pop()
  return details(summary, body)
}
