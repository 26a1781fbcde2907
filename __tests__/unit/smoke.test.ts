import { expect, test } from '@jest/globals'
import { VERSION } from '../../src/version.js'
import * as core from '@actions/core'
test('toolchain loads ESM toolkit', () => {
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+$/)
  expect(typeof core.getInput).toBe('function')
})
