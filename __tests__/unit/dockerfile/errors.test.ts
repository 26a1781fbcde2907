// Errors BuildKit raises for the whole file before any step runs (issue 11 §1). Messages and lines
// follow BuildKit v0.24: distribution/reference, containerd platforms, parser/line_parsers.go,
// instructions/parse.go, linter.ParseLintOptions and the parser's 64 KiB scanner limit.
import { describe, expect, test } from '@jest/globals'
import { DockerfileError } from '../../../src/errors.js'
import { readDockerfile, resolveTarget, stagesFor } from '../../../src/dockerfile/index.js'
import { mountProblem } from '../../../src/dockerfile/instructions.js'
import { parseReference, repositoryOf, splitReference, validateReference } from '../../../src/reference.js'

const read = (text: string) => readDockerfile(text, { file: 'Dockerfile' })
const lines = (...l: string[]) => l.join('\n') + '\n'
const D64 = 'a'.repeat(64)

function errorOf(text: string): [number, string] | null {
  try {
    read(text)
    return null
  } catch (err) {
    if (err instanceof DockerfileError) return [err.line, err.detail]
    throw err
  }
}

describe('image references (distribution/reference)', () => {
  test.each<[string, string | null]>([
    ['alpine', null],
    ['alpine:3.20', null],
    ['docker.io/library/alpine:latest', null],
    ['localhost:5000/team/app:1', null],
    ['127.0.0.1:5000/app', null],
    [`alpine@sha256:${D64}`, null],
    [`alpine:3@sha256:${D64}`, null],
    ['Alpine', 'invalid reference format: repository name (library/Alpine) must be lowercase'],
    ['team/App:1', 'invalid reference format: repository name (team/App) must be lowercase'],
    ['Registry.example.com/app', null],
    ['alpine:3:4', 'invalid reference format'],
    ['alpine@sha256:abc', 'invalid reference format'],
    [`alpine@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`alpine@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [`alpine@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [D64, `invalid repository name (${D64}), cannot specify 64-byte hexadecimal strings`],
    ['img:x y', 'invalid reference format'],
    [`a/${'b'.repeat(260)}`, 'repository name must not be more than 255 characters']
  ])('%s', (ref, problem) => {
    expect(validateReference(ref)).toBe(problem)
  })

  test.each([
    ['golang:1.22', 'docker.io/library/golang'],
    ['ghcr.io/o/r:1@sha256:' + D64, 'ghcr.io/o/r'],
    ['Bad', null]
  ])('repositoryOf(%s) = %s', (ref, repo) => {
    expect(repositoryOf(ref)).toBe(repo)
  })

  test('parseReference splits tag and digest', () => {
    expect(parseReference('localhost:5000/app:1')).toEqual({
      domain: 'localhost:5000',
      path: 'app',
      tag: '1',
      digest: null
    })
  })

  test.each<[string, string, string | null, string | null]>([
    ['app', 'app', null, null],
    ['alpine:3.20', 'alpine', '3.20', null],
    ['acme/api:1', 'acme/api', '1', null],
    ['docker.io/library/alpine:latest', 'docker.io/library/alpine', 'latest', null],
    ['localhost:5000/a/b:t', 'localhost:5000/a/b', 't', null],
    ['localhost:5000/a/b', 'localhost:5000/a/b', null, null],
    [`a@sha256:${D64}`, 'a', null, `sha256:${D64}`],
    [`localhost:5000/a/b:t@sha256:${D64}`, 'localhost:5000/a/b', 't', `sha256:${D64}`],
    ['[::1]:5000/app:v', '[::1]:5000/app', 'v', null]
  ])(
    'splitReference(%s): as written, and the tag and digest parseReference reads',
    (ref, name, tag, digest) => {
      expect(splitReference(ref)).toEqual({ name, tag, digest })
      const parsed = parseReference(ref)
      expect([parsed.tag, parsed.digest]).toEqual([tag, digest])
      expect(repositoryOf(name)).toBe(`${parsed.domain}/${parsed.path}`)
    }
  )

  test.each<[string, string, string | null, string | null]>([
    ['App:1', 'App', '1', null],
    ['app:-1', 'app', '-1', null],
    ['app:a/b', 'app:a/b', null, null],
    ['app@sha256:abc', 'app', null, 'sha256:abc']
  ])('splitReference(%s) cuts an invalid reference the same way, for messages', (ref, name, tag, digest) => {
    expect(splitReference(ref)).toEqual({ name, tag, digest })
  })
})

describe('errors for the whole file, at the line BuildKit reports', () => {
  test.each<[string, string, [number, string] | null]>([
    // References: every FROM and every implicit image, reachable or not.
    [
      'uppercase FROM',
      lines('FROM Alpine AS a', 'FROM b'),
      [
        1,
        'failed to parse stage name "Alpine": invalid reference format: repository name (library/Alpine) must be lowercase'
      ]
    ],
    [
      'two tags',
      lines('FROM b', 'FROM alpine:3:4'),
      [2, 'failed to parse stage name "alpine:3:4": invalid reference format']
    ],
    [
      'bad digest',
      lines('FROM alpine@sha256:123'),
      [1, 'failed to parse stage name "alpine@sha256:123": invalid reference format']
    ],
    [
      'expanded global ARG',
      lines('ARG V=1:2', 'FROM img:$V'),
      [2, 'failed to parse stage name "img:1:2": invalid reference format']
    ],
    [
      'COPY --from image',
      lines('FROM a', 'COPY --from=Img:1 /x /y'),
      [
        2,
        'failed to parse stage name "Img:1": invalid reference format: repository name (library/Img) must be lowercase'
      ]
    ],
    [
      'mount from image',
      lines('FROM a', 'RUN --mount=from=a:b:c,target=/m true'),
      [2, 'failed to parse stage name "a:b:c": invalid reference format']
    ],
    ['scratch is no image', lines('FROM scratch', 'COPY --from=scratch /x /y'), null],
    [
      '--from an existing stage in another case',
      lines('FROM a AS Build', 'FROM b', 'COPY --from=BUILD /x /y'),
      null
    ],
    // Platforms.
    [
      'bad platform',
      lines('FROM --platform=linux/amd64/v2/x a'),
      [
        1,
        'failed to parse platform linux/amd64/v2/x: "linux/amd64/v2/x": cannot parse platform specifier: invalid argument'
      ]
    ],
    [
      'platform component',
      lines('FROM --platform=linux/am.d64 a'),
      [
        1,
        'failed to parse platform linux/am.d64: "am.d64" is an invalid component of "linux/am.d64": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument'
      ]
    ],
    [
      'unknown single word',
      lines('FROM --platform=foo a'),
      [1, 'failed to parse platform foo: "foo": unknown operating system or architecture: invalid argument']
    ],
    [
      'wildcard',
      lines('FROM --platform=linux/* a'),
      [1, 'failed to parse platform linux/*: "linux/*": wildcards not yet supported: invalid argument']
    ],
    [
      'empty after expansion',
      lines('ARG P', 'FROM --platform=$P a'),
      [2, 'empty platform value from expression $P']
    ],
    ['single arch word', lines('FROM --platform=arm64 a'), null],
    ['BUILDPLATFORM', lines('FROM --platform=$BUILDPLATFORM a'), null],
    // The line parser, before any instruction check.
    ['ENV legacy without value', lines('FROM a', 'ENV A'), [2, 'ENV must have two arguments']],
    ['LABEL legacy without value', lines('FROM a', 'LABEL a'), [2, 'LABEL must have two arguments']],
    [
      'ENV mixed forms',
      lines('FROM a', 'ENV A=1 B'),
      [2, `Syntax error - can't find = in "B". Must be of the form: name=value`]
    ],
    ['line parser first', lines('FROM a', 'COPY x', 'ENV A'), [3, 'ENV must have two arguments']],
    // instructions/parse.go.
    ['ENV empty', lines('FROM a', 'ENV'), [2, 'ENV requires at least one argument']],
    ['LABEL empty', lines('FROM a', 'LABEL'), [2, 'LABEL requires at least one argument']],
    ['HEALTHCHECK empty', lines('FROM a', 'HEALTHCHECK'), [2, 'HEALTHCHECK requires at least one argument']],
    [
      'HEALTHCHECK NONE args',
      lines('FROM a', 'HEALTHCHECK NONE x'),
      [2, 'HEALTHCHECK NONE takes no arguments']
    ],
    [
      'HEALTHCHECK type',
      lines('FROM a', 'HEALTHCHECK RUN x'),
      [2, 'Unknown type "RUN" in HEALTHCHECK (try CMD)']
    ],
    [
      'HEALTHCHECK CMD alone',
      lines('FROM a', 'HEALTHCHECK CMD'),
      [2, 'Missing command after HEALTHCHECK CMD']
    ],
    [
      'HEALTHCHECK interval',
      lines('FROM a', 'HEALTHCHECK --interval=5 CMD true'),
      [2, 'time: invalid duration "5"']
    ],
    [
      'HEALTHCHECK tiny interval',
      lines('FROM a', 'HEALTHCHECK --timeout=1us CMD true'),
      [2, 'Interval "timeout" cannot be less than 1ms']
    ],
    [
      'HEALTHCHECK retries',
      lines('FROM a', 'HEALTHCHECK --retries=-1 CMD true'),
      [2, '--retries cannot be negative (-1)']
    ],
    ['HEALTHCHECK ok', lines('FROM a', 'HEALTHCHECK --interval=1m30s --retries=3 CMD true'), null],
    [
      'heredoc destination',
      lines('FROM a', 'COPY x <<EOF', 'hi', 'EOF'),
      [2, 'COPY cannot accept a heredoc as a destination']
    ],
    ['heredoc source', lines('FROM a', 'COPY <<EOF /x', 'hi', 'EOF'), null],
    ['WORKDIR empty', lines('FROM a', 'WORKDIR'), [2, 'WORKDIR requires exactly one argument']],
    ['USER empty', lines('FROM a', 'USER'), [2, 'USER requires exactly one argument']],
    ['EXPOSE empty', lines('FROM a', 'EXPOSE'), [2, 'EXPOSE requires at least one argument']],
    [
      'VOLUME empty string',
      lines('FROM a', 'VOLUME [""]'),
      [2, 'VOLUME specified can not be an empty string']
    ],
    [
      'SHELL not JSON',
      lines('FROM a', 'SHELL sh -c'),
      [2, 'SHELL requires the arguments to be in JSON form']
    ],
    [
      'ONBUILD ONBUILD',
      lines('FROM a', 'ONBUILD ONBUILD RUN x'),
      [2, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"]
    ],
    ['ONBUILD FROM', lines('FROM a', 'ONBUILD FROM b'), [2, "FROM isn't allowed as an ONBUILD trigger"]],
    // # check= options.
    [
      'check unknown option',
      lines('# check=foo=bar', 'FROM a'),
      [1, 'failed to parse check options: invalid check option "foo"']
    ],
    [
      'check without =',
      lines('# check=skip', 'FROM a'),
      [1, 'failed to parse check options: invalid check option "skip"']
    ],
    [
      'check error not bool',
      lines('# check=error=yes', 'FROM a'),
      [
        1,
        'failed to parse check options: failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax'
      ]
    ],
    // BuildKit v0.24 ParseLintOptions splits on ';' at most three ways.
    [
      'check third option is read',
      lines('# check=skip=A;error=true;x=1', 'FROM a'),
      [1, 'failed to parse check options: invalid check option "x"']
    ],
    [
      'check fourth option stays in the third',
      lines('# check=skip=A;experimental=B;error=true;x=1', 'FROM a'),
      [
        1,
        'failed to parse check options: failed to parse check option "error=true;x=1": strconv.ParseBool: parsing "true;x=1": invalid syntax'
      ]
    ],
    ['check experimental', lines('# check=experimental=all;skip=all', 'FROM a'), null],
    ['check ok', lines('# check=skip=StageNameCasing, FromAsCasing ; error=1', 'FROM a'), null]
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toEqual(expected)
  })
})

describe('the 64 KiB line limit (bufio.MaxScanTokenSize - 1 bytes per line)', () => {
  const long = (bytes: number) => 'RUN ' + 'x'.repeat(bytes - 4)
  test.each<[string, string, [number, string] | null]>([
    ['65535 bytes and a newline', lines('FROM a', long(65535)), null],
    ['65535 bytes at the end, no newline', 'FROM a\n' + long(65535), null],
    [
      '65536 bytes',
      lines('FROM a', long(65536), 'RUN y'),
      [1, 'dockerfile line greater than max allowed size of 65535']
    ],
    [
      'multi-byte characters count as bytes',
      lines('FROM a', 'RUN ' + 'é'.repeat(32766)),
      [1, 'dockerfile line greater than max allowed size of 65535']
    ],
    ['no instruction before it', lines('# c', long(70000)), [1, 'file with no instructions']],
    [
      'errors before the long line come first',
      lines('FROM a', 'ENV A', long(70000)),
      [2, 'ENV must have two arguments']
    ]
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toEqual(expected)
  })
})

// commands_runmount.go parseMount (with an expander) and validateMount: read when a needed step is
// converted, before any step runs. Rows marked engine 26 printed the same message.
describe('RUN --mount options (mountProblem)', () => {
  test.each<[string, string | null]>([
    ['type=cache,target=/c,id=x,sharing=locked,mode=0755,uid=1,gid=2', null],
    ['type=secret,id=npm,required', null],
    // Dockerfile 1.10+: the secret as an environment variable.
    ['type=secret,id=npm,env=NPM_TOKEN', null],
    ['type=cache,target=/c,env=X', "unexpected key 'env' for mount type 'cache'"],
    ['type=tmpfs,target=/t,size=64m', null],
    ['type=bind,source=/a,target=/b,rw', null],
    ['type=$T,target=/t', null], // expanded with the stage scope: unknown here
    ['type=bnd,target=/t', 'unsupported mount type "bnd" (did you mean bind?)'], // engine 26
    ['type=nope,target=/t', 'unsupported mount type "nope"'],
    ['type=bind,target=/t,mode=0755', 'mode not allowed for "bind" type mounts'], // engine 26
    ['type=tmpfs,target=/t,uid=1,mode=1', 'mode not allowed for "tmpfs" type mounts'],
    ['type=cache,target=/t,foo=1', "unexpected key 'foo' in 'foo=1' (did you mean from?)"], // engine 26
    ['type=cache,target=/t,bogus=1', "unexpected key 'bogus' in 'bogus=1'"],
    ['type=cache,target=/c,size=1m', "unexpected key 'size' for mount type 'cache'"],
    ['type=tmpfs,target=/t,size=lots', 'invalid value for size: lots'],
    ['type=bind,target=/t,required', "unexpected key 'required' for mount type 'bind'"],
    ['required,type=secret,id=x', "unexpected key 'required' for mount type 'bind'"],
    ['type=secret,id=x,required=maybe', 'invalid value for required: maybe'],
    ['type=bind,target=/t,ro=yes', 'invalid value for ro: yes'],
    ['type=bind,target', "invalid field 'target' must be a key=value pair"],
    ['type=cache,target=/c,sharing=all', 'unsupported sharing value "all"'],
    ['type=cache,target=/c,sharing=privat', 'unsupported sharing value "privat" (did you mean private?)'],
    ['type=bind,target=/t,sharing=private', 'invalid cache sharing set for bind mount'],
    ['type=cache,target=/c,mode=9', 'invalid value 9 for mode'],
    ['type=cache,target=/c,uid=x', 'invalid value x for uid'],
    ['type=secret', 'invalid secret mount. one of source, target required'],
    ['type=secret,id=a,from=x', 'secret mount should not have a from'],
    ['type=secret,id=a,sharing=shared', 'secret mount should not define sharing'],
    ['type=secret,source=a,id=b', "both source and id can't be set"]
  ])('%s → %s', (value, problem) => {
    expect(mountProblem(value.split(','))).toBe(problem)
  })

  test('only a needed stage is checked, at its RUN line', () => {
    const text = lines('FROM a AS unused', 'RUN --mount=type=bnd,target=/t x', 'FROM b AS used')
    const g = read(text)
    expect(stagesFor(g, resolveTarget(g, 'used')).map(s => s.index)).toEqual([1])
    expect(() => stagesFor(g, resolveTarget(g, 'unused'))).toThrow(
      'Dockerfile:2: unsupported mount type "bnd" (did you mean bind?)'
    )
  })
})
