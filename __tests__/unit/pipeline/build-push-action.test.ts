// The README's "Coming from build-push-action" table is a promise to users moving a workflow over:
// every build-push-action input has a row, and each stagegate input a row names exists in action.yml.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'

// docker/build-push-action's inputs, read from its action.yml at commit
// 0259cb088b9283926c6ffe4374b2a06a25c8c131 (v6, node20).
const BUILD_PUSH_ACTION_INPUTS = [
  'add-hosts',
  'allow',
  'annotations',
  'attests',
  'build-args',
  'build-contexts',
  'builder',
  'cache-from',
  'cache-to',
  'call',
  'cgroup-parent',
  'context',
  'file',
  'labels',
  'load',
  'network',
  'no-cache',
  'no-cache-filters',
  'outputs',
  'platforms',
  'provenance',
  'pull',
  'push',
  'sbom',
  'secrets',
  'secret-envs',
  'secret-files',
  'shm-size',
  'ssh',
  'tags',
  'target',
  'ulimit',
  'github-token'
]

const root = new URL('../../../', import.meta.url)
const actionYml = readFileSync(new URL('action.yml', root), 'utf8')
const readme = readFileSync(new URL('README.md', root), 'utf8')

function actionInputs(): string[] {
  const lines = actionYml.split('\n')
  const names: string[] = []
  for (const line of lines.slice(lines.indexOf('inputs:') + 1)) {
    if (/^\S/.test(line)) break
    const match = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)
    if (match?.[1]) names.push(match[1])
  }
  return names
}

/** Rows of the table under `### Coming from build-push-action`: [build-push-action input, stagegate cell]. */
function tableRows(): Array<[string, string]> {
  const start = readme.indexOf('\n### Coming from build-push-action\n')
  if (start < 0) throw new Error('README has no "### Coming from build-push-action" section')
  const rest = readme.slice(start + 1)
  const end = rest.slice(1).search(/\n#{2,3} /)
  const section = end < 0 ? rest : rest.slice(0, end + 1)
  return [...section.matchAll(/^\| `([a-z][a-z0-9-]*)` +\| (.*?) *\|$/gm)].map(m => [m[1] ?? '', m[2] ?? ''])
}

const inputs = actionInputs()
const rows = tableRows()

describe('README: Coming from build-push-action', () => {
  test('has one row per build-push-action input, and no other', () => {
    expect(rows.map(([name]) => name).sort()).toEqual([...BUILD_PUSH_ACTION_INPUTS].sort())
  })

  test.each(rows)('%s: the stagegate input it names exists in action.yml', (_name, cell) => {
    const named = /^`([a-z][a-z0-9-]*)`/.exec(cell)?.[1]
    if (named) expect(inputs).toContain(named)
    else expect(cell).toMatch(/^none: \S/)
  })

  test.each(BUILD_PUSH_ACTION_INPUTS.filter(name => inputs.includes(name)))(
    '%s exists in stagegate with the same name, and its row says so',
    name => {
      const cell = rows.find(([row]) => row === name)?.[1] ?? ''
      expect(cell.startsWith(`\`${name}\``)).toBe(true)
    }
  )

  test('every build-push-action input stagegate lacks is explained, not just absent', () => {
    const lacking = BUILD_PUSH_ACTION_INPUTS.filter(name => !inputs.includes(name))
    expect(lacking).toEqual(['load'])
  })
})
