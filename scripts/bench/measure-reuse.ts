// Benchmark of measuring an unpushed image on the classic path (docker save) when the baseline
// already knows most of its layers: a ~1 GiB image (4 layers of 256 MiB of incompressible data)
// whose pull request changed only a 10 MiB top layer. The baseline is main's image as the
// registry holds it; the change is measured with and without its layer sizes, in the same run,
// next to a bare `docker save` read to its end (what bounds the measurement).
// The images are tagged and kept (locally and in the registry), so re-runs build and push nothing.
// Run: BENCH_ONLY=measure-reuse npm run bench   (BENCH_RUNS; BENCH_REUSE_ONE_CORE=1 adds a
// one-core run without the baseline, the way the measurement worked before).
import { spawn, spawnSync } from 'node:child_process'
import { createCipheriv } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { knownLayerSizes, measureFromRegistry, measureLocalImage } from '../../src/report/measure.js'
import type { ImageMeasurement } from '../../src/report/model.js'

const DOCKER = process.env.STAGEGATE_DOCKER ?? '/usr/bin/docker'
const REGISTRY = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
const BASE = process.env.STAGEGATE_BASE_IMAGE ?? 'local/busybox:1'
const NAME = 'stagegate-bench/measure-reuse'
const LAYERS = 4
const LAYER_MIB = 256
const TOP_MIB = 10

export interface MeasureReuseResult {
  imageBytes: number
  layers: number
  reusedLayers: number
  withBaselineRunsMs: number[]
  withBaselineMedianMs: number
  withoutBaselineMs: number
  oneCoreMs: number | null
  dockerSaveMs: number
  /** Of which before docker save's first byte (the daemon writing the layers to a temporary directory). */
  dockerSaveFirstByteMs: number
  ratio: number
  /** Peak resident memory of this process while measuring, in MiB. */
  peakRssMiB: number
  /** The change's compressed size with and without the baseline's layer sizes. */
  compressedWith: number
  compressedWithout: number
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

function present(image: string): boolean {
  return spawnSync(DOCKER, ['image', 'inspect', image], { stdio: 'ignore' }).status === 0
}

/** Reproducible incompressible bytes (AES-CTR keystream), fixed mtime: identical layers on every build. */
function writeNoise(file: string, bytes: number, seed: number): void {
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, seed), Buffer.alloc(16, 0))
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

