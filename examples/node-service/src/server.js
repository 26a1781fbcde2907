// Starts the service: PORT (default 8080), and a clean stop on SIGTERM (docker stop).
import http from 'node:http'
import { pathToFileURL } from 'node:url'
import { sampleCatalog } from './catalog.js'
import { createHandler } from './handler.js'

export function createServer({ catalog = sampleCatalog() } = {}) {
  return http.createServer(createHandler({ catalog }))
}

export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server.address()))
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createServer()
  const address = await listen(server, Number(process.env.PORT ?? 8080), process.env.HOST ?? '0.0.0.0')
  console.log(`listening on ${address.address}:${address.port}`)
  process.once('SIGTERM', () => server.close(() => process.exit(0)))
}
