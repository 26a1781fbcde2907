import { UserError } from '../errors.js'
import type { BuilderKind } from './builder.js'

/** One build of one target, as the pipeline asks for it. */
export interface BuildRequest {
  context: string
  file: string
  target: string
  tags: string[]
  labels: string[]
  buildArgs: Record<string, string>
  /** Secret id → path of a temporary file holding the value. */
  secretFiles: Array<{ id: string; src: string }>
  platforms: string[]
  network: string
  noCache: boolean
  pull: boolean
  /** buildx: push in the same build (`--push`). Classic paths push afterwards with `docker push`. */
  push: boolean
  /** buildx: load the result into the docker image store (needed to run or inspect it locally). */
  load: boolean
  cacheFrom: string[]
  cacheTo: string[]
  /** Classic BuildKit: embed cache metadata in the image (`BUILDKIT_INLINE_CACHE=1`). */
  inlineCache: boolean
  iidFile: string
  /** buildx only: where buildx writes its metadata JSON (digest of the pushed image). */
  metadataFile?: string
  /** buildx only: a named builder instance (`--builder`). */
  builder?: string
  /** buildx only: an exporter spec (`--output type=oci,dest=DIR,tar=false`), instead of push/load. */
  output?: string
}

export interface DockerCommand {
  args: string[]
  /** Variables to set for the docker process, on top of the current environment. */
  env: Record<string, string>
}

/** The exact docker argument list for one build on the chosen builder. Pure. */
export function buildCommand(req: BuildRequest, kind: BuilderKind): DockerCommand {
  if (kind !== 'buildx' && req.platforms.length > 1) {
    throw new UserError(
      `Input "platforms" names ${req.platforms.length} platforms; building several at once needs buildx (docker/setup-buildx-action).`
    )
  }
  if (kind === 'legacy' && req.secretFiles.length > 0) {
    throw new UserError(
      'Input "secrets" needs BuildKit; the legacy builder would leak them as build args, so stagegate stops here.'
    )
  }
  const args: string[] = kind === 'buildx' ? ['buildx', 'build'] : ['build']
  if (kind !== 'legacy') args.push('--progress=plain')
  if (kind === 'buildx' && req.builder) args.push('--builder', req.builder)
  args.push('--file', req.file)
  if (req.target) args.push('--target', req.target)
  if (req.network) args.push('--network', req.network)
  for (const tag of req.tags) args.push('--tag', tag)
  for (const label of req.labels) args.push('--label', label)
  for (const [key, value] of Object.entries(req.buildArgs)) args.push('--build-arg', `${key}=${value}`)
  if (req.inlineCache && kind === 'buildkit') args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1')
  for (const secret of req.secretFiles) args.push('--secret', `id=${secret.id},src=${secret.src}`)
  if (req.platforms.length > 0) args.push('--platform', req.platforms.join(','))
  if (req.noCache) args.push('--no-cache')
  if (req.pull) args.push('--pull')
  for (const from of req.cacheFrom) args.push('--cache-from', from)
  if (kind === 'buildx') for (const to of req.cacheTo) args.push('--cache-to', to)
  args.push('--iidfile', req.iidFile)
  if (kind === 'buildx') {
    if (req.metadataFile) args.push('--metadata-file', req.metadataFile)
    if (req.output) args.push('--output', req.output)
    else if (req.push) args.push('--push')
    else if (req.load) args.push('--load')
  }
  args.push(req.context)
  const env: Record<string, string> = { DOCKER_BUILDKIT: kind === 'legacy' ? '0' : '1' }
  return { args, env }
}

/** `docker run` for the test command in a container of the tester image. Pure. */
export function testRunCommand(opts: {
  image: string
  command: string
  network: string
  reportsHostDir?: string
  reportsContainerDir?: string
  name: string
}): string[] {
  const args = ['run', '--rm', '--name', opts.name]
  if (opts.network) args.push('--network', opts.network)
  if (opts.reportsHostDir && opts.reportsContainerDir) {
    args.push('--volume', `${opts.reportsHostDir}:${opts.reportsContainerDir}`)
  }
  // The command is a shell line, as `run:` steps are; the image may lack a shell only if it
  // lacks tests too, and then docker's own error says so.
  args.push('--entrypoint', '/bin/sh', opts.image, '-c', opts.command)
  return args
}
