// What ships and how it is measured, on each builder path: the image measured is the image
// built, a pull request writes no shared cache, and the outputs mean one thing everywhere.
import { expect, jest } from '@jest/globals'
import {
  copyExample,
  describe,
  onPath,
  REGISTRY,
  registryManifest,
  runAction,
  test,
  uniqueRepo,
  type ActionRun
} from './harness.js'

jest.setTimeout(240_000)

const base = { network: 'none' }

function runMetadata(run: ActionRun): {
  builds: Array<{ role: string; steps: Array<{ ran: number; cached: number }> }>
} {
  return JSON.parse(run.outputs['run-metadata'] ?? '{}')
}

/** The config digest of a pushed image, as the registry serves it (an index's image entry). */
async function pushedConfigDigest(ref: string): Promise<string | null> {
  const top = await registryManifest(ref)
  let manifest = top.manifest as {
    config?: { digest: string }
    manifests?: Array<{ digest: string; platform?: { os: string } }>
  }
  const image = manifest?.manifests?.find(m => m.platform?.os !== 'unknown')
  if (image)
    manifest = (await registryManifest(`${ref.slice(0, ref.lastIndexOf(':'))}@${image.digest}`))
      .manifest as typeof manifest
  return manifest?.config?.digest ?? null
}

describe('outputs mean one thing on every path', () => {
  test('pushed: image-id and imageid are the config digest, digest and metadata name what the registry serves', async () => {
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: copyExample('greeter'), tags: `${repo}:1`, push: 'true' })
    expect(run.code).toBe(0)
    const pushed = await registryManifest(`${repo}:1`)
    expect(pushed.status).toBe(200)
    expect(run.outputs.digest).toBe(pushed.digest)
    expect(run.outputs['image-id']).toBe(await pushedConfigDigest(`${repo}:1`))
    expect(run.outputs.imageid).toBe(run.outputs['image-id'])
    // build-push-action's metadata: fromJSON(...)['containerimage.digest'] is the pushed digest.
    const metadata = JSON.parse(run.outputs.metadata ?? '{}') as Record<string, string>
    expect(metadata['containerimage.digest']).toBe(pushed.digest)
    expect(metadata['containerimage.config.digest']).toBe(run.outputs['image-id'])
  })

  test('not pushed: no digest anywhere, so a signing step guarded on it signs nothing', async () => {
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: copyExample('greeter'), tags: `${repo}:1` })
    expect(run.code).toBe(0)
    expect(run.outputs.digest).toBe('')
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBeUndefined()
    expect(run.outputs['image-id']).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect((await registryManifest(`${repo}:1`)).status).toBe(404)
  })
})

describe('the image measured is the image built', () => {
  test('no-cache on a pull request: measured without a second build, from what the builder can give', async () => {
    const run = await runAction({ ...base, context: copyExample('greeter'), 'no-cache': 'true' })
    expect(run.code).toBe(0)
    // Two builds, tester and runtime: no re-export that would inherit no-cache and rebuild.
    expect(runMetadata(run).builds.map(b => b.role)).toEqual(['tester', 'runtime'])
    expect(run.stdout).not.toMatch(/Could not export the runtime image/)
    expect(run.stdout).not.toMatch(/^::warning/m)
    // The containerd store writes the OCI layout beside the loaded image in the same build; the
    // classic store cannot, so the loaded image itself is measured.
    const source = onPath('buildx-26')
      ? /Measured 1 platform\(s\) from oci-layout/
      : /Measured 1 platform\(s\) from docker-save/
    expect(run.stdout).toMatch(source)
    expect(run.outputs['size-compressed']).toMatch(/^\d+$/)
  })

  test('with a budget to check first, the push exports the measured build again from the cache: no step runs twice', async () => {
    if (!onPath('buildx-20', 'buildx-26')) return // the classic path pushes with docker push
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: copyExample('greeter'),
      tags: `${repo}:1`,
      push: 'true',
      'max-size': '1GB'
    })
    expect(run.code).toBe(0)
    const roles = runMetadata(run).builds.map(b => b.role)
    expect(roles).toEqual(['tester', 'runtime', 'push'])
    const push = runMetadata(run).builds.find(b => b.role === 'push')
    expect(push?.steps.reduce((n, s) => n + s.ran, 0)).toBe(0)
    expect(push?.steps.reduce((n, s) => n + s.cached, 0)).toBeGreaterThan(0)
    expect((await registryManifest(`${repo}:1`)).digest).toBe(run.outputs.digest)
  })

  test('without a budget too: the runtime built beside the tests is pushed by exporting it again from the cache', async () => {
    if (!onPath('buildx-20', 'buildx-26')) return
    const repo = uniqueRepo('greeter')
    const run = await runAction({ ...base, context: copyExample('greeter'), tags: `${repo}:1`, push: 'true' })
    expect(run.code).toBe(0)
    expect(runMetadata(run).builds.map(b => b.role)).toEqual(['tester', 'runtime', 'push'])
    const push = runMetadata(run).builds.find(b => b.role === 'push')
    expect(push?.steps.reduce((n, s) => n + s.ran, 0)).toBe(0)
    expect((await registryManifest(`${repo}:1`)).digest).toBe(run.outputs.digest)
  })

  test('no tester, no gate to wait for: buildx builds and pushes the runtime in one build', async () => {
    if (!onPath('buildx-20', 'buildx-26')) return
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: copyExample('greeter'),
      tags: `${repo}:1`,
      push: 'true',
      'test-target': 'none'
    })
    expect(run.code).toBe(0)
    expect(runMetadata(run).builds.map(b => b.role)).toEqual(['runtime'])
    expect((await registryManifest(`${repo}:1`)).digest).toBe(run.outputs.digest)
  })
})

describe('a run that does not push writes no shared cache', () => {
  test('cache: registry on a pull request reads the cache and writes none', async () => {
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: copyExample('greeter'),
      tags: `${repo}:pr`,
      cache: 'registry',
      'cache-ref': `${repo}:buildcache`,
      'create-builder': 'false'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/^::(error|warning)/m)
    for (const target of ['tester', 'runtime'])
      expect(
        (await registryManifest(`${REGISTRY}/${repo.slice(REGISTRY.length + 1)}:buildcache-${target}`)).status
      ).toBe(404)
  })
})
