import { describe, expect, test } from '@jest/globals'
import { imageNameOf, testerTagFor } from '../../../src/image-name.js'
import { parseInputs } from '../../../src/inputs.js'

const DIGEST = `sha256:${'a'.repeat(64)}`

describe('imageNameOf', () => {
  test.each([
    [['ghcr.io/acme/api:1.2'], 'ghcr.io/acme/api'],
    [['ghcr.io/acme/api'], 'ghcr.io/acme/api'],
    [['localhost:5000/api:dev'], 'localhost:5000/api'],
    [['localhost:5000/api'], 'localhost:5000/api'],
    [['registry.example.com:8443/team/api:v1'], 'registry.example.com:8443/team/api'],
    [[`api@${DIGEST}`], 'api'],
    [[`localhost:5000/api@${DIGEST}`], 'localhost:5000/api'],
    [[`ghcr.io/acme/api:1.2@${DIGEST}`], 'ghcr.io/acme/api'],
    [['api'], 'api'],
    [['ghcr.io/acme/api:1', 'docker.io/other/thing:2'], 'ghcr.io/acme/api'],
    [['localhost:5000/a/b:t'], 'localhost:5000/a/b'],
    [[`a@${DIGEST}`], 'a'],
    [[`localhost:5000/a/b:t@${DIGEST}`], 'localhost:5000/a/b'],
    // Docker Hub short names stay as written: no docker.io/library/ added.
    [['alpine:3.20'], 'alpine'],
    [['acme/api:1'], 'acme/api'],
    [['docker.io/library/alpine:3.20'], 'docker.io/library/alpine'],
    [['index.docker.io/acme/api'], 'index.docker.io/acme/api']
  ])('tags %j → %p', (tags, name) => expect(imageNameOf(tags, '/work/ignored')).toBe(name))

  test.each(['ghcr.io/Acme/api:1', 'API:1', 'localhost:5000/Team/API'])(
    'an uppercase repository %p never reaches it: the tags input rejects it first',
    tag => expect(() => parseInputs(name => (name === 'tags' ? tag : ''))).toThrow(/must be lowercase/)
  )

  test.each([
    ['/home/runner/work/api/api', 'api'],
    ['/src/My Project', 'my-project'],
    ['/src/web.app_v2', 'web.app_v2'],
    ['/', 'image']
  ])('no tags: the context folder %p → %p', (context, name) => expect(imageNameOf([], context)).toBe(name))
})

// distribution/reference grammar: path components of lowercase alphanumerics joined by one
// separator (`.`, `_`, `__` or dashes), then a tag of up to 128 word characters, dots and dashes.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const REFERENCE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*:[\\w][\\w.-]{0,127}$`)

describe('testerTagFor', () => {
  test.each([
    ['ghcr.io/acme/api', 'stagegate/api:tester-'],
    ['localhost:5000/Team/API', 'stagegate/api:tester-'],
    ['web.app_v2', 'stagegate/web.app_v2:tester-'],
    ['image', 'stagegate/image:tester-'],
    ['my-project-copy-', 'stagegate/my-project-copy:tester-'],
    ['.github', 'stagegate/github:tester-'],
    ['...', 'stagegate/image:tester-']
  ])('%p → %p + 8 hex digits', (name, prefix) => {
    const tag = testerTagFor(name)
    expect(tag.startsWith(prefix)).toBe(true)
    expect(tag.slice(prefix.length)).toMatch(/^[0-9a-f]{8}$/)
  })

  test('stable: a rerun replaces the same local tag', () => {
    expect(testerTagFor('ghcr.io/acme/api')).toBe(testerTagFor('ghcr.io/acme/api'))
  })

  test('two images with the same last name component do not share a tester tag', () => {
    expect(testerTagFor('ghcr.io/acme/api')).not.toBe(testerTagFor('ghcr.io/other/api'))
  })

  test.each([
    'ghcr.io/acme/api',
    'localhost:5000/Team/API',
    '/src/My Project',
    '/src/My Project (copy)',
    '/src/_site',
    '/home/runner/work/.github/.github',
    '/src/app.',
    '/src/a..b',
    '/src/déjà vu'
  ])('a valid image reference for %p (as a tag or a context folder)', source => {
    const name = source.startsWith('/') ? imageNameOf([], source) : source
    expect(testerTagFor(name)).toMatch(REFERENCE)
  })
})
