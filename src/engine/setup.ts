// Getting the builder ready before any build: what it is (driver, image store, versions), what
// it can do, and whether a docker-container builder must be made for cache export. The decisions
// are pure (capabilities.ts, cache.ts); this file runs the few docker commands they need.
import type { Host } from '../host.js'
import type { CacheMode } from '../inputs.js'
import type { BuilderChoice } from './builder.js'
import { CONTAINER_BUILDER, driverFromInspect, usesContainerdStore } from './buildx.js'
import { capabilitiesOf, type Capabilities } from './capabilities.js'
import { buildxInspectArgs, Probes, run, type RunOptions } from './docker.js'
import { dockerCall } from './plugin.js'
import {
  attestationSupport,
  buildkitVersionFromInspect,
  engineBuildkitVersion,
  type BuilderFeatures
} from './features.js'

export interface PreparedBuilder {
  /** `--builder` to pass ('' = the current one). */
  name: string
  capabilities: Capabilities
  features: BuilderFeatures
  /** A builder this run created: removed in the post step unless kept. */
  created: string | null
  /** A builder was needed for cache export but could not be made or started (said as a warning). */
  fellBack?: boolean
}

interface Inspected {
  driver: string | null
  containerdStore: boolean
  buildkitVersion: string | null
}

async function inspect(builder: BuilderChoice, name: string, probes: Probes): Promise<Inspected> {
  const [inspected, info] = await Promise.all([
    probes.run(dockerCall(builder.client, builder.buildxPlugin, buildxInspectArgs(name))),
    probes.driverStatus(builder.client)
  ])
  const driver = inspected.exitCode === 0 ? driverFromInspect(inspected.stdout) : null
  const buildkitVersion =
    (inspected.exitCode === 0 ? buildkitVersionFromInspect(inspected.stdout) : null) ??
    (driver === 'docker' ? engineBuildkitVersion(builder.serverVersion ?? null) : null)
  return { driver, containerdStore: usesContainerdStore(info), buildkitVersion }
}

function describe(facts: Inspected, caps: Capabilities, builder: BuilderChoice): BuilderFeatures {
  return {
    buildxVersion: builder.buildxVersion,
    buildkitVersion: facts.buildkitVersion,
    attestations: attestationSupport(facts.driver, facts.containerdStore)
  }
}

/**
 * Inspects the builder and, when cache export is wanted but its driver cannot export, creates a
 * docker-container builder and checks that it boots. A builder that cannot boot (its BuildKit
 * image cannot be pulled: rate limits, air-gapped or unprivileged runners) is removed with a
 * warning, and the run goes on with the current builder without cache export.
 */
export async function prepareBuilder(
  host: Host,
  builder: BuilderChoice,
  opts: { name: string; exportsCache: boolean; createBuilder: boolean; cacheMode: CacheMode },
  probes: Probes = new Probes()
): Promise<PreparedBuilder> {
  if (builder.kind !== 'buildx') {
    const caps = capabilitiesOf({
      kind: builder.kind,
      buildxVersion: null,
      driver: null,
      containerdStore: false
    })
    return {
      name: '',
      capabilities: caps,
      features: {
        buildxVersion: null,
        buildkitVersion:
          builder.kind === 'buildkit' ? engineBuildkitVersion(builder.serverVersion ?? null) : null,
        attestations: false
      },
      created: null
    }
  }
  const facts = await inspect(builder, opts.name, probes)
  const caps = capabilitiesOf({ kind: 'buildx', buildxVersion: builder.buildxVersion, ...facts })
  const current: PreparedBuilder = {
    name: opts.name,
    capabilities: caps,
    features: describe(facts, caps, builder),
    created: null
  }
  host.info(
    `buildx ${builder.buildxVersion ?? '?'}, driver ${facts.driver ?? 'unknown'}${facts.containerdStore ? ' (containerd image store)' : ''}, BuildKit ${facts.buildkitVersion ?? 'unknown'}.`
  )
  if (!opts.exportsCache || caps.cacheExport) return current
  if (!opts.createBuilder) {
    host.info(
      `Cache: the buildx builder (driver ${facts.driver}) cannot export ${opts.cacheMode} cache: cache is read, not written (create-builder: false).`
    )
    return current
  }
  const created = await createContainerBuilder(host, builder)
  if (!created) return { ...current, fellBack: true }
  // Removed at the end of the job (the post step), as setup-buildx-action does, unless kept.
  host.saveState?.(CREATED_BUILDER_STATE, JSON.stringify({ client: builder.client, name: created }))
  // Asked anew: an early probe of that name may predate the builder.
  const createdFacts = await inspect(builder, created, new Probes())
  const createdCaps = capabilitiesOf({
    kind: 'buildx',
    buildxVersion: builder.buildxVersion,
    ...createdFacts
  })
  host.info(
    `The buildx builder uses the docker driver, which cannot export ${opts.cacheMode} cache: using the docker-container builder "${created}" (set create-builder: false to keep yours).`
  )
  return {
    name: created,
    capabilities: createdCaps,
    features: describe(createdFacts, createdCaps, builder),
    created
  }
}

