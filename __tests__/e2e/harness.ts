// Runs the bundled action the way the runner does: `node dist/index.js` in its own process, with
// INPUT_* variables, a GITHUB_OUTPUT file and a GITHUB_STEP_SUMMARY file.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
export const DOCKER = process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'

export interface ActionRun {
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
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', code => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

export async function runAction(
  inputs: Record<string, string>,
  options: { cwd?: string; env?: Record<string, string> } = {}
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
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  // STAGEGATE_DIST runs a private bundle (e.g. `npx ncc build src/index.ts -o /tmp/x`) instead of dist/.
  const bundle = process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')
  const result = await runProcess(process.execPath, [bundle], {
    env,
    cwd: options.cwd ?? ROOT
  })
  return {
    ...result,
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
  const colon = withoutHost.lastIndexOf(':')
  const name = withoutHost.slice(0, colon)
  const tag = withoutHost.slice(colon + 1)
  const response = await fetch(`http://${REGISTRY}/v2/${name}/manifests/${tag}`, {
    headers: { Accept: MANIFEST_TYPES }
  })
  if (response.status !== 200) return { status: response.status, digest: null, manifest: null }
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
