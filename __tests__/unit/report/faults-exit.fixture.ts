// Child process of faults-cache.test.ts: one restore or save against the stand-in (env from the
// parent), print the result, then let node exit by itself. Usage: OP DIR DEADLINE_MS
import { restoreBaseline, saveBaseline } from '../../../src/report/baseline.js'

const [op = 'restore', dir = '', deadline = '2000'] = process.argv.slice(2)
const options = {
  dir,
  deadlineMs: Number(deadline),
  log: { info: () => undefined, warning: () => undefined }
}
const result =
  op === 'save'
    ? await saveBaseline(
        {
          image: 'ghcr.io/acme/api',
          target: 'runtime',
          tags: [],
          digest: null,
          platforms: [{ platform: 'linux/amd64', compressed: 1, disk: 1, layers: [] }],
          measuredAt: '2024-05-01T00:00:00.000Z',
          source: 'registry'
        },
        { branch: 'main', runId: 99, runAttempt: 1 },
        options
      )
    : await restoreBaseline(
        { image: 'ghcr.io/acme/api', target: 'runtime', platforms: ['linux/amd64'], branch: 'main' },
        options
      )
process.stdout.write(`RESULT ${JSON.stringify({ ...result, baseline: undefined })}\n`)
