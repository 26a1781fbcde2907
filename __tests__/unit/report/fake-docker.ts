// A `docker` command that knows one local image, for the measuring code that asks the engine
// (`docker image inspect`, `docker history`) without an engine.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A `docker` that knows one image: `image inspect` and `history` answers from the given facts. */
export function fakeDocker(
  id: string | null,
  historySizes: number[]
): { docker: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagegate-fake-docker-'))
  // Size as the containerd store reports it: the stored (compressed) blobs, not the unpacked layers.
  const inspect = JSON.stringify({ Id: id, Size: 4_401_500, Os: 'linux', Architecture: 'amd64' })
  const history = [...historySizes]
    .reverse()
    .map(size => JSON.stringify({ Size: String(size) }))
    .join('\n')
  writeFileSync(path.join(dir, 'inspect.json'), inspect)
  writeFileSync(path.join(dir, 'history.txt'), `${history}\n`)
  const docker = path.join(dir, 'docker')
  writeFileSync(
    docker,
    [
      '#!/bin/sh',
      `if [ "$1 $2" = "image inspect" ] && [ ${id ? 1 : 0} = 1 ]; then cat '${dir}/inspect.json'; exit 0; fi`,
      `if [ "$1" = "history" ] && [ ${id ? 1 : 0} = 1 ]; then cat '${dir}/history.txt'; exit 0; fi`,
      'echo "Error: No such image: $*" >&2; exit 1',
      ''
    ].join('\n')
  )
  chmodSync(docker, 0o755)
  return { docker, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
