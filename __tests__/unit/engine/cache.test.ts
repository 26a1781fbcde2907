import { describe, expect, test } from '@jest/globals'
import {
  cacheRefFor,
  cacheScope,
  needsContainerBuilder,
  planCache,
  resolveCacheMode,
  type CacheRequest
} from '../../../src/engine/cache.js'

const runner = {
  ACTIONS_RUNTIME_TOKEN: 'tok',
  ACTIONS_RESULTS_URL: 'https://results/',
  ACTIONS_CACHE_SERVICE_V2: 'true'
}
const base: CacheRequest = {
  mode: 'auto',
  builder: 'buildx',
  env: {},
  imageName: 'ghcr.io/acme/api',
  target: 'runtime',
  targets: ['tester', 'runtime'],
  cacheRef: '',
  cacheFrom: [],
  cacheTo: [],
  canExport: true
}

describe('resolveCacheMode', () => {
  test.each([
    ['auto, buildx on a runner', { builder: 'buildx', env: runner }, 'gha'],
    ['auto, buildx outside a runner', { builder: 'buildx', env: {} }, 'none'],
    ['auto, classic BuildKit on a runner', { builder: 'buildkit', env: runner }, 'none'],
    ['auto, classic with cache-ref', { builder: 'buildkit', cacheRef: 'r/c:cache' }, 'registry'],
    ['auto, buildx outside runner with cache-ref', { builder: 'buildx', cacheRef: 'r/c' }, 'registry'],
    ['explicit none wins over a runner', { mode: 'none', env: runner }, 'none'],
    ['explicit inline', { mode: 'inline' }, 'inline']
  ] as Array<[string, Partial<CacheRequest>, string]>)('%s → %s', (_name, request, mode) => {
    expect(resolveCacheMode({ ...base, ...request })).toBe(mode)
  })
})

describe('planCache', () => {
  test('gha: one scope per image and target, reads both targets, writes its own with mode=max, and a failed write never fails the build', () => {
    const plan = planCache({ ...base, env: runner })
    expect(plan.cacheFrom).toEqual([
      'type=gha,scope=stagegate-acme-api-runtime',
      'type=gha,scope=stagegate-acme-api-tester'
    ])
    expect(plan.cacheTo).toEqual(['type=gha,scope=stagegate-acme-api-runtime,mode=max,ignore-error=true'])
  })
  test('gha: tester and runtime scopes differ, so neither overwrites the other', () => {
    const tester = planCache({ ...base, env: runner, target: 'tester' })
    const runtime = planCache({ ...base, env: runner, target: 'runtime' })
    expect(tester.cacheTo[0]).not.toBe(runtime.cacheTo[0])
  })
  test('gha: the runner variables are passed through to buildx', () => {
    expect(planCache({ ...base, env: { ...runner, OTHER: 'x' } }).env).toEqual(runner)
  })
  test('gha without buildx is a clear error', () => {
    expect(() => planCache({ ...base, mode: 'gha', builder: 'buildkit', env: runner })).toThrow(
      /needs buildx/
    )
  })
  test('gha outside a runner is a clear error', () => {
    expect(() => planCache({ ...base, mode: 'gha' })).toThrow(/ACTIONS_RUNTIME_TOKEN/)
  })
  test('registry on buildx: a ref per target, mode=max', () => {
    const plan = planCache({ ...base, mode: 'registry', cacheRef: 'ghcr.io/acme/api:buildcache' })
    expect(plan.cacheFrom).toEqual([
      'type=registry,ref=ghcr.io/acme/api:buildcache-runtime',
      'type=registry,ref=ghcr.io/acme/api:buildcache-tester'
    ])
    expect(plan.cacheTo).toEqual([
      'type=registry,ref=ghcr.io/acme/api:buildcache-runtime,mode=max,ignore-error=true'
    ])
  })
  test('registry on classic BuildKit: inline cache, cache-from images, push the cache image', () => {
    const plan = planCache({ ...base, builder: 'buildkit', mode: 'registry', cacheRef: '127.0.0.1:5000/app' })
    expect(plan.inlineCache).toBe(true)
    expect(plan.cacheFrom).toEqual(['127.0.0.1:5000/app:cache-runtime', '127.0.0.1:5000/app:cache-tester'])
    expect(plan.cacheTo).toEqual([])
    expect(plan.pushCacheImage).toBe('127.0.0.1:5000/app:cache-runtime')
  })
  test('inline', () => {
    expect(planCache({ ...base, mode: 'inline' }).cacheTo).toEqual(['type=inline'])
    expect(planCache({ ...base, mode: 'inline', builder: 'buildkit' }).inlineCache).toBe(true)
  })
  test('a builder that cannot export keeps reading and says why it does not write', () => {
    const plan = planCache({ ...base, env: runner, canExport: false })
    expect(plan.cacheTo).toEqual([])
    expect(plan.cacheFrom.length).toBe(2)
    expect(plan.notes.join(' ')).toMatch(/cannot export/)
  })
  test('raw cache-from / cache-to lines replace the decision', () => {
    const plan = planCache({
      ...base,
      env: runner,
      cacheFrom: ['type=local,src=/c'],
      cacheTo: ['type=local,dest=/c']
    })
    expect(plan.cacheFrom).toEqual(['type=local,src=/c'])
    expect(plan.cacheTo).toEqual(['type=local,dest=/c'])
  })
  test('none adds nothing', () => {
    const plan = planCache({ ...base, mode: 'none' })
    expect([plan.cacheFrom, plan.cacheTo, plan.inlineCache]).toEqual([[], [], false])
  })
})

