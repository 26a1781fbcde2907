// Advice only a reader of the whole stage graph can give (issue 11 §3): what ships in the runtime
// stage, what the tester stage really tests, and what makes the build slow or the image unsafe.
import type { Instruction, Stage, StageGraph } from '../dockerfile/index.js'
import { repositoryOf, splitReference } from '../reference.js'
import type { Finding, RuleInfo } from './finding.js'
import { isSecretName, neededStages } from './buildkit.js'
import { suggest } from './suggest.js'

export interface AdviceOptions {
  runtime: Stage
  tester?: Stage
  /** Whether the build context holds a .dockerignore; undefined skips that rule. */
  hasDockerignore?: boolean
}

const DOCS = 'https://github.com/stagegate/stagegate#stagegate-check'
const advice = (name: string, description: string): RuleInfo => ({ name, description, url: `${DOCS}` })

export const ADVICE = {
  ToolchainRuntimeBase: advice(
    'ToolchainRuntimeBase',
    'The runtime stage should not ship a compiler toolchain'
  ),
  SecretInRuntime: advice('SecretInRuntime', 'Secrets passed by ARG, ENV or COPY stay in the image layers'),
  TesterSharesNoStage: advice(
    'TesterSharesNoStage',
    'The tester stage should test the artefact the runtime ships'
  ),
  TesterReachesRuntime: advice('TesterReachesRuntime', 'Test-only files should not reach the runtime stage'),
  CacheBustingCopy: advice(
    'CacheBustingCopy',
    'Copy and install dependency manifests before copying the whole source'
  ),
  CopyWithoutDockerignore: advice(
    'CopyWithoutDockerignore',
    'COPY . sends the whole context when there is no .dockerignore'
  ),
  RuntimeRunsAsRoot: advice('RuntimeRunsAsRoot', 'The runtime stage should run as a non-root USER'),
  CopyFromUnknownStage: advice(
    'CopyFromUnknownStage',
    'COPY --from names no stage, so BuildKit pulls it as an image'
  )
} as const

// Typical uncompressed linux/amd64 sizes as `docker images` lists them for current tags
// (Docker Hub and MCR, 2024-2025), the same figures as issue 11's size table.
const TOOLCHAINS: { match: (repo: string, tag: string) => boolean; hint: string }[] = [
  {
    match: r => r === 'docker.io/library/golang',
    hint: 'golang (~350 MB+): build in it, ship a static binary on gcr.io/distroless/static (~2 MB) or scratch (Go runtime images ~10 MB)'
  },
  {
    match: (r, t) => r === 'docker.io/library/node' && !/slim|alpine/.test(t),
    hint: 'node (~1.1 GB): ship node:<version>-slim (~200 MB) or -alpine (~130 MB); distroless node ~25 MB over your app'
  },
  {
    match: (r, t) => r === 'docker.io/library/python' && !/slim|alpine/.test(t),
    hint: 'python (~950 MB): ship python:<version>-slim (~150 MB)'
  },
  {
    match: r => r === 'docker.io/library/maven' || r === 'docker.io/library/gradle',
    hint: 'maven/gradle (~500-800 MB): ship eclipse-temurin:<version>-jre (~270 MB)'
  },
  {
    match: r => r === 'docker.io/library/rust',
    hint: 'rust (~1.4 GB): ship debian:bookworm-slim (~75 MB) or distroless/cc (~25 MB)'
  },
  {
    match: r => r === 'mcr.microsoft.com/dotnet/sdk',
    hint: 'dotnet/sdk (~800 MB): ship mcr.microsoft.com/dotnet/aspnet or runtime (~200 MB)'
  },
  {
    match: (r, t) =>
      r === 'docker.io/library/openjdk' || (r === 'docker.io/library/eclipse-temurin' && !/jre/.test(t)),
    hint: 'a JDK (~450 MB): ship a JRE such as eclipse-temurin:<version>-jre (~270 MB)'
  }
]

const SECRET_FILE =
  /(^|\/)(\.env(\..*)?|id_rsa|id_ed25519|\.npmrc|\.pypirc|\.netrc|credentials(\.json)?|[^/]*\.pem|[^/]*\.key)$/
const MANIFEST =
  /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements[^/]*\.txt|Pipfile(\.lock)?|poetry\.lock|pyproject\.toml|pom\.xml|build\.gradle(\.kts)?|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|[^/]*\.csproj)$/
const INSTALL =
  /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm install|pip3? install|poetry install|go mod download|bundle install|composer install|mvn\b.*dependency:|cargo fetch|dotnet restore)/

function chain(graph: StageGraph, st: Stage): Stage[] {
  const out = [st]
  let cur = st
  while (cur.baseStage !== null) {
    cur = graph.stages[cur.baseStage] as Stage
    out.push(cur)
  }
  return out
}

const copySources = (ins: Instruction) => ins.argv.slice(0, -1)

