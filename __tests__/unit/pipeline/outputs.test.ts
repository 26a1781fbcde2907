import { describe, expect, test } from '@jest/globals'
import type { BuildOutcome } from '../../../src/engine/run-build.js'
import type { Stage } from '../../../src/dockerfile/index.js'
import { outputValues } from '../../../src/outputs.js'
import type { PipelineResult } from '../../../src/run-result.js'

const stage = (index: number, name: string | null): Stage => ({
  index,
  name,
  base: 'alpine:3.20',
  baseStage: null,
  dependsOn: [],
  externalImages: [],
  line: index + 1,
  platform: null,
  instructions: [],
  deferredErrors: []
})

const build = (over: Partial<BuildOutcome>): BuildOutcome => ({
  role: 'runtime',
  stage: stage(2, 'runtime'),
  ok: true,
  seconds: 1,
  counts: [],
  stageSeconds: {},
  metadata: null,
  imageId: null,
  digest: null,
  failure: null,
  ...over
})

const DIGEST = `sha256:${'b'.repeat(64)}`

const passing: PipelineResult = {
  testOutcome: 'passed',
  tests: { outcome: 'passed', mode: 'command', tests: 5, passed: 4, failed: 0, skipped: 1, failures: [] },
  imageId: 'sha256:1111',
  digest: DIGEST,
  tags: ['ghcr.io/acme/app:1.2', 'ghcr.io/acme/app:latest'],
  pushed: true,
  builds: [
    build({
      role: 'tester',
      stage: stage(1, 'tester'),
      seconds: 12.3456,
      counts: [
        { stage: 'deps', ran: 1, cached: 2 },
        { stage: 'tester', ran: 3, cached: 0 }
      ]
    }),
    build({ seconds: 4, counts: [{ stage: 'runtime', ran: 0, cached: 4 }] })
  ],
  testerImage: 'stagegate/app:tester-0123abcd',
  reportOutputs: { size: '2048', 'size-compressed': '1024', report: '## Image size' },
  secretValues: [],
  buildxMetadata: {
    'buildx.build.ref': 'default/default/abc',
    'containerimage.config.digest': 'sha256:1111',
    'containerimage.digest': DIGEST,
    'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
  },
  createdBuilder: null
}

const failing: PipelineResult = {
  testOutcome: 'failed',
  tests: { outcome: 'failed', mode: 'build', failures: [] },
  imageId: null,
  digest: null,
  tags: ['app:dev'],
  pushed: false,
  builds: [build({ role: 'tester', stage: stage(0, null), ok: false, seconds: 0.5 })],
  testerImage: null,
  reportOutputs: {},
  secretValues: [],
  failure: 'tests',
  buildxMetadata: null,
  createdBuilder: null
}

describe('outputs of a passing run with test reports', () => {
  const values = outputValues(passing)

  test.each([
    ['test-outcome', 'passed'],
    ['image-id', 'sha256:1111'],
    ['digest', DIGEST],
    ['tags', 'ghcr.io/acme/app:1.2\nghcr.io/acme/app:latest'],
    ['tests-passed', '4'],
    ['tests-failed', '0'],
    ['size', '2048'],
    ['size-compressed', '1024'],
    ['report', '## Image size']
  ])('%s = %p', (name, value) => expect(values[name]).toBe(value))

  test('sets exactly the documented outputs, report outputs included', () => {
    expect(Object.keys(values).sort()).toEqual(
      [
        'digest',
        'failure',
        'image-id',
        'imageid',
        'metadata',
        'report',
        'run-metadata',
        'size',
        'size-compressed',
        'tags',
        'test-outcome',
        'tests-failed',
        'tests-passed'
      ].sort()
    )
  })

  test('metadata is JSON with the image, the tests, the tester image and each build with its steps', () => {
    expect(JSON.parse(values['run-metadata'] ?? '')).toEqual({
      'image-id': 'sha256:1111',
      digest: DIGEST,
      tags: ['ghcr.io/acme/app:1.2', 'ghcr.io/acme/app:latest'],
      pushed: true,
      target: 'runtime',
      tests: passing.tests,
      'tester-image': 'stagegate/app:tester-0123abcd',
      builds: [
        {
          role: 'tester',
          stage: 'tester',
          ok: true,
          seconds: 12.35,
          steps: [
            { stage: 'deps', ran: 1, cached: 2 },
            { stage: 'tester', ran: 3, cached: 0 }
          ]
        },
        {
          role: 'runtime',
          stage: 'runtime',
          ok: true,
          seconds: 4,
          steps: [{ stage: 'runtime', ran: 0, cached: 4 }]
        }
      ]
    })
  })
})

