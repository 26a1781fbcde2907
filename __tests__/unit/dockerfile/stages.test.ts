// Cases derived from BuildKit's dockerfile2llb tests (convert_test.go) and the Dockerfile reference.
import { describe, expect, test } from '@jest/globals'
import { DockerfileError } from '../../../src/errors.js'
import {
  findStage,
  readDockerfile,
  resolveTarget,
  stagesFor,
  type ReadOptions,
  type Stage
} from '../../../src/dockerfile/index.js'
import { planBuild } from '../../../src/plan.js'

const read = (text: string, opts: Partial<ReadOptions> = {}) =>
  readDockerfile(text, { file: 'Dockerfile', ...opts })
const lines = (...l: string[]) => l.join('\n') + '\n'

function errorOf(fn: () => unknown): { line: number; detail: string } {
  try {
    fn()
  } catch (err) {
    if (err instanceof DockerfileError) return { line: err.line, detail: err.detail }
    throw err
  }
  throw new Error('expected a DockerfileError')
}

describe('global ARG scope for FROM', () => {
  test.each<[string, Record<string, string>, string]>([
    [lines('ARG IMG=alpine', 'FROM $IMG'), {}, 'alpine'],
    [lines('ARG IMG=alpine', 'FROM ${IMG}:3.20'), {}, 'alpine:3.20'],
    [lines('ARG V=1', 'ARG IMG=node:${V}', 'FROM $IMG'), {}, 'node:1'],
    [lines('ARG IMG=node${V}', 'ARG V=1', 'FROM $IMG'), {}, 'node'],
    [lines('ARG IMG=alpine', 'FROM $IMG'), { IMG: 'debian' }, 'debian'],
    [lines('ARG V=1', 'ARG IMG=node:${V}', 'FROM $IMG'), { V: '2' }, 'node:2'],
    [lines('FROM ${IMG:-busybox}'), { IMG: 'debian' }, 'busybox'],
    [lines('ARG IMG', 'FROM ${IMG:-busybox}'), {}, 'busybox'],
    // buildMetaArgs adds an ARG to the scope only with a value: IMG stays unset.
    [lines('ARG IMG', 'FROM ${IMG-busybox}x'), {}, 'busyboxx'],
    [lines('ARG TARGETARCH', 'FROM img:$TARGETARCH'), {}, 'img:amd64'],
    [lines('ARG IMG', 'FROM ${IMG:-busybox}'), { IMG: 'debian' }, 'debian'],
    [lines('ARG A=1 B=2', 'FROM img:$A$B'), {}, 'img:12'],
    [lines('ARG A="x-y"', 'FROM "img:$A"'), {}, 'img:x-y'],
    [lines('ARG A=1', 'ARG A=2', 'FROM img:$A'), {}, 'img:2'],
    [lines('FROM alpine', 'ARG LATE=x', 'FROM img:${LATE:-none}'), {}, 'img:none'],
    [lines('FROM img:$TARGETARCH'), {}, 'img:amd64'],
    [lines('FROM --platform=$BUILDPLATFORM img-$BUILDOS-$TARGETOS'), {}, 'img-linux-linux'],
    [lines('ARG IMG=a', 'FROM ${IMG/a/b}'), {}, 'b']
  ])('%j with %j → %s', (text, buildArgs, base) => {
    const g = read(text, { buildArgs })
    expect(g.stages[g.stages.length - 1]?.base).toBe(base)
  })

  test('platform ARGs follow the native platform option', () => {
    const g = read(lines('FROM --platform=$BUILDPLATFORM x:$TARGETARCH$TARGETVARIANT'), {
      platform: 'linux/arm/v7'
    })
    expect([g.stages[0]?.platform, g.stages[0]?.base]).toEqual(['linux/arm/v7', 'x:armv7'])
  })

  test('${V:?msg} on an unset global ARG fails with the message at the FROM line', () => {
    expect(errorOf(() => read(lines('ARG V', '# c', 'FROM img:${NOPE:?required}')))).toEqual({
      line: 3,
      detail: 'failed to process "img:${NOPE:?required}": NOPE: required'
    })
  })

  test('a bad default fails at the ARG line', () => {
    expect(errorOf(() => read(lines('ARG A=${B', 'FROM x')))).toEqual({
      line: 1,
      detail: `failed to process "\${B": syntax error: missing '}'`
    })
  })

  test('global ARGs are listed', () => {
    expect(read(lines('ARG A=1 B', 'FROM x'), { buildArgs: { B: 'b' } }).globalArgs).toEqual([
      { name: 'A', value: '1', line: 1 },
      { name: 'B', value: 'b', line: 1 }
    ])
  })
})

