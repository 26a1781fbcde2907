// Base images that e2e suites build on, made on this path's engine from what the machine has:
// the test bed pulls nothing. Call from a suite's beforeAll, inside the harness's describe, so a
// skipped path makes no image.
import path from 'node:path'
import { ROOT, runProcess } from './harness.js'

export const NODE_IMAGE = 'local/node:20'

/**
 * local/node:20 (this machine's node, a static busybox, a `node` user) on the engine of this
 * run's path; scripts/make-node-image.sh returns at once when the image is already there.
 */
export async function ensureNodeImage(): Promise<string> {
  const made = await runProcess('bash', [path.join(ROOT, 'scripts/make-node-image.sh'), NODE_IMAGE])
  if (made.code !== 0) {
    throw new Error(`scripts/make-node-image.sh ${NODE_IMAGE} exited with ${made.code}:\n${made.stderr}`)
  }
  return NODE_IMAGE
}
