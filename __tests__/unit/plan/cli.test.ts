import { describe, expect, test } from '@jest/globals'
import { commands, main } from '../../../src/cli.js'
import { nativePlatform } from '../../../src/platform.js'
import { parsePlanArgs, planCommand, type PlanIO } from '../../../src/commands/plan.js'

const FILES: Record<string, string> = {
  '/repo/Dockerfile':
    'FROM golang:1.22 AS builder\nFROM builder AS tester\nFROM alpine\nCOPY --from=builder /a /a\n',
  '/repo/app/Dockerfile': 'ARG IMG=alpine\nFROM $IMG AS build\nFROM build\n',
  '/repo/bad.Dockerfile': 'FROM a\nCOPY --from=a --from=b /x /y\n',
  '/repo/heredoc.Dockerfile': 'FROM a AS tester\nRUN <<EOF\necho\n'
}

function fakeIO(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: PlanIO = {
    stdout: t => void out.push(t),
    stderr: t => void err.push(t),
    env,
    cwd: '/repo',
    platform: 'linux/arm64',
    readFile: async p => {
      const text = FILES[p]
      if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' })
      return text
    }
  }
  return { io, out: () => out.join(''), err: () => err.join('') }
}

describe('parsePlanArgs', () => {
  test.each<[string[], object]>([
    [[], { file: null, format: 'text', buildArgs: {} }],
    [['-f', 'x'], { file: 'x' }],
    [['--file=x', '--json'], { file: 'x', format: 'json' }],
    [['--mermaid'], { format: 'mermaid' }],
    [['--build-arg', 'A=1', '--build-arg=B=2=3'], { buildArgs: { A: '1', B: '2=3' } }],
    [['--build-arg', 'FROM_ENV', '--build-arg', 'NOT_SET'], { buildArgs: { FROM_ENV: 'e' } }],
    [['--target', 'r', '--test-target', 'none'], { target: 'r', testTarget: 'none' }],
    [['--test-target', 'NONE'], { testTarget: 'none' }],
    [['--test-target= unit '], { testTarget: 'unit' }],
    [['--context', 'app', '--platform', 'linux/arm64'], { context: 'app', platform: 'linux/arm64' }],
    [['-h'], { help: true }]
  ])('%j', (argv, expected) => {
    expect(parsePlanArgs(argv, { FROM_ENV: 'e' })).toMatchObject(expected)
  })

  test.each([
    [['--json', '--mermaid']],
    [['--file']],
    [['--nope']],
    [['stray']],
    [['--build-arg', '=x']],
    [['--json=1']]
  ])('%j is bad usage', argv => {
    expect(() => parsePlanArgs(argv)).toThrow()
  })
})

describe('planCommand', () => {
  test('prints the JSON plan, exit 0', async () => {
    const f = fakeIO()
    expect(await planCommand(['--json'], f.io)).toBe(0)
    const json = JSON.parse(f.out())
    expect(json.stages.map((s: { name: string | null }) => s.name)).toEqual(['builder', 'tester', null])
    expect(json).toMatchObject({ target: 2, testTarget: 1, runtimeStages: [0, 2], testerStages: [0, 1] })
    expect(f.err()).toBe('')
  })

  test('--context finds DIR/Dockerfile; build args reach FROM', async () => {
    const f = fakeIO()
    expect(
      await planCommand(
        ['--context', 'app', '--build-arg', 'IMG=debian', '--test-target', 'none', '--json'],
        f.io
      )
    ).toBe(0)
    expect(JSON.parse(f.out()).stages[0].base).toBe('debian')
  })

  test('a missing tester prints the plan and warns on stderr, exit 0', async () => {
    const f = fakeIO()
    expect(await planCommand(['-f', 'app/Dockerfile'], f.io)).toBe(0)
    expect(f.out()).toContain('tester:  none (no tests)')
    expect(f.err()).toMatch(/^warning: app\/Dockerfile: no stage named "tester".*test-target: none/)
  })

  test.each([
    [['-f', 'bad.Dockerfile'], 'bad.Dockerfile:2: duplicate flag specified: --from\n'],
    [['-f', 'heredoc.Dockerfile'], 'heredoc.Dockerfile:2: unterminated heredoc\n'],
    [
      ['--target', 'nope'],
      'Dockerfile:1: target stage "nope" could not be found; the stages are: builder (0), tester (1), stage-2\n'
    ],
    [['-f', 'missing'], 'missing: cannot read the Dockerfile (ENOENT)\n'],
    [['--target', 'tester'], /same stage/]
  ])('%j → exit 1 with %s', async (argv, message) => {
    const f = fakeIO()
    expect(await planCommand(argv as string[], f.io)).toBe(1)
    if (typeof message === 'string') expect(f.err()).toBe(message)
    else expect(f.err()).toMatch(message)
    expect(f.err()).not.toMatch(/\n\s+at /)
    expect(f.out()).toBe('')
  })

  test('bad usage exits 2 with the usage', async () => {
    const f = fakeIO()
    expect(await planCommand(['--wat'], f.io)).toBe(2)
    expect(f.err()).toContain('unknown option --wat')
    expect(f.err()).toContain('Usage: stagegate plan')
  })

  test('--help', async () => {
    const f = fakeIO()
    expect(await planCommand(['--help'], f.io)).toBe(0)
    expect(f.out()).toContain('A missing tester stage still exits 0')
  })

  test('the native platform feeds BUILDPLATFORM', async () => {
    FILES['/repo/plat.Dockerfile'] = 'FROM --platform=$BUILDPLATFORM img:$TARGETARCH AS tester\nFROM x\n'
    const f = fakeIO()
    expect(await planCommand(['-f', 'plat.Dockerfile', '--json'], f.io)).toBe(0)
    expect(JSON.parse(f.out()).stages[0]).toMatchObject({ platform: 'linux/arm64', base: 'img:arm64' })
  })
})

