// action.yml is the contract with users: every input is read by the code, accepted by the CLI,
// and documented in the README; every output is documented and set.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { ACTION_INPUTS, BOOLEAN_INPUTS, REPEATABLE_INPUTS } from '../../../src/action-inputs.js'

const root = new URL('../../../', import.meta.url)
const actionYml = readFileSync(new URL('action.yml', root), 'utf8')
const readme = readFileSync(new URL('README.md', root), 'utf8')
const sources = ['src/inputs.ts', 'src/report/inputs.ts']
  .map(file => {
    try {
      return readFileSync(new URL(file, root), 'utf8')
    } catch {
      return ''
    }
  })
  .join('\n')

/** Names declared directly under a top-level `inputs:` or `outputs:` key. */
function declared(section: 'inputs' | 'outputs'): string[] {
  const lines = actionYml.split('\n')
  const start = lines.indexOf(`${section}:`)
  const names: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break
    const match = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)
    if (match?.[1]) names.push(match[1])
  }
  return names
}

/** The README text under a `### NAME` heading, up to the next heading. */
function readmeSection(name: string): string {
  const start = readme.indexOf(`\n### ${name}\n`)
  if (start < 0) throw new Error(`README has no "### ${name}" section`)
  const end = readme.slice(start + 1).search(/\n#{2,3} /)
  return end < 0 ? readme.slice(start) : readme.slice(start, start + 1 + end)
}

const inputs = declared('inputs')
const outputs = declared('outputs')

describe('action.yml', () => {
  test('declares inputs and outputs', () => {
    expect(inputs.length).toBeGreaterThan(10)
    expect(outputs).toEqual(expect.arrayContaining(['image-id', 'digest', 'test-outcome']))
  })

  test('runs on node24 from the committed bundle', () => {
    expect(actionYml).toMatch(/using: node24\n\s+main: dist\/index\.js/)
  })

  test('the CLI accepts exactly the action inputs', () => {
    expect([...ACTION_INPUTS].sort()).toEqual([...inputs].sort())
    for (const name of [...BOOLEAN_INPUTS, ...REPEATABLE_INPUTS]) expect(inputs).toContain(name)
  })

  test.each(inputs)('input %s is read by the code', name => {
    expect(sources).toContain(`'${name}'`)
  })

  test.each(inputs)('input %s is in the README inputs table', name => {
    expect(readmeSection('Inputs')).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'))
  })

  test.each(outputs)('output %s is in the README outputs table', name => {
    expect(readmeSection('Outputs')).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'))
  })

  test('the README tables list nothing action.yml does not declare', () => {
    const tables = readmeSection('Inputs') + readmeSection('Outputs')
    const documented = [...tables.matchAll(/^\| `([a-z][a-z0-9-]*)` +\|/gm)].map(m => m[1])
    expect(documented.length).toBeGreaterThan(inputs.length)
    for (const name of documented) expect([...inputs, ...outputs]).toContain(name)
  })
})
