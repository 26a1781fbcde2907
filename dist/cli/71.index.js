export const id = 71;
export const ids = [71,916];
export const modules = {

/***/ 7771:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ parseCheckOptions)
/* harmony export */ });
// Go strconv.ParseBool.
function parseBool(s) {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s))
        return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s))
        return false;
    return null;
}
// strings.Split(v, ",") with each part trimmed.
const list = (v) => v.split(',').map(r => r.trim());
/** Parse `skip=A,B;experimental=C;error=true`; throws Error with BuildKit's message (without its prefix). */
function parseCheckOptions(value) {
    const out = {
        skip: [],
        skipAll: false,
        experimental: [],
        experimentalAll: false,
        error: false
    };
    const text = value.trim();
    if (text === '')
        return out;
    // strings.SplitN(s, ";", 3): a fourth option stays inside the third one's value.
    const parts = [];
    let rest = text;
    while (parts.length < 2) {
        const semi = rest.indexOf(';');
        if (semi < 0)
            break;
        parts.push(rest.slice(0, semi));
        rest = rest.slice(semi + 1);
    }
    parts.push(rest);
    for (const p of parts) {
        const eq = p.indexOf('=');
        if (eq < 0)
            throw new Error(`invalid check option ${JSON.stringify(p)}`);
        const k = p.slice(0, eq).trim();
        const v = p.slice(eq + 1).trim();
        if (k === 'skip') {
            if (v === 'all')
                out.skipAll = true;
            else
                out.skip = list(v);
        }
        else if (k === 'experimental') {
            if (v === 'all')
                out.experimentalAll = true;
            else
                out.experimental = list(v);
        }
        else if (k === 'error') {
            const b = parseBool(v);
            if (b === null)
                throw new Error(`failed to parse check option ${JSON.stringify(p)}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
            out.error = b;
        }
        else
            throw new Error(`invalid check option ${JSON.stringify(k)}`);
    }
    return out;
}


/***/ }),

/***/ 8235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ai: () => (/* binding */ parseDockerfile),
/* harmony export */   Sm: () => (/* binding */ parseHeredocWord)
/* harmony export */ });
/* unused harmony exports firstLongLine, trimSpace, extractFlags, parseWords */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _shell_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2208);
// The Dockerfile parser as BuildKit's frontend/dockerfile/parser: directives, escape token, line
// continuations, comments, heredocs, flags, JSON forms. Stage semantics live in stages.ts.


// bufio.Scanner's default token size (bufio.MaxScanTokenSize): a longer line stops BuildKit's parser.
const MAX_LINE_BYTES = 64 * 1024 - 1;
/** Index of the first line longer than MAX_LINE_BYTES in UTF-8 bytes (a BOM counts), or -1. */
function firstLongLine(lines, n) {
    for (let i = 0; i < n; i++) {
        const l = lines[i];
        // A UTF-16 unit is at most 3 UTF-8 bytes: only long lines need counting.
        if (l.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(l, 'utf8') > MAX_LINE_BYTES)
            return i;
    }
    return -1;
}
const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_RE = /^(\d*)<<(-?)\s*([^<]*)$/;
const MAYBE_JSON = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const MAYBE_JSON_LIST = new Set(['COPY', 'ADD', 'VOLUME']);
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';
function trimLeft(s) {
    let i = 0;
    while (i < s.length && (0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(s.charCodeAt(i)))
        i++;
    return i === 0 ? s : s.slice(i);
}
function trimRight(s) {
    let j = s.length;
    while (j > 0 && (0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(s.charCodeAt(j - 1)))
        j--;
    return j === s.length ? s : s.slice(0, j);
}
/** Go strings.TrimSpace (unicode.IsSpace). */
function trimSpace(s) {
    return trimRight(trimLeft(s));
}
// bytes.TrimRight(line, "\r\n")
function trimNewline(s) {
    let j = s.length;
    while (j > 0) {
        const c = s.charCodeAt(j - 1);
        if (c !== 13 && c !== 10)
            break;
        j--;
    }
    return j === s.length ? s : s.slice(0, j);
}
function isComment(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (!(0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(c))
            return c === 35;
    }
    return false;
}
function isBlank(s) {
    for (let i = 0; i < s.length; i++)
        if (!(0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(s.charCodeAt(i)))
            return false;
    return true;
}
/**
 * BuildKit's continuation rule: the escape token, then only blanks, at the end of the line, and
 * not preceded by another escape token (so an escaped escape does not continue the line).
 * Returns the line without the token, or null when the line does not continue.
 */
function continuation(line, esc) {
    let j = line.length;
    while (j > 0) {
        const c = line.charCodeAt(j - 1);
        if (c !== 32 && c !== 9)
            break;
        j--;
    }
    if (j === 0 || line.charCodeAt(j - 1) !== esc)
        return null;
    if (j === 1)
        return '';
    return line.charCodeAt(j - 2) === esc ? null : line.slice(0, j - 1);
}
class DirectiveReader {
    done = false;
    seen = new Map();
    /** Returns the directive on this line, if it is one; ends the directive block otherwise. */
    read(line, lineNo, file) {
        if (this.done)
            return undefined;
        if (!line.startsWith('#')) {
            this.done = true;
            return undefined;
        }
        const m = DIRECTIVE_RE.exec(trimLeft(line.slice(1)));
        const key = m?.[1]?.toLowerCase();
        if (!m || !key || !DIRECTIVES.has(key)) {
            this.done = true;
            return undefined;
        }
        // BuildKit locates directive errors at its 0-based line counter: the line before (engine 26 agrees).
        if (this.seen.has(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerfileError */ .t(file, lineNo - 1, `only one ${key} parser directive can be used`);
        const d = { name: key, value: m[2], line: lineNo };
        this.seen.set(key, d);
        return d;
    }
}
/** Go's extractBuilderFlags: leading `--flag[=value]` words (quotes and `\` honoured), then the rest. */
function extractFlags(line) {
    const words = [];
    const IN_SPACES = 0;
    const IN_WORD = 1;
    const IN_QUOTE = 2;
    let phase = IN_SPACES;
    let word = '';
    let quote = 0;
    let blankOK = false;
    for (let pos = 0; pos <= line.length; pos++) {
        const ch = pos < line.length ? line.charCodeAt(pos) : 0;
        if (phase === IN_SPACES) {
            if (pos === line.length)
                break;
            if ((0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(ch))
                continue;
            if (ch !== 45 || pos + 1 === line.length || line.charCodeAt(pos + 1) !== 45) {
                return { rest: line.slice(pos), flags: words };
            }
            phase = IN_WORD;
        }
        if (pos === line.length) {
            if (word !== '--' && (blankOK || word.length > 0))
                words.push(word);
            break;
        }
        if (phase === IN_WORD) {
            if ((0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(ch)) {
                phase = IN_SPACES;
                if (word === '--')
                    return { rest: line.slice(pos), flags: words };
                if (blankOK || word.length > 0)
                    words.push(word);
                word = '';
                blankOK = false;
                continue;
            }
            if (ch === 39 || ch === 34) {
                quote = ch;
                blankOK = true;
                phase = IN_QUOTE;
                continue;
            }
            if (ch === 92) {
                if (pos + 1 === line.length)
                    continue;
                pos++;
                word += line[pos];
                continue;
            }
            // Take the plain part of the word in one slice.
            let j = pos + 1;
            for (; j < line.length; j++) {
                const d = line.charCodeAt(j);
                if (d === 39 || d === 34 || d === 92 || d === 32 || (d >= 9 && d <= 13) || d >= 0x80)
                    break;
            }
            word += line.slice(pos, j);
            pos = j - 1;
            continue;
        }
        // IN_QUOTE
        if (ch === quote) {
            phase = IN_WORD;
            continue;
        }
        if (ch === 92) {
            if (pos + 1 === line.length) {
                phase = IN_WORD;
                continue;
            }
            pos++;
        }
        word += line[pos];
    }
    return { rest: '', flags: words };
}
// [\t\v\f\r ]: the blanks splitCommand and parseStringsWhitespaceDelimited split on (not \n).
function isFieldBlank(c) {
    return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}
function splitCommand(line) {
    const trimmed = trimSpace(line);
    let i = 0;
    while (i < trimmed.length && !isFieldBlank(trimmed.charCodeAt(i)))
        i++;
    if (i === trimmed.length)
        return { cmd: trimmed, flagWords: [], args: '' };
    let j = i + 1;
    while (j < trimmed.length && isFieldBlank(trimmed.charCodeAt(j)))
        j++;
    const { rest, flags } = extractFlags(trimmed.slice(j));
    return { cmd: trimmed.slice(0, i), flagWords: flags, args: trimSpace(rest) };
}
/** parseStringsWhitespaceDelimited: trimmed, then split on runs of blanks. */
function whitespaceFields(s) {
    const t = trimSpace(s);
    if (t === '')
        return [];
    const out = [];
    let start = 0;
    for (let i = 0; i < t.length; i++) {
        if (!isFieldBlank(t.charCodeAt(i)))
            continue;
        out.push(t.slice(start, i));
        while (i + 1 < t.length && isFieldBlank(t.charCodeAt(i + 1)))
            i++;
        start = i + 1;
    }
    out.push(t.slice(start));
    return out;
}
// Go's parseJSON: a JSON array of strings, or null when the text is not a JSON array at all.
function parseJSONArray(rest) {
    const t = trimLeft(rest);
    if (!t.startsWith('['))
        return null;
    let v;
    try {
        v = JSON.parse(t);
    }
    catch {
        return null;
    }
    if (!Array.isArray(v))
        return null;
    if (!v.every(x => typeof x === 'string'))
        throw new Error(NOT_STRING_ARRAY);
    return v;
}
/** Go's parseWords (ARG, ENV, LABEL): split on blanks outside quotes, keeping quotes and escapes. */
function parseWords(rest, escapeToken) {
    const esc = escapeToken.charCodeAt(0);
    const words = [];
    let phase = 0; // 0 spaces, 1 word, 2 quote
    let word = '';
    let quote = 0;
    let blankOK = false;
    const n = rest.length;
    // Walks code points (a surrogate pair is one character, as Go's runes).
    const width = (at) => (rest.codePointAt(at) > 0xffff ? 2 : 1);
    let pos = 0;
    while (pos < n) {
        const ch = rest.codePointAt(pos);
        const len = ch > 0xffff ? 2 : 1;
        if (phase === 0) {
            if ((0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(ch)) {
                pos += len;
                continue;
            }
            phase = 1;
        }
        if (phase === 1) {
            if ((0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .isSpace */ .xC)(ch)) {
                phase = 0;
                if (blankOK || word.length > 0)
                    words.push(word);
                word = '';
                blankOK = false;
                pos += len;
                continue;
            }
            if (ch === 39 || ch === 34) {
                quote = ch;
                blankOK = true;
                phase = 2;
            }
            else if (ch !== esc) {
                // A run of plain ASCII characters in one slice.
                let j = pos + 1;
                for (; j < n; j++) {
                    const d = rest.charCodeAt(j);
                    if (d === 39 || d === 34 || d === esc || d === 32 || (d >= 9 && d <= 13) || d >= 0x80)
                        break;
                }
                word += rest.slice(pos, j);
                pos = j;
                continue;
            }
            if (ch === esc) {
                if (pos + len === n) {
                    pos += len;
                    continue;
                }
                const end = pos + len + width(pos + len);
                word += rest.slice(pos, end);
                pos = end;
                continue;
            }
            word += rest.slice(pos, pos + len);
            pos += len;
            continue;
        }
        if (ch === quote)
            phase = 1;
        if (ch === esc && quote !== 39) {
            if (pos + len === n) {
                phase = 1;
                pos += len;
                continue;
            }
            const end = pos + len + width(pos + len);
            word += rest.slice(pos, end);
            pos = end;
            continue;
        }
        word += rest.slice(pos, pos + len);
        pos += len;
    }
    if (phase !== 0 && (blankOK || word.length > 0))
        words.push(word);
    return words;
}
// strings.Count(s, "'") + strings.Count(s, `"`)
function quoteCount(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 39 || c === 34)
            n++;
    }
    return n;
}
/** Go's ParseHeredoc: a heredoc word (`<<EOF`, `3<<-'EOF'`, ...) or null. */
function parseHeredocWord(src) {
    const m = HEREDOC_RE.exec(src);
    if (!m)
        return null;
    const rest = m[3];
    if (rest.length === 0)
        return null;
    const env = new Map();
    const words = (0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWords */ .yM)(rest, env, { skipUnsetEnv: true });
    if (words.length !== 1)
        return null;
    const raw = (0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWords */ .yM)(rest, env, { skipUnsetEnv: true, rawQuotes: true });
    const name = words[0];
    return {
        name,
        fileDescriptor: m[1] ? Number.parseInt(m[1], 10) : 0,
        expand: quoteCount(name) === quoteCount(raw[0] ?? ''),
        chomp: m[2] === '-'
    };
}
function heredocsFromLine(line) {
    let words;
    try {
        words = (0,_shell_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWords */ .yM)(line, new Map(), {
            rawQuotes: true,
            rawEscapes: true,
            skipUnsetEnv: true,
            heredocWords: true
        });
    }
    catch {
        return []; // BuildKit ignores lexing errors here: no heredocs
    }
    const docs = [];
    for (const w of words) {
        const h = parseHeredocWord(w);
        if (h)
            docs.push(h);
    }
    return docs;
}
function lineError(file, line, err) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerfileError */ .t)
        return err;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerfileError */ .t(file, line, err instanceof Error ? err.message : String(err));
}
/** Parse a Dockerfile into instructions; throws DockerfileError on syntax errors. */
function parseDockerfile(text, file) {
    const lines = text.split('\n');
    // A final newline ends the last line rather than starting an empty one.
    let n = text.endsWith('\n') ? lines.length - 1 : lines.length;
    const long = firstLongLine(lines, n);
    if (long >= 0)
        n = long;
    if (text.charCodeAt(0) === 0xfeff)
        lines[0] = lines[0].slice(1);
    const directives = new DirectiveReader();
    let escapeToken = '\\';
    let esc = 92;
    const instructions = [];
    const warnings = [];
    let i = 0;
    while (i < n) {
        const first = trimLeft(trimNewline(lines[i]));
        const d = directives.read(first, i + 1, file);
        if (d?.name === 'escape') {
            if (d.value !== '`' && d.value !== '\\') {
                // At BuildKit's 0-based line counter, as for a repeated directive (line 0: none; we say 1).
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerfileError */ .t(file, Math.max(1, i), `invalid escape token '${d.value}' does not match \` or \\`);
            }
            escapeToken = d.value;
            esc = d.value.charCodeAt(0);
        }
        i++;
        const startLine = i;
        const body = isComment(first) ? '' : first;
        const c0 = continuation(body, esc);
        if (c0 === null && body === '')
            continue;
        let line = c0 ?? body;
        let open = c0 !== null;
        let emptyContinuation = false;
        while (open && i < n) {
            const raw = lines[i];
            const p = trimNewline(raw);
            directives.read(p, i + 1, file);
            i++;
            if (isComment(p))
                continue;
            if (isBlank(p)) {
                emptyContinuation = true;
                continue;
            }
            const c = continuation(p, esc);
            line += c ?? p;
            open = c !== null;
        }
        if (emptyContinuation) {
            warnings.push({ line: i, rule: 'NoEmptyContinuation', message: 'Empty continuation line' });
        }
        const ins = toInstruction(line, escapeToken, file, startLine, i);
        if (needsHeredocs(ins) && line.includes('<<')) {
            for (const h of heredocsFromLine(line)) {
                let content = '';
                let terminated = false;
                while (i < n) {
                    const raw = lines[i];
                    i++;
                    let candidate = trimNewline(raw);
                    if (h.chomp)
                        candidate = candidate.replace(/^\t+/, '');
                    if (candidate === h.name) {
                        terminated = true;
                        break;
                    }
                    content += i < lines.length ? raw + '\n' : raw;
                }
                if (!terminated)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerfileError */ .t(file, startLine, 'unterminated heredoc');
                ins.heredocs.push({
                    name: h.name,
                    fileDescriptor: h.fileDescriptor,
                    expand: h.expand,
                    chomp: h.chomp,
                    content
                });
            }
        }
        ins.endLine = i;
        instructions.push(ins);
    }
    return {
        directives: [...directives.seen.values()],
        escapeToken,
        instructions,
        warnings,
        lineCount: n,
        lineTooLong: long < 0
            ? null
            : { line: long, message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}` }
    };
}
function needsHeredocs(ins) {
    if (ins.keyword === 'ONBUILD') {
        const sub = splitCommand(ins.args);
        if (!HEREDOC_KEYWORDS.has(sub.cmd.toUpperCase()))
            return false;
        try {
            return parseJSONArray(sub.args) === null;
        }
        catch {
            return false;
        }
    }
    return HEREDOC_KEYWORDS.has(ins.keyword) && !ins.json;
}
// Already upper case (the usual keyword): no new string from toUpperCase.
function isUpperAscii(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 97 && c <= 122)
            return false;
        if (c >= 0x80)
            return false;
    }
    return true;
}
function toInstruction(line, escapeToken, file, startLine, endLine) {
    const { cmd, flagWords, args } = splitCommand(line);
    const keyword = isUpperAscii(cmd) ? cmd : cmd.toUpperCase();
    const flags = {};
    for (const w of flagWords) {
        const eq = w.indexOf('=');
        const full = eq < 0 ? w : w.slice(0, eq);
        const name = full.startsWith('--') ? full.slice(2) : full;
        const value = eq < 0 ? '' : w.slice(eq + 1);
        // Own properties only: a flag named like an Object.prototype member (--constructor) is unknown.
        if (Object.hasOwn(flags, name))
            flags[name].push(value);
        else
            flags[name] = [value];
    }
    let argv;
    let json = false;
    try {
        const maybeJSON = MAYBE_JSON.has(keyword);
        if (maybeJSON || MAYBE_JSON_LIST.has(keyword)) {
            const arr = args === '' && maybeJSON ? null : parseJSONArray(args);
            if (arr) {
                argv = arr;
                json = true;
            }
            else
                argv = maybeJSON ? (args === '' ? [] : [args]) : whitespaceFields(args);
        }
        else if (keyword === 'ARG' || keyword === 'ENV' || keyword === 'LABEL') {
            argv = parseWords(args, escapeToken);
        }
        else {
            argv = whitespaceFields(args);
        }
    }
    catch (err) {
        throw lineError(file, startLine, err);
    }
    return {
        keyword,
        args,
        flags,
        rawFlags: flagWords,
        argv,
        json,
        heredocs: [],
        original: line,
        startLine,
        endLine
    };
}


/***/ }),

/***/ 1810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ platformProblem)
/* harmony export */ });
// containerd's platforms.Parse, reduced to what decides whether BuildKit accepts a --platform value.
const COMPONENT_RE = /^[A-Za-z0-9_-]+$/;
const KNOWN_OS = new Set([
    'aix',
    'android',
    'darwin',
    'dragonfly',
    'freebsd',
    'hurd',
    'illumos',
    'ios',
    'js',
    'linux',
    'nacl',
    'netbsd',
    'openbsd',
    'plan9',
    'solaris',
    'wasip1',
    'windows',
    'zos'
]);
const KNOWN_ARCH = new Set([
    '386',
    'amd64',
    'amd64p32',
    'arm',
    'armbe',
    'arm64',
    'arm64be',
    'ppc64',
    'ppc64le',
    'loong64',
    'mips',
    'mipsle',
    'mips64',
    'mips64le',
    'mips64p32',
    'mips64p32le',
    'ppc',
    'riscv',
    'riscv64',
    's390',
    's390x',
    'sparc',
    'sparc64',
    'wasm'
]);
// normalizeArch's aliases that make a single word an architecture.
const ARCH_ALIASES = {
    i386: '386',
    x86_64: 'amd64',
    'x86-64': 'amd64',
    aarch64: 'arm64',
    armhf: 'arm',
    armel: 'arm'
};
/** The error containerd gives for a platform specifier, or null when it parses. */
function platformProblem(specifier) {
    if (specifier.includes('*'))
        return `"${specifier}": wildcards not yet supported: invalid argument`;
    // An OS version in parentheses (`windows(10.0.17763)/amd64`) is allowed on the first part.
    const parts = specifier.replace(/^([^/(]*)\([^)]*\)/, '$1').split('/');
    for (const part of parts) {
        if (!COMPONENT_RE.test(part))
            return `"${part}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument`;
    }
    if (parts.length === 1) {
        const w = parts[0].toLowerCase();
        const os = w === 'macos' ? 'darwin' : w;
        if (KNOWN_OS.has(os) || KNOWN_ARCH.has(ARCH_ALIASES[w] ?? w))
            return null;
        return `"${specifier}": unknown operating system or architecture: invalid argument`;
    }
    if (parts.length <= 3)
        return null;
    return `"${specifier}": cannot parse platform specifier: invalid argument`;
}


