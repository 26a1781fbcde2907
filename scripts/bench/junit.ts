// Benchmark: a 200 MB JUnit report (about 2,450 suites, 98,000 cases, 1.25% failing with long stack
// traces, system-out blobs) read by readJUnitFile (streaming, saxes) against the way it was read
// before (the whole file into a string, then fast-xml-parser). Each reader runs in its own process
// so its peak RSS is its own. Run: npx tsx scripts/bench/junit.ts [MB]
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'

const SELF = fileURLToPath(import.meta.url)

/** Writes a report of about `megabytes` MB; returns the number of cases and of failing cases. */
export async function writeBigReport(
  file: string,
  megabytes: number
): Promise<{ cases: number; failing: number }> {
  const out = createWriteStream(file)
  const put = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const trace = Array.from(
    { length: 40 },
    (_, i) => `    at frame${i} (/app/src/module${i}.ts:${i + 1}:7)`
  ).join('\n')
  const log = 'log line with some &amp; escaped &lt;output&gt; '.repeat(40)
  let cases = 0
  let failing = 0
  await put('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench" time="123.4">\n')
  for (let s = 0; out.bytesWritten + out.writableLength < megabytes * 1e6; s++) {
    await put(`  <testsuite name="suite ${s}" tests="40" time="0.5">\n`)
    for (let c = 0; c < 40; c++) {
      cases++
      if (c === 7 && s % 2 === 0) {
        failing++
        await put(
          `    <testcase name="case ${c}" classname="suite ${s}" time="0.01"><failure message="expected 1 to be 2">${trace}</failure><system-out><![CDATA[${log}]]></system-out></testcase>\n`
        )
      } else {
        await put(
          `    <testcase name="case ${c}" classname="suite ${s}" time="0.01"><system-out>${log}</system-out></testcase>\n`
        )
      }
    }
    await put('  </testsuite>\n')
  }
  await put('</testsuites>\n')
  out.end()
  await once(out, 'finish')
  return { cases, failing }
}

async function child(reader: string, file: string): Promise<void> {
  const started = performance.now()
  let result: Record<string, unknown>
  if (reader === 'stream') {
    const { readJUnitFile } = await import('../../src/gate/junit.js')
    const r = await readJUnitFile(file, 'big.xml')
    result = { tests: r.tests, failed: r.failed, kept: r.failures.length }
  } else {
    const { XMLParser } = await import('fast-xml-parser')
    const doc = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >
    result = { root: Object.keys(doc).length }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(JSON.stringify({ ...result, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }))
}

export async function benchJUnit(megabytes = 200): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-bench-junit-'))
  const file = join(dir, 'big.xml')
  try {
    const { cases, failing } = await writeBigReport(file, megabytes)
    const size = statSync(file).size
    console.log(
      `node ${process.version}; report ${(size / 1e6).toFixed(0)} MB, ${cases} cases, ${failing} failing`
    )
    for (const reader of ['stream', 'whole-string']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', reader, file], {
        encoding: 'utf8',
        maxBuffer: 1 << 20
      })
      const line = run.stdout.trim().split('\n').pop() ?? ''
      const label =
        reader === 'stream' ? 'readJUnitFile (saxes, streamed)' : 'before: readFile + fast-xml-parser'
      if (run.status !== 0) {
        console.log(
          `  ${label.padEnd(36)} failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-2).join(' ')}`
        )
        continue
      }
      const r = JSON.parse(line) as { seconds: number; maxRssMB: number }
      console.log(
        `  ${label.padEnd(36)} ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB  ${line}`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] ?? 'stream', process.argv[4] ?? '')
else if (process.argv[1] === SELF) await benchJUnit(Number(process.argv[2] ?? 200))
