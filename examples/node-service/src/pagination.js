// Page parameters from a query string, and the page of a list they select.

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100

export class BadRequest extends Error {
  constructor(message) {
    super(message)
    this.name = 'BadRequest'
    this.status = 400
  }
}

function positiveInt(value, name, fallback) {
  if (value === null || value === '') return fallback
  if (!/^\d+$/.test(value)) throw new BadRequest(`${name} must be a positive whole number, not "${value}"`)
  const n = Number(value)
  if (n < 1) throw new BadRequest(`${name} must be at least 1`)
  return n
}

/** `?page=2&per_page=50` as numbers; missing values take the defaults, too large a page size is capped. */
export function parsePageParams(
  searchParams,
  { perPage = DEFAULT_PER_PAGE, maxPerPage = MAX_PER_PAGE } = {}
) {
  const page = positiveInt(searchParams.get('page'), 'page', 1)
  const size = positiveInt(searchParams.get('per_page'), 'per_page', perPage)
  return { page, perPage: Math.min(size, maxPerPage) }
}

/** The items of one page, with the totals a client needs to show page links. */
export function paginate(items, { page, perPage }) {
  const total = items.length
  const totalPages = Math.max(1, Math.ceil(total / perPage))
  const start = (page - 1) * perPage
  return {
    items: items.slice(start, start + perPage),
    page,
    perPage,
    total,
    totalPages,
    hasNext: page < totalPages
  }
}

/** An RFC 8288 Link header with next/prev/last for a page, or null when there is one page. */
export function linkHeader(baseUrl, { page, perPage, totalPages }) {
  if (totalPages <= 1) return null
  const url = p => {
    const u = new URL(baseUrl)
    u.searchParams.set('page', String(p))
    u.searchParams.set('per_page', String(perPage))
    return `<${u.href}>`
  }
  const links = []
  if (page < totalPages) links.push(`${url(page + 1)}; rel="next"`)
  if (page > 1) links.push(`${url(Math.min(page - 1, totalPages))}; rel="prev"`)
  links.push(`${url(totalPages)}; rel="last"`)
  return links.join(', ')
}