/***/ }),

/***/ 2208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MJ: () => (/* binding */ ShellSyntaxError),
/* harmony export */   Vo: () => (/* binding */ expandWord),
/* harmony export */   xC: () => (/* binding */ isSpace),
/* harmony export */   yM: () => (/* binding */ splitWords)
/* harmony export */ });
// Word expansion as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) does it: quotes,
// escapes, $V / ${V} and the ${V<op>...} forms. No command substitution, no globbing.
/** Raised for malformed words and for ${V?msg}; callers attach file and line. */
class ShellSyntaxError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ShellSyntaxError';
    }
}
const EOF = -1;
const SQUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const SLASH = 47;
const LT = 60;
/** Go's unicode.IsSpace. */
function isSpace(c) {
    if (c === 32 || (c >= 9 && c <= 13))
        return true;
    if (c < 0x85)
        return false;
    if (c === 0x85 || c === 0xa0)
        return true;
    if (c < 256)
        return false;
    return /\s/.test(String.fromCodePoint(c)) && c !== 0xfeff;
}
function isDigit(c) {
    if (c < 128)
        return c >= 48 && c <= 57;
    return /\p{Nd}/u.test(String.fromCodePoint(c));
}
function isLetter(c) {
    if (c < 128)
        return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return /\p{L}/u.test(String.fromCodePoint(c));
}
function isSpecialParam(c) {
    // @ * # ? - $ ! 0
    return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48;
}
class Words {
    words = [];
    buf = '';
    inWord = false;
    addChar(c) {
        if (isSpace(c)) {
            if (this.inWord && this.buf.length !== 0) {
                this.words.push(this.buf);
                this.buf = '';
                this.inWord = false;
            }
        }
        else
            this.addRaw(String.fromCodePoint(c));
    }
    addRaw(s) {
        this.buf += s;
        this.inWord = true;
    }
    addString(s) {
        for (let i = 0; i < s.length;) {
            const c = s.charCodeAt(i);
            if (c < 0x80 && c !== 32 && (c < 9 || c > 13)) {
                // A run of non-blank ASCII goes in as one slice, as addChar would add it one by one.
                let j = i + 1;
                for (; j < s.length; j++) {
                    const d = s.charCodeAt(j);
                    if (d >= 0x80 || d === 32 || (d >= 9 && d <= 13))
                        break;
                }
                this.addRaw(s.slice(i, j));
                i = j;
                continue;
            }
            const cp = s.codePointAt(i);
            this.addChar(cp);
            i += cp > 0xffff ? 2 : 1;
        }
    }
    get() {
        if (this.buf.length > 0) {
            this.words.push(this.buf);
            this.buf = '';
            this.inWord = false;
        }
        return this.words;
    }
}
class Lexer {
    src;
    env;
    opts;
    pos = 0;
    escape;
    constructor(src, env, opts) {
        this.src = src;
        this.env = env;
        this.opts = opts;
        this.escape = (opts.escapeToken ?? '\\').charCodeAt(0);
    }
    peek() {
        return this.pos < this.src.length ? this.src.codePointAt(this.pos) : EOF;
    }
    next() {
        if (this.pos >= this.src.length)
            return EOF;
        const c = this.src.codePointAt(this.pos);
        this.pos += c > 0xffff ? 2 : 1;
        return c;
    }
    run() {
        return this.stopOn(EOF, !!this.opts.rawEscapes);
    }
    stopOn(stop, rawEscapes) {
        let result = '';
        const words = new Words();
        const quotes = !this.opts.skipProcessQuotes;
        for (;;) {
            const c = this.peek();
            if (c === EOF)
                break;
            if (stop !== EOF && c === stop) {
                this.next();
                return { result, words: words.get() };
            }
            if (c === DOLLAR) {
                const s = this.dollar();
                result += s;
                words.addString(s);
                continue;
            }
            if (quotes && (c === SQUOTE || c === DQUOTE)) {
                const s = c === SQUOTE ? this.singleQuote() : this.doubleQuote(rawEscapes);
                result += s;
                words.addRaw(s);
                continue;
            }
            if (this.opts.heredocWords && c === LT) {
                const s = this.possibleHeredoc();
                result += s;
                words.addRaw(s);
                continue;
            }
            if (!isSpace(c) && c !== this.escape) {
                // A run of ordinary characters goes in as one slice.
                const start = this.pos;
                let j = start + 1;
                for (; j < this.src.length; j++) {
                    const d = this.src.charCodeAt(j);
                    if (d === DOLLAR || d === SQUOTE || d === DQUOTE || d === LT || d === stop || d === this.escape)
                        break;
                    if (d === 32 || (d >= 9 && d <= 13) || d >= 0x80)
                        break;
                }
                const run = this.src.slice(start, j);
                this.pos = j;
                result += run;
                words.addRaw(run);
                continue;
            }
            let ch = this.next();
            if (ch === this.escape) {
                if (rawEscapes) {
                    words.addRaw(String.fromCodePoint(ch));
                    result += String.fromCodePoint(ch);
                }
                ch = this.next();
                if (ch === EOF)
                    break;
                words.addRaw(String.fromCodePoint(ch));
            }
            else {
                words.addChar(ch);
            }
            result += String.fromCodePoint(ch);
        }
        if (stop !== EOF) {
            throw new ShellSyntaxError(`unexpected end of statement while looking for matching ${String.fromCodePoint(stop)}`);
        }
        return { result, words: words.get() };
    }
    // `<<`, an optional `-`, then blanks stay in the word so `<< EOF` reads as one heredoc word.
    possibleHeredoc() {
        this.next();
        if (this.peek() !== LT)
            return '<';
        this.next();
        let s = '<<';
        if (this.peek() === 45) {
            this.next();
            s += '-';
        }
        while (this.peek() === 32 || this.peek() === 9)
            s += String.fromCodePoint(this.next());
        return s;
    }
    singleQuote() {
        let result = '';
        const open = this.next();
        if (this.opts.rawQuotes)
            result += String.fromCodePoint(open);
        for (;;) {
            const c = this.next();
            if (c === EOF)
                throw new ShellSyntaxError('unexpected end of statement while looking for matching single-quote');
            if (c === SQUOTE) {
                if (this.opts.rawQuotes)
                    result += "'";
                return result;
            }
            result += String.fromCodePoint(c);
        }
    }
    doubleQuote(rawEscapes) {
        let result = '';
        const open = this.next();
        if (this.opts.rawQuotes)
            result += String.fromCodePoint(open);
        for (;;) {
            const p = this.peek();
            if (p === EOF)
                throw new ShellSyntaxError('unexpected end of statement while looking for matching double-quote');
            if (p === DQUOTE) {
                this.next();
                if (this.opts.rawQuotes)
                    result += '"';
                return result;
            }
            if (p === DOLLAR) {
                result += this.dollar();
                continue;
            }
            let c = this.next();
            if (c === this.escape) {
                if (rawEscapes)
                    result += String.fromCodePoint(c);
                const q = this.peek();
                if (q === EOF)
                    continue;
                if (q === DQUOTE || q === DOLLAR || q === this.escape)
                    c = this.next();
            }
            result += String.fromCodePoint(c);
        }
    }
    name() {
        let name = '';
        for (;;) {
            const c = this.peek();
            if (c === EOF)
                break;
            if (name === '' && isDigit(c)) {
                while (this.peek() !== EOF && isDigit(this.peek()))
                    name += String.fromCodePoint(this.next());
                return name;
            }
            if (name === '' && isSpecialParam(c))
                return String.fromCodePoint(this.next());
            if (!isLetter(c) && !isDigit(c) && c !== 95)
                break;
            name += String.fromCodePoint(this.next());
        }
        return name;
    }
    dollar() {
        this.next();
        if (this.peek() !== LBRACE) {
            const name = this.name();
            if (name === '')
                return '$';
            const v = this.env.get(name);
            if (v === undefined && this.opts.skipUnsetEnv)
                return '$' + name;
            return v ?? '';
        }
        this.next();
        const first = this.peek();
        if (first === EOF)
            throw new ShellSyntaxError("syntax error: missing '}'");
        if (first === LBRACE || first === RBRACE || first === COLON)
            throw new ShellSyntaxError('syntax error: bad substitution');
        const name = this.name();
        let ch = this.next();
        if (ch === EOF)
            throw new ShellSyntaxError("syntax error: missing '}'");
        let chs = String.fromCodePoint(ch);
        if (ch === RBRACE) {
            const v = this.env.get(name);
            if (v === undefined && this.opts.skipUnsetEnv)
                return '${' + name + '}';
            return v ?? '';
        }
        if (ch === SLASH)
            return this.substitute(name);
        let nullIsUnset = false;
        if (ch === COLON) {
            nullIsUnset = true;
            ch = this.next();
            if (ch === EOF)
                throw new ShellSyntaxError("syntax error: missing '}'");
            chs += String.fromCodePoint(ch);
        }
        else if (!'+-?#%'.includes(chs)) {
            throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
        }
        const op = String.fromCodePoint(ch);
        const rawEscapes = op === '#' || op === '%';
        if (nullIsUnset && rawEscapes)
            throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
        let word;
        try {
            word = this.stopOn(RBRACE, rawEscapes).result;
        }
        catch (err) {
            if (this.peek() === EOF)
                throw new ShellSyntaxError("syntax error: missing '}'");
            throw err;
        }
        const value = this.env.get(name);
        const set = value !== undefined;
        if (this.opts.skipUnsetEnv && !set)
            return '${' + name + chs + word + '}';
        const empty = !set || (nullIsUnset && value === '');
        switch (op) {
            case '-':
                return empty ? word : value;
            case '+':
                return empty ? '' : word;
            case '?':
                if (!set)
                    throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be unset'}`);
                if (nullIsUnset && value === '')
                    throw new ShellSyntaxError(`${name}: ${word || 'is not allowed to be empty'}`);
                return value;
            case '#':
            case '%': {
                let greedy = false;
                if (word.startsWith(op)) {
                    greedy = true;
                    word = word.slice(1);
                }
                return op === '%' ? trimSuffix(word, value ?? '', greedy) : trimPrefix(word, value ?? '', greedy);
            }
            default:
                throw new ShellSyntaxError(`unsupported modifier (${chs}) in substitution`);
        }
    }
    substitute(name) {
        const all = this.peek() === SLASH;
        if (all)
            this.next();
        let pattern;
        try {
            pattern = this.stopOn(SLASH, true).result;
        }
        catch (err) {
            if (this.peek() === EOF)
                throw new ShellSyntaxError("syntax error: missing '/' in ${}");
            throw err;
        }
        let replacement;
        try {
            replacement = this.stopOn(RBRACE, true).result;
        }
        catch (err) {
            if (this.peek() === EOF)
                throw new ShellSyntaxError("syntax error: missing '}'");
            throw err;
        }
        const value = this.env.get(name);
        if (this.opts.skipUnsetEnv && value === undefined)
            return '${' + name + '/' + pattern + '/' + replacement + '}';
        const re = patternToRegExp(pattern, true, false, all);
        const v = value ?? '';
        if (all)
            return v.replace(re, () => replacement);
        const m = re.exec(v);
        return m ? v.slice(0, m.index) + replacement + v.slice(m.index + m[0].length) : v;
    }
}
// A shell wildcard pattern (`*`, `?`, escapes; no brackets) as a regular expression.
function patternToRegExp(pattern, greedy, anchored, global = false) {
    let out = anchored ? '^' : '';
    const star = greedy ? '[^]*' : '[^]*?';
    for (let i = 0; i < pattern.length; i++) {
        let c = pattern[i];
        if (c === '*') {
            out += star;
            continue;
        }
        if (c === '?') {
            out += '[^]';
            continue;
        }
        if (c === '\\') {
            const n = pattern[i + 1];
            if (n === '}' || n === '/')
                continue;
            i++;
            c = pattern[i] ?? '';
            if (c !== '*' && c !== '?' && c !== '\\')
                throw new ShellSyntaxError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${c}'`);
            out += '\\' + c;
            continue;
        }
        out += /[[\]{}.+()|^$/]/.test(c) ? '\\' + c : c;
    }
    return new RegExp(out, global ? 'g' : '');
}
function trimPrefix(pattern, value, greedy) {
    const m = patternToRegExp(pattern, greedy, true).exec(value);
    return m ? value.slice(m[0].length) : value;
}
// Reverse a pattern but keep each escape in front of the character it escapes.
function reversePattern(pattern) {
    const src = Array.from(pattern);
    const out = new Array(src.length);
    const last = src.length - 1;
    for (let i = 0; i <= last;) {
        const tok = src[i];
        const o = last - i;
        if (tok === '\\' && i !== last) {
            out[o - 1] = tok;
            out[o] = src[i + 1];
            i += 2;
        }
        else {
            out[o] = tok;
            i++;
        }
    }
    return out.join('');
}
function reverse(s) {
    return Array.from(s).reverse().join('');
}
function trimSuffix(pattern, value, greedy) {
    // Shortest/longest rightmost match = leftmost match on the reversed strings.
    return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
}
function wrap(source, err) {
    if (err instanceof ShellSyntaxError)
        throw new ShellSyntaxError(`failed to process "${source}": ${err.message}`);
    throw err;
}
/** BuildKit ProcessWord: the expanded word as one string (spaces kept). */
function expandWord(word, env, opts = {}) {
    if (!needsLexing(word, opts))
        return word;
    try {
        return new Lexer(word, env, opts).run().result;
    }
    catch (err) {
        return wrap(word, err);
    }
}
/** BuildKit ProcessWords: expand, then split into words on unquoted blanks. */
function splitWords(word, env, opts = {}) {
    try {
        return new Lexer(word, env, opts).run().words;
    }
    catch (err) {
        return wrap(word, err);
    }
}
// Most image references have nothing to expand; skip the lexer for them.
function needsLexing(word, opts) {
    const esc = opts.escapeToken ?? '\\';
    return (word.includes('$') ||
        word.includes(esc) ||
        (!opts.skipProcessQuotes && (word.includes('"') || word.includes("'"))) ||
        (!!opts.heredocWords && word.includes('<')));
}


