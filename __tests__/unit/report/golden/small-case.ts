// The small report used as a golden file (and as the example in docs): one platform, a baseline,
// a tester image, a broken budget and a failing test.
import { checkBudgets } from '../../../../src/report/budget.js'
import type { ReportInput } from '../../../../src/report/render.js'
import { compareSizes } from '../../../../src/report/size.js'
import { baselineOf, image, layer, platform } from '../fixtures.js'

export function smallCase(): ReportInput {
  const before = image([
    platform(
      'linux/amd64',
      [
        layer('ADD alpine-minirootfs.tar.gz /', 3_400_000, 'sha256:a'),
        layer('RUN apk add --no-cache nodejs', 18_000_000, 'sha256:b'),
        layer('COPY package.json ./', 1_200, 'sha256:c'),
        layer('COPY dist /app', 900_000, 'sha256:d'),
        layer('RUN rm -rf /tmp/*', 2_000, 'sha256:f')
      ],
      61_000_000
    )
  ])
  const current = image([
    platform(
      'linux/amd64',
      [
        layer('ADD alpine-minirootfs.tar.gz /', 3_400_000, 'sha256:a'),
        layer('RUN apk add --no-cache nodejs', 18_000_000, 'sha256:b'),
        layer('COPY package.json ./', 1_250, 'sha256:c2'),
        layer('COPY dist /app', 1_300_000, 'sha256:d2'),
        layer('RUN apk add --no-cache curl', 2_100_000, 'sha256:e')
      ],
      66_000_000
    )
  ])
  const tester = image([platform('linux/amd64', [layer('RUN npm ci', 480_000_000, 'sha256:t')])], {
    target: 'tester'
  })
  const baseline = baselineOf(before)
  const budgets = checkBudgets(
    { maxSize: 150_000_000, maxIncrease: { kind: 'percent', value: 10 } },
    current,
    compareSizes(current, baseline)
  )
  return {
    current,
    baseline,
    tester,
    budgets,
    tests: {
      outcome: 'passed',
      mode: 'command',
      tests: 42,
      passed: 41,
      failed: 0,
      skipped: 1,
      failures: [],
      durationMs: 8300
    },
    runUrl: 'https://github.com/acme/api/actions/runs/123',
    commitSha: 'abcdef0123456789abcdef0123456789abcdef01',
    marker: '<!-- stagegate:comment key="default" -->'
  }
}
