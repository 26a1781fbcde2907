import { describe, expect, test } from '@jest/globals'
import { outputLine, runCommand } from '../../../src/commands/run.js'
import { parseRunArgs } from '../../../src/commands/run-args.js'
import { UserError } from '../../../src/errors.js'

const inputs = (...argv: string[]) => parseRunArgs(argv).inputs

describe('flags are action inputs', () => {
  test.each([
    [['--context', 'app'], { context: 'app' }],
    [['-f', 'Dockerfile.ci'], { file: 'Dockerfile.ci' }],
    [['--file=Dockerfile.ci'], { file: 'Dockerfile.ci' }],
    [['-t', 'app:1'], { tags: 'app:1' }],
    [['--tag', 'app:1'], { tags: 'app:1' }],
    [['--tags', 'app:1'], { tags: 'app:1' }],
    [['--tag=localhost:5000/app:1'], { tags: 'localhost:5000/app:1' }],
    [['--build-arg', 'VERSION=1.2'], { 'build-args': 'VERSION=1.2' }],
    [['--build-arg=A=b=c'], { 'build-args': 'A=b=c' }],
    [['--secret', 'npm=token'], { secrets: 'npm=token' }],
    [['--label', 'org.opencontainers.image.source=x'], { labels: 'org.opencontainers.image.source=x' }],
    [['--platform', 'linux/arm64'], { platforms: 'linux/arm64' }],
    [['--test-command', 'npm test -- --ci'], { 'test-command': 'npm test -- --ci' }],
    [['--test-target', 'none', '--target', 'runtime'], { 'test-target': 'none', target: 'runtime' }],
    [['--max-increase', '10%'], { 'max-increase': '10%' }]
  ])('%j → %j', (argv, expected) => expect(inputs(...argv)).toEqual(expected))
})

describe('repeatable inputs are joined with newlines', () => {
  test.each([
    [['-t', 'a:1', '--tag', 'a:2', '--tags=a:3'], { tags: 'a:1\na:2\na:3' }],
    [['--build-arg', 'A=1', '--build-arg', 'B=2'], { 'build-args': 'A=1\nB=2' }],
    [['--secret', 'a=1', '--secret', 'b=2'], { secrets: 'a=1\nb=2' }],
    [
      ['--cache-from', 'type=gha,scope=a', '--cache-from', 'type=gha,scope=b'],
      { 'cache-from': 'type=gha,scope=a\ntype=gha,scope=b' }
    ]
  ])('%j → %j', (argv, expected) => expect(inputs(...argv)).toEqual(expected))
})

describe('booleans', () => {
  test.each([
    [['--push'], { push: 'true' }],
    [['--push', 'true'], { push: 'true' }],
    [['--push', 'false'], { push: 'false' }],
    [['--push=true'], { push: 'true' }],
    [['--push=false'], { push: 'false' }],
    [['--push', '-t', 'app:1'], { push: 'true', tags: 'app:1' }],
    [['--no-cache', '--pull'], { 'no-cache': 'true', pull: 'true' }],
    [['--create-builder', 'false', '--push'], { 'create-builder': 'false', push: 'true' }]
  ])('%j → %j', (argv, expected) => expect(inputs(...argv)).toEqual(expected))
})

describe('options of the command itself', () => {
  test('defaults: log streamed, outputs as lines, no summary file', () => {
    expect(parseRunArgs([])).toEqual({ inputs: {}, json: false, quiet: false, summaryFile: null })
  })

  test.each([
    [['--summary', 'out.md'], { summaryFile: 'out.md' }],
    [['--summary=out/report.md'], { summaryFile: 'out/report.md' }],
    [['--json'], { json: true }],
    [['--quiet'], { quiet: true }],
    [['--json', '--quiet', '--push'], { json: true, quiet: true, inputs: { push: 'true' } }]
  ])('%j → %j', (argv, expected) => expect(parseRunArgs(argv)).toMatchObject(expected))

  test('the summary file is not an action input', () => {
    expect(parseRunArgs(['--summary', 'out.md']).inputs).toEqual({})
  })
})

describe('mistakes get one clear message', () => {
  test.each([
    [['--bogus'], 'Unknown option --bogus. See stagegate run --help.'],
    [['--tags-x', 'a'], 'Unknown option --tags-x. See stagegate run --help.'],
    [['-x'], 'Unknown option -x. See stagegate run --help.'],
    [['--target'], '--target needs a value.'],
    [['-t'], '-t needs a value.'],
    [['--summary'], '--summary needs a file name.'],
    [['--target', 'a', '--target', 'b'], '--target was given twice; it takes one value.'],
    [['--file', 'a', '-f', 'b'], '-f was given twice; it takes one value.'],
    [['--push', '--push=false'], '--push was given twice; it takes one value.'],
    [['stray'], 'Unexpected argument "stray". See stagegate run --help.'],
    [['--push', 'yes'], 'Unexpected argument "yes". See stagegate run --help.'],
    [['-t', 'a', 'b'], 'Unexpected argument "b". See stagegate run --help.']
  ])('%j: %s', (argv, message) => {
    let thrown: unknown
    try {
      parseRunArgs(argv)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UserError)
    expect((thrown as Error).message).toBe(message)
  })
})

describe('outputLine', () => {
  test.each([
    ['digest', 'sha256:abc', 'sha256:abc'],
    ['tags', 'a:1\nb:2', '"a:1\\nb:2"'],
    ['report', '# r\n\nbody', '(markdown, 3 lines: --summary FILE writes it, --json prints it)'],
    ['report', '', '']
  ])('%s=%j prints as %s', (name, value, line) => {
    expect(outputLine(name, value)).toBe(line)
  })
})

describe('runCommand usage errors', () => {
  test('an unknown flag is a usage error (exit 2) with a clear message, not an internal error', async () => {
    const err: string[] = []
    const code = await runCommand(['--bogus'], {
      stdout: () => undefined,
      stderr: t => err.push(t),
      env: {},
      cwd: '/'
    })
    expect(code).toBe(2)
    expect(err.join('')).toBe('stagegate run: Unknown option --bogus. See stagegate run --help.\n')
  })
})
