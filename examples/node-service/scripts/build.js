// The build: checks every source file parses, then writes dist/ with a build-info.json.
// Stands in for tsc or a bundler, with nothing to install.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const src = 'src'
const dist = 'dist'
mkdirSync(dist, { recursive: true })
const files = readdirSync(src)
  .filter(f => f.endsWith('.js'))
  .sort()
for (const file of files) {
  const checked = spawnSync(process.execPath, ['--check', path.join(src, file)], { stdio: 'inherit' })
  if (checked.status !== 0) process.exit(checked.status ?? 1)
  copyFileSync(path.join(src, file), path.join(dist, file))
}
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'))
writeFileSync(
  path.join(dist, 'build-info.json'),
  JSON.stringify({ name, version, node: process.version, files }, null, 2)
)
console.log(`built ${files.length} files into ${dist}/`)