describe('main', () => {
  const io = () => {
    const out: string[] = []
    const err: string[] = []
    return {
      io: {
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void err.push(t),
        env: {},
        cwd: '/nowhere'
      },
      out,
      err
    }
  }

  test.each<[string[], number, 'out' | 'err', RegExp]>([
    [['--version'], 0, 'out', /^0\.\d+\.\d+\n$/],
    [['-h'], 0, 'out', /Usage: stagegate <command>[\s\S]*plan +show the stages/],
    [[], 2, 'err', /Usage: stagegate <command>/],
    [['deploy'], 2, 'err', /unknown command "deploy"/]
  ])('%j → %d', async (argv, code, stream, re) => {
    const f = io()
    expect(await main(argv, f.io)).toBe(code)
    expect((stream === 'out' ? f.out : f.err).join('')).toMatch(re)
  })

  test('dispatches to plan (lazily loaded)', async () => {
    const f = io()
    expect(await main(['plan', '-f', 'does-not-exist'], f.io)).toBe(1)
    expect(f.err.join('')).toBe('does-not-exist: cannot read the Dockerfile (ENOENT)\n')
  })

  test("a command's start runs with its arguments and env before the command is loaded", async () => {
    const f = io()
    const env = { DOCKER_HOST: 'unix:///x.sock' }
    const calls: string[] = []
    commands['probe-test'] = {
      summary: 'records its calls',
      start: async (argv, startEnv) => void calls.push(`start ${argv.join(' ')} ${startEnv.DOCKER_HOST}`),
      load: async () => {
        calls.push('load')
        return async argv => {
          calls.push(`run ${argv.join(' ')}`)
          return 0
        }
      }
    }
    try {
      expect(await main(['probe-test', '--builder', 'ci'], { ...f.io, env })).toBe(0)
    } finally {
      delete commands['probe-test']
    }
    expect(calls).toEqual(['start --builder ci unix:///x.sock', 'load', 'run --builder ci'])
  })

  test('run starts its probes before it loads; flags it cannot read start none and are reported', async () => {
    expect(typeof commands.run!.start).toBe('function')
    const f = io()
    expect(await main(['run', '--bogus'], { ...f.io, env: { PATH: '/nonexistent' } })).toBe(2)
    expect(f.err.join('')).toContain('Unknown option --bogus')
  })

  test('every command has a summary and a loader', () => {
    for (const c of Object.values(commands)) {
      expect(c.summary.length).toBeGreaterThan(0)
      expect(typeof c.load).toBe('function')
    }
  })

  test.each([
    ['x64', 'linux/amd64'],
    ['arm64', 'linux/arm64'],
    ['arm', 'linux/arm/v7'],
    ['ppc64', 'linux/ppc64le'],
    ['weird', 'linux/amd64']
  ])('native platform for %s is %s', (arch, platform) => {
    expect(nativePlatform(arch)).toBe(platform)
  })
})
