// Image references as github.com/distribution/reference reads them (ParseNormalizedNamed): the one
// grammar for FROM, COPY --from, RUN --mount from= and tags, so every caller rejects the same strings.

export interface Reference {
  /** Registry host (with port), `docker.io` when none is written. */
  domain: string
  /** Repository path inside the registry, `library/` added for official images. */
  path: string
  tag: string | null
  digest: string | null
}

const ALNUM = '[a-z0-9]+'
const SEPARATOR = '(?:[._]|__|[-]+)'
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}'
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`)
const IDENTIFIER_RE = /^[a-f0-9]{64}$/
const DIGEST_SIZES: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 }
const NAME_TOTAL_LENGTH_MAX = 255

/** Thrown for a string that is not an image reference; the message is distribution/reference's. */
export class ReferenceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReferenceError'
  }
}

// splitDockerDomain: the first path part is a registry only when it looks like a host.
function splitDomain(s: string): { domain: string; remainder: string } {
  const i = s.indexOf('/')
  let domain = 'docker.io'
  let remainder = s
  if (i !== -1) {
    const first = s.slice(0, i)
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first
      remainder = s.slice(i + 1)
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io'
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`
  return { domain, remainder }
}

// go-digest's Parse + Validate.
function digestProblem(d: string): string | null {
  const i = d.indexOf(':')
  if (i <= 0 || i + 1 === d.length) return 'invalid checksum digest format'
  const size = DIGEST_SIZES[d.slice(0, i)]
  if (size === undefined) return 'unsupported digest algorithm'
  const encoded = d.slice(i + 1)
  if (encoded.length !== size) return 'invalid checksum digest length'
  if (!/^[a-f0-9]+$/.test(encoded)) return 'invalid checksum digest format'
  return null
}

/** ParseNormalizedNamed: `alpine` → docker.io/library/alpine. Throws ReferenceError. */
export function parseReference(s: string): Reference {
  if (IDENTIFIER_RE.test(s))
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`)
  const { domain, remainder } = splitDomain(s)
  const colon = remainder.indexOf(':')
  const remoteName = colon > -1 ? remainder.slice(0, colon) : remainder
  if (remoteName.toLowerCase() !== remoteName)
    throw new ReferenceError(`invalid reference format: repository name (${remoteName}) must be lowercase`)
  const full = `${domain}/${remainder}`
  const m = REFERENCE_RE.exec(full)
  if (!m) {
    if (full === '') throw new ReferenceError('repository name must have at least one component')
    if (REFERENCE_RE.test(full.toLowerCase()))
      throw new ReferenceError('invalid reference format: repository name must be lowercase')
    throw new ReferenceError('invalid reference format')
  }
  const name = m[1] as string
  if (name.length > NAME_TOTAL_LENGTH_MAX)
    throw new ReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`)
  const digest = m[3] ?? null
  if (digest !== null) {
    const problem = digestProblem(digest)
    if (problem) throw new ReferenceError(problem)
  }
  return { domain, path: name.slice(domain.length + 1), tag: m[2] ?? null, digest }
}

/** The problem with a reference as distribution/reference words it, or null when it is valid. */
export function validateReference(s: string): string | null {
  try {
    parseReference(s)
    return null
  } catch (err) {
    if (err instanceof ReferenceError) return err.message
    throw err
  }
}

/** `golang:1.22@sha256:...` → `docker.io/library/golang`; null when the reference is invalid. */
export function repositoryOf(s: string): string | null {
  try {
    const r = parseReference(s)
    return `${r.domain}/${r.path}`
  } catch {
    return null
  }
}

/** A reference cut as written: no `docker.io/library/` added, nothing checked. */
export interface WrittenReference {
  /** Everything before the tag and digest, registry and port included: `localhost:5000/a/b`. */
  name: string
  tag: string | null
  digest: string | null
}

/**
 * `localhost:5000/a/b:t@sha256:…` → name `localhost:5000/a/b`, tag `t`, digest `sha256:…`. For a
 * valid reference this is parseReference's tag and digest (a digest after `@`, a tag after a `:`
 * past the last `/`); an invalid one is cut the same way, so input checks can name the bad part.
 */
export function splitReference(s: string): WrittenReference {
  const at = s.indexOf('@')
  const digest = at < 0 ? null : s.slice(at + 1)
  const rest = at < 0 ? s : s.slice(0, at)
  const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1)
  if (colon < 0) return { name: rest, tag: null, digest }
  return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest }
}
