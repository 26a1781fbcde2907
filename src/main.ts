import * as core from '@actions/core'
import type { Host } from './host.js'
import { runPipeline } from './pipeline.js'
import { PipelineFailure, type PipelineResult } from './run-result.js'
import { UserError } from './errors.js'
import { setOutputs } from './outputs.js'
import { installCancellation } from './cancel.js'
import { cleanupBuilder, CREATED_BUILDER_STATE } from './engine/setup.js'
import { parseBoolean } from './inputs.js'
import { commandFence, type CommandFence } from './untrusted-output.js'

/**
 * The GitHub runner as a Host: inputs, log commands, outputs and the job summary of @actions/core.
 * Untrusted output is printed with workflow commands stopped; the action's own commands step out
 * of such a block, so they take effect even while a build or the tests are printing.
 */
export function actionHost(fence: CommandFence = commandFence(line => core.info(line))): Host {
  return {
    input: name => core.getInput(name),
    info: message => core.info(message),
    warning: (message, where) => fence.trusted(() => core.warning(message, where)),
    error: (message, where) => fence.trusted(() => core.error(message, where)),
    group: async (name, fn) => {
      fence.trusted(() => core.startGroup(name))
      try {
        return await fn()
      } finally {
        fence.trusted(() => core.endGroup())
      }
    },
    untrusted: fn => fence.untrusted(fn),
    setOutput: (name, value) => fence.trusted(() => core.setOutput(name, value)),
    setSecret: value => fence.trusted(() => core.setSecret(value)),
    saveState: (name, value) => fence.trusted(() => core.saveState(name, value)),
    appendSummary: async markdown => {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      try {
        await core.summary.addRaw(markdown, true).write()
      } catch (error) {
        // A summary that cannot be written must not hide the build's own result.
        core.summary.emptyBuffer()
        fence.trusted(() => core.warning(`Could not write the job summary: ${(error as Error).message}`))
      }
    },
    streamBuildLog: true,
    env: process.env
  }
}

/** The action's post step: removes the buildx builder the main step created, unless kept. */
export async function post(): Promise<void> {
  try {
    const keep = parseBoolean('keep-builder', core.getInput('keep-builder'), false)
    await cleanupBuilder(core, core.getState(CREATED_BUILDER_STATE), keep)
  } catch (error) {
    core.warning(`stagegate post step: ${(error as Error).message}`)
  }
}

/** The main step (it marks the state so the post step knows itself), or the post step. */
export async function entry(isPost: boolean): Promise<void> {
  if (isPost) return post()
  core.saveState('is-post', 'true')
  await run()
}

/** The action's entry point: never throws; a failure is one readable line via core.setFailed. */
export async function run(host: Host = actionHost()): Promise<void> {
  let result: PipelineResult | undefined
  // The runner cancels with SIGINT then SIGTERM: stop the builds and the test container first.
  const uninstall = installCancellation({
    log: message => core.info(message),
    exit: code => process.exit(code)
  })
  try {
    result = await runPipeline(host)
  } catch (error) {
    if (error instanceof PipelineFailure) {
      // The failure is already annotated at its Dockerfile line; a second, bare error would repeat it.
      setOutputs(host, error.result)
      process.exitCode = core.ExitCode.Failure
      return
    }
    if (error instanceof UserError) {
      core.setFailed(error.message)
      return
    }
    const err = error as Error
    core.debug(err.stack ?? String(err))
    core.setFailed(
      `stagegate stopped on an unexpected error: ${err.message}. Please report it with the log above.`
    )
    return
  } finally {
    uninstall()
  }
  setOutputs(host, result)
}
