import { redact } from './redact.js'
import type { Host } from './host.js'
import type { PipelineResult } from './run-result.js'

/** Output values as the action sets them (all strings). Pure, so the contract is table-tested. */
export function outputValues(result: PipelineResult): Record<string, string> {
  const values = rawOutputValues(result)
  // Test names and messages in the metadata can echo a secret: no output may carry one.
  for (const name of Object.keys(values)) values[name] = redact(values[name] ?? '', result.secretValues ?? [])
  return values
}

function rawOutputValues(result: PipelineResult): Record<string, string> {
  const runtime = result.builds.find(b => b.role === 'runtime')
  const values: Record<string, string> = {
    'test-outcome': result.testOutcome,
    failure: result.failure ?? '',
    'image-id': result.imageId ?? '',
    imageid: result.imageId ?? '',
    digest: result.digest ?? '',
    tags: result.tags.join('\n'),
    metadata: JSON.stringify(buildxMetadataOf(result)),
    'run-metadata': JSON.stringify({
      'image-id': result.imageId,
      digest: result.digest,
      tags: result.tags,
      pushed: result.pushed,
      target: runtime ? (runtime.stage.name ?? runtime.stage.index) : null,
      tests: result.tests,
      'tester-image': result.testerImage,
      builds: result.builds.map(b => ({
        role: b.role,
        stage: b.stage.name ?? b.stage.index,
        ok: b.ok,
        seconds: Number(b.seconds.toFixed(2)),
        steps: b.counts
      }))
    })
  }
  Object.assign(values, result.reportOutputs)
  if (result.tests.tests !== undefined) {
    values['tests-passed'] = String(result.tests.passed ?? 0)
    values['tests-failed'] = String((result.tests.failed ?? 0) + (result.tests.errors ?? 0))
  }
  return values
}

export function setOutputs(host: Host, result: PipelineResult): void {
  for (const [name, value] of Object.entries(outputValues(result))) host.setOutput(name, value)
}

/**
 * build-push-action's `metadata` output: buildx's own metadata JSON, so that
 * `fromJSON(steps.x.outputs.metadata)['containerimage.digest']` works after a change of `uses:`.
 * The classic path has no buildx metadata: the same keys, from what the build and push said.
 * A digest is only there for a pushed image, and a descriptor of the build only when it is the
 * pushed image's (or nothing was pushed: the loaded image's). Pure.
 */
export function buildxMetadataOf(result: PipelineResult): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ...(result.buildxMetadata ?? {}) }
  if (result.imageId) metadata['containerimage.config.digest'] = result.imageId
  if (result.digest) metadata['containerimage.digest'] = result.digest
  else delete metadata['containerimage.digest']
  // `docker push` of a loaded image can ship other bytes (the classic store compresses anew): a
  // descriptor of what the build made is then not the pushed image's, or not known to be.
  const descriptor = metadata['containerimage.descriptor'] as { digest?: unknown } | undefined
  if (result.pushed && descriptor && descriptor.digest !== result.digest)
    delete metadata['containerimage.descriptor']
  if (result.tags.length > 0 && metadata['image.name'] === undefined)
    metadata['image.name'] = result.tags.join(',')
  return metadata
}
