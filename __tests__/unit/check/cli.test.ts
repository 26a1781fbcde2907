// `stagegate check` in-process: its options (the parser plan shares) and what a user sees.
import { describe, expect, test } from '@jest/globals'
import { checkCommand, parseCheckArgs, type CheckIO } from '../../../src/commands/check.js'
import { parseFlags } from '../../../src/commands/flags.js'

const FILES: Record<string, string> = {
  '/repo/Dockerfile': 'FROM alpine AS Build\nEXPOSE 80/TcP\nCMD ["app"]\n',
  '/repo/clean.Dockerfile': 'FROM alpine\nUSER app\nCMD ["app"]\n',
  '/repo/strict.Dockerfile': '# check=error=true\nFROM alpine\nCMD app\n',
  '/repo/port.Dockerfile': 'FROM alpine\nMAINTAINER me\nEXPOSE 80/foo\nFROM alpine\n',
  '/repo/ignored.Dockerfile': '# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY secret.env /app/\n',
  '/repo/.dockerignore': '*.env\n',
  '/repo/own.Dockerfile': '# check=experimental=CopyIgnoredFile\nFROM alpine\nCOPY a.txt secret.env /app/\n',
  '/repo/own.Dockerfile.dockerignore': 'a.txt\n',
  '/repo/proto.Dockerfile': 'FROM alpine\nRUN --constructor=1 true\n',
  '/repo/described.Dockerfile':
    '# check=experimental=InvalidDefinitionDescription\n# nope\nARG V=1\nFROM alpine\n'
}

function fakeIO() {
  const out: string[] = []
  const err: string[] = []
  const io: CheckIO = {
    stdout: t => void out.push(t),
    stderr: t => void err.push(t),
    env: {},
    cwd: '/repo',
    readFile: async p => {
      const text = FILES[p]
      if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' })
      return text
    },
    exists: () => true
  }
  return { io, out: () => out.join(''), err: () => err.join('') }
}

describe('parseCheckArgs', () => {
  test.each<[string[], object]>([
    [[], { file: 'Dockerfile', json: false, target: undefined, buildArgs: {} }],
    [['-f', 'x', '--json'], { file: 'x', json: true }],
    [['--file=x', '--target', 'r'], { file: 'x', target: 'r' }],
    [
      ['--build-arg', 'A=1', '--build-arg=B=2=3', '--build-arg', 'E'],
      { buildArgs: { A: '1', B: '2=3', E: 'e' } }
    ],
    [['--help'], { help: true }]
  ])('%j', (argv, expected) => {
    expect(parseCheckArgs(argv, { E: 'e' })).toMatchObject(expected)
  })

  test.each([[['--file']], [['--mermaid']], [['stray']], [['--json=1']], [['--build-arg', '=x']]])(
    '%j is bad usage',
    argv => {
      expect(() => parseCheckArgs(argv)).toThrow()
    }
  )
})

describe('parseFlags (shared by plan and check)', () => {
  const spec = { values: { '-f': 'file', '--file': 'file' }, switches: { '--json': 'json', '--x': 'x' } }
  test.each<[string[], object]>([
    [['-f', 'a', '--file=b'], { values: { file: 'b' } }],
    [['--x', '--json', '--x'], { switches: ['x', 'json'] }],
    [['--file', '--json'], { values: { file: '--json' } }],
    [['-h', '--build-arg', 'K=V'], { help: true, buildArgs: { K: 'V' } }]
  ])('%j', (argv, expected) => {
    expect(parseFlags(argv, spec)).toMatchObject(expected)
  })

  test.each<[string[], string]>([
    [['--nope'], 'unknown option --nope'],
    [['-f'], '-f needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['file'], 'unexpected argument "file"'],
    [['--build-arg', '=v'], '--build-arg needs KEY=VALUE, got "=v"']
  ])('%j: %s', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(message)
  })
})

describe('checkCommand', () => {
  test('warnings only: file:line: message (rule) on stdout, exit 0', async () => {
    const f = fakeIO()
    expect(await checkCommand([], f.io)).toBe(0)
    expect(f.out()).toContain("Dockerfile:1: Stage name 'Build' should be lowercase (StageNameCasing)\n")
    expect(f.out()).toContain(
      "Dockerfile:2: Defined protocol '80/TcP' in EXPOSE instruction should be lowercase (ExposeProtoCasing)\n"
    )
    expect(f.err()).toBe('')
  })

  test("--json prints buildx's shape", async () => {
    const f = fakeIO()
    expect(await checkCommand(['--json', '-f', 'clean.Dockerfile'], f.io)).toBe(0)
    expect(JSON.parse(f.out())).toEqual({ warnings: [] })
    const g = fakeIO()
    expect(await checkCommand(['--json'], g.io)).toBe(0)
    const first = JSON.parse(g.out()).warnings[0]
    expect(first).toEqual({
      ruleName: 'StageNameCasing',
      description: 'Stage names should be lowercase',
      url: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/',
      detail: "Stage name 'Build' should be lowercase",
      location: { ranges: [{ start: { line: 1 }, end: { line: 1 } }] }
    })
  })

  test('# check=error=true: the finding is an error on stderr, exit 1', async () => {
    const f = fakeIO()
    expect(await checkCommand(['-f', 'strict.Dockerfile'], f.io)).toBe(1)
    expect(f.err()).toContain(
      'strict.Dockerfile:3: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (JSONArgsRecommended)'
    )
  })

  test('--build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all replaces the directive', async () => {
    const f = fakeIO()
    expect(
      await checkCommand(
        ['-f', 'strict.Dockerfile', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=all'],
        f.io
      )
    ).toBe(0)
    expect(f.err()).toBe('')
  })

  test('an error while dispatching a stage the build does not need: the warnings before it, then file:line: message, exit 1', async () => {
    const f = fakeIO()
    expect(await checkCommand(['-f', 'port.Dockerfile'], f.io)).toBe(1)
    expect(f.out()).toContain('port.Dockerfile:2: Maintainer instruction is deprecated')
    expect(f.err()).toBe('port.Dockerfile:3: invalid port: "80/foo": invalid proto: foo\n')
  })

  test('experimental rules opted in by the directive read the comments', async () => {
    const f = fakeIO()
    expect(await checkCommand(['-f', 'described.Dockerfile'], f.io)).toBe(0)
    expect(f.out()).toContain(
      'described.Dockerfile:3: Comment for ARG should follow the format: `# V <description>` (InvalidDefinitionDescription)'
    )
  })

  test('a flag named like an Object.prototype member is an unknown flag, not a crash', async () => {
    const f = fakeIO()
    expect(await checkCommand(['-f', 'proto.Dockerfile'], f.io)).toBe(1)
    expect(f.err()).toBe('proto.Dockerfile:2: unknown flag: --constructor\n')
  })

  test('CopyIgnoredFile reads <Dockerfile>.dockerignore first, else the context .dockerignore', async () => {
    const f = fakeIO()
    expect(await checkCommand(['-f', 'ignored.Dockerfile'], f.io)).toBe(0)
    expect(f.out()).toContain(
      'ignored.Dockerfile:3: Attempting to Copy file "secret.env" that is excluded by .dockerignore (CopyIgnoredFile)'
    )
    const g = fakeIO()
    expect(await checkCommand(['-f', 'own.Dockerfile'], g.io)).toBe(0)
    expect(g.out()).toContain('own.Dockerfile:3: Attempting to Copy file "a.txt"')
    expect(g.out()).not.toContain('secret.env')
  })
})
