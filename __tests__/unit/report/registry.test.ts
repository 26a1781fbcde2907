// Pure parts of the registry client: references, plain HTTP hosts, challenges, docker config.
import { describe, expect, test } from '@jest/globals'
import {
  credentialsFromDockerConfig,
  formatReference,
  isPlainHttpHost,
  normalizeAuthKey,
  parseAuthChallenge,
  parseImageReference,
  registryBaseUrl
} from '../../../src/report/registry.js'

const DIGEST = `sha256:${'a'.repeat(64)}`

describe('parseImageReference', () => {
  test.each([
    ['alpine', 'docker.io', 'library/alpine', 'latest', null],
    ['alpine:3.20', 'docker.io', 'library/alpine', '3.20', null],
    ['acme/api', 'docker.io', 'acme/api', 'latest', null],
    ['docker.io/alpine', 'docker.io', 'library/alpine', 'latest', null],
    ['index.docker.io/acme/api:v1', 'docker.io', 'acme/api', 'v1', null],
    ['ghcr.io/o/r:main', 'ghcr.io', 'o/r', 'main', null],
    ['ghcr.io/o/team/r', 'ghcr.io', 'o/team/r', 'latest', null],
    ['127.0.0.1:5000/app:tag', '127.0.0.1:5000', 'app', 'tag', null],
    ['localhost:5000/a/b', 'localhost:5000', 'a/b', 'latest', null],
    ['localhost/app', 'localhost', 'app', 'latest', null],
    ['[::1]:5000/app:x', '[::1]:5000', 'app', 'x', null],
    [`ghcr.io/o/r@${DIGEST}`, 'ghcr.io', 'o/r', null, DIGEST],
    [`127.0.0.1:5000/app:v2@${DIGEST}`, '127.0.0.1:5000', 'app', 'v2', DIGEST],
    ['registry.example.com:8443/x_y/z-w:1.0-rc_1', 'registry.example.com:8443', 'x_y/z-w', '1.0-rc_1', null]
  ])('%s', (input, registry, repository, tag, digest) => {
    const ref = parseImageReference(input)
    expect(ref).toEqual({ registry, repository, tag, digest, name: `${registry}/${repository}` })
  })

  test.each([
    ['', /empty/],
    ['Alpine', /"Alpine" is not a valid repository name component/],
    ['ghcr.io/o/r:bad tag', /not a valid tag/],
    ['app@sha256:xyz', /not a digest/],
    ['ghcr.io//r', /not a valid repository name component/]
  ])('rejects %j', (input, message) => {
    expect(() => parseImageReference(input)).toThrow(message)
  })

  test('formatReference round-trips', () => {
    expect(formatReference(parseImageReference(`127.0.0.1:5000/app:v2@${DIGEST}`))).toBe(
      `127.0.0.1:5000/app:v2@${DIGEST}`
    )
    expect(formatReference(parseImageReference('alpine'))).toBe('docker.io/library/alpine:latest')
  })
})

describe('plain HTTP hosts and base URLs', () => {
  test.each([
    ['127.0.0.1:5000', true],
    ['127.1.2.3', true],
    ['localhost:5000', true],
    ['localhost', true],
    ['[::1]:5000', true],
    ['ghcr.io', false],
    ['10.0.0.1:5000', false],
    ['127.0.0.1.example.com', false],
    ['docker.io', false]
  ])('%s → %s', (host, plain) => {
    expect(isPlainHttpHost(host)).toBe(plain)
  })

  test.each([
    ['docker.io', 'https://registry-1.docker.io'],
    ['ghcr.io', 'https://ghcr.io'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000']
  ])('%s → %s', (registry, url) => {
    expect(registryBaseUrl(registry)).toBe(url)
  })
})

describe('parseAuthChallenge', () => {
  test.each([
    [null, null],
    ['', null],
    ['Negotiate abc', null],
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"',
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/r:pull' }
      }
    ],
    [
      'bearer realm="https://auth.docker.io/token", service="registry.docker.io"',
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io' } }
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    [
      'Bearer realm=http://x/t,scope="a,b"',
      { scheme: 'bearer', params: { realm: 'http://x/t', scope: 'a,b' } }
    ]
  ])('%j', (header, expected) => {
    expect(parseAuthChallenge(header)).toEqual(expected)
  })
})

describe('docker config credentials', () => {
  const auth = (user: string, pass: string): string => Buffer.from(`${user}:${pass}`).toString('base64')
  const config = {
    auths: {
      'https://index.docker.io/v1/': { auth: auth('hubuser', 'hubpass') },
      'ghcr.io': { auth: auth('gh', 'tok:with:colons') },
      'https://registry.example.com': { username: 'u', password: 'p' },
      '127.0.0.1:5000': {}
    },
    credsStore: 'desktop'
  }

  test.each([
    ['docker.io', { username: 'hubuser', password: 'hubpass' }],
    ['ghcr.io', { username: 'gh', password: 'tok:with:colons' }],
    ['registry.example.com', { username: 'u', password: 'p' }],
    ['127.0.0.1:5000', null],
    ['quay.io', null]
  ])('%s', (registry, expected) => {
    expect(credentialsFromDockerConfig(config, registry)).toEqual(expected)
  })

  test.each([[null], [{}], [{ auths: 'x' }]])('no credentials in %j', value => {
    expect(credentialsFromDockerConfig(value, 'ghcr.io')).toBeNull()
  })

  test.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['GHCR.io', 'ghcr.io']
  ])('normalizeAuthKey(%s) = %s', (key, host) => {
    expect(normalizeAuthKey(key)).toBe(host)
  })
})
