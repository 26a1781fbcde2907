// A Docker engine API stand-in over real HTTP on a unix socket (as dockerd serves
// /var/run/docker.sock), for the reads and writes stagegate makes of it without a docker process.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface EngineSocket {
  socket: string
  close: () => Promise<void>
}

/** Serves `handler` on a fresh unix socket; `close` also drops the client's kept-alive connections. */
export async function engineSocket(
  handler: (req: IncomingMessage, res: ServerResponse) => void
): Promise<EngineSocket> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-engine-api-'))
  const socket = path.join(dir, 'docker.sock')
  const server = http.createServer(handler)
  await new Promise<void>(resolve => server.listen(socket, resolve))
  return {
    socket,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections() // the client's agent keeps its connection for the next request
      })
  }
}