/***/ }),

/***/ 9071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U9: () => (/* binding */ findStage),
  Lo: () => (/* binding */ graphForTarget),
  Cv: () => (/* binding */ listStages),
  xZ: () => (/* binding */ platformArgs),
  n_: () => (/* binding */ readDockerfile),
  u1: () => (/* binding */ resolveTarget),
  fS: () => (/* binding */ secretMounts),
  Hn: () => (/* binding */ stageLabel),
  vP: () => (/* binding */ stagesFor)
});

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/dockerfile/parser.ts
var parser = __webpack_require__(8235);
// EXTERNAL MODULE: ./src/dockerfile/shell.ts
var shell = __webpack_require__(2208);
// EXTERNAL MODULE: ./src/dockerfile/directive.ts
var directive = __webpack_require__(7771);
;// CONCATENATED MODULE: ./src/dockerfile/instructions.ts
// Argument checks BuildKit makes for each instruction before any step runs: the line parser's
// (parser/line_parsers.go) and the instruction parser's (instructions/parse.go). Pure: a message or null.

const WS = /[\t\v\f\r ]+/;
/** What BuildKit's line parser rejects (raised for the whole file before any instruction check). */
function lineProblem(ins) {
    const k = ins.keyword;
    if ((k === 'ENV' || k === 'LABEL') && ins.argv.length > 0) {
        // parseNameVal: no `=` in the first word means the legacy `KEY name value` form.
        if (!ins.argv[0].includes('=')) {
            if (ins.args.split(WS).length < 2)
                return `${k} must have two arguments`;
            return null;
        }
        const bad = ins.argv.find(w => !w.includes('='));
        if (bad !== undefined)
            return `Syntax error - can't find = in ${JSON.stringify(bad)}. Must be of the form: name=value`;
    }
    return null;
}
// Go time.ParseDuration, returning nanoseconds or null.
const UNITS = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 6e10,
    h: 3.6e12
};
function parseDuration(s) {
    if (s === '0' || s === '+0' || s === '-0')
        return 0;
    const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
    if (!m)
        return null;
    let total = 0;
    for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
        total += Number(part[1]) * UNITS[part[2]];
    return m[1] === '-' ? -total : total;
}
function healthcheckProblem(ins) {
    if (ins.argv.length === 0)
        return 'HEALTHCHECK requires at least one argument';
    const typ = ins.argv[0].toUpperCase();
    if (typ === 'NONE')
        return ins.argv.length === 1 ? null : 'HEALTHCHECK NONE takes no arguments';
    if (typ !== 'CMD')
        return `Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`;
    if (ins.argv.length === 1)
        return 'Missing command after HEALTHCHECK CMD';
    for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
        const v = ins.flags[name]?.at(-1);
        if (v === undefined || v === '')
            continue;
        const d = parseDuration(v);
        if (d === null)
            return `time: invalid duration ${JSON.stringify(v)}`;
        if (d !== 0 && d < 1e6)
            return `Interval ${JSON.stringify(name)} cannot be less than 1ms`;
    }
    const retries = ins.flags.retries?.at(-1);
    if (retries !== undefined && retries !== '') {
        if (!/^[+-]?\d+$/.test(retries) || Math.abs(Number(retries)) > 2 ** 31 - 1)
            return `strconv.ParseInt: parsing ${JSON.stringify(retries)}: ${/^[+-]?\d+$/.test(retries) ? 'value out of range' : 'invalid syntax'}`;
        if (Number(retries) < 0)
            return `--retries cannot be negative (${Number(retries)})`;
    }
    return null;
}
/** What instructions.ParseInstruction rejects in an instruction's arguments (after its flags). */
function argumentProblem(ins) {
    const k = ins.keyword;
    switch (k) {
        case 'ENV':
        case 'LABEL':
        case 'EXPOSE':
        case 'ONBUILD':
            if (ins.argv.length === 0)
                return `${k} requires at least one argument`;
            break;
        case 'WORKDIR':
        case 'USER':
        case 'STOPSIGNAL':
        case 'MAINTAINER':
            if (ins.args === '')
                return `${k} requires exactly one argument`;
            break;
        case 'VOLUME':
            if (ins.argv.length === 0)
                return 'VOLUME requires at least one argument';
            if (ins.argv.some(v => v.trim() === ''))
                return 'VOLUME specified can not be an empty string';
            break;
        case 'SHELL':
            if (!ins.json)
                return 'SHELL requires the arguments to be in JSON form';
            if (ins.argv.length === 0)
                return 'SHELL requires at least one argument';
            break;
        case 'HEALTHCHECK':
            return healthcheckProblem(ins);
        case 'COPY':
        case 'ADD':
            if (ins.argv.length >= 2 && (0,parser/* parseHeredocWord */.Sm)(ins.argv.at(-1)))
                return `${k} cannot accept a heredoc as a destination`;
            break;
    }
    if (k === 'ONBUILD') {
        const trigger = ins.argv[0].trim().toUpperCase();
        if (trigger === 'ONBUILD')
            return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed";
        if (trigger === 'MAINTAINER' || trigger === 'FROM')
            return `${trigger} isn't allowed as an ONBUILD trigger`;
    }
    return null;
}
// Levenshtein distance, each edit costing 1 (github.com/agext/levenshtein defaults).
function distance(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const cur = [i];
        for (let j = 1; j <= y.length; j++)
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[y.length];
}
/**
 * BuildKit's util/suggest: the closest option at a distance under 3, as " (did you mean X?)" to
 * append to an error, or '' (also when the value is itself an option).
 */
