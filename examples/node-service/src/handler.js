// The HTTP routes: GET /health, GET /products (paginated), GET /products/:id.
import { BadRequest, linkHeader, paginate, parsePageParams } from './pagination.js'
import { formatPrice } from './price.js'

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

function present(product) {
  return { id: product.id, name: product.name, price: formatPrice(product.cents, product.currency) }
}

export function createHandler({ catalog }) {
  return (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { error: `${req.method} is not allowed` }, { allow: 'GET, HEAD' })
    }
    try {
      if (url.pathname === '/health') return send(res, 200, { status: 'ok' })
      if (url.pathname === '/products') {
        const page = paginate(catalog, parsePageParams(url.searchParams))
        const link = linkHeader(url.href, page)
        return send(res, 200, { ...page, items: page.items.map(present) }, link ? { link } : {})
      }
      const match = /^\/products\/(\d+)$/.exec(url.pathname)
      if (match) {
        const product = catalog.find(p => p.id === Number(match[1]))
        if (!product) return send(res, 404, { error: `no product ${match[1]}` })
        return send(res, 200, present(product))
      }
      return send(res, 404, { error: `no route ${url.pathname}` })
    } catch (error) {
      if (error instanceof BadRequest) return send(res, 400, { error: error.message })
      throw error
    }
  }
}
