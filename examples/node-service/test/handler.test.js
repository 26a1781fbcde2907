import assert from 'node:assert/strict'
import { after, before, describe, it, test } from 'node:test'
import { sampleCatalog } from '../src/catalog.js'
import { createServer, listen } from '../src/server.js'

// A real server on the loopback interface: works in a build container without a network.
let server
let base
before(async () => {
  server = createServer({ catalog: sampleCatalog(45) })
  const { port } = await listen(server, 0, '127.0.0.1')
  base = `http://127.0.0.1:${port}`
})
after(() => new Promise(resolve => server.close(resolve)))

test('GET /health answers ok', async () => {
  const res = await fetch(`${base}/health`)
  assert.equal(res.status, 200)
  assert.deepEqual(await res.json(), { status: 'ok' })
})

describe('GET /products', () => {
  it('returns the first page of 20 by default', async () => {
    const body = await (await fetch(`${base}/products`)).json()
    assert.equal(body.items.length, 20)
    assert.equal(body.total, 45)
    assert.equal(body.items[0].price, '4.99 EUR')
  })

  it('links to the next and the last page', async () => {
    const res = await fetch(`${base}/products?page=2&per_page=10`)
    const link = res.headers.get('link')
    assert.match(link, /page=3&per_page=10>; rel="next"/)
    assert.match(link, /page=5&per_page=10>; rel="last"/)
  })

  it('answers 400 with the reason for a bad page size', async () => {
    const res = await fetch(`${base}/products?per_page=ten`)
    assert.equal(res.status, 400)
    assert.match((await res.json()).error, /per_page must be a positive whole number/)
  })
})

describe('GET /products/:id', () => {
  it('returns one product with its price formatted', async () => {
    const body = await (await fetch(`${base}/products/3`)).json()
    assert.deepEqual(body, { id: 3, name: 'Mug 1', price: '9.99 EUR' })
  })

  it('answers 404 for a product that does not exist', async () => {
    const res = await fetch(`${base}/products/999`)
    assert.equal(res.status, 404)
  })
})

test('POST is refused with 405 and an Allow header', async () => {
  const res = await fetch(`${base}/products`, { method: 'POST', body: '{}' })
  assert.equal(res.status, 405)
  assert.equal(res.headers.get('allow'), 'GET, HEAD')
})
