// A small read-only client for the OCI distribution API: image references, token/basic auth,
// manifests and blobs. Only what measuring needs; node's global fetch, no dependencies.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { UserError } from '../errors.js'
import { splitReference } from '../reference.js'

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
} as const

/** Every manifest shape we can measure, most specific first (sent as the Accept header). */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest
].join(', ')

const DOCKER_HUB = 'docker.io'
const DOCKER_HUB_API = 'registry-1.docker.io'

export interface ImageReference {
  /** Registry host as written (with port), `docker.io` for Docker Hub. */
  registry: string
  /** Repository path inside the registry, e.g. `library/alpine` or `o/r`. */
  repository: string
  /** Tag, or null when only a digest was given. `latest` when neither was. */
  tag: string | null
  digest: string | null
  /** `registry/repository` as people write it (Docker Hub's `docker.io/library/x` kept in full). */
  name: string
}

export class RegistryError extends UserError {
  constructor(message: string) {
    super(message)
    this.name = 'RegistryError'
  }
}

const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/

/**
 * Parse an image reference the way docker does: the first path component is a registry when it
 * has a dot or a colon or is `localhost`; otherwise the image is on Docker Hub (`library/` for
 * one-component names). Throws RegistryError naming the reference when it is malformed.
 */
export function parseImageReference(reference: string): ImageReference {
  const invalid = (why: string): RegistryError =>
    new RegistryError(`Invalid image reference "${reference}": ${why}.`)
  const trimmed = reference.trim()
  if (!trimmed) throw invalid('it is empty')
  const { name, tag: written, digest } = splitReference(trimmed)
  if (digest !== null && !DIGEST.test(digest))
    throw invalid(`"${digest}" is not a digest (expected sha256:<hex>)`)
  if (written !== null && !TAG.test(written)) throw invalid(`"${written}" is not a valid tag`)
  let tag = written
  const parts = name.split('/')
  let registry = DOCKER_HUB
  const first = parts[0] ?? ''
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first
    parts.shift()
  }
  if (registry === 'index.docker.io' || registry === DOCKER_HUB_API) registry = DOCKER_HUB
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library')
  for (const part of parts) {
    if (!PATH_COMPONENT.test(part)) throw invalid(`"${part}" is not a valid repository name component`)
  }
  if (tag === null && digest === null) tag = 'latest'
  const repository = parts.join('/')
  return { registry, repository, tag, digest, name: `${registry}/${repository}` }
}

/** `name:tag@digest` as docker prints it. */
export function formatReference(ref: ImageReference): string {
  return `${ref.name}${ref.tag === null ? '' : `:${ref.tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`
}

/** dockerd talks plain HTTP to loopback registries without configuration; so do we. */
export function isPlainHttpHost(registry: string): boolean {
  const host = registry.startsWith('[')
    ? registry.slice(1, registry.indexOf(']'))
    : registry.replace(/:\d+$/, '')
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Base URL of the registry's API (Docker Hub's API lives on another host). */
export function registryBaseUrl(registry: string): string {
  const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry
  return `${isPlainHttpHost(registry) ? 'http' : 'https'}://${host}`
}

export interface AuthChallenge {
  scheme: 'bearer' | 'basic'
  params: Record<string, string>
}

/** Parse `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (or `Basic realm=…`). */
export function parseAuthChallenge(header: string | null): AuthChallenge | null {
  if (!header) return null
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header)
  if (!match) return null
  const scheme = (match[1] ?? '').toLowerCase()
  if (scheme !== 'bearer' && scheme !== 'basic') return null
  const params: Record<string, string> = {}
  const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g
  for (let m = param.exec(match[2] ?? ''); m; m = param.exec(match[2] ?? '')) {
    params[(m[1] ?? '').toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')
  }
  return { scheme, params }
}

export interface Credentials {
  username: string
  password: string
}

/** The host part of a docker config `auths` key (`https://index.docker.io/v1/` → `docker.io`). */
export function normalizeAuthKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase()
  return host === 'index.docker.io' || host === DOCKER_HUB_API ? DOCKER_HUB : host
}

/**
 * Basic credentials for `registry` from a parsed docker config.json (`auths[host].auth`, base64 of
 * `user:pass`, or `username`/`password`). Credential helpers (`credsStore`, `credHelpers`) and
 * identity tokens are not consulted: in CI, `docker/login-action` writes `auths` entries.
 */
