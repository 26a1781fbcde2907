// What the chosen builder can do, as far as stagegate can tell before building: the buildx
// version (flags it knows), the BuildKit version that runs the build (flags it honours; an old
// BuildKit ignores --shm-size, --ulimit and --cgroup-parent without a word) and whether its
// driver can attach attestations. Unknown facts are null; each rule says what null means.

export interface BuilderFeatures {
  /** `docker buildx version` output or a bare version (`v0.13.1`, `0.13.1+ds1`); null: no buildx or unknown. */
  buildxVersion: string | null
  /** Version of the BuildKit that runs the build (`v0.8`, `0.13.2`); null when unknown. */
  buildkitVersion: string | null
  /** Whether the builder can attach attestations (provenance, SBOM); null when unknown. */
  attestations: boolean | null
}

export const UNKNOWN_FEATURES: BuilderFeatures = {
  buildxVersion: null,
  buildkitVersion: null,
  attestations: null
}

/**
 * The first `major.minor[.patch]` in a version text, as numbers; null when there is none or it is
 * `0.0.0` (Debian's engine 26 reports its BuildKit as `v0.0.0+unknown`). Pure.
 */
export function parseVersion(text: string | null): [number, number, number] | null {
  const match = /(?:^|[^\d.])v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(` ${text ?? ''}`)
  if (!match) return null
  const version: [number, number, number] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
  return version.every(n => n === 0) ? null : version
}

/** Whether `version` is at least `min` (`0.15.0`); null when the version is unknown. Pure. */
export function versionAtLeast(version: string | null, min: string): boolean | null {
  const have = parseVersion(version)
  const want = parseVersion(min)
  if (!have || !want) return null
  for (let i = 0; i < 3; i++) {
    if ((have[i] as number) !== (want[i] as number)) return (have[i] as number) > (want[i] as number)
  }
  return true
}

/** `BuildKit version: v0.8+unknown` (buildx 0.11+) or `Buildkit: v0.12.5` (older) from `docker buildx inspect`. Pure. */
export function buildkitVersionFromInspect(output: string): string | null {
  const match = /^\s*Build[Kk]it(?: version)?:\s*(\S+)/m.exec(output)
  const version = match?.[1] ?? null
  return parseVersion(version) ? version : null
}

// The BuildKit built into each engine release (moby's vendored BuildKit), for the `docker` driver
// and the classic path, whose own version text may be unknown. Lower bounds, by engine major.
const ENGINE_BUILDKIT: Array<[engineMajor: number, buildkit: string]> = [
  [28, '0.20.0'],
  [27, '0.15.0'],
  [26, '0.13.0'],
  [25, '0.12.0'],
  [24, '0.11.0'],
  [23, '0.10.0'],
  [20, '0.8.0'],
  [19, '0.6.0'],
  [18, '0.3.0']
]

/** The BuildKit version built into a docker engine (`20.10.24` → `0.8.0`); null when unknown. Pure. */
export function engineBuildkitVersion(engineVersion: string | null): string | null {
  const major = parseVersion(engineVersion)?.[0]
  if (major === undefined) return null
  return ENGINE_BUILDKIT.find(([engine]) => major >= engine)?.[1] ?? null
}

/**
 * Whether a buildx driver can attach attestations. The `docker` driver can only with the containerd
 * image store (on the classic store buildx stops: "Attestation is not supported for the docker
 * driver"); the container, kubernetes and remote drivers run a BuildKit of their own that can. Pure.
 */
export function attestationSupport(driver: string | null, containerdStore: boolean): boolean | null {
  if (driver === null) return null
  return driver === 'docker' ? containerdStore : true
}
