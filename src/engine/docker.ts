import { exec } from '@actions/exec'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { accessSync, constants, realpathSync } from 'node:fs'
import type { Readable } from 'node:stream'
import path from 'node:path'
import { childPidsRunning, isCancelled, processTree } from '../cancel.js'
import { UserError } from '../errors.js'
import { chooseBuilder, type BuilderChoice, type ClientProbe } from './builder.js'
import { engineGet, engineSocket } from './api.js'
import { dockerCall, findBuildxPlugin, type DockerCall } from './plugin.js'

export interface RunResult {
  exitCode: number
  stdout: string
  /** The newest lines of stdout and stderr together, in arrival order. */
  tail: string[]
  /** The whole of stderr, with `captureStderr` (an error message to quote exactly). */
  stderr?: string
}

export interface RunOptions {
  env?: Record<string, string>
  /** Called for every output line (stdout and stderr), e.g. to stream the build log. */
  onLine?: (line: string) => void
  /** Bytes for standard input. */
  input?: string
  tailLines?: number
  /**
   * Keep the whole of stdout (`stdout` of the result). False for builds and the test command,
   * whose output can be gigabytes: they are read line by line (onLine) and their tail is kept.
   */
  captureStdout?: boolean
  /** Keep the whole of stderr (`stderr` of the result); false by default (build logs are large). */
  captureStderr?: boolean
  /** A cleanup of a cancelled run (removing the test container) may still run docker. */
  duringCancel?: boolean
  /**
   * Stops this command alone (SIGINT, as Ctrl-C: a build whose client goes away is cancelled by
   * BuildKit), e.g. the runtime build once the tests failed. A command not yet started is not.
   */
  signal?: AbortSignal
}

/** The exit code of a docker command a cancelled run did not start. */
export const CANCELLED_EXIT = 130

/**
 * Runs a process and collects its output. Never throws on a non-zero exit: the caller decides
 * what a failure means (a failing test is not an error of stagegate's).
 */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  // A cancelled run starts nothing new: what it started is being stopped, and nothing may be
  // pushed afterwards. The docker commands the cleanups need are the exception (`force`).
  if ((isCancelled() && !options.duringCancel) || options.signal?.aborted) {
    return { exitCode: CANCELLED_EXIT, stdout: '', tail: ['stagegate: cancelled, not started'] }
  }
  // The abort may come while exec is still resolving the executable: look again until it ends.
  let stopping: NodeJS.Timeout | undefined
  const stop = (): void => {
    const signalled = new Set<number>()
    const kill = (): void => {
      for (const pid of childPidsRunning(args).flatMap(child => processTree(child))) {
        if (signalled.has(pid)) continue
        signalled.add(pid)
        try {
          process.kill(pid, 'SIGINT')
        } catch {
          // ended meanwhile
        }
      }
    }
    kill()
    stopping = setInterval(kill, 100)
  }
  options.signal?.addEventListener('abort', stop, { once: true })
  const keep = options.tailLines ?? 400
  const tail: string[] = []
  const stdoutChunks: Buffer[] = []
  const stderrChunks: Buffer[] = []
  const onLine = (line: string): void => {
    tail.push(line.replace(/\r$/, ''))
    if (tail.length > keep) tail.shift()
    options.onLine?.(line)
  }
  try {
    const exitCode = await exec(command, args, {
      silent: true,
      ignoreReturnCode: true,
      env: { ...(process.env as Record<string, string>), ...options.env },
      input: options.input === undefined ? undefined : Buffer.from(options.input),
      listeners: {
        stdout: chunk => {
          if (options.captureStdout !== false) stdoutChunks.push(chunk)
        },
        stderr: chunk => {
          if (options.captureStderr) stderrChunks.push(chunk)
        },
        stdline: onLine,
        errline: onLine
      }
    })
    while (tail.length > 0 && tail[tail.length - 1] === '') tail.pop()
    return {
      exitCode,
      stdout: Buffer.concat(stdoutChunks).toString('utf8'),
      tail,
      ...(options.captureStderr ? { stderr: Buffer.concat(stderrChunks).toString('utf8') } : {})
    }
  } catch (error) {
    throw notFound(command, error)
  } finally {
    options.signal?.removeEventListener('abort', stop)
    clearInterval(stopping)
  }
}

function notFound(command: string, error: unknown): unknown {
  if (/Unable to locate executable|ENOENT/.test(String(error))) {
    return new UserError(`${command} was not found: is Docker installed?`)
  }
  return error
}

export interface StreamResult<T> {
  exitCode: number
  stderr: string
  /** What `consume` returned; absent when it threw (the error is `error`). */
  value?: T
  error?: unknown
}

/**
 * Runs a process whose stdout is data rather than lines (`docker save`: gigabytes of tar), handing
 * the stream to `consume`, which reads it with backpressure (@actions/exec's listeners have none).
 * The same rules as `run`: nothing starts after a cancel (the cancel stops what is running), a
 * non-zero exit is the caller's to judge. A `consume` that throws stops the process.
 */