export function credentialsFromDockerConfig(config: unknown, registry: string): Credentials | null {
  const auths = (
    config as { auths?: Record<string, { auth?: string; username?: string; password?: string }> }
  )?.auths
  if (!auths || typeof auths !== 'object') return null
  const wanted = normalizeAuthKey(registry)
  for (const [key, entry] of Object.entries(auths)) {
    if (normalizeAuthKey(key) !== wanted || !entry) continue
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password }
  }
  return null
}

/** Read `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`); null when absent or unreadable. */
export function loadDockerConfig(env: NodeJS.ProcessEnv = process.env): unknown {
  const dir = env.DOCKER_CONFIG || path.join(homedir(), '.docker')
  try {
    return JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as unknown
  } catch {
    return null
  }
}

export interface RegistryClientOptions {
  /** Credentials per registry host; default: read from the docker config (see loadDockerConfig). */
  credentials?: (registry: string) => Credentials | null
  /** Override plain-HTTP detection (tests, or registries configured as insecure). */
  plainHttp?: (registry: string) => boolean
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export interface FetchedManifest {
  mediaType: string
  /** Content digest: Docker-Content-Digest, else sha256 of the bytes received. */
  digest: string
  /** Size of the manifest bytes. */
  size: number
  body: unknown
}

/**
 * Read-only registry client. Keeps one Authorization header per registry+repository, obtained on
 * the first 401 (Bearer token, anonymous or with basic credentials; or Basic) and reused.
 */
export class RegistryClient {
  private readonly authorization = new Map<string, string>()
  private readonly fetchImpl: typeof fetch
  private readonly credentials: (registry: string) => Credentials | null
  private readonly plainHttp: (registry: string) => boolean
  private readonly timeoutMs: number

  constructor(options: RegistryClientOptions = {}) {
    this.fetchImpl = options.fetch ?? fetch
    this.plainHttp = options.plainHttp ?? isPlainHttpHost
    this.timeoutMs = options.timeoutMs ?? 30_000
    if (options.credentials) {
      this.credentials = options.credentials
    } else {
      let config: unknown
      let loaded = false
      this.credentials = registry => {
        if (!loaded) {
          config = loadDockerConfig()
          loaded = true
        }
        return credentialsFromDockerConfig(config, registry)
      }
    }
  }

  private baseUrl(registry: string): string {
    const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry
    return `${this.plainHttp(registry) ? 'http' : 'https'}://${host}`
  }

