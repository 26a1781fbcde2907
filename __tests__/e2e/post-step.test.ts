// The action's post step removes the buildx builder its main step created, unless kept: as
// setup-buildx-action cleans up after itself. A docker-container builder cannot start on these
// machines (privileged containers), but one can be created, which is all the post step needs.
import { expect, jest } from '@jest/globals'
import path from 'node:path'
import { DOCKER, describe, onPath, ROOT, runProcess, test } from './harness.js'

jest.setTimeout(60_000)

async function postStep(state: Record<string, string>, inputs: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME }
  // The runner hands the main step's saveState values to the post step as STATE_<name>.
  for (const [name, value] of Object.entries({ 'is-post': 'true', ...state })) env[`STATE_${name}`] = value
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const bundle = process.env.STAGEGATE_DIST ?? path.join(ROOT, 'dist/index.js')
  return runProcess(process.execPath, [bundle], { env })
}

async function builderExists(name: string): Promise<boolean> {
  return (await runProcess(DOCKER, ['buildx', 'inspect', name])).code === 0
}

describe('the post step', () => {
  test.each([
    [
      'removes the builder the run created',
      {},
      false,
      /Removed the buildx builder "stagegate-post-\w+" this run created/
    ],
    [
      'keeps it with keep-builder: true',
      { 'keep-builder': 'true' },
      true,
      /Keeping the buildx builder "stagegate-post-\w+" \(keep-builder: true\)/
    ]
  ])('%s', async (_name, inputs, kept, said) => {
    if (onPath('classic')) return // no buildx on the classic path: nothing is ever created
    const name = `stagegate-post-${Date.now().toString(36)}`
    const created = await runProcess(DOCKER, [
      'buildx',
      'create',
      '--name',
      name,
      '--driver',
      'docker-container'
    ])
    expect(created.code).toBe(0)
    try {
      const post = await postStep({ 'created-builder': JSON.stringify({ client: DOCKER, name }) }, inputs)
      expect(post.code).toBe(0)
      expect(post.stdout).toMatch(said)
      expect(await builderExists(name)).toBe(kept)
    } finally {
      await runProcess(DOCKER, ['buildx', 'rm', name])
    }
  })

  test('a run that created no builder: the post step does nothing and says nothing', async () => {
    const post = await postStep({})
    expect(post.code).toBe(0)
    expect(post.stdout.trim()).toBe('')
  })
})
