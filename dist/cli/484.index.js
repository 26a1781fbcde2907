export const id = 484;
export const ids = [484];
export const modules = {

/***/ 6484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CHECK_USAGE: () => (/* binding */ CHECK_USAGE),
  checkCommand: () => (/* binding */ checkCommand),
  parseCheckArgs: () => (/* binding */ parseCheckArgs)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/dockerfile/index.ts
var dockerfile = __webpack_require__(8250);
// EXTERNAL MODULE: ./src/dockerfile/directive.ts
var directive = __webpack_require__(7771);
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
    url: url(slug)
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
    FromPlatformFlagConstDisallowed: rule('FromPlatformFlagConstDisallowed', 'FROM --platform flag should not use a constant value', 'from-platform-flag-const-disallowed')
};
const MESSAGES = {
    StageNameCasing: (name) => `Stage name '${name}' should be lowercase`,
    FromAsCasing: (from, as) => `'${as}' and '${from}' keywords' casing do not match`,
    NoEmptyContinuation: () => 'Empty continuation line',
    ConsistentInstructionCasing: (cmd, casing) => `Command '${cmd}' should match the case of the command majority (${casing})`,
    DuplicateStageName: (name) => `Duplicate stage name ${JSON.stringify(name)}, stage names should be unique`,
    ReservedStageName: (name) => `Stage name should not use the same name as reserved stage ${JSON.stringify(name)}`,
    JSONArgsRecommended: (ins) => `JSON arguments recommended for ${ins} to prevent unintended behavior related to OS signals`,
    MaintainerDeprecated: () => 'Maintainer instruction is deprecated in favor of using label',
    UndefinedArgInFrom: (arg, suggest) => `FROM argument '${arg}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
    WorkdirRelativePath: (dir) => `Relative workdir ${JSON.stringify(dir)} can have unexpected results if the base image changes`,
    UndefinedVar: (arg, suggest) => `Usage of undefined variable '$${arg}'${suggest ? ` (did you mean $${suggest}?)` : ''}`,
    MultipleInstructionsDisallowed: (ins) => `Multiple ${ins} instructions should not be used in the same stage because only the last one will be used`,
    LegacyKeyValueFormat: (cmd) => `"${cmd} key=value" should be used instead of legacy "${cmd} key value" format`,
    RedundantTargetPlatform: (v) => `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior`,
    SecretsUsedInArgOrEnv: (ins, key) => `Do not use ARG or ENV instructions for sensitive data (${ins} ${JSON.stringify(key)})`,
    InvalidDefaultArgInFrom: (base) => `Default value for ARG ${base} results in empty or invalid base image name`,
    FromPlatformFlagConstDisallowed: (p) => `FROM --platform flag should not use constant value ${JSON.stringify(p)}`
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

;// CONCATENATED MODULE: ./src/check/buildkit.ts






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
/** Expansion that records which names were found and which were not (BuildKit ProcessWordWithMatches). */
class TrackingEnv extends Map {
    matched = new Set();
    unmatched = new Set();
    get(name) {
        const v = super.get(name);
        (v === undefined ? this.unmatched : this.matched).add(name);
        return v;
    }
}
function expandTracked(word, env, escapeToken) {
    const t = new TrackingEnv(env);
    let result;
    try {
        result = (0,dockerfile/* expandWord */.Vo)(word, t, { escapeToken });
    }
    catch (err) {
        if (!(err instanceof dockerfile/* ShellSyntaxError */.MJ))
            throw err;
        result = null;
    }
    return { result, matched: t.matched, unmatched: t.unmatched };
}
/** Go's strings.ToLower(s) == s || strings.ToUpper(s) == s. */
const selfConsistent = (s) => s === s.toLowerCase() || s === s.toUpperCase();
const writtenKeyword = (ins) => ins.original.trim().split(/[\t\v\f\r ]+/)[0];
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
function lintGraph(graph, options = {}) {
    const out = [];
    const esc = graph.escapeToken;
    const report = (rule, detail, start, end = start) => out.push({ ruleName: rule, ...RULES[rule], detail, startLine: start, endLine: end, severity: 'warning' });
    const at = (rule, ins, detail) => report(rule, detail, ins.startLine, ins.endLine);
    // Parser: empty continuation lines, located on the whole instruction.
    const all = graph.metaArgs.concat(...graph.stages.map(s => s.instructions));
    for (const w of graph.warnings) {
        if (w.rule !== 'NoEmptyContinuation')
            continue;
        const ins = all.find(i => i.startLine <= w.line && w.line <= i.endLine);
        report('NoEmptyContinuation', MESSAGES.NoEmptyContinuation(), ins?.startLine ?? w.line, w.line);
    }
    // instructions.Parse: stage name casing, FROM/AS casing, MAINTAINER.
    for (const st of graph.stages) {
        for (const ins of st.instructions) {
            if (ins.keyword === 'FROM' && ins.argv.length === 3) {
                const written = ins.argv[2];
                if (written !== written.toLowerCase())
                    at('StageNameCasing', ins, MESSAGES.StageNameCasing(written));
                const from = writtenKeyword(ins);
                const as = ins.argv[1];
                const lower = from === from.toLowerCase();
                const upper = from === from.toUpperCase();
                if ((lower && as !== as.toLowerCase()) || (!lower && upper && as !== as.toUpperCase()))
                    at('FromAsCasing', ins, MESSAGES.FromAsCasing(from, as));
            }
            if (ins.keyword === 'MAINTAINER')
                at('MaintainerDeprecated', ins, MESSAGES.MaintainerDeprecated());
        }
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
    const staged = graph.stages.flatMap(s => s.instructions);
    let lowerCount = 0;
    let upperCount = 0;
    for (const ins of staged) {
        const k = writtenKeyword(ins);
        if (selfConsistent(k)) {
            if (k === k.toLowerCase())
                lowerCount++;
            else
                upperCount++;
        }
    }
    const majorityLower = lowerCount > upperCount;
    for (const ins of staged) {
        const k = writtenKeyword(ins);
        if (majorityLower && k !== k.toLowerCase())
            at('ConsistentInstructionCasing', ins, MESSAGES.ConsistentInstructionCasing(k, 'lowercase'));
        else if (!majorityLower && k !== k.toUpperCase())
            at('ConsistentInstructionCasing', ins, MESSAGES.ConsistentInstructionCasing(k, 'uppercase'));
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
                if (w === undefined)
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
                undefinedVars(ins, kvs.flatMap(kv => (k === 'LABEL' ? [kv.key, kv.value ?? ''] : [kv.value ?? ''])));
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
                undefinedVars(ins, [...ins.argv, ins.flags.chown?.at(-1), ins.flags.chmod?.at(-1)]);
            }
            else if (k === 'USER' || k === 'STOPSIGNAL') {
                undefinedVars(ins, [ins.args]);
            }
            else if (k === 'VOLUME' || k === 'EXPOSE') {
                undefinedVars(ins, ins.argv);
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
    const tag = rootImage.base.split('@')[0]?.split('/').pop()?.split(':')[1] ?? 'latest';
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
    const names = graph.stages.flatMap(s => (s.name ? [s.name] : []));
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





/** Every check for a graph read by readDockerfile (which already raised the file's hard errors). */
function checkDockerfile(graph, options = {}) {
    const runtime = (options.target ? (0,dockerfile/* findStage */.U9)(graph, options.target) : undefined) ?? graph.stages.at(-1);
    const check = graph.directives.find(d => d.name === 'check');
    const config = check ? (0,directive/* parseCheckOptions */.W)(check.value) : { skip: [], skipAll: false, error: false };
    const lint = config.skipAll
        ? []
        : lintGraph(graph, {
            buildArgs: options.buildArgs,
            platform: options.platform,
            target: options.target ? runtime : undefined
        }).filter(f => !config.skip.includes(f.ruleName));
    if (config.error)
        for (const f of lint)
            f.severity = 'error';
    const tester = (0,dockerfile/* findStage */.U9)(graph, options.testTarget ?? 'tester');
    const hasDockerignore = options.exists && options.context !== undefined
        ? options.exists(`${options.context.replace(/\/$/, '')}/.dockerignore`)
        : undefined;
    const advice = adviseGraph(graph, { runtime, tester, hasDockerignore });
    const findings = [...lint, ...advice];
    return { findings, errors: findings.filter(f => f.severity === 'error') };
}

;// CONCATENATED MODULE: ./src/commands/check.ts
// `stagegate check`: what BuildKit rejects or warns about in a Dockerfile before a build, plus the
// multi-stage advice. Reads the Dockerfile and looks for a .dockerignore beside it; runs nothing.






const CHECK_USAGE = `Usage: stagegate check [options]

Reports what BuildKit rejects before building (as errors) and BuildKit's build checks (as
warnings, same rule names, messages and lines as docker build --check), then stagegate's
multi-stage advice: toolchain runtime base, secrets in the runtime, tester vs runtime, cache-busting
COPY order, COPY . without .dockerignore, root runtime, COPY --from a name that is no stage.

  -f, --file PATH        Dockerfile (default: Dockerfile); its folder is the build context
  --build-arg K=V        build argument (repeatable; K alone takes $K)
  --target NAME          runtime stage; BuildKit's rules then read only the stages it needs
                         (default: the last stage, and every stage is read)
  --json                 print docker buildx build --call check,format=json's shape
  -h, --help             show this help

