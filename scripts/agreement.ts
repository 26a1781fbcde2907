// Agreement of stagegate's Dockerfile reader with BuildKit v0.24 on a corpus of small Dockerfiles
// (__tests__/fixtures/dockerfiles/agreement): each case carries BuildKit's verdict, the stages the
// target needs (and every stage's dependencies) or the error and its line.
//
//   npx tsx scripts/agreement.ts            prints "agreement: N/M" and every disagreement
//   npx tsx scripts/agreement.ts --engine   also builds each case on the engine in DOCKER_HOST
//                                           (source /tmp/stagegate-engine/paths/buildx-26.env) and
//                                           prints how often the engine's verdict matches the expected one
//                                           (--record writes it into cases.json as engine26)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DockerfileError } from '../src/errors.js'
import { readDockerfile, resolveTarget, stagesFor } from '../src/dockerfile/index.js'
import { planBuild } from '../src/plan.js'

export const CORPUS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '__tests__',
  'fixtures',
  'dockerfiles',
  'agreement'
)

export interface AgreementCase {
  file: string
  class: string
  target?: string
  buildArgs?: Record<string, string>
  /** The line, every line BuildKit attaches a location at, or null when it attaches none. */
  expect: { error: [number | number[] | null, string] } | { needs: number[]; deps?: number[][] }
  source: string
  note?: string
  /** Why stagegate is known to disagree (counted as a disagreement). */
  knownDisagreement?: string
  /** What Docker 26.1's built-in BuildKit (v0.13) said when the corpus was last run with --engine. */
  engine26?: string
}

export type Verdict = { error: [number, string] } | { needs: number[]; deps: number[][] }

export function loadCorpus(dir = CORPUS): { testCase: AgreementCase; text: string }[] {
  const { cases } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as {
    cases: AgreementCase[]
  }
  return cases.map(testCase => ({ testCase, text: readFileSync(path.join(dir, testCase.file), 'utf8') }))
}

/** What stagegate says of a case, read as the action reads it (target and build args included). */
export function verdictOf(testCase: AgreementCase, text: string): Verdict {
  try {
    const graph = readDockerfile(text, {
      file: 'Dockerfile',
      buildArgs: testCase.buildArgs,
      target: testCase.target
    })
    // planBuild reads the file again when TARGETSTAGE differs, as the build of that target does.
    const plan = planBuild(graph, { target: testCase.target, testTarget: 'none' })
    const target = resolveTarget(plan.graph, testCase.target)
    return {
      needs: stagesFor(plan.graph, target).map(s => s.index),
      deps: plan.graph.stages.map(s => s.dependsOn)
    }
  } catch (err) {
    if (err instanceof DockerfileError) return { error: [err.line, err.detail] }
    throw err
  }
}

/**
 * Whether stagegate agrees with the expected verdict: the same needed stages (and dependencies when
 * given), or the same error at the same line. stagegate may add what to do after BuildKit's message
 * (after "; " or " ("). BuildKit attaches no location to some errors (null: any line) and several
 * to a cycle (any of them).
 */
export function agrees(expected: AgreementCase['expect'], actual: Verdict): boolean {
  if ('error' in expected) {
    if (!('error' in actual)) return false
    const [line, message] = expected.error
    const [aLine, aMessage] = actual.error
    const sameMessage =
      aMessage === message || aMessage.startsWith(message + '; ') || aMessage.startsWith(message + ' (')
    const sameLine = line === null || (Array.isArray(line) ? line.includes(aLine) : line === aLine)
    return sameMessage && sameLine
  }
  if (!('needs' in actual)) return false
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  return (
    same(expected.needs, actual.needs) && (expected.deps === undefined || same(expected.deps, actual.deps))
  )
}

export function runAgreement(dir = CORPUS) {
  const results = loadCorpus(dir).map(({ testCase, text }) => {
    const actual = verdictOf(testCase, text)
    return { testCase, actual, agrees: agrees(testCase.expect, actual) }
  })
  return { results, agreeing: results.filter(r => r.agrees).length, total: results.length }
}

/** The engine's verdict: built (ok) or the error BuildKit printed and the Dockerfile line it showed. */
function engineVerdict(
  testCase: AgreementCase,
  text: string
): { ok: true } | { error: [number | null, string] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'agreement-'))
  try {
    writeFileSync(path.join(dir, 'Dockerfile'), text)
    const args = ['buildx', 'build', '--network=none', '--progress=plain', '--output=type=cacheonly']
    if (testCase.target) args.push('--target', testCase.target)
    for (const [k, v] of Object.entries(testCase.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`)
    args.push(dir)
    const res = spawnSync(process.env.STAGEGATE_DOCKER ?? 'docker', args, {
      encoding: 'utf8',
      timeout: 180_000
    })
    if (res.status === 0) return { ok: true }
    const out = `${res.stdout}${res.stderr}`
    // An error without a location comes out of the frontend as "failed to run Build function".
    const m = /ERROR: failed to (?:solve|run Build function): (.*)/.exec(out)
    let message = m?.[1] ?? out.trim().split('\n').at(-1) ?? ''
    let line: number | null = Number(/Dockerfile:(\d+)/.exec(out)?.[1] ?? NaN) || null
    const parse = /^dockerfile parse error on line (\d+): (.*)$/.exec(message)
    if (parse) {
      line = Number(parse[1])
      message = parse[2] as string
    }
    return { error: [line, message] }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { results, agreeing, total } = runAgreement()
  for (const r of results.filter(x => !x.agrees))
    console.log(
      `disagree ${r.testCase.file}: expected ${JSON.stringify(r.testCase.expect)}, stagegate ${JSON.stringify(r.actual)}` +
        (r.testCase.knownDisagreement ? ` (known: ${r.testCase.knownDisagreement})` : '')
    )
  console.log(`agreement: ${agreeing}/${total}`)
  if (process.argv.includes('--engine')) {
    let same = 0
    const verdicts = new Map<string, string>()
    for (const { testCase, text } of loadCorpus()) {
      const engine = engineVerdict(testCase, text)
      const expectedError = 'error' in testCase.expect ? testCase.expect.error : null
      const match =
        'ok' in engine
          ? expectedError === null
          : expectedError !== null &&
            engine.error[1] === expectedError[1] &&
            (expectedError[0] === null ||
              engine.error[0] === null ||
              (Array.isArray(expectedError[0])
                ? expectedError[0].includes(engine.error[0])
                : engine.error[0] === expectedError[0]))
      if (match) same++
      verdicts.set(testCase.file, match ? 'same verdict' : `differs: ${JSON.stringify(engine)}`)
      console.log(`${match ? 'same  ' : 'differ'} ${testCase.file}: engine ${JSON.stringify(engine)}`)
    }
    console.log(`engine agrees with the expected verdict: ${same}/${total}`)
    if (process.argv.includes('--record')) {
      // Keep the engine's verdict beside each case (cases.json), for the cases where it differs.
      const file = path.join(CORPUS, 'cases.json')
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { cases: AgreementCase[] }
      for (const c of doc.cases) {
        const seen = verdicts.get(c.file)
        if (seen) c.engine26 = seen
      }
      writeFileSync(file, JSON.stringify(doc, null, 1) + '\n')
    }
  }
}