describe('stage names', () => {
  test.each([
    ['FROM a AS builder', 'builder'],
    ['FROM a as Builder', 'builder'],
    ['FROM a aS b-2_x.y', 'b-2_x.y'],
    ['FROM a', null]
  ])('%s → %j', (line, name) => {
    expect(read(line).stages[0]?.name).toBe(name)
  })

  test.each([
    [
      'FROM a AS 1st',
      'invalid name for build stage: "1st", name can\'t start with a number or contain symbols'
    ],
    [
      'FROM a AS my/stage',
      'invalid name for build stage: "my/stage", name can\'t start with a number or contain symbols'
    ],
    ['FROM a AS', 'FROM requires either one or three arguments'],
    ['FROM a b c', 'FROM requires either one or three arguments'],
    ['FROM', 'FROM requires either one or three arguments'],
    ['FROM a AS b c', 'FROM requires either one or three arguments']
  ])('%s fails', (line, detail) => {
    expect(errorOf(() => read(lines('FROM ok', line)))).toEqual({ line: 2, detail })
  })

  test('duplicate and reserved names are BuildKit lint warnings', () => {
    const g = read(lines('FROM a AS x', 'FROM b AS X', 'FROM c AS scratch'))
    expect(g.warnings.map(w => [w.rule, w.line])).toEqual([
      ['DuplicateStageName', 2],
      ['ReservedStageName', 3]
    ])
  })

  test('check=error=true turns a duplicate stage name into an error', () => {
    expect(errorOf(() => read(lines('# check=error=true', 'FROM a AS x', 'FROM b AS x'))).line).toBe(3)
    expect(
      read(lines('# check=error=true;skip=DuplicateStageName', 'FROM a AS x', 'FROM b AS x')).stages
    ).toHaveLength(2)
  })
})

describe('FROM an earlier stage matches the exact name; --from matches case-insensitively', () => {
  test('FROM Base is no stage named base: BuildKit parses it as an image and rejects the case', () => {
    expect(errorOf(() => read(lines('FROM a AS base', 'FROM Base')))).toEqual({
      line: 2,
      detail:
        'failed to parse stage name "Base": invalid reference format: repository name (library/Base) must be lowercase'
    })
  })

  test.each<[string, (number | null)[], number[][]]>([
    [lines('FROM a AS base', 'FROM base'), [null, 0], [[], [0]]],
    [lines('FROM a AS base', 'FROM base:1'), [null, null], [[], []]],
    [lines('FROM a AS Base', 'FROM base'), [null, 0], [[], [0]]],
    [lines('FROM a AS base', 'FROM base@sha256:' + 'a'.repeat(64)), [null, null], [[], []]],
    [lines('ARG B=base', 'FROM a AS base', 'FROM $B'), [null, 0], [[], [0]]],
    [lines('FROM base', 'FROM a AS base'), [null, null], [[], []]],
    [lines('FROM a AS x', 'FROM x AS x', 'FROM x'), [null, 0, 1], [[], [0], [1]]],
    [lines('FROM a AS b', 'FROM c', 'COPY --from=B /x /y'), [null, null], [[], [0]]],
    [lines('FROM a AS b', 'FROM c', 'COPY --from=0 /x /y'), [null, null], [[], [0]]],
    [lines('FROM a AS b', 'FROM c', 'COPY --from=+0 /x /y'), [null, null], [[], [0]]],
    [lines('FROM a AS b', 'FROM b', 'COPY --from=b /x /y'), [null, 0], [[], [0]]]
  ])('%j', (text, baseStages, deps) => {
    const g = read(text)
    expect(g.stages.map(s => s.baseStage)).toEqual(baseStages)
    expect(g.stages.map(s => s.dependsOn)).toEqual(deps)
  })

  test('base is the expanded reference, or the stage name', () => {
    const g = read(lines('FROM golang:1.22 AS builder', 'FROM builder AS tester', 'FROM scratch'))
    expect(g.stages.map(s => s.base)).toEqual(['golang:1.22', 'builder', 'scratch'])
  })

  test('images that are not stages are external', () => {
    const g = read(
      lines(
        'FROM a AS b',
        'FROM c',
        'COPY --from=alpine:3.20 /x /y',
        'COPY --from=B /x /y',
        'RUN --mount=from=golang:1.22,target=/g --mount=type=cache,target=/c go',
        'COPY --from=alpine:3.20 /z /z'
      )
    )
    expect(g.stages[1]?.externalImages).toEqual(['alpine:3.20', 'golang:1.22'])
    expect(g.stages[1]?.dependsOn).toEqual([0])
  })
})

