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
