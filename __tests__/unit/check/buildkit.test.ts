// BuildKit's build checks. The cases are BuildKit's own: frontend/dockerfile/dockerfile_lint_test.go
// (each named after its Go test function and position, e.g. testStageName#2), with the Dockerfile
// text byte for byte (Go raw strings start with a newline, so line 1 is empty) and the rule names,
// descriptions, URLs, messages and lines BuildKit expects. Like the Go harness (checkUnmarshal), the
// findings are compared sorted by line, then message. Cases BuildKit's tests do not cover say where
// they come from.
import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { checkDockerfile } from '../../../src/check/index.js'
import { exposeProblems, precedingComments } from '../../../src/check/buildkit.js'
import { goQuote, RULES } from '../../../src/check/rules.js'
import { PatternMatcher, readDockerignore } from '../../../src/check/dockerignore.js'

// Descriptions and URLs exactly as dockerfile_lint_test.go (and ruleset.go for the rules it lacks).
const INFO: Record<string, [string, string]> = {
  StageNameCasing: ['Stage names should be lowercase', 'stage-name-casing'],
  FromAsCasing: ["The 'as' keyword should match the case of the 'from' keyword", 'from-as-casing'],
  NoEmptyContinuation: [
    'Empty continuation lines will become errors in a future release',
    'no-empty-continuation'
  ],
  ConsistentInstructionCasing: [
    'All commands within the Dockerfile should use the same casing (either upper or lower)',
    'consistent-instruction-casing'
  ],
  DuplicateStageName: ['Stage names should be unique', 'duplicate-stage-name'],
  ReservedStageName: ['Reserved words should not be used as stage names', 'reserved-stage-name'],
  JSONArgsRecommended: [
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    'json-args-recommended'
  ],
  MaintainerDeprecated: [
    'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    'maintainer-deprecated'
  ],
  UndefinedArgInFrom: ['FROM command must use declared ARGs', 'undefined-arg-in-from'],
  WorkdirRelativePath: [
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    'workdir-relative-path'
  ],
  UndefinedVar: ['Variables should be defined before their use', 'undefined-var'],
  MultipleInstructionsDisallowed: [
    'Multiple instructions of the same type should not be used in the same stage',
    'multiple-instructions-disallowed'
  ],
  LegacyKeyValueFormat: [
    'Legacy key/value format with whitespace separator should not be used',
    'legacy-key-value-format'
  ],
  RedundantTargetPlatform: [
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    'redundant-target-platform'
  ],
  SecretsUsedInArgOrEnv: [
    'Sensitive data should not be used in the ARG or ENV commands',
    'secrets-used-in-arg-or-env'
  ],
  InvalidDefaultArgInFrom: [
    'Default value for global ARG results in an empty or invalid base image name',
    'invalid-default-arg-in-from'
  ],
  FromPlatformFlagConstDisallowed: [
    'FROM --platform flag should not use a constant value',
    'from-platform-flag-const-disallowed'
  ],
  CopyIgnoredFile: ['Attempting to Copy file that is excluded by .dockerignore', 'copy-ignored-file'],
  InvalidDefinitionDescription: [
    'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
    'invalid-definition-description'
  ],
  ExposeProtoCasing: ['Protocol in EXPOSE instruction should be lowercase', 'expose-proto-casing'],
  ExposeInvalidFormat: [
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    'expose-invalid-format'
  ]
}

interface W {
  ruleName: string
  description: string
  url: string
  detail: string
  startLine: number
  endLine: number
}
const w = (rule: string, detail: string, line: number, endLine = line): W => {
  const [description, slug] = INFO[rule] as [string, string]
  return {
    ruleName: rule,
    description,
    url: `https://docs.docker.com/go/dockerfile/rule/${slug}/`,
    detail,
    startLine: line,
    endLine
  }
}

interface Opts {
  /** FrontendAttrs build-arg:K=V of the Go case. */
  buildArgs?: Record<string, string>
  /** A target reads only the stages it needs (the Go harness's build, warntype=progress). */
  target?: string
  /** Whether the lint run fails (`lint violation found for rules: ...` under error=true). */
  fails?: boolean
  /** The context's .dockerignore. */
  dockerignore?: string
}