export async function runStream<T>(
  command: string,
  args: string[],
  consume: (stdout: Readable) => Promise<T>
): Promise<StreamResult<T>> {
  if (isCancelled()) return { exitCode: CANCELLED_EXIT, stderr: 'stagegate: cancelled, not started' }
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: Buffer[] = []
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  // A failed spawn rejects `spawned` and `closed` alike; the former tells.
  const closed = (once(child, 'close') as Promise<[number | null]>).catch((): [null] => [null])
  try {
    await spawned
  } catch (error) {
    throw notFound(command, error)
  }
  let value: T | undefined
  let failure: { error: unknown } | null = null
  try {
    value = await consume(child.stdout)
  } catch (error) {
    failure = { error }
    child.kill()
  }
  const [code] = await closed
  const result: StreamResult<T> = {
    exitCode: code ?? 1,
    stderr: Buffer.concat(stderr).toString('utf8')
  }
  return failure ? { ...result, error: failure.error } : { ...result, value: value as T }
}

/** Every distinct `docker` executable on PATH, in PATH order (symlinks to the same file count once). */
export function dockerClientsOnPath(pathVariable = process.env.PATH ?? ''): string[] {
  const found: string[] = []
  const seen = new Set<string>()
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, 'docker')
    try {
      accessSync(candidate, constants.X_OK)
      const real = realpathSync(candidate)
      if (seen.has(real)) continue
      seen.add(real)
      found.push(candidate)
    } catch {
      // not there, or not executable
    }
  }
  return found
}

/**
 * The few docker commands a run asks once about the engine and the builder (versions, `info`,
 * `buildx inspect`), each started once: a run starts them all together at its start, and each
 * step takes its answer when it gets there.
 */
export class Probes {
  private readonly answers = new Map<string, Promise<RunResult>>()
  private readonly statuses = new Map<string, Promise<string>>()
  private engineVersion: Promise<string | null> | null = null

  /** `socket`: the engine's API socket (src/engine/api.ts), asked instead of `docker info`. */
  constructor(private readonly socket: string | null = null) {}

  /** Whether the engine's API socket is known (the engine may still not answer there). */
  get hasApi(): boolean {
    return this.socket !== null
  }

  run(call: DockerCall): Promise<RunResult> {
    const key = JSON.stringify([call.command, ...call.args])
    let answer = this.answers.get(key)
    if (!answer) {
      answer = run(call.command, call.args, call.env ? { env: call.env } : {})
      this.answers.set(key, answer)
      // Asked early, maybe never awaited (another client was chosen, the Dockerfile was wrong).
      answer.catch(() => undefined)
    }
    return answer
  }

  /**
   * `docker info`'s DriverStatus as JSON (the image store): from the engine's API when its socket
   * is known, without a docker process; else, or when the API does not answer, from `client`.
   */
  driverStatus(client: string): Promise<string> {
    let status = this.statuses.get(client)
    if (!status) {
      const cli = (): Promise<string> =>
        this.run(dockerCall(client, null, DRIVER_STATUS_ARGS)).then(r => (r.exitCode === 0 ? r.stdout : ''))
      status = this.socket
        ? engineGet(this.socket, '/info')
            .then(a => {
              if (a.status !== 200) return cli()
              return JSON.stringify((JSON.parse(a.body) as { DriverStatus?: unknown }).DriverStatus ?? null)
            })
            .catch(cli)
        : cli()
      this.statuses.set(client, status)
      status.catch(() => undefined)
    }
    return status
  }

  /**
   * The engine's version from its API (`GET /version`), without a docker process; null when the
   * socket is not known or the engine does not answer there (the docker CLI is asked then, and
   * says why). Docker's `Server.Version` is this same field.
   */
  serverVersion(): Promise<string | null> {
    if (!this.engineVersion) {
      const socket = this.socket
      this.engineVersion = socket
        ? engineGet(socket, '/version')
            .then(a => {
              if (a.status !== 200) return null
              const version = (JSON.parse(a.body) as { Version?: unknown }).Version
              return typeof version === 'string' && version !== '' ? version : null
            })
            .catch(() => null)
        : Promise.resolve(null)
    }
    return this.engineVersion
  }
}

const BUILDX_VERSION_ARGS = ['buildx', 'version']
const VERSION_ARGS = ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}']
const DRIVER_STATUS_ARGS = ['info', '--format', '{{json .DriverStatus}}']
export const buildxInspectArgs = (name: string): string[] => ['buildx', 'inspect', ...(name ? [name] : [])]

/** The docker clients a run considers: STAGEGATE_DOCKER alone when set, else those on PATH. */
export function candidateClients(env: NodeJS.ProcessEnv): string[] {
  const forced = env.STAGEGATE_DOCKER?.trim()
  return forced ? [forced] : dockerClientsOnPath(env.PATH)
}