describe('RUN --mount from= dependencies', () => {
  test.each<[string, number[], string[]]>([
    ['RUN --mount=type=bind,from=deps,target=/d make', [0], []],
    ['RUN --mount=from=DEPS,target=/d make', [0], []],
    ['RUN --mount=type=cache,from=deps,source=/c,target=/c make', [0], []],
    ['RUN --mount=type=cache,target=/c make', [], []],
    ['RUN --mount=type=bind,from=0,target=/d make', [], ['0']],
    ['RUN --mount="type=bind,from=deps",target=/d make', [0], []],
    ['RUN --mount=type=secret,id=x --mount=from=deps,target=/d make', [0], []],
    ['RUN --network=none --mount=from=node:20,target=/n make', [], ['node:20']]
  ])('%s', (run, deps, images) => {
    const g = read(lines('FROM a AS deps', 'FROM b', run))
    expect([g.stages[1]?.dependsOn, g.stages[1]?.externalImages]).toEqual([deps, images])
  })

  test('from= does not support variables', () => {
    expect(errorOf(() => read(lines('FROM a', 'RUN --mount=from=$X,target=/x y'))).detail).toBe(
      "'from' doesn't support variable expansion, define alias stage instead"
    )
  })
})

describe('flags are validated as BuildKit does', () => {
  test.each([
    ['COPY --from a /b', 'missing a value on flag: --from'],
    ['COPY --frm=a /x /y', 'unknown flag: --frm (did you mean from?)'],
    ['COPY --from=a --from=b /x /y', 'duplicate flag specified: --from'],
    ['COPY --link=maybe /x /y', 'expecting boolean value for flag --link, not: maybe'],
    ['COPY --link= /x /y', 'missing a value on flag: --link'],
    ['ADD --from=a /x /y', 'unknown flag: --from'],
    ['RUN --mount type=cache go', 'missing a value on flag: --mount'],
    ['RUN --bogus=1 go', 'unknown flag: --bogus'],
    ['FROM --plat=x y', 'unknown flag: --plat'],
    ['WORKDIR --x=1 /app', 'unknown flag: --x'],
    [
      'COPY /only',
      'COPY requires at least two arguments, but only one was provided. Destination could not be determined'
    ],
    ['FRM alpine', 'unknown instruction: FRM (did you mean FROM?)']
  ])('%s', (line, detail) => {
    expect(errorOf(() => read(lines('FROM a', line)))).toEqual({ line: 2, detail })
  })

  test.each([
    'COPY --link --chmod=755 --exclude=a --exclude=b --parents x y',
    'COPY --link=FALSE x y',
    'ADD --checksum=sha256:0 --keep-git-dir --unpack=true https://x/y /z',
    'RUN --mount=type=cache,target=/x --mount=type=tmpfs,target=/t --network=host --security=insecure x',
    'HEALTHCHECK --interval=5s --retries=3 CMD true',
    'HEALTHCHECK NONE',
    'STOPSIGNAL SIGTERM',
    'COPY -- --weird /x'
  ])('%s is accepted', line => {
    expect(() => read(lines('FROM a', line))).not.toThrow()
  })

  test('--from with a variable is rejected', () => {
    expect(errorOf(() => read(lines('FROM a', 'COPY --from=$X /a /b'))).detail).toMatch(
      /^variable expansion is not supported for --from/
    )
  })
})

