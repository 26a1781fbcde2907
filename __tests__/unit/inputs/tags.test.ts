import { describe, expect, test } from '@jest/globals'
import { parseInputs, tagProblem } from '../../../src/inputs.js'
import { secretFlag, parseRunArgs } from '../../../src/commands/run-args.js'

const inputs = (values: Record<string, string>) => parseInputs(name => values[name] ?? '')

describe('tags follow the docker reference grammar', () => {
  test.each([
    'app',
    'app:1.0',
    'ghcr.io/owner/app:sha-0123abc',
    '127.0.0.1:5000/team/app:pr-12',
    'localhost/app',
    'my-registry.example:443/a__b/c-d.e:_x',
    `app:${'a'.repeat(128)}`
  ])('%s is accepted', ref => expect(tagProblem(ref)).toBeNull())

  test.each([
    ['ghcr.io/Owner/App:1', 'repository name must be lowercase (ghcr.io/owner/app:1 would do)'],
    ['App', 'repository name must be lowercase (app would do)'],
    [
      'app:-1',
      `the tag "-1" may only hold letters, digits, '_', '.' and '-', and cannot start with '.' or '-'`
    ],
    ['app:a/b', 'invalid reference format'],
    [`app:${'a'.repeat(129)}`, 'the tag after ":" is longer than 128 characters'],
    [
      'app@sha256:' + 'a'.repeat(64),
      'an image to build is named by a tag, not a digest: drop the "@..." part'
    ],
    ['app_:1', 'invalid reference format'],
    ['a'.repeat(64), expect.stringContaining('cannot specify 64-byte hexadecimal strings')],
    ['app 1', 'it contains whitespace'],
    ['--push', 'it starts with "-"']
  ])('%s: %s', (ref, problem) => expect(tagProblem(ref)).toEqual(problem))

  test("docker/metadata-action's tags output (newline-separated, trailing newline) passes", () => {
    const tags = 'ghcr.io/owner/app:main\nghcr.io/owner/app:sha-860c190\nghcr.io/owner/app:pr-7\n'
    expect(inputs({ tags }).tags).toEqual([
      'ghcr.io/owner/app:main',
      'ghcr.io/owner/app:sha-860c190',
      'ghcr.io/owner/app:pr-7'
    ])
  })

  test.each([
    [
      { tags: 'ghcr.io/Owner/app:1' },
      'Input "tags": "ghcr.io/Owner/app:1" is not an image reference: repository name must be lowercase'
    ],
    [
      { 'cache-ref': 'ghcr.io/o/App:cache', cache: 'registry' },
      'Input "cache-ref": "ghcr.io/o/App:cache" is not an image reference: repository name must be lowercase'
    ]
  ])('%j is refused before any build, never with docker --help', (values, message) => {
    expect(() => inputs(values)).toThrow(message)
    expect(() => inputs(values)).not.toThrow(/--help/)
  })
})

describe('test-network', () => {
  test.each([
    [{}, ''],
    [{ network: 'host' }, 'host'],
    [{ network: 'host', 'test-network': 'none' }, 'none'],
    [{ 'test-network': 'none' }, 'none']
  ])('%j → %p', (values, testNetwork) => expect(inputs(values).testNetwork).toBe(testNetwork))

  test('--test-network is a CLI flag', () => {
    expect(parseRunArgs(['--network', 'host', '--test-network', 'none']).inputs).toEqual({
      network: 'host',
      'test-network': 'none'
    })
  })
})

describe('--secret on the command line', () => {
  test.each([
    ['npm=token', { input: 'secrets', entry: 'npm=token' }],
    ['id=npmrc,src=/root/.npmrc', { input: 'secret-files', entry: 'npmrc=/root/.npmrc' }],
    ['id=npmrc,source=.npmrc', { input: 'secret-files', entry: 'npmrc=.npmrc' }],
    ['type=file,id=k,src=key.pem', { input: 'secret-files', entry: 'k=key.pem' }],
    ['id=tok,env=NPM_TOKEN', { input: 'secret-envs', entry: 'tok=NPM_TOKEN' }],
    ['type=env,id=tok,src=NPM_TOKEN', { input: 'secret-envs', entry: 'tok=NPM_TOKEN' }],
    ['ID=line 1\nline 2', { input: 'secrets', entry: '"ID=line 1\nline 2"' }]
  ])('%j → %j', (value, expected) => expect(secretFlag(value)).toEqual(expected))

  test.each([
    ['id=npmrc', /needs src=FILE or env=VAR/],
    ['src=/root/.npmrc', /has no id/],
    ['id=a,src=f,env=E', /either src=FILE or env=VAR, not both/],
    ['type=ssh,id=a,src=f', /type must be file or env/],
    ['id=a,hunter2', /keys type, id, src, source and env only/]
  ])('%j is refused', (value, message) => {
    expect(() => secretFlag(value)).toThrow(message)
    expect(() => secretFlag(value)).not.toThrow(/hunter2/)
  })

  test('the docker forms land in secret-files and secret-envs, values in secrets, read back unchanged', () => {
    const args = parseRunArgs([
      '--secret',
      'id=npmrc,src=/root/.npmrc',
      '--secret=id=tok,env=NPM_TOKEN',
      '--secret',
      'a=b,c',
      '--secret',
      'pem=-----BEGIN-----\nxyz\n'
    ]).inputs
    expect(args).toEqual({
      'secret-files': 'npmrc=/root/.npmrc',
      'secret-envs': 'tok=NPM_TOKEN',
      secrets: 'a=b,c\n"pem=-----BEGIN-----\nxyz\n"'
    })
    const parsed = inputs(args)
    expect(parsed.secrets).toEqual([
      { id: 'a', value: 'b,c' },
      { id: 'pem', value: '-----BEGIN-----\nxyz\n' }
    ])
    expect(parsed.secretFiles).toEqual([{ id: 'npmrc', path: '/root/.npmrc' }])
    expect(parsed.secretEnvs).toEqual([{ id: 'tok', name: 'NPM_TOKEN' }])
  })
})
