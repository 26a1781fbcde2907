// Cases derived from BuildKit's parser_test.go, directives_test.go, parser_heredoc_test.go,
// line_parsers_test.go and instructions/parse_test.go.
import { describe, expect, test } from '@jest/globals'
import { DockerfileError } from '../../../src/errors.js'
import { extractFlags, parseDockerfile, parseHeredocWord } from '../../../src/dockerfile/parser.js'

const parse = (text: string) => parseDockerfile(text, 'Dockerfile')
const summary = (text: string) =>
  parse(text).instructions.map(i => [i.keyword, i.args, i.startLine, i.endLine])

function errorOf(fn: () => unknown): { line: number; detail: string } {
  try {
    fn()
  } catch (err) {
    if (err instanceof DockerfileError) return { line: err.line, detail: err.detail }
    throw err
  }
  throw new Error('expected a DockerfileError')
}

describe('parser directives', () => {
  test.each([
    ['# syntax=docker/dockerfile:1\nFROM a', [['syntax', 'docker/dockerfile:1']]],
    ['#syntax = x\nFROM a', [['syntax', 'x']]],
    [
      '# SYNTAX=x\n# Escape=`\nFROM a',
      [
        ['syntax', 'x'],
        ['escape', '`']
      ]
    ],
    ['  # escape = \\\nFROM a', [['escape', '\\']]],
    ['# check=skip=all;error=true\nFROM a', [['check', 'skip=all;error=true']]],
    ['# syntax=x  \r\nFROM a', [['syntax', 'x']]],
    ['\uFEFF# syntax=x\nFROM a', [['syntax', 'x']]],
    ['# comment\n# syntax=x\nFROM a', []],
    ['\n# syntax=x\nFROM a', []],
    ['# unknown=x\n# syntax=x\nFROM a', []],
    ['FROM a\n# syntax=x', []],
    ['# syntax=\nFROM a', []],
    ['#!/usr/bin/env buildctl\n# syntax=x\nFROM a', []]
  ])('%j → %j', (text, expected) => {
    expect(parse(text).directives.map(d => [d.name, d.value])).toEqual(expected)
  })

  test.each([
    // BuildKit locates these at its 0-based line counter, the line before (engine 26 agrees)
    ['# syntax=a\n# syntax=b\nFROM x', 1, 'only one syntax parser directive can be used'],
    ['# escape=\\\n# ESCAPE=`\nFROM x', 1, 'only one escape parser directive can be used'],
    ['# escape=x\nFROM x', 1, "invalid escape token 'x' does not match ` or \\"]
  ])('%j fails at line %d', (text, line, detail) => {
    expect(errorOf(() => parse(text))).toEqual({ line, detail })
  })

  test('the escape directive switches the continuation token', () => {
    const text = '# escape=`\nFROM a\nRUN dir c:\\ `\n  /s\nCOPY a\\ b\\ /x\\\n'
    expect(summary(text)).toEqual([
      ['FROM', 'a', 2, 2],
      ['RUN', 'dir c:\\   /s', 3, 4],
      ['COPY', 'a\\ b\\ /x\\', 5, 5]
    ])
  })
})

describe('continuations and comments', () => {
  test.each<[string, (string | number)[][]]>([
    ['FROM a\nRUN a \\\n  b', [['RUN', 'a   b', 2, 3]]],
    ['FROM a\nRUN a\\\nb', [['RUN', 'ab', 2, 3]]],
    ['FROM a\nRUN a \\  \t\nb', [['RUN', 'a b', 2, 3]]],
    ['FROM a\nRUN a \\\n# comment\n  # indented comment\nb', [['RUN', 'a b', 2, 5]]],
    ['FROM a\nRUN a \\\n\n   \nb', [['RUN', 'a b', 2, 5]]],
    [
      'FROM a\nRUN a \\\\\nRUN b',
      [
        ['RUN', 'a \\\\', 2, 2],
        ['RUN', 'b', 3, 3]
      ]
    ],
    [
      'FROM a\nRUN a \\\\\\\nRUN b',
      [
        ['RUN', 'a \\\\\\', 2, 2],
        ['RUN', 'b', 3, 3]
      ]
    ],
    ['FROM a\nRUN a \\', [['RUN', 'a', 2, 2]]],
    ['FROM a\nRUN echo # not a comment', [['RUN', 'echo # not a comment', 2, 2]]],
    ['FROM a\r\nRUN a \\\r\n  b\r\n', [['RUN', 'a   b', 2, 3]]],
    ['FROM a\n   \t  RUN   x  \n', [['RUN', 'x', 2, 2]]],
    [
      'FROM a\nrun x\nRuN y',
      [
        ['RUN', 'x', 2, 2],
        ['RUN', 'y', 3, 3]
      ]
    ],
    ['FROM a\nRUN \\\n  x', [['RUN', 'x', 2, 3]]]
  ])('%j', (text, expected) => {
    expect(summary(text).slice(1)).toEqual(expected)
  })

  test('an empty continuation line is a warning', () => {
    expect(parse('FROM a\nRUN a \\\n\nb').warnings.map(w => w.rule)).toEqual(['NoEmptyContinuation'])
  })

  test('comments and blank lines before FROM are skipped; lines are counted', () => {
    expect(summary('# hello\n\n\nFROM a\n\n# x\nRUN b')).toEqual([
      ['FROM', 'a', 4, 4],
      ['RUN', 'b', 7, 7]
    ])
  })
})

