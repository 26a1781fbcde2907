// Measuring against the real engine and registry (scripts/engine.sh up): a small multi-layer
// image is built, pushed to 127.0.0.1:5000, and measured from the registry and from the engine.
import { afterAll, beforeAll, expect } from '@jest/globals'
import { describe, test, DOCKER } from './harness.js'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { knownLayerSizes, measureFromRegistry, measureLocalImage } from '../../src/report/measure.js'
import { MEDIA_TYPES } from '../../src/report/registry.js'
import { UserError } from '../../src/errors.js'

const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
const BASE = process.env.STAGEGATE_BASE_IMAGE ?? 'local/busybox:1'
const REPO = 'stagegate-e2e/measure'
const TAG = `run-${process.pid}-${Date.now().toString(36)}`
const IMAGE = `${REGISTRY}/${REPO}:${TAG}`
/** IMAGE with one more layer on top: a pull request's change over what main pushed. */
const CHANGED = `${REGISTRY}/${REPO}:${TAG}-changed`

const DOCKERFILE = [
  `FROM ${BASE}`,
  'ARG GREETING=hi',
  'RUN head -c 300000 /dev/urandom > /blob1',
  'ENV MODE=test',
  'COPY app.txt /app/app.txt',
  'RUN echo "$GREETING" > /app/greeting && head -c 50000 /dev/zero > /app/zeros',
  'CMD ["sh"]'
]

const docker = (...args: string[]): string =>
  execFileSync(DOCKER, args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26
  })

interface RegistryManifest {
  config: { digest: string; size: number }
  layers: Array<{ digest: string; size: number }>
}

let dir: string
let manifest: RegistryManifest
let manifestDigest: string
let manifestType: string
let history: Array<{ created_by?: string; empty_layer?: boolean }>
let localSize: number
let arch: string
let containerdStore: boolean

beforeAll(async () => {
  try {
    docker('info', '--format', '{{.ServerVersion}}')
  } catch {
    throw new Error(`No Docker engine answers to ${DOCKER}: run "bash scripts/engine.sh up" first.`)
  }
  dir = mkdtempSync(path.join(tmpdir(), 'stagegate-measure-e2e-'))
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE.join('\n') + '\n')
  writeFileSync(path.join(dir, 'app.txt'), 'application\n'.repeat(1000))
  docker('build', '--network=none', '-q', '-t', IMAGE, dir)
  docker('push', IMAGE)
  writeFileSync(
    path.join(dir, 'Dockerfile.changed'),
    `FROM ${IMAGE}\nRUN head -c 200000 /dev/urandom > /changed\n`
  )
  docker('build', '--network=none', '-q', '-f', path.join(dir, 'Dockerfile.changed'), '-t', CHANGED, dir)
  // The containerd image store saves the compressed blobs it keeps (nothing to gzip, no diff IDs
  // in the names); the classic store saves uncompressed layers, which the baseline spares.
  containerdStore = docker('info', '--format', '{{json .DriverStatus}}').includes('io.containerd.snapshotter')

  // The registry's own account of the image, fetched independently of the code under test.
  // Engine 20.10 pushes Docker v2 manifests; the containerd image store (engine 26) pushes OCI ones.
  // buildx on the containerd store adds a provenance attestation, so the tag is an OCI index.
  const accept = Object.values(MEDIA_TYPES).join(', ')
  const res = await fetch(`http://${REGISTRY}/v2/${REPO}/manifests/${TAG}`, { headers: { accept } })
  expect(res.status).toBe(200)
  manifestDigest = res.headers.get('docker-content-digest')!
  manifestType = res.headers.get('content-type') ?? MEDIA_TYPES.dockerManifest
  const top = (await res.json()) as RegistryManifest & {
    manifests?: Array<{ digest: string; mediaType: string; platform?: { os: string } }>
  }
  const image = top.manifests?.find(m => m.platform?.os !== 'unknown')
  if (image) {
    const child = await fetch(`http://${REGISTRY}/v2/${REPO}/manifests/${image.digest}`, {
      headers: { accept }
    })
    manifest = (await child.json()) as RegistryManifest
    manifestType = image.mediaType
  } else {
    manifest = top
  }
  const config = await fetch(`http://${REGISTRY}/v2/${REPO}/blobs/${manifest.config.digest}`)
  history = ((await config.json()) as { history: typeof history }).history
  // The unpacked size: the layers' sizes as the engine lists them (on the containerd store,
  // `docker image inspect` Size counts the stored compressed content instead).
  localSize = docker('history', '--human=false', '--format', '{{.Size}}', IMAGE)
    .trim()
    .split('\n')
    .reduce((sum, size) => sum + Number(size), 0)
  arch = docker('image', 'inspect', '--format', '{{.Architecture}}', IMAGE).trim()
}, 180_000)

