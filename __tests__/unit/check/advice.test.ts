// The multi-stage advice rules (issue 11 §3): a positive and a negative case each.
import { expect, test } from '@jest/globals'
import { readDockerfile } from '../../../src/dockerfile/index.js'
import { checkDockerfile } from '../../../src/check/index.js'
import { NO_TESTS, resolveTestTarget, type TestTarget } from '../../../src/plan.js'

const lines = (...l: string[]) => l.join('\n') + '\n'
const rulesFor = (text: string, rule: string, hasIgnore = true) =>
  checkDockerfile(readDockerfile(text, { file: 'D' }), { context: '/c', exists: () => hasIgnore })
    .findings.filter(f => f.ruleName === rule)
    .map(f => f.startLine)

test.each<[string, string, number[]]>([
  ['ToolchainRuntimeBase', lines('FROM golang:1.22 AS build', 'FROM build'), [2]],
  ['ToolchainRuntimeBase', lines('FROM node:22-slim'), []],
  ['ToolchainRuntimeBase', lines('FROM python:3.12'), [1]],
  ['SecretInRuntime', lines('FROM alpine', 'ARG NPM_TOKEN'), [2]],
  [
    'SecretInRuntime',
    lines('FROM alpine AS b', 'COPY .env /app/', 'FROM alpine', 'COPY --from=b /app /app'),
    [2]
  ],
  [
    'SecretInRuntime',
    lines('FROM alpine AS b', 'ARG NPM_TOKEN', 'FROM alpine', 'COPY --from=b /app /app'),
    []
  ],
  ['TesterSharesNoStage', lines('FROM alpine AS tester', 'FROM alpine AS runtime'), [1]],
  [
    'TesterSharesNoStage',
    lines('FROM alpine AS build', 'FROM build AS tester', 'FROM alpine', 'COPY --from=build /a /a'),
    []
  ],
  ['TesterReachesRuntime', lines('FROM alpine AS tester', 'FROM alpine', 'COPY --from=tester /a /a'), [3]],
  ['TesterReachesRuntime', lines('FROM alpine AS build', 'FROM build AS tester', 'FROM build'), []],
  ['CacheBustingCopy', lines('FROM node', 'COPY . .', 'RUN npm ci'), [2]],
  [
    'CacheBustingCopy',
    lines('FROM node', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .'),
    []
  ],
  ['RuntimeRunsAsRoot', lines('FROM alpine'), [1]],
  ['RuntimeRunsAsRoot', lines('FROM alpine AS base', 'USER 1000', 'FROM base'), []],
  ['RuntimeRunsAsRoot', lines('FROM alpine', 'USER app', 'USER root'), [1]],
  ['CopyFromUnknownStage', lines('FROM alpine AS build', 'FROM alpine', 'COPY --from=biuld /a /a'), [3]],
  ['CopyFromUnknownStage', lines('FROM alpine', 'COPY --from=nginx:1 /a /a'), []]
])('%s %#', (rule, text, expected) => {
  expect(rulesFor(text, rule)).toEqual(expected)
})

test.each<[boolean, number[]]>([
  [false, [2]],
  [true, []]
])('CopyWithoutDockerignore with .dockerignore=%s', (has, expected) => {
  expect(rulesFor(lines('FROM alpine', 'COPY . /app'), 'CopyWithoutDockerignore', has)).toEqual(expected)
})

test.each<[TestTarget | undefined, number[]]>([
  [undefined, [1]],
  ['tester', [1]],
  [NO_TESTS, []],
  // A stage really named `none` is still no tester: test-target none means no tests.
  [resolveTestTarget('None'), []]
])('test target %p: TesterSharesNoStage at %j', (testTarget, expected) => {
  const graph = readDockerfile(
    lines('FROM alpine AS tester', 'FROM alpine AS none', 'FROM alpine AS runtime'),
    {
      file: 'D'
    }
  )
  const found = checkDockerfile(graph, { testTarget, context: '/c', exists: () => true }).findings
  expect(found.filter(f => f.ruleName === 'TesterSharesNoStage').map(f => f.startLine)).toEqual(expected)
})
