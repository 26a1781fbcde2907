import { describe, expect, test } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { candidateClients, probeEarly, Probes } from '../../../src/engine/docker.js'

/** A client that records each call (its arguments, one line) and answers like `docker version`. */
function recordingClient(): { client: string; calls: () => string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-probes-'))
  const log = path.join(dir, 'calls')
  writeFileSync(log, '')
  const client = path.join(dir, 'docker')
  writeFileSync(client, `#!/bin/sh\necho "$*" >> ${log}\necho '27.0.0|27.0.0'\n`)
  chmodSync(client, 0o755)
  return { client, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) }
}

describe('Probes: each engine and builder question is asked once per run', () => {
  test('asked twice, run once; the second ask gets the same answer', async () => {
    const { client, calls } = recordingClient()
    const probes = new Probes()
    const [a, b] = await Promise.all([probes.run(client, ['info']), probes.run(client, ['info'])])
    expect(a.stdout).toBe('27.0.0|27.0.0\n')
    expect(b).toBe(a)
    await probes.run(client, ['info'])
    expect(calls()).toEqual(['info'])
  })

  test('probeEarly starts the four probes at once; the later steps find them answered', async () => {
    const { client, calls } = recordingClient()
    const probes = probeEarly({ STAGEGATE_DOCKER: client }, 'mybuilder')
    await probes.run(client, ['buildx', 'inspect', 'mybuilder'])
    await probes.run(client, ['info', '--format', '{{json .DriverStatus}}'])
    await probes.run(client, ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'])
    await probes.run(client, ['buildx', 'version'])
    expect(calls().sort()).toEqual(
      [
        'buildx inspect mybuilder',
        'buildx version',
        'info --format {{json .DriverStatus}}',
        'version --format {{.Client.Version}}|{{.Server.Version}}'
      ].sort()
    )
  })

  test('a client that cannot start: probed early and never asked, no unhandled rejection; asked, the error', async () => {
    const unhandled: unknown[] = []
    const record = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      const probes = probeEarly({ STAGEGATE_DOCKER: '/nonexistent/docker' }, '')
      await new Promise(resolve => setTimeout(resolve, 100))
      expect(unhandled).toEqual([])
      await expect(probes.run('/nonexistent/docker', ['buildx', 'version'])).rejects.toThrow(
        '/nonexistent/docker was not found'
      )
    } finally {
      process.off('unhandledRejection', record)
    }
  })

  test('candidateClients: STAGEGATE_DOCKER alone when set', () => {
    expect(candidateClients({ STAGEGATE_DOCKER: ' /opt/docker ', PATH: '/usr/bin' })).toEqual(['/opt/docker'])
  })
})