/**
 * Starts every probe a run will ask, side by side, before the Dockerfile is even read: buildx's
 * version and the engine's, and, when the buildx plugin is where docker looks, the builder
 * (`buildx inspect [name]`) and the image store. With the plugin, the engine's version comes from
 * its API socket (the client's is only needed without buildx); without it the run is most likely
 * classic: `docker version` gives both, and the builder's probes wait until buildx answered.
 * The probes the entry point started for the same docker (`probeAtStart`) are taken over.
 */
export function probeEarly(env: NodeJS.ProcessEnv, builderName: string): Probes {
  const key = probeKey(env, builderName)
  const started = atStart
  atStart = null
  if (started && started.key === key) return started.probes
  const probes = new Probes(engineSocket(env))
  const plugin = findBuildxPlugin(env)
  if (plugin) void probes.serverVersion()
  for (const client of candidateClients(env)) {
    void probes.run(dockerCall(client, plugin, BUILDX_VERSION_ARGS))
    if (asksDockerVersion(plugin, probes)) void probes.run(dockerCall(client, null, VERSION_ARGS))
    if (!plugin) continue
    void probes.run(dockerCall(client, plugin, buildxInspectArgs(builderName)))
    void probes.driverStatus(client)
  }
  return probes
}

/** `docker version` is started at once unless buildx's plugin and the engine's API may answer. */
function asksDockerVersion(plugin: string | null, probes: Probes): boolean {
  return !plugin || !probes.hasApi
}

let atStart: { key: string; probes: Probes } | null = null

/** What makes two runs' probes the same: the docker they find and the builder they name. */
function probeKey(env: NodeJS.ProcessEnv, builderName: string): string {
  const docker = ['STAGEGATE_DOCKER', 'PATH', 'HOME', 'DOCKER_CONFIG', 'DOCKER_HOST', 'DOCKER_CONTEXT']
  return JSON.stringify([builderName, ...docker.map(name => env[name] ?? null)])
}

/**
 * Started by the entry point before the rest of the action is even loaded (~0.15 s of JavaScript
 * on a 2-core runner, which the docker processes then overlap): the next `probeEarly` for the
 * same docker and builder takes these over, once.
 */
export function probeAtStart(env: NodeJS.ProcessEnv, builderName: string): void {
  atStart = null
  const probes = probeEarly(env, builderName)
  atStart = { key: probeKey(env, builderName), probes }
}

async function probeClient(client: string, plugin: string | null, probes: Probes): Promise<ClientProbe> {
  // `docker version` gives both versions (it exits non-zero when the engine is down but still
  // prints the client's). With buildx only the engine's version matters, which its API gives.
  const cliVersion = (): Promise<RunResult | null> =>
    probes.run(dockerCall(client, null, VERSION_ARGS)).catch(() => null)
  const early = asksDockerVersion(plugin, probes) ? cliVersion() : null
  const [buildx, apiVersion] = await Promise.all([
    probes.run(dockerCall(client, plugin, BUILDX_VERSION_ARGS)).catch(() => null),
    plugin ? probes.serverVersion() : null
  ])
  const buildxVersion =
    buildx && buildx.exitCode === 0 ? (/\bv?\d+\.\d+\.\d+\S*/.exec(buildx.stdout)?.[0] ?? 'unknown') : null
  if (buildxVersion && apiVersion) {
    return {
      path: client,
      clientVersion: null,
      buildxVersion,
      buildxPlugin: plugin,
      serverVersion: apiVersion
    }
  }
  const version = await (early ?? cliVersion())
  const [clientVersion = '', serverVersion = ''] = (version?.stdout.trim().split('\n')[0] ?? '').split('|')
  const serverError = version?.tail
    .filter(l => l.trim() !== '' && !l.includes('|'))
    .slice(-3)
    .join(' ')
  return {
    path: client,
    clientVersion: clientVersion.trim() || null,
    buildxVersion,
    buildxPlugin: buildxVersion ? plugin : null,
    serverVersion: serverVersion.trim() || null,
    serverError
  }
}

/**
 * Probes the docker clients (STAGEGATE_DOCKER first when set) and picks the builder.
 * Also checks that the engine answers, so a stopped daemon is reported before any build.
 */
export async function detectBuilder(
  env: NodeJS.ProcessEnv = process.env,
  probes: Probes = new Probes()
): Promise<BuilderChoice> {
  const clients = candidateClients(env)
  if (clients.length === 0) {
    throw new UserError(
      'No docker client was found on PATH. Install Docker, or set STAGEGATE_DOCKER to its path.'
    )
  }
  const plugin = findBuildxPlugin(env)
  const answers = await Promise.all(clients.map(client => probeClient(client, plugin, probes)))
  const choice = chooseBuilder(answers)
  const chosen = answers.find(p => p.path === choice.client)
  if (!chosen?.serverVersion) {
    const why = chosen?.serverError || 'no answer'
    throw new UserError(
      `The Docker engine does not answer (${choice.client} version: ${why}). Start it, then run again.`
    )
  }
  return { ...choice, serverVersion: chosen.serverVersion }
}