/** The base (4 x 256 MiB), main's image (+10 MiB) and the pull request's (another 10 MiB instead). */
function buildImages(log: (line: string) => void): void {
  const wanted = [`${NAME}:base`, `${NAME}:main`, `${NAME}:pr`]
  if (wanted.every(present)) return
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-reuse-'))
  try {
    log(`building ${NAME}:base|main|pr (${LAYERS} x ${LAYER_MIB} MiB + a ${TOP_MIB} MiB top layer; once)`)
    const base = [`FROM ${BASE}`]
    for (let i = 0; i < LAYERS; i++) {
      writeNoise(path.join(dir, `layer${i}.bin`), LAYER_MIB << 20, 100 + i)
      base.push(`COPY layer${i}.bin /data/layer${i}.bin`)
    }
    writeFileSync(path.join(dir, 'Dockerfile.base'), base.join('\n') + '\n')
    docker(['build', '--network=none', '-q', '-f', 'Dockerfile.base', '-t', `${NAME}:base`, '.'], dir)
    for (const [tag, seed] of [
      ['main', 1],
      ['pr', 2]
    ] as const) {
      writeNoise(path.join(dir, `top-${tag}.bin`), TOP_MIB << 20, 200 + seed)
      writeFileSync(
        path.join(dir, `Dockerfile.${tag}`),
        `FROM ${NAME}:base\nCOPY top-${tag}.bin /data/top.bin\n`
      )
      docker(['build', '--network=none', '-q', '-f', `Dockerfile.${tag}`, '-t', `${NAME}:${tag}`, '.'], dir)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Main's image as the registry holds it: pushed once (the push gzips 1 GiB), then only read. */
async function mainFromRegistry(log: (line: string) => void): Promise<ImageMeasurement> {
  const pushed = `${REGISTRY}/${NAME}:main`
  try {
    return await measureFromRegistry(pushed, { docker: null, target: 'runtime' })
  } catch {
    log(`pushing ${pushed} (once)`)
    docker(['tag', `${NAME}:main`, pushed])
    docker(['push', pushed])
    return measureFromRegistry(pushed, { docker: null, target: 'runtime' })
  }
}

/** `docker save` read to its end and thrown away: the floor of any docker-save measurement. */
async function dockerSaveMs(image: string): Promise<{ ms: number; firstByteMs: number }> {
  const started = performance.now()
  let firstByteMs = 0
  const child = spawn(DOCKER, ['save', image], { stdio: ['ignore', 'pipe', 'ignore'] })
  for await (const chunk of child.stdout) {
    void chunk
    firstByteMs ||= performance.now() - started
  }
  await new Promise(resolve => child.once('close', resolve))
  return { ms: performance.now() - started, firstByteMs }
}

/** Samples this process's resident memory until read; the reading is the peak in MiB. */
function sampleRss(): () => number {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  timer.unref()
  return () => {
    clearInterval(timer)
    return Math.round(peak / (1 << 20))
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

export async function benchMeasureReuse(
  options: { runs?: number; oneCore?: boolean; log?: (line: string) => void } = {}
): Promise<MeasureReuseResult> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 3)
  const oneCore = options.oneCore ?? process.env.BENCH_REUSE_ONE_CORE === '1'
  const log = options.log ?? ((line: string) => console.log(line))
  buildImages(log)
  const main = await mainFromRegistry(log)
  const baseline = { measurement: main, origin: 'registry' as const, ref: 'main' }
  const pr = `${NAME}:pr`
  const knownSizes = async (platform: string) => knownLayerSizes(baseline, platform)
  const peakRssMiB = sampleRss()

  const save = await dockerSaveMs(pr)
  log(
    `docker save ${pr}, read and thrown away: ${save.ms.toFixed(0)} ms (first byte after ${save.firstByteMs.toFixed(0)} ms)`
  )
  const withRuns: number[] = []
  let withBaseline: ImageMeasurement | null = null
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await timeIt(() => measureLocalImage(pr, { docker: DOCKER, knownSizes }))
    withRuns.push(ms)
    withBaseline = value
    log(`measureLocalImage with the baseline's layer sizes, run ${i + 1}: ${ms.toFixed(0)} ms`)
  }
  const without = await timeIt(() => measureLocalImage(pr, { docker: DOCKER }))
  log(`measureLocalImage without a baseline (every layer gzipped, all cores): ${without.ms.toFixed(0)} ms`)
  let oneCoreMs: number | null = null
  if (oneCore) {
    oneCoreMs = (await timeIt(() => measureLocalImage(pr, { docker: DOCKER, concurrency: 1 }))).ms
    log(`measureLocalImage without a baseline on one core (as before): ${oneCoreMs.toFixed(0)} ms`)
  }
  const platform = withBaseline!.platforms[0]!
  const result: MeasureReuseResult = {
    imageBytes: platform.disk ?? 0,
    layers: platform.layers.length,
    reusedLayers: platform.layers.filter(l => l.sizeFrom === 'baseline').length,
    withBaselineRunsMs: withRuns,
    withBaselineMedianMs: median(withRuns),
    withoutBaselineMs: without.ms,
    oneCoreMs,
    dockerSaveMs: save.ms,
    dockerSaveFirstByteMs: save.firstByteMs,
    ratio: without.ms / median(withRuns),
    peakRssMiB: peakRssMiB(),
    compressedWith: platform.compressed,
    compressedWithout: without.value.platforms[0]!.compressed
  }
  const mib = (n: number): string => `${(n / (1 << 20)).toFixed(1)} MiB`
  log(
    [
      `image: ${result.layers} layers, ${mib(result.imageBytes)} on disk; ${result.reusedLayers} layer sizes from the baseline`,
      `with the baseline: median ${result.withBaselineMedianMs.toFixed(0)} ms of ${runs} (goal < 5000 ms); ` +
        `without: ${result.withoutBaselineMs.toFixed(0)} ms; ratio ${result.ratio.toFixed(1)}x`,
      `bound: docker save alone ${result.dockerSaveMs.toFixed(0)} ms, first byte after ${result.dockerSaveFirstByteMs.toFixed(0)} ms ` +
        '(it writes every layer to a temporary directory, then streams them all, even those not compressed)',
      `compressed: ${mib(result.compressedWith)} with the baseline's sizes, ${mib(result.compressedWithout)} all gzipped here; peak RSS ${result.peakRssMiB} MiB`,
      `machine: ${os.availableParallelism()} cores, load average ${os
        .loadavg()
        .map(n => n.toFixed(1))
        .join(' ')}`
    ].join('\n')
  )
  return result
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMeasureReuse().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