describe('heredocs', () => {
  const df = [
    'FROM alpine',
    'RUN <<EOF',
    'echo hi',
    'EOF',
    'RUN 3<<EOF2',
    'x',
    'EOF2',
    'RUN "<<NOHEREDOC"',
    'RUN <<-UNINDENT',
    '\tbaz',
    '\tUNINDENT',
    "RUN <<-'NOEXPAND'",
    '\t$NAME',
    'NOEXPAND',
    'COPY <<FILE1 <<FILE2 /dest',
    'content 1',
    'FILE1',
    'content 2',
    'FILE2',
    'COPY <<X <<Y /dest',
    'Y',
    'X',
    'X',
    'Y',
    "RUN <<eo'f'",
    'eof',
    "RUN <<eo\\'f",
    "eo'f",
    "RUN <<'one two'",
    'one two',
    'RUN <<  EOF  > foo',
    'FROM not-an-instruction',
    'EOF',
    'RUN --mount=type=cache,target=/c <<MOUNT python3',
    'print(1)',
    'MOUNT',
    'RUN ["<<EOF"]',
    'USER <<INVALID',
    'ONBUILD RUN <<OB',
    'ob',
    'OB'
  ].join('\n')
  const ins = parse(df).instructions

  test.each<[number, string, number, number, [string, number, boolean, boolean, string][]]>([
    [1, 'RUN', 2, 4, [['EOF', 0, true, false, 'echo hi\n']]],
    [2, 'RUN', 5, 7, [['EOF2', 3, true, false, 'x\n']]],
    [3, 'RUN', 8, 8, []],
    [4, 'RUN', 9, 11, [['UNINDENT', 0, true, true, '\tbaz\n']]],
    [5, 'RUN', 12, 14, [['NOEXPAND', 0, false, true, '\t$NAME\n']]],
    [
      6,
      'COPY',
      15,
      19,
      [
        ['FILE1', 0, true, false, 'content 1\n'],
        ['FILE2', 0, true, false, 'content 2\n']
      ]
    ],
    [
      7,
      'COPY',
      20,
      24,
      [
        ['X', 0, true, false, 'Y\n'],
        ['Y', 0, true, false, 'X\n']
      ]
    ],
    [8, 'RUN', 25, 26, [['eof', 0, false, false, '']]],
    [9, 'RUN', 27, 28, [["eo'f", 0, true, false, '']]],
    [10, 'RUN', 29, 30, [['one two', 0, false, false, '']]],
    [11, 'RUN', 31, 33, [['EOF', 0, true, false, 'FROM not-an-instruction\n']]],
    [12, 'RUN', 34, 36, [['MOUNT', 0, true, false, 'print(1)\n']]],
    [13, 'RUN', 37, 37, []],
    [14, 'USER', 38, 38, []],
    [15, 'ONBUILD', 39, 41, [['OB', 0, true, false, 'ob\n']]]
  ])('instruction %d: %s lines %d-%d', (i, keyword, start, end, docs) => {
    const x = ins[i]
    expect(x && [x.keyword, x.startLine, x.endLine]).toEqual([keyword, start, end])
    expect(x?.heredocs.map(h => [h.name, h.fileDescriptor, h.expand, h.chomp, h.content])).toEqual(docs)
  })

  test('the heredoc body is not parsed as instructions', () => {
    expect(ins.map(i => i.keyword)).not.toContain('EOF')
    expect(ins).toHaveLength(16)
  })

  test('CRLF heredoc bodies keep their line endings; the terminator ignores them', () => {
    const [, run] = parse('FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n').instructions
    expect(run?.heredocs[0]?.content).toBe('x\r\n')
    expect(run?.endLine).toBe(4)
  })

  test.each([
    ['FROM a\nRUN <<EOF\necho', 2],
    ['FROM a\nCOPY <<A <<B /x\na\nA\nb\n', 2],
    ['FROM a\nRUN <<-EOF\n  EOF\n', 2]
  ])('%j: unterminated heredoc at line %d', (text, line) => {
    expect(errorOf(() => parse(text))).toEqual({ line, detail: 'unterminated heredoc' })
  })

  test.each([
    ['<<EOF', 'EOF'],
    ["<<'EOF'", 'EOF'],
    ['<<"EOF"', 'EOF'],
    ['<<-EOF', 'EOF'],
    ["<<-'EOF'", 'EOF'],
    ['<<EO"F"', 'EOF'],
    ['<< EOF', 'EOF'],
    ['<<- EOF', 'EOF'],
    ['', null],
    ['EOF', null],
    ['<<', null],
    ['<<-', null],
    ['<EOF', null],
    ['<<<EOF', null],
    ['<<EOF sh', null]
  ])('heredoc word %j → %j', (word, name) => {
    expect(parseHeredocWord(word)?.name ?? null).toBe(name)
  })

  test.each([["<<'EOF"], ['<<"EOF'], ["<<EOF'"], ['<<EOF"']])('heredoc word %j is malformed', word => {
    expect(() => parseHeredocWord(word)).toThrow()
  })

  test.each([
    ['RUN <<EOF', ['EOF']],
    ['RUN <<- EOF', ['EOF']],
    ['RUN << -EOF', ['-EOF']],
    ['RUN 4<<EOF', ['EOF']],
    ['RUN <<EOF <<EOF2', ['EOF', 'EOF2']],
    ["RUN '<<EOF'", []],
    ['RUN "<<EOF"', []]
  ])('names in %j', (line, names) => {
    const text = `FROM a\n${line}\n${names.join('\n')}\n`
    expect(parse(text).instructions[1]?.heredocs.map(h => h.name)).toEqual(names)
  })
})