function suggestion(value, options, caseSensitive) {
    if (value === '')
        return '';
    const val = caseSensitive ? value : value.toLowerCase();
    let match = '';
    let min = 3;
    for (const o of options) {
        const opt = caseSensitive ? o : o.toLowerCase();
        if (val === opt)
            return '';
        const d = distance(val, opt);
        if (d < min) {
            min = d;
            match = opt;
            if (!caseSensitive) {
                // matchCase: follow the value's case when it is all lower or all upper.
                if (value === value.toLowerCase())
                    match = opt.toLowerCase();
                else if (value === value.toUpperCase())
                    match = opt.toUpperCase();
            }
        }
    }
    return match === '' ? '' : ` (did you mean ${match}?)`;
}
const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'];
const MOUNT_KEYS = [
    'type',
    'env',
    'from',
    'source',
    'target',
    'readonly',
    'id',
    'sharing',
    'required',
    'mode',
    'uid',
    'gid',
    'src',
    'dst',
    'ro',
    'rw',
    'readwrite'
];
const GO_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
// docker/go-units RAMInBytes.
const RAM_RE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
function parseUint(s, base) {
    const digits = base === 8 ? /^[0-7]+$/ : /^\d+$/;
    if (!digits.test(s))
        return null;
    const n = Number.parseInt(s, base);
    return n <= 0xffffffff ? n : null;
}
/**
 * What commands_runmount.go parseMount and validateMount reject in one --mount value, read when
 * the step is converted (the fields of the csv record, in order). Null when it is valid, or when a
 * field uses a variable: its value is only known then.
 */
