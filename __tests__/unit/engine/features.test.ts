import { describe, expect, test } from '@jest/globals'
import {
  attestationSupport,
  buildkitVersionFromInspect,
  engineBuildkitVersion,
  parseVersion,
  versionAtLeast
} from '../../../src/engine/features.js'
import {
  isPrivateRepository,
  provenanceBuilderId,
  resolveAttestationAttrs,
  resolveProvenanceInput
} from '../../../src/engine/attest.js'

describe('versions', () => {
  test.each<[string | null, string, boolean | null]>([
    ['github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3', '0.15.0', false],
    ['github.com/docker/buildx v0.21.1 1234abc', '0.15.0', true],
    ['v0.12.0', '0.12.0', true],
    ['v0.8+unknown', '0.10.0', false],
    ['v0.0.0+unknown', '0.10.0', null],
    [null, '0.10.0', null]
  ])('%p >= %p is %p', (version, min, expected) => expect(versionAtLeast(version, min)).toBe(expected))

  test('parseVersion ignores 0.0.0', () => expect(parseVersion('v0.0.0+unknown')).toBeNull())

  // `docker buildx inspect` on the test bed: engine 20.10 and engine 26 (Debian builds).
  test.each([
    [
      'Name: default\nDriver: docker\nNodes:\nName: default\nBuildKit version: v0.8+unknown\n',
      'v0.8+unknown'
    ],
    ['Driver: docker\nBuildKit version: v0.0.0+unknown\n', null],
    ['Driver: docker-container\n Buildkit: v0.12.5\n', 'v0.12.5']
  ])('BuildKit version from inspect', (output, expected) =>
    expect(buildkitVersionFromInspect(output)).toBe(expected)
  )

  test.each([
    ['20.10.24+dfsg1', '0.8.0'],
    ['26.1.5+dfsg1', '0.13.0'],
    ['24.0.7', '0.11.0'],
    [null, null]
  ])('engine %p has BuildKit %p', (engine, buildkit) => expect(engineBuildkitVersion(engine)).toBe(buildkit))

  test.each<[string | null, boolean, boolean | null]>([
    ['docker', false, false],
    ['docker', true, true],
    ['docker-container', false, true],
    [null, false, null]
  ])('driver %p (containerd store %p) attests: %p', (driver, store, expected) =>
    expect(attestationSupport(driver, store)).toBe(expected)
  )
})

describe('attestation inputs, as build-push-action resolves them', () => {
  test.each([
    ['true', 'builder-id=URL'],
    ['false', 'false'],
    ['mode=max', 'mode=max,builder-id=URL'],
    ['mode=max,builder-id=mine', 'mode=max,builder-id=mine']
  ])('provenance %p → %p', (raw, expected) => expect(resolveProvenanceInput(raw, 'URL')).toBe(expected))

  test.each([
    ['type=sbom,true', 'type=sbom,disabled=false'],
    ['type=provenance,false', 'type=provenance,disabled=true'],
    ['type=sbom,generator=image', 'type=sbom,generator=image']
  ])('attrs %p → %p', (raw, expected) => expect(resolveAttestationAttrs(raw)).toBe(expected))

  test.each([
    ['{"repository":{"private":true}}', true],
    ['{"repository":{"private":false}}', false],
    ['{}', false],
    ['not json', false]
  ])('event payload %p is private: %p', (payload, expected) =>
    expect(isPrivateRepository(payload)).toBe(expected)
  )

  test('builder-id is the run URL, empty outside a run', () => {
    expect(provenanceBuilderId({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' })).toBe(
      'https://github.com/o/r/actions/runs/7'
    )
    expect(provenanceBuilderId({})).toBe('')
  })
})