function lint(text: string, opts: Opts = {}) {
  const buildArgs = opts.buildArgs ?? {}
  const graph = readDockerfile(text, { file: 'Dockerfile', buildArgs })
  const r = checkDockerfile(graph, { target: opts.target, buildArgs, text, dockerignore: opts.dockerignore })
  const findings = r.findings
    .filter(f => Object.hasOwn(RULES, f.ruleName))
    .map(f => ({
      ruleName: f.ruleName,
      description: f.description,
      url: f.url,
      detail: f.detail,
      startLine: f.startLine,
      endLine: f.endLine
    }))
    .sort((a, b) => a.startLine - b.startLine || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0))
  return { findings, fails: r.errors.length > 0, fatal: r.fatal?.message ?? null }
}

const nameCasing = (n: string) => `Stage name '${n}' should be lowercase`
const casing = (cmd: string, c: string) =>
  `Command '${cmd}' should match the case of the command majority (${c})`
const json = (i: string) =>
  `JSON arguments recommended for ${i} to prevent unintended behavior related to OS signals`
const MAINTAINER = 'Maintainer instruction is deprecated in favor of using label'
const multiple = (i: string) =>
  `Multiple ${i} instructions should not be used in the same stage because only the last one will be used`
const legacy = (i: string) => `"${i} key=value" should be used instead of legacy "${i} key value" format`
const secret = (i: string, k: string) => `Do not use ARG or ENV instructions for sensitive data (${i} "${k}")`
const invalidDefault = (b: string) => `Default value for ARG ${b} results in empty or invalid base image name`
const undefinedVar = (v: string, s = '') =>
  `Usage of undefined variable '$${v}'${s ? ` (did you mean $${s}?)` : ''}`
const redundant = (v: string) =>
  `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior`
const description = (i: string, n: string) =>
  `Comment for ${i} should follow the format: \`# ${n} <description>\``

