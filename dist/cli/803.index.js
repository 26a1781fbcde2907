export const id = 803;
export const ids = [803];
export const modules = {

/***/ 8803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vn: () => (/* binding */ checkDockerfile),
  iv: () => (/* binding */ lintConfig),
  wR: () => (/* binding */ ruleEnabled),
  KX: () => (/* reexport */ toCheckJson)
});

// EXTERNAL MODULE: ./src/dockerfile/index.ts
var dockerfile = __webpack_require__(8250);
// EXTERNAL MODULE: ./src/dockerfile/directive.ts
var directive = __webpack_require__(7771);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./src/dockerfile/stages.ts + 1 modules
var stages = __webpack_require__(9071);
// EXTERNAL MODULE: ./src/dockerfile/platforms.ts
var platforms = __webpack_require__(1810);
// EXTERNAL MODULE: ./src/reference.ts
var reference = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/check/rules.ts
const url = (slug) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
const rule = (name, description, slug) => ({
    name,
    description,
    url: slug === null ? '' : url(slug)
});
const RULES = {
    StageNameCasing: rule('StageNameCasing', 'Stage names should be lowercase', 'stage-name-casing'),
    FromAsCasing: rule('FromAsCasing', "The 'as' keyword should match the case of the 'from' keyword", 'from-as-casing'),
    NoEmptyContinuation: rule('NoEmptyContinuation', 'Empty continuation lines will become errors in a future release', 'no-empty-continuation'),
    ConsistentInstructionCasing: rule('ConsistentInstructionCasing', 'All commands within the Dockerfile should use the same casing (either upper or lower)', 'consistent-instruction-casing'),
    DuplicateStageName: rule('DuplicateStageName', 'Stage names should be unique', 'duplicate-stage-name'),
    ReservedStageName: rule('ReservedStageName', 'Reserved words should not be used as stage names', 'reserved-stage-name'),
    JSONArgsRecommended: rule('JSONArgsRecommended', 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals', 'json-args-recommended'),
    MaintainerDeprecated: rule('MaintainerDeprecated', 'The MAINTAINER instruction is deprecated, use a label instead to define an image author', 'maintainer-deprecated'),
    UndefinedArgInFrom: rule('UndefinedArgInFrom', 'FROM command must use declared ARGs', 'undefined-arg-in-from'),
    WorkdirRelativePath: rule('WorkdirRelativePath', 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes', 'workdir-relative-path'),
    UndefinedVar: rule('UndefinedVar', 'Variables should be defined before their use', 'undefined-var'),
    MultipleInstructionsDisallowed: rule('MultipleInstructionsDisallowed', 'Multiple instructions of the same type should not be used in the same stage', 'multiple-instructions-disallowed'),
    LegacyKeyValueFormat: rule('LegacyKeyValueFormat', 'Legacy key/value format with whitespace separator should not be used', 'legacy-key-value-format'),
    RedundantTargetPlatform: rule('RedundantTargetPlatform', 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior', 'redundant-target-platform'),
    SecretsUsedInArgOrEnv: rule('SecretsUsedInArgOrEnv', 'Sensitive data should not be used in the ARG or ENV commands', 'secrets-used-in-arg-or-env'),
    InvalidDefaultArgInFrom: rule('InvalidDefaultArgInFrom', 'Default value for global ARG results in an empty or invalid base image name', 'invalid-default-arg-in-from'),
    FromPlatformFlagConstDisallowed: rule('FromPlatformFlagConstDisallowed', 'FROM --platform flag should not use a constant value', 'from-platform-flag-const-disallowed'),
    // Needs the base image's config (its platform); BuildKit's ruleset gives it no URL.
    InvalidBaseImagePlatform: rule('InvalidBaseImagePlatform', 'Base image platform does not match expected target platform', null),
    CopyIgnoredFile: rule('CopyIgnoredFile', 'Attempting to Copy file that is excluded by .dockerignore', 'copy-ignored-file'),
    InvalidDefinitionDescription: rule('InvalidDefinitionDescription', 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.', 'invalid-definition-description'),
    ExposeProtoCasing: rule('ExposeProtoCasing', 'Protocol in EXPOSE instruction should be lowercase', 'expose-proto-casing'),
    ExposeInvalidFormat: rule('ExposeInvalidFormat', 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release', 'expose-invalid-format')
};
/** Rules BuildKit runs only when `# check=experimental=NAME` (or `=all`) opts in; skip= never drops them. */
const EXPERIMENTAL = new Set(['CopyIgnoredFile', 'InvalidDefinitionDescription']);
const GO_ESCAPES = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '"': '\\"',
    '\\': '\\\\'
};
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
/** Go's %q (strconv.Quote): printable runes as they are, the rest escaped. */
function goQuote(s) {
    let out = '"';
    for (const ch of s) {
        const e = GO_ESCAPES[ch];
        if (e !== undefined)
            out += e;
        else if (PRINTABLE.test(ch))
            out += ch;
        else {
            const c = ch.codePointAt(0);
            out +=
                c < 0x80
                    ? `\\x${c.toString(16).padStart(2, '0')}`
                    : c < 0x10000
                        ? `\\u${c.toString(16).padStart(4, '0')}`
                        : `\\U${c.toString(16).padStart(8, '0')}`;
        }
    }
    return out + '"';
}
const MESSAGES = {
    StageNameCasing: (name) => `Stage name '${name}' should be lowercase`,
    FromAsCasing: (from, as) => `'${as}' and '${from}' keywords' casing do not match`,
    NoEmptyContinuation: () => 'Empty continuation line',
    ConsistentInstructionCasing: (cmd, casing) => `Command '${cmd}' should match the case of the command majority (${casing})`,
    DuplicateStageName: (name) => `Duplicate stage name ${goQuote(name)}, stage names should be unique`,
    ReservedStageName: (name) => `Stage name should not use the same name as reserved stage ${goQuote(name)}`,
    JSONArgsRecommended: (ins) => `JSON arguments recommended for ${ins} to prevent unintended behavior related to OS signals`,
    MaintainerDeprecated: () => 'Maintainer instruction is deprecated in favor of using label',
    UndefinedArgInFrom: (arg, suggest) => `FROM argument '${arg}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
    WorkdirRelativePath: (dir) => `Relative workdir ${goQuote(dir)} can have unexpected results if the base image changes`,
    UndefinedVar: (arg, suggest) => `Usage of undefined variable '$${arg}'${suggest ? ` (did you mean $${suggest}?)` : ''}`,
    MultipleInstructionsDisallowed: (ins) => `Multiple ${ins} instructions should not be used in the same stage because only the last one will be used`,
    LegacyKeyValueFormat: (cmd) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
    RedundantTargetPlatform: (v) => `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior`,
    SecretsUsedInArgOrEnv: (ins, key) => `Do not use ARG or ENV instructions for sensitive data (${ins} ${goQuote(key)})`,
    InvalidDefaultArgInFrom: (base) => `Default value for ARG ${base} results in empty or invalid base image name`,
    FromPlatformFlagConstDisallowed: (p) => `FROM --platform flag should not use constant value ${goQuote(p)}`,
    InvalidBaseImagePlatform: (image, expected, actual) => `Base image ${image} was pulled with platform ${goQuote(actual)}, expected ${goQuote(expected)} for current build`,
    CopyIgnoredFile: (cmd, file) => `Attempting to ${cmd} file ${goQuote(file)} that is excluded by .dockerignore`,
    InvalidDefinitionDescription: (instruction, name) => `Comment for ${instruction} should follow the format: \`# ${name} <description>\``,
    ExposeProtoCasing: (port) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
    ExposeInvalidFormat: (port) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`
};

;// CONCATENATED MODULE: ./src/check/suggest.ts
// BuildKit's util/suggest: the closest known name for a misspelt one.
function levenshtein(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(tmp + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}
/** The option within a third of the name's length in edits (at least 1), or ''. */
function suggest(value, options, caseSensitive = true) {
    const v = caseSensitive ? value : value.toLowerCase();
    let best = '';
    let bestDist = Math.max(2, Math.floor(v.length / 3)) + 1;
    for (const o of [...options].sort()) {
        const c = caseSensitive ? o : o.toLowerCase();
        if (c === v)
            return o;
        const d = levenshtein(v, c);
        if (d < bestDist) {
            best = o;
            bestDist = d;
        }
    }
    return best;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/check/dockerignore.ts
// .dockerignore as BuildKit reads it for the CopyIgnoredFile rule: dockerignore.ReadAll, then
// moby/patternmatcher's MatchesOrParentMatches. Pure.

/** Go's filepath.Clean on a slash path. */
function goClean(p) {
    const r = external_node_path_.posix.normalize(p);
    return r.length > 1 && r.endsWith('/') ? r.slice(0, -1) : r;
}
/** dockerignore.ReadAll: one pattern a line, # comments, `!` exclusions, paths relative to the context. */
function readDockerignore(text) {
    const out = [];
    const lines = text.split('\n');
    if (lines[0]?.charCodeAt(0) === 0xfeff)
        lines[0] = lines[0].slice(1);
    for (const line of lines) {
        let p = line.trim();
        if (p.startsWith('#') || p === '')
            continue;
        const invert = p.startsWith('!');
        if (invert)
            p = p.slice(1).trim();
        if (p.length > 0) {
            p = goClean(p);
            if (p.length > 1 && p.startsWith('/'))
                p = p.slice(1);
        }
        out.push(invert ? '!' + p : p);
    }
    return out;
}
const ESCAPE = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);
// patternmatcher Pattern.compile with "/" as the separator.
function compile(cleaned) {
    let re = '^';
    let type = 'exact';
    const chars = Array.from(cleaned);
    for (let i = 0, k = 0; k < chars.length; i++) {
        const ch = chars[k++];
        if (ch === '*') {
            if (chars[k] === '*') {
                k++;
                if (chars[k] === '/')
                    k++;
                if (k >= chars.length) {
                    if (type === 'exact')
                        type = 'prefix';
                    else {
                        re += '.*';
                        type = 'regexp';
                    }
                }
                else {
                    re += '(.*/)?';
                    type = 'regexp';
                }
                if (i === 0)
                    type = 'suffix';
            }
            else {
                re += '[^/]*';
                type = 'regexp';
            }
        }
        else if (ch === '?') {
            re += '[^/]';
            type = 'regexp';
        }
        else if (ESCAPE.has(ch))
            re += '\\' + ch;
        else if (ch === '\\') {
            if (k < chars.length) {
                re += '\\' + chars[k++];
                type = 'regexp';
            }
            else
                re += '\\\\';
        }
        else if (ch === '[' || ch === ']') {
            re += ch;
            type = 'regexp';
        }
        else
            re += ch;
    }
    let compiled = null;
    if (type === 'regexp') {
        try {
            compiled = new RegExp(re + '$', 'u');
        }
        catch {
            compiled = /$^/; // a pattern Go rejects matches nothing here
        }
    }
    return { cleaned, exclusion: false, type, re: compiled };
}
function matches(p, path) {
    switch (p.type) {
        case 'exact':
            return path === p.cleaned;
        case 'prefix':
            return path.startsWith(p.cleaned.slice(0, -2));
        case 'suffix': {
            const suffix = p.cleaned.slice(2);
            if (path.endsWith(suffix))
                return true;
            return suffix.startsWith('/') && path === suffix.slice(1);
        }
        default:
            return p.re.test(path);
    }
}
class PatternMatcher {
    patterns = [];
    /** Whether any pattern is an exclusion (`!`). */
    exclusions;
    constructor(patterns) {
        let exclusions = false;
        for (const raw of patterns) {
            let p = raw.trim();
            if (p === '')
                continue;
            p = goClean(p);
            let exclusion = false;
            if (p.startsWith('!')) {
                if (p.length === 1)
                    continue; // BuildKit rejects the file: `illegal exclusion pattern: "!"`
                exclusion = true;
                exclusions = true;
                p = p.slice(1);
            }
            this.patterns.push({ ...compile(p), exclusion });
        }
        this.exclusions = exclusions;
    }
    /** patternmatcher MatchesOrParentMatches: the file or one of its parent folders is excluded. */
    matchesOrParentMatches(file) {
        let matched = false;
        const slash = file.lastIndexOf('/');
        const parent = slash < 0 ? '.' : slash === 0 ? '/' : file.slice(0, slash);
        const dirs = parent.split('/');
        for (const p of this.patterns) {
            if (p.exclusion !== matched)
                continue;
            let match = matches(p, file);
            if (!match && parent !== '.') {
                for (let i = 0; i < dirs.length; i++) {
                    if (matches(p, dirs.slice(0, i + 1).join('/'))) {
                        match = true;
                        break;
                    }
                }
            }
            if (match)
                matched = !p.exclusion;
        }
        return matched;
    }
}

;// CONCATENATED MODULE: ./src/check/buildkit.ts









/** An error BuildKit's lint run raises while dispatching a stage (after the warnings before it). */
class DispatchError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
    }
}
// ADD sources BuildKit fetches rather than reads from the context (HTTP and Git URLs).
const REMOTE_SOURCE = /^(?:https?:\/\/|git@|git:\/\/)/;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SECRET_RE = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOW_RE = /(?:_|^)(?:public)(?:_|$)/i;
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
const ARCH_ALIASES = {
    x86_64: 'amd64',
    'x86-64': 'amd64',
    aarch64: 'arm64',
    i386: '386'
};
const NONE = new Set();
/**
 * Expansion that records which names were found and which were not (BuildKit
 * ProcessWordWithMatches). A word without `$` names no variable: no lexer run, no sets.
 */
function expandTracked(word, env, escapeToken) {
    if (!word.includes('$')) {
        let result;
        try {
            result = (0,dockerfile/* expandWord */.Vo)(word, env, { escapeToken });
        }
        catch (err) {
            if (!(err instanceof dockerfile/* ShellSyntaxError */.MJ))
                throw err;
            result = null;
        }
        return { result, matched: NONE, unmatched: NONE };
    }
    const matched = new Set();
    const unmatched = new Set();
    // The lexer only calls get(); a view records each lookup without copying the map.
    const view = {
        get(name) {
            const v = env.get(name);
            (v === undefined ? unmatched : matched).add(name);
            return v;
        }
    };
    let result;
    try {
        result = (0,dockerfile/* expandWord */.Vo)(word, view, { escapeToken });
    }
    catch (err) {
        if (!(err instanceof dockerfile/* ShellSyntaxError */.MJ))
            throw err;
        result = null;
    }
    return { result, matched, unmatched };
}
// The keyword as written: strings.Fields(original)[0], i.e. up to the first blank after trimming.
function writtenKeyword(ins) {
    const t = ins.original.trim();
    let j = 0;
    for (; j < t.length; j++) {
        const c = t.charCodeAt(j);
        if (c === 32 || (c >= 9 && c <= 13 && c !== 10))
            break;
    }
    return t.slice(0, j);
}
/** Key/value words of ARG, ENV, LABEL: `K=V`, or the legacy `K V` form (noDelim). */
function keyValues(ins) {
    const first = ins.argv[0];
    if (first !== undefined && !first.includes('=') && ins.keyword !== 'ARG') {
        const m = /^(\S+)[\t\v\f\r ]+([\s\S]*)$/.exec(ins.args);
        return m ? [{ key: m[1], value: m[2], noDelim: true }] : [];
    }
    return ins.argv.map(w => {
        const eq = w.indexOf('=');
        return eq < 0
            ? { key: w, value: null, noDelim: false }
            : { key: w.slice(0, eq), value: w.slice(eq + 1), noDelim: false };
    });
}
function isSecretName(key) {
    return SECRET_RE.test(key) && !ALLOW_RE.test(key);
}
/** Every BuildKit build check for a graph; findings in BuildKit's order. */
function lintGraph(graph, options = {}, out = []) {
    const esc = graph.escapeToken;
    const enabled = options.enabled ?? ((r) => !EXPERIMENTAL.has(r));
    const report = (rule, detail, start, end = start) => {
        if (!enabled(rule))
            return;
        const info = RULES[rule];
        out.push({
            ruleName: rule,
            description: info.description,
            url: info.url,
            detail,
            startLine: start,
            endLine: end,
            severity: 'warning'
        });
    };
    const at = (rule, ins, detail) => report(rule, detail, ins.startLine, ins.endLine);
    // validateDefinitionDescription: the last comment must start with one of the defined names.
    const describe = (ins, what, keys, descComments) => {
        const last = descComments.at(-1);
        if (last === undefined || keys.length === 0)
            return;
        if (keys.includes(last.split(' ')[0]))
            return;
        at('InvalidDefinitionDescription', ins, MESSAGES.InvalidDefinitionDescription(what, keys.length > 1 ? '<arg_key>' : keys[0]));
    };
    // Parser: empty continuation lines, located where the parser records them (the instruction's
    // last line).
    // Plain loops: flatMap and spread are slow on thousands of instructions.
    const staged = [];
    for (const st of graph.stages)
        for (const ins of st.instructions)
            staged.push(ins);
    const all = graph.metaArgs.length ? [...graph.metaArgs, ...staged] : staged;
    for (const w of graph.warnings)
        if (w.rule === 'NoEmptyContinuation')
            report('NoEmptyContinuation', MESSAGES.NoEmptyContinuation(), w.line);
    // instructions.Parse, every instruction in order: stage name casing, FROM/AS casing, MAINTAINER,
    // and the description comments of FROM and ARG.
    const comments = options.text !== undefined && enabled('InvalidDefinitionDescription')
        ? precedingComments(options.text, all, new Set(graph.directives.map(d => d.line)))
        : null;
    for (const [k, ins] of all.entries()) {
        if (ins.keyword === 'FROM') {
            if (ins.argv.length === 3) {
                const written = ins.argv[2];
                if (written !== written.toLowerCase())
                    at('StageNameCasing', ins, MESSAGES.StageNameCasing(written));
                const from = writtenKeyword(ins);
                const as = ins.argv[1];
                const lower = from === from.toLowerCase();
                const upper = from === from.toUpperCase();
                if ((lower && as !== as.toLowerCase()) || (!lower && upper && as !== as.toUpperCase()))
                    at('FromAsCasing', ins, MESSAGES.FromAsCasing(from, as));
                if (comments)
                    describe(ins, 'FROM', [written.toLowerCase()], comments[k]);
            }
        }
        else if (ins.keyword === 'MAINTAINER')
            at('MaintainerDeprecated', ins, MESSAGES.MaintainerDeprecated());
        else if (ins.keyword === 'ARG' && comments)
            describe(ins, 'ARG', keyValues(ins).map(kv => kv.key), comments[k]);
    }
    // validateStageNames.
    for (const w of graph.warnings) {
        if (w.rule === 'ReservedStageName' || w.rule === 'DuplicateStageName') {
            const st = graph.stages.find(s => s.line === w.line);
            const name = st?.name ?? '';
            const detail = w.rule === 'ReservedStageName' ? MESSAGES.ReservedStageName(name) : MESSAGES.DuplicateStageName(name);
            report(w.rule, detail, w.line, st?.instructions[0]?.endLine ?? w.line);
        }
    }
    // validateCommandCasing: the majority casing among consistently cased keywords.
    const keywords = staged.map(writtenKeyword);
    let lowerCount = 0;
    let upperCount = 0;
    for (const k of keywords) {
        const lower = k.toLowerCase();
        if (k === lower)
            lowerCount++;
        else if (k === k.toUpperCase())
            upperCount++;
    }
    const majorityLower = lowerCount > upperCount;
    for (const [i, k] of keywords.entries()) {
        if (majorityLower ? k !== k.toLowerCase() : k !== k.toUpperCase())
            at('ConsistentInstructionCasing', staged[i], MESSAGES.ConsistentInstructionCasing(k, majorityLower ? 'lowercase' : 'uppercase'));
    }
    // Global scope: platform ARGs, then the global ARGs (once with defaults only, once with build args).
    const native = options.platform ?? 'linux/amd64';
    const buildArgs = options.buildArgs ?? {};
    const base = (0,stages/* platformArgs */.xZ)(native, native);
    const metaEnv = (useBuildArgs) => {
        const env = new Map(base);
        if (useBuildArgs)
            for (const k of env.keys())
                if (Object.hasOwn(buildArgs, k))
                    env.set(k, buildArgs[k]);
        for (const ins of graph.metaArgs)
            for (const kv of keyValues(ins)) {
                let v = kv.value;
                if (useBuildArgs && Object.hasOwn(buildArgs, kv.key))
                    v = buildArgs[kv.key];
                else if (v !== null)
                    v = expandTracked(v, env, esc).result ?? v;
                if (v !== null)
                    env.set(kv.key, v);
            }
        return env;
    };
    const defaults = metaEnv(false);
    for (const st of graph.stages) {
        const raw = st.instructions[0]?.argv[0];
        const r = expandTracked(raw, defaults, esc).result;
        if (r !== null && r !== 'scratch' && (0,reference/* validateReference */.UB)(r) !== null)
            at('InvalidDefaultArgInFrom', st.instructions[0], MESSAGES.InvalidDefaultArgInFrom(raw));
    }
    const globalEnv = metaEnv(true);
    const declared = new Set([
        ...globalEnv.keys(),
        ...graph.metaArgs.flatMap(i => keyValues(i).map(kv => kv.key))
    ]);
    for (const st of graph.stages) {
        const from = st.instructions[0];
        const reportUndeclared = (unmatched) => {
            for (const arg of unmatched)
                if (!declared.has(arg))
                    at('UndefinedArgInFrom', from, MESSAGES.UndefinedArgInFrom(arg, suggest(arg, declared)));
        };
        reportUndeclared(expandTracked(from.argv[0], globalEnv, esc).unmatched);
        const rawPlatform = from.flags.platform?.at(-1);
        if (rawPlatform === undefined || rawPlatform === '')
            continue;
        const p = expandTracked(rawPlatform, globalEnv, esc);
        reportUndeclared(p.unmatched);
        if (p.matched.size === 1 &&
            p.unmatched.size === 0 &&
            p.matched.has('TARGETPLATFORM') &&
            p.result === globalEnv.get('TARGETPLATFORM'))
            at('RedundantTargetPlatform', from, MESSAGES.RedundantTargetPlatform(rawPlatform));
        if (p.matched.size === 0 &&
            p.unmatched.size === 0 &&
            p.result !== null &&
            (0,platforms/* platformProblem */.J)(p.result) === null) {
            const parts = p.result.toLowerCase().split('/');
            const os = parts.length === 1 ? 'linux' : parts[0];
            const arch0 = parts.length === 1 ? parts[0] : parts[1];
            const arch = ARCH_ALIASES[arch0] ?? arch0;
            const name = st.name ?? '';
            if (!name.includes(os) && !name.includes(arch))
                at('FromPlatformFlagConstDisallowed', from, MESSAGES.FromPlatformFlagConstDisallowed(p.result));
        }
    }
    // Dispatch: every stage without a target, else the stages the target needs; a stage starts from
    // its base stage's state, or from an empty image config (PATH only) for an image.
    // BuildKit skips CopyIgnoredFile when the .dockerignore has exclusions (`!`): too hard to decide.
    const ignored = options.dockerignore && !options.dockerignore.exclusions && enabled('CopyIgnoredFile')
        ? options.dockerignore
        : null;
    const needed = neededStages(graph, options.target);
    const states = new Map();
    for (const st of graph.stages) {
        if (!needed.has(st.index))
            continue;
        const parent = st.baseStage === null ? undefined : states.get(st.baseStage);
        const s = parent
            ? {
                env: new Map(parent.env),
                argKeys: new Set(parent.argKeys),
                shellSet: parent.shellSet,
                workdirSet: parent.workdirSet
            }
            : { env: new Map([['PATH', DEFAULT_PATH]]), argKeys: new Set(), shellSet: false, workdirSet: false };
        const undefinedVars = (ins, words) => {
            const seen = new Set();
            for (const w of words) {
                // Only a word with $ can name an undefined variable.
                if (w === undefined || !w.includes('$'))
                    continue;
                for (const name of expandTracked(w, s.env, esc).unmatched)
                    seen.add(name);
            }
            for (const name of seen)
                if (!s.argKeys.has(name) && !NON_ENV_ARGS.has(name))
                    at('UndefinedVar', ins, MESSAGES.UndefinedVar(name, suggest(name, s.env.keys())));
        };
        const used = new Map();
        for (const ins of st.instructions.slice(1)) {
            const k = ins.keyword;
            if (k === 'ENV' || k === 'LABEL') {
                const kvs = keyValues(ins);
                const words = [];
                for (const kv of kvs) {
                    if (k === 'LABEL')
                        words.push(kv.key);
                    words.push(kv.value ?? '');
                }
                undefinedVars(ins, words);
                for (const kv of kvs) {
                    if (kv.noDelim)
                        at('LegacyKeyValueFormat', ins, MESSAGES.LegacyKeyValueFormat(k));
                    if (k === 'ENV') {
                        if (isSecretName(kv.key))
                            at('SecretsUsedInArgOrEnv', ins, MESSAGES.SecretsUsedInArgOrEnv('ENV', kv.key));
                        s.env.set(kv.key, expandTracked(kv.value ?? '', s.env, esc).result ?? '');
                    }
                }
            }
            else if (k === 'ARG') {
                for (const kv of keyValues(ins)) {
                    if (isSecretName(kv.key))
                        at('SecretsUsedInArgOrEnv', ins, MESSAGES.SecretsUsedInArgOrEnv('ARG', kv.key));
                    let v = null;
                    if (Object.hasOwn(buildArgs, kv.key))
                        v = buildArgs[kv.key];
                    else if (kv.value !== null) {
                        undefinedVars(ins, [kv.value]);
                        v = expandTracked(kv.value, s.env, esc).result ?? '';
                    }
                    else if (globalEnv.has(kv.key))
                        v = globalEnv.get(kv.key);
                    if (v !== null && !NON_ENV_ARGS.has(kv.key))
                        s.env.set(kv.key, v);
                    s.argKeys.add(kv.key);
                }
            }
            else if (k === 'COPY' || k === 'ADD') {
                undefinedVars(ins, ins.rawFlags.length > 0 ? [...ins.argv, ins.flags.chown?.at(-1), ins.flags.chmod?.at(-1)] : ins.argv);
                if (ignored && !ins.flags.from?.at(-1)) {
                    // validateCopySourcePath: each context source, expanded and cleaned.
                    for (const src of ins.argv.slice(0, -1)) {
                        if (ins.heredocs.length > 0 && (0,dockerfile/* parseHeredocWord */.Sm)(src))
                            continue;
                        if (k === 'ADD' && REMOTE_SOURCE.test(src))
                            continue;
                        const path = goClean(expandTracked(src, s.env, esc).result ?? src);
                        if (ignored.matchesOrParentMatches(path))
                            at('CopyIgnoredFile', ins, MESSAGES.CopyIgnoredFile(k === 'ADD' ? 'Add' : 'Copy', path));
                    }
                }
            }
            else if (k === 'USER' || k === 'STOPSIGNAL') {
                undefinedVars(ins, [ins.args]);
            }
            else if (k === 'VOLUME') {
                undefinedVars(ins, ins.argv);
            }
            else if (k === 'EXPOSE') {
                undefinedVars(ins, ins.argv);
                for (const word of ins.argv) {
                    let ports;
                    try {
                        ports = (0,dockerfile/* splitWords */.yM)(word, s.env, { escapeToken: esc });
                    }
                    catch (err) {
                        if (!(err instanceof dockerfile/* ShellSyntaxError */.MJ))
                            throw err;
                        throw new DispatchError(err.message, ins.startLine);
                    }
                    for (const p of ports) {
                        const r = exposeProblems(p);
                        if (r.protoCasing)
                            at('ExposeProtoCasing', ins, MESSAGES.ExposeProtoCasing(p));
                        if (r.invalidFormat)
                            at('ExposeInvalidFormat', ins, MESSAGES.ExposeInvalidFormat(p));
                        if (r.error)
                            throw new DispatchError(r.error, ins.startLine);
                    }
                }
            }
            else if (k === 'WORKDIR') {
                undefinedVars(ins, [ins.args]);
                const dir = expandTracked(ins.args, s.env, esc).result ?? ins.args;
                if (!s.workdirSet && !dir.startsWith('/'))
                    at('WorkdirRelativePath', ins, MESSAGES.WorkdirRelativePath(dir));
                s.workdirSet = true;
            }
            else if (k === 'SHELL') {
                s.shellSet = true;
            }
            if (k === 'CMD' || k === 'ENTRYPOINT' || k === 'HEALTHCHECK') {
                const prev = used.get(k);
                if (prev)
                    at('MultipleInstructionsDisallowed', prev, MESSAGES.MultipleInstructionsDisallowed(writtenKeyword(ins)));
                used.set(k, ins);
                if (k !== 'HEALTHCHECK' && !ins.json && !s.shellSet)
                    at('JSONArgsRecommended', ins, MESSAGES.JSONArgsRecommended(writtenKeyword(ins)));
            }
        }
        states.set(st.index, s);
    }
    return out;
}
/** Stage indices BuildKit dispatches: all without a target, else the target and what it needs. */
function neededStages(graph, target) {
    if (!target)
        return new Set(graph.stages.map(s => s.index));
    const need = new Set();
    const walk = (i) => {
        if (need.has(i))
            return;
        need.add(i);
        for (const d of graph.stages[i].dependsOn)
            walk(d);
    };
    walk(target.index);
    return need;
}
/**
 * The comments BuildKit's parser keeps before each instruction (Node.PrevComment): comment lines
 * since the previous instruction, emptied by a bare `#`, without parser directives. Blank lines do
 * not empty them (the rule's documentation says otherwise; the parser is what runs).
 */
function precedingComments(text, instructions, directiveLines) {
    const lines = text.split('\n');
    if (text.charCodeAt(0) === 0xfeff)
        lines[0] = lines[0].slice(1);
    const out = [];
    let next = 1;
    for (const ins of instructions) {
        let comments = [];
        for (let n = next; n < ins.startLine; n++) {
            const line = lines[n - 1];
            const t = line.trimStart();
            if (!t.startsWith('#'))
                continue;
            // bytesRead[1:] of the line as read: a leading blank stays and shifts the slice.
            const comment = line.slice(1).trim();
            if (comment === '')
                comments = [];
            else if (!directiveLines.has(n))
                comments.push(comment);
        }
        out.push(comments);
        next = ins.endLine + 1;
    }
    return out;
}
/** What dispatchExpose finds in one expanded port spec `[ip:][hostPort:]port[/proto]`. */
function exposeProblems(raw) {
    const parts = raw.split(':');
    const n = parts.length;
    const ip = n <= 2 ? '' : n === 3 ? parts[0] : parts.slice(0, n - 2).join(':');
    const hostPort = n === 1 ? '' : parts[n - 2];
    const containerRaw = parts[n - 1];
    const slash = containerRaw.indexOf('/');
    const port = slash < 0 ? containerRaw : containerRaw.slice(0, slash);
    const proto = slash < 0 ? '' : containerRaw.slice(slash + 1);
    const fail = (error) => ({ protoCasing: false, invalidFormat: false, error });
    if (port === '')
        return fail(`invalid port: ${goQuote(raw)}: no port specified`);
    if (!['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase()))
        return fail(`invalid port: ${goQuote(raw)}: invalid proto: ${proto}`);
    const found = { protoCasing: proto !== proto.toLowerCase(), invalidFormat: ip !== '' || hostPort !== '' };
    let host = ip;
    if (host.startsWith('[')) {
        const close = host.indexOf(']');
        if (close !== host.length - 1)
            return { ...found, error: `invalid IP address: ${ip}` };
        host = host.slice(1, -1);
    }
    if (host !== '' && (0,external_node_net_.isIP)(host) === 0)
        return { ...found, error: `invalid IP address: ${host}` };
    const range = portRange(port);
    if (!range)
        return { ...found, error: `invalid containerPort: ${port}` };
    if (hostPort !== '') {
        const h = portRange(hostPort);
        if (!h)
            return { ...found, error: `invalid hostPort: ${hostPort}` };
        if (range[1] - range[0] !== h[1] - h[0] && range[1] !== range[0])
            return {
                ...found,
                error: `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`
            };
    }
    return { ...found, error: null };
}
// parsePortRange: `N` or `N-M`, each 0-65535 (strconv.ParseInt base 10), M >= N.
function portRange(s) {
    const num = (x) => {
        if (!/^[+-]?\d+$/.test(x))
            return null;
        const v = Number(x);
        return v >= 0 && v <= 65535 ? v : null;
    };
    const dash = s.indexOf('-');
    const start = num(dash < 0 ? s : s.slice(0, dash));
    if (start === null)
        return null;
    if (dash < 0 || s.slice(0, dash) === s.slice(dash + 1))
        return [start, start];
    const end = num(s.slice(dash + 1));
    return end === null || end < start ? null : [start, end];
}

// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/check/advice.ts



const DOCS = 'https://github.com/stagegate/stagegate#stagegate-check';
const advice = (name, description) => ({ name, description, url: `${DOCS}` });
const ADVICE = {
    ToolchainRuntimeBase: advice('ToolchainRuntimeBase', 'The runtime stage should not ship a compiler toolchain'),
    SecretInRuntime: advice('SecretInRuntime', 'Secrets passed by ARG, ENV or COPY stay in the image layers'),
    TesterSharesNoStage: advice('TesterSharesNoStage', 'The tester stage should test the artefact the runtime ships'),
    TesterReachesRuntime: advice('TesterReachesRuntime', 'Test-only files should not reach the runtime stage'),
    CacheBustingCopy: advice('CacheBustingCopy', 'Copy and install dependency manifests before copying the whole source'),
    CopyWithoutDockerignore: advice('CopyWithoutDockerignore', 'COPY . sends the whole context when there is no .dockerignore'),
    RuntimeRunsAsRoot: advice('RuntimeRunsAsRoot', 'The runtime stage should run as a non-root USER'),
    CopyFromUnknownStage: advice('CopyFromUnknownStage', 'COPY --from names no stage, so BuildKit pulls it as an image')
};
// Typical uncompressed linux/amd64 sizes as `docker images` lists them for current tags
// (Docker Hub and MCR, 2024-2025), the same figures as issue 11's size table.
const TOOLCHAINS = [
    {
        match: r => r === 'docker.io/library/golang',
        hint: 'golang (~350 MB+): build in it, ship a static binary on gcr.io/distroless/static (~2 MB) or scratch (Go runtime images ~10 MB)'
    },
    {
        match: (r, t) => r === 'docker.io/library/node' && !/slim|alpine/.test(t),
        hint: 'node (~1.1 GB): ship node:<version>-slim (~200 MB) or -alpine (~130 MB); distroless node ~25 MB over your app'
    },
    {
        match: (r, t) => r === 'docker.io/library/python' && !/slim|alpine/.test(t),
        hint: 'python (~950 MB): ship python:<version>-slim (~150 MB)'
    },
    {
        match: r => r === 'docker.io/library/maven' || r === 'docker.io/library/gradle',
        hint: 'maven/gradle (~500-800 MB): ship eclipse-temurin:<version>-jre (~270 MB)'
    },
    {
        match: r => r === 'docker.io/library/rust',
        hint: 'rust (~1.4 GB): ship debian:bookworm-slim (~75 MB) or distroless/cc (~25 MB)'
    },
    {
        match: r => r === 'mcr.microsoft.com/dotnet/sdk',
        hint: 'dotnet/sdk (~800 MB): ship mcr.microsoft.com/dotnet/aspnet or runtime (~200 MB)'
    },
    {
        match: (r, t) => r === 'docker.io/library/openjdk' || (r === 'docker.io/library/eclipse-temurin' && !/jre/.test(t)),
        hint: 'a JDK (~450 MB): ship a JRE such as eclipse-temurin:<version>-jre (~270 MB)'
    }
];
const SECRET_FILE = /(^|\/)(\.env(\..*)?|id_rsa|id_ed25519|\.npmrc|\.pypirc|\.netrc|credentials(\.json)?|[^/]*\.pem|[^/]*\.key)$/;
const MANIFEST = /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|requirements[^/]*\.txt|Pipfile(\.lock)?|poetry\.lock|pyproject\.toml|pom\.xml|build\.gradle(\.kts)?|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|[^/]*\.csproj)$/;
const INSTALL = /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm install|pip3? install|poetry install|go mod download|bundle install|composer install|mvn\b.*dependency:|cargo fetch|dotnet restore)/;
function chain(graph, st) {
    const out = [st];
    let cur = st;
    while (cur.baseStage !== null) {
        cur = graph.stages[cur.baseStage];
        out.push(cur);
    }
    return out;
}
const copySources = (ins) => ins.argv.slice(0, -1);
/** The advice rules for a runtime (and optional tester) stage; findings in stage order. */
function adviseGraph(graph, options) {
    const out = [];
    const report = (rule, detail, ins) => out.push({
        ruleName: rule,
        ...ADVICE[rule],
        detail,
        startLine: ins.startLine,
        endLine: ins.endLine,
        severity: 'warning'
    });
    const { runtime, tester } = options;
    const runtimeChain = chain(graph, runtime);
    const rootImage = runtimeChain[runtimeChain.length - 1];
    const runtimeFrom = runtime.instructions[0];
    const repo = (0,reference/* repositoryOf */._M)(rootImage.base);
    const tag = (0,reference/* splitReference */.mQ)(rootImage.base).tag ?? 'latest';
    const toolchain = repo && TOOLCHAINS.find(t => t.match(repo, tag));
    if (toolchain)
        report('ToolchainRuntimeBase', `Runtime stage "${runtime.name ?? `stage-${runtime.index}`}" is built on ${rootImage.base}: ${toolchain.hint}`, runtimeFrom);
    const needed = neededStages(graph, runtime);
    for (const st of graph.stages) {
        if (!needed.has(st.index))
            continue;
        const inherited = runtimeChain.includes(st);
        for (const ins of st.instructions) {
            if (inherited && (ins.keyword === 'ARG' || ins.keyword === 'ENV')) {
                for (const w of ins.argv) {
                    const key = w.split('=')[0];
                    if (isSecretName(key))
                        report('SecretInRuntime', `${ins.keyword} ${key} is recorded in the runtime image's config or history; pass it with RUN --mount=type=secret,id=${key.toLowerCase()} instead`, ins);
                }
            }
            if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !ins.flags.from) {
                const secret = copySources(ins).find(s => SECRET_FILE.test(s));
                if (secret)
                    report('SecretInRuntime', `${secret} is copied into stage "${st.name ?? `stage-${st.index}`}", which the runtime stage ${inherited ? 'inherits' : 'copies from'}; use RUN --mount=type=secret instead`, ins);
            }
        }
    }
    if (tester && tester !== runtime) {
        const testerNeeds = neededStages(graph, tester);
        const shared = [...needed].filter(i => testerNeeds.has(i) && i !== tester.index);
        if (needed.has(tester.index)) {
            const via = runtime.instructions.find(i => i.flags.from?.some(f => f.toLowerCase() === tester.name));
            report('TesterReachesRuntime', `The runtime stage needs the tester stage "${tester.name}": test files and dependencies ship; copy from the build stage instead`, via ?? runtimeFrom);
        }
        else if (shared.length === 0)
            report('TesterSharesNoStage', `Tester stage "${tester.name}" and runtime stage "${runtime.name ?? `stage-${runtime.index}`}" share no build stage, so what ships is never the artefact tested; build both FROM one build stage`, tester.instructions[0]);
    }
    for (const st of graph.stages) {
        const body = st.instructions.slice(1);
        const copyAll = body.findIndex(i => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.from && copySources(i).includes('.'));
        if (copyAll < 0)
            continue;
        const ins = body[copyAll];
        const install = body.findIndex((i, n) => n > copyAll && i.keyword === 'RUN' && INSTALL.test(i.args));
        const manifestFirst = body
            .slice(0, copyAll)
            .some(i => i.keyword === 'COPY' && copySources(i).some(s => MANIFEST.test(s)));
        if (install >= 0 && !manifestFirst)
            report('CacheBustingCopy', `Every source change re-runs line ${body[install].startLine}'s install: copy the dependency manifests and install them before COPY .`, ins);
        if (options.hasDockerignore === false)
            report('CopyWithoutDockerignore', 'The context has no .dockerignore: .git, local builds and secrets such as .env are sent and copied', ins);
    }
    if (!runtimeChain.some(st => st.instructions.some(i => i.keyword === 'USER' && !/^(root|0)(:.*)?$/.test(i.args))) ||
        lastUser(runtimeChain) === 'root')
        report('RuntimeRunsAsRoot', 'The runtime stage sets no USER, so its process runs as root; add USER with a non-root user', runtimeFrom);
    const names = [];
    for (const s of graph.stages)
        if (s.name)
            names.push(s.name);
    for (const st of graph.stages)
        for (const ins of st.instructions) {
            const from = ins.keyword === 'COPY' ? ins.flags.from?.at(-1) : undefined;
            if (from &&
                st.externalImages.includes(from) &&
                /^[a-z0-9][a-z0-9_.-]*$/i.test(from) &&
                !from.includes('.')) {
                const near = suggest(from.toLowerCase(), names);
                report('CopyFromUnknownStage', `No stage is named "${from}", so BuildKit pulls the image ${from}${near ? ` (did you mean stage "${near}"?)` : ''}`, ins);
            }
        }
    return out;
}
function lastUser(runtimeChain) {
    for (const st of runtimeChain)
        for (let i = st.instructions.length - 1; i >= 0; i--) {
            const ins = st.instructions[i];
            if (ins.keyword === 'USER')
                return /^(root|0)(:.*)?$/.test(ins.args) ? 'root' : ins.args;
        }
    return null;
}

;// CONCATENATED MODULE: ./src/check/finding.ts
/** BuildKit's JSON: `{"warnings":[{ruleName, description, url, detail, location:{ranges}}]}`. */
function toCheckJson(findings) {
    const warnings = findings.map(f => ({
        ruleName: f.ruleName,
        description: f.description,
        ...(f.url ? { url: f.url } : {}),
        detail: f.detail,
        location: { ranges: [{ start: { line: f.startLine }, end: { line: f.endLine } }] }
    }));
    return JSON.stringify({ warnings }, null, 2);
}

;// CONCATENATED MODULE: ./src/check/index.ts









// BuildKit reads the build argument BUILDKIT_DOCKERFILE_CHECK instead of the directive when set.
const CHECK_ARG = 'BUILDKIT_DOCKERFILE_CHECK';
/** The lint configuration: --build-arg BUILDKIT_DOCKERFILE_CHECK, else `# check=`. */
function lintConfig(graph, buildArgs = {}) {
    if (Object.hasOwn(buildArgs, CHECK_ARG)) {
        try {
            return (0,directive/* parseCheckOptions */.W)(buildArgs[CHECK_ARG]);
        }
        catch (err) {
            throw new errors/* DockerfileError */.t(graph.file, 1, `failed to parse check options from --build-arg ${CHECK_ARG}: ${err.message}`);
        }
    }
    const check = graph.directives.find(d => d.name === 'check');
    return (0,directive/* parseCheckOptions */.W)(check?.value ?? '');
}
/** Linter.Run's gate: experimental rules only when opted in, the others unless skipped. */
function ruleEnabled(config, rule) {
    if (EXPERIMENTAL.has(rule))
        return config.experimentalAll || config.experimental.includes(rule);
    return !config.skipAll && !config.skip.includes(rule);
}
/** Every check for a graph read by readDockerfile (which already raised the file's hard errors). */
function checkDockerfile(graph, options = {}) {
    const runtime = (options.target ? (0,dockerfile/* findStage */.U9)(graph, options.target) : undefined) ?? graph.stages.at(-1);
    const config = lintConfig(graph, options.buildArgs);
    const lint = [];
    let fatal = null;
    try {
        lintGraph(graph, {
            buildArgs: options.buildArgs,
            platform: options.platform,
            target: options.target ? runtime : undefined,
            enabled: rule => ruleEnabled(config, rule),
            text: options.text,
            dockerignore: options.dockerignore === undefined
                ? undefined
                : new PatternMatcher(readDockerignore(options.dockerignore))
        }, lint);
    }
    catch (err) {
        if (!(err instanceof DispatchError))
            throw err;
        fatal = new errors/* DockerfileError */.t(graph.file, err.line, err.message);
    }
    if (config.error)
        for (const f of lint)
            f.severity = 'error';
    const testTarget = options.testTarget ?? plan/* DEFAULT_TEST_TARGET */.rd;
    const tester = testTarget === plan/* NO_TESTS */.q0 ? undefined : (0,dockerfile/* findStage */.U9)(graph, testTarget);
    const hasDockerignore = options.exists && options.context !== undefined
        ? options.exists(`${options.context.replace(/\/$/, '')}/.dockerignore`)
        : undefined;
    const advice = adviseGraph(graph, { runtime, tester, hasDockerignore });
    const findings = [...lint, ...advice];
    return { findings, errors: findings.filter(f => f.severity === 'error'), fatal };
}


/***/ }),

/***/ 8250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cv: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.Cv),
/* harmony export */   Hn: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.Hn),
/* harmony export */   Lo: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.Lo),
/* harmony export */   MJ: () => (/* reexport safe */ _shell_js__WEBPACK_IMPORTED_MODULE_1__.MJ),
/* harmony export */   Sm: () => (/* reexport safe */ _parser_js__WEBPACK_IMPORTED_MODULE_0__.Sm),
/* harmony export */   U9: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.U9),
/* harmony export */   Vo: () => (/* reexport safe */ _shell_js__WEBPACK_IMPORTED_MODULE_1__.Vo),
/* harmony export */   n_: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.n_),
/* harmony export */   u1: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.u1),
/* harmony export */   vP: () => (/* reexport safe */ _stages_js__WEBPACK_IMPORTED_MODULE_2__.vP),
/* harmony export */   yM: () => (/* reexport safe */ _shell_js__WEBPACK_IMPORTED_MODULE_1__.yM)
/* harmony export */ });
/* harmony import */ var _parser_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8235);
/* harmony import */ var _shell_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2208);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9071);
// Reading Dockerfiles exactly as BuildKit does: parser, word expansion and the stage graph.