describe('outputs of a failing run without test reports', () => {
  const values = outputValues(failing)

  test.each([
    ['test-outcome', 'failed'],
    ['failure', 'tests'],
    ['image-id', ''],
    ['digest', ''],
    ['tags', 'app:dev']
  ])('%s = %p', (name, value) => expect(values[name]).toBe(value))

  test('no tests-passed or tests-failed without a report to count from', () => {
    expect(Object.keys(values).sort()).toEqual([
      'digest',
      'failure',
      'image-id',
      'imageid',
      'metadata',
      'run-metadata',
      'tags',
      'test-outcome'
    ])
  })

  test.each([
    ['tests that ran and failed', 'failed', 'tests'],
    ['a build step of another stage', 'error', 'build'],
    ['the builder', 'error', 'builder'],
    ['a budget after passing tests', 'passed', 'budget']
  ] as const)('%s: test-outcome %s, failure %s', (_what, outcome, failure) => {
    const values = outputValues({
      ...failing,
      testOutcome: outcome,
      tests: { outcome, mode: 'build', failures: [] },
      failure
    })
    expect([values['test-outcome'], values.failure]).toEqual([outcome, failure])
  })

  test('a run that succeeded has an empty failure output', () => {
    expect(outputValues(passing).failure).toBe('')
  })

  test('metadata: nulls, no runtime target, an unnamed stage by its index', () => {
    expect(JSON.parse(values['run-metadata'] ?? '')).toEqual({
      'image-id': null,
      digest: null,
      tags: ['app:dev'],
      pushed: false,
      target: null,
      tests: { outcome: 'failed', mode: 'build', failures: [] },
      'tester-image': null,
      builds: [{ role: 'tester', stage: 0, ok: false, seconds: 0.5, steps: [] }]
    })
  })
})

describe('test counts', () => {
  test.each([
    [{ tests: 3, passed: 3 }, '3', '0'],
    [{ tests: 6, passed: 3, failed: 2, errors: 1 }, '3', '3'],
    [{ tests: 0 }, '0', '0']
  ])('%p → passed %s, failed %s (errors count as failed)', (counts, passed, failedCount) => {
    const values = outputValues({
      ...failing,
      tests: { outcome: 'failed', mode: 'command', failures: [], ...counts }
    })
    expect([values['tests-passed'], values['tests-failed']]).toEqual([passed, failedCount])
  })

  test('an empty tag list is an empty tags output', () => {
    expect(outputValues({ ...failing, tags: [] }).tags).toBe('')
  })
})

describe('no output carries a secret', () => {
  test('a secret echoed in a failing test message is hidden in metadata and report', () => {
    const leaky: PipelineResult = {
      ...failing,
      tests: {
        outcome: 'failed',
        mode: 'command',
        failures: [{ name: 'login', kind: 'failure', message: 'token hunter2 rejected' }]
      },
      reportOutputs: { report: 'FAIL: token hunter2 rejected' },
      secretValues: ['hunter2']
    }
    const values = outputValues(leaky)
    expect(JSON.stringify(values)).not.toContain('hunter2')
    expect(values['run-metadata']).toContain('token *** rejected')
    expect(values.report).toBe('FAIL: token *** rejected')
  })
})

describe("metadata: buildx's own JSON, as build-push-action sets it", () => {
  test.each<[string, Partial<PipelineResult>, Record<string, unknown>]>([
    [
      "buildx, pushed: buildx's metadata as it is",
      {},
      {
        'buildx.build.ref': 'default/default/abc',
        'containerimage.config.digest': 'sha256:1111',
        'containerimage.digest': DIGEST,
        'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
      }
    ],
    [
      'buildx, loaded, not pushed: no containerimage.digest to sign',
      {
        pushed: false,
        digest: null,
        buildxMetadata: { 'containerimage.config.digest': 'sha256:1111', 'containerimage.digest': DIGEST }
      },
      {
        'containerimage.config.digest': 'sha256:1111',
        'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
      }
    ],
    [
      "buildx, the loaded image pushed with docker push (classic store): the build's descriptor is not the pushed image's",
      {
        buildxMetadata: {
          'containerimage.config.digest': 'sha256:1111',
          'containerimage.descriptor': { digest: 'sha256:2222', size: 1 },
          'containerimage.digest': 'sha256:2222'
        }
      },
      {
        'containerimage.config.digest': 'sha256:1111',
        'containerimage.digest': DIGEST,
        'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
      }
    ],
    [
      'buildx, the loaded image pushed with docker push (containerd store): the same image, descriptor kept',
      {
        buildxMetadata: {
          'containerimage.config.digest': 'sha256:1111',
          'containerimage.descriptor': { digest: DIGEST, size: 855 }
        }
      },
      {
        'containerimage.config.digest': 'sha256:1111',
        'containerimage.descriptor': { digest: DIGEST, size: 855 },
        'containerimage.digest': DIGEST,
        'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
      }
    ],
    [
      'classic path, pushed: the same keys from the build and the push',
      { buildxMetadata: null },
      {
        'containerimage.config.digest': 'sha256:1111',
        'containerimage.digest': DIGEST,
        'image.name': 'ghcr.io/acme/app:1.2,ghcr.io/acme/app:latest'
      }
    ]
  ])('%s', (_name, over, expected) => {
    const values = outputValues({ ...passing, ...over })
    expect(JSON.parse(values.metadata ?? '')).toEqual(expected)
    expect(values.imageid).toBe(values['image-id'])
  })
})
