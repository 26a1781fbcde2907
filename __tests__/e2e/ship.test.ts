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

/** The image manifest of a pushed tag (an index's image entry, or the tag's own manifest). */
async function imageManifest(ref: string): Promise<Record<string, unknown> | null> {
  const top = await registryManifest(ref)
  const manifests = (top.manifest?.manifests ?? []) as Array<{ digest: string; platform?: { os: string } }>
  const image = manifests.find(m => m.platform?.os !== 'unknown')
  if (!image) return top.manifest
  return (await registryManifest(`${ref.slice(0, ref.lastIndexOf(':'))}@${image.digest}`)).manifest
}

/** The builder id of the provenance attestation a pushed index carries, or null without one. */
async function provenanceBuilderId(ref: string): Promise<string | null> {
  const name = ref.slice(0, ref.lastIndexOf(':'))
  const top = await registryManifest(ref)
  const manifests = (top.manifest?.manifests ?? []) as Array<{
    digest: string
    annotations?: Record<string, string>
  }>
  const attestation = manifests.find(
    m => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
  )
  if (!attestation) return null
  const layers = ((await registryManifest(`${name}@${attestation.digest}`)).manifest?.layers ?? []) as Array<{
    digest: string
    annotations?: Record<string, string>
  }>
  const layer = layers.find(l =>
    l.annotations?.['in-toto.io/predicate-type']?.includes('slsa.dev/provenance')
  )
  if (!layer) return null
  const repoPath = name.slice(REGISTRY.length + 1)
  const statement = (await (
    await fetch(`http://${REGISTRY}/v2/${repoPath}/blobs/${layer.digest}`)
  ).json()) as {
    predicate?: { builder?: { id?: string } }
  }
  return statement.predicate?.builder?.id ?? ''
}

/** The config digest of a pushed image, as the registry serves it (an index's image entry). */
async function pushedConfigDigest(ref: string): Promise<string | null> {
  const manifest = (await imageManifest(ref)) as { config?: { digest: string } } | null
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

  // buildx's docker driver (both buildx paths here) keeps the loaded image in the engine's store:
  // the push is `docker push` of the image tested and measured, no second export.
  const RUN_ENV = {
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com'
  }
  const BUILDER_ID = 'https://github.com/acme/app/actions/runs/4242'

  test.each([
    ['with a budget checked first', { 'max-size': '1GB' }],
    ['without a budget', {}]
  ])(
    '%s, the docker driver pushes the image it built and measured with docker push, carrying the provenance a push build would',
    async (_name, extra) => {
      if (!onPath('buildx-20', 'buildx-26')) return // the classic path always pushes with docker push
      const repo = uniqueRepo('greeter')
      const run = await runAction(
        { ...base, context: copyExample('greeter'), tags: `${repo}:1`, push: 'true', ...extra },
        { env: RUN_ENV }
      )
      expect(run.code).toBe(0)
      expect(runMetadata(run).builds.map(b => b.role)).toEqual(['tester', 'runtime'])
      expect(run.stdout).toMatch(/^::group::Push 127\.0\.0\.1:5000\/.+:1$/m)
      expect((await registryManifest(`${repo}:1`)).digest).toBe(run.outputs.digest)
      const metadata = JSON.parse(run.outputs.metadata ?? '{}') as Record<
        string,
        { digest?: string } | string
      >
      expect(metadata['containerimage.digest']).toBe(run.outputs.digest)
      // The containerd store pushes the loaded index itself: the build's descriptor is the pushed
      // image's. The classic store compresses anew as it pushes: the build's descriptor is not kept.
      const descriptor = metadata['containerimage.descriptor'] as { digest?: string } | undefined
      if (onPath('buildx-26')) expect(descriptor?.digest).toBe(run.outputs.digest)
      else expect(descriptor).toBeUndefined()
      // The containerd store keeps attestations: the pushed index carries build-push-action's default
      // provenance (mode=max, the run as builder id). The classic store has none to carry.
      expect(await provenanceBuilderId(`${repo}:1`)).toBe(onPath('buildx-26') ? BUILDER_ID : null)
    }
  )

  test('annotations ship with the pushed manifest: the push exports the measured build again from the cache, no step runs twice', async () => {
    if (!onPath('buildx-26')) return // annotations need an exporter beyond the classic store's docker driver
    const repo = uniqueRepo('greeter')
    const run = await runAction({
      ...base,
      context: copyExample('greeter'),
      tags: `${repo}:1`,
      push: 'true',
      annotations: 'manifest:org.opencontainers.image.description=greeter from stagegate'
    })
    expect(run.code).toBe(0)
    expect(runMetadata(run).builds.map(b => b.role)).toEqual(['tester', 'runtime', 'push'])
    const push = runMetadata(run).builds.find(b => b.role === 'push')
    expect(push?.steps.reduce((n, s) => n + s.ran, 0)).toBe(0)
    expect(push?.steps.reduce((n, s) => n + s.cached, 0)).toBeGreaterThan(0)
    const pushed = await registryManifest(`${repo}:1`)
    expect(pushed.digest).toBe(run.outputs.digest)
    expect(JSON.stringify(await imageManifest(`${repo}:1`))).toContain('greeter from stagegate')
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
