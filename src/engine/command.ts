import { UserError } from '../errors.js'
import {
  attestArgs,
  disablesAttestation,
  NO_ATTESTATIONS,
  type AttestationInputs,
  type ProvenanceContext
} from './attest.js'
import type { Inputs } from '../inputs.js'
import type { BuilderKind } from './builder.js'
import { UNKNOWN_FEATURES, versionAtLeast, type BuilderFeatures } from './features.js'

/** One build of one target, as the pipeline asks for it. */
export interface BuildRequest {
  context: string
  file: string
  target: string
  tags: string[]
  labels: string[]
  buildArgs: Record<string, string>
  /** Secret id → path of a temporary file holding the value. */
  secretFiles: Array<{ id: string; src: string }>
  platforms: string[]
  network: string
  noCache: boolean
  pull: boolean
  /** buildx: push in the same build (`--push`). Classic paths push afterwards with `docker push`. */
  push: boolean
  /** buildx: load the result into the docker image store (needed to run or inspect it locally). */
  load: boolean
  cacheFrom: string[]
  cacheTo: string[]
  /** Classic BuildKit: embed cache metadata in the image (`BUILDKIT_INLINE_CACHE=1`). */
  inlineCache: boolean
  iidFile: string
  /** buildx only: where buildx writes its metadata JSON (digest of the pushed image). */
  metadataFile?: string
  /** buildx only: a named builder instance (`--builder`). */
  builder?: string
  /** buildx only: an exporter spec (`--output type=oci,dest=DIR,tar=false`), instead of push/load. */
  output?: string
  // build-push-action's inputs of the same names; absent means not given.
  /** `add-hosts`: `host:ip` entries (`--add-host`). */
  addHosts?: string[]
  /** `allow`: entitlements such as `network.host` (buildx `--allow`). */
  allow?: string[]
  /** `annotations` (buildx >= 0.12 `--annotation`). */
  annotations?: string[]
  /** `provenance`, `sbom`, `attests` as given (buildx >= 0.10 `--attest`). */
  attestations?: AttestationInputs
  /** The run and repository for provenance defaults; absent: no default provenance. */
  provenanceContext?: ProvenanceContext
  /** `build-contexts`: `name=source` entries (buildx >= 0.8 `--build-context`). */
  buildContexts?: string[]
  /** `call`: evaluate the build instead of building it (`check`, `outline`, `targets`; buildx >= 0.15). */
  call?: string
  /** `cgroup-parent` of the RUN steps' containers. */
  cgroupParent?: string
  /** `no-cache-filters`: stages built without cache (buildx `--no-cache-filter`). */
  noCacheFilters?: string[]
  /** `outputs`: exporter specs; they replace `load` (buildx `--output`). */
  outputs?: string[]
  /**
   * The loaded image is what `docker push` ships (the docker driver): it carries the attestations
   * a push would, the default provenance included.
   */
  pushedAsLoaded?: boolean
  /**
   * The image never leaves this machine (the tester): no attestation at all, not even the
   * provenance buildx adds on its own where the image store can hold one.
   */
  localOnly?: boolean
  /** `shm-size` of the RUN steps' containers (`2g`). */
  shmSize?: string
  /** `ssh`: agent sockets or keys (`default`, `id=path`). */
  ssh?: string[]
  /** `ulimit`: `name=soft[:hard]` entries. */
  ulimits?: string[]
}

export interface DockerCommand {
  args: string[]
  /** Variables to set for the docker process, on top of the current environment. */
  env: Record<string, string>
}

type Requirement = {
  /** Builder kinds that take the flag at all. */
  kinds: readonly BuilderKind[]
  /** The buildx release that added the flag. */
  buildx?: string
  /** The BuildKit release that honours it; older ones ignore it silently. */
  buildkit?: string
}

const ALL: readonly BuilderKind[] = ['buildx', 'buildkit', 'legacy']
const BUILDX: readonly BuilderKind[] = ['buildx']