describe('whole-file errors, each with its line', () => {
  test.each<[string, number, string]>([
    ['', 1, 'file with no instructions'],
    ['# only a comment\n\n', 2, 'file with no instructions'],
    [lines('RUN x', 'FROM a'), 1, 'no build stage in current context'],
    [lines('ARG A', 'ARG B'), 2, 'no build stage in current context'],
    [lines('ARG IMG=', 'FROM $IMG'), 2, 'base name ($IMG) should not be blank'],
    [lines('FROM a', 'FROM b', 'COPY --from=5 /x /y'), 3, 'invalid stage index 5'],
    [lines('FROM a', 'COPY --from=-1 /x /y'), 2, 'invalid stage index -1'],
    [
      lines('FROM busybox AS stage0', 'COPY --from=stage0 f1 /sub/'),
      2,
      'circular dependency detected on stage: stage0'
    ],
    [lines('FROM a', 'COPY --from=0 f /f'), 2, 'circular dependency detected on stage: stage-0'],
    [
      lines(
        'FROM busybox AS stage0',
        'COPY --from=stage2 f1 /sub/',
        'FROM busybox AS stage1',
        'COPY --from=stage0 f2 /sub/',
        'FROM busybox AS stage2',
        'COPY --from=stage1 f2 /sub/'
      ),
      2,
      'circular dependency detected on stage: stage0'
    ],
    [lines('FROM a', 'RUN <<EOF', 'x'), 2, 'unterminated heredoc'],
    [
      lines('FROM a AS b', 'FROM a AS 9'),
      2,
      'invalid name for build stage: "9", name can\'t start with a number or contain symbols'
    ]
  ])('%j → line %d: %s', (text, line, detail) => {
    expect(errorOf(() => read(text))).toEqual({ line, detail })
  })
})

describe('targets and the stages they need', () => {
  const df = lines(
    'FROM golang:1.22 AS builder', // 0
    'RUN go build',
    'FROM builder AS tester', // 1
    'RUN go test',
    'FROM alpine AS docs', // 2
    'COPY --from=later /x /y',
    'FROM alpine AS later', // 3
    'FROM gcr.io/distroless/static', // 4
    'COPY --from=builder /app /app'
  )
  const g = read(df)

  test.each<[string | undefined, number, number[]]>([
    [undefined, 4, [0, 4]],
    ['tester', 1, [0, 1]],
    ['TESTER', 1, [0, 1]],
    ['builder', 0, [0]],
    ['later', 3, [3]]
  ])('--target %s', (target, index, needs) => {
    const t = resolveTarget(g, target)
    expect(t.index).toBe(index)
    expect(stagesFor(g, t).map(s => s.index)).toEqual(needs)
  })

  test('a copy from a later stage fails only when that stage is needed', () => {
    expect(errorOf(() => stagesFor(g, resolveTarget(g, 'docs')))).toEqual({
      line: 6,
      detail: 'cannot copy from stage "later", it needs to be defined before current stage "docs"'
    })
  })

  test('an unknown target lists the stages', () => {
    const e = errorOf(() => resolveTarget(g, 'nope'))
    expect(e.detail).toBe(
      'target stage "nope" could not be found; the stages are: builder (0), tester (1), docs (2), later (3), stage-4'
    )
  })

  test('a repeated name selects the last stage with it', () => {
    expect(findStage(read(lines('FROM a AS x', 'FROM b AS x')), 'x')?.index).toBe(1)
  })

  test('instructions keep their lines for naming a failing step', () => {
    expect(g.stages[1]?.instructions.map(i => [i.keyword, i.args, i.startLine, i.endLine])).toEqual([
      ['FROM', 'builder AS tester', 3, 3],
      ['RUN', 'go test', 4, 4]
    ])
  })
})

