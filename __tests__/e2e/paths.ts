// The test bed's builder paths (scripts/engine.sh): which one a jest run uses, and what to do when
// it is not set up. Pure, so the unit suite can test it without an engine.
import path from 'node:path'

export const E2E_PATHS = ['classic', 'buildx-20', 'buildx-26'] as const
export type E2EPath = (typeof E2E_PATHS)[number]

/** The builder kind the action must log ("Builder: KIND: ...") on each path. */
export const EXPECTED_BUILDER: Record<E2EPath, 'buildkit' | 'buildx'> = {
  classic: 'buildkit',
  'buildx-20': 'buildx',
  'buildx-26': 'buildx'
}

/** The variables an env file may set; anything else in it is a mistake, not configuration. */
export const PATH_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONFIG', 'STAGEGATE_DOCKER'] as const

/** STAGEGATE_E2E_PATH, classic when unset (what a plain `npm run test:e2e` meant before paths). */
export function parsePathName(value: string | undefined): E2EPath {
  const name = (value ?? '').trim() || 'classic'
  if ((E2E_PATHS as readonly string[]).includes(name)) return name as E2EPath
  throw new Error(`STAGEGATE_E2E_PATH=${name} is not a test bed path: use one of ${E2E_PATHS.join(', ')}.`)
}

export function envFileOf(name: E2EPath, stateDir = '/tmp/stagegate-engine'): string {
  return path.join(stateDir, 'paths', `${name}.env`)
}

/** KEY=VALUE lines as scripts/engine.sh writes them; comments and blank lines are skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match) env[match[1] as string] = (match[2] as string).trim()
  }
  return env
}

export type PathSetup =
  | { state: 'ready'; env: Record<string, string> }
  | { state: 'skip'; message: string }
  | { state: 'fail'; message: string }

/**
 * What the suite does on a path: run with its env, skip with one line (a developer without
 * Debian's packages), or fail (CI must run every path; a missing one hides a broken setup).
 * `text` is the env file's content, null when there is none.
 */
export function pathSetup(name: E2EPath, file: string, text: string | null, ci: boolean): PathSetup {
  const env = text === null ? null : parseEnvFile(text)
  const missing = env === null ? [] : PATH_VARIABLES.filter(v => !env[v])
  if (env !== null && missing.length === 0) return { state: 'ready', env }
  const why =
    env === null
      ? `${name} path not set up (no ${file}): run scripts/engine.sh up ${name}`
      : `${name} path not set up (${file} lacks ${missing.join(', ')}): run scripts/engine.sh up ${name}`
  return ci
    ? { state: 'fail', message: `${why}. Under CI every path must run.` }
    : { state: 'skip', message: why }
}

/** The builder kind from the action's "Builder: KIND: reason." log line, null when absent. */
export function loggedBuilder(stdout: string): string | null {
  return /^Builder: ([a-z-]+):/m.exec(stdout)?.[1] ?? null
}