Base images are not pulled: rules that need a base image's config (UndefinedVar with the base
image's ENV, JSONArgsRecommended with its SHELL, InvalidBaseImagePlatform) treat it as empty, as
BuildKit does when the config is empty.

Exit status: 0 with only warnings; 1 on errors (printed as file:line: message), including findings
under # check=error=true; 2 on bad usage.
`;
class UsageError extends Error {
}
/** Parse `check` arguments. Pure; throws UsageError on bad usage. */
function parseCheckArgs(argv, env = {}) {
    const args = { file: 'Dockerfile', buildArgs: {}, target: undefined, json: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const m = /^(--[a-z-]+|-[a-z])(?:=(.*))?$/s.exec(arg);
        if (!m)
            throw new UsageError(`unexpected argument "${arg}"`);
        const flag = m[1];
        const value = () => {
            if (m[2] !== undefined)
                return m[2];
            const v = argv[++i];
            if (v === undefined)
                throw new UsageError(`${flag} needs a value`);
            return v;
        };
        if (flag === '-h' || flag === '--help')
            args.help = true;
        else if (flag === '--json') {
            if (m[2] !== undefined)
                throw new UsageError('--json takes no value');
            args.json = true;
        }
        else if (flag === '-f' || flag === '--file')
            args.file = value();
        else if (flag === '--target')
            args.target = value();
        else if (flag === '--build-arg') {
            const kv = value();
            const eq = kv.indexOf('=');
            if (eq === 0)
                throw new UsageError(`--build-arg needs KEY=VALUE, got "${kv}"`);
            if (eq > 0)
                args.buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
            else if (env[kv] !== undefined)
                args.buildArgs[kv] = env[kv];
        }
        else
            throw new UsageError(`unknown option ${flag}`);
    }
    return args;
}
const line = (file, f) => `${file}:${f.startLine}: ${f.detail} (${f.ruleName})`;
/** Runs `stagegate check`; returns the exit code. */
async function checkCommand(argv, io) {
    let args;
    try {
        args = parseCheckArgs(argv, io.env);
    }
    catch (err) {
        if (!(err instanceof UsageError))
            throw err;
        io.stderr(`stagegate check: ${err.message}\n\n${CHECK_USAGE}`);
        return 2;
    }
    if (args.help) {
        io.stdout(CHECK_USAGE);
        return 0;
    }
    const path = (0,external_node_path_.isAbsolute)(args.file) ? args.file : (0,external_node_path_.resolve)(io.cwd, args.file);
    try {
        let text;
        try {
            text = await (io.readFile ?? (p => (0,promises_.readFile)(p, 'utf8')))(path);
        }
        catch (err) {
            const code = err.code;
            throw new errors/* UserError */.y(`${args.file}: cannot read the Dockerfile (${code ?? err.message})`);
        }
        const graph = (0,dockerfile/* readDockerfile */.n_)(text, { file: args.file, buildArgs: args.buildArgs, platform: io.platform });
        if (args.target !== undefined)
            (0,dockerfile/* resolveTarget */.u1)(graph, args.target);
        const result = checkDockerfile(graph, {
            target: args.target,
            buildArgs: args.buildArgs,
            platform: io.platform,
            context: (0,external_node_path_.dirname)(path),
            exists: io.exists ?? external_node_fs_.existsSync
        });
        if (args.json)
            io.stdout(toCheckJson(result.findings) + '\n');
        else
            for (const f of result.findings)
                (f.severity === 'error' ? io.stderr : io.stdout)(line(args.file, f) + '\n');
        if (args.json)
            for (const f of result.errors)
                io.stderr(line(args.file, f) + '\n');
        return result.errors.length > 0 ? 1 : 0;
    }
    catch (err) {
        if (err instanceof errors/* UserError */.y) {
            io.stderr(`${err.message}\n`);
            return 1;
        }
        throw err;
    }
}


/***/ })

};
