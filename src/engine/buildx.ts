import type { Host } from '../host.js'
import type { BuilderChoice } from './builder.js'
import { run } from './docker.js'

/** Name of the docker-container builder stagegate creates when the current one cannot export cache. */
export const CONTAINER_BUILDER = 'stagegate'

/** `Driver: docker-container` from `docker buildx inspect` output. */
export function driverFromInspect(output: string): string | null {
  const match = /^Driver:\s*(\S+)/m.exec(output)
  return match ? (match[1] ?? null) : null
}

/** The containerd image store can export cache even with the docker driver. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  return /io\.containerd\.snapshotter/.test(driverStatusJson)
}

export async function inspectDriver(
  builder: BuilderChoice,
  name: string
): Promise<{ driver: string | null; containerdStore: boolean }> {
  const inspected = await run(builder.client, ['buildx', 'inspect', ...(name ? [name] : [])])
  const driver = inspected.exitCode === 0 ? driverFromInspect(inspected.stdout) : null
  const info = await run(builder.client, ['info', '--format', '{{json .DriverStatus}}'])
  return { driver, containerdStore: usesContainerdStore(info.stdout) }
}

/** Creates (or reuses) the docker-container builder and returns its name. */
export async function ensureContainerBuilder(host: Host, builder: BuilderChoice): Promise<string> {
  const existing = await run(builder.client, ['buildx', 'inspect', CONTAINER_BUILDER])
  if (existing.exitCode !== 0) {
    const created = await run(builder.client, [
      'buildx',
      'create',
      '--name',
      CONTAINER_BUILDER,
      '--driver',
      'docker-container'
    ])
    if (created.exitCode !== 0) {
      host.warning(`Could not create a docker-container builder: ${created.tail.slice(-2).join(' ')}`)
      return ''
    }
  }
  return CONTAINER_BUILDER
}
