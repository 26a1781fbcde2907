import { describe, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { engineSocket, type EngineSocket } from '../../servers/engine-socket.js'
import {
  candidateClients,
  detectBuilder,
  probeAtStart,
  probeEarly,
  Probes
} from '../../../src/engine/docker.js'

/**
 * A docker client that records each call (its arguments, one line) and answers like `docker
 * version`; with `plugin`, a docker-buildx in a config folder that records its calls and the
 * variable docker sets for it.
 */
function recordingDocker(opts: { plugin: boolean }): {
  client: string
  env: NodeJS.ProcessEnv
  plugin: string
  calls: () => string[]
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-probes-'))
  const log = path.join(dir, 'calls')
  writeFileSync(log, '')
  const client = path.join(dir, 'docker')
  writeFileSync(client, `#!/bin/sh\necho "docker $*" >> ${log}\necho '27.0.0|27.0.0'\n`)
  chmodSync(client, 0o755)
  const config = path.join(dir, 'config')
  const plugin = path.join(config, 'cli-plugins', 'docker-buildx')
  if (opts.plugin) {
    mkdirSync(path.dirname(plugin), { recursive: true })
    writeFileSync(
      plugin,
      `#!/bin/sh\necho "plugin(parent=$DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND) $*" >> ${log}\necho 'github.com/docker/buildx v0.21.1 abc'\n`
    )
    chmodSync(plugin, 0o755)
  }
  return {
    client,
    plugin,
    // No engine on this socket: `docker info` is asked of the CLI.
    env: {
      STAGEGATE_DOCKER: client,
      DOCKER_CONFIG: config,
      HOME: dir,
      DOCKER_HOST: `unix://${dir}/none.sock`
    },
    calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).sort()
  }
}

describe('Probes: each engine and builder question is asked once per run', () => {
  test('asked twice, run once; the second ask gets the same answer', async () => {
    const { client, calls } = recordingDocker({ plugin: false })
    const probes = new Probes()
    const info = { command: client, args: ['info'] }
    const [a, b] = await Promise.all([probes.run(info), probes.run({ ...info })])
    expect(a.stdout).toBe('27.0.0|27.0.0\n')
    expect(b).toBe(a)
    await probes.run(info)
    expect(calls()).toEqual(['docker info'])
  })

  test('with the buildx plugin where docker looks: four probes at once, buildx run as docker runs it', async () => {
    const { client, env, calls, plugin } = recordingDocker({ plugin: true })
    const probes = probeEarly(env, 'mybuilder')
    const builder = await detectBuilder(env, probes)
    expect(builder).toMatchObject({ kind: 'buildx', client, buildxPlugin: plugin, buildxVersion: 'v0.21.1' })
    // The builder's probes, asked later, were started early and are not run again.
    await probes.run({ command: plugin, args: ['buildx', 'inspect', 'mybuilder'] })
    await probes.driverStatus(client)
    expect(calls()).toEqual(
      [
        `plugin(parent=${client}) buildx inspect mybuilder`,
        `plugin(parent=${client}) buildx version`,
        'docker info --format {{json .DriverStatus}}',
        'docker version --format {{.Client.Version}}|{{.Server.Version}}'
      ].sort()
    )
  })

  test('without it: docker is asked for buildx, and the builder probes are not started', async () => {
    const { client, env, calls } = recordingDocker({ plugin: false })
    const probes = probeEarly(env, 'mybuilder')
    const builder = await detectBuilder(env, probes)
    // The recording docker answers `buildx version` too (as a docker that finds plugins elsewhere).
    expect(builder).toMatchObject({ kind: 'buildx', client, buildxPlugin: null })
    expect(calls()).toEqual([
      'docker buildx version',
      'docker version --format {{.Client.Version}}|{{.Server.Version}}'
    ])
  })

  test('a client that cannot start: probed early and never asked, no unhandled rejection; asked, the error', async () => {
    const unhandled: unknown[] = []
    const record = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      const env = {
        STAGEGATE_DOCKER: '/nonexistent/docker',
        DOCKER_CONFIG: '/nonexistent/config',
        DOCKER_HOST: 'unix:///nonexistent/docker.sock'
      }
      const probes = probeEarly(env, '')
      await new Promise(resolve => setTimeout(resolve, 100))
      expect(unhandled).toEqual([])
      await expect(
        probes.run({ command: '/nonexistent/docker', args: ['buildx', 'version'] })
      ).rejects.toThrow('/nonexistent/docker was not found')
    } finally {
      process.off('unhandledRejection', record)
    }
  })

  test('candidateClients: STAGEGATE_DOCKER alone when set', () => {
    expect(candidateClients({ STAGEGATE_DOCKER: ' /opt/docker ', PATH: '/usr/bin' })).toEqual(['/opt/docker'])
  })
})

