// A registry that fails part-way: a push is retried a bounded number of times; when it still
// fails, the run says which registry error it was and the outputs say nothing was pushed.
// A stand-in proxy on 127.0.0.1 in front of the test bed's registry injects the faults.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, jest } from '@jest/globals'
import { copyExample, describe, onPath, REGISTRY, registryManifest, runAction, test } from './harness.js'

jest.setTimeout(180_000)

/** How many manifest uploads still fail with 500 (Infinity: all of them). */
let failManifestPuts = 0
let failed = 0
let proxy: http.Server
let proxyHost = ''

beforeAll(async () => {
  const [host, port] = REGISTRY.split(':')
  proxy = http.createServer((req, res) => {
    if (req.method === 'PUT' && /\/manifests\//.test(req.url ?? '') && failManifestPuts > 0) {
      failManifestPuts--
      failed++
      req.resume()
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end('{"errors":[{"code":"UNKNOWN","message":"stand-in: storage backend unavailable"}]}')
      return
    }
    const upstream = http.request(
      {
        host,
        port: Number(port),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: REGISTRY }
      },
      answer => {
        const headers = { ...answer.headers }
        // Upload locations point back at the registry: keep the client talking to the proxy.
        if (typeof headers.location === 'string')
          headers.location = headers.location.replace(REGISTRY, proxyHost)
        res.writeHead(answer.statusCode ?? 502, headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  proxyHost = `127.0.0.1:${(proxy.address() as AddressInfo).port}`
})

afterAll(async () => {
  proxy.closeAllConnections()
  await new Promise(resolve => proxy.close(resolve))
})

const repoName = () =>
  `e2e-faults-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}/greeter`

describe('a registry that fails part-way', () => {
  test('one 500 on the manifest upload: the push is tried again and lands', async () => {
    failManifestPuts = 1
    failed = 0
    const name = repoName()
    const run = await runAction({
      network: 'none',
      context: copyExample('greeter'),
      tags: `${proxyHost}/${name}:1`,
      push: 'true'
    })
    expect(failed).toBe(1)
    expect(run.code).toBe(0)
    // Engine 26 pushes through containerd, whose pusher retries a 5xx by itself; the others
    // give up, and stagegate tries again.
    if (onPath('buildx-26')) expect(run.stdout).not.toMatch(/^::error/m)
    else expect(run.stdout).toMatch(/The push failed part-way .*trying again \(1 of 2\)/)
    const pushed = await registryManifest(`${REGISTRY}/${name}:1`)
    expect(pushed.status).toBe(200)
    expect(run.outputs.digest).toBe(pushed.digest)
  })

  test('a registry that keeps failing: a bounded number of tries, the error named, nothing pushed', async () => {
    failManifestPuts = Infinity
    failed = 0
    const name = repoName()
    const started = performance.now()
    const run = await runAction({
      network: 'none',
      context: copyExample('greeter'),
      tags: `${proxyHost}/${name}:1`,
      push: 'true'
    })
    failManifestPuts = 0
    expect(run.code).toBe(1)
    expect(run.outputs.failure).toBe('builder')
    expect(run.outputs.digest).toBe('')
    expect(run.stdout).toMatch(
      /::error title=stagegate%3A builder or infrastructure failed::Pushing .* failed: .*(500|Internal Server Error)/
    )
    expect((await registryManifest(`${REGISTRY}/${name}:1`)).status).toBe(404)
    // The first try and two more (each client may itself retry a manifest upload a few times).
    expect(failed).toBeGreaterThanOrEqual(3)
    expect(performance.now() - started).toBeLessThan(120_000)
  })
})
