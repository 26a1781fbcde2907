// Runs the bundled action the way the runner does: `node dist/index.js` in its own process, with
// INPUT_* variables, a GITHUB_OUTPUT file and a GITHUB_STEP_SUMMARY file.
//
// One jest run tests one builder path of the test bed (scripts/engine.sh up):
// STAGEGATE_E2E_PATH=classic|buildx-20|buildx-26 (default classic). Its env file (DOCKER_HOST,
// DOCKER_CONFIG, STAGEGATE_DOCKER) goes into every action run, every runProcess call and this
// process, so the action, DOCKER and in-process code all talk to that path's engine and client.
// A path that is not set up fails every suite under CI=true and is skipped (one line) otherwise:
// suites take `describe` and `test` from here, not from @jest/globals, for that.
import { describe as jestDescribe, test as jestTest } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { envFileOf, EXPECTED_BUILDER, parsePathName, pathSetup, type E2EPath } from './paths.js'

export { E2E_PATHS, loggedBuilder, type E2EPath } from './paths.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'

/** The builder path this jest run tests. */
export const E2E_PATH: E2EPath = parsePathName(process.env.STAGEGATE_E2E_PATH)
const ENV_FILE = envFileOf(E2E_PATH, process.env.STAGEGATE_ENGINE_STATE)
const SETUP = pathSetup(
  E2E_PATH,
  ENV_FILE,
  existsSync(ENV_FILE) ? readFileSync(ENV_FILE, 'utf8') : null,
  process.env.CI === 'true'
)
if (SETUP.state === 'fail') throw new Error(SETUP.message)
/** The path's DOCKER_HOST, DOCKER_CONFIG and STAGEGATE_DOCKER; empty when the path is skipped. */
export const PATH_ENV: Record<string, string> = SETUP.state === 'ready' ? SETUP.env : {}
// In-process code under test (measure, registry helpers) reads process.env: same engine.
Object.assign(process.env, PATH_ENV)
if (SETUP.state === 'skip') sayOnce(SETUP.message)

/** The docker client of this path: the one the action is forced to use (STAGEGATE_DOCKER). */
export const DOCKER = PATH_ENV.STAGEGATE_DOCKER ?? process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'
/** The builder kind the action logs on this path ("Builder: buildkit: ..." or "Builder: buildx: ..."). */
export const BUILDER_KIND = EXPECTED_BUILDER[E2E_PATH]

/** True on the named paths: for behaviour that differs by path, e.g. `if (onPath('buildx-26'))`. */
export function onPath(...names: E2EPath[]): boolean {
  return names.includes(E2E_PATH)
}

/** jest's describe and test, skipped as a whole when this run's path is not set up. */
export const describe: typeof jestDescribe = SETUP.state === 'ready' ? jestDescribe : skippedDescribe()
export const test: typeof jestTest = SETUP.state === 'ready' ? jestTest : skippedTest()

// Every variant a suite may call (test.each, test.failing, describe.only, ...) maps to a skip.
function skippedTest(): typeof jestTest {
  const skip = jestTest.skip
  const variant = <T extends object>(extra: T) =>
    Object.assign((...args: Parameters<typeof skip>) => skip(...args), extra)
  const base = { each: skip.each, failing: skip.failing }
  return variant({
    ...base,
    only: variant(base),
    skip: variant(base),
    todo: jestTest.todo,
    concurrent: variant({ each: skip.each, only: variant(base), skip: variant(base) })
  }) as unknown as typeof jestTest
}

function skippedDescribe(): typeof jestDescribe {
  const skip = jestDescribe.skip
  const variant = () =>
    Object.assign((...args: Parameters<typeof skip>) => skip(...args), { each: skip.each })
  return Object.assign(variant(), { only: variant(), skip: variant() }) as unknown as typeof jestDescribe
}

/**
 * Prints the skip reason once per jest run, not once per suite: every suite file imports this
 * module in its own context, so a marker file keyed by the jest process says "already said".
 */
function sayOnce(message: string): void {
  // Child-process workers are children of the jest process; in band, this is the jest process.
  const jestPid = typeof process.send === 'function' ? process.ppid : process.pid
  const dir = path.join(os.tmpdir(), 'stagegate-e2e-skips')
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, `${jestPid}-${E2E_PATH}`), message, { flag: 'wx' })
  } catch {
    return
  }
  process.stderr.write(`skipping the e2e suites: ${message}\n`)
}

