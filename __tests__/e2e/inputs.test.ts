// The inputs people pass every day (issue 8 §7), on the real engine: secrets in build-push-action's
// syntax, secret-files and secret-envs, the secret-mount check, tag validation, test-network, the
// first run of a registry cache, and the CLI's docker-style --secret.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, jest } from '@jest/globals'
import {
  copyExample,
  describe,
  DOCKER,
  onPath,
  ROOT,
  runAction,
  runProcess,
  stackTraceLines,
  test,
  uniqueRepo,
  type ActionRun
} from './harness.js'

jest.setTimeout(240_000)

const base = { network: 'none' }

/** A word no earlier run used: secrets are not part of BuildKit's cache key, so a step that reads one must not be CACHED. */
const fresh = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`

/** The greeter example with one of its Dockerfiles edited. */
function greeterWith(edit: (dockerfile: string) => string, name = 'Dockerfile'): string {
  const app = copyExample('greeter')
  const file = path.join(app, name)
  writeFileSync(file, edit(readFileSync(file, 'utf8')))
  return app
}

/** The greeter with `lines` added to its tester stage, after `COPY test/ ./test/` (line 14, so they start at 15). */
function greeterWithTesterLines(...lines: string[]): string {
  return greeterWith(d => d.replace('COPY test/ ./test/', ['COPY test/ ./test/', ...lines].join('\n')))
}

/** The log as the runner shows it: ::add-mask:: lines are read by the runner, never displayed. */
function shownLog(run: { stdout: string; stderr: string }): string {
  return [...run.stdout.split('\n').filter(l => !l.startsWith('::add-mask::')), run.stderr].join('\n')
}

/** Everything a user or a later step can read: the log, the job summary and every output. */
function everythingShown(run: ActionRun): string {
  return [shownLog(run), run.summary, JSON.stringify(run.outputs)].join('\n')
}

/** The run succeeded; on failure jest shows its error lines rather than a bare exit code. */
function expectSuccess(run: { code: number; stdout: string; stderr: string }): void {
  const errors = (run.stdout + run.stderr).split('\n').filter(l => /^(::error|error: )/.test(l))
  expect({ code: run.code, errors }).toEqual({ code: 0, errors: [] })
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A file the build wrote into the tester image (never a secret: its checksum or line count). */
async function readFromImage(image: string, file: string): Promise<string> {
  const read = await runProcess(DOCKER, [
    'run',
    '--rm',
    '--network',
    'none',
    '--entrypoint',
    'cat',
    image,
    file
  ])
  expect(read.stderr).toBe('')
  return read.stdout.trim()
}

function testerImageOf(metadataJson: string | undefined): string {
  const image = (JSON.parse(metadataJson ?? '{}') as { 'tester-image'?: string })['tester-image']
  expect(image).toBeTruthy()
  return image as string
}

/** Writes the checksum and line count (`grep -c ''` counts a last line without newline) of a mounted secret. */
function describeSecret(id: string): string {
  return `grep -c '' /run/secrets/${id} > /${id}.lines && sha256sum /run/secrets/${id} | cut -c1-64 > /${id}.sha256`
}

describe('secrets in build-push-action syntax', () => {
  test('a quoted two-line entry reaches RUN --mount as one secret with both lines, and is shown nowhere', async () => {
    const unique = fresh()
    const value = `registry=http://127.0.0.1:4873/\ncafile=/etc/ssl/x-${unique}.pem`
    const app = greeterWithTesterLines(
      `RUN --mount=type=secret,id=npmrc echo "run ${unique}" && ${describeSecret('npmrc')}`
    )
    // What `secrets: |` followed by a quoted entry of two lines gives the action.
    const run = await runAction({ ...base, context: app, secrets: `"npmrc=${value}"\n` })
    expectSuccess(run)
    const image = testerImageOf(run.outputs['run-metadata'])
    expect(await readFromImage(image, '/npmrc.lines')).toBe('2')
    expect(await readFromImage(image, '/npmrc.sha256')).toBe(sha256(value))
    // Split into two entries, the second line would have become a secret "cafile" no step mounts.
    expect(run.stdout).not.toMatch(/^::warning::Secret "/m)
    // The runner is told to hide the value and each of its lines; nothing else carries them.
    expect(run.stdout).toContain(`::add-mask::cafile=/etc/ssl/x-${unique}.pem`)
    for (const part of [value, `x-${unique}.pem`, 'registry=http://127.0.0.1:4873/'])
      expect(everythingShown(run)).not.toContain(part)
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })

  test('secret-files (id=path) and secret-envs (id=ENV_NAME) reach the build, their values masked', async () => {
    const unique = fresh()
    const fileValue = `//127.0.0.1:4873/:_authToken=file-${unique}\nalways-auth=true\n`
    const envValue = `env-token-${unique}`
    const secretFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'stagegate-npmrc-')), '.npmrc')
    writeFileSync(secretFile, fileValue, { mode: 0o600 })
    const app = greeterWithTesterLines(
      `RUN --mount=type=secret,id=npmrc --mount=type=secret,id=token echo "run ${unique}" && ${describeSecret('npmrc')} && ${describeSecret('token')}`
    )
    const run = await runAction(
      { ...base, context: app, 'secret-files': `npmrc=${secretFile}`, 'secret-envs': 'token=MY_TOKEN' },
      { env: { MY_TOKEN: envValue } }
    )
    expectSuccess(run)
    const image = testerImageOf(run.outputs['run-metadata'])
    expect(await readFromImage(image, '/npmrc.sha256')).toBe(sha256(fileValue))
    expect(await readFromImage(image, '/npmrc.lines')).toBe('2')
    expect(await readFromImage(image, '/token.sha256')).toBe(sha256(envValue))
    expect(run.stdout).toContain(`::add-mask::${envValue}`)
    expect(run.stdout).toContain(`::add-mask:://127.0.0.1:4873/:_authToken=file-${unique}`)
    for (const part of [envValue, `file-${unique}`]) expect(everythingShown(run)).not.toContain(part)
  })
})

