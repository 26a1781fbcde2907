// What the chosen builder can do, decided once from facts about it (builder kind, buildx version,
// driver, image store), so that no build asks for an export the driver refuses. Pure.
import type { BuilderKind } from './builder.js'
import { versionAtLeast } from './features.js'
import { UserError } from '../errors.js'

export interface BuilderFacts {
  kind: BuilderKind
  /** `v0.13.1`, or null without buildx. */
  buildxVersion: string | null
  /** buildx driver (`docker`, `docker-container`, `remote`, `kubernetes`), null when unknown. */
  driver: string | null
  /** The engine keeps images in containerd (`io.containerd.snapshotter`). */
  containerdStore: boolean
}

export interface Capabilities {
  /** The result can be loaded into the engine's image store. */
  load: boolean
  /** Loading is free: the driver builds into the engine's own store (docker driver, classic). */
  loadIsFree: boolean
  /**
   * Known, not assumed, to build into the engine's store (the engine's builder, or buildx's
   * docker driver as `buildx inspect` named it): `docker push` can take a loaded image from there.
   */
  imageInEngine: boolean
  /** `--output type=oci` (an OCI layout to measure an unpushed image exactly). */
  ociExport: boolean
  /** Two `--output` in one build (the image and the OCI layout at once). */
  twoOutputs: boolean
  /** `--cache-to` other than inline. */
  cacheExport: boolean
  /** `type=gha` cache against GitHub's current cache service (protocol v2, buildx 0.21+). */
  ghaCache: boolean
}

/** GitHub's cache service speaks only protocol v2 since 2025; buildx speaks it from 0.21. */
export const GHA_V2_BUILDX = '0.21.0'
/** Several exporters in one build: buildx 0.13 with BuildKit 0.13. */
export const MULTI_OUTPUT_BUILDX = '0.13.0'

export function capabilitiesOf(facts: BuilderFacts): Capabilities {
  if (facts.kind !== 'buildx') {
    // The engine's own BuildKit (or the legacy builder) builds into the image store, nowhere else.
    return {
      load: true,
      loadIsFree: true,
      imageInEngine: true,
      ociExport: false,
      twoOutputs: false,
      cacheExport: false,
      ghaCache: false
    }
  }
  const dockerDriver = facts.driver === 'docker' || facts.driver === null
  // The docker driver on the classic image store refuses cache export, OCI output and two outputs.
  const exporters = !dockerDriver || facts.containerdStore
  return {
    load: true,
    loadIsFree: dockerDriver,
    imageInEngine: facts.driver === 'docker',
    ociExport: exporters,
    twoOutputs: exporters && versionAtLeast(facts.buildxVersion, MULTI_OUTPUT_BUILDX) === true,
    cacheExport: exporters,
    ghaCache: exporters && versionAtLeast(facts.buildxVersion, GHA_V2_BUILDX) === true
  }
}

/** How the runtime build leaves its result, and how it is measured before (or without) a push. */
export interface RuntimeOutputs {
  /** `--output` specs; empty with `load` means `--load` alone. */
  outputs: string[]
  load: boolean
  /** Where the image is measured from before any push. */
  measure: 'oci-layout' | 'local-image'
}

/**
 * The runtime build never pushes: the push waits for the gate and the budgets. It leaves an image
 * that can be measured exactly and pushed without a rebuild. Pure.
 */
export function runtimeOutputs(
  caps: Capabilities,
  opts: {
    kind: BuilderKind
    platforms: number
    ociDir: string
    /**
     * The image is measured from the registry once pushed, nothing measures it before (a push
     * without budgets): a second export to an OCI layout would only cost time (~1 s here).
     */
    measuredAfterPush?: boolean
  }
): RuntimeOutputs {
  const oci = `type=oci,dest=${opts.ociDir},tar=false`
  if (opts.kind !== 'buildx') return { outputs: [], load: true, measure: 'local-image' }
  if (opts.platforms > 1) {
    // Several platforms cannot be loaded into the engine; the OCI layout holds them all.
    if (!caps.ociExport)
      throw new UserError(
        'Input "platforms" names several platforms, which this buildx builder cannot export (the docker driver on the classic image store): use a docker-container builder (docker/setup-buildx-action) or the containerd image store.'
      )
    return { outputs: [oci], load: false, measure: 'oci-layout' }
  }
  if (caps.loadIsFree && opts.measuredAfterPush) return { outputs: [], load: true, measure: 'local-image' }
  if (caps.twoOutputs && caps.loadIsFree)
    return { outputs: ['type=docker', oci], load: true, measure: 'oci-layout' }
  if (caps.ociExport && !caps.loadIsFree) return { outputs: [oci], load: false, measure: 'oci-layout' }
  return { outputs: [], load: true, measure: 'local-image' }
}

/**
 * Whether to load the tester image into the engine: needed to run the test command, to copy
 * reports out, or to weigh it for the multi-stage saving; free on the docker driver. On a
 * docker-container builder a load is a tarball export of a whole toolchain image. Pure.
 */
export function loadTester(
  caps: Capabilities,
  needs: { testCommand: boolean; testReports: boolean }
): boolean {
  return needs.testCommand || needs.testReports || caps.loadIsFree
}