export interface ActionRun {
  /** The run's RUNNER_TEMP (where it writes its secret files). */
  runnerTemp: string
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Parses the runner's `name<<DELIMITER` output file format. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    outputs[name as string] = value.join('\n')
  }
  return outputs
}

export function runProcess(
  command: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv
    cwd?: string
    /** Called on every chunk of stdout, with all of it so far: to signal the process mid-run. */
    onStdout?: (stdout: string, child: ChildProcess) => void
  } = {}
): Promise<{ code: number; stdout: string; stderr: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...(options.env ?? process.env), ...PATH_ENV },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      options.onStdout?.(stdout, child)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? 1, stdout, stderr, signal }))
  })
}

export async function runAction(
  inputs: Record<string, string>,
  options: {
    cwd?: string
    env?: Record<string, string>
    onStdout?: (stdout: string, child: ChildProcess) => void
  } = {}
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-e2e-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    ...PATH_ENV,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  // STAGEGATE_DIST runs a private bundle (e.g. `npx ncc build src/index.ts -o /tmp/x`) instead of dist/.
  const bundle = process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')
  const result = await runProcess(process.execPath, [bundle], {
    env,
    cwd: options.cwd ?? ROOT,
    onStdout: options.onStdout
  })
  // Kept beside the outputs, so a failed assertion can be read against the whole log afterwards.
  writeFileSync(path.join(dir, 'stdout'), result.stdout)
  writeFileSync(path.join(dir, 'stderr'), result.stderr)
  return {
    ...result,
    runnerTemp: dir,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8')
  }
}

/** A fresh copy of an example app, so a test can change it without touching the repository. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stagegate-${name}-`))
  cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true })
  return dir
}

/** A repository name no other test uses, so registry assertions see only this test's pushes. */
export function uniqueRepo(name: string): string {
  return `${REGISTRY}/e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/${name}`
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/** The registry's own answer for a tag: status, digest header and manifest JSON. */
export async function registryManifest(
  reference: string
): Promise<{ status: number; digest: string | null; manifest: Record<string, unknown> | null }> {
  const withoutHost = reference.slice(REGISTRY.length + 1)
  // `name@sha256:…` names a manifest by digest, `name:tag` by tag.
  const at = withoutHost.indexOf('@')
  const colon = withoutHost.lastIndexOf(':')
  const name = at >= 0 ? withoutHost.slice(0, at) : withoutHost.slice(0, colon)
  const tag = at >= 0 ? withoutHost.slice(at + 1) : withoutHost.slice(colon + 1)
  const response = await fetch(`http://${REGISTRY}/v2/${name}/manifests/${tag}`, {
    headers: { Accept: MANIFEST_TYPES }
  })
  if (response.status !== 200) {
    // Read to the end: an unread body keeps its connection (and jest) alive.
    await response.arrayBuffer()
    return { status: response.status, digest: null, manifest: null }
  }
  return {
    status: 200,
    digest: response.headers.get('docker-content-digest'),
    manifest: (await response.json()) as Record<string, unknown>
  }
}

/** Lines that show a JavaScript stack trace leaked to the user. */
export function stackTraceLines(text: string): string[] {
  return text.split('\n').filter(line => /^\s+at .+(\.js|\.ts):\d+:\d+\)?$/.test(line))
}

/** `::error` annotations as the runner reads them: title, file, line and message. */
export function annotations(
  run: ActionRun
): Array<{ title?: string; file?: string; line?: string; message: string }> {
  const decode = (v: string) =>
    v
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%0A/g, '\n')
      .replace(/%0D/g, '\r')
      .replace(/%25/g, '%')
  return run.stdout
    .split('\n')
    .map(l => /^::error(?: ([^:]*))?::(.*)$/.exec(l))
    .filter(m => m !== null)
    .map(m => {
      const props = Object.fromEntries(
        (m[1] ?? '')
          .split(',')
          .filter(Boolean)
          .map(p => [p.slice(0, p.indexOf('=')), decode(p.slice(p.indexOf('=') + 1))])
      ) as { title?: string; file?: string; line?: string }
      return { ...props, message: decode(m[2] ?? '') }
    })
}
