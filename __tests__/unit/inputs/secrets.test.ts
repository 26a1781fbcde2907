import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { secretMounts } from '../../../src/dockerfile/stages.js'
import { DockerfileError, UserError } from '../../../src/errors.js'
import { parseInputs } from '../../../src/inputs.js'
import { planBuild } from '../../../src/plan.js'
import {
  checkSecretMounts,
  parseSecretRefs,
  parseSecretValues,
  quoteListEntry,
  resolveSecrets,
  secretMaskValues,
  splitListInput
} from '../../../src/secrets.js'

const list = (raw: string, ignoreComma: boolean) => splitListInput('x', raw, { ignoreComma }).map(e => e.text)

// docker/actions-toolkit __tests__/util.test.ts (getInputList), the cases that use no trim-only
// behaviour: our entries are not trimmed, the rest must agree.
describe("build-push-action's list syntax", () => {
  test.each([
    ['bar', false, ['bar']],
    ['', false, []],
    ['bar\nbaz', false, ['bar', 'baz']],
    ['bar\n\nbaz', false, ['bar', 'baz']],
    ['bar,baz', false, ['bar', 'baz']],
    ['bar,baz,', false, ['bar', 'baz']],
    ['bar\r\nbaz', false, ['bar', 'baz']],
    ['bar\r\nbaz,bat', false, ['bar', 'baz', 'bat']],
    ['user/app:cache\ntype=local,src=path/to/dir', true, ['user/app:cache', 'type=local,src=path/to/dir']],
    ['foo=bar\nbar=qux#baz', false, ['foo=bar', 'bar=qux#baz']],
    ['linux/amd64\n"linux/arm64,linux/arm/v7"', false, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']],
    [
      'GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\n"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc"\nFOO=bar',
      true,
      ['GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789', 'MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc', 'FOO=bar']
    ],
    [
      '"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc"\nFOO=bar\n"EMPTYLINE=aaaa\n\nbbbb\nccc"',
      true,
      ['MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc', 'FOO=bar', 'EMPTYLINE=aaaa\n\nbbbb\nccc']
    ],
    [
      'GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\nMYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc\nFOO=bar',
      true,
      ['GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789', 'MYSECRET=aaaaaaaa', 'bbbbbbb', 'ccccccccc', 'FOO=bar']
    ],
    [
      '"MYSECRET=aaaaaaaa\nbbbb""bbb\nccccccccc"\nFOO=bar',
      true,
      ['MYSECRET=aaaaaaaa\nbbbb"bbb\nccccccccc', 'FOO=bar']
    ],
    // relaxQuotes: a quote inside an unquoted entry is text, a closing quote followed by text too.
    ['a="b"', true, ['a="b"']],
    ['"q"z,r', false, ['"q"z', 'r']]
  ])('%j (ignoreComma %p) → %j', (raw, ignoreComma, expected) => {
    expect(list(raw, ignoreComma)).toEqual(expected)
  })

  test('a quote left open names the line it starts on', () => {
    expect(() => list('a=1\n"npmrc=registry=x\ncafile=y', true)).toThrow(
      /Input "x", line 2: the quoted entry that starts there is never closed/
    )
  })

  test.each(['npm=token', 'a=b,c', 'id=line 1\nline 2', '"quoted"=x', 'x="y"', 'x=a""b\r\n'])(
    'quoteListEntry(%j) reads back as one entry',
    text => expect(list(quoteListEntry(text), true)).toEqual([text])
  )
})

describe('secrets', () => {
  test.each([
    // The case: a two-line .npmrc is ONE secret, newline kept.
    [
      '"npmrc=registry=https://npm.example/\ncafile=/etc/ssl/ca.pem"',
      [{ id: 'npmrc', value: 'registry=https://npm.example/\ncafile=/etc/ssl/ca.pem' }]
    ],
    // Not trimmed; `#` and commas belong to the value; the first `=` splits.
    ['token= abc ', [{ id: 'token', value: ' abc ' }]],
    ['pw=a#b,c=d', [{ id: 'pw', value: 'a#b,c=d' }]],
    [
      '"key=-----BEGIN-----\n# not a comment\n-----END-----\n"',
      [{ id: 'key', value: '-----BEGIN-----\n# not a comment\n-----END-----\n' }]
    ],
    ['# a comment line\na=1', [{ id: 'a', value: '1' }]],
    [
      'a=1\r\nb=2',
      [
        { id: 'a', value: '1' },
        { id: 'b', value: '2' }
      ]
    ],
    ['empty=', [{ id: 'empty', value: '' }]]
  ])('%j', (raw, expected) => expect(parseSecretValues(raw)).toEqual(expected))

  test.each([
    ['hunter2', /line 1: expected id=value/],
    ['a=1\n//registry.example/:_authToken=hunter2', /line 2: the id may only hold/],
    ['=hunter2', /line 1: the id before "=" is empty/]
  ])('%j is refused with its line, never its value', (raw, message) => {
    expect(() => parseSecretValues(raw)).toThrow(message)
    expect(() => parseSecretValues(raw)).toThrow(/several lines is one quoted entry/)
    try {
      parseSecretValues(raw)
    } catch (error) {
      expect(String(error)).not.toContain('hunter2')
    }
  })

  test.each([
    [
      'secret-files',
      'npmrc=.npmrc\nkey = /run/key ',
      [
        ['npmrc', '.npmrc'],
        ['key', '/run/key']
      ]
    ],
    ['secret-files', '"cfg=dir,with,commas/x"', [['cfg', 'dir,with,commas/x']]],
    ['secret-files', 'cfg=dir,with,commas/x', [['cfg', 'dir,with,commas/x']]],
    [
      'secret-envs',
      'a=A,b=B\nc=C',
      [
        ['a', 'A'],
        ['b', 'B'],
        ['c', 'C']
      ]
    ]
  ] as const)('%s %j', (name, raw, expected) => expect(parseSecretRefs(name, raw)).toEqual(expected))

  test.each([
    ['secret-files', 'npmrc', /Input "secret-files", line 1: expected id=path, got "npmrc"/],
    ['secret-envs', 'a=A\nb=', /Input "secret-envs", line 2: expected id=ENV_NAME/]
  ] as const)('%s %j is refused', (name, raw, message) => {
    expect(() => parseSecretRefs(name, raw)).toThrow(message)
  })

  test('one id from two inputs is refused', () => {
    const get = (v: Record<string, string>) => () => parseInputs(name => v[name] ?? '')
    expect(get({ secrets: 'npm=x', 'secret-envs': 'npm=NPM_TOKEN' })).toThrow(
      'Secret "npm" is given in both "secrets" and "secret-envs": keep one.'
    )
    expect(get({ secrets: 'npm=x\nnpm=y' })).toThrow('Secret "npm" is given twice in "secrets"')
  })
})

describe('resolveSecrets', () => {
  const files: Record<string, string> = { '/ws/.npmrc': 'registry=x\n', '/abs/key': 'k' }
  const read = async (file: string) => {
    if (file === '/ws/dir') throw Object.assign(new Error('dir'), { code: 'EISDIR' })
    const content = files[file]
    if (content === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
    return Buffer.from(content)
  }
  const resolve = (i: Partial<Parameters<typeof resolveSecrets>[0]>, env: NodeJS.ProcessEnv = {}) =>
    resolveSecrets({ secrets: [], secretFiles: [], secretEnvs: [], ...i }, { env, workspace: '/ws', read })

  test('values from the three inputs, files by path relative to the workspace', async () => {
    const { secrets, warnings } = await resolve(
      {
        secrets: [{ id: 'a', value: '1' }],
        secretFiles: [
          { id: 'npmrc', path: '.npmrc' },
          { id: 'key', path: '/abs/key' }
        ],
        secretEnvs: [{ id: 'tok', name: 'TOKEN' }]
      },
      { TOKEN: 's3cr3t' }
    )
    expect(secrets).toEqual([
      { id: 'a', value: '1' },
      { id: 'npmrc', value: 'registry=x\n', src: '/ws/.npmrc' },
      { id: 'key', value: 'k', src: '/abs/key' },
      { id: 'tok', value: 's3cr3t' }
    ])
    expect(warnings).toEqual([])
  })

  test.each([
    [
      { secretFiles: [{ id: 'npmrc', path: 'missing/.npmrc' }] },
      /"secret-files": the file of secret "npmrc", missing\/.npmrc, does not exist \(relative paths start at \/ws\)/
    ],
    [{ secretFiles: [{ id: 'd', path: '/ws/dir' }] }, /\/ws\/dir, is a folder\./],
    [
      { secretEnvs: [{ id: 'tok', name: 'NPM_TOKEN' }] },
      /"secret-envs": secret "tok" reads the environment variable NPM_TOKEN, which is not set/
    ]
  ])('%j is a UserError naming the input', async (i, message) => {
    await expect(resolve(i)).rejects.toThrow(UserError)
    await expect(resolve(i)).rejects.toThrow(message)
  })

  test('an empty value (a fork PR) is left out with a warning naming the secret', async () => {
    const { secrets, warnings } = await resolve(
      { secrets: [{ id: 'npm', value: '' }], secretEnvs: [{ id: 'tok', name: 'T' }] },
      { T: '' }
    )
    expect(secrets).toEqual([])
    expect(warnings).toEqual([
      expect.stringMatching(/^Secret "npm" \(secrets\) is empty, so it is not passed to the build/),
      expect.stringMatching(/^Secret "tok" \(secret-envs\) is empty/)
    ])
  })
})

describe('secretMaskValues', () => {
  test.each([
    [[{ value: 'abc' }], ['abc']],
    [[{ value: '' }], []],
    // Each line of a multi-line value is masked too (the log is line by line), short lines are not.
    [
      [{ value: 'registry=x\n//host/:_authToken=s3cr3t\n}\n' }],
      ['registry=x\n//host/:_authToken=s3cr3t\n}\n', 'registry=x', '//host/:_authToken=s3cr3t']
    ]
  ])('%j → %j', (secrets, expected) => expect(secretMaskValues(secrets)).toEqual(expected))
})

const dockerfile = `FROM scratch AS base
RUN --mount=type=secret,id=npmrc,required=true true

FROM base AS tester
RUN --mount=type=secret,id=test_token,env=TOKEN --mount=type=cache,target=/c true

FROM base AS unused
RUN --mount=type=secret,id=only_here,required true

FROM base AS runtime
RUN --mount=type=secret,target=/root/.aws/credentials true
`
const graph = readDockerfile(dockerfile, { file: 'Dockerfile' })
const plan = planBuild(graph, { target: 'runtime' })

describe('secret mounts', () => {
  test('read as BuildKit reads them: id, else the basename of the target', () => {
    expect(graph.stages.map(s => secretMounts(s))).toEqual([
      [{ id: 'npmrc', target: '/run/secrets/npmrc', env: null, required: true, line: 2 }],
      [{ id: 'test_token', target: null, env: 'TOKEN', required: false, line: 5 }],
      [{ id: 'only_here', target: '/run/secrets/only_here', env: null, required: true, line: 8 }],
      [{ id: 'credentials', target: '/root/.aws/credentials', env: null, required: false, line: 11 }]
    ])
  })

  test.each([
    ['src= wins over id=', 'type=secret,id=a,src=b', 'b'],
    ['required=false', 'type=secret,id=a,required=false', 'a'],
    ['an id from a variable is unknown', 'type=secret,id=$ID', null]
  ])('%s', (_, mount, id) => {
    const g = readDockerfile(`FROM scratch\nARG ID\nRUN --mount=${mount} true\n`, { file: 'Dockerfile' })
    expect(secretMounts(g.stages[0]!)[0]?.id).toBe(id)
  })

  test.each([
    [['npmrc', 'test_token', 'credentials'], []],
    // A stage outside the build (unused) neither needs nor uses its secret.
    [['npmrc', 'only_here'], ['only_here']],
    [['npmrc', 'cafile', 'GIT_AUTH_TOKEN'], ['cafile']]
  ])('given %j, unused: %j', (ids, unused) => {
    const warnings = checkSecretMounts(plan, ids)
    expect(warnings.map(w => /^Secret "([^"]+)"/.exec(w)?.[1])).toEqual(unused)
    for (const w of warnings) expect(w).toContain('(base, tester, runtime)')
  })

  test('a required mount no secret feeds stops the run at its Dockerfile line', () => {
    expect(() => checkSecretMounts(plan, ['test_token'])).toThrow(DockerfileError)
    expect(() => checkSecretMounts(plan, ['test_token'])).toThrow(
      /^Dockerfile:2: stage "base" mounts the secret "npmrc" with required=true, but no secret has that id/
    )
  })

  test('an id from a variable may use any secret: nothing is called unused', () => {
    const g = readDockerfile('FROM scratch\nARG ID\nRUN --mount=type=secret,id=$ID true\n', {
      file: 'Dockerfile'
    })
    expect(checkSecretMounts(planBuild(g, { testTarget: 'none' }), ['anything'])).toEqual([])
  })
})