/***/ }),

/***/ 2464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ planToJson),
/* harmony export */   C7: () => (/* binding */ planBuild),
/* harmony export */   GO: () => (/* binding */ planToText),
/* harmony export */   Kx: () => (/* binding */ resolveTestTarget),
/* harmony export */   Yq: () => (/* binding */ MissingTesterError),
/* harmony export */   _V: () => (/* binding */ planToMermaid),
/* harmony export */   q0: () => (/* binding */ NO_TESTS),
/* harmony export */   rd: () => (/* binding */ DEFAULT_TEST_TARGET)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8250);
// Which stages the action builds: the runtime (target, default the last stage, as `docker build`)
// and the tester (test-target, default `tester`), plus text, Mermaid and JSON renderings.


const DEFAULT_TEST_TARGET = 'tester';
/** The test target that builds without tests: `test-target: none`, `--test-target none`. */
const NO_TESTS = 'none';
/**
 * test-target as written (action input, CLI flag) → the value every later step compares with
 * NO_TESTS: `none` in any case is NO_TESTS, empty is the default `tester`, else the trimmed name.
 */
function resolveTestTarget(raw) {
    const name = (raw ?? '').trim();
    if (name.toLowerCase() === NO_TESTS)
        return NO_TESTS;
    return name || DEFAULT_TEST_TARGET;
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
function planBuild(read, options = {}) {
    // Each build sees its own TARGETSTAGE: the runtime and the tester are read for their target.
    const graph = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .graphForTarget */ .Lo)(read, options.target);
    const runtime = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveTarget */ .u1)(graph, options.target);
    const runtimeStages = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stagesFor */ .vP)(graph, runtime);
    const testTarget = options.testTarget ?? DEFAULT_TEST_TARGET;
    if (testTarget === NO_TESTS) {
        return { graph, runtime, tester: null, runtimeStages, testerStages: [], sharedStages: [] };
    }
    const testerGraph = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .graphForTarget */ .Lo)(read, testTarget);
    const tester = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .findStage */ .U9)(testerGraph, testTarget);
    if (!tester)
        throw new MissingTesterError(testTarget, testerGraph);
    if (tester.index === runtime.index) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`${graph.file}: the test target and the target are the same stage ("${(0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stageLabel */ .Hn)(runtime)}"). ` +
            `The tester image only runs the tests and the target is the image you ship, so they must differ: ` +
            `point target at the runtime stage (by default the last stage) and test-target at the stage that runs the tests.`);
    }
    const testerStages = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_1__/* .stagesFor */ .vP)(testerGraph, tester);
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
    if (s.index === plan.runtime.index)
        return 'runtime (target)';
    if (s.index === plan.tester?.index)
        return 'tester';
    const r = plan.runtimeStages.some(x => x.index === s.index);
    const t = plan.testerStages.some(x => x.index === s.index);
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
