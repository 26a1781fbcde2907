import { expect, test } from '@jest/globals'
import { failureFooter } from '../../../src/run-result.js'

const RUN = 'https://github.com/acme/api/actions/runs/42'

test.each([
  [
    'image, target, commit and run',
    { imageName: 'ghcr.io/acme/api', target: 'runtime', commitSha: 'c0ffee'.padEnd(40, '0'), runUrl: RUN },
    `<sub><code>ghcr.io/acme/api</code> (runtime) · commit c0ffee0 · [workflow run](${RUN})</sub>`
  ],
  [
    'the comment key tells two images on one PR apart',
    { imageName: 'api', target: 'runtime', commentKey: 'worker' },
    '<sub><code>api</code> (runtime) · worker</sub>'
  ],
  [
    'outside a runner: no commit, no run',
    { imageName: 'api', target: '2' },
    '<sub><code>api</code> (2)</sub>'
  ],
  [
    'a sha that is no hex digest and a non-http URL are left out',
    { imageName: 'api', target: 'runtime', commitSha: 'HEAD', runUrl: 'javascript:alert(1)' },
    '<sub><code>api</code> (runtime)</sub>'
  ],
  [
    'markdown in names is escaped',
    { imageName: 'a<b>', target: 'run*time', commentKey: '@team' },
    '<sub><code>a&lt;b&gt;</code> (run\\*time) · @\u200bteam</sub>'
  ]
])('%s', (_name, input, expected) => expect(failureFooter(input)).toBe(expected))
