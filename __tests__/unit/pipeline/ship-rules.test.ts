import { describe, expect, test } from '@jest/globals'
import { pushesLoadedImage, testerWritesCacheInBuild, withoutCacheWrites } from '../../../src/ship/ship.js'
import { NO_CACHE } from '../../../src/engine/cache.js'

describe('testerWritesCacheInBuild: the tester build writes its cache only when its success is the verdict', () => {
  test.each([
    ['RUN steps, no reports: the build passing is the tests passing', '', '', true],
    ['a test command runs after the build', 'npm test', '', false],
    ['reports are read after the build (they may record failures)', '', '/reports', false],
    ['both', 'npm test', '/reports', false]
  ])('%s', (_name, testCommand, testReports, expected) => {
    expect(testerWritesCacheInBuild({ testCommand, testReports })).toBe(expected)
  })
})

describe('withoutCacheWrites', () => {
  test('keeps what the build reads, drops what it writes itself (the cache image is pushed by the ship phase)', () => {
    const plan = {
      ...NO_CACHE,
      mode: 'gha' as const,
      cacheFrom: ['type=gha,scope=a'],
      cacheTo: ['type=gha,scope=a,mode=max'],
      pushCacheImage: 'r/x:cache'
    }
    expect(withoutCacheWrites(plan)).toEqual({ ...plan, cacheTo: [] })
  })
})

describe('pushesLoadedImage: docker push of the image the runtime build loaded, or a re-export with --push', () => {
  const pushing = {
    kind: 'buildx' as 'buildx' | 'buildkit' | 'legacy',
    imageInEngine: true,
    push: true,
    platforms: 0,
    loads: () => true,
    outputs: [] as string[],
    annotations: [] as string[],
    cacheTo: [] as string[]
  }
  test.each<[string, Partial<typeof pushing>, boolean]>([
    ['the docker driver, one platform, nothing else to ship: docker push', {}, true],
    ['one platform named', { platforms: 1 }, true],
    [
      'a docker-container builder (or a driver buildx inspect did not name): not known to be in the engine',
      { imageInEngine: false },
      false
    ],
    ['the classic path pushes with docker push on its own terms', { kind: 'buildkit' }, false],
    ['no push', { push: false }, false],
    ['several platforms cannot be loaded', { platforms: 2 }, false],
    ['the runtime build does not load', { loads: () => false }, false],
    ["the user's outputs ship with the push build", { outputs: ['type=local,dest=out'] }, false],
    ['annotations go on the pushed manifest', { annotations: ['index:a=b'] }, false],
    ['a cache written by the push build', { cacheTo: ['type=inline'] }, false]
  ])('%s', (_name, over, expected) => {
    expect(pushesLoadedImage({ ...pushing, ...over })).toBe(expected)
  })
})
