// The data the report is made of. Measurements are plain JSON so they can be stored as a
// baseline (actions cache), read back by a later run, and exposed as outputs.
import type { RecordedFinding } from '../check/in-run.js'

/** One layer of an image, in the order the image stacks them. */
export interface LayerInfo {
  /** Blob digest of the compressed layer (null where only on-disk data is known). */
  digest: string | null
  /** Compressed size in bytes as pushed (the blob size in the manifest). */
  compressed: number
  /** Uncompressed size in bytes, where known (image config history / docker history). */
  disk: number | null
  /** The Dockerfile instruction that created the layer (image config history `created_by`). */
  createdBy: string
  /**
   * Digest of the uncompressed layer (config `rootfs.diff_ids`): the same content has the same
   * diff ID however it was measured, so local estimates can be matched with pushed layers.
   */
  diffId?: string
  /**
   * The layer's media type as pushed (`application/vnd.oci.image.layer.v1.tar+gzip`, `…+zstd`,
   * or a plain `…tar`: uncompressed, so every pull downloads it whole). Absent in records of older
   * runs: unknown, not uncompressed.
   */
  mediaType?: string
  /**
   * `baseline`: `compressed` is the baseline's size for the same diff ID, taken instead of
   * compressing the layer again (a `docker save` measurement). Absent: measured in this run.
   */
  sizeFrom?: 'baseline'
  /**
   * What the layer holds, in brief (largest directories and files, deletions), where the layer
   * was listed: layers new or changed against the baseline, and carried over from the baseline
   * for layers it already knew. Absent in records of older runs and for layers never listed.
   */
  files?: LayerFiles
}

/** A file or directory of a layer and the bytes it holds (a directory: every file under it). */
export interface PathBytes {
  /** Absolute path; a directory ends with `/`. */
  path: string
  bytes: number
  /** Regular files counted (directories only). */
  files?: number
}

/** The compact summary of one layer's files kept in the baseline record. */
export interface LayerFiles {
  /** Regular files in the layer. */
  files: number
  /** Their sizes summed (tar headers: the bytes on disk before the filesystem's own overhead). */
  bytes: number
  /** The largest directories, largest first. */
  dirs: PathBytes[]
  /** False when smaller directories were left out: a path missing from `dirs` may exist. */
  dirsComplete: boolean
  /** The largest files, largest first. */
  top: PathBytes[]
  topComplete: boolean
  /** Paths this layer deletes (whiteouts); an emptied directory (opaque whiteout) ends with `/*`. */
  deleted: string[]
  /** Deletions in all, `deleted` may list fewer. */
  deletedCount: number
}

export interface PlatformMeasurement {
  /** `os/arch[/variant]`, e.g. `linux/amd64`. */
  platform: string
  /** Sum of layer blobs plus the config blob, in bytes. */
  compressed: number
  /** Size on disk (uncompressed), or null where it cannot be known without pulling. */
  disk: number | null
  layers: LayerInfo[]
  /** Digest of the image config (the image ID), where the measurement read it. */
  configDigest?: string
}

export interface ImageMeasurement {
  /** Image name without tag, e.g. `ghcr.io/acme/api`. */
  image: string
  /** The stage that was measured (runtime or tester target). */
  target: string
  tags: string[]
  /** Manifest (or index) digest where pushed, else null. */
  digest: string | null
  platforms: PlatformMeasurement[]
  /** ISO 8601 time of measurement. */
  measuredAt: string
  /** Where the numbers came from, for the report's footnote. */
  source: 'registry' | 'oci-layout' | 'docker-save' | 'docker-inspect'
}

export interface Baseline {
  measurement: ImageMeasurement
  /** `cache` for a record saved by an earlier run, `registry` for `baseline-ref`. */
  origin: 'cache' | 'registry'
  /** The branch (cache) or image reference (registry) the baseline was taken from. */
  ref: string
  /** Commit the baseline was measured at, where known. */
  sha?: string
  /** The base branch's Dockerfile findings, when its run recorded them (check not off). */
  findings?: RecordedFinding[]
}

/**
 * `error`: the tests did not run, or did not finish, because something else failed (a build
 * step of another stage, the builder, the engine): a release pipeline must tell that apart from
 * failing tests.
 */
export type TestOutcome = 'passed' | 'failed' | 'skipped' | 'error'

export interface TestCaseFailure {
  name: string
  classname?: string
  message?: string
  file?: string
  line?: number
  kind: 'failure' | 'error'
}

export interface TestSummary {
  outcome: TestOutcome
  /** How the tests ran: the tester stage's RUN steps or `test-command` in a container. */
  mode: 'build' | 'command' | 'none'
  /** Counts come from JUnit reports; absent when no report was found. */
  tests?: number
  passed?: number
  failed?: number
  errors?: number
  skipped?: number
  failures: TestCaseFailure[]
  /** Time the tests took in milliseconds (the reports' own time where known, else the test step's). */
  durationMs?: number
  /** The tester stage came whole from the build cache: it passed before, and no test ran now. */
  cached?: boolean
  /** With outcome `error`: what stopped the tests from running (e.g. `the build failed`). */
  notRunReason?: string
  /** The tests' own total time from the JUnit reports, in seconds (durationMs prefers it). */
  reportSeconds?: number
  /** Failing cases counted but not listed in `failures` (more than a report can usefully show). */
  failuresOmitted?: number
  /** Reports skipped or read with problems (invalid, hostile, too large): one line each, to print. */
  reportWarnings?: string[]
}
