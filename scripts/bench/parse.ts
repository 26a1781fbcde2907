// Benchmark: our readDockerfile against dockerfile-ast in one process, and `stagegate plan --json`
// as a whole process against bare `node -e 0`. Run: npx tsx scripts/bench/parse.ts
// (the whole-process part needs `npm run bundle` first).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { DockerfileParser } from 'dockerfile-ast'
import { readDockerfile } from '../../src/dockerfile/index.js'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')

/** A ~5,000-line, 200-stage Dockerfile with continuations, comments inside them, heredocs and mounts. */
export function bigDockerfile(stages = 200): string {
  const out: string[] = [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=debian:bookworm-slim',
    'ARG VERSION=1.0.0',
    ''
  ]
  for (let i = 0; i < stages; i++) {
    const prev = i > 0 ? `s${i - 1}` : null
    out.push(`FROM ${i % 3 === 0 || !prev ? '${BASE}' : prev} AS s${i}`)
    out.push(`ARG VERSION`)
    out.push(`ENV APP_HOME=/opt/app${i} \\`)
    out.push(`    PATH=/opt/app${i}/bin:$PATH`)
    out.push(`WORKDIR /opt/app${i}`)
    out.push(`RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\`)
    out.push(`    # refresh the package index`)
    out.push(`    apt-get update && \\`)
    out.push(`    apt-get install -y --no-install-recommends \\`)
    out.push(`      ca-certificates curl git \\`)
    out.push(``)
    out.push(`      build-essential && \\`)
    out.push(`    rm -rf /var/lib/apt/lists/*`)
    out.push(`COPY --chown=1000:1000 src/${i}/ ./src/`)
    if (prev) {
      out.push(`COPY --chown=1000:1000 --link --from=${prev} /opt/app${i - 1}/bin /opt/app${i}/deps/`)
      out.push(`RUN --mount=type=bind,from=${prev},source=/opt,target=/prev \\`)
      out.push(`    --mount=type=cache,target=/root/.cache \\`)
      out.push(`    make -C src VERSION=\${VERSION} DEPS=/prev`)
    } else {
      out.push(`COPY --from=golang:1.22 /usr/local/go /usr/local/go`)
      out.push(`RUN make -C src`)
      out.push(`RUN true`)
      out.push(`RUN true`)
    }
    out.push(`RUN <<EOF`)
    out.push(`set -eux`)
    out.push(`echo "stage ${i}" > /opt/app${i}/STAGE`)
    out.push(`EOF`)
    out.push(`# tests for stage ${i}`)
    out.push(`RUN ["/bin/sh", "-c", "test -f /opt/app${i}/STAGE"]`)
    out.push('')
  }
  out.push('FROM s199 AS tester')
  out.push('RUN make test')
  out.push('FROM ${BASE} AS runtime')
  out.push('COPY --from=s199 /opt/app199 /opt/app')
  out.push('CMD ["/opt/app/bin/app"]')
  return out.join('\n') + '\n'
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

function time(fn: () => void, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) fn()
  const xs: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

function ours(text: string): number {
  const g = readDockerfile(text, { file: 'Dockerfile' })
  return g.stages.length
}

// dockerfile-ast's own parse plus the walk needed to get what we get: stages, names, bases, args.
function theirs(text: string): number {
  const df = DockerfileParser.parse(text)
  let n = 0
  for (const from of df.getFROMs()) {
    n += (from.getImageName() ?? '').length + (from.getBuildStage() ?? '').length
  }
  for (const ins of df.getInstructions()) {
    n += ins.getKeyword().length + ins.getArguments().length + ins.getRange().end.line
    const flags = (ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] })
      .getFlags
    if (flags) for (const f of flags.call(ins)) n += f.getName().length + (f.getValue() ?? '').length
  }
  return n
}

function wholeProcess(args: string[], runs: number): number {
  const xs: number[] = []
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
    const dt = performance.now() - t
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    if (i >= 2) xs.push(dt) // the first two warm the file system cache
  }
  return median(xs)
}

export async function benchParse(): Promise<void> {
  const fixtures = join(ROOT, '__tests__/fixtures/dockerfiles')
  const big = bigDockerfile()
  const files: [string, string][] = [['generated (200 stages)', big]]
  for (const f of readdirSync(fixtures).sort()) files.push([f, readFileSync(join(fixtures, f), 'utf8')])

  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)
  console.log('in-process parse, median ms per parse (warm):')
  for (const [name, text] of files) {
    const lines = text.split('\n').length
    const runs = lines > 1000 ? 40 : 400
    const a = time(() => ours(text), runs / 4, runs)
    const b = time(() => theirs(text), runs / 4, runs)
    console.log(
      `  ${name.padEnd(24)} ${String(lines).padStart(5)} lines  stagegate ${a.toFixed(3)} ms  ` +
        `dockerfile-ast ${b.toFixed(3)} ms  ratio ${(b / a).toFixed(1)}x`
    )
  }

  const cli = join(ROOT, 'dist/cli/index.js')
  if (!existsSync(cli)) {
    console.log('whole process: dist/cli/index.js is missing; run npm run bundle first')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-bench-'))
  const file = join(dir, 'Dockerfile')
  writeFileSync(file, big)
  const bare = wholeProcess(['-e', '0'], 10)
  const plan = wholeProcess([cli, 'plan', '--json', '-f', file], 10)
  console.log('whole process, median of 10 (spawn to exit):')
  console.log(`  node -e 0                         ${bare.toFixed(1)} ms`)
  console.log(
    `  stagegate plan --json (big file)  ${plan.toFixed(1)} ms  (+${(plan - bare).toFixed(1)} ms over bare node)`
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchParse().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
