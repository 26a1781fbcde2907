// A tag names whatever was tagged last on the engine. Between the runtime build and its push (the
// whole of the tests) another job on the same engine may build or tag the same name (self-hosted
// runners share one engine): `docker push <tag>` would then ship an image this run never tested.
// Before each push the tag is pointed back at the image the run built, by its ID (the tests, too,
// run in the tester build's image by its ID: src/gate/gate.ts).
import { run } from './docker.js'
import { engineGet, engineRequest } from './api.js'
import { splitReference } from '../reference.js'

/** Where `tag` points against the run's image `id`, from the engine's `GET /images/{tag}/json`. */
export type TagState = 'same' | 'moved' | 'gone' | 'unknown'

/** Reads the engine's answer for the tag. Pure. */
export function tagStateOf(status: number, body: string, id: string): { state: TagState; to?: string } {
  if (status === 404) return { state: 'gone' }
  if (status !== 200) return { state: 'unknown' }
  let current: unknown
  try {
    current = (JSON.parse(body) as { Id?: unknown }).Id
  } catch {
    return { state: 'unknown' }
  }
  if (typeof current !== 'string' || current === '') return { state: 'unknown' }
  return current === id ? { state: 'same' } : { state: 'moved', to: current }
}

/** The API's `repo` and `tag` for a tag as written (`latest` when none, as docker build). Pure. */
export function tagQuery(tag: string): string {
  const written = splitReference(tag)
  return `repo=${encodeURIComponent(written.name)}&tag=${encodeURIComponent(written.tag ?? 'latest')}`
}

/** What the log says when the tag named another image, or none, by push time. Pure. */
export function movedTagWarning(tag: string, id: string, state: 'moved' | 'gone', to?: string): string {
  const what = state === 'moved' ? `named another image (${short(to ?? '')})` : 'had been removed'
  return (
    `${tag} ${what} by the time of the push: something else on this Docker engine tagged or removed it ` +
    `while the tests ran. stagegate points it back at the image this run built and tested (${short(id)}) ` +
    'and pushes that one. Give concurrent jobs on a shared engine distinct tags.'
  )
}

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

/**
 * Of the digests a build reported (its iidfile, buildx's `containerimage.digest`), the one the
 * engine names the stored image by (`.Id`): the config digest on the classic store, the manifest
 * or index digest on containerd's, where buildx's iidfile holds the config digest when the image
 * has no attestations. Asked of the engine, by digest (no tag, which another job may move); null
 * when it holds none of them (the image was not stored).
 */
export async function storedImageId(
  client: string,
  socket: string | null,
  candidates: ReadonlyArray<string | null>
): Promise<string | null> {
  for (const digest of [...new Set(candidates)]) {
    if (!digest) continue
    if (socket) {
      try {
        const got = await engineGet(socket, `/images/${encodeURI(digest)}/json`)
        if (got.status === 404) continue
        if (got.status === 200 && tagStateOf(got.status, got.body, digest).state === 'same') return digest
      } catch {
        // the engine's API did not answer: docker image inspect
      }
    }
    const inspected = await run(client, ['image', 'inspect', '--format', '{{.Id}}', digest])
    if (inspected.exitCode === 0 && inspected.stdout.trim() === digest) return digest
  }
  return null
}

export type PinResult = { ok: true; warning?: string } | { ok: false; message: string }

/**
 * Makes `tag` name the image `id` before it is pushed: read from the engine's API (a few ms), and
 * tagged again only when it moved; without the API, `docker tag` (idempotent). An image that is
 * gone from the engine cannot be pushed: the run says so and pushes nothing.
 */
export async function pinTag(
  client: string,
  socket: string | null,
  id: string,
  tag: string
): Promise<PinResult> {
  if (socket) {
    try {
      const got = await engineGet(socket, `/images/${encodeURI(tag)}/json`)
      const { state, to } = tagStateOf(got.status, got.body, id)
      if (state === 'same') return { ok: true }
      if (state !== 'unknown') {
        const tagged = await engineRequest(socket, 'POST', `/images/${encodeURI(id)}/tag?${tagQuery(tag)}`)
        if (tagged.status === 201) return { ok: true, warning: movedTagWarning(tag, id, state, to) }
        if (tagged.status === 404) return { ok: false, message: goneMessage(tag, id) }
      }
    } catch {
      // the engine's API did not answer: docker tag
    }
  }
  const tagged = await run(client, ['tag', id, tag], { captureStderr: true })
  if (tagged.exitCode === 0) return { ok: true }
  return /no such image/i.test(tagged.stderr ?? '')
    ? { ok: false, message: goneMessage(tag, id) }
    : {
        ok: false,
        message: `Could not tag ${tag} before the push: ${(tagged.stderr ?? '').trim() || 'no output'}.`
      }
}

function goneMessage(tag: string, id: string): string {
  return (
    `The image this run built (${short(id)}) is no longer in the engine's store (removed while the ` +
    `tests ran?), so ${tag} was not pushed. Run again, and keep image pruning away from running jobs.`
  )
}

/**
 * Of `tags`, those that still name the image `id`: what a run that drops its image may untag. A tag
 * another job on the engine moved to its own image meanwhile is that job's. Read from the engine's
 * API, or `docker image inspect` without it; a tag whose image cannot be told is not untagged.
 */
export async function tagsNaming(
  client: string,
  socket: string | null,
  id: string,
  tags: readonly string[]
): Promise<{ own: string[]; moved: string[] }> {
  const states = await Promise.all(
    tags.map(async tag => ({ tag, state: await tagState(client, socket, id, tag) }))
  )
  return {
    own: states.filter(s => s.state === 'same').map(s => s.tag),
    moved: states.filter(s => s.state === 'moved').map(s => s.tag)
  }
}

async function tagState(client: string, socket: string | null, id: string, tag: string): Promise<TagState> {
  if (socket) {
    try {
      const got = await engineGet(socket, `/images/${encodeURI(tag)}/json`)
      const { state } = tagStateOf(got.status, got.body, id)
      if (state !== 'unknown') return state
    } catch {
      // the engine's API did not answer: docker image inspect
    }
  }
  const inspected = await run(client, ['image', 'inspect', '--format', '{{.Id}}', tag], {
    captureStderr: true
  })
  if (inspected.exitCode === 0) return inspected.stdout.trim() === id ? 'same' : 'moved'
  return /no such image/i.test(inspected.stderr ?? '') ? 'gone' : 'unknown'
}