describe('Probes.driverStatus: the image store from the engine API, else from docker info', () => {
  test('the API answers: its DriverStatus, and no docker process', async () => {
    const { client, calls } = recordingDocker({ plugin: false })
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-info-'))
    const socket = path.join(dir, 'docker.sock')
    const server = http.createServer((req, res) => {
      if (req.url === '/info')
        res.end(JSON.stringify({ DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] }))
      else res.writeHead(404).end()
    })
    await new Promise<void>(resolve => server.listen(socket, resolve))
    try {
      const probes = new Probes(socket)
      const status = await probes.driverStatus(client)
      expect(status).toBe('[["driver-type","io.containerd.snapshotter.v1"]]')
      expect(await probes.driverStatus(client)).toBe(status)
      expect(calls()).toEqual([])
    } finally {
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  })

  test('no engine on the socket: docker info', async () => {
    const { client, calls } = recordingDocker({ plugin: false })
    const probes = new Probes('/nonexistent/docker.sock')
    await expect(probes.driverStatus(client)).resolves.toBe('27.0.0|27.0.0\n')
    expect(calls()).toEqual(['docker info --format {{json .DriverStatus}}'])
  })
})

/** An engine API on a unix socket that answers `paths` (anything else: 404). */
const fakeEngine = (paths: Record<string, unknown>): Promise<EngineSocket> =>
  engineSocket((req, res) => {
    const body = paths[req.url ?? '']
    if (body === undefined) res.writeHead(404).end()
    else res.end(JSON.stringify(body))
  })

describe("the engine's version: from its API on the buildx path, else from docker version", () => {
  test('buildx plugin and the engine API: no docker process at all, the version is the API one', async () => {
    const { client, env, calls, plugin } = recordingDocker({ plugin: true })
    const engine = await fakeEngine({ '/version': { Version: '28.1.1' }, '/info': { DriverStatus: null } })
    try {
      const withApi = { ...env, DOCKER_HOST: `unix://${engine.socket}` }
      const builder = await detectBuilder(withApi, probeEarly(withApi, ''))
      expect(builder).toMatchObject({ kind: 'buildx', buildxPlugin: plugin, serverVersion: '28.1.1' })
      expect(calls()).toEqual(
        [`plugin(parent=${client}) buildx inspect`, `plugin(parent=${client}) buildx version`].sort()
      )
    } finally {
      await engine.close()
    }
  })

  test('the API answers without a version: docker version is asked, and its answer kept', async () => {
    const { env, calls } = recordingDocker({ plugin: true })
    const engine = await fakeEngine({ '/version': { ApiVersion: '1.47' } })
    try {
      const withApi = { ...env, DOCKER_HOST: `unix://${engine.socket}` }
      const builder = await detectBuilder(withApi, new Probes(engine.socket))
      expect(builder).toMatchObject({ kind: 'buildx', serverVersion: '27.0.0' })
      expect(calls()).toContain('docker version --format {{.Client.Version}}|{{.Server.Version}}')
    } finally {
      await engine.close()
    }
  })

  test('no engine on the socket: the error is docker version`s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-down-'))
    const client = path.join(dir, 'docker')
    writeFileSync(
      client,
      '#!/bin/sh\ncase "$1" in version) echo "27.0.0|"; echo "Cannot connect to the Docker daemon" >&2; exit 1;; esac\n' +
        'echo v0.21.1\n'
    )
    chmodSync(client, 0o755)
    const env = { STAGEGATE_DOCKER: client, HOME: dir, DOCKER_HOST: `unix://${dir}/none.sock` }
    await expect(detectBuilder(env, probeEarly(env, ''))).rejects.toThrow(
      /The Docker engine does not answer .*Cannot connect to the Docker daemon/
    )
  })
})

describe('probeAtStart: the entry point starts the probes, the run takes them over once', () => {
  test('same docker and builder: taken over, nothing asked twice; the next run asks again', async () => {
    const { env, calls } = recordingDocker({ plugin: false })
    probeAtStart(env, 'mybuilder')
    const probes = probeEarly(env, 'mybuilder')
    await detectBuilder(env, probes)
    expect(calls()).toEqual([
      'docker buildx version',
      'docker version --format {{.Client.Version}}|{{.Server.Version}}'
    ])
    const again = probeEarly(env, 'mybuilder')
    expect(again).not.toBe(probes)
    await detectBuilder(env, again)
    expect(calls()).toHaveLength(4)
  })

  test('another builder or another docker: the run asks its own', async () => {
    const { env } = recordingDocker({ plugin: false })
    probeAtStart(env, 'mybuilder')
    const other = probeEarly(env, 'other')
    probeAtStart(env, 'mybuilder')
    const elsewhere = probeEarly({ ...env, DOCKER_HOST: 'unix:///elsewhere.sock' }, 'mybuilder')
    expect(other).not.toBe(elsewhere)
    // What was started at the start and not taken over is dropped: the next run starts afresh.
    probeAtStart(env, 'mybuilder')
    const taken = probeEarly(env, 'mybuilder')
    expect(probeEarly(env, 'mybuilder')).not.toBe(taken)
  })
})
