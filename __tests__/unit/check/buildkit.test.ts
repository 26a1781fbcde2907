// BuildKit's build checks: cases after frontend/dockerfile/dockerfile_lint_test.go (v0.24), each
// with the rule, message and line range BuildKit reports.
import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { checkDockerfile } from '../../../src/check/index.js'
import { RULES } from '../../../src/check/rules.js'

const lines = (...l: string[]) => l.join('\n') + '\n'
function lint(text: string, target?: string, buildArgs: Record<string, string> = {}) {
  const graph = readDockerfile(text, { file: 'Dockerfile', buildArgs })
  return checkDockerfile(graph, { target, buildArgs })
    .findings.filter(f => Object.hasOwn(RULES, f.ruleName))
    .map(f => [f.ruleName, f.detail, f.startLine, f.endLine])
}

describe('BuildKit build checks', () => {
  test.each<[string, string, (string | number)[][]]>([
    [
      'StageNameCasing',
      lines('FROM scratch AS BadStageName', 'FROM scratch AS good'),
      [['StageNameCasing', "Stage name 'BadStageName' should be lowercase", 1, 1]]
    ],
    [
      'FromAsCasing',
      lines('FROM scratch as base', 'FROM scratch AS base2'),
      [['FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 1, 1]]
    ],
    [
      'FromAsCasing lower from',
      lines('from scratch AS base', 'from scratch as base2'),
      [['FromAsCasing', "'AS' and 'from' keywords' casing do not match", 1, 1]]
    ],
    [
      'NoEmptyContinuation',
      lines('FROM scratch', 'COPY Dockerfile \\', '', '  .'),
      [['NoEmptyContinuation', 'Empty continuation line', 2, 4]]
    ],
    [
      'ConsistentInstructionCasing',
      lines('FROM scratch', 'env a=b', 'COPY Dockerfile .'),
      [
        [
          'ConsistentInstructionCasing',
          "Command 'env' should match the case of the command majority (uppercase)",
          2,
          2
        ]
      ]
    ],
    [
      'mixed casing keyword',
      lines('FROM scratch', 'CoPy Dockerfile .'),
      [
        [
          'ConsistentInstructionCasing',
          "Command 'CoPy' should match the case of the command majority (uppercase)",
          2,
          2
        ]
      ]
    ],
    [
      'DuplicateStageName',
      lines('FROM scratch AS b', 'FROM scratch AS b'),
      [['DuplicateStageName', 'Duplicate stage name "b", stage names should be unique', 2, 2]]
    ],
    [
      'ReservedStageName',
      lines('FROM scratch AS scratch'),
      [['ReservedStageName', 'Stage name should not use the same name as reserved stage "scratch"', 1, 1]]
    ],
    [
      'JSONArgsRecommended',
      lines('FROM scratch', 'CMD mycommand'),
      [
        [
          'JSONArgsRecommended',
          'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
          2,
          2
        ]
      ]
    ],
    [
      'JSONArgsRecommended after SHELL',
      lines('FROM scratch', 'SHELL ["/bin/sh", "-c"]', 'ENTRYPOINT mycommand'),
      []
    ],
    [
      'MaintainerDeprecated',
      lines('FROM scratch', 'MAINTAINER me@example.org'),
      [['MaintainerDeprecated', 'Maintainer instruction is deprecated in favor of using label', 2, 2]]
    ],
    [
      'UndefinedArgInFrom',
      lines('FROM alpine:3.$VERSION'),
      [['UndefinedArgInFrom', "FROM argument 'VERSION' is not declared", 1, 1]]
    ],
    [
      'UndefinedArgInFrom suggestion',
      lines('ARG VERSION=1', 'FROM alpine:3.$VERSOIN'),
      [['UndefinedArgInFrom', "FROM argument 'VERSOIN' is not declared (did you mean VERSION?)", 2, 2]]
    ],
    ['declared without value', lines('ARG TAG', 'FROM alpine:${TAG:-3}'), []],
    ['platform args are declared', lines('FROM --platform=$BUILDPLATFORM alpine'), []],
    [
      'WorkdirRelativePath',
      lines('FROM scratch', 'WORKDIR app/'),
      [
        [
          'WorkdirRelativePath',
          'Relative workdir "app/" can have unexpected results if the base image changes',
          2,
          2
        ]
      ]
    ],
    ['WorkdirRelativePath after absolute', lines('FROM scratch', 'WORKDIR /app', 'WORKDIR sub'), []],
    [
      'WorkdirRelativePath inherited',
      lines('FROM scratch AS a', 'WORKDIR /app', 'FROM a', 'WORKDIR sub'),
      []
    ],
    [
      'UndefinedVar',
      lines('FROM alpine', 'ENV PATH=$PAHT:/tmp/bin'),
      [['UndefinedVar', "Usage of undefined variable '$PAHT' (did you mean $PATH?)", 2, 2]]
    ],
    [
      'UndefinedVar global ARG not redeclared',
      lines('ARG DIR=/app', 'FROM alpine', 'COPY . $DIR'),
      [['UndefinedVar', "Usage of undefined variable '$DIR'", 3, 3]]
    ],
    ['UndefinedVar redeclared ARG', lines('ARG DIR=/app', 'FROM alpine', 'ARG DIR', 'COPY . $DIR'), []],
    [
      'UndefinedVar in the same ENV',
      lines('FROM alpine', 'ENV A=1 B=$A'),
      [['UndefinedVar', "Usage of undefined variable '$A'", 2, 2]]
    ],
    ['RUN is left to the shell', lines('FROM alpine', 'RUN echo $HOME'), []],
    [
      'MultipleInstructionsDisallowed',
      lines('FROM scratch', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'),
      [
        [
          'MultipleInstructionsDisallowed',
          'Multiple ENTRYPOINT instructions should not be used in the same stage because only the last one will be used',
          2,
          2
        ]
      ]
    ],
    [
      'LegacyKeyValueFormat',
      lines('FROM scratch', 'LABEL a b'),
      [
        [
          'LegacyKeyValueFormat',
          '"LABEL key=value" should be used instead of legacy "LABEL key value" format',
          2,
          2
        ]
      ]
    ],
    [
      'RedundantTargetPlatform',
      lines('FROM --platform=$TARGETPLATFORM scratch'),
      [
        [
          'RedundantTargetPlatform',
          'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
          1,
          1
        ]
      ]
    ],
    [
      'SecretsUsedInArgOrEnv',
      lines(
        'FROM scratch',
        'ARG SECRET_PASSPHRASE',
        'ENV SUPER_Secret=foo',
        'ARG public_token',
        'ENV git_key='
      ),
      [
        [
          'SecretsUsedInArgOrEnv',
          'Do not use ARG or ENV instructions for sensitive data (ARG "SECRET_PASSPHRASE")',
          2,
          2
        ],
        [
          'SecretsUsedInArgOrEnv',
          'Do not use ARG or ENV instructions for sensitive data (ENV "SUPER_Secret")',
          3,
          3
        ],
        [
          'SecretsUsedInArgOrEnv',
          'Do not use ARG or ENV instructions for sensitive data (ENV "git_key")',
          5,
          5
        ]
      ]
    ],
    [
      'InvalidDefaultArgInFrom',
      lines('ARG VERSION', 'FROM busybox:$VERSION'),
      [
        [
          'InvalidDefaultArgInFrom',
          'Default value for ARG busybox:$VERSION results in empty or invalid base image name',
          2,
          2
        ]
      ]
    ],
    [
      'FromPlatformFlagConstDisallowed',
      lines('FROM --platform=linux/amd64 scratch AS build'),
      [
        [
          'FromPlatformFlagConstDisallowed',
          'FROM --platform flag should not use constant value "linux/amd64"',
          1,
          1
        ]
      ]
    ],
    ['const platform named in the stage', lines('FROM --platform=linux/amd64 scratch AS build_amd64'), []]
  ])('%s', (_name, text, expected) => {
    expect(lint(text, undefined, text.includes('busybox:$VERSION') ? { VERSION: '1' } : {})).toEqual(expected)
  })

  test('# check=skip and error=true', () => {
    const text = lines('# check=skip=JSONArgsRecommended;error=true', 'FROM scratch AS Bad', 'CMD x')
    const r = checkDockerfile(readDockerfile(text.replace('error=true', 'error=false'), { file: 'D' }))
    expect(r.errors).toEqual([])
    const graph = readDockerfile(
      lines('# check=skip=JSONArgsRecommended;error=true', 'FROM scratch', 'CMD x'),
      { file: 'D' }
    )
    expect(checkDockerfile(graph).errors.map(f => f.ruleName)).toEqual([])
    const failing = readDockerfile(lines('# check=error=true', 'FROM scratch', 'CMD x'), { file: 'D' })
    expect(checkDockerfile(failing).errors.map(f => [f.ruleName, f.startLine])).toEqual([
      ['JSONArgsRecommended', 3]
    ])
    const all = readDockerfile(lines('# check=skip=all;error=true', 'FROM scratch', 'CMD x'), { file: 'D' })
    expect(checkDockerfile(all).findings.filter(f => f.ruleName === 'JSONArgsRecommended')).toEqual([])
  })

  test('with --target only the stages it needs are dispatched', () => {
    const text = lines('FROM scratch AS a', 'CMD x', 'FROM scratch AS b', 'CMD ["y"]')
    expect(lint(text, 'b').filter(f => f[0] === 'JSONArgsRecommended')).toEqual([])
    expect(lint(text).filter(f => f[0] === 'JSONArgsRecommended')).toHaveLength(1)
  })
})