afterAll(() => {
  for (const image of [CHANGED, IMAGE]) {
    try {
      docker('image', 'rm', image)
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const expectedInstructions = [
  'Imported from -',
  'RUN head -c 300000 /dev/urandom > /blob1',
  'COPY app.txt /app/app.txt',
  'RUN echo "$GREETING" > /app/greeting && head -c 50000 /dev/zero > /app/zeros'
]

describe('measureFromRegistry on a pushed image', () => {
  test('sizes, digests and instructions match the registry', async () => {
    const measured = await measureFromRegistry(IMAGE, { docker: DOCKER, target: 'runtime' })
    expect(measured).toMatchObject({
      image: `${REGISTRY}/${REPO}`,
      tags: [TAG],
      target: 'runtime',
      digest: manifestDigest,
      source: 'registry'
    })
    expect(measured.platforms).toHaveLength(1)
    const [platform] = measured.platforms
    expect(platform!.platform).toBe(`linux/${arch}`)
    expect(platform!.compressed).toBe(
      manifest.layers.reduce((sum, l) => sum + l.size, 0) + manifest.config.size
    )
    expect(platform!.layers.map(l => [l.digest, l.compressed])).toEqual(
      manifest.layers.map(l => [l.digest, l.size])
    )
    expect(platform!.layers).toHaveLength(history.filter(h => !h.empty_layer).length)
    expect(platform!.layers.map(l => l.createdBy)).toEqual(expectedInstructions)
    // The image is also in the local engine (same config digest), so its on-disk size is known.
    expect(platform!.disk).toBe(localSize)
  })

  test('without a local copy the on-disk size is null', async () => {
    const measured = await measureFromRegistry(IMAGE, { docker: null })
    expect(measured.platforms[0]!.disk).toBeNull()
  })

  test('an OCI index in the registry: the attestation entry is skipped', async () => {
    const size = Buffer.byteLength(
      await (
        await fetch(`http://${REGISTRY}/v2/${REPO}/manifests/${TAG}`, {
          headers: { accept: `${MEDIA_TYPES.dockerManifest}, ${MEDIA_TYPES.ociManifest}` }
        })
      ).text()
    )
    const child = { mediaType: manifestType, digest: manifestDigest, size }
    const index = {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        { ...child, platform: { os: 'linux', architecture: arch } },
        {
          ...child,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: {
            'vnd.docker.reference.type': 'attestation-manifest',
            'vnd.docker.reference.digest': manifestDigest
          }
        }
      ]
    }
    const put = await fetch(`http://${REGISTRY}/v2/${REPO}/manifests/${TAG}-index`, {
      method: 'PUT',
      headers: { 'content-type': MEDIA_TYPES.ociIndex },
      body: JSON.stringify(index)
    })
    expect(put.status).toBe(201)
    const measured = await measureFromRegistry(`${REGISTRY}/${REPO}:${TAG}-index`, { docker: null })
    expect(measured.digest).toBe(put.headers.get('docker-content-digest'))
    expect(measured.platforms.map(p => p.platform)).toEqual([`linux/${arch}`])
    expect(measured.platforms[0]!.layers.map(l => l.createdBy)).toEqual(expectedInstructions)
  })

  test('an image that is not there is named in a UserError', async () => {
    const missing = `${REGISTRY}/${REPO}:does-not-exist`
    const attempt = measureFromRegistry(missing, { docker: null })
    await expect(attempt).rejects.toThrow(UserError)
    await expect(measureFromRegistry(missing, { docker: null })).rejects.toThrow(
      `Image ${REGISTRY}/${REPO}:does-not-exist was not found in the registry ${REGISTRY} (HTTP 404).`
    )
  })
})

describe('measureLocalImage on the same image (docker save fallback)', () => {
  test('disk equals docker inspect; compressed close to what the registry holds', async () => {
    const fromRegistry = await measureFromRegistry(IMAGE, { docker: null })
    const local = await measureLocalImage(IMAGE, { docker: DOCKER, target: 'runtime' })
    expect(local).toMatchObject({
      image: `${REGISTRY}/${REPO}`,
      tags: [TAG],
      digest: null,
      source: 'docker-save'
    })
    const [platform] = local.platforms
    const [pushed] = fromRegistry.platforms
    expect(platform!.disk).toBe(localSize)
    expect(platform!.layers.reduce((sum, l) => sum + (l.disk ?? 0), 0)).toBe(localSize)
    expect(platform!.layers.map(l => l.createdBy)).toEqual(expectedInstructions)
    // Same tar content, gzip level 6 on both sides: within a few percent (plus a little slack
    // for the tiny layers, where headers dominate).
    expect(platform!.compressed).toBeGreaterThan(pushed!.compressed * 0.95 - 1024)
    expect(platform!.compressed).toBeLessThan(pushed!.compressed * 1.05 + 1024)
    for (const [i, layer] of platform!.layers.entries()) {
      const remote = pushed!.layers[i]!.compressed
      expect(Math.abs(layer.compressed - remote)).toBeLessThanOrEqual(remote * 0.1 + 256)
    }
  })

  test('with the registry measurement as baseline, no layer is compressed again; sizes are the pushed ones', async () => {
    const pushed = await measureFromRegistry(IMAGE, { docker: null })
    const platform = pushed.platforms[0]!.platform
    const baseline = { measurement: pushed, origin: 'registry' as const, ref: 'main' }
    const asked: string[] = []
    const local = await measureLocalImage(IMAGE, {
      docker: DOCKER,
      knownSizes: async p => {
        asked.push(p)
        return knownLayerSizes(baseline, p)
      }
    })
    expect(asked).toEqual([platform])
    const [measured] = local.platforms
    expect(measured!.layers.map(l => l.compressed)).toEqual(
      pushed.platforms[0]!.layers.map(l => l.compressed)
    )
    expect(measured!.compressed).toBe(pushed.platforms[0]!.compressed)
    expect(measured!.layers.map(l => l.sizeFrom ?? 'measured')).toEqual(
      measured!.layers.map(() => (containerdStore ? 'measured' : 'baseline'))
    )
    expect(measured!.disk).toBe(localSize)
  })

  test('a changed top layer is the only one compressed', async () => {
    const pushed = await measureFromRegistry(IMAGE, { docker: null })
    const baseline = { measurement: pushed, origin: 'registry' as const, ref: 'main' }
    const local = await measureLocalImage(CHANGED, {
      docker: DOCKER,
      knownSizes: async p => knownLayerSizes(baseline, p)
    })
    const layers = local.platforms[0]!.layers
    const before = pushed.platforms[0]!.layers
    expect(layers).toHaveLength(before.length + 1)
    expect(layers.slice(0, -1).map(l => l.compressed)).toEqual(before.map(l => l.compressed))
    expect(layers.map(l => l.sizeFrom ?? 'measured')).toEqual([
      ...before.map(() => (containerdStore ? 'measured' : 'baseline')),
      'measured'
    ])
    // 200 kB of random bytes: gzip cannot shrink them.
    expect(layers.at(-1)!.compressed).toBeGreaterThan(200_000)
    expect(layers.at(-1)!.createdBy).toBe('RUN head -c 200000 /dev/urandom > /changed')
  })

  test('an image that is not in the engine is a UserError', async () => {
    await expect(measureLocalImage('stagegate-e2e/absent:nope', { docker: DOCKER })).rejects.toThrow(
      /Image stagegate-e2e\/absent:nope is not in the local Docker engine/
    )
  })
})