/**
 * Which builders take each build-push-action input, from which buildx version, honoured by which
 * BuildKit. Checked on the test bed: docker 20.10's BuildKit (0.8, classic and buildx on the
 * docker driver) builds with --shm-size, --ulimit and --cgroup-parent but applies none of them;
 * the legacy builder and BuildKit 0.13 (engine 26) apply all three; --call is unknown to buildx 0.13.
 */
export const REQUIREMENTS = {
  'add-hosts': { kinds: ALL },
  ssh: { kinds: ['buildx', 'buildkit'] },
  'shm-size': { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
  ulimit: { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
  'cgroup-parent': { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
  'build-contexts': { kinds: BUILDX, buildx: '0.8.0', buildkit: '0.10.0' },
  'no-cache-filters': { kinds: BUILDX, buildx: '0.8.0' },
  allow: { kinds: BUILDX },
  annotations: { kinds: BUILDX, buildx: '0.12.0' },
  provenance: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
  sbom: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
  attests: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
  outputs: { kinds: BUILDX },
  call: { kinds: BUILDX, buildx: '0.15.0' }
} satisfies Record<string, Requirement>

export type FeatureInput = keyof typeof REQUIREMENTS

/** The build-push-action inputs a request uses (attestations that only switch one off need nothing). Pure. */
export function usedInputs(req: BuildRequest): FeatureInput[] {
  const a = req.attestations ?? NO_ATTESTATIONS
  const on = (attest: string) => attest !== '' && !disablesAttestation(attest)
  const used: Array<[FeatureInput, boolean]> = [
    ['add-hosts', (req.addHosts ?? []).length > 0],
    ['ssh', (req.ssh ?? []).length > 0],
    ['shm-size', Boolean(req.shmSize)],
    ['ulimit', (req.ulimits ?? []).length > 0],
    ['cgroup-parent', Boolean(req.cgroupParent)],
    ['build-contexts', (req.buildContexts ?? []).length > 0],
    ['no-cache-filters', (req.noCacheFilters ?? []).length > 0],
    ['allow', (req.allow ?? []).length > 0],
    ['annotations', (req.annotations ?? []).length > 0],
    ['provenance', on(attestArgs({ ...NO_ATTESTATIONS, provenance: a.provenance }, null, false)[0] ?? '')],
    ['sbom', on(attestArgs({ ...NO_ATTESTATIONS, sbom: a.sbom }, null, false)[0] ?? '')],
    ['attests', attestArgs({ ...NO_ATTESTATIONS, attests: a.attests }, null, false).some(on)],
    ['outputs', (req.outputs ?? []).length > 0],
    ['call', Boolean(req.call)]
  ]
  return used.filter(([, isUsed]) => isUsed).map(([name]) => name)
}

const KIND_NAMES: Record<BuilderKind, string> = {
  buildx: 'buildx',
  buildkit: "the engine's built-in BuildKit (DOCKER_BUILDKIT=1 docker build, no buildx)",
  legacy: 'the legacy builder'
}

/**
 * Stops before any build when an input cannot apply on this builder, naming the input and what
 * to do; an input is never dropped silently. Unknown versions pass on buildx (buildx itself then
 * says what it lacks) but not on the classic path, whose built-in BuildKit ignores what it lacks. Pure.
 */
export function checkSupport(req: BuildRequest, kind: BuilderKind, features: BuilderFeatures): void {
  for (const input of usedInputs(req)) {
    const need: Requirement = REQUIREMENTS[input]
    if (!need.kinds.includes(kind)) {
      const what = need.kinds.includes('buildkit') ? 'needs BuildKit' : 'needs buildx'
      throw new UserError(
        `Input "${input}" ${what}, and this run uses ${KIND_NAMES[kind]}: add docker/setup-buildx-action before stagegate (or install the buildx plugin), or remove "${input}".`
      )
    }
    if (kind === 'buildx' && need.buildx && versionAtLeast(features.buildxVersion, need.buildx) === false) {
      throw new UserError(
        `Input "${input}" needs buildx ${need.buildx} or newer; this is buildx ${features.buildxVersion}: update it (docker/setup-buildx-action installs the latest), or remove "${input}".`
      )
    }
    if (kind !== 'legacy' && need.buildkit) {
      const ok = versionAtLeast(features.buildkitVersion, need.buildkit)
      if (ok === false || (ok === null && kind === 'buildkit')) {
        const have = features.buildkitVersion
          ? `BuildKit ${features.buildkitVersion}`
          : 'a BuildKit of unknown version'
        throw new UserError(
          `Input "${input}" needs BuildKit ${need.buildkit} or newer, and this build runs on ${have}, which would ignore it: use docker/setup-buildx-action (its docker-container builder runs a current BuildKit) or a newer docker engine, or remove "${input}".`
        )
      }
    }
    if (['provenance', 'sbom', 'attests'].includes(input) && features.attestations === false) {
      throw new UserError(
        `Input "${input}" asks for an attestation, and this buildx builder cannot attach one (the docker driver on the classic image store: "Attestation is not supported for the docker driver"): use docker/setup-buildx-action (docker-container driver) or the containerd image store, or remove "${input}".`
      )
    }
  }
}

/**
 * build-push-action adds provenance by default only where it is sure to work: a builder that can
 * attach attestations, and an image that is not loaded into docker (the docker exporter). The
 * tester build and a loaded runtime therefore get none, so the image measured is the image built;
 * unless the loaded runtime is itself what `docker push` ships (`pushedAsLoaded`). Pure.
 */
export function wantsDefaultProvenance(
  req: BuildRequest,
  kind: BuilderKind,
  features: BuilderFeatures
): boolean {
  if (kind !== 'buildx' || !req.provenanceContext || features.attestations !== true || req.call) return false
  if (versionAtLeast(features.buildxVersion, '0.10.0') === false) return false
  if (versionAtLeast(features.buildkitVersion, '0.11.0') === false) return false
  // The measuring re-export (`output`) repeats a loaded build, which had no default either.
  if (req.output) return false
  // A loaded image that `docker push` ships is the pushed image: it gets the push's default.
  if (req.pushedAsLoaded) return true
  const outputs = req.outputs ?? []
  if (outputs.some(o => /(^|,)\s*type\s*=\s*docker\s*(,|$)/.test(o))) return false
  return req.push || outputs.length > 0
}

/**
 * build-push-action's inputs as BuildRequest fields. `shared` shape how RUN steps run and what they
 * see, so the tester and the runtime builds both take them (and share their cache); `runtime` is
 * about the shipped image (or replaces it, `call`): the tester is loaded locally and never pushed. Pure.
 */
export function buildOptions(
  inputs: Inputs,
  provenanceContext: ProvenanceContext | null
): { shared: Partial<BuildRequest>; runtime: Partial<BuildRequest> } {
  return {
    shared: {
      addHosts: inputs.addHosts,
      allow: inputs.allow,
      buildContexts: inputs.buildContexts,
      cgroupParent: inputs.cgroupParent,
      noCacheFilters: inputs.noCacheFilters,
      shmSize: inputs.shmSize,
      ssh: inputs.ssh,
      ulimits: inputs.ulimits
    },
    runtime: {
      annotations: inputs.annotations,
      attestations: { provenance: inputs.provenance, sbom: inputs.sbom, attests: inputs.attests },
      provenanceContext: provenanceContext ?? undefined,
      outputs: inputs.outputs,
      call: inputs.call
    }
  }
}

/** The exact docker argument list for one build on the chosen builder. Pure. */
export function buildCommand(
  req: BuildRequest,
  kind: BuilderKind,
  features: BuilderFeatures = UNKNOWN_FEATURES
): DockerCommand {
  checkSupport(req, kind, features)
  if (kind !== 'buildx' && req.platforms.length > 1) {
    throw new UserError(
      `Input "platforms" names ${req.platforms.length} platforms; building several at once needs buildx (docker/setup-buildx-action).`
    )
  }
  if (kind === 'legacy' && req.secretFiles.length > 0) {
    throw new UserError(
      'Input "secrets" needs BuildKit; the legacy builder would leak them as build args, so stagegate stops here.'
    )
  }
  const args: string[] = kind === 'buildx' ? ['buildx', 'build'] : ['build']
  if (kind !== 'legacy') args.push('--progress=plain')
  if (kind === 'buildx' && req.builder) args.push('--builder', req.builder)
  args.push('--file', req.file)
  if (req.target) args.push('--target', req.target)
  if (req.network) args.push('--network', req.network)
  for (const tag of req.tags) args.push('--tag', tag)
  for (const label of req.labels) args.push('--label', label)
  for (const [key, value] of Object.entries(req.buildArgs)) args.push('--build-arg', `${key}=${value}`)
  if (req.inlineCache && kind === 'buildkit') args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1')
  for (const secret of req.secretFiles) args.push('--secret', `id=${secret.id},src=${secret.src}`)
  for (const ssh of req.ssh ?? []) args.push('--ssh', ssh)
  for (const host of req.addHosts ?? []) args.push('--add-host', host)
  if (req.shmSize) args.push('--shm-size', req.shmSize)
  for (const ulimit of req.ulimits ?? []) args.push('--ulimit', ulimit)
  if (req.cgroupParent) args.push('--cgroup-parent', req.cgroupParent)
  if (req.platforms.length > 0) args.push('--platform', req.platforms.join(','))
  if (req.noCache) args.push('--no-cache')
  if (req.pull) args.push('--pull')
  for (const from of req.cacheFrom) args.push('--cache-from', from)
  if (kind === 'buildx') {
    for (const context of req.buildContexts ?? []) args.push('--build-context', context)
    for (const allow of req.allow ?? []) args.push('--allow', allow)
    for (const filter of req.noCacheFilters ?? []) args.push('--no-cache-filter', filter)
  }
  if (kind === 'buildx' && req.call) {
    // An evaluation (check, outline, targets) builds and exports nothing: no image, cache or attestation.
    args.push('--call', req.call)
    args.push(req.context)
    return { args, env: { DOCKER_BUILDKIT: '1' } }
  }
  if (kind === 'buildx') for (const to of req.cacheTo) args.push('--cache-to', to)
  args.push('--iidfile', req.iidFile)
  if (kind === 'buildx') {
    for (const annotation of req.annotations ?? []) args.push('--annotation', annotation)
    const attestations = req.attestations ?? NO_ATTESTATIONS
    const defaults = wantsDefaultProvenance(req, kind, features)
    for (const attest of attestArgs(attestations, req.provenanceContext ?? null, defaults)) {
      args.push('--attest', attest)
    }
    if (req.metadataFile) args.push('--metadata-file', req.metadataFile)
    if (req.output) args.push('--output', req.output)
    else {
      // `outputs` replace the local load; `push` stays a registry output beside them, as in build-push-action.
      for (const output of req.outputs ?? []) args.push('--output', output)
      if (req.push) args.push('--push')
      else if (req.load && (req.outputs ?? []).length === 0) args.push('--load')
    }
  }
  args.push(req.context)
  const env: Record<string, string> = { DOCKER_BUILDKIT: kind === 'legacy' ? '0' : '1' }
  // buildx (0.10+) attaches a min provenance by default; an older one ignores the variable. For
  // the tester it only costs: measured here on the containerd store, 0.61-0.66 s per small build
  // without it against 0.74-0.79 s with it, and ~40 ms less of the engine's CPU beside the runtime's.
  if (kind === 'buildx' && req.localOnly) env.BUILDX_NO_DEFAULT_ATTESTATIONS = '1'
  return { args, env }
}

/**
 * `docker run` for the test command in a container of the tester image. Without `--rm`: with it
 * the client waits for the removal too (0.4–0.6 s on engine 26 here); the run removes the
 * container beside what follows instead. Pure.
 */
export function testRunCommand(opts: {
  image: string
  command: string
  network: string
  reportsHostDir?: string
  reportsContainerDir?: string
  name: string
}): string[] {
  const args = ['run', '--name', opts.name]
  if (opts.network) args.push('--network', opts.network)
  if (opts.reportsHostDir && opts.reportsContainerDir) {
    args.push('--volume', `${opts.reportsHostDir}:${opts.reportsContainerDir}`)
  }
  // The command is a shell line, as `run:` steps are; the image may lack a shell only if it
  // lacks tests too, and then docker's own error says so.
  args.push('--entrypoint', '/bin/sh', opts.image, '-c', opts.command)
  return args
}