// The stage graph parts of dockerfile2llb (BuildKit v0.24) beyond FROM and COPY --from. Each row
// names the BuildKit test it comes from, or the code path when no test covers it; rows marked
// "engine 26" were also checked against Docker 26.1's built-in BuildKit on the test bed.
describe('TARGETSTAGE: --target as given, else the last stage name (defaultArgs)', () => {
  test.each<[string, string, Partial<ReadOptions>, string]>([
    // testTargetStageNameArg: no target means the last stage's name
    ['default', lines('FROM img:${TARGETSTAGE} AS base', 'FROM scratch AS final'), {}, 'img:final'],
    // testTargetStageNameArg: a target in the request
    [
      'target',
      lines('FROM img:${TARGETSTAGE} AS base', 'FROM scratch AS final'),
      { target: 'base' },
      'img:base'
    ],
    // convert.go toDispatchState: targetName := opt.Target, not lowercased
    ['as given', lines('FROM img:${TARGETSTAGE} AS base', 'FROM scratch'), { target: 'Base' }, 'img:Base'],
    // convert.go: stages[len(stages)-1].Name is '' for an unnamed last stage
    ['unnamed last', lines('FROM img${TARGETSTAGE:-x} AS a', 'FROM scratch'), {}, 'imgx'],
    // defaultArgs(po, opt.BuildArgs, ...): a build-arg overrides it like the platform ARGs
    ['build-arg', lines('FROM img:${TARGETSTAGE} AS a'), { buildArgs: { TARGETSTAGE: 'zz' } }, 'img:zz'],
    // buildMetaArgs: a global ARG without a value keeps it
    ['ARG without value', lines('ARG TARGETSTAGE', 'FROM img:${TARGETSTAGE} AS a'), {}, 'img:a'],
    // buildMetaArgs: a global ARG with a value replaces it
    ['ARG with value', lines('ARG TARGETSTAGE=v', 'FROM img:${TARGETSTAGE} AS a'), {}, 'img:v']
  ])('%s', (_name, text, opts, base) => {
    expect(read(text, opts).stages[0]?.base).toBe(base)
  })

  test('the tester and the runtime build each read the file with their own TARGETSTAGE', () => {
    const g = read(
      lines(
        'FROM scratch AS base-tester',
        'FROM scratch AS base-runtime',
        'FROM base-${TARGETSTAGE} AS tester',
        'FROM base-${TARGETSTAGE} AS runtime'
      ),
      { target: 'runtime' }
    )
    const plan = planBuild(g, { target: 'runtime', testTarget: 'tester' })
    expect(plan.runtimeStages.map(s => s.index)).toEqual([1, 3])
    expect(plan.testerStages.map(s => s.index)).toEqual([0, 2])
    expect(plan.sharedStages).toEqual([])
  })
})

