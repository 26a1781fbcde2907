// Which builder drives the build. GitHub's runners have buildx; some machines only have a
// docker client older than 23.0 that talks to the engine's built-in BuildKit; the legacy builder
// is the last resort (no secrets, no RUN --mount, no BuildKit cache).

export type BuilderKind = 'buildx' | 'buildkit' | 'legacy'

/** What one `docker` executable on PATH can do. */
export interface ClientProbe {
  path: string
  /** Client version (e.g. `28.2.2`), null when `docker version` did not answer. */
  clientVersion: string | null
  /** `docker buildx version` output (e.g. `v0.21.1`), null when there is no buildx plugin. */
  buildxVersion: string | null
  /** The `docker-buildx` that answered, run directly (src/engine/plugin.ts); absent: through docker. */
  buildxPlugin?: string | null
  /** Engine version as this client sees it, null when the engine does not answer. */
  serverVersion?: string | null
  /** What the client said when the engine did not answer. */
  serverError?: string
}

export interface BuilderChoice {
  kind: BuilderKind
  /** The docker executable to run. */
  client: string
  buildxVersion: string | null
  /** The buildx plugin, run without the docker CLI in front of it (src/engine/plugin.ts). */
  buildxPlugin?: string | null
  /** One sentence for the log: which path and why. */
  reason: string
  /** The engine's version, as the chosen client sees it (set once the engine answered). */
  serverVersion?: string | null
}

/** Docker 23.0 made `docker build` an alias of buildx: newer clients cannot drive BuildKit without it. */
export const BUILDKIT_WITHOUT_BUILDX_BELOW = 23

export function majorVersion(version: string | null): number | null {
  const match = /^v?(\d+)\./.exec(version ?? '')
  return match ? Number(match[1]) : null
}

/**
 * Picks the builder from the probes of every docker client on PATH, in PATH order.
 * buildx anywhere wins; else a client that drives BuildKit itself; else the first client, legacy.
 */
export function chooseBuilder(probes: ClientProbe[]): BuilderChoice {
  const first = probes[0]
  if (!first) {
    throw new Error('no docker client found on PATH')
  }
  const withBuildx = probes.find(p => p.buildxVersion !== null)
  if (withBuildx) {
    return {
      kind: 'buildx',
      client: withBuildx.path,
      buildxVersion: withBuildx.buildxVersion,
      buildxPlugin: withBuildx.buildxPlugin ?? null,
      reason:
        `buildx ${withBuildx.buildxVersion} is available with ${withBuildx.path}` +
        (withBuildx.buildxPlugin ? ` (plugin ${withBuildx.buildxPlugin})` : '')
    }
  }
  const direct = probes.find(p => {
    const major = majorVersion(p.clientVersion)
    return major !== null && major < BUILDKIT_WITHOUT_BUILDX_BELOW
  })
  const describe = (p: ClientProbe): string => `${p.path} (${p.clientVersion ?? 'version unknown'})`
  if (direct) {
    const skipped = probes.filter(p => p !== direct).map(describe)
    return {
      kind: 'buildkit',
      client: direct.path,
      buildxVersion: null,
      reason:
        `no buildx plugin found; ${describe(direct)} drives the engine's built-in BuildKit with DOCKER_BUILDKIT=1` +
        (skipped.length > 0 ? `; skipped ${skipped.join(', ')}: docker 23+ needs buildx for BuildKit` : '')
    }
  }
  return {
    kind: 'legacy',
    client: first.path,
    buildxVersion: null,
    reason:
      `no buildx plugin and no docker client older than ${BUILDKIT_WITHOUT_BUILDX_BELOW}.0 found ` +
      `(${probes.map(describe).join(', ')}): using the legacy builder, without BuildKit cache, secrets or RUN --mount. ` +
      'Install the buildx plugin (docker/setup-buildx-action) for the full pipeline'
  }
}
