export const id = 464;
export const ids = [464];
export const modules = {

/***/ 4351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U9: () => (/* reexport */ findStage),
  Cv: () => (/* reexport */ listStages),
  n_: () => (/* reexport */ readDockerfile),
  u1: () => (/* reexport */ resolveTarget),
  Hn: () => (/* reexport */ stageLabel),
  vP: () => (/* reexport */ stagesFor)
});

// UNUSED EXPORTS: ShellSyntaxError, expandWord, extractFlags, parseDockerfile, parseHeredocWord, parseWords, splitWords

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/dockerfile/shell.ts
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
            const c = s.codePointAt(i);
            this.addChar(c);
            i += c > 0xffff ? 2 : 1;
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

;// CONCATENATED MODULE: ./src/dockerfile/parser.ts
// The Dockerfile parser as BuildKit's frontend/dockerfile/parser: directives, escape token, line
// continuations, comments, heredocs, flags, JSON forms. Stage semantics live in stages.ts.


const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_RE = /^(\d*)<<(-?)\s*([^<]*)$/;
const MAYBE_JSON = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const MAYBE_JSON_LIST = new Set(['COPY', 'ADD', 'VOLUME']);
const WS_RE = /[\t\v\f\r ]+/;
const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';
function trimLeft(s) {
    let i = 0;
    while (i < s.length && isSpace(s.charCodeAt(i)))
        i++;
    return i === 0 ? s : s.slice(i);
}
function trimRight(s) {
    let j = s.length;
    while (j > 0 && isSpace(s.charCodeAt(j - 1)))
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
        if (!isSpace(c))
            return c === 35;
    }
    return false;
}
function isBlank(s) {
    for (let i = 0; i < s.length; i++)
        if (!isSpace(s.charCodeAt(i)))
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
        if (this.seen.has(key))
            throw new errors/* DockerfileError */.t(file, lineNo, `only one ${key} parser directive can be used`);
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
            if (isSpace(ch))
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
            if (isSpace(ch)) {
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
function splitCommand(line) {
    const trimmed = trimSpace(line);
    const m = WS_RE.exec(trimmed);
    if (!m)
        return { cmd: trimmed, flagWords: [], args: '' };
    const cmd = trimmed.slice(0, m.index);
    const { rest, flags } = extractFlags(trimmed.slice(m.index + m[0].length));
    return { cmd, flagWords: flags, args: trimSpace(rest) };
}
/** parseStringsWhitespaceDelimited */
function whitespaceFields(s) {
    const t = trimSpace(s);
    return t === '' ? [] : t.split(/[\t\v\f\r ]+/);
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
    const chars = Array.from(rest);
    for (let pos = 0; pos <= chars.length; pos++) {
        const s = chars[pos] ?? '';
        const ch = pos < chars.length ? s.codePointAt(0) : -1;
        if (phase === 0) {
            if (pos === chars.length)
                break;
            if (isSpace(ch))
                continue;
            phase = 1;
        }
        if (pos === chars.length) {
            if (blankOK || word.length > 0)
                words.push(word);
            break;
        }
        if (phase === 1) {
            if (isSpace(ch)) {
                phase = 0;
                if (blankOK || word.length > 0)
                    words.push(word);
                word = '';
                blankOK = false;
                continue;
            }
            if (ch === 39 || ch === 34) {
                quote = ch;
                blankOK = true;
                phase = 2;
            }
            if (ch === esc) {
                if (pos + 1 === chars.length)
                    continue;
                word += s;
                pos++;
                word += chars[pos];
                continue;
            }
            word += s;
            continue;
        }
        if (ch === quote)
            phase = 1;
        if (ch === esc && quote !== 39) {
            if (pos + 1 === chars.length) {
                phase = 1;
                continue;
            }
            word += s;
            pos++;
            word += chars[pos];
            continue;
        }
        word += s;
    }
    return words;
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
    const words = splitWords(rest, env, { skipUnsetEnv: true });
    if (words.length !== 1)
        return null;
    const raw = splitWords(rest, env, { skipUnsetEnv: true, rawQuotes: true });
    const name = words[0];
    const quoteCount = (s) => s.split("'").length + s.split('"').length - 2;
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
        words = splitWords(line, new Map(), {
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
    if (err instanceof errors/* DockerfileError */.t)
        return err;
    return new errors/* DockerfileError */.t(file, line, err instanceof Error ? err.message : String(err));
}
/** Parse a Dockerfile into instructions; throws DockerfileError on syntax errors. */
function parseDockerfile(text, file) {
    if (text.charCodeAt(0) === 0xfeff)
        text = text.slice(1);
    const lines = text.split('\n');
    // A final newline ends the last line rather than starting an empty one.
    const n = text.endsWith('\n') ? lines.length - 1 : lines.length;
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
                throw new errors/* DockerfileError */.t(file, i + 1, `invalid escape token '${d.value}' does not match \` or \\`);
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
                    throw new errors/* DockerfileError */.t(file, startLine, 'unterminated heredoc');
                ins.heredocs.push({ ...h, content });
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
        lineCount: n
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
function toInstruction(line, escapeToken, file, startLine, endLine) {
    const { cmd, flagWords, args } = splitCommand(line);
    const keyword = cmd.toUpperCase();
    const flags = {};
    for (const w of flagWords) {
        const eq = w.indexOf('=');
        const name = (eq < 0 ? w : w.slice(0, eq)).replace(/^--/, '');
        (flags[name] ??= []).push(eq < 0 ? '' : w.slice(eq + 1));
    }
    let argv;
    let json = false;
    try {
        if (MAYBE_JSON.has(keyword) || MAYBE_JSON_LIST.has(keyword)) {
            const arr = args === '' && MAYBE_JSON.has(keyword) ? null : parseJSONArray(args);
            if (arr) {
                argv = arr;
                json = true;
            }
            else
                argv = MAYBE_JSON.has(keyword) ? (args === '' ? [] : [args]) : whitespaceFields(args);
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
            return `unknown flag: ${flagName}`;
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
    if (!KNOWN.has(k))
        return `unknown instruction: ${ins.original.trim().split(/[\t\v\f\r ]+/)[0]}`;
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
        return null;
    return checkFlags(ins, FLAGS[k] ?? {});
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
                    throw new Error(`extraneous or missing " in quoted-field`);
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
                throw new Error(`extraneous or missing " in quoted-field`);
        }
        else {
            while (i < s.length && s[i] !== ',') {
                if (s[i] === '"')
                    throw new Error(`bare " in non-quoted-field`);
                field += s[i++];
            }
        }
        out.push(field);
        if (i >= s.length)
            return out;
        i++; // the comma
    }
}
/** The `from=` of a --mount value (parse-time checks of commands_runmount.go), or null. */
function mountFrom(value) {
    let fields;
    try {
        fields = csvFields(value);
    }
    catch (err) {
        throw new Error(`failed to parse csv mounts: ${err.message}`, { cause: err });
    }
    let from = null;
    for (const f of fields) {
        const eq = f.indexOf('=');
        if (eq < 0 || f.slice(0, eq).toLowerCase() !== 'from')
            continue;
        const v = f.slice(eq + 1);
        const d = v.indexOf('$');
        if (d !== -1 && d !== v.length - 1)
            throw new Error(`'from' doesn't support variable expansion, define alias stage instead`);
        from = v;
    }
    return from;
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
/** Human name BuildKit uses for a stage in messages. */
function stageLabel(s) {
    return s.name ?? `stage-${s.index}`;
}
/** Read a Dockerfile into its stage graph; throws DockerfileError for what fails the whole file. */
function readDockerfile(text, options) {
    const file = options.file;
    const parsed = parseDockerfile(text, file);
    if (parsed.instructions.length === 0) {
        throw new errors/* DockerfileError */.t(file, Math.max(1, parsed.lineCount), 'file with no instructions');
    }
    const lex = { escapeToken: parsed.escapeToken };
    const buildArgs = options.buildArgs ?? {};
    // 1. Instructions (syntax): every instruction, reachable or not.
    const metaArgs = [];
    const groups = [];
    for (const ins of parsed.instructions) {
        const problem = checkInstruction(ins);
        if (problem)
            throw new errors/* DockerfileError */.t(file, ins.startLine, problem);
        if (ins.keyword === 'FROM')
            groups.push([ins]);
        else if (groups.length === 0) {
            if (ins.keyword !== 'ARG')
                throw new errors/* DockerfileError */.t(file, ins.startLine, 'no build stage in current context');
            metaArgs.push(ins);
        }
        else
            groups[groups.length - 1].push(ins);
    }
    if (groups.length === 0) {
        const last = parsed.instructions[parsed.instructions.length - 1];
        throw new errors/* DockerfileError */.t(file, last.startLine, 'no build stage in current context');
    }
    // 2. Global scope: platform ARGs, then each global ARG in order (a build-arg wins over its default).
    const native = options.platform ?? 'linux/amd64';
    const env = platformArgs(native, options.targetPlatform ?? native);
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
            env.set(name, value ?? '');
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
            throw new errors/* DockerfileError */.t(file, from.startLine, `base name (${rawBase}) should not be blank`);
        const rawPlatform = from.flags.platform?.[0];
        let platform = null;
        if (rawPlatform !== undefined) {
            try {
                platform = expandWord(rawPlatform, env, lex);
            }
            catch (err) {
                throw new errors/* DockerfileError */.t(file, from.startLine, `failed to process arguments for platform ${rawPlatform}: ${err.message}`);
            }
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
    // 4. Edges from COPY --from and RUN --mount from=, resolved against every stage (last name wins).
    const edges = stages.map(() => []);
    for (const st of stages) {
        const deps = new Set(st.baseStage === null ? [] : [st.baseStage]);
        const images = new Set();
        const link = (to, ins, message) => {
            deps.add(to);
            edges[st.index].push({
                from: st.index,
                to,
                line: ins.startLine
            });
            if (to > st.index)
                st.deferredErrors.push({ line: ins.startLine, message });
        };
        for (const ins of st.instructions) {
            if (ins.keyword === 'COPY' && ins.flags.from) {
                const ref = ins.flags.from[ins.flags.from.length - 1];
                if (ref === '')
                    continue;
                if (expandsTo(ref, lex) !== ref)
                    throw new errors/* DockerfileError */.t(file, ins.startLine, 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
                const n = atoi(ref);
                let to;
                if (n !== null) {
                    if (n < 0 || n >= stages.length)
                        throw new errors/* DockerfileError */.t(file, ins.startLine, `invalid stage index ${n}`);
                    to = n;
                }
                else
                    to = byName.get(ref.toLowerCase());
                if (to === undefined)
                    images.add(ref);
                else
                    link(to, ins, `cannot copy from stage "${ref}", it needs to be defined before current stage "${stageLabel(st)}"`);
            }
            if (ins.keyword === 'RUN' && ins.flags.mount) {
                for (const m of ins.flags.mount) {
                    let ref;
                    try {
                        ref = mountFrom(m);
                    }
                    catch (err) {
                        throw new errors/* DockerfileError */.t(file, ins.startLine, err.message);
                    }
                    if (!ref)
                        continue;
                    const to = byName.get(ref.toLowerCase());
                    if (to === undefined)
                        images.add(ref);
                    else
                        link(to, ins, `cannot mount from stage "${ref}", it needs to be defined before current stage "${stageLabel(st)}"`);
                }
            }
        }
        st.dependsOn = [...deps].sort((a, b) => a - b);
        st.externalImages = [...images].sort();
    }
    // 5. A cycle through COPY/mount edges fails the whole build, reachable or not.
    const cycle = findCycle(edges);
    if (cycle) {
        throw new errors/* DockerfileError */.t(file, cycle.line, `circular dependency detected on stage: ${stageLabel(stages[cycle.stage])}`);
    }
    const graph = { file, stages, globalArgs, directives: parsed.directives, warnings };
    failOnCheckErrors(graph);
    return graph;
}
function expand(word, env, lex, file, line) {
    try {
        return expandWord(word, env, lex);
    }
    catch (err) {
        if (err instanceof ShellSyntaxError)
            throw new errors/* DockerfileError */.t(file, line, err.message);
        throw err;
    }
}
// What a --from value expands to in an empty scope; a change means it used a variable.
function expandsTo(ref, lex) {
    try {
        return expandWord(ref, new Map(), lex);
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
    let error = false;
    let skip = new Set();
    for (const part of check.value.split(';')) {
        const [k, v = ''] = part.split('=', 2).map(s => s.trim());
        if (k?.toLowerCase() === 'error')
            error = v.toLowerCase() === 'true';
        if (k?.toLowerCase() === 'skip')
            skip = new Set(v.split(',').map(s => s.trim()));
    }
    if (!error || skip.has('all'))
        return;
    const w = graph.warnings.find(x => !skip.has(x.rule));
    if (w)
        throw new errors/* DockerfileError */.t(graph.file, w.line, `${w.message} (${w.rule}, failing because of check=error=true)`);
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
    throw new errors/* DockerfileError */.t(graph.file, graph.stages[0]?.line ?? 1, `target stage "${target}" could not be found; the stages are: ${listStages(graph)}`);
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
    for (const s of out) {
        const e = [...s.deferredErrors].sort((a, b) => a.line - b.line)[0];
        if (e)
            throw new errors/* DockerfileError */.t(graph.file, e.line, e.message);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/dockerfile/index.ts
// Reading Dockerfiles exactly as BuildKit does: parser, word expansion and the stage graph.





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

/***/ 2464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ planToJson),
/* harmony export */   C7: () => (/* binding */ planBuild),
/* harmony export */   GO: () => (/* binding */ planToText),
/* harmony export */   Yq: () => (/* binding */ MissingTesterError),
/* harmony export */   _V: () => (/* binding */ planToMermaid)
/* harmony export */ });
/* unused harmony exports DEFAULT_TEST_TARGET, isNoTests */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4351);
// Which stages the action builds: the runtime (target, default the last stage, as `docker build`)
// and the tester (test-target, default `tester`), plus text, Mermaid and JSON renderings.


const DEFAULT_TEST_TARGET = 'tester';
/** True when the test target disables tests. */
function isNoTests(testTarget) {
    return (testTarget ?? DEFAULT_TEST_TARGET).trim().toLowerCase() === 'none';
}
/** Raised when the tester stage is missing: the plan is still valid without tests. */
class MissingTesterError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y {
    testTarget;
    graph;
    constructor(testTarget, graph) {
        super(`${graph.file}: no stage named "${testTarget}" to run the tests in; the stages are: ${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .listStages */ .Cv)(graph)}. ` +
            `Add a stage "FROM <runtime or builder> AS ${testTarget}" that runs your tests, ` +
            `or set test-target: none to build without tests.`);
        this.testTarget = testTarget;
        this.graph = graph;
        this.name = 'MissingTesterError';
    }
}
/** Choose runtime and tester; throws UserError (or DockerfileError) when they cannot be built. */
function planBuild(graph, options = {}) {
    const runtime = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveTarget */ .u1)(graph, options.target);
    const runtimeStages = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stagesFor */ .vP)(graph, runtime);
    const testTarget = (options.testTarget ?? DEFAULT_TEST_TARGET).trim() || DEFAULT_TEST_TARGET;
    if (isNoTests(testTarget)) {
        return { graph, runtime, tester: null, runtimeStages, testerStages: [], sharedStages: [] };
    }
    const tester = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .findStage */ .U9)(graph, testTarget);
    if (!tester)
        throw new MissingTesterError(testTarget, graph);
    if (tester === runtime) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${graph.file}: the test target and the target are the same stage ("${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(runtime)}"). ` +
            `The tester image only runs the tests and the target is the image you ship, so they must differ: ` +
            `point target at the runtime stage (by default the last stage) and test-target at the stage that runs the tests.`);
    }
    const testerStages = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stagesFor */ .vP)(graph, tester);
    const inRuntime = new Set(runtimeStages.map(s => s.index));
    const sharedStages = testerStages.filter(s => inRuntime.has(s.index));
    return { graph, runtime, tester, runtimeStages, testerStages, sharedStages };
}
function stageJson(s) {
    return {
        index: s.index,
        name: s.name,
        base: s.base,
        baseStage: s.baseStage,
        dependsOn: s.dependsOn,
        externalImages: s.externalImages,
        line: s.line,
        platform: s.platform
    };
}
/** The stable `plan --json` contract. */
function planToJson(plan) {
    const idx = (l) => l.map(s => s.index);
    return {
        file: plan.graph.file,
        stages: plan.graph.stages.map(stageJson),
        target: plan.runtime.index,
        targetName: (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(plan.runtime),
        testTarget: plan.tester?.index ?? null,
        testTargetName: plan.tester ? (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(plan.tester) : null,
        runtimeStages: idx(plan.runtimeStages),
        testerStages: idx(plan.testerStages),
        sharedStages: idx(plan.sharedStages),
        warnings: plan.graph.warnings
    };
}
function role(plan, s) {
    if (s === plan.runtime)
        return 'runtime (target)';
    if (s === plan.tester)
        return 'tester';
    const r = plan.runtimeStages.includes(s);
    const t = plan.testerStages.includes(s);
    if (r && t)
        return 'shared';
    if (r)
        return 'runtime dependency';
    if (t)
        return 'tester dependency';
    return 'not built';
}
/** A human-readable plan. */
function planToText(plan) {
    const out = [`${plan.graph.file}: ${plan.graph.stages.length} stage(s)`];
    for (const s of plan.graph.stages) {
        const from = s.baseStage === null ? s.base : `stage ${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(plan.graph.stages[s.baseStage])}`;
        const extra = [];
        if (s.platform)
            extra.push(`platform ${s.platform}`);
        const copies = s.dependsOn.filter(d => d !== s.baseStage);
        if (copies.length)
            extra.push(`uses ${copies.map(d => (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(plan.graph.stages[d])).join(', ')}`);
        if (s.externalImages.length)
            extra.push(`images ${s.externalImages.join(', ')}`);
        const tail = extra.length ? `; ${extra.join('; ')}` : '';
        out.push(`  ${s.index}  ${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(s)} (line ${s.line}) FROM ${from}${tail}  [${role(plan, s)}]`);
    }
    const names = (l) => l.map(_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn).join(' → ') || '-';
    out.push('');
    out.push(`tester:  ${plan.tester ? names(plan.testerStages) : 'none (no tests)'}`);
    out.push(`runtime: ${names(plan.runtimeStages)}`);
    if (plan.sharedStages.length)
        out.push(`shared:  ${plan.sharedStages.map(_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn).join(', ')}`);
    for (const w of plan.graph.warnings)
        out.push(`warning: ${plan.graph.file}:${w.line}: ${w.message} (${w.rule})`);
    return out.join('\n') + '\n';
}
function mermaidText(s) {
    return s.replace(/"/g, '#quot;');
}
/** A Mermaid flowchart: stage → what it needs; tester and runtime highlighted. */
function planToMermaid(plan) {
    const out = ['flowchart BT'];
    const images = new Map();
    // An image node carries its label the first time it appears only.
    const imageId = (ref) => {
        const known = images.get(ref);
        if (known)
            return known;
        const id = `img${images.size}`;
        images.set(ref, id);
        return `${id}(["${mermaidText(ref)}"])`;
    };
    for (const s of plan.graph.stages) {
        out.push(`  s${s.index}["${mermaidText(`${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(s)}`)}"]`);
    }
    for (const s of plan.graph.stages) {
        if (s.baseStage === null)
            out.push(`  ${imageId(s.base)} --> s${s.index}`);
        for (const d of s.dependsOn)
            out.push(`  s${d} ${d === s.baseStage ? '-->' : '-. copy .->'} s${s.index}`);
        for (const ref of s.externalImages)
            out.push(`  ${imageId(ref)} -. copy .-> s${s.index}`);
    }
    out.push('  classDef runtime fill:#d4edda,stroke:#28a745');
    out.push('  classDef tester fill:#fff3cd,stroke:#d39e00');
    out.push(`  class s${plan.runtime.index} runtime`);
    if (plan.tester)
        out.push(`  class s${plan.tester.index} tester`);
    return out.join('\n') + '\n';
}


/***/ })

};
