// The registry client and measureFromRegistry against a fake token-auth registry on 127.0.0.1.
import { afterEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { listLayer } from '../../../src/report/files/list.js'
import { measureFromRegistry } from '../../../src/report/measure.js'
import {
  MEDIA_TYPES,
  parseImageReference,
  RegistryClient,
  RegistryError
} from '../../../src/report/registry.js'
import { listen } from '../../servers/http.js'
import { fakeDocker } from './fake-docker.js'

const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

interface Stored {
  mediaType: string
  bytes: Buffer
  digest: string
}

/** Content-addressed store: JSON objects put as manifests or blobs. */
class Store {
  readonly manifests = new Map<string, Stored>()
  readonly blobs = new Map<string, Buffer>()

  blob(value: unknown): { digest: string; size: number } {
    const bytes = Buffer.from(JSON.stringify(value))
    const digest = sha(bytes)
    this.blobs.set(digest, bytes)
    return { digest, size: bytes.length }
  }

  manifest(value: { mediaType: string }, tag?: string): { digest: string; size: number; mediaType: string } {
    const bytes = Buffer.from(JSON.stringify(value, null, 2))
    const digest = sha(bytes)
    const stored = { mediaType: value.mediaType, bytes, digest }
    this.manifests.set(digest, stored)
    if (tag) this.manifests.set(tag, stored)
    return { digest, size: bytes.length, mediaType: value.mediaType }
  }
}

function image(store: Store, arch: string, layerSizes: number[], docker = false) {
  const config = store.blob({
    os: 'linux',
    architecture: arch,
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:base in / ' },
      { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
      ...layerSizes.slice(1).map((_, i) => ({ created_by: `RUN /bin/sh -c step-${i + 1} # buildkit` }))
    ]
  })
  return store.manifest({
    schemaVersion: 2,
    mediaType: docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: layerSizes.map((size, i) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: `sha256:${arch}${i}`.padEnd(71, '0'),
      size
    }))
  } as { mediaType: string })
}

interface FakeOptions {
  auth: 'bearer' | 'basic' | 'none'
  /** user:pass the token endpoint (bearer) or the registry (basic) accepts; anonymous when absent. */
  user?: string
  manifestDelayMs?: number
}

async function startRegistry(store: Store, options: FakeOptions) {
  const seen = { token: 0, manifests: [] as string[], blobs: [] as string[], inFlight: 0, peak: 0 }
  const basic = options.user ? `Basic ${Buffer.from(options.user).toString('base64')}` : null
  let base = ''
  const deny = (res: ServerResponse, name: string): void => {
    const challenge =
      options.auth === 'bearer'
        ? `Bearer realm="${base}/token",service="fake-registry",scope="repository:${name}:pull"`
        : 'Basic realm="fake"'
    res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' })
    res.end('{"errors":[{"code":"UNAUTHORIZED"}]}')
  }
  const allowed = (req: IncomingMessage, name: string): boolean => {
    const header = req.headers.authorization
    if (options.auth === 'none') return true
    if (options.auth === 'basic') return header === basic
    return header === `Bearer token-for-${name}`
  }
  const server = await listen(async (req, res, url) => {
    if (url.pathname === '/token') {
      seen.token++
      if (basic && req.headers.authorization !== basic) {
        res.writeHead(401).end()
        return
      }
      const scope = url.searchParams.get('scope') ?? ''
      expect(url.searchParams.get('service')).toBe('fake-registry')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ token: `token-for-${scope.split(':')[1]}` }))
      return
    }
    if (url.pathname.startsWith('/storage/')) {
      const bytes = store.blobs.get(url.pathname.slice('/storage/'.length))
      res.writeHead(bytes ? 200 : 404).end(bytes)
      return
    }
    const match = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname)
    if (!match) {
      res.writeHead(404).end()
      return
    }
    const [, name, kind, reference] = match as unknown as [string, string, string, string]
    if (!allowed(req, name)) return deny(res, name)
    if (kind === 'blobs') {
      seen.blobs.push(reference)
      // Like S3-backed registries: the blob lives elsewhere, without the registry's auth.
      res.writeHead(307, { location: `${base}/storage/${reference}` }).end()
      return
    }
    seen.manifests.push(reference)
    seen.inFlight++
    seen.peak = Math.max(seen.peak, seen.inFlight)
    await new Promise(resolve => setTimeout(resolve, options.manifestDelayMs ?? 0))
    seen.inFlight--
    const stored = name === 'acme/app' ? store.manifests.get(reference) : undefined
    if (!stored) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}')
      return
    }
    expect(req.headers.accept).toContain(MEDIA_TYPES.ociIndex)
    res.writeHead(200, { 'content-type': stored.mediaType, 'docker-content-digest': stored.digest })
    res.end(stored.bytes)
  })
  base = server.url
  closers.push(server.close)
  return { host: server.url.replace('http://', ''), seen }
}

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})

