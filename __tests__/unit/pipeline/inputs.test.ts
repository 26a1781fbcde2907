import { describe, expect, test } from '@jest/globals'
import { parseBoolean, parseInputs, parseKeyValues, parseLines, parseList } from '../../../src/inputs.js'
import { NO_TESTS } from '../../../src/plan.js'

const inputs = (values: Record<string, string>) => parseInputs(name => values[name] ?? '')

describe('list inputs', () => {
  test.each([
    ['a,b', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    [' a , b \n\n c ', ['a', 'b', 'c']],
    ['a\r\nb', ['a', 'b']],
    ['', []]
  ])('parseList(%p)', (raw, list) => expect(parseList(raw)).toEqual(list))

  test.each([
    ['type=gha,scope=a\ntype=local,src=/c', ['type=gha,scope=a', 'type=local,src=/c']],
    ['# comment\nx', ['x']]
  ])('parseLines keeps commas (%p)', (raw, list) => expect(parseLines(raw)).toEqual(list))
})

describe('parseBoolean', () => {
  test.each([
    ['', false, false],
    ['', true, true],
    ['true', false, true],
    ['True', false, true],
    ['FALSE', true, false]
  ])('%p (default %p) → %p', (raw, fallback, value) =>
    expect(parseBoolean('push', raw, fallback)).toBe(value)
  )
  test.each(['yes', '1', 'on'])('%p is refused with the input name', raw => {
    expect(() => parseBoolean('push', raw, false)).toThrow(/Input "push" must be true or false/)
  })
})

describe('parseKeyValues', () => {
  test('splits at the first =', () =>
    expect(parseKeyValues('build-args', 'A=1\nB=x=y')).toEqual([
      ['A', '1'],
      ['B', 'x=y']
    ]))
  test('a bad line names the input and line, never the content (it may be a secret)', () => {
    expect(() => parseKeyValues('secrets', 'id=ok\nhunter2')).toThrow(
      'Input "secrets", line 2: expected KEY=value.'
    )
    try {
      parseKeyValues('secrets', 'hunter2')
    } catch (error) {
      expect(String(error)).not.toContain('hunter2')
    }
  })
})

describe('parseInputs', () => {
  test('defaults', () => {
    expect(inputs({})).toMatchObject({
      context: '.',
      file: '',
      target: '',
      testTarget: 'tester',
      push: false,
      cache: 'auto',
      createBuilder: true,
      tags: [],
      secrets: []
    })
  })
  test.each([
    ['none', NO_TESTS],
    ['NONE', NO_TESTS],
    [' None ', NO_TESTS],
    ['', 'tester'],
    ['  ', 'tester'],
    ['unit-tests', 'unit-tests'],
    [' unit-tests ', 'unit-tests'],
    ['nonexistent', 'nonexistent']
  ])('test-target %p → %p', (raw, testTarget) =>
    expect(inputs({ 'test-target': raw }).testTarget).toBe(testTarget)
  )

  test.each([
    [{ push: 'true' }, /no "tags"/],
    [{ 'test-target': 'none', 'test-command': 'make test' }, /would never run/],
    [{ 'test-target': 'NONE', 'test-command': 'make test' }, /would never run/],
    [{ 'test-target': ' None ', 'test-reports': '/out' }, /would never run/],
    [{ 'test-reports': 'reports' }, /absolute path/],
    [{ cache: 'registry' }, /cache-ref/],
    [{ cache: 's3' }, /must be one of auto, gha, registry, inline, none/],
    [{ tags: 'a b' }, /not an image reference/],
    [{ secrets: 'bad id=x' }, /may only hold/]
  ])('%p is refused: %p', (values, message) => {
    expect(() => inputs(values)).toThrow(message)
  })

  test('secrets keep their values for the build but are separate from build args', () => {
    const parsed = inputs({ secrets: 'npm_token=abc=def', 'build-args': 'A=1' })
    expect(parsed.secrets).toEqual([{ id: 'npm_token', value: 'abc=def' }])
    expect(parsed.buildArgs).toEqual({ A: '1' })
  })
})
