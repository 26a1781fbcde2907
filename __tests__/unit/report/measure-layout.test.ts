// measureOciLayout on layouts synthesized in a temp dir (buildx cannot make one on this machine),
// and the tar readers it and the docker-save fallback rely on.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { measureOciLayout, readDockerSave } from '../../../src/report/measure.js'
import {
  collectingSink,
  indexTarFile,
  openLayout,
  readTarStream,
  type TarEntry
} from '../../../src/report/oci-layout.js'
import { MEDIA_TYPES } from '../../../src/report/registry.js'
import { fakeDocker } from './fake-docker.js'

let root: string
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stagegate-layout-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Write an OCI layout: index.json and blobs/sha256, JSON blobs only (layers are never read). */
function writeLayout(dir: string, options: { multi: boolean; nested?: boolean }) {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
  const put = (value: unknown) => {
    const bytes = Buffer.from(JSON.stringify(value))
    const hex = createHash('sha256').update(bytes).digest('hex')
    writeFileSync(path.join(dir, 'blobs', 'sha256', hex), bytes)
    return { digest: `sha256:${hex}`, size: bytes.length }
  }
  const imageManifest = (arch: string, sizes: number[]) => {
    const config = put({
      os: 'linux',
      architecture: arch,
      history: [
        { created_by: 'COPY /out /app # buildkit', comment: 'buildkit.dockerfile.v0' },
        { created_by: 'ENV A=1', empty_layer: true },
        { created_by: 'RUN |1 X=2 /bin/sh -c make # buildkit' }
      ]
    })
    return {
      config,
      descriptor: {
        mediaType: MEDIA_TYPES.ociManifest,
        ...put({
          schemaVersion: 2,
          mediaType: MEDIA_TYPES.ociManifest,
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
          // The base layer as engine 26 (containerd store) pushes a `docker load`ed one: uncompressed.
          layers: sizes.map((size, i) => ({
            mediaType:
              i === 0
                ? 'application/vnd.oci.image.layer.v1.tar'
                : 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: `sha256:${String(i).repeat(64)}`,
            size
          }))
        })
      }
    }
  }
  const amd = imageManifest('amd64', [4000, 600])
  const arm = imageManifest('arm64', [3000, 500])
  const attestation = {
    mediaType: MEDIA_TYPES.ociManifest,
    ...put({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: put({}), layers: [] }),
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
    platform: { os: 'unknown', architecture: 'unknown' }
  }
  const annotations = {
    'io.containerd.image.name': 'ghcr.io/acme/api:pr-7',
    'org.opencontainers.image.ref.name': 'pr-7'
  }
  let top: unknown[]
  if (!options.multi) {
    top = [{ ...amd.descriptor, annotations }]
  } else {
    const manifests = [
      { ...amd.descriptor, platform: { os: 'linux', architecture: 'amd64' } },
      { ...arm.descriptor, platform: { os: 'linux', architecture: 'arm64' } },
      attestation
    ]
    top = options.nested
      ? [
          {
            mediaType: MEDIA_TYPES.ociIndex,
            ...put({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests }),
            annotations
          }
        ]
      : manifests
  }
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: top }))
  return { amd, arm, top }
}