function multiPlatformStore(): { store: Store; index: { digest: string } } {
  const store = new Store()
  const amd = image(store, 'amd64', [1000, 200, 30])
  const arm = image(store, 'arm64', [900, 100])
  const attestationConfig = store.blob({ architecture: 'unknown', os: 'unknown' })
  const attestation = (of: { digest: string }) => {
    const m = store.manifest({
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: 'application/vnd.in-toto+json', ...attestationConfig },
      layers: []
    } as { mediaType: string })
    return {
      ...m,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.digest': of.digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      }
    }
  }
  const index = store.manifest(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
        { ...arm, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        attestation(amd),
        attestation(arm)
      ]
    } as { mediaType: string },
    'multi'
  )
  store.manifest(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerList,
      manifests: [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }]
    } as { mediaType: string },
    'list'
  )
  const single = image(store, 'amd64', [500, 50], true)
  store.manifests.set('single', store.manifests.get(single.digest)!)
  return { store, index }
}

const noDocker = { docker: null } as const
const anonymous = () => new RegistryClient({ credentials: () => null })

describe('measureFromRegistry against a token-auth registry', () => {
  test('an OCI index: platforms measured, attestations skipped, one token fetched', async () => {
    const { store, index } = multiPlatformStore()
    const { host, seen } = await startRegistry(store, { auth: 'bearer' })
    const measured = await measureFromRegistry(`${host}/acme/app:multi`, {
      ...noDocker,
      client: anonymous(),
      target: 'runtime',
      now: () => new Date('2026-01-02T03:04:05Z')
    })
    const amdConfig = [...store.blobs.values()][0]!.length
    expect(measured).toMatchObject({
      image: `${host}/acme/app`,
      target: 'runtime',
      tags: ['multi'],
      digest: index.digest,
      measuredAt: '2026-01-02T03:04:05.000Z',
      source: 'registry'
    })
    expect(measured.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8'])
    expect(measured.platforms[0]!.compressed).toBe(1230 + amdConfig)
    expect(measured.platforms[0]!.layers.map(l => [l.compressed, l.createdBy])).toEqual([
      [1000, 'ADD file:base in /'],
      [200, 'RUN step-1'],
      [30, 'RUN step-2']
    ])
    expect(measured.platforms.every(p => p.disk === null)).toBe(true)
    expect(seen.token).toBe(1)
    // The index, then the two image manifests; never the attestation manifests.
    expect(seen.manifests).toHaveLength(3)
    expect(seen.blobs).toHaveLength(2)
  })

  test.each([
    ['list', ['linux/amd64'], 3],
    ['single', ['linux/amd64'], 2]
  ])('tag %s (docker shapes)', async (tag, platforms, layersPlusOne) => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth: 'bearer' })
    const measured = await measureFromRegistry(`${host}/acme/app:${tag}`, {
      ...noDocker,
      client: anonymous()
    })
    expect(measured.platforms.map(p => p.platform)).toEqual(platforms)
    expect(measured.platforms[0]!.layers).toHaveLength(layersPlusOne)
    expect(measured.digest).toBe(store.manifests.get(tag)!.digest)
  })

  test('by digest', async () => {
    const { store, index } = multiPlatformStore()
    const { host, seen } = await startRegistry(store, { auth: 'none' })
    const measured = await measureFromRegistry(`${host}/acme/app@${index.digest}`, {
      ...noDocker,
      client: anonymous()
    })
    expect(measured.digest).toBe(index.digest)
    expect(measured.tags).toEqual([])
    expect(seen.manifests[0]).toBe(index.digest)
  })

  test('platform manifests are fetched concurrently, within the bound', async () => {
    const store = new Store()
    const arches = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']
    store.manifest(
      {
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: arches.map(arch => ({
          ...image(store, arch, [10]),
          platform: { os: 'linux', architecture: arch }
        }))
      } as { mediaType: string },
      'wide'
    )
    const { host, seen } = await startRegistry(store, { auth: 'none', manifestDelayMs: 30 })
    const measured = await measureFromRegistry(`${host}/acme/app:wide`, {
      ...noDocker,
      client: anonymous(),
      concurrency: 3
    })
    expect(measured.platforms).toHaveLength(8)
    expect(seen.peak).toBe(3)
  })

  test('token endpoint with basic credentials', async () => {
    const { store } = multiPlatformStore()
    const { host, seen } = await startRegistry(store, { auth: 'bearer', user: 'ci:s3cret' })
    const client = new RegistryClient({
      credentials: registry => (registry === host ? { username: 'ci', password: 's3cret' } : null)
    })
    const measured = await measureFromRegistry(`${host}/acme/app:single`, { ...noDocker, client })
    expect(measured.platforms).toHaveLength(1)
    expect(seen.token).toBe(1)
  })

  test('credentials come from $DOCKER_CONFIG/config.json', async () => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth: 'basic', user: 'ci:pw' })
    const dir = mkdtempSync(path.join(tmpdir(), 'stagegate-docker-config-'))
    const previous = process.env.DOCKER_CONFIG
    try {
      writeFileSync(
        path.join(dir, 'config.json'),
        JSON.stringify({ auths: { [`http://${host}`]: { auth: Buffer.from('ci:pw').toString('base64') } } })
      )
      process.env.DOCKER_CONFIG = dir
      const measured = await measureFromRegistry(`${host}/acme/app:single`, {
        ...noDocker,
        client: new RegistryClient()
      })
      expect(measured.platforms).toHaveLength(1)
    } finally {
      if (previous === undefined) delete process.env.DOCKER_CONFIG
      else process.env.DOCKER_CONFIG = previous
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test.each([
    ['bearer', 'ci:s3cret'],
    ['basic', 'ci:s3cret']
  ] as const)('%s auth without credentials says what to provide', async (auth, user) => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth, user })
    const attempt = measureFromRegistry(`${host}/acme/app:single`, { ...noDocker, client: anonymous() })
    await expect(attempt).rejects.toThrow(RegistryError)
    await expect(
      measureFromRegistry(`${host}/acme/app:single`, { ...noDocker, client: anonymous() })
    ).rejects.toThrow(
      new RegExp(
        `Not authorized to pull ${host}/acme/app from ${host} \\(HTTP 401\\)\\. Log in first \\(docker login ${host}`
      )
    )
  })

  test('refused credentials are named as such', async () => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth: 'bearer', user: 'ci:s3cret' })
    const client = new RegistryClient({ credentials: () => ({ username: 'ci', password: 'wrong' }) })
    await expect(measureFromRegistry(`${host}/acme/app:single`, { ...noDocker, client })).rejects.toThrow(
      /credentials for .* in the docker config were refused/
    )
  })

  test('a missing image is named', async () => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth: 'bearer' })
    await expect(
      measureFromRegistry(`${host}/acme/nope:v1`, { ...noDocker, client: anonymous() })
    ).rejects.toThrow(`Image ${host}/acme/nope:v1 was not found in the registry ${host} (HTTP 404).`)
  })

  test('an unreachable registry is named', async () => {
    const { store } = multiPlatformStore()
    const { host } = await startRegistry(store, { auth: 'none' })
    await Promise.all(closers.splice(0).map(close => close()))
    await expect(
      measureFromRegistry(`${host}/acme/app:x`, { ...noDocker, client: anonymous() })
    ).rejects.toThrow(
      new RegExp(
        `Cannot reach the registry ${host} \\(http://${host}/v2/acme/app/manifests/x\\): ECONNREFUSED`
      )
    )
  })
})

