// Names stagegate derives from the user's tags or context folder: the image name for cache scopes
// and local tags, and the tester image's local tag.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { splitReference } from './reference.js'

/** Image name for cache scopes and local tags: the first tag's repository, else the context folder. */
export function imageNameOf(tags: string[], context: string): string {
  const first = tags[0]
  if (first) return splitReference(first).name
  return (
    path
      .basename(context)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-') || 'image'
  )
}

/** A repository path component docker accepts: no leading, trailing or doubled `.`/`_`/`-` mix. */
const REFERENCE_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/

/** A local tag for the tester image: stable per image (reruns replace it), never pushed. */
export function testerTagFor(imageName: string): string {
  const lowered = (imageName.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-')
  // A context folder like `.github` or `My App (2)` is no valid component as it is.
  const short = REFERENCE_COMPONENT.test(lowered)
    ? lowered
    : lowered.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'image'
  const hash = createHash('sha256').update(imageName).digest('hex').slice(0, 8)
  return `stagegate/${short}:tester-${hash}`
}
