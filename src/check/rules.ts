// BuildKit's linter rules (frontend/dockerfile/linter/ruleset.go): names, descriptions, URLs and
// messages exactly as BuildKit words them.
import type { RuleInfo } from './finding.js'

const url = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`
const rule = (name: string, description: string, slug: string): RuleInfo => ({
  name,
  description,
  url: url(slug)
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
  )
} as const

export type BuildkitRule = keyof typeof RULES

export const MESSAGES = {
  StageNameCasing: (name: string) => `Stage name '${name}' should be lowercase`,
  FromAsCasing: (from: string, as: string) => `'${as}' and '${from}' keywords' casing do not match`,
  NoEmptyContinuation: () => 'Empty continuation line',
  ConsistentInstructionCasing: (cmd: string, casing: string) =>
    `Command '${cmd}' should match the case of the command majority (${casing})`,
  DuplicateStageName: (name: string) =>
    `Duplicate stage name ${JSON.stringify(name)}, stage names should be unique`,
  ReservedStageName: (name: string) =>
    `Stage name should not use the same name as reserved stage ${JSON.stringify(name)}`,
  JSONArgsRecommended: (ins: string) =>
    `JSON arguments recommended for ${ins} to prevent unintended behavior related to OS signals`,
  MaintainerDeprecated: () => 'Maintainer instruction is deprecated in favor of using label',
  UndefinedArgInFrom: (arg: string, suggest: string) =>
    `FROM argument '${arg}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
  WorkdirRelativePath: (dir: string) =>
    `Relative workdir ${JSON.stringify(dir)} can have unexpected results if the base image changes`,
  UndefinedVar: (arg: string, suggest: string) =>
    `Usage of undefined variable '$${arg}'${suggest ? ` (did you mean $${suggest}?)` : ''}`,
  MultipleInstructionsDisallowed: (ins: string) =>
    `Multiple ${ins} instructions should not be used in the same stage because only the last one will be used`,
  LegacyKeyValueFormat: (cmd: string) =>
    `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
  RedundantTargetPlatform: (v: string) =>
    `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior`,
  SecretsUsedInArgOrEnv: (ins: string, key: string) =>
    `Do not use ARG or ENV instructions for sensitive data (${ins} ${JSON.stringify(key)})`,
  InvalidDefaultArgInFrom: (base: string) =>
    `Default value for ARG ${base} results in empty or invalid base image name`,
  FromPlatformFlagConstDisallowed: (p: string) =>
    `FROM --platform flag should not use constant value ${JSON.stringify(p)}`
}
