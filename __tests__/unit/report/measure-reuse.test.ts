// Measuring without redoing work: which `docker save` layers take a size the baseline already
// knows (by diff ID, in both layouts of the archive), and the parallel gzip of the others.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import {
  chainIds,
  GZIP_CHUNK,
  jsonMembers,
  knownLayerSizes,
  legacyLayerIndex,
  measureLocalImage,
  readDockerSave,
  savedLayerDiffId,
  type ReadDockerSaveOptions
} from '../../../src/report/measure.js'
import type { Baseline, ImageMeasurement, LayerInfo } from '../../../src/report/model.js'
import { UserError } from '../../../src/errors.js'
import { V1_DIFF_IDS, V1_LAYERS } from './docker-save-v1.js'
import { fakeDocker } from './fake-docker.js'

let root: string
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stagegate-reuse-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const sha = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`

function baselineOf(source: ImageMeasurement['source'], platforms: Record<string, Partial<LayerInfo>[]>) {
  const measurement: ImageMeasurement = {
    image: 'app',
    target: 'runtime',
    tags: [],
    digest: null,
    measuredAt: '2026-01-01T00:00:00.000Z',
    source,
    platforms: Object.entries(platforms).map(([platform, layers]) => ({
      platform,
      compressed: 0,
      disk: null,
      layers: layers.map(l => ({ digest: null, compressed: 0, disk: null, createdBy: '', ...l }))
    }))
  }
  return { measurement, origin: 'cache', ref: 'main' } satisfies Baseline
}

describe('knownLayerSizes: the baseline sizes a docker save measurement takes', () => {
  test.each([
    ['no baseline', null, 'linux/amd64', []],
    [
      'registry layers of the same platform, by diff ID',
      baselineOf('registry', {
        'linux/amd64': [
          { diffId: 'sha256:a', compressed: 100 },
          { diffId: 'sha256:b', compressed: 7 }
        ]
      }),
      'linux/amd64',
      [
        ['sha256:a', 100],
        ['sha256:b', 7]
      ]
    ],
    [
      'another platform only: nothing',
      baselineOf('registry', { 'linux/arm64': [{ diffId: 'sha256:a', compressed: 100 }] }),
      'linux/amd64',
      []
    ],
    [
      'layers without a diff ID (older records) are left out',
      baselineOf('registry', { 'linux/amd64': [{ compressed: 100 }, { diffId: 'sha256:b', compressed: 7 }] }),
      'linux/amd64',
      [['sha256:b', 7]]
    ],
    [
      'an earlier docker save: the same gzip of the same bytes',
      baselineOf('docker-save', { 'linux/amd64': [{ diffId: 'sha256:a', compressed: 55 }] }),
      'linux/amd64',
      [['sha256:a', 55]]
    ],
    [
      'an OCI layout, an uncompressed blob: the size as pushed',
      baselineOf('oci-layout', {
        'linux/amd64': [
          { diffId: 'sha256:a', compressed: 4096, mediaType: 'application/vnd.oci.image.layer.v1.tar' }
        ]
      }),
      'linux/amd64',
      [['sha256:a', 4096]]
    ],
    [
      'a size that is not a size is left out',
      baselineOf('registry', { 'linux/amd64': [{ diffId: 'sha256:a', compressed: Number.NaN }] }),
      'linux/amd64',
      []
    ]
  ])('%s', (_name, baseline, platform, expected) => {
    expect([...knownLayerSizes(baseline, platform)]).toEqual(expected)
  })
})

describe('chain IDs and the legacy v1 IDs of docker save (Engine 20.10)', () => {
  test.each([
    ['one layer', ['sha256:a'], ['sha256:a']],
    ['two', ['sha256:a', 'sha256:b'], ['sha256:a', sha('sha256:a sha256:b')]],
    [
      'three',
      ['sha256:a', 'sha256:b', 'sha256:c'],
      ['sha256:a', sha('sha256:a sha256:b'), sha(`${sha('sha256:a sha256:b')} sha256:c`)]
    ],
    ['none', [], []]
  ])('chainIds: %s', (_name, diffIds, expected) => {
    expect(chainIds(diffIds)).toEqual(expected)
  })

  test.each([
    [
      'compact',
      '{"a":1,"b":{"c":[1,2]},"d":"x,}"}',
      [
        ['a', '1'],
        ['b', '{"c":[1,2]}'],
        ['d', '"x,}"']
      ]
    ],
    [
      'escaped quote in a string',
      '{"a":"q\\"{","b":null}',
      [
        ['a', '"q\\"{"'],
        ['b', 'null']
      ]
    ],
    [
      'spaces around',
      '{ "a" : [ 1 ] , "b" : true }',
      [
        ['a', '[ 1 ]'],
        ['b', 'true']
      ]
    ],
    ['empty object', '{}', []],
    ['an array', '[1]', null],
    ['not JSON', '{"a":', null]
  ])('jsonMembers: %s', (_name, text, expected) => {
    expect(jsonMembers(text)).toEqual(expected)
  })

  const chains = chainIds(V1_DIFF_IDS)
  const [base, middle, top] = V1_LAYERS as [
    (typeof V1_LAYERS)[0],
    (typeof V1_LAYERS)[0],
    (typeof V1_LAYERS)[0]
  ]
  test.each([
    ['the base layer (no parent; hashed without os)', base.dir, base.json, chains, 0],
    ['a middle layer (parent; hashed without os)', middle.dir, middle.json, chains, 1],
    ['the top layer (the image config, os included)', top.dir, top.json, chains, 2],
    ['the base layer of a shorter image', base.dir, base.json, chains.slice(0, 1), 0],
    ['a layer whose chain is not in this image', top.dir, top.json, chains.slice(0, 2), null],
    ['a json that was changed', middle.dir, middle.json.replace('1970', '1971'), chains, null],
    ['a directory name that is not a v1 ID', 'layer', base.json, chains, null],
    ['a json that is not an object', base.dir, '[]', chains, null]
  ])('legacyLayerIndex: %s', (_name, dir, json, chainList, expected) => {
    expect(legacyLayerIndex(dir, json, chainList)).toBe(expected)
  })

  const v1Json = (name: string): string | undefined => V1_LAYERS.find(l => `${l.dir}/json` === name)?.json
  const facts = { diffIds: V1_DIFF_IDS, chains, v1Json }
  const hexOf = (diffId: string): string => diffId.slice('sha256:'.length)
  test.each([
    [
      'a Docker 25+ blob named by a diff ID of the image',
      `blobs/sha256/${hexOf(V1_DIFF_IDS[1]!)}`,
      V1_DIFF_IDS[1]
    ],
    ['a blob of another content (gzip, config)', `blobs/sha256/${'e'.repeat(64)}`, null],
    ['a legacy layer whose json was read', `${middle.dir}/layer.tar`, V1_DIFF_IDS[1]],
    ['a legacy layer whose json was not read (yet)', `${'f'.repeat(64)}/layer.tar`, null],
    ['the v1 json itself', `${middle.dir}/json`, null],
    ['manifest.json', 'manifest.json', null]
  ])('savedLayerDiffId: %s', (_name, name, expected) => {
    expect(savedLayerDiffId(name, facts)).toBe(expected)
  })
})

describe('readDockerSave with known sizes', () => {
  /** Some compressible and some random bytes, `bytes` long (not a real tar: nothing reads inside). */
  function content(seed: number, bytes = 40_000): Buffer {
    const parts: Buffer[] = []
    let size = 0
    for (let i = 0; size < bytes; i++) {
      const part =
        i % 2
          ? createHash('sha512').update(`${seed}-${i}`).digest()
          : Buffer.from(`line ${seed} ${i % 97} `.repeat(20))
      parts.push(part)
      size += part.length
    }
    return Buffer.concat(parts).subarray(0, bytes)
  }
  const config = {
    os: 'linux',
    architecture: 'amd64',
    history: [{ created_by: 'ADD x /' }, { created_by: 'RUN a' }, { created_by: 'RUN b' }]
  }

  /** Writes the files and tars them in the order given (Docker's is sorted by name). */
  function archive(name: string, files: Array<[string, Buffer | string]>): Buffer {
    const dir = path.join(root, name)
    for (const [file, bytes] of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), bytes)
    }
    return execFileSync('tar', ['-C', dir, '-cf', '-', ...files.map(([file]) => file)], {
      maxBuffer: 1 << 28
    })
  }

  const layers = [content(1), content(2), content(3)]
  const configName = `${'c'.repeat(64)}.json`

  function legacyArchive(name: string, jsonFirst: boolean): Buffer {
    const files: Array<[string, Buffer | string]> = []
    for (const [i, layer] of V1_LAYERS.entries()) {
      const pair: Array<[string, Buffer | string]> = [
        [`${layer.dir}/json`, layer.json],
        [`${layer.dir}/layer.tar`, layers[i]!]
      ]
      files.push(...(jsonFirst ? pair : pair.reverse()))
    }
    files.push([configName, JSON.stringify(config)])
    files.push([
      'manifest.json',
      JSON.stringify([{ Config: configName, Layers: V1_LAYERS.map(l => `${l.dir}/layer.tar`) }])
    ])
    return archive(name, files)
  }

  function ociArchive(name: string): Buffer {
    const blob = (diffId: string): string => `blobs/sha256/${diffId.slice('sha256:'.length)}`
    const configBlob = `blobs/sha256/${'c'.repeat(64)}`
    return archive(name, [
      ...V1_DIFF_IDS.map((d, i): [string, Buffer] => [blob(d), layers[i]!]),
      [configBlob, JSON.stringify(config)],
      ['index.json', '{"schemaVersion":2,"manifests":[]}'],
      ['manifest.json', JSON.stringify([{ Config: configBlob, Layers: V1_DIFF_IDS.map(blob) }])]
    ])
  }

  const gz = (i: number): number => gzipSync(layers[i]!, { level: 6 }).length
  const known = new Map([
    [V1_DIFF_IDS[0]!, 777],
    [V1_DIFF_IDS[2]!, 999]
  ])
  const reuseWith =
    (map: Map<string, number>): ReadDockerSaveOptions['reuse'] =>
    async () => ({ known: map, diffIds: V1_DIFF_IDS })

  test.each([
    [
      'Docker <= 24, sorted as Docker writes it',
      () => legacyArchive('legacy', true),
      reuseWith(known),
      [777, 'gz1', 999],
      [true, false, true]
    ],
    [
      'Docker <= 24, a layer.tar before its json: compressed',
      () => legacyArchive('legacy-unsorted', false),
      reuseWith(known),
      ['gz0', 'gz1', 'gz2'],
      [false, false, false]
    ],
    [
      'Docker >= 25 (blobs named by diff ID)',
      () => ociArchive('oci'),
      reuseWith(known),
      [777, 'gz1', 999],
      [true, false, true]
    ],
    [
      'no baseline: every layer compressed',
      () => ociArchive('oci-none'),
      async () => null,
      ['gz0', 'gz1', 'gz2'],
      [false, false, false]
    ],
    [
      'an empty baseline: every layer compressed',
      () => legacyArchive('legacy-empty', true),
      reuseWith(new Map()),
      ['gz0', 'gz1', 'gz2'],
      [false, false, false]
    ]
  ])('%s', async (_name, make, reuse, expected, reused) => {
    const saved = await readDockerSave(Readable.from([make()]), { reuse })
    expect(saved.config).toEqual(config)
    expect(saved.layers).toEqual(expected.map(e => (typeof e === 'number' ? e : gz(Number(e.slice(2))))))
    expect(saved.reused).toEqual(reused)
  })

  test('the reuse facts are asked for once, on the first layer', async () => {
    let asked = 0
    await readDockerSave(Readable.from([legacyArchive('legacy-once', true)]), {
      reuse: async () => {
        asked++
        return { known, diffIds: V1_DIFF_IDS }
      }
    })
    expect(asked).toBe(1)
  })

  test('a layer reader sees the new layers with their diff IDs, never the ones the baseline knows (unchanged)', async () => {
    const seen: Array<{ name: string; diffId: string | null; bytes: number }> = []
    await readDockerSave(Readable.from([ociArchive('oci-reader')]), {
      reuse: reuseWith(known),
      onLayer: layer => {
        const record = { name: layer.name, diffId: layer.diffId, bytes: 0 }
        seen.push(record)
        return { write: chunk => void (record.bytes += chunk.length), end: () => undefined }
      }
    })
    // Layers 0 and 2 are known by size: only layer 1 is read.
    expect(seen.map(s => s.bytes)).toEqual([layers[1]!.length])
    expect(seen.map(s => s.diffId)).toEqual([V1_DIFF_IDS[1]])
  })
})

describe('parallel gzip of a layer larger than one piece', () => {
  const big = Buffer.concat(
    Array.from({ length: 5000 }, (_, i) =>
      i % 3
        ? Buffer.from(`record ${i % 211} of a compressible text, `.repeat(25))
        : createHash('sha512').update(String(i)).digest()
    )
  )
  function bigArchive(): Buffer {
    const dir = path.join(root, 'big')
    mkdirSync(path.join(dir, 'id1'), { recursive: true })
    writeFileSync(path.join(dir, 'id1', 'layer.tar'), big)
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify([{ Config: 'c.json', Layers: ['id1/layer.tar'] }])
    )
    writeFileSync(path.join(dir, 'c.json'), '{}')
    return execFileSync('tar', ['-C', dir, '-cf', '-', 'id1/layer.tar', 'c.json', 'manifest.json'], {
      maxBuffer: 1 << 28
    })
  }

  test('the same count however the stream is cut and however many pieces run at once; close to gzip', async () => {
    expect(big.length).toBeGreaterThan(2 * GZIP_CHUNK)
    const tar = bigArchive()
    const pieces = (size: number): Buffer[] =>
      Array.from({ length: Math.ceil(tar.length / size) }, (_, i) => tar.subarray(i * size, (i + 1) * size))
    const counts = await Promise.all([
      readDockerSave(Readable.from(pieces(1000)), { concurrency: 1 }),
      readDockerSave(Readable.from(pieces(65536)), { concurrency: 2 }),
      readDockerSave(Readable.from([tar]), { concurrency: 4 })
    ])
    const [first] = counts.map(c => c.layers[0]!)
    expect(counts.map(c => c.layers[0])).toEqual([first, first, first])
    const whole = gzipSync(big, { level: 6 }).length
    expect(Math.abs(first! - whole)).toBeLessThan(whole * 0.005)
  })
})

describe('measureLocalImage through the one process runner', () => {
  test('a docker that is not there is a UserError naming it', async () => {
    const missing = path.join(root, 'no-such-docker')
    const attempt = measureLocalImage('app:1', { docker: missing })
    await expect(attempt).rejects.toThrow(UserError)
    await expect(measureLocalImage('app:1', { docker: missing })).rejects.toThrow(
      `${missing} was not found: is Docker installed?`
    )
  })

  test('docker save failing: its own message, not a tar error', async () => {
    const fake = fakeDocker('sha256:' + 'a'.repeat(64), [100])
    try {
      await expect(measureLocalImage('app:1', { docker: fake.docker })).rejects.toThrow(
        /^docker save app:1 failed: Error: No such image: save app:1$/
      )
    } finally {
      fake.cleanup()
    }
  })
})