describe('secrets checked against the Dockerfile before any build', () => {
  test.each([
    ['a typo in the id', 'npm_tokn=abcd1234', 'npm_tokn'],
    // The story of issue 8: a two-line .npmrc not quoted became two secrets, the second one "cafile".
    ['a two-line value not quoted', 'npmrc=registry=http://127.0.0.1:4873/\ncafile=/etc/ssl/x.pem', 'cafile']
  ])(
    'a secret no RUN --mount uses (%s): a warning naming it, before the first build',
    async (_name, secrets, unused) => {
      const app = greeterWithTesterLines(`RUN --mount=type=secret,id=npmrc echo "run ${fresh()}"`)
      const run = await runAction({ ...base, context: app, secrets })
      expectSuccess(run)
      const lines = run.stdout.split('\n')
      const warnings = lines.filter(l => l.startsWith('::warning::Secret '))
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^::warning::Secret "${unused}" is given, but no RUN --mount=type=secret in the stages this build needs \\(builder, tester, runtime\\) uses it\\. .*quoted entry`
          )
        )
      ])
      const firstBuild = lines.findIndex(l => l.startsWith('::group::Build the'))
      expect(firstBuild).toBeGreaterThan(lines.indexOf(warnings[0] as string))
    }
  )

  test('a required=true mount no secret feeds: the run stops before any build, naming the line and the id', async () => {
    const app = greeterWithTesterLines(
      'RUN --mount=type=secret,id=npm_token,required=true test -s /run/secrets/npm_token'
    )
    const run = await runAction({ ...base, context: app, secrets: 'npm_tokn=abcd1234' })
    expect(run.code).toBe(1)
    const errors = run.stdout.split('\n').filter(l => l.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /Dockerfile:15: stage "tester" mounts the secret "npm_token" with required=true, but no secret has that id/
    )
    expect(run.stdout).not.toContain('::group::Build the')
    expect(stackTraceLines(run.stdout + run.stderr)).toEqual([])
  })
})

describe('tags and cache-ref are checked before any build', () => {
  const repo = uniqueRepo('greeter')
  test.each([
    [
      'tags',
      { tags: '127.0.0.1:5000/Team/App:1', push: 'true' },
      '127.0.0.1:5000/Team/App:1',
      '127.0.0.1:5000/team/app:1'
    ],
    [
      'cache-ref',
      { tags: `${repo}:1`, cache: 'registry', 'cache-ref': '127.0.0.1:5000/Team/App:buildcache' },
      '127.0.0.1:5000/Team/App:buildcache',
      '127.0.0.1:5000/team/app:buildcache'
    ]
  ])(
    'an uppercase repository name in %s is refused, naming it and "lowercase"',
    async (input, inputs, given, lowered) => {
      const run = await runAction({ ...base, context: copyExample('greeter'), ...inputs })
      expect(run.code).toBe(1)
      const errors = run.stdout.split('\n').filter(l => l.startsWith('::error'))
      expect(errors).toEqual([
        `::error::Input "${input}": "${given}" is not an image reference: repository name must be lowercase (${lowered} would do).`
      ])
      expect(run.stdout).not.toContain('::group::Build the')
      expect(run.stdout + run.stderr).not.toContain("See 'docker build --help'")
    }
  )
})

describe('test-network', () => {
  test('network: host for the build, test-network: none for the test container', async () => {
    // The interfaces this machine's network namespace has: a host-network build sees these.
    const hostInterfaces = interfaces(readFileSync('/proc/net/dev', 'utf8'))
    expect(hostInterfaces).not.toEqual(['lo'])
    const list = `tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '`
    const app = greeterWith(
      d =>
        d.replace(
          'COPY test/ ./test/',
          `COPY test/ ./test/\nRUN echo "run ${fresh()}" && ${list} > /build-interfaces`
        ),
      'Dockerfile.test-command'
    )
    const run = await runAction({
      context: app,
      file: path.join(app, 'Dockerfile.test-command'),
      network: 'host',
      'test-network': 'none',
      // Passes only when the build saw more than lo and the test container sees lo alone.
      'test-command': `echo "build interfaces: $(cat /build-interfaces)"; t=$(${list}); echo "test interfaces: $t"; [ "$t" = "lo " ] && [ "$(cat /build-interfaces)" != "lo " ]`
    })
    expect(run.stdout).toContain(`build interfaces: ${hostInterfaces.join(' ')}`)
    expect(run.stdout).toMatch(/^test interfaces: lo $/m)
    expectSuccess(run)
    expect(run.outputs['test-outcome']).toBe('passed')
  })
})