describe('measureOciLayout', () => {
  test('a single-platform layout directory', async () => {
    const dir = path.join(root, 'single')
    const { amd, top } = writeLayout(dir, { multi: false })
    const measured = await measureOciLayout(dir, { target: 'runtime', now: () => new Date(0) })
    expect(measured).toEqual({
      image: 'ghcr.io/acme/api',
      target: 'runtime',
      tags: ['pr-7'],
      digest: (top[0] as { digest: string }).digest,
      measuredAt: '1970-01-01T00:00:00.000Z',
      source: 'oci-layout',
      platforms: [
        {
          platform: 'linux/amd64',
          compressed: 4600 + amd.config.size,
          disk: null,
          // The image ID: the layout's own config blob.
          configDigest: amd.config.digest,
          layers: [
            {
              digest: `sha256:${'0'.repeat(64)}`,
              compressed: 4000,
              disk: null,
              createdBy: 'COPY /out /app',
              mediaType: 'application/vnd.oci.image.layer.v1.tar'
            },
            {
              digest: `sha256:${'1'.repeat(64)}`,
              compressed: 600,
              disk: null,
              createdBy: 'RUN make',
              mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip'
            }
          ]
        }
      ]
    })
  })

  test.each([
    ['the loaded copy (local ID = the layout top manifest digest)', true, [5000, 4000, 1000]],
    ['not loaded', false, [null, null, null]]
  ])('on-disk sizes from the same image loaded in the engine: %s', async (_name, loaded, disks) => {
    const dir = path.join(root, `single-local-${loaded}`)
    const { top } = writeLayout(dir, { multi: false })
    const fake = fakeDocker(loaded ? (top[0] as { digest: string }).digest : null, [4000, 0, 1000])
    try {
      const measured = await measureOciLayout(dir, { localImage: 'app:pr-7', docker: fake.docker })
      const [amd] = measured.platforms
      expect([amd!.disk, ...amd!.layers.map(l => l.disk)]).toEqual(disks)
    } finally {
      fake.cleanup()
    }
  })

  test.each([
    ['flat index', false],
    ['nested index (buildx)', true]
  ])('a multi-platform layout: %s, attestations skipped', async (_name, nested) => {
    const dir = path.join(root, `multi-${nested}`)
    const { arm } = writeLayout(dir, { multi: true, nested })
    const measured = await measureOciLayout(dir, { image: 'app', tags: ['x'] })
    expect(measured.platforms.map(p => [p.platform, p.layers.length])).toEqual([
      ['linux/amd64', 2],
      ['linux/arm64', 2]
    ])
    expect(measured.platforms[1]!.compressed).toBe(3500 + arm.config.size)
    expect(measured.digest === null).toBe(!nested)
    expect([measured.image, measured.tags]).toEqual(['app', ['x']])
  })

  test.each([
    ['ustar', 'ustar'],
    ['pax', 'pax'],
    ['gnu', 'gnu']
  ])('a layout packed as a tar file (%s format)', async (_name, format) => {
    const dir = path.join(root, `tar-src-${format}`)
    writeLayout(dir, { multi: true, nested: true })
    const tar = path.join(root, `layout-${format}.tar`)
    execFileSync('tar', [`--format=${format}`, '-C', dir, '-cf', tar, '.'])
    const fromTar = await measureOciLayout(tar)
    const fromDir = await measureOciLayout(dir)
    expect({ ...fromTar, measuredAt: '' }).toEqual({ ...fromDir, measuredAt: '' })
    expect(fromTar.platforms).toHaveLength(2)
  })

  test.each([
    ['a missing directory', (dir: string) => dir, /Cannot read the OCI layout at .*missing/],
    [
      'a missing blob',
      (dir: string) => {
        writeLayout(dir, { multi: false })
        rmSync(path.join(dir, 'blobs'), { recursive: true })
        return dir
      },
      /lacks blob sha256:/
    ],
    [
      'an index that is not JSON',
      (dir: string) => {
        mkdirSync(dir, { recursive: true })
        writeFileSync(path.join(dir, 'index.json'), '{nope')
        return dir
      },
      /index.json is not valid JSON/
    ]
  ])('%s is a UserError naming the problem', async (name, make, message) => {
    const dir = make(path.join(root, name.replace(/ /g, '-') + '-missing'))
    await expect(measureOciLayout(dir)).rejects.toThrow(message)
  })
})

describe('readTarStream', () => {
  test('entries, long names and sizes across tiny chunks', async () => {
    const dir = path.join(root, 'stream-src')
    const longName = `${'d'.repeat(120)}/${'f'.repeat(110)}.txt`
    mkdirSync(path.join(dir, path.dirname(longName)), { recursive: true })
    writeFileSync(path.join(dir, longName), 'long')
    writeFileSync(path.join(dir, 'small.json'), '{"a":1}')
    writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(70_000, 7))
    writeFileSync(path.join(dir, 'empty'), '')
    for (const format of ['pax', 'gnu']) {
      const tar = path.join(root, `stream-${format}.tar`)
      execFileSync('tar', [
        `--format=${format}`,
        '-C',
        dir,
        '-cf',
        tar,
        'small.json',
        'big.bin',
        'empty',
        longName
      ])
      const entries: TarEntry[] = []
      const bodies = new Map<string, Buffer>()
      let bigBytes = 0
      await readTarStream(createReadStream(tar, { highWaterMark: 97 }), entry => {
        entries.push(entry)
        if (entry.name === 'big.bin')
          return { write: chunk => void (bigBytes += chunk.length), end: () => undefined }
        return collectingSink(1024, bytes => bodies.set(entry.name, bytes))
      })
      expect(entries.map(e => [e.name, e.size])).toEqual([
        ['small.json', 7],
        ['big.bin', 70_000],
        ['empty', 0],
        [longName, 4]
      ])
      expect(bigBytes).toBe(70_000)
      expect(bodies.get('small.json')!.toString()).toBe('{"a":1}')
      expect(bodies.get(longName)!.toString()).toBe('long')
      const index = await indexTarFile(tar)
      expect(index.get(longName)?.size).toBe(4)
      expect(index.get('big.bin')?.size).toBe(70_000)
    }
  })

  test('a truncated archive is an error', async () => {
    const tar = path.join(root, 'stream-pax.tar')
    const bytes = execFileSync('head', ['-c', '2000', tar])
    await expect(readTarStream(Readable.from([bytes]), () => null)).rejects.toThrow(/ended early/)
  })

  test('a collecting sink refuses entries over its limit', async () => {
    const tar = path.join(root, 'stream-pax.tar')
    await expect(
      readTarStream(createReadStream(tar), () => collectingSink(100, () => undefined))
    ).rejects.toThrow(/larger than 100 bytes/)
  })
})

