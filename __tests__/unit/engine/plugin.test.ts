import { describe, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  dockerCall,
  dockerConfigDir,
  findBuildxPlugin,
  pluginDirs,
  SYSTEM_PLUGIN_DIRS
} from '../../../src/engine/plugin.js'

describe('where docker looks for the buildx plugin', () => {
  test.each([
    ['DOCKER_CONFIG wins', { DOCKER_CONFIG: '/cfg' }, '/home/u', '/cfg'],
    ['blank DOCKER_CONFIG: the home folder', { DOCKER_CONFIG: ' ' }, '/home/u', '/home/u/.docker'],
    ['unset: the home folder', {}, '/home/u', '/home/u/.docker']
  ])('config folder: %s', (_name, env, home, expected) => {
    expect(dockerConfigDir(env, home)).toBe(expected)
  })

  test.each([
    ['no config.json', null, ['/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]],
    ['config.json without the key', '{"auths":{}}', ['/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]],
    [
      'cliPluginsExtraDirs come first',
      '{"cliPluginsExtraDirs":["/opt/a","/opt/b"]}',
      ['/opt/a', '/opt/b', '/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]
    ],
    ['not a list: ignored', '{"cliPluginsExtraDirs":"/opt/a"}', ['/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]],
    [
      'empty and non-string entries skipped',
      '{"cliPluginsExtraDirs":["",3,"/opt/a"]}',
      ['/opt/a', '/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]
    ],
    ['unreadable JSON: the defaults', '{', ['/cfg/cli-plugins', ...SYSTEM_PLUGIN_DIRS]]
  ])('plugin folders: %s', (_name, json, expected) => {
    expect(pluginDirs('/cfg', json)).toEqual(expected)
  })

  function configWith(files: Record<string, 'exec' | 'plain' | 'dir'>) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'stagegate-plugin-'))
    const config = path.join(root, 'config')
    mkdirSync(config, { recursive: true })
    for (const [rel, kind] of Object.entries(files)) {
      const file = path.join(root, rel)
      if (kind === 'dir') {
        mkdirSync(file, { recursive: true })
        continue
      }
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, '#!/bin/sh\n')
      chmodSync(file, kind === 'exec' ? 0o755 : 0o644)
    }
    return { root, env: { DOCKER_CONFIG: config } }
  }

  test('found in the config folder', () => {
    const { root, env } = configWith({ 'config/cli-plugins/docker-buildx': 'exec' })
    expect(findBuildxPlugin(env, root)).toBe(path.join(root, 'config/cli-plugins/docker-buildx'))
  })

  test('an extra folder of config.json comes before the config folder', () => {
    const { root, env } = configWith({
      'extra/docker-buildx': 'exec',
      'config/cli-plugins/docker-buildx': 'exec'
    })
    writeFileSync(
      path.join(root, 'config', 'config.json'),
      JSON.stringify({ cliPluginsExtraDirs: [path.join(root, 'extra')] })
    )
    expect(findBuildxPlugin(env, root)).toBe(path.join(root, 'extra', 'docker-buildx'))
  })

  test.each([
    ['not executable', 'plain' as const],
    ['a folder', 'dir' as const]
  ])('the first candidate is %s: left to docker (null), not the next folder', (_name, kind) => {
    const { root, env } = configWith({ 'config/cli-plugins/docker-buildx': kind })
    expect(findBuildxPlugin(env, root)).toBeNull()
  })

  test('nowhere: null (the system folders do not hold one on this machine, or it is found there)', () => {
    const { root, env } = configWith({})
    const found = findBuildxPlugin(env, root)
    expect(found === null || SYSTEM_PLUGIN_DIRS.includes(path.dirname(found))).toBe(true)
  })

  test.each([
    [
      'a buildx command runs the plugin, with the variable docker sets',
      '/p/docker-buildx',
      ['buildx', 'build', '.'],
      {
        command: '/p/docker-buildx',
        args: ['buildx', 'build', '.'],
        env: { DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: '/usr/bin/docker' }
      }
    ],
    [
      'no plugin found: through docker',
      null,
      ['buildx', 'build', '.'],
      { command: '/usr/bin/docker', args: ['buildx', 'build', '.'] }
    ],
    [
      'not a buildx command: docker',
      '/p/docker-buildx',
      ['push', 'x'],
      { command: '/usr/bin/docker', args: ['push', 'x'] }
    ]
  ])('dockerCall: %s', (_name, plugin, args, expected) => {
    expect(dockerCall('/usr/bin/docker', plugin, args)).toEqual(expected)
  })
})
