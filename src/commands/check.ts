// `stagegate check`: what BuildKit rejects or warns about in a Dockerfile before a build, plus the
// multi-stage advice. Reads the Dockerfile and looks for a .dockerignore beside it; runs nothing.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { UserError } from '../errors.js'
import { parseFlags, UsageError, type FlagSpec } from './flags.js'
import { readDockerfile, resolveTarget } from '../dockerfile/index.js'
import { checkDockerfile, lintConfig, ruleEnabled, toCheckJson, type Finding } from '../check/index.js'

export interface CheckIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  platform?: string
  readFile?: (path: string) => Promise<string>
  exists?: (path: string) => boolean
}

export interface CheckArgs {
  file: string
  buildArgs: Record<string, string>
  target: string | undefined
  json: boolean
  help: boolean
}

export const CHECK_USAGE = `Usage: stagegate check [options]

Reports what BuildKit rejects before building (as errors) and BuildKit's build checks (as
warnings, same rule names, messages and lines as docker build --check), then stagegate's
multi-stage advice: toolchain runtime base, secrets in the runtime, tester vs runtime, cache-busting
COPY order, COPY . without .dockerignore, root runtime, COPY --from a name that is no stage.

  -f, --file PATH        Dockerfile (default: Dockerfile); its folder is the build context
  --build-arg K=V        build argument (repeatable; K alone takes $K)
  --target NAME          runtime stage; BuildKit's rules then read only the stages it needs
                         (default: the last stage, and every stage is read)
  --json                 print docker buildx build --call check,format=json's shape
  -h, --help             show this help

Base images are not pulled: rules that need a base image's config (UndefinedVar with the base
image's ENV, JSONArgsRecommended with its SHELL, InvalidBaseImagePlatform) treat it as empty, as
BuildKit does when the config is empty (so InvalidBaseImagePlatform never fires).

# check=skip=...;experimental=...;error=true is honoured as BuildKit does, and
--build-arg BUILDKIT_DOCKERFILE_CHECK=... replaces it. The experimental rules
(InvalidDefinitionDescription, CopyIgnoredFile) run only when experimental= names them;
CopyIgnoredFile reads <Dockerfile>.dockerignore, else .dockerignore in the Dockerfile's folder.

Exit status: 0 with only warnings; 1 on errors (printed as file:line: message), including findings
under # check=error=true; 2 on bad usage.
`

const CHECK_FLAGS: FlagSpec = {
  values: { '-f': 'file', '--file': 'file', '--target': 'target' },
  switches: { '--json': 'json' }
}

/** Parse `check` arguments. Pure; throws UsageError on bad usage. */
export function parseCheckArgs(argv: string[], env: NodeJS.ProcessEnv = {}): CheckArgs {
  const f = parseFlags(argv, CHECK_FLAGS, env)
  return {
    file: f.values.file ?? 'Dockerfile',
    buildArgs: f.buildArgs,
    target: f.values.target,
    json: f.switches.includes('json'),
    help: f.help
  }
}

const line = (file: string, f: Finding) => `${file}:${f.startLine}: ${f.detail} (${f.ruleName})`

/** Runs `stagegate check`; returns the exit code. */
export async function checkCommand(argv: string[], io: CheckIO): Promise<number> {
  let args: CheckArgs
  try {
    args = parseCheckArgs(argv, io.env)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    io.stderr(`stagegate check: ${err.message}\n\n${CHECK_USAGE}`)
    return 2
  }
  if (args.help) {
    io.stdout(CHECK_USAGE)
    return 0
  }
  const path = isAbsolute(args.file) ? args.file : resolve(io.cwd, args.file)
  try {
    let text: string
    try {
      text = await (io.readFile ?? (p => readFile(p, 'utf8')))(path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      throw new UserError(`${args.file}: cannot read the Dockerfile (${code ?? (err as Error).message})`)
    }
    const graph = readDockerfile(text, {
      file: args.file,
      buildArgs: args.buildArgs,
      platform: io.platform,
      target: args.target
    })
    if (args.target !== undefined) resolveTarget(graph, args.target)
    // The .dockerignore BuildKit would use (<Dockerfile>.dockerignore first), read only for the
    // experimental CopyIgnoredFile.
    let dockerignore: string | undefined
    if (ruleEnabled(lintConfig(graph, args.buildArgs), 'CopyIgnoredFile')) {
      const read = io.readFile ?? (p => readFile(p, 'utf8'))
      for (const candidate of [`${path}.dockerignore`, join(dirname(path), '.dockerignore')]) {
        dockerignore = await read(candidate).catch(() => undefined)
        if (dockerignore !== undefined) break
      }
    }
    const result = checkDockerfile(graph, {
      target: args.target,
      buildArgs: args.buildArgs,
      platform: io.platform,
      context: dirname(path),
      exists: io.exists ?? existsSync,
      text,
      dockerignore
    })
    if (args.json) io.stdout(toCheckJson(result.findings) + '\n')
    else
      for (const f of result.findings)
        (f.severity === 'error' ? io.stderr : io.stdout)(line(args.file, f) + '\n')
    if (args.json) for (const f of result.errors) io.stderr(line(args.file, f) + '\n')
    if (result.fatal) io.stderr(`${result.fatal.message}\n`)
    return result.errors.length > 0 || result.fatal ? 1 : 0
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`${err.message}\n`)
      return 1
    }
    throw err
  }
}
