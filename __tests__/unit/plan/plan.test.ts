import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { DockerfileError, UserError } from '../../../src/errors.js'
import {
  MissingTesterError,
  NO_TESTS,
  planBuild,
  planToJson,
  planToMermaid,
  planToText,
  resolveTestTarget,
  type PlanOptions
} from '../../../src/plan.js'

const DF = [
  'ARG GO=1.22',
  'FROM golang:${GO} AS builder', // 0
  'RUN go build -o /app',
  'FROM builder AS tester', // 1
  'RUN go test ./...',
  'FROM alpine AS docs', // 2
  'COPY --from=later /x /y',
  'FROM alpine AS later', // 3
  'FROM gcr.io/distroless/static AS runtime', // 4
  'COPY --from=builder /app /app',
  'COPY --from=busybox:1 /bin/sh /sh'
].join('\n')
const graph = readDockerfile(DF, { file: 'Dockerfile' })
const idx = (l: { index: number }[]) => l.map(s => s.index)

describe('resolveTestTarget', () => {
  test.each<[string | undefined, string]>([
    [undefined, 'tester'],
    ['', 'tester'],
    ['  ', 'tester'],
    ['none', NO_TESTS],
    ['NONE', NO_TESTS],
    [' None ', NO_TESTS],
    ['unit', 'unit'],
    [' unit ', 'unit'],
    ['nonetheless', 'nonetheless']
  ])('%p → %p', (raw, resolved) => expect(resolveTestTarget(raw)).toBe(resolved))
})

describe('planBuild', () => {
  test.each<[PlanOptions, number, number | null, number[], number[], number[]]>([
    [{}, 4, 1, [0, 4], [0, 1], [0]],
    [{ testTarget: 'tester' }, 4, 1, [0, 4], [0, 1], [0]],
    [{ testTarget: 'TESTER' }, 4, 1, [0, 4], [0, 1], [0]],
    [{ target: 'runtime', testTarget: 'none' }, 4, null, [0, 4], [], []],
    [{ testTarget: NO_TESTS }, 4, null, [0, 4], [], []],
    [{ testTarget: resolveTestTarget('None') }, 4, null, [0, 4], [], []],
    [{ testTarget: resolveTestTarget('') }, 4, 1, [0, 4], [0, 1], [0]],
    [{ target: 'builder', testTarget: 'tester' }, 0, 1, [0], [0, 1], [0]],
    [{ target: 'later', testTarget: 'builder' }, 3, 0, [3], [0], []]
  ])('%j', (opts, runtime, tester, runtimeStages, testerStages, shared) => {
    const plan = planBuild(graph, opts)
    expect(plan.runtime.index).toBe(runtime)
    expect(plan.tester?.index ?? null).toBe(tester)
    expect([idx(plan.runtimeStages), idx(plan.testerStages), idx(plan.sharedStages)]).toEqual([
      runtimeStages,
      testerStages,
      shared
    ])
  })

  test('a missing tester stage names the stages and both ways out', () => {
    const g = readDockerfile('FROM a AS build\nFROM b\n', { file: 'ci/Dockerfile' })
    let err: unknown
    try {
      planBuild(g, {})
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(MissingTesterError)
    expect(err).toBeInstanceOf(UserError)
    expect((err as Error).message).toBe(
      'ci/Dockerfile: no stage named "tester" to run the tests in; the stages are: build (0), stage-1. ' +
        'Add a stage "FROM <runtime or builder> AS tester" that runs your tests, or set test-target: none to build without tests.'
    )
  })

  test('tester and runtime cannot be the same stage', () => {
    expect(() => planBuild(graph, { target: 'tester' })).toThrow(
      /test target and the target are the same stage \("tester"\)/
    )
  })

  test('an unknown target is a Dockerfile error listing the stages', () => {
    expect(() => planBuild(graph, { target: 'prod' })).toThrow(DockerfileError)
    expect(() => planBuild(graph, { target: 'prod' })).toThrow(
      /could not be found; the stages are: builder \(0\)/
    )
  })

  test('reference errors surface only for the stages the plan needs', () => {
    expect(() => planBuild(graph, { target: 'docs', testTarget: 'none' })).toThrow(
      'Dockerfile:7: cannot copy from stage "later", it needs to be defined before current stage "docs"'
    )
  })
})

describe('renderers', () => {
  const plan = planBuild(graph, {})

  test('JSON contract', () => {
    const json = planToJson(plan)
    expect(json.stages[0]).toEqual({
      index: 0,
      name: 'builder',
      base: 'golang:1.22',
      baseStage: null,
      dependsOn: [],
      externalImages: [],
      line: 2,
      platform: null
    })
    expect(json.stages[1]).toMatchObject({ name: 'tester', base: 'builder', baseStage: 0, dependsOn: [0] })
    expect(json.stages[4]).toMatchObject({ dependsOn: [0], externalImages: ['busybox:1'] })
    expect(json).toMatchObject({
      target: 4,
      testTarget: 1,
      runtimeStages: [0, 4],
      testerStages: [0, 1],
      sharedStages: [0]
    })
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })

  test('text names every stage with its role', () => {
    const text = planToText(plan)
    expect(text).toContain('0  builder (line 2) FROM golang:1.22  [shared]')
    expect(text).toContain('1  tester (line 4) FROM stage builder  [tester]')
    expect(text).toContain('2  docs (line 6) FROM alpine; uses later  [not built]')
    expect(text).toContain(
      '4  runtime (line 9) FROM gcr.io/distroless/static; uses builder; images busybox:1  [runtime (target)]'
    )
    expect(text).toContain('tester:  builder → tester')
    expect(text).toContain('runtime: builder → runtime')
  })

  test('text without tests', () => {
    expect(planToText(planBuild(graph, { testTarget: 'none' }))).toContain('tester:  none (no tests)')
  })

  test('mermaid', () => {
    const m = planToMermaid(plan)
    expect(m.startsWith('flowchart BT\n')).toBe(true)
    expect(m).toContain('  s0 --> s1\n')
    expect(m).toContain('  s0 -. copy .-> s4\n')
    expect(m).toContain('  class s4 runtime\n')
    expect(m).toContain('  class s1 tester\n')
    expect(m.match(/img\d+\(\["alpine"\]\)/g)).toHaveLength(1)
  })
})
