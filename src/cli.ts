#!/usr/bin/env node
// The `stagegate` command line. Subcommands load lazily so `plan` never pays for the action's
// dependencies (@actions/*, the pipeline) that `run` needs.
import './startup.js'
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { nativePlatform } from './platform.js'
import { VERSION } from './version.js'

export interface CommandIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Native platform `os/arch[/variant]`. */
  platform?: string
}

export type CommandFn = (argv: string[], io: CommandIO) => Promise<number>

export interface Command {
  summary: string
  load: () => Promise<CommandFn>
  /** Work started before the command is loaded, with its arguments. */
  start?: (argv: string[], env: NodeJS.ProcessEnv) => Promise<void>
}

/** Subcommands: add one with a single entry. */
export const commands: Record<string, Command> = {
  plan: {
    summary: 'show the stages the tests and the runtime image need (no build)',
    load: async () => (await import('./commands/plan.js')).planCommand
  },
  check: {
    summary:
      'report what BuildKit rejects or warns about in the Dockerfile, and multi-stage advice (no build)',
    load: async () => (await import('./commands/check.js')).checkCommand
  },
  run: {
    summary: 'run the action here: build and test the tester stage, then build (and push) the runtime stage',
    load: async () => (await import('./commands/run.js')).runCommand,
    start: startRunProbes
  }
}

/**
 * `run`'s docker probes, started before the pipeline loads, as the action's entry starts them
 * (src/index.ts): the run takes them over when it asks the same docker about the same builder.
 * Flags that do not parse start nothing; `run` reports them.
 */
async function startRunProbes(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [{ parseRunArgs }, { probeAtStart }] = await Promise.all([
    import('./commands/run-args.js'),
    import('./engine/docker.js')
  ])
  let builder: string
  try {
    builder = parseRunArgs(argv).inputs.builder ?? ''
  } catch {
    return
  }
  probeAtStart(env, builder.trim())
}

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map(n => n.length))
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n')
  return `Usage: stagegate <command> [options]

Commands:
${list}

Options:
  -h, --help     show this help (stagegate <command> --help for a command's options)
  -v, --version  print the version
`
}

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    ;(first === undefined ? io.stderr : io.stdout)(usage())
    return first === undefined ? 2 : 0
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${VERSION}\n`)
    return 0
  }
  const command = Object.hasOwn(commands, first) ? commands[first] : undefined
  if (!command) {
    io.stderr(`stagegate: unknown command "${first}"\n\n${usage()}`)
    return 2
  }
  try {
    await command.start?.(rest, io.env)
    const run = await command.load()
    return await run(rest, { platform: nativePlatform(), ...io })
  } catch (err) {
    // User errors are handled by each command; anything here is a bug: say so briefly.
    io.stderr(`stagegate: internal error: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) {
  const code = await main(process.argv.slice(2), {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd()
  })
  process.exitCode = code
}
