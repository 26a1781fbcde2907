// A fake of the GitHub Actions cache service v2, over real HTTP on 127.0.0.1, for the real
// @actions/cache@6 client. Point the client at it with
//   ACTIONS_CACHE_SERVICE_V2=true  ACTIONS_RESULTS_URL=<url>/  ACTIONS_RUNTIME_TOKEN=<token>
// and leave GITHUB_SERVER_URL unset (or github.com): any other host counts as GHES, where the
// client falls back to cache service v1 and ignores all of this.
//
// Two halves, like the real thing:
// - Twirp JSON RPCs at /twirp/github.actions.results.api.v1.CacheService/<Method>
//   (CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL), bearer-authenticated;
// - an Azure Blob REST subset at the signed URLs those return: Put Blob, Put Block,
//   Put Block List (what @azure/storage-blob's BlockBlobClient.uploadFile sends), and GET/HEAD
//   with optional Range (the client downloads non-*.blob.core.windows.net URLs with a plain GET).
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listen, queryOf, readBody, sendJson, type RecordedRequest, type RunningServer } from './http.js'

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'

/** Paths of the blob half, for fault rules: `{ path: BLOB_PATH, method: 'GET', hang: true }`. */
export const BLOB_PATH = /^\/devstoreaccount1\/actions-cache\//

/** The path of one twirp method, for fault rules. */
export function twirpPath(
  method: 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'
): string {
  return `${TWIRP_PREFIX}${method}`
}

export interface CacheEntry {
  id: number
  key: string
  version: string
  /** Order of creation; restore-key matches prefer the highest. */
  createdSeq: number
  finalized: boolean
  sizeBytes: number
  blobId: string
}

interface Blob {
  id: string
  sig: string
  data: Buffer | null
  blocks: Map<string, Buffer>
}

export interface CacheServerOptions {
  /** Bearer token the twirp calls must carry (any non-empty token when absent). */
  token?: string
  /**
   * `read-only`: CreateCacheEntry answers `ok: false` with a `cache write denied:` message, as the
   * service does for tokens of untrusted events. `unavailable`: every twirp call answers 503.
   */
  mode?: 'ok' | 'read-only' | 'unavailable'
}

export interface CacheServerState {
  entries: CacheEntry[]
  requests: RecordedRequest[]
  mode: 'ok' | 'read-only' | 'unavailable'
  /** The stored archive of an entry (a tar, zstd- or gzip-compressed), or null before upload. */
  archiveOf(key: string): Buffer | null
  /** Replace an entry's archive, e.g. to corrupt it. */
  setArchive(key: string, data: Buffer): void
}