/** Creates the docker-container builder and boots it; on failure removes it and says why. */
async function createContainerBuilder(host: Host, builder: BuilderChoice): Promise<string | null> {
  const buildx = (args: string[], options: RunOptions = {}) => {
    const call = dockerCall(builder.client, builder.buildxPlugin, args)
    return run(call.command, call.args, { ...options, env: { ...options.env, ...call.env } })
  }
  const existing = await buildx(['buildx', 'inspect', CONTAINER_BUILDER])
  if (existing.exitCode !== 0) {
    const created = await buildx([
      'buildx',
      'create',
      '--name',
      CONTAINER_BUILDER,
      '--driver',
      'docker-container'
    ])
    if (created.exitCode !== 0) {
      host.warning(
        `Could not create a docker-container builder for cache export (${lastLine(created.tail)}); building with the current builder, without cache export.`
      )
      return null
    }
  }
  const booted = await host.group(`Start the buildx builder "${CONTAINER_BUILDER}"`, () =>
    buildx(['buildx', 'inspect', '--bootstrap', CONTAINER_BUILDER], {
      onLine: line => host.info(line)
    })
  )
  if (booted.exitCode === 0) return CONTAINER_BUILDER
  await buildx(['buildx', 'rm', CONTAINER_BUILDER])
  host.warning(
    `The docker-container builder "${CONTAINER_BUILDER}" could not start (${lastLine(booted.tail)}), so it was removed; building with the current builder, without cache export.`
  )
  return null
}

/** The state key under which a created builder is kept for the end of the job. */
export const CREATED_BUILDER_STATE = 'created-builder'

/**
 * Removes the builder this run created, unless `keep-builder` is set. Runs at the end of the job:
 * the action's post step, or the end of `stagegate run`.
 */
export async function cleanupBuilder(
  log: Pick<Host, 'info' | 'warning'>,
  state: string,
  keep: boolean
): Promise<void> {
  if (!state) return
  let created: { client: string; name: string }
  try {
    created = JSON.parse(state) as { client: string; name: string }
  } catch {
    return
  }
  if (keep) {
    log.info(`Keeping the buildx builder "${created.name}" (keep-builder: true).`)
    return
  }
  const removed = await run(created.client, ['buildx', 'rm', created.name])
  if (removed.exitCode === 0) log.info(`Removed the buildx builder "${created.name}" this run created.`)
  else log.warning(`Could not remove the buildx builder "${created.name}": ${lastLine(removed.tail)}`)
}

function lastLine(lines: string[]): string {
  return (
    lines
      .filter(l => l.trim() !== '')
      .slice(-1)[0]
      ?.trim() ?? 'no output'
  )
}