/**
 * The engine 26 shape: an index (image + provenance attestation) whose base layer was pushed
 * uncompressed, as the containerd store pushes a `docker load`ed layer; the app layer gzipped.
 */
function containerdStore(): {
  store: Store
  index: { digest: string }
  image: { digest: string }
  config: string
} {
  const store = new Store()
  const config = store.blob({
    os: 'linux',
    architecture: 'amd64',
    rootfs: { type: 'layers', diff_ids: ['sha256:diff-base', 'sha256:diff-app'] },
    history: [
      { created_by: '', comment: 'Imported from -' },
      { created_by: 'WORKDIR /app', empty_layer: true },
      { created_by: 'COPY app /app # buildkit', comment: 'buildkit.dockerfile.v0' }
    ]
  })
  const image = store.manifest({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: `sha256:${'a'.repeat(64)}`,
        size: 4_400_000
      },
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: `sha256:${'b'.repeat(64)}`,
        size: 1_000
      }
    ]
  } as { mediaType: string })
  const attestation = store.manifest({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: 'application/vnd.in-toto+json', ...store.blob({}) },
    layers: []
  } as { mediaType: string })
  const index = store.manifest(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        { ...image, platform: { os: 'linux', architecture: 'amd64' } },
        {
          ...attestation,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' }
        }
      ]
    } as { mediaType: string },
    'pr-1'
  )
  return { store, index, image, config: config.digest }
}