/** The advice rules for a runtime (and optional tester) stage; findings in stage order. */
export function adviseGraph(graph: StageGraph, options: AdviceOptions): Finding[] {
  const out: Finding[] = []
  const report = (rule: keyof typeof ADVICE, detail: string, ins: Instruction) =>
    out.push({
      ruleName: rule,
      ...ADVICE[rule],
      detail,
      startLine: ins.startLine,
      endLine: ins.endLine,
      severity: 'warning'
    })
  const { runtime, tester } = options
  const runtimeChain = chain(graph, runtime)
  const rootImage = runtimeChain[runtimeChain.length - 1] as Stage
  const runtimeFrom = runtime.instructions[0] as Instruction

  const repo = repositoryOf(rootImage.base)
  const tag = splitReference(rootImage.base).tag ?? 'latest'
  const toolchain = repo && TOOLCHAINS.find(t => t.match(repo, tag))
  if (toolchain)
    report(
      'ToolchainRuntimeBase',
      `Runtime stage "${runtime.name ?? `stage-${runtime.index}`}" is built on ${rootImage.base}: ${toolchain.hint}`,
      runtimeFrom
    )

  const needed = neededStages(graph, runtime)
  for (const st of graph.stages) {
    if (!needed.has(st.index)) continue
    const inherited = runtimeChain.includes(st)
    for (const ins of st.instructions) {
      if (inherited && (ins.keyword === 'ARG' || ins.keyword === 'ENV')) {
        for (const w of ins.argv) {
          const key = w.split('=')[0] as string
          if (isSecretName(key))
            report(
              'SecretInRuntime',
              `${ins.keyword} ${key} is recorded in the runtime image's config or history; pass it with RUN --mount=type=secret,id=${key.toLowerCase()} instead`,
              ins
            )
        }
      }
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !ins.flags.from) {
        const secret = copySources(ins).find(s => SECRET_FILE.test(s))
        if (secret)
          report(
            'SecretInRuntime',
            `${secret} is copied into stage "${st.name ?? `stage-${st.index}`}", which the runtime stage ${inherited ? 'inherits' : 'copies from'}; use RUN --mount=type=secret instead`,
            ins
          )
      }
    }
  }

  if (tester && tester !== runtime) {
    const testerNeeds = neededStages(graph, tester)
    const shared = [...needed].filter(i => testerNeeds.has(i) && i !== tester.index)
    if (needed.has(tester.index)) {
      const via = runtime.instructions.find(i => i.flags.from?.some(f => f.toLowerCase() === tester.name))
      report(
        'TesterReachesRuntime',
        `The runtime stage needs the tester stage "${tester.name}": test files and dependencies ship; copy from the build stage instead`,
        via ?? runtimeFrom
      )
    } else if (shared.length === 0)
      report(
        'TesterSharesNoStage',
        `Tester stage "${tester.name}" and runtime stage "${runtime.name ?? `stage-${runtime.index}`}" share no build stage, so what ships is never the artefact tested; build both FROM one build stage`,
        tester.instructions[0] as Instruction
      )
  }

  for (const st of graph.stages) {
    const body = st.instructions.slice(1)
    const copyAll = body.findIndex(
      i => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.from && copySources(i).includes('.')
    )
    if (copyAll < 0) continue
    const ins = body[copyAll] as Instruction
    const install = body.findIndex((i, n) => n > copyAll && i.keyword === 'RUN' && INSTALL.test(i.args))
    const manifestFirst = body
      .slice(0, copyAll)
      .some(i => i.keyword === 'COPY' && copySources(i).some(s => MANIFEST.test(s)))
    if (install >= 0 && !manifestFirst)
      report(
        'CacheBustingCopy',
        `Every source change re-runs line ${(body[install] as Instruction).startLine}'s install: copy the dependency manifests and install them before COPY .`,
        ins
      )
    if (options.hasDockerignore === false)
      report(
        'CopyWithoutDockerignore',
        'The context has no .dockerignore: .git, local builds and secrets such as .env are sent and copied',
        ins
      )
  }

  if (
    !runtimeChain.some(st =>
      st.instructions.some(i => i.keyword === 'USER' && !/^(root|0)(:.*)?$/.test(i.args))
    ) ||
    lastUser(runtimeChain) === 'root'
  )
    report(
      'RuntimeRunsAsRoot',
      'The runtime stage sets no USER, so its process runs as root; add USER with a non-root user',
      runtimeFrom
    )

  const names: string[] = []
  for (const s of graph.stages) if (s.name) names.push(s.name)
  for (const st of graph.stages)
    for (const ins of st.instructions) {
      const from = ins.keyword === 'COPY' ? ins.flags.from?.at(-1) : undefined
      if (
        from &&
        st.externalImages.includes(from) &&
        /^[a-z0-9][a-z0-9_.-]*$/i.test(from) &&
        !from.includes('.')
      ) {
        const near = suggest(from.toLowerCase(), names)
        report(
          'CopyFromUnknownStage',
          `No stage is named "${from}", so BuildKit pulls the image ${from}${near ? ` (did you mean stage "${near}"?)` : ''}`,
          ins
        )
      }
    }
  return out
}

function lastUser(runtimeChain: Stage[]): string | null {
  for (const st of runtimeChain)
    for (let i = st.instructions.length - 1; i >= 0; i--) {
      const ins = st.instructions[i] as Instruction
      if (ins.keyword === 'USER') return /^(root|0)(:.*)?$/.test(ins.args) ? 'root' : ins.args
    }
  return null
}
