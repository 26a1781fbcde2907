// The engine's API, asked directly over its unix socket for the few reads the report makes while
// the push runs (`docker image inspect`, `docker history`): each `docker` process costs ~0.05-0.08 s
// of CPU to start, and four of them beside `docker push` on a 2-core runner made the push twice as
// slow (0.35 s against 0.17 s alone, measured here). Only where the socket is known the way docker
// knows it; anywhere else (a context, tcp, ssh) the docker CLI answers as before.
import http from 'node:http'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dockerConfigDir } from './plugin.js'

/** Where docker talks to the engine when nothing says otherwise (Linux). */
export const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock'

/**
 * The engine's unix socket, as the docker CLI would find it, or null when the CLI would go
 * elsewhere than a local socket (DOCKER_HOST over tcp or ssh, or a context other than the
 * default: its endpoint lives in docker's context store, which is left to docker). Pure.
 */
export function engineSocketFrom(env: NodeJS.ProcessEnv, configJson: string | null): string | null {
  const host = env.DOCKER_HOST?.trim()
  if (host)
    return host.startsWith('unix://') && host.length > 'unix://'.length ? host.slice('unix://'.length) : null
  const context = env.DOCKER_CONTEXT?.trim()
  if (context && context !== 'default') return null
  try {
    const current = (JSON.parse(configJson ?? '{}') as { currentContext?: unknown }).currentContext
    if (typeof current === 'string' && current !== '' && current !== 'default') return null
  } catch {
    return null // docker would refuse a config.json it cannot read: let it say so
  }
  return DEFAULT_ENGINE_SOCKET
}

/** engineSocketFrom with docker's config.json read. */
export function engineSocket(env: NodeJS.ProcessEnv, home: string = env.HOME || os.homedir()): string | null {
  let configJson: string | null = null
  try {
    configJson = readFileSync(path.join(dockerConfigDir(env, home), 'config.json'), 'utf8')
  } catch {
    // no config.json: docker's defaults
  }
  return engineSocketFrom(env, configJson)
}

export interface EngineAnswer {
  status: number
  body: string
}

/**
 * GET `apiPath` from the engine on `socket`. Rejects when the engine cannot be reached or does not
 * answer within `timeoutMs` (the caller then asks the docker CLI); any HTTP status is an answer.
 */
export function engineGet(socket: string, apiPath: string, timeoutMs = 10_000): Promise<EngineAnswer> {
  return engineRequest(socket, 'GET', apiPath, timeoutMs)
}

/** `method` `apiPath` (no body) to the engine on `socket`, as engineGet. */
export function engineRequest(
  socket: string,
  method: 'GET' | 'POST',
  apiPath: string,
  timeoutMs = 10_000
): Promise<EngineAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath: socket, method, path: apiPath, headers: { Host: 'docker' }, timeout: timeoutMs },
      response => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        )
        response.on('error', reject)
      }
    )
    request.on('timeout', () => request.destroy(new Error(`the engine did not answer ${apiPath} in time`)))
    request.on('error', reject)
    request.end()
  })
}
