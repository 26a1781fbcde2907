// `stagegate run`: the action's pipeline on a laptop. Flags are the action's inputs
// (`--tags`, `--test-command`, ...); the log goes to stderr, outputs to stdout.
import { writeFile } from 'node:fs/promises'
import { UserError } from '../errors.js'
import type { Host } from '../host.js'
import { outputValues } from '../outputs.js'
import { runPipeline } from '../pipeline.js'
import { PipelineFailure, type PipelineResult } from '../run-result.js'
import { redact } from '../redact.js'
import type { WhatGrew } from '../report/files/grew.js'
import { installCancellation } from '../cancel.js'
import { cleanupBuilder, CREATED_BUILDER_STATE } from '../engine/setup.js'
import { commandFence } from '../untrusted-output.js'
import { parseRunArgs, type RunArgs } from './run-args.js'

export interface RunIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

export const RUN_USAGE = `Usage: stagegate run [options]

Runs the action's pipeline here: builds the tester stage, runs the tests, builds (and with
--push pushes) the runtime stage. Every action input is a flag of the same name:

  --context DIR            build context (default .)
  -f, --file PATH          Dockerfile (default DIR/Dockerfile)
  --target NAME            runtime stage (default: the last stage)
  --test-target NAME       tester stage (default tester; none to skip the tests)
  --test-command CMD       run CMD in a container of the tester image
  --test-reports DIR       JUnit folder inside the tester container or image
  -t, --tag REF            image reference (repeatable)
  --push                   push the runtime image once tests passed
  --build-arg K=V          build argument (repeatable)
  --secret ID=VALUE        BuildKit secret (repeatable; hidden in all output); also as in
                           docker build: --secret id=ID,src=FILE or --secret id=ID,env=VAR
  --test-network MODE      network of the test container (default: --network)
  --label K=V, --platform P, --builder NAME, --network MODE, --no-cache, --pull
  --cache MODE, --cache-ref REF, --cache-from SPEC, --cache-to SPEC, --create-builder BOOL,
  --keep-builder

  As in docker buildx build (build-push-action's inputs of the same names):
  --add-host HOST:IP       host mapping for RUN steps (repeatable)
  --ssh default|ID=PATH    SSH agent socket or keys for RUN --mount=type=ssh (repeatable)
  --shm-size SIZE          /dev/shm of RUN steps, e.g. 2g
  --ulimit NAME=SOFT:HARD  ulimit of RUN steps (repeatable)
  --cgroup-parent PATH     parent cgroup of RUN steps
  --build-context N=SRC    extra named build context (repeatable; buildx)
  --allow ENTITLEMENT      e.g. network.host (repeatable; buildx)
  --no-cache-filter STAGE  build STAGE without cache (repeatable; buildx)
  --annotation K=V         image annotation (repeatable; buildx 0.12+)
  --provenance true|false|ATTRS, --sbom true|false|ATTRS, --attest ATTRS (repeatable; buildx 0.10+)
  -o, --output SPEC        exporter for the runtime image instead of loading it (repeatable; buildx)
  --call check|outline|targets
                           evaluate the runtime build instead of building it (buildx 0.15+)

  --check warn|error|off   the Dockerfile check before any build: annotate the findings
                           (default), fail on any finding, or skip it

  --summary FILE           write the job summary markdown to FILE
  --json                   print the outputs as one JSON object (plus "grew": the files behind
                           the size change, when new or changed layers were listed)
  --quiet                  do not stream the build log
`

/** The terminal as a Host: the log on stderr, outputs and summary collected for the caller. */
export function terminalHost(
  args: RunArgs,
  io: RunIO,
  outputs: Record<string, string>,
  summary: string[],
  state: Record<string, string> = {}
): Host {
  const where = (w?: { file?: string; startLine?: number }): string =>
    w?.file ? `${w.file}${w.startLine ? `:${w.startLine}` : ''}: ` : ''
  const line = (text: string): void => io.stderr(`${text}\n`)
  // Inside a workflow's `run:` step the runner reads our stderr for workflow commands too.
  const fence = io.env.GITHUB_ACTIONS === 'true' ? commandFence(line) : null
  return {
    input: name => args.inputs[name] ?? '',
    info: message => io.stderr(`${message}\n`),
    warning: (message, w) => io.stderr(`warning: ${where(w)}${message}\n`),
    error: (message, w) => io.stderr(`error: ${where(w)}${message}\n`),
    group: async (name, fn) => {
      io.stderr(`\n▶ ${name}\n`)
      return fn()
    },
    untrusted: fn => (fence ? fence.untrusted(fn) : fn(line)),
    setOutput: (name, value) => {
      outputs[name] = value
    },
    setSecret: () => undefined, // redactingHost hides the values; there is no runner to tell
    saveState: (name, value) => {
      state[name] = value
    },
    appendSummary: async markdown => {
      summary.push(markdown)
    },
    streamBuildLog: !args.quiet,
    env: io.env
  }
}

/** One output on a terminal line; the markdown report is pointed to rather than printed escaped. */
export function outputLine(name: string, value: string): string {
  if (name === 'report' && value !== '') {
    return `(markdown, ${value.split('\n').length} lines: --summary FILE writes it, --json prints it)`
  }
  return value.includes('\n') ? JSON.stringify(value) : value
}

/** The structured "What grew" for --json, every string redacted as the outputs are. */
function grewValue(result: PipelineResult): WhatGrew | null {
  if (!result.grew) return null
  const secrets = result.secretValues ?? []
  return JSON.parse(JSON.stringify(result.grew), (_key, value: unknown) =>
    typeof value === 'string' ? redact(value, secrets) : value
  ) as WhatGrew
}

export async function runCommand(argv: string[], io: RunIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RUN_USAGE)
    return 0
  }
  let args: RunArgs
  try {
    args = parseRunArgs(argv)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    io.stderr(`stagegate run: ${error.message}\n`)
    return 2
  }
  const outputs: Record<string, string> = {}
  let grew: WhatGrew | null = null
  const summary: string[] = []
  const state: Record<string, string> = {}
  const host = terminalHost(args, io, outputs, summary, state)
  let code = 0
  // Ctrl-C (or a SIGTERM): stop the builds and the test container, remove the secret files.
  const uninstall = installCancellation({
    log: message => io.stderr(`${message}\n`),
    exit: c => process.exit(c)
  })
  try {
    const result = await runPipeline(host, io.cwd)
    Object.assign(outputs, outputValues(result))
    grew = grewValue(result)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    // A pipeline failure was already reported once, with its file and line: don't say it twice.
    if (error instanceof PipelineFailure) {
      Object.assign(outputs, outputValues(error.result))
      grew = grewValue(error.result)
    } else io.stderr(`error: ${error.message}\n`)
    code = 1
  } finally {
    uninstall()
    // The end of a CLI run is the end of its job: a builder it made goes, as in the post step.
    await cleanupBuilder(host, state[CREATED_BUILDER_STATE] ?? '', args.inputs['keep-builder'] === 'true')
  }
  if (args.summaryFile) await writeFile(args.summaryFile, summary.join('\n'))
  if (args.json) io.stdout(`${JSON.stringify(grew ? { ...outputs, grew } : outputs, null, 2)}\n`)
  else for (const [name, value] of Object.entries(outputs)) io.stdout(`${name}=${outputLine(name, value)}\n`)
  return code
}
