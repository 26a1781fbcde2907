// BuildKit's linter rules (frontend/dockerfile/linter/ruleset.go, v0.24): names, descriptions, URLs
// and messages exactly as BuildKit words them. All 22 rules are listed; see EXPERIMENTAL for the two
// that run only when `# check=experimental=` names them.
import type { RuleInfo } from './finding.js'

const url = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`
const rule = (name: string, description: string, slug: string | null): RuleInfo => ({
  name,
  description,
  url: slug === null ? '' : url(slug)
})

export const RULES = {
  StageNameCasing: rule('StageNameCasing', 'Stage names should be lowercase', 'stage-name-casing'),
  FromAsCasing: rule(
    'FromAsCasing',
    "The 'as' keyword should match the case of the 'from' keyword",
    'from-as-casing'
  ),
  NoEmptyContinuation: rule(
    'NoEmptyContinuation',
    'Empty continuation lines will become errors in a future release',
    'no-empty-continuation'
  ),
  ConsistentInstructionCasing: rule(
    'ConsistentInstructionCasing',
    'All commands within the Dockerfile should use the same casing (either upper or lower)',
    'consistent-instruction-casing'
  ),
  DuplicateStageName: rule('DuplicateStageName', 'Stage names should be unique', 'duplicate-stage-name'),
  ReservedStageName: rule(
    'ReservedStageName',
    'Reserved words should not be used as stage names',
    'reserved-stage-name'
  ),
  JSONArgsRecommended: rule(
    'JSONArgsRecommended',
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    'json-args-recommended'
  ),
  MaintainerDeprecated: rule(
    'MaintainerDeprecated',
    'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    'maintainer-deprecated'
  ),
  UndefinedArgInFrom: rule(
    'UndefinedArgInFrom',
    'FROM command must use declared ARGs',
    'undefined-arg-in-from'
  ),
  WorkdirRelativePath: rule(
    'WorkdirRelativePath',
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    'workdir-relative-path'
  ),
  UndefinedVar: rule('UndefinedVar', 'Variables should be defined before their use', 'undefined-var'),
  MultipleInstructionsDisallowed: rule(
    'MultipleInstructionsDisallowed',
    'Multiple instructions of the same type should not be used in the same stage',
    'multiple-instructions-disallowed'
  ),
  LegacyKeyValueFormat: rule(
    'LegacyKeyValueFormat',
    'Legacy key/value format with whitespace separator should not be used',
    'legacy-key-value-format'
  ),
  RedundantTargetPlatform: rule(
    'RedundantTargetPlatform',
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    'redundant-target-platform'
  ),
  SecretsUsedInArgOrEnv: rule(
    'SecretsUsedInArgOrEnv',
    'Sensitive data should not be used in the ARG or ENV commands',
    'secrets-used-in-arg-or-env'
  ),
  InvalidDefaultArgInFrom: rule(
    'InvalidDefaultArgInFrom',
    'Default value for global ARG results in an empty or invalid base image name',
    'invalid-default-arg-in-from'
  ),
  FromPlatformFlagConstDisallowed: rule(
    'FromPlatformFlagConstDisallowed',
    'FROM --platform flag should not use a constant value',
    'from-platform-flag-const-disallowed'
  ),
  // Needs the base image's config (its platform); BuildKit's ruleset gives it no URL.
  InvalidBaseImagePlatform: rule(
    'InvalidBaseImagePlatform',
    'Base image platform does not match expected target platform',
    null
  ),
  CopyIgnoredFile: rule(
    'CopyIgnoredFile',
    'Attempting to Copy file that is excluded by .dockerignore',
    'copy-ignored-file'
  ),
  InvalidDefinitionDescription: rule(
    'InvalidDefinitionDescription',
    'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    'invalid-definition-description'
  ),
  ExposeProtoCasing: rule(
    'ExposeProtoCasing',
    'Protocol in EXPOSE instruction should be lowercase',
    'expose-proto-casing'
  ),
  ExposeInvalidFormat: rule(
    'ExposeInvalidFormat',
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    'expose-invalid-format'
  )
} as const

/** Rules BuildKit runs only when `# check=experimental=NAME` (or `=all`) opts in; skip= never drops them. */
export const EXPERIMENTAL: ReadonlySet<string> = new Set(['CopyIgnoredFile', 'InvalidDefinitionDescription'])

export type BuildkitRule = keyof typeof RULES

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\'
}
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u

/** Go's %q (strconv.Quote): printable runes as they are, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const e = GO_ESCAPES[ch]
    if (e !== undefined) out += e
    else if (PRINTABLE.test(ch)) out += ch
    else {
      const c = ch.codePointAt(0) as number
      out +=
        c < 0x80
          ? `\\x${c.toString(16).padStart(2, '0')}`
          : c < 0x10000
            ? `\\u${c.toString(16).padStart(4, '0')}`
            : `\\U${c.toString(16).padStart(8, '0')}`
    }
  }
  return out + '"'
}

export const MESSAGES = {
  StageNameCasing: (name: string) => `Stage name '${name}' should be lowercase`,
  FromAsCasing: (from: string, as: string) => `'${as}' and '${from}' keywords' casing do not match`,
  NoEmptyContinuation: () => 'Empty continuation line',
  ConsistentInstructionCasing: (cmd: string, casing: string) =>
    `Command '${cmd}' should match the case of the command majority (${casing})`,
  DuplicateStageName: (name: string) => `Duplicate stage name ${goQuote(name)}, stage names should be unique`,
  ReservedStageName: (name: string) =>
    `Stage name should not use the same name as reserved stage ${goQuote(name)}`,
  JSONArgsRecommended: (ins: string) =>
    `JSON arguments recommended for ${ins} to prevent unintended behavior related to OS signals`,
  MaintainerDeprecated: () => 'Maintainer instruction is deprecated in favor of using label',
  UndefinedArgInFrom: (arg: string, suggest: string) =>
    `FROM argument '${arg}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
  WorkdirRelativePath: (dir: string) =>
    `Relative workdir ${goQuote(dir)} can have unexpected results if the base image changes`,
  UndefinedVar: (arg: string, suggest: string) =>
    `Usage of undefined variable '$${arg}'${suggest ? ` (did you mean $${suggest}?)` : ''}`,
  MultipleInstructionsDisallowed: (ins: string) =>
    `Multiple ${ins} instructions should not be used in the same stage because only the last one will be used`,
  LegacyKeyValueFormat: (cmd: string) =>
    `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
  RedundantTargetPlatform: (v: string) =>
    `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior`,
  SecretsUsedInArgOrEnv: (ins: string, key: string) =>
    `Do not use ARG or ENV instructions for sensitive data (${ins} ${goQuote(key)})`,
  InvalidDefaultArgInFrom: (base: string) =>
    `Default value for ARG ${base} results in empty or invalid base image name`,
  FromPlatformFlagConstDisallowed: (p: string) =>
    `FROM --platform flag should not use constant value ${goQuote(p)}`,
  InvalidBaseImagePlatform: (image: string, expected: string, actual: string) =>
    `Base image ${image} was pulled with platform ${goQuote(actual)}, expected ${goQuote(expected)} for current build`,
  CopyIgnoredFile: (cmd: string, file: string) =>
    `Attempting to ${cmd} file ${goQuote(file)} that is excluded by .dockerignore`,
  InvalidDefinitionDescription: (instruction: string, name: string) =>
    `Comment for ${instruction} should follow the format: \`# ${name} <description>\``,
  ExposeProtoCasing: (port: string) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
  ExposeInvalidFormat: (port: string) =>
    `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`
}