/** Interface names of a /proc/net/dev text, sorted as busybox `sort` does in the C locale. */
function interfaces(procNetDev: string): string[] {
  return procNetDev
    .split('\n')
    .slice(2)
    .map(l => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean)
    .sort()
}

describe('cache: registry on its first run', () => {
  test('the missing cache is said to be expected, and a second run reads what the first one pushed', async () => {
    const app = greeterWithTesterLines(`RUN echo "run ${fresh()}"`)
    const repo = uniqueRepo('greeter')
    const inputs = {
      ...base,
      context: app,
      tags: `${repo}:1`,
      push: 'true',
      cache: 'registry',
      'cache-ref': `${repo}:buildcache`,
      // buildx-20's docker driver cannot export cache, and the docker-container builder stagegate
      // would create instead cannot start on this machine (privileged): keep the docker driver.
      'create-builder': 'false'
    }
    const first = await runAction(inputs)
    expectSuccess(first)
    // Every build reads both caches; on a first run the first read of each finds nothing. The
    // cache is written only once the tests passed, by a run that pushes.
    expect(cacheImports(first.stdout, `${repo}:buildcache-tester`)[0]).toBe('error')
    expect(cacheImports(first.stdout, `${repo}:buildcache-runtime`)[0]).toBe('error')
    for (const target of ['tester', 'runtime']) {
      expect(first.stdout).toContain(
        `Cache: no cache at ${repo}:buildcache-${target} yet: expected on the first run with this cache`
      )
    }
    // The build's own "not found" line is explained, not reported as a failure.
    expect(first.stdout).not.toMatch(/^::(error|warning)/m)

    const second = await runAction(inputs)
    expectSuccess(second)
    // Classic BuildKit pushed an inline-cache image and buildx on engine 26 exported the cache, so
    // the second run reads it; buildx's docker driver on engine 20.10 exports none (create-builder: false).
    const written = !onPath('buildx-20')
    for (const target of ['tester', 'runtime']) {
      const reads = cacheImports(second.stdout, `${repo}:buildcache-${target}`)
      expect(reads.length).toBeGreaterThanOrEqual(2)
      expect(new Set(reads)).toEqual(new Set([written ? 'done' : 'error']))
    }
    const note = `Cache: no cache at ${repo}:buildcache-tester yet`
    if (written) expect(second.stdout).not.toContain(note)
    else expect(second.stdout).toContain(note)
  })
})

/** How each build's import of a cache reference ended, from BuildKit's plain progress (`#N …`). */
function cacheImports(log: string, ref: string): Array<'done' | 'error' | 'unfinished'> {
  const lines = log.split('\n')
  const results: Array<'done' | 'error' | 'unfinished'> = []
  lines.forEach((line, i) => {
    const step = /^(#\d+) importing cache manifest from (.*)$/.exec(line)
    if (!step || step[2] !== ref) return
    // Step numbers restart with each build: the first DONE or ERROR of this step after this line.
    const end = lines
      .slice(i + 1)
      .find(l => l.startsWith(`${step[1]} DONE`) || l.startsWith(`${step[1]} ERROR`))
    results.push(end === undefined ? 'unfinished' : end.startsWith(`${step[1]} DONE`) ? 'done' : 'error')
  })
  return results
}

describe('stagegate run --secret (the CLI)', () => {
  test.each(['src=FILE', 'env=VAR'])(
    'id=npmrc,%s passes that content as secret "npmrc", not a secret named "id"',
    async form => {
      const unique = fresh()
      const value = `registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=cli-${unique}\n`
      const secretFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'stagegate-npmrc-')), '.npmrc')
      writeFileSync(secretFile, value, { mode: 0o600 })
      const app = greeterWithTesterLines(
        `RUN --mount=type=secret,id=npmrc,required=true echo "run ${unique}" && ${describeSecret('npmrc')}`
      )
      const cli = path.join(
        path.dirname(process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')),
        'cli/index.js'
      )
      const secret = form === 'src=FILE' ? `id=npmrc,src=${secretFile}` : 'id=npmrc,env=NPMRC_CONTENT'
      const run = await runProcess(
        process.execPath,
        [cli, 'run', '--context', app, '--network', 'none', '--secret', secret, '--quiet', '--json'],
        { env: { ...process.env, NPMRC_CONTENT: value } }
      )
      expect(run.stderr).not.toMatch(/Secret "id"/)
      expectSuccess(run)
      const outputs = JSON.parse(run.stdout) as Record<string, string>
      const image = testerImageOf(outputs['run-metadata'])
      expect(await readFromImage(image, '/npmrc.sha256')).toBe(sha256(value))
      expect(await readFromImage(image, '/npmrc.lines')).toBe('2')
      expect(run.stdout + run.stderr).not.toContain(`cli-${unique}`)
    }
  )
})
