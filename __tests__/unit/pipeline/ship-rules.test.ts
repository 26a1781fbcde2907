import { describe, expect, test } from '@jest/globals'
import { testerWritesCacheInBuild, withoutCacheWrites } from '../../../src/ship/ship.js'
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
