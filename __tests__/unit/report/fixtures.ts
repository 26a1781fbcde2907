// Small builders for measurements, so each test states only what matters to it.
import type { Baseline, ImageMeasurement, LayerInfo, PlatformMeasurement } from '../../../src/report/model.js'

export function layer(
  createdBy: string,
  compressed: number,
  digest: string | null = null,
  disk: number | null = null
): LayerInfo {
  return { createdBy, compressed, digest, disk }
}

export function platform(name: string, layers: LayerInfo[], disk: number | null = null): PlatformMeasurement {
  return { platform: name, compressed: layers.reduce((n, l) => n + l.compressed, 0), disk, layers }
}

export function image(
  platforms: PlatformMeasurement[],
  over: Partial<ImageMeasurement> = {}
): ImageMeasurement {
  return {
    image: 'ghcr.io/acme/api',
    target: 'runtime',
    tags: ['ghcr.io/acme/api:pr-7'],
    digest: null,
    platforms,
    measuredAt: '2025-01-02T03:04:05.000Z',
    source: 'registry',
    ...over
  }
}

/** One platform, linux/amd64, of the given compressed size in a single layer. */
export function sized(bytes: number, name = 'linux/amd64'): ImageMeasurement {
  return image([platform(name, [layer('COPY app /app', bytes, `sha256:${bytes}`)])])
}

export function baselineOf(measurement: ImageMeasurement, over: Partial<Baseline> = {}): Baseline {
  return {
    measurement,
    origin: 'cache',
    ref: 'main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    ...over
  }
}
