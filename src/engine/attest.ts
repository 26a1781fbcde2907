// Attestations (`provenance`, `sbom`, `attests`) resolved as docker/build-push-action v6 does
// (its context.ts getAttestArgs, with docker/actions-toolkit's Build helpers), so a workflow moved
// from build-push-action gets the same `--attest` flags, including the provenance default:
// `mode=max` on public repositories, `mode=min,inline-only=true` on private ones.
import { readFile } from 'node:fs/promises'
import { splitListInput } from '../secrets.js'

/** The three inputs as given (trimmed). */
export interface AttestationInputs {
  provenance: string
  sbom: string
  attests: string[]
}

export const NO_ATTESTATIONS: AttestationInputs = { provenance: '', sbom: '', attests: [] }

/** What the provenance default and builder-id come from: the workflow run and its repository. */
export interface ProvenanceContext {
  privateRepository: boolean
  /** The workflow run's URL (build-push-action's builder-id); '' outside GitHub Actions. */
  builderId: string
}

function fields(attrs: string): string[] {
  return splitListInput('attests', attrs, { ignoreComma: false }).map(e => e.text.trim())
}

/** Go's strconv.ParseBool, which buildx applies to a bare attestation attribute (`type=sbom,true`). */
function goBool(text: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false
  return null
}

/** Whether attestation attributes name `type=NAME`. Pure. */
export function hasAttestationType(name: string, attrs: string): boolean {
  return fields(attrs).some(f => {
    const [key, value] = f.split('=').map(s => s.trim())
    return key === 'type' && value === name
  })
}

/** Bare booleans become `disabled=...`, as buildx reads them. Pure. */
export function resolveAttestationAttrs(attrs: string): string {
  return fields(attrs)
    .map(f => {
      const b = goBool(f)
      return b === null ? f : `disabled=${!b}`
    })
    .join(',')
}

/** Adds the run's builder-id unless the attributes name one (or there is no run). Pure. */
export function resolveProvenanceAttrs(attrs: string, builderId: string): string {
  const named = fields(attrs).some(f => f.split('=')[0]?.trim() === 'builder-id')
  if (named || builderId === '') return attrs
  return attrs === '' ? `builder-id=${builderId}` : `${attrs},builder-id=${builderId}`
}

/** The `provenance` input: `true`, `false` (core.getBooleanInput's spellings) or attributes. Pure. */
export function resolveProvenanceInput(raw: string, builderId: string): string {
  if (raw === '') return ''
  if (['true', 'True', 'TRUE'].includes(raw)) return builderId ? `builder-id=${builderId}` : 'true'
  if (['false', 'False', 'FALSE'].includes(raw)) return 'false'
  return resolveProvenanceAttrs(raw, builderId)
}

/**
 * The `--attest` values for one build, in build-push-action's order and precedence: `provenance`
 * and `sbom` win over entries of the same type in `attests`. `defaultProvenance` is used when
 * nothing asks for provenance and `defaultProvenance` is true (the caller decides when a default is safe). Pure.
 */
export function attestArgs(
  inputs: AttestationInputs,
  context: ProvenanceContext | null,
  defaultProvenance: boolean
): string[] {
  const builderId = context?.builderId ?? ''
  const args: string[] = []
  const provenance = resolveProvenanceInput(inputs.provenance, builderId)
  const attestProvenance = inputs.attests.some(a => hasAttestationType('provenance', a))
  if (provenance) args.push(resolveAttestationAttrs(`type=provenance,${provenance}`))
  else if (!attestProvenance && defaultProvenance && context) {
    const mode = context.privateRepository ? 'mode=min,inline-only=true' : 'mode=max'
    args.push(`type=provenance,${resolveProvenanceAttrs(mode, builderId)}`)
  }
  if (inputs.sbom) args.push(resolveAttestationAttrs(`type=sbom,${inputs.sbom}`))
  for (const attest of inputs.attests) {
    const isProvenance = hasAttestationType('provenance', attest)
    const isSbom = hasAttestationType('sbom', attest)
    if (!isProvenance && !isSbom) args.push(resolveAttestationAttrs(attest))
    else if (isProvenance && !provenance) args.push(resolveProvenanceAttrs(attest, builderId))
    else if (isSbom && !inputs.sbom) args.push(attest)
  }
  return args
}

/** Whether an `--attest` value turns its attestation off (`disabled=true`): any builder can honour that. Pure. */
export function disablesAttestation(attest: string): boolean {
  return fields(attest).some(f => f.replace(/\s/g, '') === 'disabled=true')
}

/** `repository.private` of the event payload; false when absent or unreadable, as build-push-action. Pure. */
export function isPrivateRepository(payload: string): boolean {
  try {
    const parsed = JSON.parse(payload) as { repository?: { private?: unknown } } | null
    return parsed?.repository?.private === true
  } catch {
    return false
  }
}

/** The workflow run's URL, build-push-action's provenance builder-id; '' outside GitHub Actions. Pure. */
export function provenanceBuilderId(env: NodeJS.ProcessEnv): string {
  const { GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env
  if (!repository || !runId) return ''
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${runId}`
}

/** Reads the repository's visibility from the event payload (GITHUB_EVENT_PATH) and the run's builder-id. */
export async function readProvenanceContext(env: NodeJS.ProcessEnv): Promise<ProvenanceContext> {
  const payload = env.GITHUB_EVENT_PATH ? await readFile(env.GITHUB_EVENT_PATH, 'utf8').catch(() => '') : ''
  return { privateRepository: isPrivateRepository(payload), builderId: provenanceBuilderId(env) }
}