const cases: [string, string, W[], Opts?][] = [
  // testRuleCheckOption
  ['testRuleCheckOption#1', `#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n`, []],
  ['testRuleCheckOption#2', `#check=skip=all;error=true\nFROM scratch as base\ncopy Dockerfile .\n`, []],
  [
    'testRuleCheckOption#3',
    `#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n`,
    []
  ],
  [
    'testRuleCheckOption#4',
    `#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n`,
    []
  ],
  [
    'testRuleCheckOption#5',
    `#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n`,
    [w('FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 2)]
  ],
  [
    'testRuleCheckOption#6',
    `#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n`,
    [w('FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 2)],
    { fails: true }
  ],
  [
    'testRuleCheckOption#7 (build-arg BUILDKIT_DOCKERFILE_CHECK replaces the directive)',
    `#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n`,
    [w('FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 2)],
    { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'skip=ConsistentInstructionCasing;error=true' }, fails: true }
  ],
  [
    'testRuleCheckOption#8',
    `#check=error=true\nFROM scratch as base\ncopy Dockerfile .\n`,
    [],
    { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'skip=all' } }
  ],
  // testStageName
  [
    'testStageName#1',
    `
# warning: stage name should be lowercase
#
FROM scratch AS BadStageName

# warning: 'as' should match 'FROM' cmd casing.
#
FROM scratch as base2

FROM scratch AS base3
`,
    [
      w('StageNameCasing', nameCasing('BadStageName'), 4),
      w('FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 8)
    ]
  ],
  [
    'testStageName#2',
    `
# warning: 'AS' should match 'from' cmd casing.
#
from scratch AS base

from scratch as base2
`,
    [w('FromAsCasing', "'AS' and 'from' keywords' casing do not match", 4)]
  ],
  // testNoEmptyContinuation: located on the line that ends the instruction, as the parser records it.
  [
    'testNoEmptyContinuation#1',
    `
FROM scratch
# warning: empty continuation line
COPY Dockerfile \\

.
COPY Dockerfile \\
.
`,
    [w('NoEmptyContinuation', 'Empty continuation line', 6)]
  ],
  // testConsistentInstructionCasing
  [
    'testConsistentInstructionCasing#1',
    `
# warning: 'FROM' should be either lowercased or uppercased
#
From scratch as base
FROM scratch AS base2
`,
    [w('ConsistentInstructionCasing', casing('From', 'uppercase'), 4)]
  ],
  [
    'testConsistentInstructionCasing#2',
    `
FROM scratch
# warning: 'copy' should match command majority's casing (uppercase)
copy Dockerfile /foo
COPY Dockerfile /bar
`,
    [w('ConsistentInstructionCasing', casing('copy', 'uppercase'), 4)]
  ],
  [
    'testConsistentInstructionCasing#3',
    `
# warning: 'frOM' should be either lowercased or uppercased
#
frOM scratch as base
from scratch as base2
`,
    [w('ConsistentInstructionCasing', casing('frOM', 'lowercase'), 4)]
  ],
  [
    'testConsistentInstructionCasing#4',
    `
from scratch
# warning: 'COPY' should match command majority's casing (lowercase)
COPY Dockerfile /foo
copy Dockerfile /bar
`,
    [w('ConsistentInstructionCasing', casing('COPY', 'lowercase'), 4)]
  ],
  [
    'testConsistentInstructionCasing#5',
    `
# warning: 'from' should match command majority's casing (uppercase)
#
from scratch
COPY Dockerfile /foo
COPY Dockerfile /bar
COPY Dockerfile /baz
`,
    [w('ConsistentInstructionCasing', casing('from', 'uppercase'), 4)]
  ],
  [
    'testConsistentInstructionCasing#6',
    `
# warning: 'FROM' should match command majority's casing (lowercase)
#
FROM scratch
copy Dockerfile /foo
copy Dockerfile /bar
copy Dockerfile /baz
`,
    [w('ConsistentInstructionCasing', casing('FROM', 'lowercase'), 4)]
  ],
  ['testConsistentInstructionCasing#7', `\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n`, []],
  ['testConsistentInstructionCasing#8', `\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n`, []],
  ['testConsistentInstructionCasing#9 (heredoc body)', `\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n`, []],
  // testDuplicateStageName
  [
    'testDuplicateStageName#1',
    `\nFROM scratch AS b\nFROM scratch AS b\n`,
    [w('DuplicateStageName', 'Duplicate stage name "b", stage names should be unique', 3)]
  ],
  ['testDuplicateStageName#2', `\nFROM scratch AS b1\nFROM scratch AS b2\n`, []],
  // testReservedStageName
  [
    'testReservedStageName#1',
    `\nFROM scratch AS scratch\nFROM scratch AS context\n`,
    [
      w('ReservedStageName', 'Stage name should not use the same name as reserved stage "scratch"', 2),
      w('ReservedStageName', 'Stage name should not use the same name as reserved stage "context"', 3)
    ]
  ],
  ['testReservedStageName#2', `\nFROM scratch\nFROM scratch AS a\n`, []],
  // testJSONArgsRecommended
  [
    'testJSONArgsRecommended#1',
    `\nFROM scratch\nCMD mycommand\n`,
    [w('JSONArgsRecommended', json('CMD'), 3)]
  ],
  [
    'testJSONArgsRecommended#2',
    `\nFROM scratch\nENTRYPOINT mycommand\n`,
    [w('JSONArgsRecommended', json('ENTRYPOINT'), 3)]
  ],
  ['testJSONArgsRecommended#3', `\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n`, []],
  ['testJSONArgsRecommended#4', `\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nENTRYPOINT mycommand\n`, []],
  [
    'testJSONArgsRecommended#5',
    `\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n`,
    []
  ],
  [
    'testJSONArgsRecommended#6',
    `\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nENTRYPOINT mycommand\n`,
    []
  ],
  // testMaintainerDeprecated
  [
    'testMaintainerDeprecated#1',
    `\nFROM scratch\nMAINTAINER me@example.org\n`,
    [w('MaintainerDeprecated', MAINTAINER, 3)]
  ],
  [
    'testMaintainerDeprecated#2',
    `\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n`,
    []
  ],
  // testUndeclaredArg (#7 and #8 fail the whole file: see the test below)
  ['testUndeclaredArg#1', `\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n`, []],
  [
    'testUndeclaredArg#2',
    `\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n`,
    []
  ],
  ['testUndeclaredArg#3', `\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n`, []],
  ['testUndeclaredArg#4', `\nARG DEBUG\nFROM scratch\${DEBUG}\nCOPY Dockerfile .\n`, []],
  ['testUndeclaredArg#5', `\nARG DEBUG\nFROM scra\${DEBUG:-tch}\nCOPY Dockerfile .\n`, []],
  ['testUndeclaredArg#6', `\nARG DEBUG=""\nFROM scratch\${DEBUG-@bogus}\nCOPY Dockerfile .\n`, []],
  [
    'testUndeclaredArg#9',
    `\nARG tag=latest\nFROM busybox:\${tag}\${version} AS b\nCOPY Dockerfile .\n`,
    [w('UndefinedArgInFrom', "FROM argument 'version' is not declared", 3)]
  ],
  // testWorkdirRelativePath
  [
    'testWorkdirRelativePath#1',
    `\nFROM scratch\nWORKDIR app/\n`,
    [
      w(
        'WorkdirRelativePath',
        'Relative workdir "app/" can have unexpected results if the base image changes',
        3
      )
    ]
  ],
  ['testWorkdirRelativePath#2', `\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n`, []],
  // testUnmatchedVars
  ['testUnmatchedVars#1', `\nFROM scratch\nARG foo\nCOPY Dockerfile\${foo} .\n`, []],
  ['testUnmatchedVars#2', `\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n`, []],
  ['testUnmatchedVars#3', `\nFROM alpine\nRUN echo $PATH\n`, []],
  [
    'testUnmatchedVars#4',
    `\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n`,
    [w('UndefinedVar', undefinedVar('foo'), 3)]
  ],
  [
    'testUnmatchedVars#5',
    `\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t`,
    [w('UndefinedVar', undefinedVar('DIR_ASSET', 'DIR_ASSETS'), 6)]
  ],
  [
    'testUnmatchedVars#6',
    `\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t`,
    [w('UndefinedVar', undefinedVar('PAHT', 'PATH'), 3)]
  ],
  // testMultipleInstructionsDisallowed
  [
    'testMultipleInstructionsDisallowed#1',
    `
FROM scratch
ENTRYPOINT ["/myapp"]
ENTRYPOINT ["/myotherapp"]
CMD ["/myapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myapp"]
HEALTHCHECK CMD ["/myotherapp"]
`,
    [
      w('MultipleInstructionsDisallowed', multiple('ENTRYPOINT'), 3),
      w('MultipleInstructionsDisallowed', multiple('CMD'), 5),
      w('MultipleInstructionsDisallowed', multiple('HEALTHCHECK'), 7)
    ]
  ],
  [
    'testMultipleInstructionsDisallowed#2',
    `
FROM scratch
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]
COPY <<EOF /a.txt
Hello, World!
EOF
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`,
    [
      w('MultipleInstructionsDisallowed', multiple('ENTRYPOINT'), 3),
      w('MultipleInstructionsDisallowed', multiple('CMD'), 4),
      w('MultipleInstructionsDisallowed', multiple('HEALTHCHECK'), 5)
    ]
  ],
  [
    'testMultipleInstructionsDisallowed#3',
    `
FROM scratch AS a
ENTRYPOINT ["/myapp"]
CMD ["/myapp"]
HEALTHCHECK CMD ["/myapp"]

FROM a AS b
ENTRYPOINT ["/myotherapp"]
CMD ["/myotherapp"]
HEALTHCHECK CMD ["/myotherapp"]
`,
    []
  ],
  // testLegacyKeyValueFormat
  [
    'testLegacyKeyValueFormat#1',
    `\nFROM scratch\nENV testkey value\nLABEL key value\n`,
    [w('LegacyKeyValueFormat', legacy('ENV'), 3), w('LegacyKeyValueFormat', legacy('LABEL'), 4)]
  ],
  ['testLegacyKeyValueFormat#2', `\nFROM scratch\nENV testkey=value\nLABEL key=value\n`, []],
  // #3: every stage is linted (UnmarshalWarnings). The Go case lists lines 3 and 4, which its
  // checkLintWarning never compares; the instructions are on lines 5 and 6.
  [
    'testLegacyKeyValueFormat#3 (lint request)',
    `\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n`,
    [w('LegacyKeyValueFormat', legacy('ENV'), 5), w('LegacyKeyValueFormat', legacy('LABEL'), 6)]
  ],
  [
    'testLegacyKeyValueFormat#3 (build of the last stage)',
    `\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n`,
    [],
    { target: 'c' }
  ],
  // testAllTargetUnmarshal
  [
    'testAllTargetUnmarshal (lint request)',
    `\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n`,
    [w('UndefinedVar', undefinedVar('foo'), 3), w('UndefinedVar', undefinedVar('bar'), 6)]
  ],
  [
    'testAllTargetUnmarshal (build of the last stage)',
    `\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n`,
    [w('UndefinedVar', undefinedVar('bar'), 6)],
    { target: 'second' }
  ],
  // testRedundantTargetPlatform
  [
    'testRedundantTargetPlatform#1',
    `\nFROM --platform=$TARGETPLATFORM scratch\n`,
    [w('RedundantTargetPlatform', redundant('$TARGETPLATFORM'), 2)]
  ],
  [
    'testRedundantTargetPlatform#2',
    `\nFROM --platform=\${TARGETPLATFORM} scratch\n`,
    [w('RedundantTargetPlatform', redundant('${TARGETPLATFORM}'), 2)]
  ],
  // testSecretsUsedInArgOrEnv
  [
    'testSecretsUsedInArgOrEnv#1',
    `
FROM scratch
ARG SECRET_PASSPHRASE
ENV SUPER_Secret=foo
ENV password=bar secret=baz
ARG super_duper_secret_token=foo auth=bar
ENV apikey=bar sunflower=foo
ENV git_key=
ENV PUBLIC_KEY=
ARG public_token
`,
    [
      w('SecretsUsedInArgOrEnv', secret('ARG', 'SECRET_PASSPHRASE'), 3),
      w('SecretsUsedInArgOrEnv', secret('ENV', 'SUPER_Secret'), 4),
      w('SecretsUsedInArgOrEnv', secret('ENV', 'password'), 5),
      w('SecretsUsedInArgOrEnv', secret('ENV', 'secret'), 5),
      w('SecretsUsedInArgOrEnv', secret('ARG', 'auth'), 6),
      w('SecretsUsedInArgOrEnv', secret('ARG', 'super_duper_secret_token'), 6),
      w('SecretsUsedInArgOrEnv', secret('ENV', 'apikey'), 7),
      w('SecretsUsedInArgOrEnv', secret('ENV', 'git_key'), 8)
    ]
  ],
  // testInvalidDefaultArgInFrom
  [
    'testInvalidDefaultArgInFrom#1',
    `\nARG VERSION\nFROM busybox:$VERSION\n`,
    [w('InvalidDefaultArgInFrom', invalidDefault('busybox:$VERSION'), 3)],
    { buildArgs: { VERSION: 'latest' } }
  ],
  [
    'testInvalidDefaultArgInFrom#2',
    `\nARG IMAGE\nFROM $IMAGE\n`,
    [w('InvalidDefaultArgInFrom', invalidDefault('$IMAGE'), 3)],
    { buildArgs: { IMAGE: 'busybox:latest' } }
  ],
  [
    'testInvalidDefaultArgInFrom#3',
    `\nARG SFX="box:"\nFROM busy\${SFX}\n`,
    [w('InvalidDefaultArgInFrom', invalidDefault('busy${SFX}'), 3)],
    { buildArgs: { SFX: 'box:latest' } }
  ],
  [
    'testInvalidDefaultArgInFrom#4',
    `\nARG VERSION="latest"\nFROM busybox:\${VERSION}\n`,
    [],
    { buildArgs: { VERSION: 'latest' } }
  ],
  [
    'testInvalidDefaultArgInFrom#5',
    `\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable\${BUSYBOX_VARIANT}\n`,
    [],
    { buildArgs: { BUSYBOX_VARIANT: '-musl' } }
  ],
  [
    'testInvalidDefaultArgInFrom#6',
    `\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable\${BUSYBOX_VARIANT}\n\t`,
    [],
    { buildArgs: { BUSYBOX_VARIANT: '-musl' } }
  ],
  // testFromPlatformFlagConstDisallowed
  [
    'testFromPlatformFlagConstDisallowed#1',
    `\nFROM --platform=linux/amd64 scratch\n`,
    [
      w(
        'FromPlatformFlagConstDisallowed',
        'FROM --platform flag should not use constant value "linux/amd64"',
        2
      )
    ]
  ],
  ['testFromPlatformFlagConstDisallowed#2', `\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n`, []],
  ['testFromPlatformFlagConstDisallowed#3', `\nFROM --platform=linux/amd64 scratch AS linux\n`, []],
  // testCopyIgnoredFiles (the build errors the Go cases expect come from the solve, not the lint)
  [
    'testCopyIgnoredFiles#1 (experimental rule not enabled)',
    `\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n`,
    [],
    { dockerignore: `\nDockerfile\n` }
  ],
  [
    'testCopyIgnoredFiles#2',
    `# check=experimental=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n`,
    [
      w('CopyIgnoredFile', 'Attempting to Copy file "Dockerfile" that is excluded by .dockerignore', 3),
      w('CopyIgnoredFile', 'Attempting to Add file "Dockerfile" that is excluded by .dockerignore', 4)
    ],
    { dockerignore: `\nDockerfile\n` }
  ],
  [
    'testCopyIgnoredFiles#3 (experimental rules run under skip=all)',
    `# check=skip=all;experimental=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n`,
    [
      w('CopyIgnoredFile', 'Attempting to Copy file "Dockerfile" that is excluded by .dockerignore', 3),
      w('CopyIgnoredFile', 'Attempting to Add file "Dockerfile" that is excluded by .dockerignore', 4)
    ],
    { dockerignore: `\nDockerfile\n` }
  ],
  [
    'testCopyIgnoredFiles#4',
    `\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n`,
    [],
    { dockerignore: `\nfoobar\n` }
  ],
  [
    'CopyIgnoredFile: destinations and --from sources are not checked (testCopyIgnoredFiles#4 opted in)',
    `# check=experimental=CopyIgnoredFile\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n`,
    [],
    { dockerignore: `\nfoobar\n` }
  ],
  // testDefinitionDescription (experimental, opted in by the directive)
  [
    'testDefinitionDescription#1',
    `# check=experimental=InvalidDefinitionDescription
# foo this is the foo
ARG foo=bar

# base this is the base image
FROM scratch AS base

# version this is the version number
ARG version=latest

# baz this is the baz
ARG foo=baz bar=qux baz=quux
#
ARG bit=bat

# comment for something other than ARG or FROM
COPY Dockerfile .
`,
    []
  ],
  [
    'testDefinitionDescription#2',
    `# check=experimental=InvalidDefinitionDescription
# bar this is the bar
ARG foo=bar
# BasE this is the BasE image
FROM scratch AS base
# definitely a bad comment
ARG version=latest
# definitely a bad comment
ARG foo=baz bar=qux baz=quux
`,
    [
      w('InvalidDefinitionDescription', description('ARG', 'foo'), 3),
      w('InvalidDefinitionDescription', description('FROM', 'base'), 5),
      w('InvalidDefinitionDescription', description('ARG', 'version'), 7),
      w('InvalidDefinitionDescription', description('ARG', '<arg_key>'), 9)
    ]
  ],
  [
    'InvalidDefinitionDescription is experimental: off without the opt-in',
    `\n# bar this is the bar\nARG foo=bar\nFROM scratch\n`,
    []
  ],
  // ExposeProtoCasing, ExposeInvalidFormat: the stored dockerfile_lint_test.go predates these rules
  // (BuildKit v0.24, dockerfile 1.18); cases after the rules' docs pages and convert_expose.go.
  [
    'ExposeProtoCasing docs: bad',
    `FROM alpine\nEXPOSE 80/TcP\n`,
    [w('ExposeProtoCasing', "Defined protocol '80/TcP' in EXPOSE instruction should be lowercase", 2)]
  ],
  ['ExposeProtoCasing docs: good', `FROM alpine\nEXPOSE 80/tcp\n`, []],
  [
    'ExposeInvalidFormat docs: IP and host port',
    `FROM alpine\nEXPOSE 127.0.0.1:80:80\n`,
    [
      w(
        'ExposeInvalidFormat',
        "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'",
        2
      )
    ]
  ],
  [
    'ExposeInvalidFormat docs: host port',
    `FROM alpine\nEXPOSE 80:80\n`,
    [
      w(
        'ExposeInvalidFormat',
        "EXPOSE instruction should not define an IP address or host-port mapping, found '80:80'",
        2
      )
    ]
  ],
  ['ExposeInvalidFormat docs: good', `FROM alpine\nEXPOSE 80\n`, []],
  [
    'EXPOSE: both rules, per expanded port',
    `FROM alpine\nARG P="8080:80/UDP 443"\nEXPOSE $P\n`,
    [
      w('ExposeProtoCasing', "Defined protocol '8080:80/UDP' in EXPOSE instruction should be lowercase", 3),
      w(
        'ExposeInvalidFormat',
        "EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80/UDP'",
        3
      )
    ]
  ]
]

describe('BuildKit build checks, cases from dockerfile_lint_test.go', () => {
  test.each(cases)('%s', (_name, text, expected, opts = {}) => {
    const r = lint(text, opts)
    expect(r.findings).toEqual(expected)
    expect(r.fails).toBe(opts.fails ?? false)
    expect(r.fatal).toBeNull()
  })

  // Go testWarningsBeforeError and testUndeclaredArg#7/#8: BuildKit reports the warnings found
  // before the error, then fails. readDockerfile raises these errors for the whole file, so stagegate
  // prints the error alone (its message also lacks BuildKit's "(did you mean BUILDPLATFORM?)").
  test.each([
    [
      'testWarningsBeforeError',
      `\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n`,
      'Dockerfile:4: unknown instruction: BADCMD'
    ],
    [
      'testUndeclaredArg#7',
      `\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n`,
      'Dockerfile:2: empty platform value from expression $BULIDPLATFORM'
    ],
    // BuildKit v0.24 ends this with containerd's pattern "^[A-Za-z0-9_.-]+$" and "(did you mean
    // MY_ARCH?)"; stagegate's platforms.ts still says "^[A-Za-z0-9_-]+$" and gives no suggestion.
    [
      'testUndeclaredArg#8',
      `\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/\${MYARCH} busybox\nCOPY Dockerfile .\n\t`,
      'Dockerfile:4: failed to parse platform linux/${MYARCH}: "" is an invalid component of "linux/"'
    ]
  ])('%s fails the file', (_name, text, message) => {
    expect(() => lint(text)).toThrow(message)
  })

  test('experimental rules run only when experimental= names them, even under skip=all', () => {
    const text = `# check=skip=all;experimental=all\n# nope\nARG foo=bar\nFROM scratch as base\n`
    expect(lint(text).findings.map(f => f.ruleName)).toEqual(['InvalidDefinitionDescription'])
  })
})

describe('.dockerignore matching (patternmatcher MatchesOrParentMatches)', () => {
  test.each<[string, string, boolean]>([
    ['Dockerfile', 'Dockerfile', true],
    ['Dockerfile', 'Dockerfile2', false],
    ['/src/', 'src/a/b.go', true],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/README.md', false],
    ['**/*.md', 'docs/README.md', true],
    ['**/node_modules', 'a/b/node_modules', true],
    ['**/node_modules', 'node_modules/x', true],
    ['build/**', 'build/out/x', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['# comment', '# comment', false],
    ['x.y', 'xzy', false]
  ])('%s vs %s', (pattern, file, expected) => {
    expect(new PatternMatcher(readDockerignore(pattern)).matchesOrParentMatches(file)).toBe(expected)
  })

  test('ReadAll: exclusions, cleaned paths, BOM', () => {
    expect(readDockerignore('\ufeff# c\n./a/\n!  /b/../c\n\n  d  \n')).toEqual(['a', '!c', 'd'])
  })

  test('a .dockerignore with exclusions turns CopyIgnoredFile off, as BuildKit does', () => {
    const text = `# check=experimental=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\n`
    expect(lint(text, { dockerignore: 'Dockerfile\n!keep' }).findings).toEqual([])
  })
})

describe('EXPOSE port specs (convert_expose.go parsePort)', () => {
  test.each<[string, boolean, boolean, string | null]>([
    ['80', false, false, null],
    ['80/tcp', false, false, null],
    ['80/SCTP', true, false, null],
    ['8000-8010/udp', false, false, null],
    ['80:80', false, true, null],
    ['127.0.0.1:80:80', false, true, null],
    ['127.0.0.1::80', false, true, null],
    ['[::1]:8080:8080', false, true, null],
    ['80/foo', false, false, 'invalid port: "80/foo": invalid proto: foo'],
    ['/tcp', false, false, 'invalid port: "/tcp": no port specified'],
    ['999999', false, false, 'invalid containerPort: 999999'],
    ['abc', false, false, 'invalid containerPort: abc'],
    ['x:80', false, true, 'invalid hostPort: x'],
    ['nothost:80:80', false, true, 'invalid IP address: nothost'],
    [
      '8000-8001:80-82',
      false,
      true,
      'invalid ranges specified for container and host Ports: 80-82 and 8000-8001'
    ]
  ])('%s', (raw, protoCasing, invalidFormat, error) => {
    expect(exposeProblems(raw)).toEqual({ protoCasing, invalidFormat, error })
  })

  test('an invalid port fails the lint run after the warnings before it', () => {
    const r = lint(`FROM alpine\nMAINTAINER me\nEXPOSE 80/foo\n`)
    expect(r.findings.map(f => f.ruleName)).toEqual(['MaintainerDeprecated'])
    expect(r.fatal).toBe('Dockerfile:3: invalid port: "80/foo": invalid proto: foo')
  })
})

describe('description comments (parser Node.PrevComment)', () => {
  test.each<[string, string[][]]>([
    ['# a\n# b\nARG x\nFROM scratch\n', [['a', 'b'], []]],
    ['# a\n#\n# b\nARG x\nFROM scratch\n', [['b'], []]],
    ['# a\n\nARG x\nFROM scratch\n', [['a'], []]],
    ['  # indented\nARG x\nFROM scratch\n', [['# indented'], []]],
    ['ARG x\n# c\nFROM y\n', [[], ['c']]],
    ['# syntax=docker/dockerfile:1\n# d\nFROM y\n', [['d']]]
  ])('%j', (text, expected) => {
    const graph = readDockerfile(text, { file: 'D' })
    const all = graph.metaArgs.concat(...graph.stages.map(s => s.instructions))
    expect(precedingComments(text, all, new Set(graph.directives.map(d => d.line)))).toEqual(expected)
  })
})

describe("Go's %q", () => {
  test.each([
    ['b', '"b"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\there', '"tab\\there"'],
    ['\x01', '"\\x01"'],
    ['é', '"é"'],
    ['\u00a0', '"\\u00a0"']
  ])('%j', (s, q) => {
    expect(goQuote(s)).toBe(q)
  })
})

describe('stagegate-only cases', () => {
  test('with --target only the stages it needs are dispatched', () => {
    const text = `FROM scratch AS a\nCMD x\nFROM scratch AS b\nCMD ["y"]\n`
    expect(lint(text, { target: 'b' }).findings).toEqual([])
    expect(lint(text).findings.map(f => f.ruleName)).toEqual(['JSONArgsRecommended'])
  })

  test('# check=error=true makes every finding an error', () => {
    const r = checkDockerfile(readDockerfile(`# check=error=true\nFROM scratch\nCMD x\n`, { file: 'D' }))
    expect(r.errors.map(f => [f.ruleName, f.startLine])).toEqual([['JSONArgsRecommended', 3]])
  })

  test('a bad BUILDKIT_DOCKERFILE_CHECK names the build argument', () => {
    const graph = readDockerfile(`FROM scratch\n`, { file: 'D' })
    expect(() => checkDockerfile(graph, { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'nope' } })).toThrow(
      'D:1: failed to parse check options from --build-arg BUILDKIT_DOCKERFILE_CHECK: invalid check option "nope"'
    )
  })
})