describe('ONBUILD triggers of a base stage run in the stage built on it (resolveStages)', () => {
  test.each<[string, string, string | undefined, number[], number[][]]>([
    [
      'testOnBuildInheritedStageWithFrom',
      lines(
        'FROM alpine AS src',
        'FROM busybox AS base',
        'ONBUILD COPY --from=src /in/file /out/foo',
        'FROM base AS mid',
        'FROM scratch',
        'COPY --from=mid /out/bar /'
      ),
      undefined,
      [0, 1, 2, 3],
      [[], [], [0, 1], [2]]
    ],
    [
      'testOnBuildInheritedStageRun',
      lines(
        'FROM busybox AS base',
        'ONBUILD RUN echo 11',
        'FROM base AS mid',
        'FROM scratch',
        'COPY --from=mid /a /'
      ),
      undefined,
      [0, 1, 2],
      [[], [0], [1]]
    ],
    [
      'testOnBuildNewDeps (nested: an ONBUILD mount from a stage)',
      lines(
        'FROM alpine AS inputstage',
        'FROM alpine AS base2',
        'ONBUILD RUN --mount=type=bind,target=/in,from=inputstage cat /in/foo',
        'FROM base2 AS base',
        'FROM scratch',
        'COPY --from=base /out /'
      ),
      undefined,
      [0, 1, 2, 3],
      [[], [], [0, 1], [2]]
    ],
    [
      'testOnBuildWithChildStage: triggers run in the direct child only',
      lines(
        'FROM busybox AS x',
        'FROM busybox AS a',
        'ONBUILD COPY --from=x /a /b',
        'FROM a AS b',
        'FROM b AS c'
      ),
      'c',
      [0, 1, 2, 3],
      [[], [], [0, 1], [2]]
    ],
    [
      'resolveStages: a trigger in a stage nothing builds on adds nothing',
      lines('FROM busybox AS x', 'FROM busybox AS a', 'ONBUILD COPY --from=x /a /b', 'FROM busybox AS c'),
      'c',
      [2],
      [[], [], []]
    ]
  ])('%s', (_name, text, target, needs, deps) => {
    const g = read(text)
    expect(stagesFor(g, resolveTarget(g, target)).map(s => s.index)).toEqual(needs)
    expect(g.stages.map(s => s.dependsOn)).toEqual(deps)
  })

  test('testOnBuildNewDeps: an image named by a trigger is the child stage`s image', () => {
    const g = read(lines('FROM busybox AS base', 'ONBUILD COPY --from=alpine /x /y', 'FROM base'))
    expect([g.stages[0]?.externalImages, g.stages[1]?.externalImages]).toEqual([[], ['alpine']])
  })

  test.each<[string, string, string, [number, string]]>([
    [
      // engine 26 agrees on the message; convert.go initOnBuildTriggers resets the location to the FROM
      'a trigger copying from a later stage fails at the FROM that runs it',
      lines('FROM busybox AS a', 'ONBUILD COPY --from=later /x /x', 'FROM a AS b', 'FROM busybox AS later'),
      'b',
      [3, 'cannot copy from stage "later", it needs to be defined before current stage "b"']
    ],
    [
      // engine 26: "unknown flag: foo"; instructions.ParseCommand of the trigger
      'a bad trigger flag fails only in the stage that runs it',
      lines('FROM busybox AS a', 'ONBUILD COPY --foo /x /x', 'FROM a AS b'),
      'b',
      [3, 'unknown flag: --foo (did you mean from?)']
    ],
    [
      'a trigger naming a bad image',
      lines('FROM busybox AS a', 'ONBUILD COPY --from=Bad:1 /x /x', 'FROM a AS b'),
      'b',
      [
        3,
        'failed to parse stage name "Bad:1": invalid reference format: repository name (library/Bad) must be lowercase'
      ]
    ],
    [
      'toCommand: a trigger --from with a variable',
      lines('FROM busybox AS a', 'ONBUILD COPY --from=$X /x /x', 'FROM a AS b'),
      'b',
      [
        3,
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround'
      ]
    ]
  ])('%s', (_name, text, target, error) => {
    const g = read(text)
    expect(() => stagesFor(g, resolveTarget(g, 'a'))).not.toThrow()
    const e = errorOf(() => stagesFor(g, resolveTarget(g, target)))
    expect([e.line, e.detail]).toEqual(error)
  })
})

