import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_ENGINE_SOCKET, engineGet, engineSocketFrom } from '../../../src/engine/api.js'
import { engineHistorySizes, localFactsReader } from '../../../src/report/measure.js'

describe('engineSocketFrom: the socket the docker CLI would talk to, or null to leave it to the CLI', () => {
  test.each([
    ['nothing set: the default socket', {}, null, DEFAULT_ENGINE_SOCKET],
    [
      'DOCKER_HOST unix://',
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' },
      null,
      '/run/user/1000/docker.sock'
    ],
    [
      'DOCKER_HOST wins over a context in config.json',
      { DOCKER_HOST: 'unix:///s.sock' },
      '{"currentContext":"x"}',
      '/s.sock'
    ],
    ['DOCKER_HOST tcp: the CLI', { DOCKER_HOST: 'tcp://10.0.0.1:2376' }, null, null],
    ['DOCKER_HOST ssh: the CLI', { DOCKER_HOST: 'ssh://me@box' }, null, null],
    ['DOCKER_HOST unix:// without a path: the CLI', { DOCKER_HOST: 'unix://' }, null, null],
    ['DOCKER_CONTEXT other than default: the CLI', { DOCKER_CONTEXT: 'remote' }, null, null],
    ['DOCKER_CONTEXT default', { DOCKER_CONTEXT: 'default' }, null, DEFAULT_ENGINE_SOCKET],
    ['config.json currentContext: the CLI', {}, '{"currentContext":"desktop-linux"}', null],
    ['config.json currentContext default', {}, '{"currentContext":"default"}', DEFAULT_ENGINE_SOCKET],
    ['config.json unreadable: the CLI (it says what is wrong)', {}, '{', null]
  ])('%s', (_name, env, configJson, expected) => {
    expect(engineSocketFrom(env, configJson)).toBe(expected)
  })
})

test('engineHistorySizes: the API history, newest first, as sizes oldest first', () => {
  const body = JSON.stringify([{ Size: 300 }, { Size: 0 }, { Size: 1000 }, {}])
  expect(engineHistorySizes(body)).toEqual([0, 1000, 0, 300])
  expect(() => engineHistorySizes('{"message":"x"}')).toThrow('not a list')
})

describe('against an engine API served on a unix socket', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-api-'))
  const socket = path.join(dir, 'docker.sock')
  const asked: string[] = []
  let status = 200
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '')
    if (req.url === '/slow') return // never answers
    if (status !== 200) {
      res.writeHead(status).end('{"message":"no"}')
      return
    }
    if (req.url?.endsWith('/json'))
      res.end(
        JSON.stringify({ Id: 'sha256:abc', Size: 1500, Os: 'linux', Architecture: 'arm64', Variant: 'v8' })
      )
    else if (req.url?.endsWith('/history')) res.end(JSON.stringify([{ Size: 500 }, { Size: 1000 }]))
    else res.writeHead(404).end()
  })
  /** A docker CLI that records its calls and answers like `docker image inspect` and `docker history`. */
  const cliLog = path.join(dir, 'cli-calls')
  const cli = path.join(dir, 'docker')
  writeFileSync(cliLog, '')
  writeFileSync(
    cli,
    `#!/bin/sh\necho "$1" >> ${cliLog}\nif [ "$1" = image ]; then echo '{"Id":"sha256:cli","Size":7,"Os":"linux","Architecture":"amd64"}'; else echo '{"Size":"7"}'; fi\n`
  )
  chmodSync(cli, 0o755)

  beforeAll(() => new Promise<void>(resolve => server.listen(socket, resolve)))
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

  test('engineGet: status and body; a missing socket rejects; no answer in time rejects', async () => {
    await expect(engineGet(socket, '/images/x/json')).resolves.toMatchObject({ status: 200 })
    await expect(engineGet(path.join(dir, 'none.sock'), '/x')).rejects.toThrow()
    await expect(engineGet(socket, '/slow', 100)).rejects.toThrow('did not answer /slow in time')
  })

  test('the local facts come from the API, the reference in the path as docker puts it', async () => {
    asked.length = 0
    status = 200
    const facts = await localFactsReader(cli, socket)('127.0.0.1:5000/team/app:pr-1')
    expect(facts).toEqual({
      id: 'sha256:abc',
      size: 1500,
      platform: 'linux/arm64/v8',
      historySizes: [1000, 500]
    })
    expect(asked.sort()).toEqual([
      '/images/127.0.0.1:5000/team/app:pr-1/history',
      '/images/127.0.0.1:5000/team/app:pr-1/json'
    ])
    expect(readFileSync(cliLog, 'utf8')).toBe('')
  })

  test('not in the engine (404): null, and the CLI is not asked', async () => {
    status = 404
    await expect(localFactsReader(cli, socket)('gone:1')).resolves.toBeNull()
    expect(readFileSync(cliLog, 'utf8')).toBe('')
  })

  test('an answer that is not one (500) or no engine on the socket: the docker CLI answers', async () => {
    status = 500
    await expect(localFactsReader(cli, socket)('app:1')).resolves.toMatchObject({
      id: 'sha256:cli',
      historySizes: [7]
    })
    await expect(localFactsReader(cli, path.join(dir, 'none.sock'))('app:2')).resolves.toMatchObject({
      id: 'sha256:cli'
    })
    expect(readFileSync(cliLog, 'utf8').trim().split('\n').sort()).toEqual([
      'history',
      'history',
      'image',
      'image'
    ])
  })
})
