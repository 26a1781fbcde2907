// Property tests: whatever the input, the reader yields a graph or a located user error, never a
// crash; and real Dockerfiles keep reading the same way. Bounded to a few seconds.
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { readDockerfile, resolveTarget, stagesFor } from '../../../src/dockerfile/index.js'
import { DockerfileError, UserError } from '../../../src/errors.js'
import { planBuild } from '../../../src/plan.js'

const DIR = join(process.cwd(), '__tests__/fixtures/dockerfiles')
const FIXTURES = readdirSync(DIR)
  .filter(f => f.endsWith('.Dockerfile'))
  .sort()
  .map(f => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') }))

/** Reads and plans; returns 'ok' or the error's line, and rethrows anything that is not a user error. */
function readAll(text: string): 'ok' | number {
  try {
    const g = readDockerfile(text, { file: 'Dockerfile', buildArgs: { GO_VERSION: '1.23' } })
    for (const s of g.stages) {
      expect(s.instructions[0]?.keyword).toBe('FROM')
      for (const i of s.instructions) expect(i.endLine).toBeGreaterThanOrEqual(i.startLine)
      for (const d of s.dependsOn) expect(g.stages[d]).toBeDefined()
    }
    stagesFor(g, resolveTarget(g, undefined))
    try {
      planBuild(g, {})
    } catch (err) {
      if (!(err instanceof UserError)) throw err
    }
    return 'ok'
  } catch (err) {
    if (err instanceof DockerfileError) {
      expect(err.line).toBeGreaterThanOrEqual(1)
      expect(err.detail.length).toBeGreaterThan(0)
      return err.line
    }
    throw err
  }
}

const TOKENS = [
  '\n',
  '\r\n',
  '\\',
  '\\\n',
  '`',
  '#',
  '# escape=`\n',
  '# syntax=x\n',
  '<<EOF',
  '<<-EOF',
  "<<'EOF'",
  '\nEOF\n',
  '\tEOF',
  '$',
  '${',
  '}',
  '${A:-b}',
  '${A:?x}',
  '${A#*}',
  '${A/x/y}',
  '"',
  "'",
  '[',
  ']',
  '["a", 1]',
  '--from=',
  '--from=0 ',
  '--from=99 ',
  '--mount=from=x,target=/y ',
  '--link ',
  '-- ',
  ' AS ',
  ' as 1x',
  'FROM ',
  'COPY ',
  'RUN ',
  'ARG ',
  'ONBUILD ',
  '\uFEFF',
  'ü',
  '😀',
  ' ',
  '\t'
]

describe('fuzz', () => {
  test.each(FIXTURES.map(f => [f.name, f.text]))('fixture %s reads cleanly', (_name, text) => {
    expect(readAll(text)).toBe('ok')
  })

  test('mutated real Dockerfiles: a graph or a located DockerfileError', () => {
    const mutation = fc.record({
      fixture: fc.integer({ min: 0, max: FIXTURES.length - 1 }),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          del: fc.integer({ min: 0, max: 8 }),
          insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }))
        }),
        { minLength: 1, maxLength: 6 }
      )
    })
    fc.assert(
      fc.property(mutation, ({ fixture, edits }) => {
        let text = (FIXTURES[fixture] as { text: string }).text
        for (const e of edits) {
          const at = e.at % (text.length + 1)
          text = text.slice(0, at) + e.insert + text.slice(at + e.del)
        }
        readAll(text)
      }),
      { numRuns: 1500, seed: 20240601 }
    )
  })

  test('shuffled and dropped lines of real Dockerfiles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: FIXTURES.length - 1 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (fixture, picks) => {
          const lines = (FIXTURES[fixture] as { text: string }).text.split('\n')
          const out = picks.length === 0 ? lines : picks.map(p => lines[p % lines.length] as string)
          readAll(out.join('\n'))
        }
      ),
      { numRuns: 800, seed: 7 }
    )
  })

  test('random strings of Dockerfile tokens', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 40 }),
        parts => {
          readAll(parts.join(''))
        }
      ),
      { numRuns: 1500, seed: 42 }
    )
  })

  test('arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), s => {
        readAll(s)
        readAll('FROM a\n' + s)
      }),
      { numRuns: 800, seed: 3 }
    )
  })
})