describe('flags', () => {
  test.each([
    ['--from=a /x /y', ['--from=a'], '/x /y'],
    ['--from=a --chown=1:1 /x /y', ['--from=a', '--chown=1:1'], '/x /y'],
    ['--link /x /y', ['--link'], '/x /y'],
    ['-- --x /y', [], '--x /y'],
    ['--from="a b" x y', ['--from=a b'], 'x y'],
    ["--mount='type=cache,target=/x' go", ['--mount=type=cache,target=/x'], 'go'],
    ['--a\\ b c', ['--a b'], 'c'],
    ['x --from=a', [], 'x --from=a'],
    ['-x y', [], '-x y'],
    ['--flag', ['--flag'], ''],
    ['--flag --', ['--flag'], '']
  ])('%j', (line, flags, rest) => {
    const r = extractFlags(line)
    expect([r.flags, r.rest.trim()]).toEqual([flags, rest])
  })

  test('flags are recorded by name on the instruction', () => {
    const [, copy] = parse('FROM a\nCOPY --chmod=644 --from=b --exclude=x --exclude=y a /b').instructions
    expect(copy?.flags).toEqual({ chmod: ['644'], from: ['b'], exclude: ['x', 'y'] })
    expect(copy?.args).toBe('a /b')
  })
})

describe('JSON and shell forms', () => {
  test.each<[string, boolean, string[]]>([
    ['RUN ["echo", "hi"]', true, ['echo', 'hi']],
    ['RUN   [ "a" ]  ', true, ['a']],
    ['RUN []', true, []],
    ['RUN [echo]', false, ['[echo]']],
    ["RUN ['a']", false, ["['a']"]],
    ['RUN echo [x]', false, ['echo [x]']],
    ['CMD ["a","b"]', true, ['a', 'b']],
    ['ENTRYPOINT ["x"', false, ['["x"']],
    ['COPY ["a b", "/c d"]', true, ['a b', '/c d']],
    ['COPY a  b\tc', false, ['a', 'b', 'c']],
    ['RUN ["a\\"b"]', true, ['a"b']]
  ])('%s', (line, json, argv) => {
    const ins = parse(`FROM x\n${line}`).instructions[1]
    expect([ins?.json, ins?.argv]).toEqual([json, argv])
  })

  test.each(['RUN [1, 2]', 'COPY ["a", 1]', 'CMD [null]'])('%s: non-string JSON arrays are errors', line => {
    expect(errorOf(() => parse(`FROM x\n${line}`))).toEqual({
      line: 2,
      detail: 'when using JSON array syntax, arrays must be comprised of strings only'
    })
  })
})
