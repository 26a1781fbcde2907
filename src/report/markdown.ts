// Markdown building blocks that make strings we do not control (image names, tags, Dockerfile
// instructions, test names and messages) render as the same characters and nothing else: no
// HTML, no links, no emphasis, no table cells, no @mentions or #references that notify people.

/** Default length of one user-controlled string in the report. */
export const MAX_TEXT = 200

const ZERO_WIDTH_SPACE = '\u200b'

/** Shortens `text` to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max = MAX_TEXT): string {
  const chars = Array.from(text)
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : text
}

/**
 * Text safe for inline markdown, table cells included: newlines become spaces, HTML
 * metacharacters become entities, the punctuation that markdown acts on inline is backslash-escaped
 * (CommonMark renders `\x` as `x` for punctuation; GFM tables treat `\|` as a literal pipe), and
 * `@name` / `#123` get a zero-width space so GitHub does not ping or cross-link. The result is
 * never placed at the start of a line, so block syntax (`- `, `1. `, `+ `) needs no escape.
 */
export function escapeText(text: string, max = MAX_TEXT): string {
  return truncate(text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' '), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#!|~$]/g, '\\$&')
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\\#(?=\d)/g, `\\#${ZERO_WIDTH_SPACE}`)
}

/**
 * Text for raw HTML where markdown is not processed (a `<summary>` line): entities only (markdown
 * punctuation too, in case a renderer does process it), plus the zero-width space against mentions
 * and references.
 */
export function escapeHtml(text: string, max = MAX_TEXT): string {
  return truncate(text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' '), max)
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/["'`*_[\]()~|\\!#:$]/g, c => `&#${c.charCodeAt(0)};`)
}

/**
 * Monospaced text, safe anywhere (table cells too). An HTML `<code>` element around escaped text
 * rather than a backtick span: a pipe inside a backtick span still splits a GFM table cell, and
 * the escapes inside the element keep working.
 */
export function code(text: string, max = MAX_TEXT): string {
  return `<code>${escapeText(text, max) || ' '}</code>`
}

/** A label for a quoted mermaid string: letters, digits and harmless punctuation only. */
export function mermaidLabel(text: string, max = 40): string {
  const plain = text
    .replace(/[^A-Za-z0-9 ./+=,()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return truncate(plain, max) || 'layer'
}

/** An http(s) URL fit for `[text](url)`, or null for anything else (javascript:, data:, junk). */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  return parsed.href.replace(
    /[()<>"' ]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** A link when the URL is safe, else the plain (escaped) label. */
export function link(label: string, url: string | undefined): string {
  const href = safeUrl(url)
  return href ? `[${escapeText(label)}](${href})` : escapeText(label)
}

export type Align = 'left' | 'right'

/** A GFM table; cells must already be escaped. */
export function table(
  headers: readonly string[],
  rows: readonly string[][],
  align?: readonly Align[]
): string[] {
  const rule = headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'))
  return [`| ${headers.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)]
}

/** A collapsed section. The blank lines let markdown (tables, lists) render inside it. */
export function details(summary: string, body: readonly string[], open = false): string[] {
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>']
}