function mountProblem(fields) {
    if (fields.some(f => f.includes('$')))
        return null;
    let type = 'bind';
    let from = '';
    let source = '';
    let target = '';
    let id = '';
    let sharing = '';
    const fileInfo = new Set();
    for (const field of fields) {
        const eq = field.indexOf('=');
        const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
        const value = eq < 0 ? '' : field.slice(eq + 1);
        if (eq < 0) {
            if (['readonly', 'ro', 'readwrite', 'rw'].includes(key))
                continue;
            if (key === 'required') {
                if (type === 'secret' || type === 'ssh')
                    continue;
                return `unexpected key '${key}' for mount type '${type}'`;
            }
            return `invalid field '${field}' must be a key=value pair`;
        }
        switch (key) {
            case 'type':
                if (!MOUNT_TYPES.includes(value.toLowerCase()))
                    return `unsupported mount type ${JSON.stringify(value)}${suggestion(value, MOUNT_TYPES, true)}`;
                type = value.toLowerCase();
                break;
            case 'from':
                from = value;
                break;
            case 'source':
            case 'src':
                source = value;
                break;
            case 'target':
            case 'dst':
            case 'destination':
                target = value;
                break;
            case 'readonly':
            case 'ro':
            case 'readwrite':
            case 'rw':
                if (!GO_BOOL.has(value))
                    return `invalid value for ${key}: ${value}`;
                break;
            case 'required':
                if (type !== 'secret' && type !== 'ssh')
                    return `unexpected key '${key}' for mount type '${type}'`;
                if (!GO_BOOL.has(value))
                    return `invalid value for ${key}: ${value}`;
                break;
            case 'size':
                if (type !== 'tmpfs')
                    return `unexpected key '${key}' for mount type '${type}'`;
                if (!RAM_RE.test(value))
                    return `invalid value for ${key}: ${value}`;
                break;
            case 'env':
                // Dockerfile 1.10+: a secret exposed as an environment variable instead of (or besides) a file.
                if (type !== 'secret')
                    return `unexpected key '${key}' for mount type '${type}'`;
                break;
            case 'id':
                id = value;
                break;
            case 'sharing':
                if (!SHARING.includes(value.toLowerCase()))
                    return `unsupported sharing value ${JSON.stringify(value)}${suggestion(value, SHARING, true)}`;
                sharing = value.toLowerCase();
                break;
            case 'mode':
                if (parseUint(value, 8) === null)
                    return `invalid value ${value} for mode`;
                fileInfo.add('mode');
                break;
            case 'uid':
            case 'gid':
                if (parseUint(value, 10) === null)
                    return `invalid value ${value} for ${key}`;
                fileInfo.add(key);
                break;
            default:
                return `unexpected key '${key}' in '${field}'${suggestion(key, MOUNT_KEYS, true)}`;
        }
    }
    // validateMount
    if (!['secret', 'ssh', 'cache'].includes(type))
        for (const k of ['mode', 'uid', 'gid'])
            if (fileInfo.has(k))
                return `${k} not allowed for ${JSON.stringify(type)} type mounts`;
    if (type === 'secret') {
        if (from !== '')
            return 'secret mount should not have a from';
        if (sharing !== '')
            return 'secret mount should not define sharing';
        if (source === '' && target === '' && id === '')
            return 'invalid secret mount. one of source, target required';
        if (source !== '' && id !== '')
            return "both source and id can't be set";
    }
    if (sharing !== '' && type !== 'cache')
        return `invalid cache sharing set for ${type} mount`;
    return null;
}

// EXTERNAL MODULE: ./src/dockerfile/platforms.ts
var platforms = __webpack_require__(1810);
// EXTERNAL MODULE: ./src/reference.ts
var reference = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/dockerfile/stages.ts
// Stages and their dependencies as BuildKit's instructions + dockerfile2llb compute them: flag
// validation, global ARG scope for FROM, stage names, base stages, COPY --from and RUN --mount
// from= edges, cycles, --target, and the stages a target needs.







