import { chmod, mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { testRunCommand } from '../engine/command.js'
import { run } from '../engine/docker.js'
import type { BuilderChoice } from '../engine/builder.js'
import type { Host } from '../host.js'
import { isCancelled, onCancel } from '../cancel.js'
import { ExcerptCollector } from './excerpt.js'
import { asReportError, readJUnitFile, type ReportInput } from './junit.js'

export interface CommandOutcome {
  exitCode: number
  seconds: number
  tail: string[]
  /** The lines that name failing tests, with the tail, picked from the whole output. */
  excerpt: string[]
  /** The container's removal, which runs beside what follows (the run waits for it before it ends). */
  removed: Promise<void>
}

/** Removes the test container and its anonymous volumes (a VOLUME of the image), as `--rm` would. */
const REMOVE = (name: string): string[] => ['rm', '--force', '--volumes', name]

/** Runs `test-command` in a container of the tester image; the exit code decides. */
export async function runTestCommand(
  host: Host,
  builder: BuilderChoice,
  opts: {
    image: string
    command: string
    network: string
    reportsHostDir?: string
    reportsContainerDir?: string
  }
): Promise<CommandOutcome> {
  if (opts.reportsHostDir) {
    await mkdir(opts.reportsHostDir, { recursive: true })
    // Tests may run as a non-root USER of the image; they must be able to write their reports.
    await chmod(opts.reportsHostDir, 0o777)
  }
  const name = `stagegate-tests-${process.pid}-${Date.now()}`
  const args = testRunCommand({ ...opts, name })
  // Cancelled meanwhile: the container goes, whatever its command does with the signal.
  const forget = onCancel(async () => {
    // The client may have been stopped while the engine was still creating the container, which
    // then starts after a first removal: remove it again until it has not shown up for 0.5 s.
    let absent = 0
    for (let i = 0; i < 40 && absent < 5; i++) {
      await run(builder.client, REMOVE(name), { duringCancel: true })
      await new Promise(resolve => setTimeout(resolve, 100))
      const inspected = await run(builder.client, ['container', 'inspect', name], { duringCancel: true })
      absent = inspected.exitCode === 0 ? 0 : absent + 1
    }
  })
  const excerpt = new ExcerptCollector()
  const started = performance.now()
  const result = await host.group('Run the tests in the tester image', async () => {
    host.info(`${builder.client} ${args.join(' ')}`)
    // The test command is the pull request's code: its output must not speak for the action.
    return host.untrusted(emit =>
      run(builder.client, args, {
        captureStdout: false,
        onLine: line => {
          emit(line)
          excerpt.push(line)
        }
      })
    )
  })
  const seconds = (performance.now() - started) / 1000
  // The verdict is known: the container goes beside the push. A cancel meanwhile removes it too.
  const removed = run(builder.client, REMOVE(name), { duringCancel: true }).then(
    removal => {
      forget()
      // Cancelled meanwhile: the cancel's own removal takes over, nothing to warn about.
      if (isCancelled()) return
      if (removal.exitCode !== 0 && !/No such container/i.test(removal.tail.join('\n')))
        host.warning(`Could not remove the test container ${name}: ${removal.tail.slice(-1)[0] ?? ''}`)
    },
    () => forget()
  )
  return {
    exitCode: result.exitCode,
    seconds,
    tail: result.tail,
    excerpt: excerpt.excerpt().lines,
    removed
  }
}

/**
 * Copies a folder out of an image without running it (`docker create` + `docker cp`), for reports
 * that the tester stage's RUN steps wrote. Returns false when the folder is not in the image.
 */
export async function copyFromImage(
  builder: BuilderChoice,
  image: string,
  containerDir: string,
  hostDir: string
): Promise<boolean> {
  const created = await run(builder.client, ['create', image, '/bin/true'])
  const id = created.stdout.trim()
  if (created.exitCode !== 0 || id === '') return false
  try {
    await mkdir(hostDir, { recursive: true })
    const copied = await run(builder.client, ['cp', `${id}:${containerDir.replace(/\/?$/, '/.')}`, hostDir])
    return copied.exitCode === 0
  } finally {
    await run(builder.client, ['rm', '--force', id])
  }
}

/**
 * Every `*.xml` file below a folder (JUnit reports), each read as a stream into counts and
 * failing cases. A file that cannot be read safely comes back with its error, to be warned about;
 * symbolic links are not followed (the tests wrote this folder).
 */
export async function readReportFiles(dir: string): Promise<ReportInput[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  const files = entries
    .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
    .map(e => path.join(e.parentPath, e.name))
    .sort()
  const reports: ReportInput[] = []
  // One at a time: memory stays that of one report, whatever their number and size.
  for (const file of files) {
    const source = path.relative(dir, file)
    try {
      reports.push({ path: source, report: await readJUnitFile(file, source) })
    } catch (error) {
      reports.push({ path: source, error: asReportError(error, source) })
    }
  }
  return reports
}