export async function startCacheServer(
  options: CacheServerOptions = {}
): Promise<RunningServer<CacheServerState>> {
  const blobs = new Map<string, Blob>()
  let seq = 0
  let baseUrl = ''

  const state: CacheServerState = {
    entries: [],
    requests: [],
    mode: options.mode ?? 'ok',
    archiveOf(key) {
      const entry = state.entries.find(e => e.key === key)
      return (entry && blobs.get(entry.blobId)?.data) ?? null
    },
    setArchive(key, data) {
      const entry = state.entries.find(e => e.key === key)
      const blob = entry && blobs.get(entry.blobId)
      if (!entry || !blob) throw new Error(`no cache entry ${key}`)
      blob.data = data
      entry.sizeBytes = data.length
    }
  }

  const blobUrl = (blob: Blob, permission: 'r' | 'cw'): string =>
    `${baseUrl}/devstoreaccount1/actions-cache/${blob.id}?sv=2024-08-04&sp=${permission}&sr=b&sig=${encodeURIComponent(blob.sig)}`

  const twirpError = (res: ServerResponse, status: number, code: string, msg: string): void =>
    sendJson(res, status, { code, msg })

  function twirp(method: string, body: Record<string, unknown>, res: ServerResponse): void {
    const key = typeof body.key === 'string' ? body.key : ''
    const version = typeof body.version === 'string' ? body.version : ''
    if (key === '' || version === '') {
      twirpError(res, 400, 'invalid_argument', 'key and version are required')
      return
    }
    switch (method) {
      case 'CreateCacheEntry': {
        if (state.mode === 'read-only') {
          sendJson(res, 200, { ok: false, message: `cache write denied: the token of this run is read-only` })
          return
        }
        // Entries are immutable: a key+version that exists (or is being uploaded) cannot be created.
        if (state.entries.some(e => e.key === key && e.version === version)) {
          twirpError(
            res,
            409,
            'already_exists',
            'cache entry with the same key, version, and scope already exists'
          )
          return
        }
        const blob: Blob = {
          id: randomBytes(8).toString('hex'),
          sig: randomBytes(12).toString('base64'),
          data: null,
          blocks: new Map()
        }
        blobs.set(blob.id, blob)
        state.entries.push({
          id: state.entries.length + 1,
          key,
          version,
          createdSeq: ++seq,
          finalized: false,
          sizeBytes: 0,
          blobId: blob.id
        })
        sendJson(res, 200, { ok: true, signed_upload_url: blobUrl(blob, 'cw') })
        return
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = state.entries.find(e => e.key === key && e.version === version && !e.finalized)
        const data = entry && blobs.get(entry.blobId)?.data
        if (!entry || !data) {
          twirpError(res, 404, 'not_found', 'cache entry not found or not uploaded')
          return
        }
        entry.finalized = true
        entry.sizeBytes = data.length
        // int64 fields travel as JSON strings in protobuf JSON.
        sendJson(res, 200, { ok: true, entry_id: String(entry.id) })
        return
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restore_keys)
          ? body.restore_keys.filter(k => typeof k === 'string')
          : []
        const entry = lookup(state.entries, version, [key, ...restoreKeys])
        if (!entry) {
          sendJson(res, 200, { ok: false })
          return
        }
        const blob = blobs.get(entry.blobId)
        if (!blob) throw new Error(`blob of ${entry.key} is missing`)
        sendJson(res, 200, { ok: true, signed_download_url: blobUrl(blob, 'r'), matched_key: entry.key })
        return
      }
      default:
        twirpError(res, 404, 'bad_route', `no handler for method ${method}`)
    }
  }

  async function blobRequest(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    raw: Buffer
  ): Promise<void> {
    const id = url.pathname.split('/').pop() ?? ''
    const blob = blobs.get(id)
    const sp = url.searchParams.get('sp') ?? ''
    if (!blob || url.searchParams.get('sig') !== blob.sig) {
      azureError(res, 403, 'AuthenticationFailed', 'Server failed to authenticate the request.')
      return
    }
    const method = req.method ?? 'GET'
    const common = {
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': '2024-08-04',
      date: new Date().toUTCString()
    }
    if (method === 'PUT') {
      if (!sp.includes('w')) {
        azureError(
          res,
          403,
          'AuthorizationPermissionMismatch',
          'This request is not authorized to perform this operation using this permission.'
        )
        return
      }
      const comp = url.searchParams.get('comp')
      const written = {
        ...common,
        etag: `"0x${randomBytes(6).toString('hex').toUpperCase()}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-server-encrypted': 'true'
      }
      if (comp === 'block') {
        const blockId = url.searchParams.get('blockid')
        if (!blockId) return azureError(res, 400, 'InvalidQueryParameterValue', 'blockid is required')
        blob.blocks.set(blockId, raw)
        res.writeHead(201, written).end()
        return
      }
      if (comp === 'blocklist') {
        const ids = [...raw.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(
          m => m[2] ?? ''
        )
        const parts: Buffer[] = []
        for (const blockId of ids) {
          const part = blob.blocks.get(blockId)
          if (!part) return azureError(res, 400, 'InvalidBlockList', 'The specified block list is invalid.')
          parts.push(part)
        }
        blob.data = Buffer.concat(parts)
        blob.blocks.clear()
        res.writeHead(201, written).end()
        return
      }
      if (comp === null) {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
          return azureError(res, 400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required')
        }
        blob.data = raw
        res.writeHead(201, { ...written, 'content-md5': '' }).end()
        return
      }
      return azureError(res, 400, 'UnsupportedQueryParameter', `comp=${comp} is not supported by the fake`)
    }
    if (method === 'GET' || method === 'HEAD') {
      if (!sp.includes('r') || !blob.data) {
        azureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.')
        return
      }
      const data = blob.data
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''))
      let start = 0
      let end = data.length - 1
      let status = 200
      if (range) {
        start = Number(range[1])
        end = range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1
        if (start >= data.length) {
          res.writeHead(416, { ...common, 'content-range': `bytes */${data.length}` }).end()
          return
        }
        status = 206
      }
      const slice = data.subarray(start, end + 1)
      const headers: Record<string, string> = {
        ...common,
        'content-type': 'application/octet-stream',
        'content-length': String(slice.length),
        'accept-ranges': 'bytes',
        'x-ms-blob-type': 'BlockBlob',
        etag: '"0x1"',
        'last-modified': new Date(0).toUTCString()
      }
      if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${data.length}`
      res.writeHead(status, headers)
      res.end(method === 'HEAD' ? undefined : slice)
      return
    }
    azureError(res, 405, 'UnsupportedHttpVerb', `${method} is not supported by the fake`)
  }

  const server = await listen(async (req, res, url) => {
    const raw = await readBody(req)
    const isTwirp = url.pathname.startsWith(TWIRP_PREFIX)
    state.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryOf(url),
      headers: req.headers,
      body: isTwirp || url.searchParams.get('comp') === 'blocklist' ? raw.toString('utf8') : '',
      bodyBytes: raw.length
    })

    if (isTwirp) {
      if (req.method !== 'POST') return twirpError(res, 404, 'bad_route', 'twirp wants POST')
      const auth = req.headers.authorization ?? ''
      const token = /^Bearer (.+)$/.exec(auth)?.[1]
      if (!token || (options.token !== undefined && token !== options.token)) {
        return twirpError(res, 401, 'unauthenticated', 'invalid or missing runtime token')
      }
      if (state.mode === 'unavailable') return twirpError(res, 503, 'unavailable', 'service unavailable')
      let body: Record<string, unknown>
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
      } catch {
        return twirpError(res, 400, 'malformed', 'body is not JSON')
      }
      twirp(url.pathname.slice(TWIRP_PREFIX.length), body, res)
      return
    }
    if (url.pathname.startsWith('/devstoreaccount1/actions-cache/')) {
      await blobRequest(req, res, url, raw)
      return
    }
    sendJson(res, 404, { message: 'Not Found' })
  })
  baseUrl = server.url
  return { url: server.url, state, faults: server.faults, close: server.close }
}