describe('readDockerSave', () => {
  /** A layer tar with some compressible and some random content. */
  function layerTar(dir: string, name: string, seed: number): Buffer {
    const src = path.join(dir, `src-${name}`)
    mkdirSync(src, { recursive: true })
    writeFileSync(path.join(src, 'text'), 'hello '.repeat(5000 + seed))
    writeFileSync(path.join(src, 'random'), createHash('sha512').update(String(seed)).digest())
    return execFileSync('tar', ['-C', src, '-cf', '-', '.'])
  }
  const config = {
    os: 'linux',
    architecture: 'amd64',
    history: [
      { created_by: 'ADD x /' },
      { created_by: 'ENV A=1', empty_layer: true },
      { created_by: 'RUN y' }
    ]
  }

  test.each([
    ['Docker <= 24 (<id>/layer.tar)', false],
    ['Docker >= 25 (OCI blobs, one layer already gzipped)', true]
  ])('%s', async (_name, oci) => {
    const dir = path.join(root, `save-${oci}`)
    const out = path.join(dir, 'archive')
    mkdirSync(out, { recursive: true })
    const l1 = layerTar(dir, 'l1', 1)
    const l2 = layerTar(dir, 'l2', 2)
    const l2gz = gzipSync(l2)
    const configBytes = Buffer.from(JSON.stringify(config))
    let layers: string[]
    let configName: string
    if (oci) {
      mkdirSync(path.join(out, 'blobs', 'sha256'), { recursive: true })
      layers = ['blobs/sha256/' + 'a'.repeat(64), 'blobs/sha256/' + 'b'.repeat(64)]
      configName = 'blobs/sha256/' + 'c'.repeat(64)
      writeFileSync(path.join(out, layers[0]!), l1)
      writeFileSync(path.join(out, layers[1]!), l2gz)
      writeFileSync(path.join(out, 'index.json'), '{"schemaVersion":2,"manifests":[]}')
    } else {
      layers = ['id1/layer.tar', 'id2/layer.tar']
      configName = 'c'.repeat(64) + '.json'
      for (const [i, layer] of layers.entries()) {
        mkdirSync(path.join(out, path.dirname(layer)), { recursive: true })
        writeFileSync(path.join(out, layer), i === 0 ? l1 : l2)
        writeFileSync(path.join(out, path.dirname(layer), 'json'), '{}')
      }
    }
    writeFileSync(path.join(out, configName), configBytes)
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify([{ Config: configName, Layers: layers }]))
    writeFileSync(path.join(out, 'repositories'), '{"app":{"1":"x"}}')
    const archive = execFileSync('tar', ['-C', out, '-cf', '-', '.'], { maxBuffer: 1 << 26 })
    const saved = await readDockerSave(Readable.from([archive.subarray(0, 1000), archive.subarray(1000)]))
    expect(saved.config).toEqual(config)
    expect(saved.configSize).toBe(configBytes.length)
    expect(saved.layers).toEqual([gzipSync(l1, { level: 6 }).length, oci ? l2gz.length : gzipSync(l2).length])
    expect(saved.listings).toBeUndefined()

    // The same stream, its layers listed on the way (the gzipped one too), sizes unchanged.
    const listed = await readDockerSave(Readable.from([archive.subarray(0, 1000), archive.subarray(1000)]), {
      gzipLevel: 6,
      listLayers: true
    })
    expect(listed.layers).toEqual(saved.layers)
    const summaries = await Promise.all(listed.listings!.map(async l => (await l).summary))
    expect(summaries.map(s => s.top.map(f => [f.path, f.bytes]))).toEqual([
      [
        ['/text', 6 * 5001],
        ['/random', 64]
      ],
      [
        ['/text', 6 * 5002],
        ['/random', 64]
      ]
    ])
  })

  test('an archive without manifest.json is a UserError', async () => {
    const archive = execFileSync('tar', ['-C', path.join(root, 'single'), '-cf', '-', 'index.json'])
    await expect(readDockerSave(Readable.from([archive]))).rejects.toThrow(/no manifest.json/)
  })
})

describe('openLayout(...).streamBlob (layer listing)', () => {
  test.each([
    ['a directory', false],
    ['a tar file of one', true]
  ])('%s: a layer blob streams whole, and an empty blob too', async (_name, packed) => {
    const dir = path.join(root, `stream-${packed}`)
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
    const blob = gzipSync(Buffer.from('x'.repeat(100_000)))
    const hex = createHash('sha256').update(blob).digest('hex')
    const empty = 'e'.repeat(64)
    writeFileSync(path.join(dir, 'blobs', 'sha256', hex), blob)
    writeFileSync(path.join(dir, 'blobs', 'sha256', empty), '')
    writeFileSync(path.join(dir, 'index.json'), '{}')
    let location = dir
    if (packed) {
      location = `${dir}.tar`
      execFileSync('tar', ['-C', dir, '-cf', location, 'index.json', 'blobs'])
    }
    const layout = await openLayout(location)
    const read = async (digest: string) => {
      const chunks: Buffer[] = []
      for await (const chunk of layout.streamBlob(digest)) chunks.push(chunk)
      return Buffer.concat(chunks)
    }
    expect((await read(`sha256:${hex}`)).equals(blob)).toBe(true)
    expect(await read(`sha256:${empty}`)).toHaveLength(0)
  })
})
