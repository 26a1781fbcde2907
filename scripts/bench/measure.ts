// Benchmark of measuring a ~1 GiB image (8 layers of 128 MiB of incompressible data) against the
// real engine and registry (scripts/engine.sh up): measureFromRegistry, which reads manifests and
// the config only, against the classic-path fallback measureLocalImage (docker save | gzip), in
// the same run.
// Run: npx tsx scripts/bench/measure.ts   (BENCH_RUNS, BENCH_SAVE_RUNS, BENCH_LAYERS, BENCH_LAYER_MIB)
import { spawnSync } from 'node:child_process'
import { createCipheriv } from 'node:crypto'
import { mkdtempSync, openSync, closeSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { measureFromRegistry, measureLocalImage } from '../../src/report/measure.js'

const DOCKER = process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'
const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
const BASE = process.env.STAGEGATE_BASE_IMAGE ?? 'local/busybox:1'

export interface MeasureBenchResult {
  layers: number
  imageBytes: number
  compressedBytes: number
  registryRunsMs: number[]
  registryMedianMs: number
  saveRunsMs: number[]
  saveMedianMs: number
  saveCompressedBytes: number
  /** Peak resident memory of this process during the docker-save runs, in MiB. */
  savePeakRssMiB: number
  ratio: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function docker(args: string[], cwd?: string): string {
  const result = spawnSync(DOCKER, args, {
    cwd,
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
    encoding: 'utf8'
  })
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

/**
 * Incompressible but reproducible bytes (AES-CTR keystream from a fixed key), with a fixed mtime:
 * the layers come out identical on every run, so the registry stores them once instead of
 * keeping another GiB per run (blobs outlive a deleted manifest until garbage collection).
 */
function writeNoise(file: string, bytes: number, seed: number): void {
  const key = Buffer.alloc(32, seed)
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16, 0))
  const zeros = Buffer.alloc(4 << 20)
  const fd = openSync(file, 'w')
  try {
    for (let written = 0; written < bytes; written += zeros.length) {
      writeSync(fd, cipher.update(zeros.subarray(0, Math.min(zeros.length, bytes - written))))
    }
  } finally {
    closeSync(fd)
  }
  utimesSync(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'))
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

export async function benchMeasure(
  options: {
    runs?: number
    saveRuns?: number
    layers?: number
    layerMiB?: number
    log?: (line: string) => void
  } = {}
): Promise<MeasureBenchResult> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 5)
  const saveRuns = options.saveRuns ?? Number(process.env.BENCH_SAVE_RUNS ?? 1)
  const layers = options.layers ?? Number(process.env.BENCH_LAYERS ?? 8)
  const layerMiB = options.layerMiB ?? Number(process.env.BENCH_LAYER_MIB ?? 128)
  const log = options.log ?? ((line: string) => console.log(line))
  const image = `${REGISTRY}/stagegate-bench/measure:big`
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-measure-'))
  try {
    log(`writing ${layers} x ${layerMiB} MiB of incompressible data`)
    const lines = [`FROM ${BASE}`]
    for (let i = 0; i < layers; i++) {
      writeNoise(path.join(dir, `layer${i}.bin`), layerMiB << 20, i + 1)
      lines.push(`COPY layer${i}.bin /data/layer${i}.bin`)
    }
    writeFileSync(path.join(dir, 'Dockerfile'), lines.join('\n') + '\n')
    log('building and pushing')
    docker(['build', '--network=none', '-q', '-t', image, '.'], dir)
    docker(['push', image])
    rmSync(dir, { recursive: true, force: true })

    const registryRuns: number[] = []
    let compressedBytes = 0
    for (let i = 0; i < runs; i++) {
      const { ms, value } = await timeIt(() => measureFromRegistry(image, { docker: null }))
      registryRuns.push(ms)
      compressedBytes = value.platforms[0]!.compressed
      log(`measureFromRegistry run ${i + 1}: ${ms.toFixed(1)} ms`)
    }

    const saveRuns_: number[] = []
    let saveCompressed = 0
    let peakRss = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 50)
    try {
      for (let i = 0; i < saveRuns; i++) {
        const { ms, value } = await timeIt(() => measureLocalImage(image, { docker: DOCKER }))
        saveRuns_.push(ms)
        saveCompressed = value.platforms[0]!.compressed
        log(`measureLocalImage (docker save | gzip -6) run ${i + 1}: ${ms.toFixed(0)} ms`)
      }
    } finally {
      clearInterval(sampler)
    }
    const imageBytes = Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).trim())
    const result: MeasureBenchResult = {
      layers: layers + 1,
      imageBytes,
      compressedBytes,
      registryRunsMs: registryRuns,
      registryMedianMs: median(registryRuns),
      saveRunsMs: saveRuns_,
      saveMedianMs: median(saveRuns_),
      saveCompressedBytes: saveCompressed,
      savePeakRssMiB: Math.round(peakRss / (1 << 20)),
      ratio: median(saveRuns_) / median(registryRuns)
    }
    const mib = (n: number): string => `${(n / (1 << 20)).toFixed(0)} MiB`
    log(
      [
        `image: ${result.layers} layers, ${mib(imageBytes)} on disk, ${mib(compressedBytes)} compressed in the registry`,
        `measureFromRegistry (manifests + config): median ${result.registryMedianMs.toFixed(1)} ms of ${runs}`,
        `docker save | gzip -6 (classic fallback): median ${result.saveMedianMs.toFixed(0)} ms of ${saveRuns}, ` +
          `estimate ${mib(saveCompressed)}, peak RSS ${result.savePeakRssMiB} MiB`,
        `ratio: the fallback takes ${result.ratio.toFixed(0)}x as long`
      ].join('\n')
    )
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
    spawnSync(DOCKER, ['image', 'rm', image], { stdio: 'ignore' })
    // Drop the tag from the registry too; its blobs stay until the registry garbage-collects,
    // and being reproducible they are reused rather than duplicated by the next run.
    const head = await fetch(`http://${REGISTRY}/v2/stagegate-bench/measure/manifests/big`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' }
    }).catch(() => null)
    const digest = head?.headers.get('docker-content-digest')
    if (digest) {
      await fetch(`http://${REGISTRY}/v2/stagegate-bench/measure/manifests/${digest}`, {
        method: 'DELETE'
      }).catch(() => null)
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMeasure().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
