import { describe, expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/stages.js'
import { mapAnnotationPaths } from '../../../src/gate/source-paths.js'

const WORKSPACE = '/home/runner/work/shop/shop'

// deps → build → tester, as in a TypeScript service with node:test.
const NODE = `
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile

FROM deps AS build
COPY . .
RUN pnpm build

FROM build AS tester
RUN pnpm test

FROM node:20-slim AS runtime
COPY --from=build /app/dist /app/dist
`

// A Python library: sources and tests copied into /srv one folder at a time.
const PYTHON = `
FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 APP_HOME=/srv
WORKDIR $APP_HOME

FROM base AS tester
COPY pyproject.toml ./
COPY src/ /srv/src/
COPY tests /srv/tests
COPY *.cfg ./
RUN pip install -e . pytest && pytest --junitxml=/reports/junit.xml
`

// Go: WORKDIR /src, module files first, then everything.
const GO = `
FROM golang:1.22 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/app ./cmd/app

FROM builder AS tester
RUN go test ./... 2>&1 | go-junit-report > /reports/junit.xml
`

// Generated code from another stage lands over the sources.
const GENERATED = `
FROM golang:1.22 AS gen
WORKDIR /work
RUN make generate

FROM golang:1.22 AS tester
WORKDIR /app
COPY . .
COPY --from=gen /work/internal/gen ./internal/gen
COPY --from=gen /work/version.go ./cmd/
RUN go test ./...
`

// The base image's own WORKDIR (golang's /go) is not in the Dockerfile.
const IMAGE_WORKDIR = `
FROM golang:1.22 AS tester
COPY . .
RUN go test ./...
`

const MISC = `
FROM node:20 AS tester
WORKDIR /opt
WORKDIR web
COPY . .
COPY fixtures/override/ config/
COPY --parents packages/*/test /repo/
COPY main.py /usr/local/bin/entry.py
RUN npm test
`

const files = (...paths: string[]) => {
  const set = new Set(paths)
  return (p: string) => set.has(p)
}

describe('mapAnnotationPaths', () => {
  test.each([
    // [case, Dockerfile, context, report path, files in the workspace, expected file]
    [
      'node: /app from COPY . . in the base stage',
      NODE,
      '.',
      '/app/src/paginate.test.ts',
      ['src/paginate.test.ts'],
      'src/paginate.test.ts'
    ],
    [
      'node: relative to WORKDIR /app',
      NODE,
      '.',
      'src/paginate.test.ts',
      ['src/paginate.test.ts'],
      'src/paginate.test.ts'
    ],
    [
      'node: monorepo context subfolder',
      NODE,
      'services/api',
      '/app/src/paginate.test.ts',
      ['services/api/src/paginate.test.ts', 'src/paginate.test.ts'],
      'services/api/src/paginate.test.ts'
    ],
    [
      'node: a ./-prefixed context folder',
      NODE,
      './services/api/',
      './src/paginate.test.ts',
      ['services/api/src/paginate.test.ts'],
      'services/api/src/paginate.test.ts'
    ],
    [
      'node: absolute context inside the workspace',
      NODE,
      `${WORKSPACE}/services/api`,
      '/app/src/paginate.test.ts',
      ['services/api/src/paginate.test.ts'],
      'services/api/src/paginate.test.ts'
    ],
    ['node: file copied into ./ by name', NODE, '.', '/app/package.json', ['package.json'], 'package.json'],
    [
      'node: the file is not in the workspace (compiled output)',
      NODE,
      '.',
      '/app/dist/paginate.test.js',
      ['src/paginate.test.ts'],
      undefined
    ],
    [
      'python: tests/ relative to WORKDIR $APP_HOME, context sqlparse',
      PYTHON,
      'sqlparse',
      'tests/test_format.py',
      ['sqlparse/tests/test_format.py'],
      'sqlparse/tests/test_format.py'
    ],
    [
      'python: COPY src/ /srv/src/',
      PYTHON,
      'sqlparse',
      '/srv/src/sqlparse/format.py',
      ['sqlparse/src/sqlparse/format.py'],
      'sqlparse/src/sqlparse/format.py'
    ],
    [
      'python: COPY tests /srv/tests (no trailing slash)',
      PYTHON,
      'sqlparse',
      '/srv/tests/unit/test_split.py',
      ['sqlparse/tests/unit/test_split.py'],
      'sqlparse/tests/unit/test_split.py'
    ],
    [
      'python: a file matched by a glob',
      PYTHON,
      'sqlparse',
      '/srv/setup.cfg',
      ['sqlparse/setup.cfg'],
      'sqlparse/setup.cfg'
    ],
    [
      'python: a path no COPY put there',
      PYTHON,
      'sqlparse',
      '/usr/lib/python3/site.py',
      ['sqlparse/usr/lib/python3/site.py'],
      undefined
    ],
    [
      'go: WORKDIR /src with COPY . .',
      GO,
      '.',
      '/src/internal/pager/pager_test.go',
      ['internal/pager/pager_test.go'],
      'internal/pager/pager_test.go'
    ],
    [
      'go: relative path from go-junit-report',
      GO,
      '.',
      'internal/pager/pager_test.go',
      ['internal/pager/pager_test.go'],
      'internal/pager/pager_test.go'
    ],
    [
      'COPY --from another stage: not from the context, no mapping',
      GENERATED,
      '.',
      '/app/internal/gen/api_test.go',
      ['internal/gen/api_test.go'],
      undefined
    ],
    [
      'COPY --from of one file into a folder hides only that file',
      GENERATED,
      '.',
      '/app/cmd/version.go',
      ['cmd/version.go'],
      undefined
    ],
    [
      'COPY --from leaves the other context files mapped',
      GENERATED,
      '.',
      '/app/cmd/main_test.go',
      ['cmd/main_test.go'],
      'cmd/main_test.go'
    ],
    [
      "base image's WORKDIR: a relative path still maps",
      IMAGE_WORKDIR,
      '.',
      'pkg/x_test.go',
      ['pkg/x_test.go'],
      'pkg/x_test.go'
    ],
    [
      "base image's WORKDIR: an absolute path cannot be placed",
      IMAGE_WORKDIR,
      '.',
      '/go/pkg/x_test.go',
      ['pkg/x_test.go', 'go/pkg/x_test.go'],
      undefined
    ],
    [
      'absolute path already in the workspace',
      IMAGE_WORKDIR,
      '.',
      `${WORKSPACE}/pkg/x_test.go`,
      ['pkg/x_test.go'],
      'pkg/x_test.go'
    ],
    [
      'relative WORKDIR after an absolute one',
      MISC,
      '.',
      '/opt/web/app.test.js',
      ['app.test.js'],
      'app.test.js'
    ],
    [
      'a later COPY overwrites: its source comes first',
      MISC,
      '.',
      '/opt/web/config/settings.json',
      ['config/settings.json', 'fixtures/override/settings.json'],
      'fixtures/override/settings.json'
    ],
    [
      'an earlier COPY is the fallback when the later source lacks the file',
      MISC,
      '.',
      '/opt/web/config/only-here.json',
      ['config/only-here.json'],
      'config/only-here.json'
    ],
    [
      'COPY --parents keeps the context path',
      MISC,
      '.',
      '/repo/packages/ui/test/button.test.js',
      ['packages/ui/test/button.test.js'],
      'packages/ui/test/button.test.js'
    ],
    ['a file copied under a new name', MISC, '.', '/usr/local/bin/entry.py', ['main.py'], 'main.py'],
    [
      'a path that climbs out of the context is not followed out of the workspace',
      NODE,
      '.',
      '../../etc/passwd',
      ['etc/passwd'],
      undefined
    ]
  ])('%s', (_name, dockerfile, context, reportPath, workspaceFiles, expected) => {
    const graph = readDockerfile(dockerfile, { file: 'Dockerfile' })
    const [annotation] = mapAnnotationPaths(
      [{ title: 'Test failed: paginates', message: 'boom', file: reportPath, startLine: 12 }],
      { graph, testerStage: 'tester', context, workspace: WORKSPACE, exists: files(...workspaceFiles) }
    )
    expect(annotation?.file).toBe(expected)
    expect(annotation?.startLine).toBe(expected === undefined ? undefined : 12)
    expect(annotation?.title).toBe('Test failed: paginates')
    expect(annotation?.message).toBe('boom')
  })

  test('annotations without a file pass through; the tester stage may be given as a Stage', () => {
    const graph = readDockerfile(NODE, { file: 'Dockerfile' })
    const tester = graph.stages.find(s => s.name === 'tester')
    const out = mapAnnotationPaths(
      [
        { title: '3 more failing tests', message: 'not annotated' },
        { title: 'Test failed: a', message: 'x', file: '/app/a.test.ts' }
      ],
      { graph, testerStage: tester!, context: '.', workspace: WORKSPACE, exists: files('a.test.ts') }
    )
    expect(out).toEqual([
      { title: '3 more failing tests', message: 'not annotated' },
      { title: 'Test failed: a', message: 'x', file: 'a.test.ts' }
    ])
  })

  test('exists is asked only about workspace-relative paths', () => {
    const graph = readDockerfile(PYTHON, { file: 'Dockerfile' })
    const asked: string[] = []
    mapAnnotationPaths([{ file: '/srv/tests/test_x.py' }, { file: 'tests/test_y.py' }], {
      graph,
      testerStage: 'tester',
      context: 'lib',
      workspace: WORKSPACE,
      exists: p => (asked.push(p), false)
    })
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.filter(p => p.startsWith('/') || p.startsWith('..'))).toEqual([])
  })
})
