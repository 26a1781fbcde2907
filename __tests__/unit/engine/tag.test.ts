import { describe, expect, test } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { engineSocket } from '../../servers/engine-socket.js'
import {
  movedTagWarning,
  pinTag,
  storedImageId,
  tagQuery,
  tagsNaming,
  tagStateOf
} from '../../../src/engine/tag.js'

const ID = 'sha256:' + 'a'.repeat(64)
const OTHER = 'sha256:' + 'b'.repeat(64)

describe('tagStateOf: where the tag points against the run`s image', () => {
  test.each([
    [200, JSON.stringify({ Id: ID }), { state: 'same' }],
    [200, JSON.stringify({ Id: OTHER }), { state: 'moved', to: OTHER }],
    [404, '{"message":"No such image"}', { state: 'gone' }],
    [500, '{"message":"boom"}', { state: 'unknown' }],
    [200, 'not json', { state: 'unknown' }],
    [200, JSON.stringify({ Id: '' }), { state: 'unknown' }],
    [200, JSON.stringify({}), { state: 'unknown' }]
  ])('%i %s', (status, body, expected) => {
    expect(tagStateOf(status, body, ID)).toEqual(expected)
  })
})

describe('tagQuery: the API`s repo and tag, as docker build -t writes them', () => {
  test.each([
    ['127.0.0.1:5000/app/web:v1', 'repo=127.0.0.1%3A5000%2Fapp%2Fweb&tag=v1'],
    ['ghcr.io/o/app', 'repo=ghcr.io%2Fo%2Fapp&tag=latest'],
    ['localhost:5000/app', 'repo=localhost%3A5000%2Fapp&tag=latest'],
    ['app:1.2.3-rc.1', 'repo=app&tag=1.2.3-rc.1']
  ])('%s', (tag, query) => {
    expect(tagQuery(tag)).toBe(query)
  })
})

test('movedTagWarning names the tag, both images and what to do', () => {
  expect(movedTagWarning('app:main', ID, 'moved', OTHER)).toBe(
    'app:main named another image (bbbbbbbbbbbb) by the time of the push: something else on this Docker ' +
      'engine tagged or removed it while the tests ran. stagegate points it back at the image this run ' +
      'built and tested (aaaaaaaaaaaa) and pushes that one. Give concurrent jobs on a shared engine distinct tags.'
  )
  expect(movedTagWarning('app:main', ID, 'gone')).toContain(
    'app:main had been removed by the time of the push'
  )
})

/** An engine API on a unix socket holding `tags` (tag → ID) and `images` (IDs), recording each request. */
async function fakeEngine(tags: Record<string, string>, images: string[]) {
  const requests: string[] = []
  const engine = await engineSocket((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    const url = new URL(req.url ?? '', 'http://docker')
    const inspect = /^\/images\/(.+)\/json$/.exec(url.pathname)
    if (req.method === 'GET' && inspect) {
      const name = decodeURI(inspect[1] ?? '')
      const id = tags[name] ?? (images.includes(name) ? name : undefined)
      if (id) res.end(JSON.stringify({ Id: id }))
      else res.writeHead(404).end('{"message":"No such image"}')
      return
    }
    const tag = /^\/images\/(.+)\/tag$/.exec(url.pathname)
    if (req.method === 'POST' && tag) {
      const id = decodeURI(tag[1] ?? '')
      if (!images.includes(id)) return void res.writeHead(404).end('{"message":"No such image"}')
      tags[`${url.searchParams.get('repo')}:${url.searchParams.get('tag')}`] = id
      return void res.writeHead(201).end()
    }
    res.writeHead(404).end()
  })
  return { ...engine, requests, tags }
}

/** A docker CLI that records its calls; `docker tag` fails as docker does for an unknown image. */
function recordingDocker(known: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-tag-cli-'))
  const log = path.join(dir, 'calls')
  writeFileSync(log, '')
  const client = path.join(dir, 'docker')
  writeFileSync(
    client,
    `#!/bin/sh\necho "$*" >> ${log}\ncase " ${known.join(' ')} " in *" $2 "*) exit 0;; esac\n` +
      `echo "Error response from daemon: No such image: $2" >&2\nexit 1\n`
  )
  chmodSync(client, 0o755)
  return { client, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) }
}