// The flags each instruction accepts (instructions/parse.go); any other flag is an error.
const FLAGS = {
    FROM: { platform: 'string' },
    COPY: {
        chown: 'string',
        from: 'string',
        chmod: 'string',
        link: 'bool',
        parents: 'bool',
        exclude: 'strings'
    },
    ADD: {
        chown: 'string',
        chmod: 'string',
        link: 'bool',
        'keep-git-dir': 'bool',
        checksum: 'string',
        exclude: 'strings',
        unpack: 'bool'
    },
    RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
    HEALTHCHECK: {
        interval: 'string',
        timeout: 'string',
        'start-period': 'string',
        'start-interval': 'string',
        retries: 'string'
    }
};
const NO_FLAGS = {};
const KNOWN = new Set([
    'ADD',
    'ARG',
    'CMD',
    'COPY',
    'ENTRYPOINT',
    'ENV',
    'EXPOSE',
    'FROM',
    'HEALTHCHECK',
    'LABEL',
    'MAINTAINER',
    'ONBUILD',
    'RUN',
    'SHELL',
    'STOPSIGNAL',
    'USER',
    'VOLUME',
    'WORKDIR'
]);
const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED_STAGE_NAMES = new Set(['context', 'scratch']);
/** BuildKit BFlags.Parse. */
function checkFlags(ins, allowed) {
    if (ins.rawFlags.length === 0)
        return null;
    const used = new Set();
    for (const a of ins.rawFlags) {
        if (a === '--')
            return null;
        if (!a.startsWith('--'))
            return `arg should start with -- : ${a}`;
        const eq = a.indexOf('=');
        const flagName = eq < 0 ? a : a.slice(0, eq);
        const value = eq < 0 ? '' : a.slice(eq + 1);
        const name = flagName.slice(2);
        const type = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
        if (!type)
            return `unknown flag: ${flagName}${suggestion(name, Object.keys(allowed), true)}`;
        if (used.has(name) && type !== 'strings')
            return `duplicate flag specified: ${flagName}`;
        used.add(name);
        if (type === 'bool') {
            if (eq >= 0 && value === '')
                return `missing a value on flag: ${flagName}`;
            if (!['true', 'false', ''].includes(value.toLowerCase()))
                return `expecting boolean value for flag ${flagName}, not: ${value}`;
        }
        else if (eq < 0)
            return `missing a value on flag: ${flagName}`;
    }
    return null;
}
// What instructions.ParseInstruction rejects for the instructions that matter to the graph.
function checkInstruction(ins) {
    const k = ins.keyword;
    if (!KNOWN.has(k)) {
        const word = ins.original.trim().split(/[\t\v\f\r ]+/)[0];
        return `unknown instruction: ${word}${suggestion(word, [...KNOWN], false)}`;
    }
    if ((k === 'COPY' || k === 'ADD') && ins.argv.length < 2)
        return `${k} requires at least two arguments, but only one was provided. Destination could not be determined`;
    if (k === 'FROM') {
        const a = ins.argv;
        if (a.length === 3 && a[1].toLowerCase() === 'as') {
            if (!VALID_STAGE_NAME.test(a[2].toLowerCase()))
                return `invalid name for build stage: "${a[2]}", name can't start with a number or contain symbols`;
        }
        else if (a.length !== 1)
            return 'FROM requires either one or three arguments';
    }
    if (k === 'ARG') {
        if (ins.argv.length === 0)
            return 'ARG requires at least one argument';
        if (ins.argv.some(w => w.startsWith('=')))
            return 'ARG names can not be blank';
    }
    if (k === 'STOPSIGNAL' || (k === 'HEALTHCHECK' && ins.argv[0]?.toUpperCase() === 'NONE'))
        return argumentProblem(ins);
    return checkFlags(ins, FLAGS[k] ?? NO_FLAGS) ?? argumentProblem(ins);
}
// Go csv.ParseError text: the column is the 1-based byte position of the offending quote (or one
// past the end for an unterminated quoted field). Engine 26 prints exactly this.
function csvError(s, at, what) {
    return new Error(`parse error on line 1, column ${Buffer.byteLength(s.slice(0, at)) + 1}: ${what}`);
}
/** Go encoding/csv for one record. */
function csvFields(s) {
    const out = [];
    let i = 0;
    for (;;) {
        let field = '';
        if (s[i] === '"') {
            i++;
            for (;;) {
                if (i >= s.length)
                    throw csvError(s, s.length, 'extraneous or missing " in quoted-field');
                if (s[i] === '"') {
                    if (s[i + 1] === '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                field += s[i++];
            }
            if (i < s.length && s[i] !== ',')
                throw csvError(s, i - 1, 'extraneous or missing " in quoted-field');
        }
        else {
            while (i < s.length && s[i] !== ',') {
                if (s[i] === '"')
                    throw csvError(s, i, 'bare " in non-quoted-field');
                field += s[i++];
            }
        }
        out.push(field);
        if (i >= s.length)
            return out;
        i++; // the comma
    }
}
function mountSpec(value) {
    let fields;
    try {
        fields = csvFields(value);
    }
    catch (err) {
        throw new Error(`failed to parse csv mounts: ${err.message}`, { cause: err });
    }
    const spec = { from: '', type: 'bind', target: '', problem: mountProblem(fields) };
    for (const f of fields) {
        const eq = f.indexOf('=');
        if (eq < 0)
            continue;
        const key = f.slice(0, eq).toLowerCase();
        const v = f.slice(eq + 1);
        if (key === 'from') {
            // regexp `\$.`: a `$` followed by any character but a newline.
            if (/\$./.test(v))
                throw new Error(`'from' doesn't support variable expansion, define alias stage instead`);
            spec.from = v;
        }
        else if (key === 'type')
            spec.type = v.toLowerCase();
        else if (key === 'target' || key === 'dst' || key === 'destination')
            spec.target = v;
    }
    return spec;
}
/** The sources of an instruction; throws Error with BuildKit's message. */
function sourcesOf(ins, byName, stageCount, lex) {
    if (ins.keyword === 'COPY') {
        const ref = ins.flags.from?.at(-1) ?? '';
        if (ref === '')
            return [];
        if (expandsTo(ref, lex) !== ref)
            throw new Error('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
        const n = atoi(ref);
        if (n !== null && (n < 0 || n >= stageCount))
            throw new Error(`invalid stage index ${n}`);
        return [{ kind: 'copy', ref, explicit: true, stage: n ?? byName.get(ref.toLowerCase()) }];
    }
    if (ins.keyword !== 'RUN' || !ins.flags.mount)
        return [];
    return ins.flags.mount.map(value => {
        const mount = mountSpec(value);
        const ref = mount.from || 'scratch';
        return { kind: 'mount', ref, explicit: mount.from !== '', stage: byName.get(ref.toLowerCase()), mount };
    });
}
/**
 * The message BuildKit gives when converting an instruction whose source stage has not been
 * converted yet (a later stage), or null when it reads no stage then (a mount without `from=`
 * reads the build context, except a cache mount, which reads `scratch`).
 */
function laterStageMessage(src, current) {
    if (src.kind === 'copy')
        return `cannot copy from stage "${src.ref}", it needs to be defined before current stage "${current}"`;
    const m = src.mount;
    if (!src.explicit && m.type !== 'cache')
        return null;
    return `cannot mount from stage "${src.ref}" to "${m.target}", stage needs to be defined before current command`;
}
/** An ONBUILD instruction's trigger as BuildKit stores it (instructions.parseOnBuild). */
function onbuildExpression(ins) {
    let expr = ins.original.replace(/^\s*ONBUILD\s*/i, '');
    for (const h of ins.heredocs)
        expr += '\n' + h.content + h.name;
    return expr;
}
function parsePlatform(p) {
    const [os = 'linux', arch = 'amd64', variant = ''] = p.split('/');
    return { os, arch, variant };
}
function platformArgs(build, target) {
    const b = parsePlatform(build);
    const t = parsePlatform(target);
    return new Map([
        ['BUILDPLATFORM', build],
        ['BUILDOS', b.os],
        ['BUILDOSVERSION', ''],
        ['BUILDARCH', b.arch],
        ['BUILDVARIANT', b.variant],
        ['TARGETPLATFORM', target],
        ['TARGETOS', t.os],
        ['TARGETOSVERSION', ''],
        ['TARGETARCH', t.arch],
        ['TARGETVARIANT', t.variant]
    ]);
}
// Go strconv.Atoi: optional sign, decimal digits, fits in 64 bits.
function atoi(s) {
    if (!/^[+-]?\d+$/.test(s))
        return null;
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : null;
}
/** The first suggestion for a variable `word` uses that `env` does not define, or ''. */
function unmatchedSuggestion(word, env) {
    for (const m of word.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = m[1];
        if (env.has(name))
            continue;
        const hint = suggestion(name, [...env.keys()], true);
        if (hint)
            return hint;
    }
    return '';
}
// dockerfile2llb's automatic TARGETSTAGE: `--target` as given, else the last stage's name ('' when unnamed).
function targetStage(groups, target) {
    if (target)
        return target;
    const from = groups[groups.length - 1][0];
    return from.argv.length === 3 ? from.argv[2].toLowerCase() : '';
}
/** Human name BuildKit uses for a stage in messages. */
function stageLabel(s) {
    return s.name ?? `stage-${s.index}`;
}
/** Read a Dockerfile into its stage graph; throws DockerfileError for what fails the whole file. */
function readDockerfile(text, options) {
    const file = options.file;
    const parsed = (0,parser/* parseDockerfile */.Ai)(text, file);
    const check = parsed.directives.find(d => d.name === 'check');
    if (check) {
        try {
            (0,directive/* parseCheckOptions */.W)(check.value);
        }
        catch (err) {
            throw new src_errors/* DockerfileError */.t(file, check.line, `failed to parse check options: ${err.message}`);
        }
    }
    if (parsed.instructions.length === 0) {
        throw new src_errors/* DockerfileError */.t(file, Math.max(1, parsed.lineCount), 'file with no instructions');
    }
    // The line parser's errors come first: BuildKit raises them while reading the whole file.
    for (const ins of parsed.instructions) {
        const problem = lineProblem(ins);
        if (problem)
            throw new src_errors/* DockerfileError */.t(file, ins.startLine, problem);
    }
    if (parsed.lineTooLong) {
        throw new src_errors/* DockerfileError */.t(file, Math.max(1, parsed.lineTooLong.line), parsed.lineTooLong.message);
    }
    const lex = { escapeToken: parsed.escapeToken };
    const buildArgs = options.buildArgs ?? {};
    // 1. Instructions (syntax): every instruction, reachable or not.
    const metaArgs = [];
    const groups = [];
    for (const ins of parsed.instructions) {
        const problem = checkInstruction(ins);
        if (problem)
            throw new src_errors/* DockerfileError */.t(file, ins.startLine, problem);
        if (ins.keyword === 'FROM')
            groups.push([ins]);
        else if (groups.length === 0) {
            if (ins.keyword !== 'ARG')
                throw new src_errors/* DockerfileError */.t(file, ins.startLine, 'no build stage in current context');
            metaArgs.push(ins);
        }
        else
            groups[groups.length - 1].push(ins);
    }
    if (groups.length === 0) {
        const last = parsed.instructions[parsed.instructions.length - 1];
        throw new src_errors/* DockerfileError */.t(file, last.startLine, 'no build stage in current context');
    }
    // 2. Global scope: platform ARGs, then each global ARG in order (a build-arg wins over its default).
    const native = options.platform ?? 'linux/amd64';
    const env = platformArgs(native, options.targetPlatform ?? native);
    env.set('TARGETSTAGE', targetStage(groups, options.target));
    for (const k of env.keys())
        if (Object.hasOwn(buildArgs, k))
            env.set(k, buildArgs[k]);
    const globalArgs = [];
    for (const ins of metaArgs) {
        for (const word of ins.argv) {
            const eq = word.indexOf('=');
            const name = eq < 0 ? word : word.slice(0, eq);
            let value = eq < 0 ? null : word.slice(eq + 1);
            if (Object.hasOwn(buildArgs, name))
                value = buildArgs[name];
            else if (value !== null)
                value = expand(value, env, lex, file, ins.startLine);
            // buildMetaArgs: an ARG without a value (and no build-arg) leaves the name as it was, so
            // `ARG TARGETPLATFORM` keeps the automatic value and `ARG X` leaves X unset.
            if (value !== null)
                env.set(name, value);
            globalArgs.push({ name, value, line: ins.startLine });
        }
    }
    // 3. Stages: expand FROM, name, and base stage (an earlier name, matched exactly).
    const stages = [];
    const byName = new Map();
    const warnings = [...parsed.warnings];
    const seen = new Set();
    for (const [index, group] of groups.entries()) {
        const from = group[0];
        const rawBase = from.argv[0];
        const base = expand(rawBase, env, lex, file, from.startLine);
        if (base === '')
            throw new src_errors/* DockerfileError */.t(file, from.startLine, `base name (${rawBase}) should not be blank`);
        const rawPlatform = from.flags.platform?.[0];
        let platform = null;
        if (rawPlatform !== undefined) {
            try {
                platform = (0,shell/* expandWord */.Vo)(rawPlatform, env, lex);
            }
            catch (err) {
                throw new src_errors/* DockerfileError */.t(file, from.startLine, 
                // BuildKit names platMatch.Result, which is empty when expansion fails (engine 26 agrees).
                `failed to process arguments for platform : ${err.message}`);
            }
            // wrapSuggestAny: a variable the expression names but the scope lacks may be a typo of one it has.
            const hint = () => unmatchedSuggestion(rawPlatform, env);
            if (platform === '')
                throw new src_errors/* DockerfileError */.t(file, from.startLine, `empty platform value from expression ${rawPlatform}${hint()}`);
            const problem = (0,platforms/* platformProblem */.J)(platform);
            if (problem)
                throw new src_errors/* DockerfileError */.t(file, from.startLine, `failed to parse platform ${rawPlatform}: ${problem}${hint()}`);
        }
        const name = from.argv.length === 3 ? from.argv[2].toLowerCase() : null;
        if (name !== null) {
            if (RESERVED_STAGE_NAMES.has(name))
                warnings.push({
                    line: from.startLine,
                    rule: 'ReservedStageName',
                    message: `Stage name should not use the same name as reserved stage "${name}"`
                });
            if (seen.has(name))
                warnings.push({
                    line: from.startLine,
                    rule: 'DuplicateStageName',
                    message: `Duplicate stage name "${name}", stage names should be unique`
                });
            seen.add(name);
        }
        stages.push({
            index,
            name,
            base,
            baseStage: byName.get(base) ?? null,
            dependsOn: [],
            externalImages: [],
            line: from.startLine,
            platform,
            instructions: group,
            deferredErrors: []
        });
        if (name !== null)
            byName.set(name, index);
    }
    // 4. Edges from COPY --from and RUN --mount, resolved against every stage (last name wins).
    const edges = stages.map(() => []);
    // Images named by COPY --from / --mount from=, in the order BuildKit registers them.
    const implicitImages = [];
    const deps = stages.map(st => new Set(st.baseStage === null ? [] : [st.baseStage]));
    const images = stages.map(() => new Set());
    for (const st of stages) {
        for (const ins of st.instructions) {
            let sources;
            try {
                sources = sourcesOf(ins, byName, stages.length, lex);
            }
            catch (err) {
                throw new src_errors/* DockerfileError */.t(file, ins.startLine, err.message);
            }
            // Converting the step reads its mounts first: their errors come before a later stage's.
            for (const src of sources)
                if (src.mount?.problem)
                    st.deferredErrors.push({ line: ins.startLine, message: src.mount.problem, phase: 1 });
            for (const src of sources) {
                if (src.stage === undefined) {
                    if (!src.explicit)
                        continue;
                    images[st.index].add(src.ref);
                    implicitImages.push({ ref: src.ref, line: ins.startLine });
                    continue;
                }
                ;
                deps[st.index].add(src.stage);
                edges[st.index].push({
                    from: st.index,
                    to: src.stage,
                    line: ins.startLine
                });
                const message = src.stage > st.index ? laterStageMessage(src, stageLabel(st)) : null;
                if (message)
                    st.deferredErrors.push({ line: ins.startLine, message, phase: 1 });
            }
        }
    }
    // ONBUILD triggers of a base stage run in the stage built on it (dockerfile2llb resolveStages):
    // their COPY --from and mounts make it need more stages. BuildKit reads them only for the stages
    // it needs, after its cycle check, so their errors are deferred to the FROM line that runs them.
    for (const st of stages) {
        if (st.baseStage === null)
            continue;
        const base = stages[st.baseStage];
        for (const ob of base.instructions) {
            if (ob.keyword !== 'ONBUILD')
                continue;
            const fail = (message) => st.deferredErrors.push({ line: st.line, message, phase: 0 });
            let sources;
            try {
                const trigger = (0,parser/* parseDockerfile */.Ai)(onbuildExpression(ob), file).instructions;
                if (trigger.length !== 1)
                    throw new Error('onbuild trigger should be a single expression');
                const ins = trigger[0];
                const problem = lineProblem(ins) ?? checkInstruction(ins);
                if (problem)
                    throw new Error(problem);
                sources = sourcesOf(ins, byName, stages.length, lex);
            }
            catch (err) {
                fail(err instanceof src_errors/* DockerfileError */.t ? err.detail : err.message);
                continue;
            }
            for (const src of sources)
                if (src.mount?.problem)
                    st.deferredErrors.push({ line: st.line, message: src.mount.problem, phase: 1 });
            for (const src of sources) {
                if (src.stage === undefined) {
                    if (!src.explicit)
                        continue;
                    images[st.index].add(src.ref);
                    const problem = src.ref === 'scratch' ? null : (0,reference/* validateReference */.UB)(src.ref);
                    if (problem)
                        fail(`failed to parse stage name ${JSON.stringify(src.ref)}: ${problem}`);
                    continue;
                }
                ;
                deps[st.index].add(src.stage);
                // The stage being converted counts as converted already: only a later one fails.
                const message = src.stage > st.index ? laterStageMessage(src, stageLabel(st)) : null;
                if (message)
                    st.deferredErrors.push({ line: st.line, message, phase: 1 });
            }
        }
    }
    for (const st of stages) {
        st.dependsOn = [...deps[st.index]].sort((a, b) => a - b);
        st.externalImages = [...images[st.index]].sort();
    }
    // 5. A cycle through COPY/mount edges fails the whole build, reachable or not.
    const cycle = findCycle(edges);
    if (cycle) {
        throw new src_errors/* DockerfileError */.t(file, cycle.line, `circular dependency detected on stage: ${stageLabel(stages[cycle.stage])}`);
    }
    // 6. Every image reference is parsed before any stage runs, reachable or not.
    const refs = [
        ...stages.filter(s => s.baseStage === null).map(s => ({ ref: s.base, line: s.line })),
        ...implicitImages
    ];
    for (const { ref, line } of refs) {
        if (ref === 'scratch')
            continue;
        const problem = (0,reference/* validateReference */.UB)(ref);
        if (problem)
            throw new src_errors/* DockerfileError */.t(file, line, `failed to parse stage name ${JSON.stringify(ref)}: ${problem}`);
    }
    const graph = {
        file,
        stages,
        globalArgs,
        directives: parsed.directives,
        warnings,
        metaArgs,
        escapeToken: parsed.escapeToken
    };
    failOnCheckErrors(graph);
    sources.set(graph, { text, options: { ...options, target: targetStage(groups, options.target) } });
    return graph;
}
// What each graph was read from, so that it can be read again for another target.
const sources = new WeakMap();
/**
 * The graph as BuildKit reads it for `--target target`. Only the automatic TARGETSTAGE argument
 * depends on the target: the file is read again when it uses it and the value changes.
 */
function graphForTarget(graph, target) {
    const source = sources.get(graph);
    if (!source || !source.text.includes('TARGETSTAGE'))
        return graph;
    const buildArgs = source.options.buildArgs ?? {};
    if (Object.hasOwn(buildArgs, 'TARGETSTAGE'))
        return graph;
    const last = graph.stages[graph.stages.length - 1];
    const value = target || (last.name ?? '');
    if (value === source.options.target)
        return graph;
    return readDockerfile(source.text, { ...source.options, target: value });
}
function expand(word, env, lex, file, line) {
    try {
        return (0,shell/* expandWord */.Vo)(word, env, lex);
    }
    catch (err) {
        if (err instanceof shell/* ShellSyntaxError */.MJ)
            throw new src_errors/* DockerfileError */.t(file, line, err.message);
        throw err;
    }
}
// What a --from value expands to in an empty scope; a change means it used a variable.
function expandsTo(ref, lex) {
    try {
        return (0,shell/* expandWord */.Vo)(ref, new Map(), lex);
    }
    catch {
        return '';
    }
}
function findCycle(edges) {
    const visited = new Set();
    const path = new Set();
    const visit = (s, firstLine) => {
        if (visited.has(s))
            return null;
        visited.add(s);
        path.add(s);
        for (const e of edges[s] ?? []) {
            const line = firstLine ?? e.line;
            if (path.has(e.to))
                return line;
            const found = visit(e.to, line);
            if (found !== null)
                return found;
        }
        path.delete(s);
        return null;
    };
    for (let s = 0; s < edges.length; s++) {
        const line = visit(s, null);
        if (line !== null)
            return { stage: s, line };
    }
    return null;
}
// `# check=error=true` turns lint warnings into errors, except for skipped rules.
function failOnCheckErrors(graph) {
    const check = graph.directives.find(d => d.name === 'check');
    if (!check)
        return;
    const options = (0,directive/* parseCheckOptions */.W)(check.value);
    const skip = new Set(options.skip);
    if (!options.error || options.skipAll)
        return;
    const found = graph.warnings.filter(x => !skip.has(x.rule));
    const first = found[0];
    if (!first)
        return;
    // linter.Error: BuildKit names the rules only; the first finding says where and what.
    const rules = [...new Set(found.map(x => x.rule))].sort().join(', ');
    throw new src_errors/* DockerfileError */.t(graph.file, first.line, `lint violation found for rules: ${rules}; ${first.message} (check=error=true makes findings errors)`);
}
/** The stage `--target NAME` selects: names match case-insensitively; a repeated name means the last one. */
function findStage(graph, nameOrIndex) {
    const key = nameOrIndex.toLowerCase();
    for (let i = graph.stages.length - 1; i >= 0; i--) {
        const s = graph.stages[i];
        if (s.name === key)
            return s;
    }
    return undefined;
}
/** Describe the stages for messages: `builder (0), tester (1), stage-2`. */
function listStages(graph) {
    return graph.stages.map(s => (s.name ? `${s.name} (${s.index})` : `stage-${s.index}`)).join(', ');
}
/** The target stage: the last one when none is named, as `docker build` does. */
function resolveTarget(graph, target) {
    if (target === undefined || target === '')
        return graph.stages[graph.stages.length - 1];
    const found = findStage(graph, target);
    if (found)
        return found;
    throw new src_errors/* DockerfileError */.t(graph.file, graph.stages[0]?.line ?? 1, `target stage "${target}" could not be found; the stages are: ${listStages(graph)}`);
}
/** Every stage `target` needs, dependencies first and target last; raises deferred reference errors. */
function stagesFor(graph, target) {
    const need = new Set();
    const walk = (i) => {
        if (need.has(i))
            return;
        need.add(i);
        for (const d of graph.stages[i].dependsOn)
            walk(d);
    };
    walk(target.index);
    const out = [...need].sort((a, b) => a - b).map(i => graph.stages[i]);
    const errors = out.flatMap(s => s.deferredErrors);
    const first = errors.find(e => e.phase === 0) ?? errors.find(e => e.phase === 1);
    if (first)
        throw new src_errors/* DockerfileError */.t(graph.file, first.line, first.message);
    return out;
}
// Go's strconv.ParseBool, which BuildKit uses for `required=`.
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
/** The secret mounts of a stage's RUN instructions, in order. */
function secretMounts(stage) {
    const mounts = [];
    for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN' || !ins.flags.mount)
            continue;
        for (const value of ins.flags.mount) {
            let fields;
            try {
                fields = csvFields(value);
            }
            catch {
                continue; // readDockerfile already reported it
            }
            const kv = new Map();
            for (const f of fields) {
                const eq = f.indexOf('=');
                kv.set((eq < 0 ? f : f.slice(0, eq)).toLowerCase(), eq < 0 ? null : f.slice(eq + 1));
            }
            if ((kv.get('type') ?? '').toLowerCase() !== 'secret')
                continue;
            const source = kv.get('source') ?? kv.get('src') ?? '';
            const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination') ?? '';
            const raw = source || kv.get('id') || target.slice(target.lastIndexOf('/') + 1);
            const env = kv.has('env') ? (kv.get('env') ?? '') : null;
            const required = kv.has('required') && (kv.get('required') === null || GO_TRUE.has(kv.get('required') ?? ''));
            mounts.push({
                id: raw === '' || raw.includes('$') ? null : raw,
                target: target || (env === null ? `/run/secrets/${raw}` : null),
                env,
                required,
                line: ins.startLine
            });
        }
    }
    return mounts;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ DockerfileError),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
/** An error caused by what the user gave us: shown as one readable message, never with a stack. */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** A problem in a Dockerfile, located at a line (1-based) so editors and annotations can point at it. */
class DockerfileError extends UserError {
    file;
    line;
    detail;
    constructor(file, line, detail) {
        super(`${file}:${line}: ${detail}`);
        this.file = file;
        this.line = line;
        this.detail = detail;
        this.name = 'DockerfileError';
    }
}


/***/ }),

