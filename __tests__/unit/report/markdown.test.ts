import { describe, expect, test } from '@jest/globals'
import {
  code,
  escapeHtml,
  escapeText,
  link,
  mermaidLabel,
  safeUrl,
  truncate
} from '../../../src/report/markdown.js'

const ZWSP = '\u200b'

describe('escapeText', () => {
  test.each([
    ['plain text', 'plain text'],
    ['ghcr.io/acme/api:pr-7', 'ghcr.io/acme/api:pr-7'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['</details>', '&lt;/details&gt;'],
    ['<!-- stagegate:comment -->', '&lt;\\!-- stagegate:comment --&gt;'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['a\\|b', 'a\\\\\\|b'],
    ['[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
    ['**bold** _em_ ~~s~~ `c`', '\\*\\*bold\\*\\* \\_em\\_ \\~\\~s\\~\\~ \\`c\\`'],
    ['# heading', '\\# heading'],
    ['cost $5 and $x$', 'cost \\$5 and \\$x\\$'],
    ['a &amp; b', 'a &amp;amp; b'],
    ['line1\nline2\r\n\tline3', 'line1 line2 line3'],
    ['ping @octocat and @acme/team', `ping @${ZWSP}octocat and @${ZWSP}acme/team`],
    ['mail me@example.com', `mail me@${ZWSP}example.com`],
    ['fixes #12', `fixes \\#${ZWSP}12`],
    ['a lone @ and #', 'a lone @ and \\#']
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })

  test('long strings are cut with an ellipsis before escaping', () => {
    expect(escapeText('x'.repeat(500))).toBe(`${'x'.repeat(199)}…`)
    expect(escapeText('<'.repeat(10), 5)).toBe('&lt;&lt;&lt;&lt;…')
  })
})

describe('escapeHtml (for <summary>)', () => {
  test.each([
    ['linux/amd64', 'linux/amd64'],
    ['<b>"x"</b>', '&lt;b&gt;&#34;x&#34;&lt;/b&gt;'],
    ['**[a](b)**', '&#42;&#42;&#91;a&#93;&#40;b&#41;&#42;&#42;'],
    ['@octocat #1', `@${ZWSP}octocat &#35;${ZWSP}1`]
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('code', () => {
  test.each([
    ['RUN apk add curl', '<code>RUN apk add curl</code>'],
    ['RUN a | b', '<code>RUN a \\| b</code>'],
    ['echo `x` ```', '<code>echo \\`x\\` \\`\\`\\`</code>'],
    ['', '<code> </code>'],
    ['</code><script>', '<code>&lt;/code&gt;&lt;script&gt;</code>']
  ])('%j → %j', (input, expected) => {
    expect(code(input)).toBe(expected)
  })
})

describe('mermaidLabel', () => {
  test.each([
    ['RUN apk add --no-cache curl', 'RUN apk add --no-cache curl'],
    ['RUN echo "x"; `y` %% z', 'RUN echo x y z'],
    ['<b>#quot;</b>', 'b quot /b'],
    ['¡¿', 'layer'],
    ['a'.repeat(100), `${'a'.repeat(39)}…`]
  ])('%j → %j', (input, expected) => {
    expect(mermaidLabel(input)).toBe(expected)
  })
})

describe('safeUrl and link', () => {
  test.each([
    ['https://github.com/acme/api/actions/runs/9', 'https://github.com/acme/api/actions/runs/9'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
    ['https://x.test/a)(b c', 'https://x.test/a%29%28b%20c'],
    ['javascript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['not a url', null],
    [undefined, null]
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected)
  })

  test('an unsafe URL leaves plain text', () => {
    expect(link('run', 'javascript:alert(1)')).toBe('run')
    expect(link('run [1]', 'https://x.test/')).toBe('[run \\[1\\]](https://x.test/)')
  })
})

describe('truncate', () => {
  test.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven chars', 10, 'eleven ch…'],
    ['😀😀😀😀', 3, '😀😀…']
  ])('%j to %d → %j', (input, max, expected) => {
    expect(truncate(input, max)).toBe(expected)
  })
})