  /** GET a manifest or index by tag or digest. */
  async getManifest(ref: ImageReference, reference?: string): Promise<FetchedManifest> {
    const which = reference ?? ref.digest ?? ref.tag ?? 'latest'
    const res = await this.get(ref, `manifests/${which}`, { accept: MANIFEST_ACCEPT })
    const bytes = Buffer.from(await res.arrayBuffer())
    let body: unknown
    try {
      body = JSON.parse(bytes.toString('utf8'))
    } catch {
      throw new RegistryError(`The registry returned a manifest for ${ref.name}@${which} that is not JSON.`)
    }
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
    const declared = (body as { mediaType?: string }).mediaType
    return {
      mediaType: declared || contentType,
      digest:
        res.headers.get('docker-content-digest') ??
        `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      size: bytes.length,
      body
    }
  }

  /** GET a (small) blob as JSON, e.g. an image config. Redirects to storage are followed. */
  async getJsonBlob(ref: ImageReference, digest: string): Promise<unknown> {
    const res = await this.get(ref, `blobs/${digest}`, {})
    const text = await res.text()
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new RegistryError(`Blob ${digest} of ${ref.name} is not JSON.`)
    }
  }

  /**
   * GET a blob as a stream of bytes (a layer), for reading as it arrives: nothing is kept.
   * `timeoutMs` bounds the whole transfer, body included.
   */
  async getBlobStream(
    ref: ImageReference,
    digest: string,
    timeoutMs = 300_000
  ): Promise<AsyncIterable<Uint8Array>> {
    const res = await this.get(ref, `blobs/${digest}`, {}, timeoutMs)
    if (!res.body) throw new RegistryError(`Blob ${digest} of ${ref.name} came without a body.`)
    return res.body as unknown as AsyncIterable<Uint8Array>
  }

  private async get(
    ref: ImageReference,
    suffix: string,
    headers: Record<string, string>,
    timeoutMs = this.timeoutMs
  ): Promise<Response> {
    const url = `${this.baseUrl(ref.registry)}/v2/${ref.repository}/${suffix}`
    const key = `${ref.registry}/${ref.repository}`
    let res = await this.send(url, ref, headers, this.authorization.get(key), timeoutMs)
    if (res.status === 401) {
      const challenge = parseAuthChallenge(res.headers.get('www-authenticate'))
      await res.body?.cancel()
      const authorization = await this.authorize(ref, challenge)
      this.authorization.set(key, authorization)
      res = await this.send(url, ref, headers, authorization, timeoutMs)
    }
    if (res.ok) return res
    await res.body?.cancel()
    const what = suffix.startsWith('manifests/')
      ? `Image ${ref.name}${suffix.includes(':') ? '@' : ':'}${suffix.slice('manifests/'.length)}`
      : `Blob ${suffix.slice('blobs/'.length)} of ${ref.name}`
    if (res.status === 404) {
      throw new RegistryError(`${what} was not found in the registry ${ref.registry} (HTTP 404).`)
    }
    if (res.status === 401 || res.status === 403) throw this.unauthorized(ref, res.status)
    throw new RegistryError(`${what}: the registry ${ref.registry} answered HTTP ${res.status}.`)
  }

  private async send(
    url: string,
    ref: ImageReference,
    headers: Record<string, string>,
    authorization: string | undefined,
    timeoutMs = this.timeoutMs
  ): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        headers: authorization ? { ...headers, authorization } : headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs)
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const detail = cause?.code ?? cause?.message ?? (error as Error).message
      throw new RegistryError(`Cannot reach the registry ${ref.registry} (${url}): ${detail}.`)
    }
  }

  private async authorize(ref: ImageReference, challenge: AuthChallenge | null): Promise<string> {
    const creds = this.credentials(ref.registry)
    const basic = creds
      ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
      : undefined
    if (!challenge) throw this.unauthorized(ref, 401)
    if (challenge.scheme === 'basic') {
      if (!basic) throw this.unauthorized(ref, 401)
      return basic
    }
    const realm = challenge.params.realm
    if (!realm)
      throw new RegistryError(`The registry ${ref.registry} sent a Bearer challenge without a realm.`)
    const url = new URL(realm)
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service)
    url.searchParams.set('scope', challenge.params.scope ?? `repository:${ref.repository}:pull`)
    let res: Response
    try {
      res = await this.fetchImpl(url, {
        headers: basic ? { authorization: basic } : {},
        signal: AbortSignal.timeout(this.timeoutMs)
      })
    } catch (error) {
      throw new RegistryError(
        `Cannot reach the token service of ${ref.registry} (${url.origin}): ${(error as Error).message}.`
      )
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel()
      throw this.unauthorized(ref, res.status)
    }
    if (!res.ok) {
      await res.body?.cancel()
      throw new RegistryError(`The token service of ${ref.registry} answered HTTP ${res.status}.`)
    }
    const body = (await res.json()) as { token?: string; access_token?: string }
    const token = body.token ?? body.access_token
    if (!token) throw new RegistryError(`The token service of ${ref.registry} returned no token.`)
    return `Bearer ${token}`
  }

  private unauthorized(ref: ImageReference, status: number): RegistryError {
    const had = this.credentials(ref.registry) !== null
    return new RegistryError(
      `Not authorized to pull ${ref.name} from ${ref.registry} (HTTP ${status}). ` +
        (had
          ? `The credentials for ${ref.registry} in the docker config were refused: check they can read ${ref.repository}.`
          : `Log in first (docker login ${ref.registry}, or docker/login-action) so that ` +
            `${process.env.DOCKER_CONFIG ? '$DOCKER_CONFIG' : '~/.docker'}/config.json has an "auths" entry for ${ref.registry}; ` +
            'credential helpers are not read.')
    )
  }
}

/**
 * Loads node's fetch, whose HTTP client is compiled on its first call (~30 ms of CPU measured
 * here): a run calls this while its builds run, so the measurement after the push does not wait
 * for it. A data: URL goes nowhere.
 */
export function warmFetch(): void {
  void fetch('data:,')
    .then(response => response.arrayBuffer())
    .catch(() => undefined)
}
