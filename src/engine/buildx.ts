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