/**
 * Environment for a process (the bundled action in e2e) that should use this fake. RUNNER_TEMP
 * is where @actions/cache writes its archives; without it it tries /home/actions/temp.
 * GITHUB_SERVER_URL must be absent or github.com: any other host is taken for GHES (cache v1).
 */
export function cacheServiceEnv(
  url: string,
  runnerTemp: string,
  token = 'runtime-token'
): Record<string, string> {
  return {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${url}/`,
    ACTIONS_RUNTIME_TOKEN: token,
    RUNNER_TEMP: runnerTemp
  }
}

/**
 * The service's lookup: for each key in order (primary first, then restore keys), an exact match
 * wins, else the newest entry whose key starts with it. Only finalized entries of the same
 * version (paths + compression) count.
 */
export function lookup(
  entries: readonly CacheEntry[],
  version: string,
  keys: readonly string[]
): CacheEntry | null {
  const ready = entries.filter(e => e.finalized && e.version === version)
  for (const key of keys) {
    const exact = ready.find(e => e.key === key)
    if (exact) return exact
    const newest = ready.filter(e => e.key.startsWith(key)).sort((a, b) => b.createdSeq - a.createdSeq)[0]
    if (newest) return newest
  }
  return null
}

function azureError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(xml)),
    'x-ms-error-code': code
  })
  res.end(xml)
}