test.each([
  ['ghcr.io/acme/api', 'runtime', 'stagegate-acme-api-runtime'],
  ['localhost:5000/x', 'tester', 'stagegate-x-tester'],
  ['app', 'runtime', 'stagegate-app-runtime'],
  ['my app', 'run time', 'stagegate-my-app-run-time']
])('cacheScope(%p, %p) = %p', (image, target, scope) => {
  expect(cacheScope(image, target)).toBe(scope)
})

test.each([
  ['ghcr.io/o/r:buildcache', 'tester', 'ghcr.io/o/r:buildcache-tester'],
  ['127.0.0.1:5000/app', 'runtime', '127.0.0.1:5000/app:cache-runtime'],
  ['app', 'runtime', 'app:cache-runtime'],
  ['localhost:5000/a/b:t', 'tester', 'localhost:5000/a/b:t-tester'],
  ['localhost:5000/a/b', 'tester', 'localhost:5000/a/b:cache-tester'],
  ['acme/api:cache', 'runtime', 'acme/api:cache-runtime'],
  ['docker.io/library/app', 'runtime', 'docker.io/library/app:cache-runtime'],
  // A tag holds at most 128 characters: the tag part is cut at 120, the registry port is no tag.
  [`app:${'a'.repeat(125)}`, 'tester', `app:${'a'.repeat(120)}`],
  [`localhost:5000/app:${'a'.repeat(115)}`, 'tester', `localhost:5000/app:${'a'.repeat(115)}-test`]
])('cacheRefFor(%p, %p) = %p', (ref, target, expected) => {
  expect(cacheRefFor(ref, target)).toBe(expected)
})

test.each([
  [{ mode: 'gha', driver: 'docker', containerdStore: false, createBuilder: true, rawCacheTo: false }, true],
  [{ mode: 'gha', driver: 'docker', containerdStore: false, createBuilder: false, rawCacheTo: false }, false],
  [{ mode: 'gha', driver: 'docker', containerdStore: true, createBuilder: true, rawCacheTo: false }, false],
  [
    {
      mode: 'gha',
      driver: 'docker-container',
      containerdStore: false,
      createBuilder: true,
      rawCacheTo: false
    },
    false
  ],
  [{ mode: 'none', driver: 'docker', containerdStore: false, createBuilder: true, rawCacheTo: false }, false],
  [{ mode: 'none', driver: 'docker', containerdStore: false, createBuilder: true, rawCacheTo: true }, true],
  [
    { mode: 'inline', driver: 'docker', containerdStore: false, createBuilder: true, rawCacheTo: false },
    false
  ]
] as const)('needsContainerBuilder(%p) = %p', (input, expected) => {
  expect(needsContainerBuilder(input)).toBe(expected)
})
