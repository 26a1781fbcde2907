// Reports are written by the code under test, so they are untrusted input: none of these may stop
// the run, read other files, or take unbounded time or memory.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import {
  invalidSequences,
  JUnitReportError,
  MAX_FAILURES_KEPT,
  parseJUnit,
  readJUnitFile,
  summarizeReports
} from '../../../src/gate/junit.js'
import { readReportFiles } from '../../../src/gate/run-tests.js'

const dir = mkdtempSync(path.join(tmpdir(), 'junit-hostile-'))
const secretFile = path.join(dir, 'secret.txt')
writeFileSync(secretFile, 'TOP-SECRET-CONTENT-42')
const write = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name)
  writeFileSync(file, content)
  return file
}
const caseXml = (inner: string) => `<testsuites><testsuite name="s">${inner}</testsuite></testsuites>`

function refusal(xml: string): JUnitReportError {
  try {
    parseJUnit(xml, 'r.xml')
  } catch (error) {
    if (error instanceof JUnitReportError) return error
    throw error
  }
  throw new Error('the report was accepted')
}

describe('refused with a warning, quickly, without reading anything else', () => {
  const laughs = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [',
    '<!ENTITY lol "lol">',
    ...Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`
    ),
    ']>',
    caseXml('<testcase name="&lol9;"><failure message="&lol9;"/></testcase>')
  ].join('\n')

  test.each<[string, string, JUnitReportError['reason'], RegExp]>([
    [
      'an external entity (file://)',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file://${secretFile}">]>${caseXml('<testcase name="&e;"><failure message="&e;">&e;</failure></testcase>')}`,
      'unsafe',
      /declares a DTD/
    ],
    [
      'a parameter entity',
      `<!DOCTYPE r [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]>${caseXml('<testcase name="a"/>')}`,
      'unsafe',
      /declares a DTD/
    ],
    [
      'an entity used without a DTD',
      caseXml('<testcase name="&e;"><failure/></testcase>'),
      'invalid-xml',
      /not valid XML \(.*undefined entity/i
    ],
    ['entity expansion (billion laughs)', laughs, 'unsafe', /declares a DTD/],
    [
      'nesting 100,000 levels deep',
      `${'<testsuite>'.repeat(100_000)}${'</testsuite>'.repeat(100_000)}`,
      'unsafe',
      /nested more than 200 levels deep/
    ],
    [
      'a truncated report',
      caseXml('<testcase name="a"><failure>boo').slice(0, -20),
      'invalid-xml',
      /not valid XML/
    ],
    ['an empty file', '', 'invalid-xml', /not valid XML/]
  ])('%s', (_name, xml, reason, message) => {
    const started = performance.now()
    const error = refusal(xml)
    expect(performance.now() - started).toBeLessThan(500)
    expect(error.reason).toBe(reason)
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain('TOP-SECRET')
  })

  test('in a summary: skipped with a warning, the secret appears nowhere, the other report counts', async () => {
    const xxe = write(
      'xxe.xml',
      `<!DOCTYPE r [<!ENTITY e SYSTEM "file://${secretFile}">]>${caseXml('<testcase name="&e;"><failure message="&e;"/></testcase>')}`
    )
    const good = write('good.xml', caseXml('<testcase name="ok"/><testcase name="bad"><failure/></testcase>'))
    const inputs = await Promise.all(
      [xxe, good].map(async file => {
        try {
          return { path: path.basename(file), report: await readJUnitFile(file, path.basename(file)) }
        } catch (error) {
          return { path: path.basename(file), error: error as JUnitReportError }
        }
      })
    )
    const summary = summarizeReports(inputs)
    expect(summary).toMatchObject({ tests: 2, failed: 1, unreadable: ['xxe.xml'], files: ['good.xml'] })
    expect(summary.warnings).toEqual([expect.stringMatching(/^Test report xxe\.xml: declares a DTD/)])
    expect(JSON.stringify(summary)).not.toContain('TOP-SECRET')
  })
})

