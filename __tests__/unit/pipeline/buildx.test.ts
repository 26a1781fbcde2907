import { describe, expect, test } from '@jest/globals'
import { driverFromInspect, usesContainerdStore } from '../../../src/engine/buildx.js'
import { digestFromMetadata, digestFromPushOutput, parseMetadata } from '../../../src/engine/run-build.js'

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`

const INSPECT_DEFAULT = `Name:          default
Driver:        docker
Last Activity: 2024-05-01 10:00:00 +0000 UTC

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.13.2
Platforms:        linux/amd64, linux/386
`

const INSPECT_CONTAINER = `Name:          stagegate
Driver:        docker-container
Last Activity: 2024-05-01 10:00:00 +0000 UTC

Nodes:
Name:                  stagegate0
Endpoint:              unix:///var/run/docker.sock
Driver Options:        network="host"
Status:                running
`

describe('driverFromInspect', () => {
  test.each([
    ['the default builder', INSPECT_DEFAULT, 'docker'],
    ['a docker-container builder (not fooled by "Driver Options")', INSPECT_CONTAINER, 'docker-container'],
    ['a remote builder', 'Name: r\nDriver: remote\n', 'remote'],
    ['an error message', 'ERROR: no builder "x" found\n', null],
    ['nothing', '', null]
  ])('%s → %p', (_what, output, driver) => expect(driverFromInspect(output)).toBe(driver))
})

describe('usesContainerdStore', () => {
  test.each([
    ['containerd image store', '[["driver-type","io.containerd.snapshotter.v1"]]', true],
    [
      'overlay2 classic store',
      '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]',
      false
    ],
    ['no driver status', 'null', false],
    ['docker info failed', '', false]
  ])('%s → %p', (_what, json, expected) => expect(usesContainerdStore(json)).toBe(expected))
})

describe('digestFromMetadata', () => {
  test.each([
    ['buildx metadata', JSON.stringify({ 'containerimage.digest': DIGEST, 'image.name': 'app:1' }), DIGEST],
    ['only a config digest', JSON.stringify({ 'containerimage.config.digest': DIGEST }), null],
    ['a digest that is not sha256', JSON.stringify({ 'containerimage.digest': 'md5:abc' }), null],
    ['a digest that is not a string', JSON.stringify({ 'containerimage.digest': 7 }), null],
    ['an empty file', '', null],
    ['not JSON', '{"containerimage.digest": "sha256:', null],
    ['JSON null', 'null', null]
  ])('%s → %p', (_what, json, digest) => expect(digestFromMetadata(parseMetadata(json))).toBe(digest))
})

describe('digestFromPushOutput', () => {
  test.each([
    [
      'docker push',
      `The push refers to repository [localhost:5000/app]\n5f70bf18a086: Pushed\n1.0: digest: ${DIGEST} size: 527\n`,
      DIGEST
    ],
    [
      'layers already there',
      `a1b2c3d4e5f6: Layer already exists\nlatest: digest: ${DIGEST} size: 1570`,
      DIGEST
    ],
    ['a failed push', 'denied: requested access to the resource is denied\n', null],
    ['a truncated digest', 'latest: digest: sha256:0123abcd size: 527', null],
    ['nothing', '', null]
  ])('%s → %p', (_what, output, digest) => expect(digestFromPushOutput(output)).toBe(digest))
})