describe('a stage named scratch and the implicit source of RUN mounts (detectRunMount)', () => {
  test.each<[string, string, number | undefined, number[]]>([
    // dispatchStates.addState: FROM matches an earlier stage name before the scratch image
    ['FROM scratch is the stage', lines('FROM busybox AS scratch', 'FROM scratch'), undefined, [0, 1]],
    ['an earlier FROM scratch is the image', lines('FROM scratch', 'FROM busybox AS scratch'), 0, [0]],
    // detectRunMount: a mount without from= reads "scratch" (engine 26: the scratch stage is converted)
    [
      'a bind mount without from needs the scratch stage',
      lines('FROM busybox AS scratch', 'FROM busybox', 'RUN --mount=type=bind,target=/t true'),
      undefined,
      [0, 1]
    ],
    [
      'a cache mount without from needs it too',
      lines('FROM busybox AS scratch', 'FROM busybox', 'RUN --mount=type=cache,target=/c true'),
      undefined,
      [0, 1]
    ],
    [
      'so does an explicit empty from=',
      lines('FROM busybox AS scratch', 'FROM busybox', 'RUN --mount=type=secret,id=x,from= true'),
      undefined,
      [0, 1]
    ],
    [
      'without a scratch stage a mount needs nothing',
      lines('FROM busybox AS a', 'FROM busybox', 'RUN --mount=type=cache,target=/c true'),
      undefined,
      [1]
    ],
    // the mount type is not known before the step is converted: a tmpfs with from= still needs it
    [
      'a tmpfs mount with from= needs that stage',
      lines('FROM busybox AS a', 'FROM busybox', 'RUN --mount=type=tmpfs,from=a,target=/t true'),
      undefined,
      [0, 1]
    ]
  ])('%s', (_name, text, target, needs) => {
    const g = read(text)
    const t = target === undefined ? resolveTarget(g, undefined) : (g.stages[target] as Stage)
    expect(stagesFor(g, t).map(s => s.index)).toEqual(needs)
  })

  test.each<[string, string, [number, string]]>([
    [
      // engine 26: circular dependency detected on stage: first
      'a secret mount with a scratch stage that copies back is a cycle',
      lines(
        'FROM busybox AS first',
        'RUN --mount=type=secret,id=x true',
        'FROM busybox AS scratch',
        'COPY --from=first /x /x'
      ),
      [2, 'circular dependency detected on stage: first']
    ],
    [
      'a stage named scratch with a mount of its own depends on itself',
      lines('FROM busybox AS scratch', 'RUN --mount=type=bind,target=/t true'),
      [2, 'circular dependency detected on stage: scratch']
    ]
  ])('%s', (_name, text, error) => {
    const e = errorOf(() => read(text))
    expect([e.line, e.detail]).toEqual(error)
  })

  test.each<[string, string, [number, string] | null]>([
    [
      // engine 26: same message; convert_runmount.go dispatchRunMounts
      'a mount from a later stage',
      lines('FROM busybox AS first', 'RUN --mount=from=later,target=/t true', 'FROM busybox AS later'),
      [2, 'cannot mount from stage "later" to "/t", stage needs to be defined before current command']
    ],
    [
      // engine 26: a cache mount without from= mounts the scratch stage
      'a cache mount with a later scratch stage',
      lines('FROM busybox AS first', 'RUN --mount=type=cache,target=/t true', 'FROM busybox AS scratch'),
      [2, 'cannot mount from stage "scratch" to "/t", stage needs to be defined before current command']
    ],
    // a bind mount without from= mounts the build context: a later scratch stage is needed, no error
    [
      'a bind mount with a later scratch stage',
      lines('FROM busybox AS first', 'RUN --mount=type=bind,target=/t true', 'FROM busybox AS scratch'),
      null
    ]
  ])('%s', (_name, text, error) => {
    const g = read(text)
    const run = () => stagesFor(g, resolveTarget(g, 'first'))
    if (error === null) expect(run().map(s => s.index)).toEqual([0, 1])
    else {
      const e = errorOf(run)
      expect([e.line, e.detail]).toEqual(error)
    }
  })
})