describe('read, with a warning, when the bytes are wrong but the report is sound', () => {
  test.each<[string, Buffer, number]>([
    [
      'invalid UTF-8 in a failure message',
      Buffer.concat([
        Buffer.from('<testsuites><testsuite name="s"><testcase name="a"><failure>bad '),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(' bytes</failure></testcase><testcase name="b"/></testsuite></testsuites>')
      ]),
      1
    ],
    [
      'NUL bytes and control characters',
      Buffer.from(
        caseXml('<testcase name="a\u0000b"><failure>x\u0000\u0001y</failure></testcase><testcase name="b"/>')
      ),
      1
    ],
    [
      'a real U+FFFD is no problem',
      Buffer.from(caseXml('<testcase name="a\uFFFD"><failure/></testcase><testcase name="b"/>')),
      0
    ]
  ])('%s', async (name, bytes, warnings) => {
    const report = await readJUnitFile(write(`${name.replace(/\W+/g, '-')}.xml`, bytes), 'r.xml')
    expect({ tests: report.tests, failed: report.failed, passed: report.passed }).toEqual({
      tests: 2,
      failed: 1,
      passed: 1
    })
    expect(report.warnings).toHaveLength(warnings)
    if (warnings)
      expect(report.warnings[0]).toMatch(
        /^Test report r\.xml: \d+ bytes or characters that XML does not allow/
      )
  })

  test.each<[string, string, number]>([
    ['no replacement', 'abc', 0],
    ['one produced by the decoder', 'a\uFFFDc', 1],
    ['one written as EF BF BD', 'a\uFFFDc', 0]
  ])('invalidSequences: %s', (name, decoded, expected) => {
    const bytes = name.includes('EF BF BD') ? Buffer.from(decoded) : Buffer.from([0x61, 0xff, 0x63])
    expect(invalidSequences(decoded, bytes)).toBe(expected)
  })
})

describe('bounded memory for big reports', () => {
  test('a 20 MB failure text keeps a bounded message', () => {
    const report = parseJUnit(
      caseXml(`<testcase name="a"><failure>${'x'.repeat(20_000_000)}</failure></testcase>`),
      'r.xml'
    )
    expect(report.failed).toBe(1)
    expect(report.failures[0]?.message?.length).toBeLessThanOrEqual(1000)
  })

  test(`${MAX_FAILURES_KEPT * 5} failing cases: all counted, ${MAX_FAILURES_KEPT} kept`, () => {
    const n = MAX_FAILURES_KEPT * 5
    const report = parseJUnit(
      caseXml(`<testcase name="t"><failure message="m"/></testcase>`.repeat(n)),
      'r.xml'
    )
    expect(report.failed).toBe(n)
    expect(report.failures).toHaveLength(MAX_FAILURES_KEPT)
    expect(report.failuresOmitted).toBe(n - MAX_FAILURES_KEPT)
  })

  test('a file over the size limit is refused before it is read', async () => {
    const file = write('big.xml', caseXml('<testcase name="a"/>'.repeat(1000)))
    await expect(readJUnitFile(file, 'big.xml', 1024)).rejects.toMatchObject({ reason: 'too-large' })
  })
})

describe('readReportFiles', () => {
  test('reads every XML file, keeps unreadable ones as errors, follows no symbolic link', async () => {
    const reports = mkdtempSync(path.join(tmpdir(), 'junit-reports-'))
    writeFileSync(path.join(reports, 'a.xml'), caseXml('<testcase name="a"/>'))
    writeFileSync(path.join(reports, 'b.xml'), '<testsuites><testcase>')
    writeFileSync(path.join(reports, 'notes.txt'), 'not a report')
    const outside = path.join(dir, 'outside.xml')
    writeFileSync(outside, caseXml('<testcase name="outside"><failure/></testcase>'))
    symlinkSync(outside, path.join(reports, 'link.xml'))
    const read = await readReportFiles(reports)
    expect(read.map(r => [r.path, 'report' in r ? 'report' : 'error' in r ? r.error.reason : 'xml'])).toEqual(
      [
        ['a.xml', 'report'],
        ['b.xml', 'invalid-xml']
      ]
    )
    expect(readFileSync(outside, 'utf8')).toContain('outside')
  })
})
