import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createServer, listen } from '../src/server.js'

test('listens on a free port when asked for port 0', async () => {
  const server = createServer()
  const { port } = await listen(server, 0, '127.0.0.1')
  assert.ok(port > 0)
  await new Promise(resolve => server.close(resolve))
})

test('reports a port that is already taken', async () => {
  const first = createServer()
  const { port } = await listen(first, 0, '127.0.0.1')
  try {
    await assert.rejects(listen(createServer(), port, '127.0.0.1'), { code: 'EADDRINUSE' })
  } finally {
    await new Promise(resolve => first.close(resolve))
  }
})

test('serves an empty catalogue as one empty page', async () => {
  const server = createServer({ catalog: [] })
  const { port } = await listen(server, 0, '127.0.0.1')
  try {
    const body = await (await fetch(`http://127.0.0.1:${port}/products`)).json()
    assert.deepEqual(
      { total: body.total, totalPages: body.totalPages, items: body.items },
      { total: 0, totalPages: 1, items: [] }
    )
  } finally {
    await new Promise(resolve => server.close(resolve))
  }
})
