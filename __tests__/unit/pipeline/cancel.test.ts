// Cancellation: which processes are ours to stop, and cleanups that run once and in bounded time.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { cancelEverything, childPids, childPidsRunning, onCancel, processTree } from '../../../src/cancel.js'

function fakeProc(entries: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stagegate-proc-'))
  for (const [pid, stat] of Object.entries(entries)) {
    mkdirSync(path.join(dir, pid))
    writeFileSync(path.join(dir, pid, 'stat'), stat)
  }
  mkdirSync(path.join(dir, 'self'))
  return dir
}

describe('childPids reads /proc/<pid>/stat', () => {
  test('the processes whose parent is ours, whatever their command name holds', () => {
    const proc = fakeProc({
      '200': '200 (docker) S 100 200 1 0',
      '201': '201 (my (odd) name) S 100 201 1 0',
      '202': '202 (docker) S 150 202 1 0',
      '100': '100 (node) S 1 100 1 0'
    })
    expect(childPids(100, proc).sort()).toEqual([200, 201])
  })

  test('no /proc: nothing to stop, no error', () => {
    expect(childPids(100, path.join(os.tmpdir(), 'stagegate-no-such-proc'))).toEqual([])
  })
})

describe('processTree and childPidsRunning', () => {
  const proc = fakeProc({
    '100': '100 (node) S 1 100 1 0',
    '200': '200 (docker) S 100 200 1 0',
    '300': '300 (docker-buildx) S 200 300 1 0',
    '301': '301 (sub) S 300 301 1 0',
    '201': '201 (docker) S 100 201 1 0',
    '400': '400 (other) S 1 400 1 0'
  })
  writeFileSync(path.join(proc, '200', 'cmdline'), 'docker\0buildx\0build\0--target\0runtime\0.\0')
  writeFileSync(path.join(proc, '201', 'cmdline'), 'docker\0buildx\0build\0--target\0tester\0.\0')

  test('a docker client and the plugin below it, down to the last descendant', () => {
    expect(processTree(200, proc)).toEqual([200, 300, 301])
    expect(processTree(400, proc)).toEqual([400])
  })

  test('the one child running exactly these arguments', () => {
    expect(childPidsRunning(['buildx', 'build', '--target', 'runtime', '.'], 100, proc)).toEqual([200])
    expect(childPidsRunning(['buildx', 'build', '--target', 'runtime'], 100, proc)).toEqual([])
  })
})

describe('cancelEverything', () => {
  test('runs every registered cleanup, not the unregistered ones', async () => {
    const ran: string[] = []
    onCancel(() => {
      ran.push('container')
    })
    const forget = onCancel(() => {
      ran.push('forgotten')
    })
    forget()
    await cancelEverything(1000, () => [])
    expect(ran).toEqual(['container'])
  })

  test('a cleanup that hangs does not hold the exit past the bound', async () => {
    const forget = onCancel(() => new Promise(() => undefined))
    const started = performance.now()
    await cancelEverything(200, () => [])
    expect(performance.now() - started).toBeLessThan(1000)
    forget()
  })
})
