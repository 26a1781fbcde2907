// `stagegate plan`: read the Dockerfile as BuildKit does and show which stages the action would
// build for the tests and for the runtime image. Reads one file; runs nothing.
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { UserError } from '../errors.js'
import { parseFlags, UsageError, type FlagSpec } from './flags.js'
import { readDockerfile } from '../dockerfile/index.js'
import {
  MissingTesterError,
  NO_TESTS,
  planBuild,
  planToJson,
  planToMermaid,
  planToText,
  resolveTestTarget,
  type BuildPlan,
  type TestTarget
} from '../plan.js'

export interface PlanIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Native platform `os/arch[/variant]` (the CLI maps process.arch); default linux/amd64. */
  platform?: string
  /** Read a file; defaults to the file system. */
  readFile?: (path: string) => Promise<string>
}

export interface PlanArgs {
  file: string | null
  context: string | null
  buildArgs: Record<string, string>
  target: string | undefined
  testTarget: TestTarget | undefined
  platform: string | undefined
  format: 'text' | 'json' | 'mermaid'
  help: boolean
}

export const PLAN_USAGE = `Usage: stagegate plan [options]

Reads the Dockerfile exactly as BuildKit does and prints the stages, the tester stage (its tests
gate the build) and the runtime stage (the image you ship), with the stages each one needs.

  -f, --file PATH        Dockerfile (default: Dockerfile in --context, or in the current directory)
  --context DIR          build context (only used to find the default Dockerfile)
  --build-arg K=V        build argument for global ARGs in FROM (repeatable; K alone takes $K)
  --target NAME          runtime stage (default: the last stage, as docker build)
  --test-target NAME     tester stage (default: tester; none plans without tests)
  --platform P           target platform (TARGETPLATFORM; default: this machine's)
  --json                 print the plan as JSON (stable contract)
  --mermaid              print the stage graph as a Mermaid flowchart
  -h, --help             show this help

Exit status: 0 when the plan is valid. A missing tester stage still exits 0: the plan is printed
without tests and a warning on stderr says the action would fail unless test-target: none.
1 on a Dockerfile error (printed as file:line: message); 2 on bad usage.
`

const PLAN_FLAGS: FlagSpec = {
  values: {
    '-f': 'file',
    '--file': 'file',
    '--context': 'context',
    '--target': 'target',
    '--test-target': 'testTarget',
    '--platform': 'platform'
  },
  switches: { '--json': 'json', '--mermaid': 'mermaid' }
}

/** Parse `plan` arguments. Pure; throws UsageError on bad usage. */
export function parsePlanArgs(argv: string[], env: NodeJS.ProcessEnv = {}): PlanArgs {
  const f = parseFlags(argv, PLAN_FLAGS, env)
  if (f.switches.length > 1) throw new UsageError('--json and --mermaid cannot be combined')
  return {
    file: f.values.file ?? null,
    context: f.values.context ?? null,
    buildArgs: f.buildArgs,
    target: f.values.target,
    testTarget: f.values.testTarget === undefined ? undefined : resolveTestTarget(f.values.testTarget),
    platform: f.values.platform,
    format: (f.switches[0] as 'json' | 'mermaid' | undefined) ?? 'text',
    help: f.help
  }
}

function dockerfilePath(args: PlanArgs): string {
  if (args.file !== null) return args.file
  return args.context !== null ? join(args.context, 'Dockerfile') : 'Dockerfile'
}

/** Runs `stagegate plan`; returns the exit code. */
export async function planCommand(argv: string[], io: PlanIO): Promise<number> {
  let args: PlanArgs
  try {
    args = parsePlanArgs(argv, io.env)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    io.stderr(`stagegate plan: ${err.message}\n\n${PLAN_USAGE}`)
    return 2
  }
  if (args.help) {
    io.stdout(PLAN_USAGE)
    return 0
  }
  const file = dockerfilePath(args)
  const path = isAbsolute(file) ? file : resolve(io.cwd, file)
  try {
    let text: string
    try {
      text = await (io.readFile ?? (p => readFile(p, 'utf8')))(path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      throw new UserError(`${file}: cannot read the Dockerfile (${code ?? (err as Error).message})`)
    }
    const graph = readDockerfile(text, {
      file,
      buildArgs: args.buildArgs,
      platform: io.platform,
      targetPlatform: args.platform,
      target: args.target
    })
    let plan: BuildPlan
    try {
      plan = planBuild(graph, { target: args.target, testTarget: args.testTarget })
    } catch (err) {
      if (!(err instanceof MissingTesterError)) throw err
      plan = planBuild(graph, { target: args.target, testTarget: NO_TESTS })
      io.stderr(`warning: ${err.message} The action fails on this Dockerfile unless test-target is none.\n`)
    }
    if (args.format === 'json') io.stdout(JSON.stringify(planToJson(plan)) + '\n')
    else if (args.format === 'mermaid') io.stdout(planToMermaid(plan))
    else io.stdout(planToText(plan))
    return 0
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`${err.message}\n`)
      return 1
    }
    throw err
  }
}