describe('pinTag: the tag names the run`s image when it is pushed', () => {
  test('still the run`s image: one read, nothing tagged, no warning', async () => {
    const engine = await fakeEngine({ 'reg:5000/app:v1': ID }, [ID, OTHER])
    const { client, calls } = recordingDocker([])
    try {
      expect(await pinTag(client, engine.socket, ID, 'reg:5000/app:v1')).toEqual({ ok: true })
      expect(engine.requests).toEqual(['GET /images/reg:5000/app:v1/json'])
      expect(calls()).toEqual([])
    } finally {
      await engine.close()
    }
  })

  test('moved to another image: pointed back, with the warning', async () => {
    const engine = await fakeEngine({ 'reg:5000/app:v1': OTHER }, [ID, OTHER])
    const { client, calls } = recordingDocker([])
    try {
      const pinned = await pinTag(client, engine.socket, ID, 'reg:5000/app:v1')
      expect(pinned).toEqual({ ok: true, warning: movedTagWarning('reg:5000/app:v1', ID, 'moved', OTHER) })
      expect(engine.tags['reg:5000/app:v1']).toBe(ID)
      expect(calls()).toEqual([])
    } finally {
      await engine.close()
    }
  })

  test('removed: tagged again, with the warning', async () => {
    const engine = await fakeEngine({}, [ID])
    const { client } = recordingDocker([])
    try {
      const pinned = await pinTag(client, engine.socket, ID, 'app')
      expect(pinned).toEqual({ ok: true, warning: movedTagWarning('app', ID, 'gone') })
      expect(engine.tags['app:latest']).toBe(ID)
    } finally {
      await engine.close()
    }
  })

  test('the run`s image is gone: not pushed, and said why', async () => {
    const engine = await fakeEngine({ 'app:v1': OTHER }, [OTHER])
    const { client } = recordingDocker([])
    try {
      const pinned = await pinTag(client, engine.socket, ID, 'app:v1')
      expect(pinned.ok).toBe(false)
      expect(pinned).toMatchObject({ message: expect.stringContaining("is no longer in the engine's store") })
      expect(engine.tags['app:v1']).toBe(OTHER)
    } finally {
      await engine.close()
    }
  })

  test('no engine API: docker tag, every time (idempotent)', async () => {
    const { client, calls } = recordingDocker([ID])
    expect(await pinTag(client, null, ID, 'app:v1')).toEqual({ ok: true })
    expect(await pinTag(client, '/nonexistent/docker.sock', ID, 'app:v1')).toEqual({ ok: true })
    expect(calls()).toEqual([`tag ${ID} app:v1`, `tag ${ID} app:v1`])
  })

  test('no engine API and the image is gone: docker tag`s error, said as the run`s', async () => {
    const { client } = recordingDocker([])
    const pinned = await pinTag(client, null, ID, 'app:v1')
    expect(pinned).toEqual({
      ok: false,
      message: expect.stringContaining('(aaaaaaaaaaaa) is no longer in the engine') as unknown as string
    })
  })
})

describe('storedImageId: the digest the engine names the built image by', () => {
  const CONFIG = 'sha256:' + 'c'.repeat(64)
  const MANIFEST = 'sha256:' + 'd'.repeat(64)

  test.each([
    ['classic store: the iidfile`s config digest', [CONFIG], CONFIG],
    [
      'containerd store, no attestations: buildx`s containerimage.digest (the iidfile holds the config)',
      [MANIFEST],
      MANIFEST
    ],
    ['not stored: none', [], null]
  ])('%s', async (_label, stored, expected) => {
    const engine = await fakeEngine({}, stored)
    const { client, calls } = recordingDocker([])
    try {
      expect(await storedImageId(client, engine.socket, [CONFIG, MANIFEST, null])).toBe(expected)
      expect(calls()).toEqual([])
    } finally {
      await engine.close()
    }
  })

  test('no engine API: docker image inspect by digest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-inspect-'))
    const client = path.join(dir, 'docker')
    writeFileSync(
      client,
      `#!/bin/sh\n[ "$5" = "${MANIFEST}" ] && echo "${MANIFEST}" && exit 0\necho "Error: No such image: $5" >&2\nexit 1\n`
    )
    chmodSync(client, 0o755)
    expect(await storedImageId(client, null, [CONFIG, MANIFEST])).toBe(MANIFEST)
    expect(await storedImageId(client, null, [CONFIG])).toBeNull()
  })
})

describe('tagsNaming: which tags a run whose tests failed may untag', () => {
  test('from the engine API: its own, not the one another job moved, not one already gone', async () => {
    const engine = await fakeEngine({ 'app:1': ID, 'app:2': OTHER }, [ID, OTHER])
    const { client, calls } = recordingDocker([])
    try {
      expect(await tagsNaming(client, engine.socket, ID, ['app:1', 'app:2', 'app:3'])).toEqual({
        own: ['app:1'],
        moved: ['app:2']
      })
      expect(calls()).toEqual([])
    } finally {
      await engine.close()
    }
  })

  test('no engine API: docker image inspect of each tag', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-inspect-'))
    const client = path.join(dir, 'docker')
    // app:1 names the run's image, app:2 another one; app:3 does not exist; app:4 the engine cannot say.
    writeFileSync(
      client,
      '#!/bin/sh\ncase "$5" in\n' +
        `  app:1) echo "${ID}";;\n  app:2) echo "${OTHER}";;\n` +
        '  app:3) echo "Error: No such image: app:3" >&2; exit 1;;\n' +
        '  *) echo "error during connect" >&2; exit 1;;\nesac\n'
    )
    chmodSync(client, 0o755)
    expect(await tagsNaming(client, null, ID, ['app:1', 'app:2', 'app:3', 'app:4'])).toEqual({
      own: ['app:1'],
      moved: ['app:2']
    })
  })
})
