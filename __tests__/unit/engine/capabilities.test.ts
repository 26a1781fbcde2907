// What each builder path can do, and what stagegate asks of it: tables over the three paths the
// test bed runs (classic 20.10, buildx on 20.10, buildx on 26 with the containerd store) and the
// runners' docker-container builders.
import { describe, expect, test } from '@jest/globals'
import { ghaSupport } from '../../../src/engine/cache.js'
import {
  capabilitiesOf,
  loadTester,
  runtimeOutputs,
  type BuilderFacts,
  type Capabilities
} from '../../../src/engine/capabilities.js'
import { retryablePush } from '../../../src/ship/ship.js'

const classic: BuilderFacts = { kind: 'buildkit', buildxVersion: null, driver: null, containerdStore: false }
const buildx20: BuilderFacts = {
  kind: 'buildx',
  buildxVersion: 'v0.13.1',
  driver: 'docker',
  containerdStore: false
}
const buildx26: BuilderFacts = {
  kind: 'buildx',
  buildxVersion: 'v0.13.1',
  driver: 'docker',
  containerdStore: true
}
const container = (v: string): BuilderFacts => ({
  kind: 'buildx',
  buildxVersion: v,
  driver: 'docker-container',
  containerdStore: false
})

describe('capabilitiesOf', () => {
  test.each<[string, BuilderFacts, Partial<Capabilities>]>([
    [
      'classic BuildKit: the image store only',
      classic,
      {
        load: true,
        loadIsFree: true,
        ociExport: false,
        twoOutputs: false,
        cacheExport: false,
        ghaCache: false
      }
    ],
    [
      'buildx, docker driver, classic store: no export of any kind',
      buildx20,
      {
        load: true,
        loadIsFree: true,
        ociExport: false,
        twoOutputs: false,
        cacheExport: false,
        ghaCache: false
      }
    ],
    [
      'buildx 0.13, docker driver, containerd store: OCI, two outputs, cache; gha too old',
      buildx26,
      { loadIsFree: true, ociExport: true, twoOutputs: true, cacheExport: true, ghaCache: false }
    ],
    [
      'buildx 0.21 on docker-container: gha v2; loading is a tarball export',
      container('v0.21.1'),
      { loadIsFree: false, ociExport: true, twoOutputs: true, cacheExport: true, ghaCache: true }
    ],
    [
      'buildx 0.12 on docker-container: one output only',
      container('v0.12.1'),
      { twoOutputs: false, ociExport: true, ghaCache: false }
    ],
    [
      'buildx whose driver could not be read: loading is assumed free, the image in the engine is not',
      { ...buildx20, driver: null },
      { loadIsFree: true, imageInEngine: false }
    ],
    ['buildx, docker driver: the loaded image is in the engine', buildx26, { imageInEngine: true }],
    ['docker-container: the image is in the builder', container('v0.21.1'), { imageInEngine: false }],
    [
      'an unknown buildx version claims nothing version-bound',
      container('dev'),
      { twoOutputs: false, ghaCache: false, cacheExport: true }
    ]
  ])('%s', (_name, facts, expected) => {
    expect(capabilitiesOf(facts)).toMatchObject(expected)
  })
})