/***/ 8286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UB: () => (/* binding */ validateReference),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   mQ: () => (/* binding */ splitReference)
/* harmony export */ });
/* unused harmony exports ReferenceError, parseReference */
// Image references as github.com/distribution/reference reads them (ParseNormalizedNamed): the one
// grammar for FROM, COPY --from, RUN --mount from= and tags, so every caller rejects the same strings.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const DIGEST_SIZES = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_TOTAL_LENGTH_MAX = 255;
/** Thrown for a string that is not an image reference; the message is distribution/reference's. */
class ReferenceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReferenceError';
    }
}
// splitDockerDomain: the first path part is a registry only when it looks like a host.
function splitDomain(s) {
    const i = s.indexOf('/');
    let domain = 'docker.io';
    let remainder = s;
    if (i !== -1) {
        const first = s.slice(0, i);
        if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
            domain = first;
            remainder = s.slice(i + 1);
        }
    }
    if (domain === 'index.docker.io')
        domain = 'docker.io';
    if (domain === 'docker.io' && !remainder.includes('/'))
        remainder = `library/${remainder}`;
    return { domain, remainder };
}
// go-digest's Parse + Validate.
function digestProblem(d) {
    const i = d.indexOf(':');
    if (i <= 0 || i + 1 === d.length)
        return 'invalid checksum digest format';
    const size = DIGEST_SIZES[d.slice(0, i)];
    if (size === undefined)
        return 'unsupported digest algorithm';
    const encoded = d.slice(i + 1);
    if (encoded.length !== size)
        return 'invalid checksum digest length';
    if (!/^[a-f0-9]+$/.test(encoded))
        return 'invalid checksum digest format';
    return null;
}
/** ParseNormalizedNamed: `alpine` → docker.io/library/alpine. Throws ReferenceError. */
function parseReference(s) {
    if (IDENTIFIER_RE.test(s))
        throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
    const { domain, remainder } = splitDomain(s);
    const colon = remainder.indexOf(':');
    const remoteName = colon > -1 ? remainder.slice(0, colon) : remainder;
    if (remoteName.toLowerCase() !== remoteName)
        throw new ReferenceError(`invalid reference format: repository name (${remoteName}) must be lowercase`);
    const full = `${domain}/${remainder}`;
    const m = REFERENCE_RE.exec(full);
    if (!m) {
        if (full === '')
            throw new ReferenceError('repository name must have at least one component');
        if (REFERENCE_RE.test(full.toLowerCase()))
            throw new ReferenceError('invalid reference format: repository name must be lowercase');
        throw new ReferenceError('invalid reference format');
    }
    const name = m[1];
    if (name.length > NAME_TOTAL_LENGTH_MAX)
        throw new ReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
    const digest = m[3] ?? null;
    if (digest !== null) {
        const problem = digestProblem(digest);
        if (problem)
            throw new ReferenceError(problem);
    }
    return { domain, path: name.slice(domain.length + 1), tag: m[2] ?? null, digest };
}
/** The problem with a reference as distribution/reference words it, or null when it is valid. */
function validateReference(s) {
    try {
        parseReference(s);
        return null;
    }
    catch (err) {
        if (err instanceof ReferenceError)
            return err.message;
        throw err;
    }
}
/** `golang:1.22@sha256:...` → `docker.io/library/golang`; null when the reference is invalid. */
function repositoryOf(s) {
    try {
        const r = parseReference(s);
        return `${r.domain}/${r.path}`;
    }
    catch {
        return null;
    }
}
/**
 * `localhost:5000/a/b:t@sha256:…` → name `localhost:5000/a/b`, tag `t`, digest `sha256:…`. For a
 * valid reference this is parseReference's tag and digest (a digest after `@`, a tag after a `:`
 * past the last `/`); an invalid one is cut the same way, so input checks can name the bad part.
 */
function splitReference(s) {
    const at = s.indexOf('@');
    const digest = at < 0 ? null : s.slice(at + 1);
    const rest = at < 0 ? s : s.slice(0, at);
    const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
    if (colon < 0)
        return { name: rest, tag: null, digest };
    return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
}


/***/ })

};