describe('measureFromRegistry: media types, and on-disk sizes from the local engine', () => {
  test.each<[string, (ids: { index: string; image: string; config: string }) => string | null, unknown[]]>([
    ['not in the local engine', () => null, [null, null, null]],
    ['classic store: local ID = config digest', ids => ids.config, [9_500_000, 9_000_000, 500_000]],
    ['containerd store: local ID = index digest', ids => ids.index, [9_500_000, 9_000_000, 500_000]],
    ['containerd store: local ID = image manifest digest', ids => ids.image, [9_500_000, 9_000_000, 500_000]],
    ['another image under the same tag', () => `sha256:${'f'.repeat(64)}`, [null, null, null]]
  ])('%s', async (_name, localId, disks) => {
    const { store, index, image, config } = containerdStore()
    const { host } = await startRegistry(store, { auth: 'none' })
    const fake = fakeDocker(
      localId({ index: index.digest, image: image.digest, config }),
      [9_000_000, 0, 500_000]
    )
    try {
      const measured = await measureFromRegistry(`${host}/acme/app:pr-1`, {
        client: anonymous(),
        docker: fake.docker
      })
      const [amd] = measured.platforms
      expect(measured.platforms).toHaveLength(1)
      expect([amd!.disk, ...amd!.layers.map(l => l.disk)]).toEqual(disks)
      expect(amd!.layers.map(l => [l.createdBy, l.mediaType])).toEqual([
        ['Imported from -', 'application/vnd.oci.image.layer.v1.tar'],
        ['COPY app /app', 'application/vnd.oci.image.layer.v1.tar+gzip']
      ])
      expect(Object.keys(amd!).sort()).toEqual(['compressed', 'configDigest', 'disk', 'layers', 'platform'])
    } finally {
      fake.cleanup()
    }
  })
})

describe('getBlobStream (layer listing)', () => {
  test('a layer blob behind a token and a storage redirect is listed as it streams', async () => {
    const store = new Store()
    const tar = execFileSync('tar', ['-C', layerDir(), '-cf', '-', '.'])
    const blob = gzipSync(tar)
    const digest = sha(blob)
    store.blobs.set(digest, blob)
    const { host, seen } = await startRegistry(store, { auth: 'bearer' })
    const client = anonymous()
    const ref = parseImageReference(`${host}/acme/app:pr-1`)
    const listing = await listLayer(await client.getBlobStream(ref, digest))
    expect(listing.summary.top).toEqual([{ path: '/srv/big.bin', bytes: 300_000 }])
    expect(seen.token).toBe(1)
    expect(seen.blobs).toEqual([digest])
  })

  test('a missing blob is a RegistryError naming it', async () => {
    const { host } = await startRegistry(new Store(), { auth: 'none' })
    const ref = parseImageReference(`${host}/acme/app:pr-1`)
    const missing = `sha256:${'0'.repeat(64)}`
    await expect(anonymous().getBlobStream(ref, missing)).rejects.toThrow(
      new RegistryError(
        `Blob ${missing} of ${host}/acme/app was not found in the registry ${host} (HTTP 404).`
      )
    )
  })
})

function layerDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagegate-blob-'))
  closers.push(async () => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(path.join(dir, 'srv'))
  writeFileSync(path.join(dir, 'srv', 'big.bin'), randomBytes(300_000))
  return dir
}