describe('runtimeOutputs: the runtime build leaves a measurable image and never pushes', () => {
  const oci = 'type=oci,dest=/w/oci,tar=false'
  test.each<[string, BuilderFacts, number, { outputs: string[]; load: boolean; measure: string }]>([
    [
      'classic: loaded, measured in the engine',
      classic,
      1,
      { outputs: [], load: true, measure: 'local-image' }
    ],
    [
      'buildx on the classic store: --load only (no OCI export there)',
      buildx20,
      1,
      { outputs: [], load: true, measure: 'local-image' }
    ],
    [
      'buildx on the containerd store: loaded and an OCI layout in one build',
      buildx26,
      1,
      { outputs: ['type=docker', oci], load: true, measure: 'oci-layout' }
    ],
    [
      'docker-container: the OCI layout only (a load would export a tarball)',
      container('v0.21.1'),
      1,
      { outputs: [oci], load: false, measure: 'oci-layout' }
    ],
    [
      'several platforms: the OCI layout holds them all',
      container('v0.21.1'),
      2,
      { outputs: [oci], load: false, measure: 'oci-layout' }
    ]
  ])('%s', (_name, facts, platforms, expected) => {
    expect(runtimeOutputs(capabilitiesOf(facts), { kind: facts.kind, platforms, ociDir: '/w/oci' })).toEqual(
      expected
    )
  })

  test.each<[string, BuilderFacts, { outputs: string[]; load: boolean; measure: string }]>([
    [
      'containerd store: --load only, no second export',
      buildx26,
      { outputs: [], load: true, measure: 'local-image' }
    ],
    ['classic store: --load as before', buildx20, { outputs: [], load: true, measure: 'local-image' }],
    [
      'docker-container: the OCI layout still (a load would export a tarball)',
      container('v0.21.1'),
      { outputs: [oci], load: false, measure: 'oci-layout' }
    ]
  ])('measured from the registry after the push (no budgets), %s', (_name, facts, expected) => {
    expect(
      runtimeOutputs(capabilitiesOf(facts), {
        kind: facts.kind,
        platforms: 1,
        ociDir: '/w/oci',
        measuredAfterPush: true
      })
    ).toEqual(expected)
  })

  test('several platforms on a builder that cannot export them stop before any build', () => {
    expect(() =>
      runtimeOutputs(capabilitiesOf(buildx20), { kind: 'buildx', platforms: 2, ociDir: '/w/oci' })
    ).toThrow(/several platforms.*docker-container builder/)
  })
})

describe('loadTester: a toolchain image is loaded only when something needs it', () => {
  test.each<[string, BuilderFacts, { testCommand: boolean; testReports: boolean }, boolean]>([
    ['docker driver: loading is free', buildx20, { testCommand: false, testReports: false }, true],
    [
      'docker-container, RUN-step tests without reports: not loaded',
      container('v0.21.1'),
      { testCommand: false, testReports: false },
      false
    ],
    [
      'docker-container, test-command: loaded to run it',
      container('v0.21.1'),
      { testCommand: true, testReports: false },
      true
    ],
    [
      'docker-container, reports to copy out: loaded',
      container('v0.21.1'),
      { testCommand: false, testReports: true },
      true
    ]
  ])('%s', (_name, facts, needs, expected) => {
    expect(loadTester(capabilitiesOf(facts), needs)).toBe(expected)
  })
})

describe('ghaSupport: a gha cache that would store nothing is never silent', () => {
  test('buildx 0.13 under cache: auto: no cache, and a warning naming the version needed', () => {
    const decided = ghaSupport({
      mode: 'gha',
      requested: 'auto',
      caps: capabilitiesOf(buildx26),
      buildxVersion: 'v0.13.1'
    })
    expect(decided.mode).toBe('none')
    expect(decided.warning).toMatch(
      /buildx v0\.13\.1 speaks only the retired cache protocol v1.*buildx 0\.21\.0 or newer/
    )
  })
  test('buildx 0.13 with cache: gha asked for by name: an error before any build', () => {
    expect(() =>
      ghaSupport({ mode: 'gha', requested: 'gha', caps: capabilitiesOf(buildx26), buildxVersion: 'v0.13.1' })
    ).toThrow(/Input "cache" is gha, but buildx v0\.13\.1/)
  })
  test('buildx 0.21 on a builder that exports: gha as asked', () => {
    expect(
      ghaSupport({
        mode: 'gha',
        requested: 'auto',
        caps: capabilitiesOf(container('v0.21.1')),
        buildxVersion: 'v0.21.1'
      })
    ).toEqual({ mode: 'gha' })
  })
  test('other modes pass through', () => {
    expect(
      ghaSupport({
        mode: 'registry',
        requested: 'registry',
        caps: capabilitiesOf(buildx20),
        buildxVersion: null
      })
    ).toEqual({ mode: 'registry' })
  })
})

describe('retryablePush: only what the registry or the network failed is tried again', () => {
  test.each([
    [
      'unexpected status from HEAD request to http://127.0.0.1:5000/v2/x/manifests/1: 500 Internal Server Error',
      true
    ],
    ['received unexpected HTTP status: 502 Bad Gateway', true],
    ['write tcp 127.0.0.1:5000: connection reset by peer', true],
    ['denied: requested access to the resource is denied', false],
    ['unauthorized: authentication required', false],
    ['dial tcp 127.0.0.1:5999: connect: connection refused', false]
  ])('%s → %p', (output, expected) => expect(retryablePush(output)).toBe(expected))
})
