// Cases derived from BuildKit's shell/envVarTest, wordsTest and lex_test.go.
import { describe, expect, test } from '@jest/globals'
import { expandWord, splitWords, ShellSyntaxError } from '../../../src/dockerfile/shell.js'

const env = new Map([
  ['PWD', '/home'],
  ['SHELL', 'bash'],
  ['KOREAN', '한국어'],
  ['EMPTY', ''],
  ['PATHV', '/usr/local/bin:/usr/bin:/bin'],
  ['FILE', 'archive.tar.gz']
])

describe('quotes and escapes (backslash)', () => {
  test.each([
    ['hello', 'hello'],
    ["he'll'o", 'hello'],
    ["he\\'llo", "he'llo"],
    ['abc\\def', 'abcdef'],
    ['abc\\\\def', 'abc\\def'],
    ['"abc\\\\def"', 'abc\\def'],
    ['"abc\\"def"', 'abc"def'],
    ["'abc\\\\def'", 'abc\\\\def'],
    ['"a\\b"', 'a\\b'],
    ['"\\$PWD"', '$PWD'],
    ["'$PWD'", '$PWD'],
    ['"$PWD"', '/home'],
    ['\\$PWD', '$PWD'],
    ['a\\', 'a'],
    ['"it\'s"', "it's"],
    ['한국어', '한국어'],
    ['$KOREAN', '한국어']
  ])('%s → %s', (word, out) => {
    expect(expandWord(word, env)).toBe(out)
  })

  test.each([["he'llo"], ['"abc'], ["'abc"], ['"a\\"']])('%s is unterminated', word => {
    expect(() => expandWord(word, env)).toThrow(ShellSyntaxError)
  })
})

describe('backtick escape token', () => {
  test.each([
    ['a`$PWD', 'a$PWD'],
    ['`$PWD/x', '$PWD/x'],
    ['C:\\path', 'C:\\path'],
    ['"`"x`""', '"x"'],
    ['a``b', 'a`b']
  ])('%s → %s', (word, out) => {
    expect(expandWord(word, env, { escapeToken: '`' })).toBe(out)
  })
})

describe('parameter expansion', () => {
  test.each([
    ['$PWD', '/home'],
    ['${PWD}', '/home'],
    ['$PWD/x', '/home/x'],
    ['${PWD}x', '/homex'],
    ['$UNSET', ''],
    ['$', '$'],
    ['a $ b', 'a $ b'],
    ['$1', ''],
    ['${PWD:-def}', '/home'],
    ['${UNSET:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${UNSET-def}', 'def'],
    ['${PWD:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${PWD}}', '/home'],
    ['${UNSET:-"a b"}', 'a b'],
    ["${UNSET:-'$PWD'}", '$PWD'],
    ['${PWD:?msg}', '/home'],
    ['${FILE#*.}', 'tar.gz'],
    ['${FILE##*.}', 'gz'],
    ['${FILE%.*}', 'archive.tar'],
    ['${FILE%%.*}', 'archive'],
    ['${FILE#nomatch}', 'archive.tar.gz'],
    ['${PATHV#*:}', '/usr/bin:/bin'],
    ['${PATHV%:*}', '/usr/local/bin:/usr/bin'],
    ['${FILE#arch?ve}', '.tar.gz'],
    ['${FILE/tar/zip}', 'archive.zip.gz'],
    ['${PATHV/:/;}', '/usr/local/bin;/usr/bin:/bin'],
    ['${PATHV//:/;}', '/usr/local/bin;/usr/bin;/bin'],
    ['${PATHV//\\//_}', '_usr_local_bin:_usr_bin:_bin'],
    ['${FILE/a*r/X}', 'X.gz'],
    ['${FILE/#x/y}', 'archive.tar.gz'],
    ['${UNSET/a/b}', ''],
    ['${UNSET#a}', '']
  ])('%s → %s', (word, out) => {
    expect(expandWord(word, env)).toBe(out)
  })

  test.each([
    ['${UNSET:?is required}', 'UNSET: is required'],
    ['${UNSET?}', 'UNSET: is not allowed to be unset'],
    ['${EMPTY:?}', 'EMPTY: is not allowed to be empty'],
    ['${PWD', "syntax error: missing '}'"],
    ['${PWD:-x', "syntax error: missing '}'"],
    ['${}', 'syntax error: bad substitution'],
    ['${:x}', 'syntax error: bad substitution'],
    ['${{x}', 'syntax error: bad substitution'],
    ['${PWD:#x}', 'unsupported modifier (:#) in substitution'],
    ['${PWD:%x}', 'unsupported modifier (:%) in substitution'],
    ['${PWD:x}', 'unsupported modifier (:x) in substitution'],
    ['${PWD=x}', 'unsupported modifier (=) in substitution'],
    ['${PWD/a', "syntax error: missing '/' in ${}"]
  ])('%s fails: %s', (word, message) => {
    expect(() => expandWord(word, env)).toThrow(message)
  })

  test('${V?} passes when set even if empty', () => {
    expect(expandWord('${EMPTY?}', env)).toBe('')
  })

  test('skipUnsetEnv keeps references to unset variables', () => {
    expect(expandWord('$A ${B} ${C:-x} ${PWD}', env, { skipUnsetEnv: true })).toBe('$A ${B} ${C:-x} /home')
  })
})

describe('word splitting (ProcessWords)', () => {
  test.each([
    ['hello world', ['hello', 'world']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['"hello world"', ['hello world']],
    ["'a b' c", ['a b', 'c']],
    ['a\\ b', ['a b']],
    ['$SPLIT', ['one', 'two']],
    ['"$SPLIT"', ['one two']],
    ['x"$SPLIT"y', ['xone twoy']],
    ['a "" b', ['a', 'b']]
  ])('%s → %j', (word, out) => {
    expect(splitWords(word, new Map([['SPLIT', 'one two']]))).toEqual(out)
  })
})
