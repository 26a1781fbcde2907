import { describe, expect, test } from '@jest/globals'
import { deferredHost } from '../../../src/deferred-host.js'
import type { Host } from '../../../src/host.js'

/** A host that records what it printed, with the untrusted blocks marked. */
function recordingHost(): { host: Host; log: string[] } {
  const log: string[] = []
  const host: Host = {
    input: () => '',
    info: m => log.push(`info ${m}`),
    warning: m => log.push(`warning ${m}`),
    error: m => log.push(`error ${m}`),
    group: async (name, fn) => {
      log.push(`group ${name}`)
      try {
        return await fn()
      } finally {
        log.push('endgroup')
      }
    },
    untrusted: async fn => {
      log.push('untrusted{')
      try {
        return await fn(line => log.push(`  ${line}`))
      } finally {
        log.push('}')
      }
    },
    setOutput: () => undefined,
    setSecret: () => undefined,
    appendSummary: async () => undefined,
    streamBuildLog: true,
    env: {}
  }
  return { host, log }
}

describe('deferredHost', () => {
  test('nothing is printed while the build runs; flush prints it in order, groups and fences kept', async () => {
    const { host, log } = recordingHost()
    const deferred = deferredHost(host)
    const value = await deferred.host.group('Build the runtime stage', async () => {
      deferred.host.info('docker build --target runtime .')
      return deferred.host.untrusted(async emit => {
        emit('#5 [runtime 2/2] RUN make')
        emit('::error::not a command')
        return 42
      })
    })
    deferred.host.warning('a note')
    expect(value).toBe(42)
    host.info('the gate prints meanwhile')
    expect(log).toEqual(['info the gate prints meanwhile'])
    await deferred.flush()
    expect(log).toEqual([
      'info the gate prints meanwhile',
      'group Build the runtime stage',
      'info docker build --target runtime .',
      'untrusted{',
      '  #5 [runtime 2/2] RUN make',
      '  ::error::not a command',
      '}',
      'endgroup',
      'warning a note'
    ])
  })

  test('after flush it prints straight through; flushing twice prints once', async () => {
    const { host, log } = recordingHost()
    const deferred = deferredHost(host)
    deferred.host.info('kept')
    await deferred.flush()
    await deferred.flush()
    deferred.host.info('direct')
    expect(log).toEqual(['info kept', 'info direct'])
  })

  test('output beyond the bound is counted, not kept', async () => {
    const { host, log } = recordingHost()
    const deferred = deferredHost(host, 2)
    await deferred.host.untrusted(async emit => ['a', 'b', 'c', 'd'].forEach(emit))
    await deferred.flush()
    expect(log).toEqual([
      'untrusted{',
      '  a',
      '  b',
      '}',
      "info (2 more lines of this build's output were not kept while it ran beside the tests.)"
    ])
  })
})
