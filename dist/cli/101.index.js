export const id = 101;
export const ids = [101,263];
export const modules = {

/***/ 7263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseRunArgs: () => (/* binding */ parseRunArgs),
  secretFlag: () => (/* binding */ secretFlag)
});

;// CONCATENATED MODULE: ./src/action-inputs.ts
// The action's inputs as the command line accepts them (`stagegate run --tags a --push`).
// A unit test keeps this list equal to action.yml, so the CLI and the action never drift apart.
/** Inputs that may be given several times on the command line; values are joined with newlines. */
const REPEATABLE_INPUTS = [
    'tags',
    'labels',
    'build-args',
    'secrets',
    'secret-files',
    'secret-envs',
    'platforms',
    'cache-from',
    'cache-to',
    'baseline-branches',
    'add-hosts',
    'allow',
    'annotations',
    'attests',
    'build-contexts',
    'no-cache-filters',
    'outputs',
    'ssh',
    'ulimit'
];
/** Inputs that are booleans: `--push` alone means true. */
const BOOLEAN_INPUTS = ['push', 'no-cache', 'pull', 'create-builder', 'keep-builder'];
const ACTION_INPUTS = [
    'context',
    'file',
    'target',
    'test-target',
    'test-command',
    'test-reports',
    'tags',
    'push',
    'labels',
    'build-args',
    'secrets',
    'secret-files',
    'secret-envs',
    'platforms',
    'builder',
    'network',
    'test-network',
    'no-cache',
    'pull',
    'cache',
    'cache-ref',
    'cache-from',
    'cache-to',
    'create-builder',
    'keep-builder',
    'add-hosts',
    'allow',
    'annotations',
    'attests',
    'build-contexts',
    'call',
    'cgroup-parent',
    'no-cache-filters',
    'outputs',
    'provenance',
    'sbom',
    'shm-size',
    'ssh',
    'ulimit',
    'check',
    'comment',
    'comment-key',
    'comment-author',
    'github-token',
    'baseline-branches',
    'baseline-ref',
    'max-size',
    'max-increase'
];
/** Short command-line spellings that read like docker's own flags. */
const INPUT_ALIASES = {
    f: 'file',
    t: 'tags',
    tag: 'tags',
    label: 'labels',
    'build-arg': 'build-args',
    secret: 'secrets',
    platform: 'platforms',
    'add-host': 'add-hosts',
    annotation: 'annotations',
    attest: 'attests',
    'build-context': 'build-contexts',
    'no-cache-filter': 'no-cache-filters',
    output: 'outputs',
    o: 'outputs'
};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/commands/run-args.ts
// `stagegate run`'s flags, read into the action's input values: its own module, so the command
// line can read `--builder` and start the docker probes before the pipeline loads (src/cli.ts).



const DOCKER_SECRET_KEYS = new Set(['type', 'id', 'src', 'source', 'env']);
/**
 * One `--secret` value as an entry of the action input it belongs to: `ID=VALUE` for `secrets`,
 * docker build's `id=ID,src=FILE` for `secret-files` and `id=ID,env=VAR` for `secret-envs`
 * (a value that starts with type=, id=, src=, source= or env=, lowercase, is docker's form). Pure.
 */
function secretFlag(value) {
    // Lowercase keys only: `--secret ID=VALUE` with an id such as `ID` or `Env` stays a value.
    const firstKey = value.slice(0, Math.max(0, value.indexOf('=')));
    if (!DOCKER_SECRET_KEYS.has(firstKey))
        return { input: 'secrets', entry: (0,secrets/* quoteListEntry */.fb)(value) };
    let type = '';
    let id = '';
    let src = '';
    let env = '';
    for (const { text } of (0,secrets/* splitListInput */.lW)('--secret', value, { ignoreComma: false })) {
        const eq = text.indexOf('=');
        const key = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase();
        const v = text.slice(eq + 1);
        if (eq < 0 || !DOCKER_SECRET_KEYS.has(key)) {
            // Not echoed: a value meant as ID=VALUE may have landed here.
            throw new errors/* UserError */.y(`--secret: docker's form is id=ID,src=FILE or id=ID,env=VAR, with the keys type, id, src, source and env only; a value is given as ID=VALUE.`);
        }
        if (key === 'type')
            type = v.toLowerCase();
        else if (key === 'id')
            id = v;
        else if (key === 'env')
            env = v;
        else
            src = v;
    }
    if (type !== '' && type !== 'file' && type !== 'env')
        throw new errors/* UserError */.y('--secret: the secret type must be file or env.');
    // As buildx: with type=env, src= names the variable.
    if (type === 'env' && env === '')
        [env, src] = [src, ''];
    if (id === '')
        throw new errors/* UserError */.y('--secret: the secret has no id; write id=ID,src=FILE or id=ID,env=VAR.');
    if (src !== '' && env !== '')
        throw new errors/* UserError */.y(`--secret id=${id}: give either src=FILE or env=VAR, not both.`);
    if (src !== '')
        return { input: 'secret-files', entry: (0,secrets/* quoteListEntry */.fb)(`${id}=${src}`) };
    if (env !== '')
        return { input: 'secret-envs', entry: `${id}=${env}` };
    throw new errors/* UserError */.y('--secret: docker\'s form needs src=FILE or env=VAR next to id=ID. A secret whose id is "id" (or type, src, source, env) given by value goes in --secrets, e.g. --secrets id=VALUE.');
}
/** Parses `run` flags into action input values. Pure. */
function parseRunArgs(argv) {
    const known = new Set(ACTION_INPUTS);
    const repeatable = new Set(REPEATABLE_INPUTS);
    const booleans = new Set(BOOLEAN_INPUTS);
    const values = {};
    const parsed = { inputs: {}, json: false, quiet: false, summaryFile: null };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const match = /^--?([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
        if (!match)
            throw new errors/* UserError */.y(`Unexpected argument "${arg}". See stagegate run --help.`);
        const flag = match[1] ?? '';
        let inline = match[2];
        // Messages name the flag as typed: `-t`, not `--t`.
        const spelled = `${arg.startsWith('--') ? '--' : '-'}${flag}`;
        if (flag === 'json' || flag === 'quiet') {
            parsed[flag] = true;
            continue;
        }
        const name = INPUT_ALIASES[flag] ?? flag;
        if (flag === 'summary') {
            parsed.summaryFile = inline ?? argv[++i] ?? '';
            if (!parsed.summaryFile)
                throw new errors/* UserError */.y('--summary needs a file name.');
            continue;
        }
        if (!known.has(name))
            throw new errors/* UserError */.y(`Unknown option ${spelled}. See stagegate run --help.`);
        if (booleans.has(name) && inline === undefined) {
            const next = argv[i + 1];
            inline = next === 'true' || next === 'false' ? (i++, next) : 'true';
        }
        const value = inline ?? argv[++i];
        if (value === undefined)
            throw new errors/* UserError */.y(`${spelled} needs a value.`);
        if (flag === 'secret') {
            // `--secret` reads like docker build's flag; `--secrets` stays the action input as written.
            const secret = secretFlag(value);
            (values[secret.input] ??= []).push(secret.entry);
            continue;
        }
        if (!repeatable.has(name) && values[name])
            throw new errors/* UserError */.y(`${spelled} was given twice; it takes one value.`);
        (values[name] ??= []).push(value);
    }
    for (const [name, list] of Object.entries(values))
        parsed.inputs[name] = list.join('\n');
    return parsed;
}


/***/ }),

/***/ 4101:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RUN_USAGE: () => (/* binding */ RUN_USAGE),
  outputLine: () => (/* binding */ outputLine),
  runCommand: () => (/* binding */ runCommand),
  terminalHost: () => (/* binding */ terminalHost)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/redact.ts
/** Replaces every secret value in a text with `***`, longest first so overlapping values stay hidden. */
function redact(text, secrets) {
    let out = text;
    for (const value of [...secrets].sort((a, b) => b.length - a.length)) {
        if (value !== '')
            out = out.split(value).join('***');
    }
    return out;
}
/**
 * A host that hides secret values in everything it prints, writes or outputs. The runner masks
 * values after `::add-mask::` too, but a terminal (the CLI) does not, and a mask must not depend
 * on who reads the log.
 */
function redactingHost(host, secrets) {
    if (secrets.every(s => s === ''))
        return host;
    const hide = (text) => redact(text, secrets);
    return {
        ...host,
        info: message => host.info(hide(message)),
        warning: (message, where) => host.warning(hide(message), where),
        error: (message, where) => host.error(hide(message), where),
        group: (name, fn) => host.group(hide(name), fn),
        untrusted: fn => host.untrusted(emit => fn(line => emit(hide(line)))),
        setOutput: (name, value) => host.setOutput(name, hide(value)),
        appendSummary: markdown => host.appendSummary(hide(markdown))
    };
}

;// CONCATENATED MODULE: ./src/outputs.ts

/** Output values as the action sets them (all strings). Pure, so the contract is table-tested. */
function outputValues(result) {
    const values = rawOutputValues(result);
    // Test names and messages in the metadata can echo a secret: no output may carry one.
    for (const name of Object.keys(values))
        values[name] = redact(values[name] ?? '', result.secretValues ?? []);
    return values;
}
function rawOutputValues(result) {
    const runtime = result.builds.find(b => b.role === 'runtime');
    const values = {
        'test-outcome': result.testOutcome,
        failure: result.failure ?? '',
        'image-id': result.imageId ?? '',
        imageid: result.imageId ?? '',
        digest: result.digest ?? '',
        tags: result.tags.join('\n'),
        metadata: JSON.stringify(buildxMetadataOf(result)),
        'run-metadata': JSON.stringify({
            'image-id': result.imageId,
            digest: result.digest,
            tags: result.tags,
            pushed: result.pushed,
            target: runtime ? (runtime.stage.name ?? runtime.stage.index) : null,
            tests: result.tests,
            'tester-image': result.testerImage,
            builds: result.builds.map(b => ({
                role: b.role,
                stage: b.stage.name ?? b.stage.index,
                ok: b.ok,
                seconds: Number(b.seconds.toFixed(2)),
                steps: b.counts
            }))
        })
    };
    Object.assign(values, result.reportOutputs);
    if (result.tests.tests !== undefined) {
        values['tests-passed'] = String(result.tests.passed ?? 0);
        values['tests-failed'] = String((result.tests.failed ?? 0) + (result.tests.errors ?? 0));
    }
    return values;
}
function setOutputs(host, result) {
    for (const [name, value] of Object.entries(outputValues(result)))
        host.setOutput(name, value);
}
/**
 * build-push-action's `metadata` output: buildx's own metadata JSON, so that
 * `fromJSON(steps.x.outputs.metadata)['containerimage.digest']` works after a change of `uses:`.
 * The classic path has no buildx metadata: the same keys, from what the build and push said.
 * A digest is only there for a pushed image, and a descriptor of the build only when it is the
 * pushed image's (or nothing was pushed: the loaded image's). Pure.
 */
function buildxMetadataOf(result) {
    const metadata = { ...(result.buildxMetadata ?? {}) };
    if (result.imageId)
        metadata['containerimage.config.digest'] = result.imageId;
    if (result.digest)
        metadata['containerimage.digest'] = result.digest;
    else
        delete metadata['containerimage.digest'];
    // `docker push` of a loaded image can ship other bytes (the classic store compresses anew): a
    // descriptor of what the build made is then not the pushed image's, or not known to be.
    const descriptor = metadata['containerimage.descriptor'];
    if (result.pushed && descriptor && descriptor.digest !== result.digest)
        delete metadata['containerimage.descriptor'];
    if (result.tags.length > 0 && metadata['image.name'] === undefined)
        metadata['image.name'] = result.tags.join(',');
    return metadata;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/dockerfile/index.ts
var dockerfile = __webpack_require__(8250);
// EXTERNAL MODULE: ./src/reference.ts
var src_reference = __webpack_require__(8286);
;// CONCATENATED MODULE: ./src/engine/failure.ts


/** Instructions that BuildKit turns into numbered steps (`[stage k/n]`); ENV, ARG, LABEL… are not. */
const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
/**
 * Finds the Dockerfile instruction behind a failed BuildKit step. BuildKit numbers a stage's
 * steps FROM (only when the base is an image) then RUN/COPY/ADD/WORKDIR; so step k maps back.
 */
function locateFailure(step, graph, target) {
    const named = step.stage;
    const stage = (named !== null ? graph.stages.find(s => (0,dockerfile/* stageLabel */.Hn)(s) === named) : target) ?? null;
    const exit = /exit code: (\d+)/.exec(step.error ?? '');
    const location = {
        stage: step.stage ?? (0,dockerfile/* stageLabel */.Hn)(target),
        step: step.name,
        line: null,
        exitCode: exit ? Number(exit[1]) : null
    };
    if (!stage || step.index === null)
        return location;
    const numbered = stage.instructions.filter(i => STEP_KEYWORDS.has(i.keyword));
    const fromCounts = stage.baseStage === null && stage.base !== 'scratch';
    const position = step.index - (fromCounts ? 2 : 1);
    if (step.index === 1 && fromCounts) {
        location.line = stage.line;
    }
    else if (position >= 0 && position < numbered.length) {
        location.line = numbered[position]?.startLine ?? null;
    }
    if (location.line === null) {
        const keyword = step.name.split(/\s/, 1)[0]?.toUpperCase();
        location.line = numbered.find(i => i.keyword === keyword)?.startLine ?? null;
    }
    return location;
}
/**
 * Output lines worth showing: from the failing step's whole output, the lines that report
 * failures (`not ok`, `FAILED`, `--- FAIL`…) and its tail; else the build's last lines.
 */
function failureOutput(step, tail, limit) {
    const own = step?.logs.some(l => l.trim() !== '') ? step.excerpt.excerpt().lines : [];
    return own.length > 0 ? own : tail.filter(l => l.trim() !== '').slice(-limit);
}
const FAILURE_TITLES = {
    tests: 'stagegate: tests failed',
    build: 'stagegate: build failed',
    builder: 'stagegate: builder or infrastructure failed'
};
/**
 * Errors that come from the engine or the builder even when a Dockerfile step shows them: a
 * RUN that cannot get its network did not fail because of the tests. Each with what to do.
 */
const INFRASTRUCTURE_ERRORS = [
    {
        pattern: /network \S+ not found/i,
        hint: 'The engine has no such network (engines without a default bridge): set the "network" input to host or none.'
    },
    {
        pattern: /no space left on device/i,
        hint: 'The machine ran out of disk space: free some (docker system prune) or use a bigger runner.'
    },
    {
        pattern: /OCI runtime (?:create|exec|start) failed|failed to create shim|failed to mount|unable to apply caps/i,
        hint: 'The container runtime could not start the step: check the engine and runner permissions.'
    },
    {
        pattern: /Cannot connect to the Docker daemon|error during connect|Is the docker daemon running/i,
        hint: 'The Docker engine does not answer: start it, or check DOCKER_HOST.'
    }
];
/** Vertices that are the builder's own work: booting, exporting, cache, pushing, auth. */
const BUILDER_VERTEX = /^\[internal\] booting buildkit|^exporting |^importing cache|^writing image|^naming to|^pushing |^\[auth\]|^resolve image config for|^sending tarball|^loading layer/i;
const BASE_METADATA = /^\[internal\] load metadata for (\S+)$/;
/** Classifies a failed build. Pure: a function of the progress, the graph and the roles. */
function classifyFailure(facts) {
    const { step, graph, target } = facts;
    const errorText = [step?.error ?? '', ...(step ? [] : facts.trailer)].join('\n');
    const infra = INFRASTRUCTURE_ERRORS.find(e => e.pattern.test(errorText));
    const tail = facts.trailer.filter(l => l.trim() !== '').slice(-1)[0];
    if (!step) {
        const last = tail ?? `docker exited with code ${facts.exitCode}`;
        return {
            kind: 'builder',
            stage: (0,dockerfile/* stageLabel */.Hn)(target),
            step: '',
            line: null,
            exitCode: facts.exitCode,
            message: `The builder failed before any build step ran: ${last}${infra ? ` ${infra.hint}` : ''}`
        };
    }
    const base = BASE_METADATA.exec(step.name);
    const fromStep = step.dockerfileStep && /^FROM /i.test(step.name);
    if (base || fromStep) {
        const image = base ? (base[1] ?? '') : step.name.slice('FROM '.length).split(/\s/, 1)[0];
        const stage = (step.stage !== null ? graph.stages.find(s => (0,dockerfile/* stageLabel */.Hn)(s) === step.stage) : undefined) ??
            graph.stages.find(s => s.baseStage === null && sameImage(s.base, image));
        const at = stage ? ` of stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}" (${graph.file}:${stage.line})` : '';
        return {
            kind: infra ? 'builder' : 'build',
            stage: stage ? (0,dockerfile/* stageLabel */.Hn)(stage) : (0,dockerfile/* stageLabel */.Hn)(target),
            step: step.name,
            line: stage?.line ?? null,
            exitCode: null,
            message: `The base image ${image}${at} could not be resolved: ${step.error ?? 'failed'}. ` +
                (infra?.hint ?? 'Check the image name and tag, and log in to its registry if it is private.')
        };
    }
    if (!step.dockerfileStep) {
        const builderWork = BUILDER_VERTEX.test(step.name);
        const what = builderWork ? `while ${step.name.replace(/^\[[^\]]+\]\s*/, '')}` : `at "${step.name}"`;
        return {
            kind: builderWork || infra ? 'builder' : 'build',
            stage: (0,dockerfile/* stageLabel */.Hn)(target),
            step: step.name,
            line: null,
            exitCode: null,
            message: `The ${builderWork ? 'builder' : 'build'} failed ${what}: ${step.error ?? 'failed'}.${infra ? ` ${infra.hint}` : ''}`
        };
    }
    const where = locateFailure(step, graph, target);
    const at = where.line !== null ? `${graph.file}:${where.line}` : graph.file;
    const code = where.exitCode !== null ? `exit code ${where.exitCode}` : (step.error ?? 'failed');
    if (infra) {
        return {
            ...where,
            kind: 'builder',
            message: `Stage "${where.stage}" could not run \`${where.step}\` (${at}): ${step.error ?? 'failed'}. ${infra.hint}`
        };
    }
    const inTests = facts.testStage !== null && where.stage === (0,dockerfile/* stageLabel */.Hn)(facts.testStage);
    return {
        ...where,
        kind: inTests ? 'tests' : 'build',
        message: inTests
            ? `Tests failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
            : `The build failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
    };
}
/** `node:23` and `docker.io/library/node:23` name the same image. */
function sameImage(a, b) {
    return canonicalImage(a) === canonicalImage(b);
}
function canonicalImage(ref) {
    let name = ref.trim();
    const first = name.split('/')[0] ?? '';
    const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (!hasRegistry)
        name = `docker.io/${name.includes('/') ? '' : 'library/'}${name}`;
    const { tag, digest } = (0,src_reference/* splitReference */.mQ)(name);
    if (tag === null && digest === null)
        name += ':latest';
    return name;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/image-name.ts
// Names stagegate derives from the user's tags or context folder: the image name for cache scopes
// and local tags, and the tester image's local tag.



/** Image name for cache scopes and local tags: the first tag's repository, else the context folder. */
function imageNameOf(tags, context) {
    const first = tags[0];
    if (first)
        return (0,src_reference/* splitReference */.mQ)(first).name;
    return (external_node_path_default().basename(context)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-') || 'image');
}
/** A repository path component docker accepts: no leading, trailing or doubled `.`/`_`/`-` mix. */
const REFERENCE_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A local tag for the tester image: stable per image (reruns replace it), never pushed. */
function testerTagFor(imageName) {
    const lowered = (imageName.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
    // A context folder like `.github` or `My App (2)` is no valid component as it is.
    const short = REFERENCE_COMPONENT.test(lowered)
        ? lowered
        : lowered.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
    const hash = (0,external_node_crypto_.createHash)('sha256').update(imageName).digest('hex').slice(0, 8);
    return `stagegate/${short}:tester-${hash}`;
}

;// CONCATENATED MODULE: ./src/check/in-run.ts

const CHECK_MODES = ['warn', 'error', 'off'];
/** Longest instruction text kept: enough to tell instructions apart, small in the baseline. */
const NORMALIZED_CHARS = 200;
/** An instruction's text for comparing: keyword uppercased, whitespace runs as one space. Pure. */
function normalizeInstruction(text) {
    const words = text.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0)
        return '';
    const [keyword, ...rest] = words;
    return Array.from([keyword.toUpperCase(), ...rest].join(' '))
        .slice(0, NORMALIZED_CHARS)
        .join('');
}
/** The stage and instruction a finding's first line falls in. Pure. */
function locateFinding(graph, finding) {
    const line = finding.startLine;
    let stage;
    for (const s of graph.stages)
        if (s.line <= line)
            stage = s;
    const instructions = [...graph.metaArgs, ...(stage?.instructions ?? [])];
    const at = instructions.find(i => i.startLine <= line && line <= i.endLine);
    return {
        ruleName: finding.ruleName,
        detail: finding.detail,
        url: finding.url,
        startLine: finding.startLine,
        endLine: Math.max(finding.startLine, finding.endLine),
        severity: finding.severity,
        stage: stage ? (0,dockerfile/* stageLabel */.Hn)(stage) : '',
        instruction: at ? normalizeInstruction(at.original) : ''
    };
}
/**
 * The annotations of a run's findings: errors under `check: error` (the run fails on them) and for
 * findings the Dockerfile itself makes errors (`# check=error=true`), warnings otherwise. Pure.
 */
function findingAnnotations(findings, file, mode) {
    if (mode === 'off')
        return [];
    return findings.map(f => ({
        level: mode === 'error' || f.severity === 'error' ? 'error' : 'warning',
        // The rule in the message too: a terminal shows no title.
        message: `${f.detail} (${f.ruleName})${f.url ? `\n${f.url}` : ''}`,
        where: { title: f.ruleName, file, startLine: f.startLine, endLine: f.endLine }
    }));
}
/** Findings listed in the failure message; the annotations show them all. */
const FAILURE_LISTED = 10;
/**
 * Whether the run stops before any build: under `check: error`, on any finding; under `warn`, on
 * the findings the Dockerfile itself made errors (`# check=error=true`), as BuildKit's build
 * fails on them. The message lists them (file:line rule: detail) and says what to do. Pure; null
 * when the run goes on.
 */
function checkFailure(allFindings, file, mode) {
    if (mode === 'off')
        return null;
    const findings = mode === 'error' ? allFindings : allFindings.filter(f => f.severity === 'error');
    if (findings.length === 0)
        return null;
    const n = findings.length;
    const why = mode === 'error' ? 'check: error' : 'the Dockerfile says # check=error=true';
    const escape = mode === 'error' ? 'or set check: warn to build anyway' : 'or drop error=true from its # check= line';
    const listed = findings
        .slice(0, FAILURE_LISTED)
        .map(f => `${file}:${f.startLine} ${f.ruleName}: ${f.detail}`);
    const more = n > FAILURE_LISTED ? `; and ${n - FAILURE_LISTED} more` : '';
    // What to do before the list: the summary shortens long messages.
    return (`The Dockerfile check found ${n === 1 ? '1 problem' : `${n} problems`}, so nothing was built (${why}). ` +
        `Fix ${n === 1 ? 'it' : 'them'} (stagegate check lists the same), ${escape}: ` +
        `${listed.join('; ')}${more}.`);
}
const keyOf = (f) => JSON.stringify([f.ruleName, f.stage, f.instruction]);
/**
 * Which findings are new, still there or fixed against the base branch's. Lines shift with every
 * edit above them, so findings match by rule, stage and instruction text; findings with the same
 * detail pair up first (two undefined variables in one RUN), then any of the same rule and place.
 * Each base finding matches at most one current finding. Pure.
 */
function compareFindings(current, base) {
    const unmatched = [...base];
    const matched = new Set();
    const take = (f, same) => {
        const i = unmatched.findIndex(same);
        if (i < 0)
            return false;
        unmatched.splice(i, 1);
        matched.add(f);
        return true;
    };
    for (const f of current)
        take(f, b => keyOf(b) === keyOf(f) && b.detail === f.detail);
    for (const f of current)
        if (!matched.has(f))
            take(f, b => keyOf(b) === keyOf(f));
    return {
        introduced: current.filter(f => !matched.has(f)),
        remaining: current.filter(f => matched.has(f)),
        fixed: unmatched
    };
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
/** What is wrong with stored findings (a baseline record's `findings`), or null. Pure. */
function findingsProblem(value) {
    if (!Array.isArray(value))
        return 'findings is not a list';
    for (const [i, f] of value.entries()) {
        const bad = `findings[${i}] is invalid`;
        if (!isObject(f))
            return bad;
        for (const key of ['ruleName', 'detail', 'url', 'stage', 'instruction'])
            if (typeof f[key] !== 'string')
                return `${bad} (${key})`;
        if (!isLine(f.startLine) || !isLine(f.endLine))
            return `${bad} (lines)`;
        if (f.severity !== 'warning' && f.severity !== 'error')
            return `${bad} (severity)`;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// Markdown building blocks that make strings we do not control (image names, tags, Dockerfile
// instructions, test names and messages) render as the same characters and nothing else: no
// HTML, no links, no emphasis, no table cells, no @mentions or #references that notify people.
/** Default length of one user-controlled string in the report. */
const MAX_TEXT = 200;
const ZERO_WIDTH_SPACE = '\u200b';
/** Shortens `text` to at most `max` characters (code points), marking the cut with an ellipsis. */
function truncate(text, max = MAX_TEXT) {
    const chars = Array.from(text);
    return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : text;
}
/**
 * Text safe for inline markdown, table cells included: newlines become spaces, HTML
 * metacharacters become entities, the punctuation that markdown acts on inline is backslash-escaped
 * (CommonMark renders `\x` as `x` for punctuation; GFM tables treat `\|` as a literal pipe), and
 * `@name` / `#123` get a zero-width space so GitHub does not ping or cross-link. The result is
 * never placed at the start of a line, so block syntax (`- `, `1. `, `+ `) needs no escape.
 */
function escapeText(text, max = MAX_TEXT) {
    return truncate(text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' '), max)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]#!|~$]/g, '\\$&')
        .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZERO_WIDTH_SPACE}`)
        .replace(/\\#(?=\d)/g, `\\#${ZERO_WIDTH_SPACE}`);
}
/**
 * Text for raw HTML where markdown is not processed (a `<summary>` line): entities only (markdown
 * punctuation too, in case a renderer does process it), plus the zero-width space against mentions
 * and references.
 */
function escapeHtml(text, max = MAX_TEXT) {
    return truncate(text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' '), max)
        .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZERO_WIDTH_SPACE}`)
        .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/["'`*_[\]()~|\\!#:$]/g, c => `&#${c.charCodeAt(0)};`);
}
/**
 * Monospaced text, safe anywhere (table cells too). An HTML `<code>` element around escaped text
 * rather than a backtick span: a pipe inside a backtick span still splits a GFM table cell, and
 * the escapes inside the element keep working.
 */
function code(text, max = MAX_TEXT) {
    return `<code>${escapeText(text, max) || ' '}</code>`;
}
/** A label for a quoted mermaid string: letters, digits and harmless punctuation only. */
function mermaidLabel(text, max = 40) {
    const plain = text
        .replace(/[^A-Za-z0-9 ./+=,()-]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return truncate(plain, max) || 'layer';
}
/** An http(s) URL fit for `[text](url)`, or null for anything else (javascript:, data:, junk). */
function safeUrl(url) {
    if (!url)
        return null;
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return null;
    return parsed.href.replace(/[()<>"' ]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** A link when the URL is safe, else the plain (escaped) label. */
function markdown_link(label, url) {
    const href = safeUrl(url);
    return href ? `[${escapeText(label)}](${href})` : escapeText(label);
}
/** A GFM table; cells must already be escaped. */
function table(headers, rows, align) {
    const rule = headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
    return [`| ${headers.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)];
}
/** A collapsed section. The blank lines let markdown (tables, lists) render inside it. */
function details(summary, body, open = false) {
    return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

;// CONCATENATED MODULE: ./src/report/dockerfile-section.ts
// The report's collapsed "Dockerfile" section: the check's findings, those a change introduces
// first, and the base branch's findings it fixed. Every string from the repository is escaped.


/**
 * The section's input from a run's check and its baseline. A baseline recorded without findings
 * (check: off there, or an older stagegate) gives no comparison rather than "all new". Pure.
 */
function dockerfileReport(check, baseline) {
    if (check.mode === 'off')
        return null;
    const base = baseline?.findings;
    const compared = base ? compareFindings(check.findings, base) : null;
    return {
        file: check.file,
        // New findings first, then the rest, each group in file order.
        findings: compared ? [...compared.introduced, ...compared.remaining] : check.findings,
        comparison: compared ? { introduced: compared.introduced, fixed: compared.fixed } : null,
        baseRef: baseline?.ref ?? null
    };
}
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** The summary line of the collapsed section: numbers only, so no escaping is needed. Pure. */
function dockerfileSummary(report) {
    const parts = [];
    if (report.comparison)
        parts.push(`${report.comparison.introduced.length} new`);
    if (report.comparison?.fixed.length)
        parts.push(`${report.comparison.fixed.length} fixed`);
    return `Dockerfile: ${count(report.findings.length, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
function findingLine(file, f, mark) {
    const lines = f.endLine > f.startLine ? `${f.startLine}-${f.endLine}` : String(f.startLine);
    const where = code(`${file}:${lines}`, 160);
    const prefix = mark === 'new' ? '🆕 ' : mark === 'fixed' ? '✅ fixed: ' : '';
    // A fixed finding's line is the base branch's.
    const at = mark === 'fixed' ? `(was ${where})` : where;
    return `- ${prefix}${markdown_link(f.ruleName, f.url)} ${at}: ${escapeText(f.detail, 300)}`;
}
/**
 * The section, or nothing when there is nothing to say (no finding, none fixed). At most
 * `maxRows` findings are listed, new ones first; the log's annotations hold the rest. Pure.
 */
function dockerfileSection(report, maxRows) {
    if (!report)
        return [];
    const fixed = report.comparison?.fixed ?? [];
    if (report.findings.length === 0 && fixed.length === 0)
        return [];
    const introduced = new Set(report.comparison?.introduced ?? []);
    const against = report.baseRef ? ` against ${code(report.baseRef, 100)}` : '';
    const body = [];
    const rows = [
        ...report.findings.map(f => findingLine(report.file, f, introduced.has(f) ? 'new' : '')),
        ...fixed.map(f => findingLine(report.file, f, 'fixed'))
    ];
    if (report.comparison && introduced.size > 0)
        body.push(`🆕 marks the findings this change introduces${against}.`, '');
    else if (report.comparison && report.findings.length > 0)
        body.push(`No finding is new${against}.`, '');
    body.push(...rows.slice(0, Math.max(0, maxRows)));
    if (rows.length > maxRows)
        body.push(`- … and ${rows.length - maxRows} more: see the annotations in the workflow run's log.`);
    return details(dockerfileSummary(report), body);
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(3053);
var external_node_diagnostics_channel_default = /*#__PURE__*/__webpack_require__.n(external_node_diagnostics_channel_);
;// CONCATENATED MODULE: ./src/report/deadline.ts
// An overall deadline for calls into clients that can hang or retry for a long time: the
// Actions cache client (@actions/cache) has no request timeout on its twirp calls and retries
// each one for up to ~35 s; the Azure SDK behind its upload retries for minutes.
//
// A plain Promise.race would return in time but leave the abandoned call's sockets and retry
// timers holding node open, so everything the call creates is tracked by its async context:
// its timers are unref'd (our own deadline timer keeps the process alive while it runs), and at
// the deadline its sockets are destroyed. Along the way the last HTTP error status or failed
// request is noted, because @actions/cache only logs why it failed and returns "no entry".


const context = new external_node_async_hooks_.AsyncLocalStorage();
// Timers created inside an operation must not keep the process alive once it is abandoned.
const timerHook = (0,external_node_async_hooks_.createHook)({
    init(_id, type, _trigger, resource) {
        if (type !== 'Timeout' || context.getStore() === undefined)
            return;
        resource.unref?.();
    }
});
function onSocket(message) {
    const op = context.getStore();
    const socket = message.socket;
    if (!op || !socket)
        return;
    if (op.timedOut) {
        socket.unref();
        process.nextTick(() => socket.destroy());
        return;
    }
    op.sockets.add(socket);
    socket.once('close', () => op.sockets.delete(socket));
}
// Published synchronously as a request is created, so the async context is the caller's.
function onRequest(message) {
    const op = context.getStore();
    const request = message.request;
    if (!op || !request)
        return;
    const name = describeRequest(request.method, request.path);
    request.once('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 400 && !op.timedOut) {
            op.trouble = `${name} answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
        }
    });
    request.once('error', (error) => {
        if (!op.timedOut)
            op.trouble = `${name} failed: ${error.code ?? error.message}`;
    });
}
/**
 * A short name for a request in a message: the twirp method of the cache service
 * (`GetCacheEntryDownloadURL`), else the method and path without its query (which holds the
 * blob URL's signature).
 */
function describeRequest(method, requestPath) {
    const path = (requestPath ?? '').split('?')[0] ?? '';
    const twirp = /\/twirp\/[^/]+\/([^/]+)$/.exec(path);
    if (twirp)
        return twirp[1] ?? path;
    const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path;
    return `${method ?? 'GET'} ${shown}`;
}
const DEADLINE = Symbol('deadline');
let subscribers = 0;
function subscribe() {
    if (subscribers++ > 0)
        return;
    external_node_diagnostics_channel_default().subscribe('net.client.socket', onSocket);
    external_node_diagnostics_channel_default().subscribe('http.client.request.start', onRequest);
    timerHook.enable();
}
function unsubscribe() {
    if (--subscribers > 0)
        return;
    external_node_diagnostics_channel_default().unsubscribe('net.client.socket', onSocket);
    external_node_diagnostics_channel_default().unsubscribe('http.client.request.start', onRequest);
    timerHook.disable();
}
/**
 * Run `call` for at most `ms`. It either finishes (its value, or its error rethrown) or is
 * abandoned at the deadline: its sockets are destroyed, its timers no longer hold the process,
 * and `timedOut` is set. `trouble` names the last HTTP error or broken connection seen.
 */
async function withDeadline(ms, call) {
    const op = { sockets: new Set(), trouble: null, timedOut: false };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    subscribe();
    let timer;
    const deadline = new Promise(resolve => {
        timer = setTimeout(() => resolve(DEADLINE), ms);
    });
    const work = context.run(op, call);
    // The abandoned call keeps tracking (and unref'ing) until it settles on its own.
    work
        .catch(() => undefined)
        .finally(() => {
        unsubscribe();
    });
    try {
        const first = await Promise.race([work, deadline]);
        if (first === DEADLINE) {
            op.timedOut = true;
            for (const socket of op.sockets)
                socket.destroy();
            return { timedOut: true, trouble: op.trouble, elapsedMs: elapsed() };
        }
        return { timedOut: false, value: first, trouble: op.trouble, elapsedMs: elapsed() };
    }
    finally {
        clearTimeout(timer);
    }
}

;// CONCATENATED MODULE: ./src/report/baseline.ts
// The size baseline: a run on the default branch (or a listed branch) stores its measurement in
// the Actions cache; a pull request restores the newest record of its base branch to compare.
//
// Keys: `stagegate-baseline-v1-<scope>-<branch>~<runId>-<attempt>`. Cache entries are immutable,
// so every run writes its own key and readers take the newest entry under the branch prefix
// `stagegate-baseline-v1-<scope>-<branch>~` (the service prefers the most recently created entry
// among prefix matches). `~` cannot occur in a git ref, so branch `main` never matches the records
// of `main-next`. `<scope>` hashes image, target and platforms, so two images built in one repo
// keep separate baselines.






const KEY_PREFIX = 'stagegate-baseline-v1';
const RECORD_SCHEMA = 'stagegate-baseline/v1';
const RECORD_FILE = 'baseline.json';
const MAX_BRANCH_LENGTH = 200;
/** A short stable hash of what was measured, so different images keep different baselines. */
function baselineScope(input) {
    const platforms = [
        ...new Set(input.platforms.map(p => p.trim().toLowerCase()).filter(p => p !== ''))
    ].sort();
    const identity = JSON.stringify([input.image.trim(), input.target.trim(), platforms]);
    return (0,external_node_crypto_.createHash)('sha256').update(identity).digest('hex').slice(0, 16);
}
/**
 * A branch name made safe for a cache key: `refs/heads/` dropped, characters outside
 * `[A-Za-z0-9._/-]` (commas included, which keys may not contain) replaced by `_`, and very long
 * names shortened with a hash so keys stay far below the 512-character limit.
 */
function sanitizeBranch(branch) {
    const name = branch.trim().replace(/^refs\/heads\//, '');
    const safe = name.replace(/[^A-Za-z0-9._/-]/g, '_') || '_';
    if (safe.length <= MAX_BRANCH_LENGTH)
        return safe;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex').slice(0, 12);
    return `${safe.slice(0, MAX_BRANCH_LENGTH - 13)}_${digest}`;
}
function branchPrefix(input) {
    return `${KEY_PREFIX}-${baselineScope(input)}-${sanitizeBranch(input.branch)}~`;
}
function counter(value, name) {
    const text = String(value).trim();
    if (!/^\d+$/.test(text))
        throw new Error(`baseline key: ${name} must be a number, got ${JSON.stringify(value)}`);
    return text;
}
/** The key one run saves its record under. */
function baselineKey(input) {
    return `${branchPrefix(input)}${counter(input.runId, 'runId')}-${counter(input.runAttempt, 'runAttempt')}`;
}
/**
 * Prefixes that find the newest record of `branch`, then of each fallback branch in order (e.g.
 * the default branch when the PR's base has none). At most 10, the service's limit.
 */
function baselineRestoreKeys(input) {
    const branches = [input.branch, ...(input.fallbackBranches ?? [])].map(sanitizeBranch);
    return [...new Set(branches)].slice(0, 10).map(branch => branchPrefix({ ...input, branch }));
}
/** The branch a ref names, or null for tags and other refs. */
function branchOfRef(ref) {
    if (!ref)
        return null;
    const match = /^refs\/heads\/(.+)$/.exec(ref);
    return match?.[1] ?? null;
}
/** Events that run on a branch's own code after it was pushed, and so may record a baseline. */
const RECORDING_EVENTS = new Set(['push', 'workflow_dispatch', 'schedule']);
/** `*` matches any run of characters (slashes included); everything else is literal. */
function branchMatches(pattern, branch) {
    const glob = pattern.trim().replace(/^refs\/heads\//, '');
    if (glob === '')
        return false;
    const regex = new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`);
    return regex.test(branch);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * Whether this run stores its measurement as a baseline: a push (or a manual/scheduled run) on
 * the default branch or on a listed branch. Never on pull requests: their images are not what
 * later pull requests should be compared with.
 */
function shouldRecordBaseline(input) {
    const branch = branchOfRef(input.ref);
    if (!RECORDING_EVENTS.has(input.eventName)) {
        return {
            record: false,
            branch,
            reason: `baselines are not recorded on ${input.eventName || 'unknown'} events`
        };
    }
    if (!branch)
        return { record: false, branch, reason: `${input.ref || 'the ref'} is not a branch` };
    if (input.defaultBranch && branch === input.defaultBranch) {
        return { record: true, branch, reason: `${branch} is the default branch` };
    }
    const pattern = (input.baselineBranches ?? []).find(p => branchMatches(p, branch));
    if (pattern !== undefined)
        return { record: true, branch, reason: `${branch} matches baseline-branches (${pattern})` };
    return { record: false, branch, reason: `${branch} is neither the default branch nor in baseline-branches` };
}
/**
 * The branch whose baseline this run compares with: a pull request's base branch, a merge
 * queue's target, or for branch runs the branch itself (its previous record). Null otherwise.
 */
function baseBranchOf(event) {
    const payload = event.payload;
    if (event.eventName.startsWith('pull_request')) {
        const ref = payload.pull_request?.base?.ref;
        return typeof ref === 'string' && ref !== '' ? ref : null;
    }
    if (event.eventName === 'merge_group') {
        const ref = payload.merge_group?.base_ref;
        return typeof ref === 'string' ? (branchOfRef(ref) ?? (ref || null)) : null;
    }
    return branchOfRef(event.ref);
}
const SOURCES = new Set(['registry', 'oci-layout', 'docker-save', 'docker-inspect']);
/** Parse and check a stored record. Anything unexpected is an error, never a half-read baseline. */
function parseBaselineRecord(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    const problem = recordProblem(data);
    return problem ? { ok: false, error: problem } : { ok: true, record: data };
}
function recordProblem(data) {
    if (!baseline_isObject(data))
        return 'not an object';
    if (data.schema !== RECORD_SCHEMA)
        return `unknown schema ${JSON.stringify(data.schema)}`;
    if (typeof data.branch !== 'string')
        return 'branch is missing';
    if (typeof data.savedAt !== 'string')
        return 'savedAt is missing';
    if (data.sha !== undefined && typeof data.sha !== 'string')
        return 'sha is not a string';
    if (data.findings !== undefined) {
        const problem = findingsProblem(data.findings);
        if (problem)
            return problem;
    }
    const m = data.measurement;
    if (!baseline_isObject(m))
        return 'measurement is missing';
    if (typeof m.image !== 'string' || typeof m.target !== 'string')
        return 'measurement.image/target missing';
    if (!Array.isArray(m.tags) || !m.tags.every(t => typeof t === 'string'))
        return 'measurement.tags is not a list';
    if (!isStringOrNull(m.digest))
        return 'measurement.digest is invalid';
    if (typeof m.measuredAt !== 'string')
        return 'measurement.measuredAt is missing';
    if (typeof m.source !== 'string' || !SOURCES.has(m.source))
        return 'measurement.source is invalid';
    if (!Array.isArray(m.platforms) || m.platforms.length === 0)
        return 'measurement.platforms is empty';
    for (const [i, p] of m.platforms.entries()) {
        const where = `measurement.platforms[${i}]`;
        if (!baseline_isObject(p) || typeof p.platform !== 'string')
            return `${where}.platform is missing`;
        if (!isSize(p.compressed) || !(p.disk === null || isSize(p.disk)))
            return `${where} sizes are invalid`;
        if (!Array.isArray(p.layers))
            return `${where}.layers is not a list`;
        for (const [j, l] of p.layers.entries()) {
            if (!baseline_isObject(l) ||
                !isStringOrNull(l.digest) ||
                !isSize(l.compressed) ||
                !(l.disk === null || isSize(l.disk)) ||
                typeof l.createdBy !== 'string') {
                return `${where}.layers[${j}] is invalid`;
            }
            // Records of older runs have no file summary; one that is there must be whole.
            if (l.files !== undefined && !isLayerFiles(l.files))
                return `${where}.layers[${j}].files is invalid`;
        }
    }
    return null;
}
function isPathBytesList(value) {
    return (Array.isArray(value) &&
        value.every(p => baseline_isObject(p) &&
            typeof p.path === 'string' &&
            isSize(p.bytes) &&
            (p.files === undefined || isSize(p.files))));
}
/** The per-layer file summary (model.ts LayerFiles). */
function isLayerFiles(value) {
    return (baseline_isObject(value) &&
        isSize(value.files) &&
        isSize(value.bytes) &&
        isPathBytesList(value.dirs) &&
        isPathBytesList(value.top) &&
        typeof value.dirsComplete === 'boolean' &&
        typeof value.topComplete === 'boolean' &&
        Array.isArray(value.deleted) &&
        value.deleted.every(d => typeof d === 'string') &&
        isSize(value.deletedCount));
}
function baseline_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isStringOrNull(value) {
    return value === null || typeof value === 'string';
}
function isSize(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
/** Restore and save get 10 s each, so the baseline adds at most 20 s to a run. */
const BASELINE_DEADLINE_MS = 10_000;
// Per-request bounds of the download (the Azure SDK path the real service uses); the deadline
// above bounds everything else, including SEGMENT_DOWNLOAD_TIMEOUT_MINS set by the user.
const DOWNLOAD_OPTIONS = { timeoutInMs: 5_000, segmentTimeoutInMs: 8_000 };
/**
 * The line the report shows when the cache service failed, so a reader knows the missing
 * comparison is not "no baseline recorded yet". Pure; `why` comes from `unavailable` of
 * RestoreBaselineResult.
 */
function baselineUnavailableNote(why) {
    return `⚠️ The size baseline could not be read: ${why}. Sizes are shown without a comparison; the next run tries again.`;
}
function seconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}
/** Why the cache service could not be used, from what withDeadline saw. Pure. */
function cacheTrouble(what) {
    if (what.timedOut) {
        return `the Actions cache service did not finish within ${seconds(what.deadlineMs)}${what.trouble ? ` (last problem: ${what.trouble})` : ' (no answer)'}`;
    }
    return `the Actions cache service failed (${what.trouble ?? 'unknown error'})`;
}
function defaultBaselineDir() {
    return external_node_path_default().join((0,external_node_os_.tmpdir)(), 'stagegate-baseline');
}
async function logOf(options) {
    return options.log ?? (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(838)]).then(__webpack_require__.bind(__webpack_require__, 3838)));
}
const UNAVAILABLE = 'the Actions cache service is not available (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL are not set, ' +
    'e.g. outside GitHub Actions)';
/**
 * Run a cache operation with the archive rooted at the record's parent directory. @actions/cache
 * stores paths relative to GITHUB_WORKSPACE and extracts them there, so without this a record
 * saved from one checkout path would be restored to a different place by a job whose workspace
 * has another depth. Safe because stagegate does not run other cache operations concurrently.
 */
async function withArchiveRoot(dir, run) {
    const saved = process.env.GITHUB_WORKSPACE;
    process.env.GITHUB_WORKSPACE = external_node_path_default().dirname(dir);
    try {
        // The caller's deadline may abandon `run`; the workspace is restored when this returns.
        return await run();
    }
    finally {
        if (saved === undefined)
            delete process.env.GITHUB_WORKSPACE;
        else
            process.env.GITHUB_WORKSPACE = saved;
    }
}
/**
 * Store `measurement` as the newest baseline of `input.branch`. Never throws: a cache that is
 * missing, read-only or failing only means later PRs have nothing to compare with.
 */
async function saveBaseline(measurement, input, options = {}) {
    const key = baselineKey({
        ...input,
        ...scopeOf(measurement),
        ...(input.platforms ? { platforms: input.platforms } : {})
    });
    const log = await logOf(options);
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(838), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
        if (!cache.isFeatureAvailable())
            return { saved: false, key, reason: UNAVAILABLE };
        const dir = external_node_path_default().resolve(options.dir ?? defaultBaselineDir());
        const record = {
            schema: RECORD_SCHEMA,
            branch: sanitizeBranch(input.branch),
            ...(input.sha ? { sha: input.sha } : {}),
            runId: String(input.runId),
            savedAt: new Date().toISOString(),
            measurement,
            ...(input.findings ? { findings: input.findings } : {})
        };
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.writeFile)(external_node_path_default().join(dir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
        const deadlineMs = options.deadlineMs ?? BASELINE_DEADLINE_MS;
        const result = await withArchiveRoot(dir, () => withDeadline(deadlineMs, () => cache.saveCache([dir], key)));
        if (result.timedOut) {
            const unavailable = cacheTrouble({ ...result, deadlineMs });
            log.warning(`The size baseline ${key} was not recorded: ${unavailable}.`);
            return { saved: false, key, reason: unavailable, unavailable };
        }
        if (result.value === -1) {
            // @actions/cache has already logged why (entry exists, read-only token, service error).
            return {
                saved: false,
                key,
                reason: `the cache service did not store the record (${result.trouble ?? 'see the log above'})`
            };
        }
        return { saved: true, key, reason: `saved as ${key}` };
    }
    catch (error) {
        const message = `Could not save the size baseline ${key}: ${error instanceof Error ? error.message : String(error)}`;
        log.warning(message);
        return { saved: false, key, reason: message };
    }
}
/**
 * The newest baseline recorded for `input.branch` (then the fallbacks). Never throws: no cache
 * service, no record, or a corrupt record all give `baseline: null` with a reason.
 */
async function restoreBaseline(input, options = {}) {
    const log = await logOf(options);
    const [primary, ...rest] = baselineRestoreKeys(input);
    if (primary === undefined)
        return { baseline: null, reason: 'no branch to compare with' };
    let matchedKey;
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(838), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
        if (!cache.isFeatureAvailable())
            return { baseline: null, reason: UNAVAILABLE };
        const dir = external_node_path_default().resolve(options.dir ?? defaultBaselineDir());
        // A record left by an earlier restore in this job must not pass for this one.
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        // Look up first: restoreCache answers `undefined` both for a miss and for a download or
        // extraction failure (it only logs the latter), and the report should tell them apart.
        // A failing service also looks like a miss, so withDeadline's `trouble` tells it apart.
        const deadlineMs = options.deadlineMs ?? BASELINE_DEADLINE_MS;
        let found;
        const result = await withArchiveRoot(dir, () => withDeadline(deadlineMs, async () => {
            found = await cache.restoreCache([dir], primary, rest, { ...DOWNLOAD_OPTIONS, lookupOnly: true });
            return found ? await cache.restoreCache([dir], found, [], DOWNLOAD_OPTIONS) : undefined;
        }));
        matchedKey = found;
        if (result.timedOut || (result.value === undefined && result.trouble)) {
            const unavailable = cacheTrouble({ ...result, deadlineMs });
            log.warning(`No size baseline: ${unavailable}. The report shows sizes without a comparison.`);
            return {
                baseline: null,
                reason: `the size baseline is unavailable: ${unavailable}`,
                unavailable,
                ...(matchedKey ? { matchedKey } : {})
            };
        }
        if (!matchedKey) {
            return {
                baseline: null,
                reason: `no baseline has been recorded for ${sanitizeBranch(input.branch)} yet`
            };
        }
        if (result.value !== matchedKey)
            return corrupt(log, matchedKey, 'it could not be downloaded or extracted');
        let text;
        try {
            text = await (0,promises_.readFile)(external_node_path_default().join(dir, RECORD_FILE), 'utf8');
        }
        catch {
            return corrupt(log, matchedKey, `${RECORD_FILE} is missing from the cache entry`);
        }
        const parsed = parseBaselineRecord(text);
        if (!parsed.ok)
            return corrupt(log, matchedKey, parsed.error);
        const { record } = parsed;
        if (record.measurement.image !== input.image.trim() ||
            record.measurement.target !== input.target.trim()) {
            return corrupt(log, matchedKey, 'it measures a different image or target');
        }
        return {
            baseline: {
                measurement: record.measurement,
                origin: 'cache',
                ref: record.branch,
                ...(record.sha ? { sha: record.sha } : {}),
                ...(record.findings ? { findings: record.findings } : {})
            },
            matchedKey,
            reason: `restored from ${matchedKey}`
        };
    }
    catch (error) {
        const message = `Could not restore the size baseline: ${error instanceof Error ? error.message : String(error)}`;
        log.warning(message);
        return { baseline: null, reason: message, ...(matchedKey ? { matchedKey } : {}) };
    }
}
function corrupt(log, matchedKey, problem) {
    const reason = `The size baseline ${matchedKey} is unusable (${problem}); comparing without a baseline.`;
    log.warning(reason);
    return { baseline: null, matchedKey, reason };
}
function scopeOf(measurement) {
    return {
        image: measurement.image,
        target: measurement.target,
        platforms: measurement.platforms.map(p => p.platform)
    };
}

;// CONCATENATED MODULE: ./src/report/size.ts
// Sizes: parsing the budget inputs, formatting bytes for people, and comparing an image with its
// baseline (per platform and per layer). Pure functions, tested by tables.

const UNITS = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    tb: 1e12,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
    tib: 1024 ** 4
};
const SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;
/**
 * Bytes from a human size. Units are case-insensitive: `B`; decimal `kB`/`KB`, `MB`, `GB`, `TB`
 * (powers of 1000, as registries and `docker images` report sizes); binary `KiB`, `MiB`, `GiB`,
 * `TiB` (powers of 1024). A plain integer is bytes. Decimals (`1.5GB`) and spaces (`150 MB`) are
 * accepted; the result is rounded to whole bytes. `name` is the input's name for the error.
 */
function parseSize(input, name = 'size') {
    const bytes = trySize(input);
    if (bytes === null) {
        throw new errors/* UserError */.y(`${name}: ${JSON.stringify(input)} is not a size; use e.g. 150MB or 157286400`);
    }
    return bytes;
}
function trySize(input) {
    const match = SIZE_PATTERN.exec(input.trim());
    if (!match)
        return null;
    const [, number = '', unit = ''] = match;
    const factor = unit === '' ? 1 : UNITS[unit.toLowerCase()];
    if (factor === undefined)
        return null;
    // Plain numbers are bytes, and a fraction of a byte means a typo, not a size.
    if (unit === '' && number.includes('.'))
        return null;
    const bytes = Math.round(Number(number) * factor);
    return Number.isSafeInteger(bytes) ? bytes : null;
}
/** `max-increase`: a percentage of the baseline (`10%`, `2.5 %`) or a size (`5MB`, `1048576`). */
function parseIncrease(input, name = 'max-increase') {
    const text = input.trim();
    const percent = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(text);
    if (percent)
        return { kind: 'percent', value: Number(percent[1]) };
    const bytes = trySize(text);
    if (bytes === null) {
        throw new errors/* UserError */.y(`${name}: ${JSON.stringify(input)} is neither a percentage nor a size; use e.g. 10% or 5MB`);
    }
    return { kind: 'bytes', value: bytes };
}
const DISPLAY_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/** Bytes for people, in decimal units with three significant digits: `999 B`, `12.3 MB`, `1.50 GB`. */
function formatBytes(bytes) {
    const abs = Math.abs(bytes);
    let unit = 0;
    while (unit < DISPLAY_UNITS.length - 1 && Math.round(abs / 1000 ** unit) >= 1000)
        unit++;
    const sign = bytes < 0 ? '−' : '';
    if (unit === 0)
        return `${sign}${Math.round(abs)} B`;
    let value = abs / 1000 ** unit;
    // 999.96 kB would print as "1000 kB": step up instead.
    if (Number(value.toPrecision(3)) >= 1000 && unit < DISPLAY_UNITS.length - 1) {
        unit++;
        value = abs / 1000 ** unit;
    }
    const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return `${sign}${value.toFixed(digits)} ${DISPLAY_UNITS[unit]}`;
}
/** A size change: `+1.20 MB`, `−340 kB`, `±0 B`. Uses the minus sign (U+2212) like the percentages. */
function formatSignedBytes(bytes) {
    if (bytes === 0)
        return '±0 B';
    return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
/** A percentage with one decimal; `signed` adds `+`/`−` (changes), otherwise plain (shares). */
function formatPercent(percent, signed = false) {
    const rounded = Math.abs(percent) < 0.05 ? 0 : percent;
    const text = `${Math.abs(rounded).toFixed(1)}%`;
    if (!signed)
        return rounded < 0 ? `−${text}` : text;
    if (rounded === 0)
        return `±${text}`;
    return rounded > 0 ? `+${text}` : `−${text}`;
}
/** Change from `before` to `after` in percent of `before`; null when there is nothing to divide by. */
function percentChange(before, after) {
    if (before <= 0)
        return null;
    return ((after - before) / before) * 100;
}
function delta(current, baseline) {
    const both = current !== null && baseline !== null;
    return {
        current,
        baseline,
        deltaBytes: both ? current - baseline : null,
        percent: both ? percentChange(baseline, current) : null
    };
}
/**
 * A locally measured image (`docker save` through gzip) carries compressed sizes that are only
 * estimates; where a layer's content (diff ID) is also in the baseline, the baseline's pushed
 * size is the true one. So an unchanged layer never shows as changed because two gzips differ.
 */
function alignWithBaseline(current, baseline) {
    if (!baseline || current.source !== 'docker-save')
        return current;
    const platforms = current.platforms.map(p => {
        const before = baseline.measurement.platforms.find(b => b.platform === p.platform);
        const pushed = new Map();
        for (const layer of before?.layers ?? [])
            if (layer.diffId)
                pushed.set(layer.diffId, layer);
        if (pushed.size === 0)
            return p;
        let compressed = p.compressed;
        const layers = p.layers.map(layer => {
            const match = layer.diffId ? pushed.get(layer.diffId) : undefined;
            if (!match)
                return layer;
            compressed += match.compressed - layer.compressed;
            // The pushed blob's size comes with its media type: it may have been pushed uncompressed.
            const mediaType = match.mediaType ?? layer.mediaType;
            return {
                ...layer,
                compressed: match.compressed,
                digest: match.digest,
                ...(mediaType ? { mediaType } : {})
            };
        });
        return { ...p, compressed, layers };
    });
    return { ...current, platforms };
}
/**
 * How a layer blob is compressed, from its media type: OCI's `…layer.v1.tar+gzip`/`+zstd`/`.tar`
 * (also `nondistributable`), Docker's `…rootfs.diff.tar.gzip`/`.tar`. Missing (records of older
 * runs) or anything else (encrypted, artifacts) is unknown, never uncompressed. Pure.
 */
function layerCompression(mediaType) {
    const type = (mediaType ?? '').trim().toLowerCase();
    if (!type)
        return 'unknown';
    if (/[+.]gzip$/.test(type))
        return 'gzip';
    if (/[+.]zstd$/.test(type))
        return 'zstd';
    if (/^application\/vnd\.(oci\.image\.layer\.(nondistributable\.)?v1|docker\.image\.rootfs\.(foreign\.)?diff)\.tar$/.test(type))
        return 'none';
    return 'unknown';
}
/**
 * The layers a pull downloads whole because they were pushed uncompressed (engine 25+ with the
 * containerd image store pushes layers brought in by `docker load`/`docker import` as they are).
 * Null when there are none. Pure.
 */
function uncompressedLayers(platforms, elsewhere = []) {
    const twins = new Map();
    for (const layer of [...platforms.flatMap(p => p.layers), ...elsewhere]) {
        const kind = layerCompression(layer.mediaType);
        if (layer.diffId && (kind === 'gzip' || kind === 'zstd') && !twins.has(layer.diffId))
            twins.set(layer.diffId, layer.compressed);
    }
    const plain = platforms.flatMap(p => p.layers).filter(l => layerCompression(l.mediaType) === 'none');
    if (plain.length === 0)
        return null;
    const twinSizes = plain.map(l => (l.diffId ? twins.get(l.diffId) : undefined));
    return {
        count: plain.length,
        bytes: plain.reduce((sum, l) => sum + l.compressed, 0),
        compressedBytes: twinSizes.every(n => n !== undefined)
            ? twinSizes.reduce((sum, n) => sum + (n ?? 0), 0)
            : null
    };
}
/** Compressed sizes of the image against the baseline, per platform and in total. */
function compareSizes(current, baseline) {
    const currentTotal = current.platforms.reduce((sum, p) => sum + p.compressed, 0);
    if (!baseline) {
        return {
            hasBaseline: false,
            total: delta(currentTotal, null),
            platforms: current.platforms.map(p => ({
                platform: p.platform,
                status: 'no-baseline',
                ...delta(p.compressed, null)
            }))
        };
    }
    const before = new Map(baseline.measurement.platforms.map(p => [p.platform, p]));
    const platforms = current.platforms.map(p => {
        const old = before.get(p.platform);
        return old
            ? { platform: p.platform, status: 'compared', ...delta(p.compressed, old.compressed) }
            : { platform: p.platform, status: 'new', ...delta(p.compressed, null) };
    });
    const now = new Set(current.platforms.map(p => p.platform));
    for (const old of baseline.measurement.platforms) {
        if (!now.has(old.platform))
            platforms.push({ platform: old.platform, status: 'removed', ...delta(null, old.compressed) });
    }
    const baselineTotal = baseline.measurement.platforms.reduce((sum, p) => sum + p.compressed, 0);
    return { hasBaseline: true, total: delta(currentTotal, baselineTotal), platforms };
}
const KIND_ORDER = { added: 0, changed: 1, removed: 2 };
function instructionKey(createdBy) {
    // `docker history` and the image config differ in prefixes and spacing for the same step.
    return createdBy
        .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
        .replace(/\s+/g, ' ')
        .trim();
}
/**
 * Layers added, removed or changed between the baseline and the current image. Layers are first
 * paired by digest (same blob: unchanged), then the rest by instruction in stacking order (same
 * instruction, different blob: changed). Layers that are on one side only are added or removed.
 * Biggest absolute change first; layers whose blob and size did not change are left out.
 */
function diffLayers(current, baseline) {
    const unmatchedBaseline = new Set(baseline.map((_, i) => i));
    const unmatchedCurrent = [];
    const byDigest = new Queues();
    baseline.forEach((layer, i) => {
        if (layer.digest)
            byDigest.push(layer.digest, i);
    });
    current.forEach((layer, i) => {
        const match = layer.digest ? byDigest.shift(layer.digest) : undefined;
        if (match === undefined)
            unmatchedCurrent.push(i);
        else
            unmatchedBaseline.delete(match);
    });
    const byInstruction = new Queues();
    for (const i of unmatchedBaseline)
        byInstruction.push(instructionKey(baseline[i].createdBy), i);
    const changes = [];
    for (const i of unmatchedCurrent) {
        const layer = current[i];
        const match = byInstruction.shift(instructionKey(layer.createdBy));
        if (match === undefined) {
            changes.push({
                kind: 'added',
                createdBy: layer.createdBy,
                current: layer,
                baseline: null,
                deltaBytes: layer.compressed
            });
            continue;
        }
        unmatchedBaseline.delete(match);
        const old = baseline[match];
        const sameBlob = layer.digest !== null && layer.digest === old.digest;
        if (sameBlob || (layer.digest === null && old.digest === null && layer.compressed === old.compressed))
            continue;
        changes.push({
            kind: 'changed',
            createdBy: layer.createdBy,
            current: layer,
            baseline: old,
            deltaBytes: layer.compressed - old.compressed
        });
    }
    for (const i of unmatchedBaseline) {
        const old = baseline[i];
        changes.push({
            kind: 'removed',
            createdBy: old.createdBy,
            current: null,
            baseline: old,
            deltaBytes: -old.compressed
        });
    }
    return changes.sort((a, b) => Math.abs(b.deltaBytes) - Math.abs(a.deltaBytes) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.createdBy.localeCompare(b.createdBy));
}
/** First-in first-out indexes per key, with O(1) take (images can have thousands of layers). */
class Queues {
    items = new Map();
    push(key, index) {
        const queue = this.items.get(key);
        if (queue)
            queue.list.push(index);
        else
            this.items.set(key, { list: [index], next: 0 });
    }
    shift(key) {
        const queue = this.items.get(key);
        if (!queue || queue.next >= queue.list.length)
            return undefined;
        return queue.list[queue.next++];
    }
}
/** A decrease of at least this share of the baseline is celebrated. */
const BIG_DECREASE_PERCENT = 10;
/** Growth below this many bytes is noise whatever the share (timestamps in tiny images). */
const NOISE_BYTES = 10_000;
/** Growth below this share of the baseline and below NEGLIGIBLE_GROWTH_BYTES is noise (package index refreshes). */
const NEGLIGIBLE_GROWTH_PERCENT = 1;
const NEGLIGIBLE_GROWTH_BYTES = 1_000_000;
/** Growth of at least this share of the baseline is alarming. */
const LARGE_GROWTH_PERCENT = 10;
/** Growth of at least this many bytes is alarming whatever the share (big images). */
const LARGE_GROWTH_BYTES = 100_000_000;
const TIER_ICON = {
    'big-decrease': '🎉',
    decrease: '✅',
    unchanged: '✅',
    negligible: '➖',
    growth: '⚠️',
    'large-growth': '🚨'
};
/** How worrying a size change is; `percent` is null when the baseline was empty. */
function deltaTier(deltaBytes, percent) {
    if (deltaBytes === 0)
        return 'unchanged';
    if (deltaBytes < 0) {
        return percent !== null && percent <= -BIG_DECREASE_PERCENT ? 'big-decrease' : 'decrease';
    }
    const smallShare = percent !== null && percent < NEGLIGIBLE_GROWTH_PERCENT;
    if (deltaBytes < NOISE_BYTES || (smallShare && deltaBytes < NEGLIGIBLE_GROWTH_BYTES))
        return 'negligible';
    const largeShare = percent !== null && percent >= LARGE_GROWTH_PERCENT;
    if (deltaBytes >= LARGE_GROWTH_BYTES || largeShare)
        return 'large-growth';
    return 'growth';
}

;// CONCATENATED MODULE: ./src/report/budget.ts

function formatIncrease(increase) {
    return increase.kind === 'percent' ? `${increase.value}%` : formatBytes(increase.value);
}
/** Violated budgets, empty when the image is within them. Without a baseline max-increase is only a note. */
function checkBudgets(budgets, current, comparison) {
    const violations = [];
    const notes = [];
    const several = current.platforms.length > 1;
    const subject = (platform) => (several ? `${platform} image` : 'image');
    const { maxSize, maxIncrease } = budgets;
    if (maxSize !== null && maxSize !== undefined) {
        for (const p of current.platforms) {
            if (p.compressed > maxSize) {
                violations.push({
                    budget: 'max-size',
                    platform: p.platform,
                    reason: `${subject(p.platform)} is ${formatBytes(p.compressed)}, over max-size ${formatBytes(maxSize)}`
                });
            }
        }
    }
    if (maxIncrease !== null && maxIncrease !== undefined) {
        if (!comparison.hasBaseline) {
            notes.push(`max-increase ${formatIncrease(maxIncrease)} was not checked: there is no baseline to compare with.`);
        }
        for (const p of comparison.platforms) {
            if (p.status === 'new') {
                notes.push(`max-increase was not checked for ${p.platform}: the baseline has no such platform.`);
            }
            if (p.status !== 'compared' || p.deltaBytes === null || p.deltaBytes <= 0)
                continue;
            const share = p.percent === null ? '' : ` (${formatPercent(p.percent, true)})`;
            const over = maxIncrease.kind === 'bytes'
                ? p.deltaBytes > maxIncrease.value
                : p.percent === null || p.percent > maxIncrease.value;
            if (over) {
                violations.push({
                    budget: 'max-increase',
                    platform: p.platform,
                    reason: `${subject(p.platform)} grew by ${formatBytes(p.deltaBytes)}${share}, over max-increase ${formatIncrease(maxIncrease)}`
                });
            }
        }
    }
    return { violations, notes };
}

;// CONCATENATED MODULE: ./src/report/comment.ts
// The sticky pull request comment: one comment per (PR, key), found again by a hidden marker and
// by its author, and edited in place on every later run.
//
// Whose comments count as ours (anti-spoofing): anyone can paste our marker into a comment, so a
// marked comment is only ours when its author is the account we write as. That account is
// resolved once per run by `resolveCommentAuthor`:
//   1. the `comment-author` the user configured, when given (for GitHub App tokens, whose bot
//      login `<app-slug>[bot]` cannot be learned from the token);
//   2. else GET /user, which answers for personal access tokens with their login;
//   3. else (GET /user answers 403/401/404 for installation tokens such as GITHUB_TOKEN)
//      `github-actions[bot]`, the author of every comment written with GITHUB_TOKEN.
// Logins are compared case-insensitively, as GitHub treats them. When a comment we create comes
// back with a different author than assumed, upsertComment says so, because the next run would
// otherwise not find it and post a second one.
//
// Concurrent runs (a re-run, two workflows, fast pushes) converge on one comment per key:
// GitHub has no conditional writes, so every run that writes lists again afterwards and applies
// planConvergence: the oldest of our comments (lowest id) is kept, the others are deleted, and the
// kept one ends up with the body of the newest run (the run stamp on the body's second line:
// GitHub run ids grow with time, re-runs raise the attempt). Any run may do the clean-up, so
// the result does not depend on which run finishes first.
const COMMENT_MODES = ['auto', 'always', 'never', 'on-change'];
/** The author of comments written with an Actions GITHUB_TOKEN. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const MAX_KEY_LENGTH = 100;
/**
 * The hidden marker that identifies our comment for one `key` (several stagegate jobs on the same
 * PR use different keys). The key is reduced to characters that cannot end the HTML comment or
 * the quoted value, so a key can neither break out of the marker nor collide with a longer one.
 */
function commentMarker(key) {
    const safe = key
        .trim()
        .replace(/[^A-Za-z0-9._:/@+=-]/g, '_')
        .replace(/-{2,}/g, '-')
        .slice(0, MAX_KEY_LENGTH) || 'default';
    return `<!-- stagegate:comment key="${safe}" -->`;
}
/** Put the marker on the body's first line, unless it is there already. */
function withMarker(body, marker) {
    return body.includes(marker) ? body : `${marker}\n${body}`;
}
const STAMP = /^<!-- stagegate:run id="(\d{1,20})" attempt="(\d{1,6})" -->$/;
/** The hidden line that says which run wrote the body. */
function runStampLine(run) {
    return `<!-- stagegate:run id="${run.id}" attempt="${run.attempt}" -->`;
}
/** A run stamp from the runner's strings, or null when they are not numbers (outside Actions). */
function runStampOf(runId, runAttempt) {
    if (!runId || !/^\d+$/.test(runId))
        return null;
    const attempt = runAttempt && /^\d+$/.test(runAttempt) ? Number(runAttempt) : 1;
    return { id: Number(runId), attempt };
}
/**
 * The body we write: marker on the first line, run stamp (when known) on the second. Only those
 * two lines are trusted when read back: the rest holds test output a pull request controls.
 */
function stampedBody(body, marker, run) {
    const marked = withMarker(body, marker);
    if (!run || !marked.startsWith(`${marker}\n`))
        return marked;
    return `${marker}\n${runStampLine(run)}\n${marked.slice(marker.length + 1)}`;
}
/** The run stamp of a body written by stampedBody, read from its second line only. */
function runStampIn(body) {
    const second = (body ?? '').split('\n', 2)[1] ?? '';
    const match = STAMP.exec(second);
    return match ? { id: Number(match[1]), attempt: Number(match[2]) } : null;
}
/** The body without its run stamp line, to compare what a reader sees. */
function contentOf(body) {
    const text = body ?? '';
    if (!runStampIn(text))
        return text;
    const lines = text.split('\n');
    lines.splice(1, 1);
    return lines.join('\n');
}
/** Whether stamp `a` is from a strictly newer run than `b`; an unstamped body is the oldest. */
function isNewerRun(a, b) {
    if (!a)
        return false;
    if (!b)
        return true;
    return a.id !== b.id ? a.id > b.id : a.attempt > b.attempt;
}
/** GitHub refuses comment bodies longer than this (422 "body is too long"). */
const MAX_COMMENT_LENGTH = 65536;
/**
 * Shorten a body GitHub would refuse, keeping the start (marker and summary table) and saying
 * where the rest is. Bodies within the limit are returned unchanged.
 */
function fitCommentBody(body, max = MAX_COMMENT_LENGTH) {
    if (body.length <= max)
        return body;
    const note = '\n\n… (truncated: the full report is in the job summary)\n';
    let cut = body.slice(0, Math.max(max - note.length, 0));
    // Do not leave half of a UTF-16 surrogate pair at the cut.
    if (/[\uD800-\uDBFF]$/.test(cut))
        cut = cut.slice(0, -1);
    return `${cut}${note}`;
}
function sameLogin(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
/** All our comments for one marker (marker and author), oldest (lowest id) first. */
function ownComments(comments, marker, author) {
    return comments
        .filter(c => typeof c.body === 'string' && c.body.includes(marker) && !!c.user && sameLogin(c.user.login, author))
        .sort((a, b) => a.id - b.id);
}
/**
 * Our comment among all comments of the PR: it carries the marker and was written by `author`.
 * When there are several (a race between two runs), the oldest wins so every run edits the same one.
 */
function findOwnComment(comments, marker, author) {
    return ownComments(comments, marker, author)[0] ?? null;
}
/**
 * How our comments for one key converge to one: keep the oldest, give it the body of the newest
 * run among them and us (ours wins ties, so a run without stamps behaves as before), delete the
 * rest. Pure; null when there is no comment of ours.
 */
function planConvergence(ours, body, run) {
    const sorted = [...ours].sort((a, b) => a.id - b.id);
    const keep = sorted[0];
    if (!keep)
        return null;
    let newest = { body, run };
    for (const c of sorted) {
        const stamp = runStampIn(c.body);
        if (isNewerRun(stamp, newest.run))
            newest = { body: c.body ?? '', run: stamp };
    }
    return {
        keep,
        write: (keep.body ?? '') === newest.body ? null : newest.body,
        remove: sorted.slice(1).map(c => c.id),
        oursWins: newest.body === body
    };
}
/**
 * What to do with the comment:
 * - `never`: nothing.
 * - `always`: create or update on every run that has a pull request to comment on.
 * - `auto` (default): on pull requests, create when there is news: a size change, no baseline
 *   yet (the first report), failing tests or a broken budget (the caller passes
 *   `sizeChanged: null` or `true` for those); not when the size is unchanged against the
 *   baseline. An existing comment is still updated, so it never shows stale numbers.
 * - `on-change`: on pull requests, create only when the size changed against the baseline (no
 *   baseline counts as no change: there is nothing to compare). An existing comment is still
 *   updated on every run, even when nothing changed, so it never shows stale numbers.
 * In every mode an existing comment whose body is already identical is left alone.
 */
function decideCommentAction(input) {
    const { mode, existing, body } = input;
    if (mode === 'never')
        return { action: 'skip', reason: 'comments are disabled (comment: never)' };
    if (mode !== 'always' && !input.isPullRequest) {
        return { action: 'skip', reason: `not a pull request (comment: ${mode})` };
    }
    if (existing) {
        if (contentOf(existing.body) === contentOf(body)) {
            return { action: 'skip', reason: `comment ${existing.id} is already up to date` };
        }
        return { action: 'update', commentId: existing.id, reason: `updating comment ${existing.id}` };
    }
    if (mode === 'auto' && input.sizeChanged === false) {
        return {
            action: 'skip',
            reason: 'size unchanged against the baseline (comment: auto; always comments anyway)'
        };
    }
    if (mode === 'on-change' && input.sizeChanged !== true) {
        return {
            action: 'skip',
            reason: input.sizeChanged === null
                ? 'no baseline to compare with (comment: on-change)'
                : 'size unchanged (comment: on-change)'
        };
    }
    return { action: 'create', reason: 'no comment yet' };
}
/** An HTTP failure of a write that a read-only token explains (fork PRs): warn, do not fail. */
function isPermissionError(error) {
    const status = statusOf(error);
    if (status === 404)
        return true;
    if (status !== 403)
        return false;
    return /resource not accessible|write access|not accessible by/i.test(messageOf(error));
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * The login our comments are written as (see the top of this file). `configured` wins; an empty
 * string means "not configured".
 */
async function resolveCommentAuthor(octokit, configured) {
    if (configured && configured.trim() !== '')
        return configured.trim();
    try {
        const { data } = await octokit.request('GET /user');
        const login = data.login;
        if (typeof login === 'string' && login !== '')
            return login;
    }
    catch (error) {
        const status = statusOf(error);
        if (status !== 401 && status !== 403 && status !== 404) {
            throw new Error(`Could not learn which account the token writes comments as: ${messageOf(error)}`, {
                cause: error
            });
        }
    }
    return ACTIONS_BOT_LOGIN;
}
/** How many times a run rewrites the kept comment when an older run overwrote it meanwhile. */
const MAX_REWRITES = 2;
/**
 * Create or update our sticky comment, then converge with concurrent runs (planConvergence). A
 * token that may not write (fork PRs: 403 "Resource not accessible by integration", or 404) gives
 * `forbidden` instead of an error, so the caller can warn and still write the job summary and
 * outputs. Other failures throw.
 */
async function upsertComment(octokit, input) {
    const marker = commentMarker(input.key);
    const run = input.run ?? null;
    const body = fitCommentBody(stampedBody(input.body, marker, run));
    const where = `${input.owner}/${input.repo}#${input.issueNumber}`;
    const repo = { owner: input.owner, repo: input.repo };
    if (input.mode === 'never' || (input.mode !== 'always' && !input.isPullRequest)) {
        const decision = decideCommentAction({ ...input, body, existing: null });
        return { status: 'skipped', reason: decision.reason, author: input.author ?? '' };
    }
    let author = input.author ?? '';
    const listOurs = async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
            ...repo,
            issue_number: input.issueNumber,
            per_page: 100
        });
        return ownComments(comments, marker, author);
    };
    let ours;
    try {
        if (author === '')
            author = await resolveCommentAuthor(octokit);
        ours = await listOurs();
    }
    catch (error) {
        if (isPermissionError(error)) {
            return {
                status: 'forbidden',
                author,
                message: `Cannot read the comments of ${where}: ${messageOf(error)}`
            };
        }
        throw new Error(`Could not list the comments of ${where}: ${messageOf(error)}`, { cause: error });
    }
    const existing = ours[0] ?? null;
    const decision = decideCommentAction({ ...input, body, existing });
    if (decision.action === 'skip' && ours.length <= 1) {
        return {
            status: 'skipped',
            reason: decision.reason,
            commentId: existing?.id,
            url: existing?.html_url,
            author
        };
    }
    let step = 'comment on';
    try {
        let created = null;
        if (decision.action === 'create') {
            const { data } = await octokit.rest.issues.createComment({
                ...repo,
                issue_number: input.issueNumber,
                body
            });
            created = data;
            // Another run may have created one at the same time: look again and converge.
            step = 'converge the comments on';
            ours = await listOurs();
            if (!ours.some(c => c.id === data.id))
                ours = [...ours, { id: data.id, body, html_url: data.html_url }];
        }
        step = 'update the comment on';
        const outcome = await converge(octokit, repo, ours, body, run);
        const kept = outcome.kept;
        const result = created && kept.id === created.id
            ? { status: 'created', commentId: created.id, url: created.html_url, author, reason: decision.reason }
            : outcome.wrote && outcome.oursWins
                ? {
                    status: 'updated',
                    commentId: kept.id,
                    url: kept.html_url,
                    author,
                    reason: created ? `another run created comment ${kept.id} first; updated it` : decision.reason
                }
                : {
                    status: 'skipped',
                    commentId: kept.id,
                    url: kept.html_url,
                    author,
                    reason: outcome.oursWins
                        ? `comment ${kept.id} is already up to date`
                        : `comment ${kept.id} shows a newer run's report`
                };
        if (outcome.removed.length > 0)
            result.removed = outcome.removed;
        const actual = created?.user?.login;
        if (result.status === 'created' && actual && !sameLogin(actual, author)) {
            result.warning =
                `The comment was written as ${actual}, but stagegate looks for comments by ${author}; ` +
                    `set comment-author: ${actual} so later runs update this comment instead of adding new ones.`;
        }
        return result;
    }
    catch (error) {
        if (isPermissionError(error)) {
            return {
                status: 'forbidden',
                author,
                // Why (a fork, or a missing permission) is the caller's to say: it knows the event.
                message: `The token may not write comments on ${where}: ${messageOf(error)}`
            };
        }
        throw new Error(`Could not ${step} ${where}: ${messageOf(error)}`, { cause: error });
    }
}
/**
 * Apply planConvergence: write the newest body to the kept comment, delete the duplicates, and
 * read the kept comment back, rewriting it (a few times) if an older run overwrote it meanwhile.
 */
async function converge(octokit, repo, ours, body, run) {
    const plan = planConvergence(ours, body, run);
    if (!plan)
        throw new Error('no comment to converge on');
    let wrote = false;
    let kept = plan.keep;
    if (plan.write !== null) {
        const { data } = await octokit.rest.issues.updateComment({
            ...repo,
            comment_id: kept.id,
            body: plan.write
        });
        kept = data;
        wrote = true;
    }
    const removed = [];
    for (const id of plan.remove) {
        try {
            await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });
            removed.push(id);
        }
        catch (error) {
            // Another run deleted it first.
            if (statusOf(error) !== 404)
                throw error;
        }
    }
    const wanted = plan.write ?? plan.keep.body ?? '';
    for (let i = 0; wrote && i < MAX_REWRITES; i++) {
        const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: kept.id });
        if (!isNewerRun(runStampIn(wanted), runStampIn(data.body)))
            break;
        await octokit.rest.issues.updateComment({ ...repo, comment_id: kept.id, body: wanted });
    }
    return { kept, wrote, oursWins: plan.oursWins, removed };
}

;// CONCATENATED MODULE: ./src/report/github.ts
// What the report needs to know about the workflow run, read from the runner's variables and
// event file (no @actions/github import: that client loads only when a comment is written).

/**
 * Whether the run is for a pull request from a fork (head and base in different repositories),
 * whose token GitHub makes read-only whatever `permissions:` says. Pure.
 */
function isForkPullRequest(payload) {
    const pr = payload.pull_request;
    const head = pr?.head?.repo?.full_name;
    const base = pr?.base?.repo?.full_name;
    // A deleted fork has no head repository: it was a fork all the same.
    if (pr && pr.head && pr.head.repo === null)
        return true;
    return head !== undefined && base !== undefined && head !== base;
}
/** What to say when the token may not write the comment: a fork, or a missing permission. Pure. */
function commentForbiddenAdvice(payload) {
    return isForkPullRequest(payload)
        ? 'This pull request comes from a fork, whose token is read-only: the report is in the job summary and in the "report" output, for a workflow_run workflow to post (see the README).'
        : 'The token may not write pull request comments: give the job `permissions: pull-requests: write` (with `contents: read`), or pass a github-token that may. The report is in the job summary and in the "report" output.';
}
function readRunContext(env, readFile = f => (0,external_node_fs_.readFileSync)(f, 'utf8')) {
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            const parsed = JSON.parse(readFile(env.GITHUB_EVENT_PATH));
            // `null` or an array would crash the property reads below.
            if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
                payload = parsed;
        }
        catch {
            payload = {};
        }
    }
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const pr = payload.pull_request;
    const repository = payload.repository;
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const runId = env.GITHUB_RUN_ID ?? '';
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        ref: env.GITHUB_REF ?? '',
        sha: env.GITHUB_SHA ?? '',
        owner,
        repo,
        runId,
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        payload,
        pullRequest: typeof pr?.number === 'number' ? pr.number : null,
        defaultBranch: typeof repository?.default_branch === 'string' ? repository.default_branch : null,
        runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : undefined,
        headSha: typeof pr?.head?.sha === 'string' ? pr.head.sha : env.GITHUB_SHA || undefined
    };
}
// ---- the REST client for the comment ------------------------------------------------------------
/** Longest the comment step spends on GitHub's API, retries and rate-limit waits included. */
const GITHUB_API_BUDGET_MS = 30_000;
// New attempts start only within this part of the budget: a retry wait started just before it
// (at most 4 s with 2 retries) and an attempt cut at the deadline still end within the budget.
const ATTEMPT_WINDOW_MS = 25_000;
const RETRIES = 2;
/**
 * Whether to wait out a rate limit: GitHub's `retry-after` (secondary limit) or reset time
 * (primary limit) is honoured when the wait still fits in the budget, at most twice per request.
 * Pure.
 */
function rateLimitWait(input) {
    return input.retryCount < RETRIES && input.retryAfterSeconds * 1000 <= input.remainingMs - 1000;
}
/**
 * An Octokit client (from @actions/github's getOctokit) with octokit's own retry plugin (5xx and
 * network errors: 2 retries after 1 s and 4 s) and throttling plugin (403/429 rate limits,
 * honouring retry-after), all inside one time budget: past it, no new attempt starts and a
 * pending one is aborted.
 */
async function createGitHubClient(token, options = {}) {
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(758)]).then(__webpack_require__.bind(__webpack_require__, 1758));
    const { retry } = await Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 9735));
    const { throttling } = await Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 6856));
    const budgetMs = options.budgetMs ?? GITHUB_API_BUDGET_MS;
    const windowMs = Math.max(budgetMs - (GITHUB_API_BUDGET_MS - ATTEMPT_WINDOW_MS), budgetMs / 2);
    // A monotonic clock: a wall-clock adjustment on the runner must not spend (or refill) the budget.
    const started = performance.now();
    const remaining = () => started + budgetMs - performance.now();
    const log = options.log;
    const baseUrl = options.baseUrl ?? process.env.GITHUB_API_URL;
    // Registered first, so it runs on every attempt the outer retry and throttling hooks make.
    const budget = (octokit) => {
        octokit.hook.before('request', requestOptions => {
            if (performance.now() - started > windowMs) {
                throw new Error(`gave up: the GitHub API did not succeed within ${Math.round(windowMs / 1000)} s`);
            }
            // Cut a hanging attempt early enough that a retry wait after it stays in the budget too.
            const cut = Math.max(Math.floor(remaining() - (budgetMs - windowMs)), 1);
            requestOptions.request = { ...requestOptions.request, signal: AbortSignal.timeout(cut) };
        });
    };
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const wait = rateLimitWait({ retryAfterSeconds: retryAfter, retryCount, remainingMs: remaining() });
        log?.info(`GitHub API ${kind} rate limit on ${request.method} ${request.url}: ${wait ? `retrying in ${retryAfter} s` : 'the wait does not fit in the time budget'}.`);
        return wait;
    };
    return getOctokit(token, {
        // Read now: @actions/github reads GITHUB_API_URL once, when it is first imported.
        ...(baseUrl ? { baseUrl } : {}),
        // 429 is left to the throttling plugin, which honours retry-after; 403 too (rate limits only).
        retry: { retries: RETRIES, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
        throttle: {
            ...(options.throttleId ? { id: options.throttleId } : {}),
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary')
        }
    }, budget, retry, throttling);
}

;// CONCATENATED MODULE: ./src/report/files/grew.ts
/** A directory whose change one path under it explains this much of is left out as redundant. */
const EXPLAINED = 0.9;
function isUnder(path, dir) {
    return dir.endsWith('/') && path !== dir && path.startsWith(dir);
}
/**
 * Directories and files that changed from `baseline` (the same instruction's layer in the
 * baseline; null for a new layer) to `current`, largest growth first, then shrinks. A directory is
 * dropped when one path under it accounts for 90 % or more of its change (`/usr/` when
 * `/usr/share/doc/` says it all). Paths below a summary's cut are compared only where that is
 * known: a path missing from a truncated list has an unknown size there.
 */
function diffLayerFiles(current, baseline) {
    const changes = [];
    const compare = (now, nowComplete, then, thenComplete) => {
        const before = new Map(then.map(p => [p.path, p.bytes]));
        const seen = new Set();
        for (const p of now) {
            seen.add(p.path);
            const was = baseline === null ? 0 : (before.get(p.path) ?? (thenComplete ? 0 : null));
            const delta = p.bytes - (was ?? 0);
            if (delta === 0)
                continue;
            const kind = was === 0 ? 'new' : delta > 0 ? 'grew' : 'shrank';
            changes.push({ path: p.path, kind, before: was, after: p.bytes, delta });
        }
        if (!nowComplete)
            return;
        for (const p of then) {
            if (seen.has(p.path) || p.bytes === 0)
                continue;
            changes.push({ path: p.path, kind: 'gone', before: p.bytes, after: 0, delta: -p.bytes });
        }
    };
    compare(current.dirs, current.dirsComplete, baseline?.dirs ?? [], baseline?.dirsComplete ?? true);
    compare(current.top, current.topComplete, baseline?.top ?? [], baseline?.topComplete ?? true);
    const kept = changes.filter(c => !c.path.endsWith('/') ||
        !changes.some(other => isUnder(other.path, c.path) &&
            Math.sign(other.delta) === Math.sign(c.delta) &&
            Math.abs(other.delta) >= EXPLAINED * Math.abs(c.delta)));
    return kept.sort((a, b) => Number(b.delta > 0) - Number(a.delta > 0) ||
        Math.abs(b.delta) - Math.abs(a.delta) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** Whether a deletion hides `path`: the path itself and all under it, or (opaque) all under the directory. */
function deletes(deletion, path) {
    const dir = deletion.path.endsWith('/') ? deletion.path : `${deletion.path}/`;
    return path.startsWith(dir) || (!deletion.opaque && path === deletion.path);
}
/**
 * Files written in one layer and deleted by a later one, biggest first. Only pairs where either
 * layer is new or changed in this run are reported (the others are old news, and their files are
 * known only in brief). A path written again after a deletion counts once, for the first deletion.
 */
function stillShipped(layers) {
    const ordered = [...layers].sort((a, b) => a.number - b.number);
    const found = [];
    for (const [i, writer] of ordered.entries()) {
        for (const file of writer.files) {
            if (file.path.endsWith('/') || file.bytes === 0)
                continue;
            for (const deleter of ordered.slice(i + 1)) {
                const hit = deleter.deletions.find(d => deletes(d, file.path));
                if (!hit)
                    continue;
                if (writer.listed || deleter.listed) {
                    found.push({
                        path: file.path,
                        bytes: file.bytes,
                        writtenIn: writer.number,
                        deletedIn: deleter.number,
                        deletedBy: deleter.createdBy
                    });
                }
                break;
            }
        }
    }
    return found.sort((a, b) => b.bytes - a.bytes || a.writtenIn - b.writtenIn || (a.path < b.path ? -1 : 1));
}
/** Changes kept per layer in the structured form. */
const CHANGES_KEPT = 50;
/** Still-shipped files kept. */
const SHIPPED_KEPT = 50;
/** A layer's growth from its summary and its baseline counterpart's. */
function layerGrowth(input, summary) {
    const before = input.baseline?.files ?? null;
    const changes = diffLayerFiles(summary, before);
    return {
        number: input.number,
        createdBy: input.layer.createdBy,
        kind: input.kind,
        files: summary.files,
        bytes: summary.bytes,
        baselineBytes: before ? before.bytes : null,
        compared: before !== null,
        changes: changes.slice(0, CHANGES_KEPT),
        changesOmitted: Math.max(0, changes.length - CHANGES_KEPT),
        deleted: summary.deleted,
        deletedCount: summary.deletedCount
    };
}
/** Bytes a layer added against its baseline: the sum its entries are ordered by. */
function addedBytes(growth) {
    return growth.bytes - (growth.baselineBytes ?? 0);
}

;// CONCATENATED MODULE: ./src/report/files/describe.ts


/** Changed layers listed at most, the largest changes first. */
const MAX_LISTED_LAYERS = 20;
/** The platform the report is about: as render.ts picks it (linux/amd64 first, one the baseline has). */
function primaryPlatforms(current, baseline) {
    const before = new Map((baseline?.measurement.platforms ?? []).map(p => [p.platform, p]));
    const platforms = current.platforms;
    const primary = platforms.find(p => p.platform === 'linux/amd64' && before.has(p.platform)) ??
        platforms.find(p => before.has(p.platform));
    return primary ? { current: primary, baseline: before.get(primary.platform) } : null;
}
/**
 * The layers to list: new or changed against the baseline platform, as the layer table pairs
 * them (blob digest, then instruction), largest change first, at most `max`. Pure.
 */
function layersToList(current, baseline, max = MAX_LISTED_LAYERS) {
    const inputs = [];
    for (const change of diffLayers(current.layers, baseline.layers)) {
        if (change.kind === 'removed' || !change.current)
            continue;
        const index = current.layers.indexOf(change.current);
        if (index < 0)
            continue;
        inputs.push({ number: index + 1, layer: change.current, kind: change.kind, baseline: change.baseline });
    }
    return inputs.slice(0, max);
}
/** A baseline layer's summary for an unchanged layer: same blob digest, else same diff ID. Pure. */
function carriedSummary(layer, baseline) {
    const match = (layer.digest ? baseline.find(b => b.digest === layer.digest && b.files) : undefined) ??
        (layer.diffId ? baseline.find(b => b.diffId === layer.diffId && b.files) : undefined);
    return match?.files;
}
/** The deletions a stored summary lists (`/x/*` is `/x` emptied). Pure. */
function deletionsOf(files) {
    return files.deleted.map(p => p.endsWith('/*') ? { path: p.slice(0, -2) || '/', opaque: true } : { path: p, opaque: false });
}
/** Two minutes: a report waits this long at most for the files of its changed layers. */
const LISTING_BUDGET_MS = 120_000;
/**
 * List the new and changed layers of the primary platform and compare them with the baseline.
 * With no baseline (or none for this platform) nothing is listed: every layer would be new, and
 * reading the whole image is what this feature must not cost. A layer that cannot be read is
 * named in `unlisted` with the reason; the report goes on without it.
 */
async function describeGrowth(measurement, baseline, read, options = {}) {
    const pair = primaryPlatforms(measurement, baseline);
    if (!pair)
        return { measurement, grew: null };
    const inputs = layersToList(pair.current, pair.baseline, options.maxLayers ?? MAX_LISTED_LAYERS);
    const listings = new Map();
    const unlisted = [];
    let next = 0;
    const now = options.now ?? (() => performance.now());
    const budget = options.budgetMs ?? LISTING_BUDGET_MS;
    const deadline = now() + budget;
    const worker = async () => {
        while (next < inputs.length) {
            const input = inputs[next++];
            // Whole milliseconds: AbortSignal.timeout takes integers only.
            const left = Math.floor(deadline - now());
            if (left <= 0) {
                unlisted.push({
                    number: input.number,
                    createdBy: input.layer.createdBy,
                    reason: `the time for listing (${Math.round(budget / 1000)} s) ran out first`
                });
                continue;
            }
            try {
                listings.set(input.number, await read(input.layer, input.number - 1, left));
            }
            catch (error) {
                unlisted.push({
                    number: input.number,
                    createdBy: input.layer.createdBy,
                    reason: error instanceof Error ? error.message : String(error)
                });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
    const layers = pair.current.layers.map((layer, i) => {
        const files = listings.get(i + 1)?.summary ?? carriedSummary(layer, pair.baseline.layers);
        return files ? { ...layer, files } : layer;
    });
    const known = layers.flatMap((layer, i) => {
        const listing = listings.get(i + 1);
        if (listing) {
            return [
                {
                    number: i + 1,
                    createdBy: layer.createdBy,
                    files: listing.files,
                    deletions: listing.deletions,
                    listed: true
                }
            ];
        }
        if (!layer.files)
            return [];
        return [
            {
                number: i + 1,
                createdBy: layer.createdBy,
                files: layer.files.top,
                deletions: deletionsOf(layer.files),
                listed: false
            }
        ];
    });
    const growth = inputs.flatMap(input => {
        const listing = listings.get(input.number);
        return listing ? [layerGrowth(input, listing.summary)] : [];
    });
    const platforms = measurement.platforms.map(p => (p === pair.current ? { ...p, layers } : p));
    return {
        measurement: { ...measurement, platforms },
        grew: {
            platform: pair.current.platform,
            layers: growth,
            stillShipped: stillShipped(known).slice(0, SHIPPED_KEPT),
            unlisted: unlisted.sort((a, b) => a.number - b.number)
        }
    };
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
var external_node_zlib_default = /*#__PURE__*/__webpack_require__.n(external_node_zlib_);
;// CONCATENATED MODULE: ./src/report/oci-layout.ts
// Reading archives without holding them: a streaming tar reader (for `docker save`), a
// seek-based tar index (for OCI layouts packed as a tar file) and an OCI layout blob source.



const BLOCK = 512;
function readString(block, start, length) {
    const field = block.subarray(start, start + length);
    const nul = field.indexOf(0);
    return field.subarray(0, nul < 0 ? field.length : nul).toString('utf8');
}
function readNumber(block, start, length) {
    const field = block.subarray(start, start + length);
    // GNU base-256 for sizes of 8 GiB and more: high bit of the first byte set.
    if ((field[0] ?? 0) & 0x80) {
        let value = (field[0] ?? 0) & 0x7f;
        for (let i = 1; i < field.length; i++)
            value = value * 256 + (field[i] ?? 0);
        return value;
    }
    const text = readString(block, start, length).trim();
    return text ? parseInt(text, 8) : 0;
}
function parseHeader(block) {
    if (block.every(byte => byte === 0))
        return null;
    let name = readString(block, 0, 100);
    const magic = readString(block, 257, 6);
    if (magic.startsWith('ustar')) {
        const prefix = readString(block, 345, 155);
        if (prefix)
            name = `${prefix}/${name}`;
    }
    return { name, size: readNumber(block, 124, 12), type: readString(block, 156, 1) || '0' };
}
/** `path` (and `size`) from a pax extended header body: records of `LEN key=value\n`. */
function parsePaxHeaders(body) {
    const out = {};
    let offset = 0;
    while (offset < body.length) {
        const space = body.indexOf(0x20, offset);
        if (space < 0)
            break;
        const length = parseInt(body.subarray(offset, space).toString('ascii'), 10);
        if (!(length > 0))
            break;
        const record = body.subarray(space + 1, offset + length - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq > 0)
            out[record.slice(0, eq)] = record.slice(eq + 1);
        offset += length;
    }
    return out;
}
/** Applies pax (`x`) and GNU long-name (`L`) meta entries to the entry that follows them. */
class MetaState {
    longName = null;
    pax = {};
    apply(raw) {
        const entry = { name: raw.name, size: raw.size, type: raw.type };
        if (this.longName !== null)
            entry.name = this.longName;
        if (this.pax.path)
            entry.name = this.pax.path;
        if (this.pax.size)
            entry.size = parseInt(this.pax.size, 10);
        this.longName = null;
        this.pax = {};
        entry.name = entry.name.replace(/^\.\//, '');
        return entry;
    }
    consume(type, body) {
        if (type === 'L')
            this.longName = readString(body, 0, body.length);
        else if (type === 'x')
            this.pax = parsePaxHeaders(body);
    }
}
const META_TYPES = new Set(['x', 'g', 'L', 'K']);
const MAX_META = 1 << 20;
/**
 * Read a tar stream entry by entry, handing each entry's bytes to the sink `onEntry` returns (or
 * skipping them). Memory stays at one header plus whatever the sinks keep: the archive is never
 * buffered. Reads the source to its end even after the end-of-archive blocks, so a producing
 * process is never left blocked on a full pipe.
 */
async function readTarStream(source, onEntry) {
    const header = Buffer.alloc(BLOCK);
    let headerFill = 0;
    let state = 'header';
    let remaining = 0;
    let padding = 0;
    let sink = null;
    let metaType = null;
    let metaChunks = [];
    const meta = new MetaState();
    const finishBody = async () => {
        if (metaType !== null) {
            meta.consume(metaType, Buffer.concat(metaChunks));
            metaType = null;
            metaChunks = [];
        }
        else if (sink) {
            await sink.end();
        }
        sink = null;
        state = padding > 0 ? 'pad' : 'header';
    };
    for await (const piece of source) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        let offset = 0;
        while (offset < chunk.length && state !== 'done') {
            if (state === 'header') {
                const take = Math.min(BLOCK - headerFill, chunk.length - offset);
                chunk.copy(header, headerFill, offset, offset + take);
                headerFill += take;
                offset += take;
                if (headerFill < BLOCK)
                    continue;
                headerFill = 0;
                const raw = parseHeader(header);
                if (!raw) {
                    state = 'done';
                    break;
                }
                remaining = raw.size;
                padding = (BLOCK - (raw.size % BLOCK)) % BLOCK;
                if (META_TYPES.has(raw.type)) {
                    if (raw.size > MAX_META)
                        throw new Error(`tar: ${raw.type} header of ${raw.size} bytes is too large`);
                    metaType = raw.type;
                    sink = null;
                }
                else {
                    metaType = null;
                    sink = onEntry(meta.apply(raw));
                }
                state = 'body';
                if (remaining === 0)
                    await finishBody();
            }
            else if (state === 'body') {
                const take = Math.min(remaining, chunk.length - offset);
                const slice = chunk.subarray(offset, offset + take);
                if (metaType !== null)
                    metaChunks.push(Buffer.from(slice));
                else if (sink)
                    await sink.write(slice);
                remaining -= take;
                offset += take;
                if (remaining === 0)
                    await finishBody();
            }
            else {
                const take = Math.min(padding, chunk.length - offset);
                padding -= take;
                offset += take;
                if (padding === 0)
                    state = 'header';
            }
        }
    }
    // Widened: TypeScript cannot see finishBody() changing `state`.
    const ended = state;
    if (ended === 'body' || ended === 'pad' || (ended === 'header' && headerFill > 0)) {
        throw new Error('tar: the archive ended early');
    }
}
/** A sink that keeps an entry's bytes (for small files such as manifests), refusing large ones. */
function collectingSink(limit, done) {
    const chunks = [];
    let size = 0;
    return {
        write(chunk) {
            size += chunk.length;
            if (size > limit)
                throw new Error(`tar: an entry is larger than ${limit} bytes`);
            chunks.push(Buffer.from(chunk));
        },
        end() {
            done(Buffer.concat(chunks));
        }
    };
}
/**
 * List a tar file's entries by reading only their headers (seeking over the data): cost grows
 * with the number of entries, not their size.
 */
async function indexTarFile(file) {
    const entries = new Map();
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const { size: fileSize } = await handle.stat();
        const block = Buffer.alloc(BLOCK);
        const meta = new MetaState();
        let position = 0;
        while (position + BLOCK <= fileSize) {
            await handle.read(block, 0, BLOCK, position);
            const raw = parseHeader(block);
            if (!raw)
                break;
            const dataOffset = position + BLOCK;
            if (META_TYPES.has(raw.type)) {
                if (raw.size > MAX_META)
                    throw new Error(`tar: ${raw.type} header of ${raw.size} bytes is too large`);
                const body = Buffer.alloc(raw.size);
                await handle.read(body, 0, raw.size, dataOffset);
                meta.consume(raw.type, body);
            }
            else {
                const entry = meta.apply(raw);
                entries.set(entry.name, { offset: dataOffset, size: entry.size, type: entry.type });
                raw.size = entry.size;
            }
            position = dataOffset + Math.ceil(raw.size / BLOCK) * BLOCK;
        }
    }
    finally {
        await handle.close();
    }
    return entries;
}
/** Read one byte range of a file. */
async function readRange(file, offset, size) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(size);
        const { bytesRead } = await handle.read(buffer, 0, size, offset);
        return buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}
function blobPath(digest) {
    const [algorithm, hex] = digest.split(':');
    if (!algorithm || !hex || !/^[a-z0-9+._-]+$/.test(algorithm) || !/^[a-zA-Z0-9=_-]+$/.test(hex)) {
        throw new Error(`invalid digest "${digest}"`);
    }
    return `blobs/${algorithm}/${hex}`;
}
/**
 * Open an OCI layout: a directory (buildx `--output type=oci,dest=DIR,tar=false`) or a tar file
 * of one (`type=oci,dest=FILE.tar`). Only index.json and the blobs asked for are read.
 */
async function openLayout(location) {
    const info = await (0,promises_.stat)(location);
    if (info.isDirectory()) {
        return {
            location,
            readIndex: () => (0,promises_.readFile)(external_node_path_default().join(location, 'index.json')),
            readBlob: digest => (0,promises_.readFile)(external_node_path_default().join(location, blobPath(digest))),
            streamBlob: digest => (0,external_node_fs_.createReadStream)(external_node_path_default().join(location, blobPath(digest)), { highWaterMark: 1 << 20 })
        };
    }
    const entries = await indexTarFile(location);
    const read = async (name) => {
        const entry = entries.get(name);
        if (!entry)
            throw Object.assign(new Error(`${name} is not in ${location}`), { code: 'ENOENT' });
        return readRange(location, entry.offset, entry.size);
    };
    const stream = (digest) => {
        const name = blobPath(digest);
        const entry = entries.get(name);
        if (!entry)
            throw Object.assign(new Error(`${name} is not in ${location}`), { code: 'ENOENT' });
        if (entry.size === 0)
            return (async function* () { })();
        return (0,external_node_fs_.createReadStream)(location, {
            start: entry.offset,
            end: entry.offset + entry.size - 1,
            highWaterMark: 1 << 20
        });
    };
    return {
        location,
        readIndex: () => read('index.json'),
        readBlob: digest => read(blobPath(digest)),
        streamBlob: stream
    };
}

;// CONCATENATED MODULE: ./src/report/files/aggregate.ts
const DEFAULT_LIMITS = {
    maxDepth: 6,
    maxDirs: 10_000,
    keepFiles: 2_000,
    keepDeleted: 5_000,
    maxPath: 1_024
};
/** What the baseline record keeps of a layer. */
const SUMMARY_DIRS = 40;
const SUMMARY_FILES = 20;
const SUMMARY_DELETED = 50;
const REGULAR = new Set(['0', '\0', '7', '']);
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** `./usr//bin/x/` → `/usr/bin/x`; `..` segments are dropped (a layer cannot climb out of `/`). */
function normalizePath(name, maxPath = DEFAULT_LIMITS.maxPath) {
    const parts = name.split('/').filter(p => p !== '' && p !== '.' && p !== '..');
    const joined = `/${parts.join('/')}`;
    return joined.length > maxPath ? `${joined.slice(0, maxPath - 1)}…` : joined;
}
/** What a tar entry means for the listing. Pure. */
function classifyEntry(entry) {
    const path = normalizePath(entry.name, Number.MAX_SAFE_INTEGER);
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    const parent = path.slice(0, slash);
    if (base === OPAQUE)
        return { kind: 'delete', deletion: { path: parent || '/', opaque: true } };
    // Other `.wh..wh.` names are the aufs driver's own bookkeeping, not deletions.
    if (base.startsWith(`${WHITEOUT}${WHITEOUT}`))
        return { kind: 'skip' };
    if (base.startsWith(WHITEOUT) && base.length > WHITEOUT.length) {
        return { kind: 'delete', deletion: { path: `${parent}/${base.slice(WHITEOUT.length)}`, opaque: false } };
    }
    if (REGULAR.has(entry.type))
        return { kind: 'file', path };
    return { kind: 'skip' };
}
/**
 * Largest-first top list of bounded size: items go into a buffer that is sorted and cut back to
 * `keep` when it reaches twice that, so adding n items costs O(n log keep).
 */
class TopList {
    keep;
    items = [];
    dropped = false;
    constructor(keep) {
        this.keep = keep;
    }
    add(item) {
        this.items.push(item);
        if (this.items.length >= this.keep * 2)
            this.cut();
    }
    cut() {
        this.items.sort(byBytes);
        if (this.items.length > this.keep) {
            this.items.length = this.keep;
            this.dropped = true;
        }
    }
    result() {
        this.cut();
        return this.items;
    }
}
function byBytes(a, b) {
    return b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
/** Accumulates one layer's entries. */
class LayerAggregator {
    limits;
    dirs = new Map();
    dirsDropped = false;
    top;
    deletions = [];
    deletedCount = 0;
    files = 0;
    bytes = 0;
    constructor(limits = DEFAULT_LIMITS) {
        this.limits = limits;
        this.top = new TopList(limits.keepFiles);
    }
    add(entry) {
        const what = classifyEntry(entry);
        if (what.kind === 'skip')
            return;
        if (what.kind === 'delete') {
            this.deletedCount++;
            if (this.deletions.length < this.limits.keepDeleted) {
                const path = normalizePath(what.deletion.path, this.limits.maxPath);
                this.deletions.push({ path, opaque: what.deletion.opaque });
            }
            return;
        }
        const size = Math.max(0, entry.size);
        const path = what.path.length > this.limits.maxPath ? normalizePath(what.path, this.limits.maxPath) : what.path;
        this.files++;
        this.bytes += size;
        this.top.add({ path, bytes: size });
        let at = 0;
        for (let depth = 0; depth < this.limits.maxDepth; depth++) {
            const next = path.indexOf('/', at + 1);
            if (next < 0)
                break;
            const dir = path.slice(0, next + 1);
            at = next;
            const kept = this.dirs.get(dir);
            if (kept) {
                kept.bytes += size;
                kept.files++;
            }
            else if (this.dirs.size < this.limits.maxDirs) {
                this.dirs.set(dir, { bytes: size, files: 1 });
            }
            else {
                this.dirsDropped = true;
            }
        }
    }
    finish() {
        const files = this.top.result();
        const dirs = [...this.dirs].map(([path, d]) => ({ path, bytes: d.bytes, files: d.files })).sort(byBytes);
        const summary = {
            files: this.files,
            bytes: this.bytes,
            dirs: dirs.slice(0, SUMMARY_DIRS),
            dirsComplete: !this.dirsDropped && dirs.length <= SUMMARY_DIRS,
            top: files.slice(0, SUMMARY_FILES),
            topComplete: !this.top.dropped && files.length <= SUMMARY_FILES,
            deleted: this.deletions
                .slice(0, SUMMARY_DELETED)
                .map(d => (d.opaque ? `${trimSlash(d.path)}/*` : d.path)),
            deletedCount: this.deletedCount
        };
        return { summary, files, deletions: this.deletions, dirsKept: this.dirs.size };
    }
}
function trimSlash(path) {
    return path.endsWith('/') ? path.slice(0, -1) : path;
}
/** Summarize a list of entries at once (tests, small layers). */
function aggregateEntries(entries, limits = DEFAULT_LIMITS) {
    const aggregator = new LayerAggregator(limits);
    for (const entry of entries)
        aggregator.add(entry);
    return aggregator.finish();
}

;// CONCATENATED MODULE: ./src/report/files/list.ts
// Listing one layer from a byte stream: gunzip when the stream is gzip, read the tar headers only
// (bodies are skipped as they pass, never kept), and summarize with the aggregator.




/** What the first bytes of a layer blob say it is. Pure. */
function layerEncoding(head) {
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'gzip';
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
        return 'zstd';
    return 'tar';
}
class UnreadableLayer extends Error {
}
/** Yields the stream's chunks with the first few bytes looked at before anything is consumed. */
async function* decoded(source) {
    const iterator = source[Symbol.asyncIterator]();
    const head = [];
    let headBytes = 0;
    let done = false;
    while (headBytes < 4) {
        const next = await iterator.next();
        if (next.done) {
            done = true;
            break;
        }
        const chunk = Buffer.from(next.value);
        head.push(chunk);
        headBytes += chunk.length;
    }
    const first = Buffer.concat(head);
    async function* rest() {
        if (first.length > 0)
            yield first;
        if (done)
            return;
        for (;;) {
            const next = await iterator.next();
            if (next.done)
                return;
            yield Buffer.from(next.value);
        }
    }
    const encoding = layerEncoding(first);
    if (encoding === 'tar') {
        yield* rest();
        return;
    }
    const zstd = external_node_zlib_.createZstdDecompress;
    if (encoding === 'zstd' && !zstd) {
        await iterator.return?.();
        throw new UnreadableLayer('a zstd layer needs Node 22.15 or later to be listed');
    }
    const inflate = encoding === 'gzip' ? external_node_zlib_.createGunzip({ chunkSize: 256 << 10 }) : zstd();
    const input = external_node_stream_.Readable.from(rest());
    input.on('error', error => inflate.emit('error', error));
    input.pipe(inflate);
    for await (const chunk of inflate)
        yield chunk;
}
/**
 * List a layer blob (gzip, zstd where Node can, or plain tar): its files and deletions in brief.
 * Memory: one tar header, the decompressor's window and the aggregator's bounded maps.
 */
async function listLayer(source, limits = DEFAULT_LIMITS) {
    const aggregator = new LayerAggregator(limits);
    await readTarStream(decoded(source), entry => {
        aggregator.add(entry);
        return null;
    });
    return aggregator.finish();
}
/**
 * A tar sink (see readTarStream) that lists the bytes written to it as one layer: for a layer
 * inside a stream already being read for another reason (`docker save`). Writes wait while the
 * listing is behind (a few chunks), so memory stays bounded; a layer that cannot be listed
 * rejects `listing` and lets the writes through unread.
 */
function listingSink(limits = DEFAULT_LIMITS) {
    const queue = [];
    let wakeReader = null;
    let wakeWriter = null;
    let failed = false;
    const wake = () => {
        wakeReader?.();
        wakeReader = null;
    };
    async function* chunks() {
        for (;;) {
            while (queue.length === 0)
                await new Promise(resolve => (wakeReader = resolve));
            const chunk = queue.shift();
            if (queue.length <= 2) {
                wakeWriter?.();
                wakeWriter = null;
            }
            if (chunk === null)
                return;
            yield chunk;
        }
    }
    const listing = listLayer(chunks(), limits).catch((error) => {
        failed = true;
        queue.length = 0;
        wakeWriter?.();
        throw error;
    });
    // Nobody may await it before the end: keep an early failure from being unhandled meanwhile.
    listing.catch(() => undefined);
    return {
        listing,
        sink: {
            write(chunk) {
                if (failed)
                    return;
                queue.push(chunk);
                wake();
                if (queue.length > 8)
                    return new Promise(resolve => (wakeWriter = resolve));
            },
            end() {
                if (failed)
                    return;
                queue.push(null);
                wake();
            }
        }
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/engine/api.ts
var api = __webpack_require__(6750);
// EXTERNAL MODULE: ./src/engine/docker.ts + 1 modules
var engine_docker = __webpack_require__(2339);
;// CONCATENATED MODULE: ./src/report/registry.ts
// A small read-only client for the OCI distribution API: image references, token/basic auth,
// manifests and blobs. Only what measuring needs; node's global fetch, no dependencies.






const MEDIA_TYPES = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
};
/** Every manifest shape we can measure, most specific first (sent as the Accept header). */
const MANIFEST_ACCEPT = [
    MEDIA_TYPES.ociIndex,
    MEDIA_TYPES.ociManifest,
    MEDIA_TYPES.dockerList,
    MEDIA_TYPES.dockerManifest
].join(', ');
const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
class RegistryError extends errors/* UserError */.y {
    constructor(message) {
        super(message);
        this.name = 'RegistryError';
    }
}
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/**
 * Parse an image reference the way docker does: the first path component is a registry when it
 * has a dot or a colon or is `localhost`; otherwise the image is on Docker Hub (`library/` for
 * one-component names). Throws RegistryError naming the reference when it is malformed.
 */
function parseImageReference(reference) {
    const invalid = (why) => new RegistryError(`Invalid image reference "${reference}": ${why}.`);
    const trimmed = reference.trim();
    if (!trimmed)
        throw invalid('it is empty');
    const { name, tag: written, digest } = (0,src_reference/* splitReference */.mQ)(trimmed);
    if (digest !== null && !DIGEST.test(digest))
        throw invalid(`"${digest}" is not a digest (expected sha256:<hex>)`);
    if (written !== null && !TAG.test(written))
        throw invalid(`"${written}" is not a valid tag`);
    let tag = written;
    const parts = name.split('/');
    let registry = DOCKER_HUB;
    const first = parts[0] ?? '';
    if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
        registry = first;
        parts.shift();
    }
    if (registry === 'index.docker.io' || registry === DOCKER_HUB_API)
        registry = DOCKER_HUB;
    if (registry === DOCKER_HUB && parts.length === 1)
        parts.unshift('library');
    for (const part of parts) {
        if (!PATH_COMPONENT.test(part))
            throw invalid(`"${part}" is not a valid repository name component`);
    }
    if (tag === null && digest === null)
        tag = 'latest';
    const repository = parts.join('/');
    return { registry, repository, tag, digest, name: `${registry}/${repository}` };
}
/** `name:tag@digest` as docker prints it. */
function formatReference(ref) {
    return `${ref.name}${ref.tag === null ? '' : `:${ref.tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`;
}
/** dockerd talks plain HTTP to loopback registries without configuration; so do we. */
function isPlainHttpHost(registry) {
    const host = registry.startsWith('[')
        ? registry.slice(1, registry.indexOf(']'))
        : registry.replace(/:\d+$/, '');
    return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
/** Base URL of the registry's API (Docker Hub's API lives on another host). */
function registryBaseUrl(registry) {
    const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
    return `${isPlainHttpHost(registry) ? 'http' : 'https'}://${host}`;
}
/** Parse `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (or `Basic realm=…`). */
function parseAuthChallenge(header) {
    if (!header)
        return null;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return null;
    const scheme = (match[1] ?? '').toLowerCase();
    if (scheme !== 'bearer' && scheme !== 'basic')
        return null;
    const params = {};
    const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (let m = param.exec(match[2] ?? ''); m; m = param.exec(match[2] ?? '')) {
        params[(m[1] ?? '').toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    }
    return { scheme, params };
}
/** The host part of a docker config `auths` key (`https://index.docker.io/v1/` → `docker.io`). */
function normalizeAuthKey(key) {
    const host = key
        .replace(/^[a-z]+:\/\//i, '')
        .split('/')[0]
        .toLowerCase();
    return host === 'index.docker.io' || host === DOCKER_HUB_API ? DOCKER_HUB : host;
}
/**
 * Basic credentials for `registry` from a parsed docker config.json (`auths[host].auth`, base64 of
 * `user:pass`, or `username`/`password`). Credential helpers (`credsStore`, `credHelpers`) and
 * identity tokens are not consulted: in CI, `docker/login-action` writes `auths` entries.
 */
function credentialsFromDockerConfig(config, registry) {
    const auths = config?.auths;
    if (!auths || typeof auths !== 'object')
        return null;
    const wanted = normalizeAuthKey(registry);
    for (const [key, entry] of Object.entries(auths)) {
        if (normalizeAuthKey(key) !== wanted || !entry)
            continue;
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        if (entry.username && entry.password)
            return { username: entry.username, password: entry.password };
    }
    return null;
}
/** Read `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`); null when absent or unreadable. */
function loadDockerConfig(env = process.env) {
    const dir = env.DOCKER_CONFIG || external_node_path_default().join((0,external_node_os_.homedir)(), '.docker');
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'config.json'), 'utf8'));
    }
    catch {
        return null;
    }
}
/**
 * Read-only registry client. Keeps one Authorization header per registry+repository, obtained on
 * the first 401 (Bearer token, anonymous or with basic credentials; or Basic) and reused.
 */
class RegistryClient {
    authorization = new Map();
    fetchImpl;
    credentials;
    plainHttp;
    timeoutMs;
    constructor(options = {}) {
        this.fetchImpl = options.fetch ?? fetch;
        this.plainHttp = options.plainHttp ?? isPlainHttpHost;
        this.timeoutMs = options.timeoutMs ?? 30_000;
        if (options.credentials) {
            this.credentials = options.credentials;
        }
        else {
            let config;
            let loaded = false;
            this.credentials = registry => {
                if (!loaded) {
                    config = loadDockerConfig();
                    loaded = true;
                }
                return credentialsFromDockerConfig(config, registry);
            };
        }
    }
    baseUrl(registry) {
        const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
        return `${this.plainHttp(registry) ? 'http' : 'https'}://${host}`;
    }
    /** GET a manifest or index by tag or digest. */
    async getManifest(ref, reference) {
        const which = reference ?? ref.digest ?? ref.tag ?? 'latest';
        const res = await this.get(ref, `manifests/${which}`, { accept: MANIFEST_ACCEPT });
        const bytes = Buffer.from(await res.arrayBuffer());
        let body;
        try {
            body = JSON.parse(bytes.toString('utf8'));
        }
        catch {
            throw new RegistryError(`The registry returned a manifest for ${ref.name}@${which} that is not JSON.`);
        }
        const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        const declared = body.mediaType;
        return {
            mediaType: declared || contentType,
            digest: res.headers.get('docker-content-digest') ??
                `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`,
            size: bytes.length,
            body
        };
    }
    /** GET a (small) blob as JSON, e.g. an image config. Redirects to storage are followed. */
    async getJsonBlob(ref, digest) {
        const res = await this.get(ref, `blobs/${digest}`, {});
        const text = await res.text();
        try {
            return JSON.parse(text);
        }
        catch {
            throw new RegistryError(`Blob ${digest} of ${ref.name} is not JSON.`);
        }
    }
    /**
     * GET a blob as a stream of bytes (a layer), for reading as it arrives: nothing is kept.
     * `timeoutMs` bounds the whole transfer, body included.
     */
    async getBlobStream(ref, digest, timeoutMs = 300_000) {
        const res = await this.get(ref, `blobs/${digest}`, {}, timeoutMs);
        if (!res.body)
            throw new RegistryError(`Blob ${digest} of ${ref.name} came without a body.`);
        return res.body;
    }
    async get(ref, suffix, headers, timeoutMs = this.timeoutMs) {
        const url = `${this.baseUrl(ref.registry)}/v2/${ref.repository}/${suffix}`;
        const key = `${ref.registry}/${ref.repository}`;
        let res = await this.send(url, ref, headers, this.authorization.get(key), timeoutMs);
        if (res.status === 401) {
            const challenge = parseAuthChallenge(res.headers.get('www-authenticate'));
            await res.body?.cancel();
            const authorization = await this.authorize(ref, challenge);
            this.authorization.set(key, authorization);
            res = await this.send(url, ref, headers, authorization, timeoutMs);
        }
        if (res.ok)
            return res;
        await res.body?.cancel();
        const what = suffix.startsWith('manifests/')
            ? `Image ${ref.name}${suffix.includes(':') ? '@' : ':'}${suffix.slice('manifests/'.length)}`
            : `Blob ${suffix.slice('blobs/'.length)} of ${ref.name}`;
        if (res.status === 404) {
            throw new RegistryError(`${what} was not found in the registry ${ref.registry} (HTTP 404).`);
        }
        if (res.status === 401 || res.status === 403)
            throw this.unauthorized(ref, res.status);
        throw new RegistryError(`${what}: the registry ${ref.registry} answered HTTP ${res.status}.`);
    }
    async send(url, ref, headers, authorization, timeoutMs = this.timeoutMs) {
        try {
            return await this.fetchImpl(url, {
                headers: authorization ? { ...headers, authorization } : headers,
                redirect: 'follow',
                signal: AbortSignal.timeout(timeoutMs)
            });
        }
        catch (error) {
            const cause = error.cause;
            const detail = cause?.code ?? cause?.message ?? error.message;
            throw new RegistryError(`Cannot reach the registry ${ref.registry} (${url}): ${detail}.`);
        }
    }
    async authorize(ref, challenge) {
        const creds = this.credentials(ref.registry);
        const basic = creds
            ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
            : undefined;
        if (!challenge)
            throw this.unauthorized(ref, 401);
        if (challenge.scheme === 'basic') {
            if (!basic)
                throw this.unauthorized(ref, 401);
            return basic;
        }
        const realm = challenge.params.realm;
        if (!realm)
            throw new RegistryError(`The registry ${ref.registry} sent a Bearer challenge without a realm.`);
        const url = new URL(realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        url.searchParams.set('scope', challenge.params.scope ?? `repository:${ref.repository}:pull`);
        let res;
        try {
            res = await this.fetchImpl(url, {
                headers: basic ? { authorization: basic } : {},
                signal: AbortSignal.timeout(this.timeoutMs)
            });
        }
        catch (error) {
            throw new RegistryError(`Cannot reach the token service of ${ref.registry} (${url.origin}): ${error.message}.`);
        }
        if (res.status === 401 || res.status === 403) {
            await res.body?.cancel();
            throw this.unauthorized(ref, res.status);
        }
        if (!res.ok) {
            await res.body?.cancel();
            throw new RegistryError(`The token service of ${ref.registry} answered HTTP ${res.status}.`);
        }
        const body = (await res.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`The token service of ${ref.registry} returned no token.`);
        return `Bearer ${token}`;
    }
    unauthorized(ref, status) {
        const had = this.credentials(ref.registry) !== null;
        return new RegistryError(`Not authorized to pull ${ref.name} from ${ref.registry} (HTTP ${status}). ` +
            (had
                ? `The credentials for ${ref.registry} in the docker config were refused: check they can read ${ref.repository}.`
                : `Log in first (docker login ${ref.registry}, or docker/login-action) so that ` +
                    `${process.env.DOCKER_CONFIG ? '$DOCKER_CONFIG' : '~/.docker'}/config.json has an "auths" entry for ${ref.registry}; ` +
                    'credential helpers are not read.'));
    }
}
/**
 * Loads node's fetch, whose HTTP client is compiled on its first call (~30 ms of CPU measured
 * here): a run calls this while its builds run, so the measurement after the push does not wait
 * for it. A data: URL goes nowhere.
 */
function warmFetch() {
    void fetch('data:,')
        .then(response => response.arrayBuffer())
        .catch(() => undefined);
}

;// CONCATENATED MODULE: ./src/report/measure.ts
// Measuring an image: from the registry it was pushed to (manifests and configs only), from an
// OCI layout on disk, or from the local engine (docker inspect/history/save) when not pushed.











/** `os/arch[/variant]`; `unknown` for a missing part. */
function platformString(platform) {
    const os = platform?.os || 'unknown';
    const arch = platform?.architecture || 'unknown';
    return platform?.variant ? `${os}/${arch}/${platform.variant}` : `${os}/${arch}`;
}
/** BuildKit's provenance/SBOM manifests sit in the index beside the images; they are not images. */
function isAttestation(descriptor) {
    if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
        return true;
    return descriptor.platform?.os === 'unknown' && descriptor.platform?.architecture === 'unknown';
}
/** Which shape a manifest has, from its media type or (for OCI, where it is optional) its fields. */
function manifestKind(mediaType, body) {
    const manifest = body;
    if (mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList)
        return 'index';
    if (mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest)
        return 'manifest';
    if (manifest?.schemaVersion === 1) {
        throw new RegistryError('Docker schema 1 manifests are not supported: push the image with a current client.');
    }
    if (Array.isArray(manifest?.manifests))
        return 'index';
    if (Array.isArray(manifest?.layers) && manifest?.config)
        return 'manifest';
    throw new RegistryError(`Unsupported manifest type "${mediaType ?? 'none'}".`);
}
/** The image manifests of an index worth measuring: attestation manifests and non-manifests left out. */
function imageManifestsOf(index) {
    const manifests = index.manifests ?? [];
    return manifests.filter(d => !isAttestation(d));
}
/**
 * Turn a history `created_by` into the instruction people wrote: drop the classic builder's
 * `/bin/sh -c #(nop) ` (metadata instructions), its `|N ARG=… ` build-arg prefix and shell, and
 * BuildKit's `RUN … # buildkit` wrapping, so `RUN |1 V=1 /bin/sh -c make # buildkit` → `RUN make`.
 */
function cleanCreatedBy(raw) {
    let text = (raw ?? '').trim();
    text = text.replace(/\s*# buildkit$/, '');
    const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
    if (nop)
        return text.slice(nop[0].length).trim();
    let run = false;
    if (text.startsWith('RUN ')) {
        run = true;
        text = text.slice(4).trimStart();
    }
    const args = /^\|(\d+)\s+/.exec(text);
    if (args) {
        text = text.slice(args[0].length);
        for (let i = 0; i < Number(args[1]); i++) {
            const assignment = /^[A-Za-z_][A-Za-z0-9_]*=\S*\s*/.exec(text);
            if (!assignment)
                break;
            text = text.slice(assignment[0].length);
        }
        run = true;
    }
    const shell = /^\/bin\/sh -c\s+/.exec(text);
    if (shell) {
        text = text.slice(shell[0].length);
        run = true;
    }
    return run ? `RUN ${text.trim()}` : text;
}
/** What `docker save` estimates: each layer gzipped, as a classic-store push compresses it. */
const GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
/**
 * Pair layers with the config history: each history entry without `empty_layer` made the next
 * layer. A history that is missing or shorter than the layers leaves `createdBy` empty.
 */
function joinHistory(layers, history, diffIds = []) {
    const makers = (history ?? []).filter(entry => !entry.empty_layer);
    return layers.map((layer, i) => {
        const entry = makers[i];
        const instruction = cleanCreatedBy(entry?.created_by);
        const createdBy = instruction || (entry?.comment && !entry.comment.startsWith('buildkit') ? entry.comment : '');
        const diffId = diffIds[i];
        return {
            digest: layer.digest,
            compressed: layer.compressed,
            disk: layer.disk,
            createdBy,
            ...(diffId ? { diffId } : {}),
            ...(layer.mediaType ? { mediaType: layer.mediaType } : {}),
            ...(layer.sizeFrom ? { sizeFrom: layer.sizeFrom } : {})
        };
    });
}
/** One platform's numbers from its manifest and config; sizes come from the descriptors only. */
function measureManifest(manifest, config, platform) {
    const body = manifest;
    const layers = (body.layers ?? []).map(l => ({
        digest: l.digest,
        compressed: l.size,
        disk: null,
        mediaType: l.mediaType
    }));
    const compressed = layers.reduce((sum, l) => sum + l.compressed, 0) + (body.config?.size ?? 0);
    return {
        platform: platformString(platform?.os ? platform : config),
        compressed,
        disk: null,
        layers: joinHistory(layers, config.history, config.rootfs?.diff_ids)
    };
}
/** Run `fn` over `items` with at most `limit` calls in flight, keeping the order of the results. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
/** Measure every image platform under a root manifest or index (nested indexes followed). */
async function measureTree(root, source, concurrency, platform) {
    if (manifestKind(root.mediaType, root.body) === 'manifest') {
        const configDigest = root.body.config.digest;
        const config = await source.config(configDigest);
        return [
            {
                ...measureManifest(root.body, config, platform),
                configDigest,
                manifestDigest: root.digest ?? null,
                history: config.history
            }
        ];
    }
    const children = imageManifestsOf(root.body);
    const measured = await mapLimit(children, concurrency, async (child) => {
        const fetched = await source.manifest(child.digest);
        return measureTree({ mediaType: fetched.mediaType ?? child.mediaType, body: fetched.body, digest: child.digest }, source, concurrency, child.platform);
    });
    return measured.flat();
}
/**
 * Fill the on-disk sizes that a registry or OCI layout cannot give, from the same image in the
 * local engine: a platform is the local image when the local ID is its config digest (classic
 * store), its manifest digest, or the root index digest with the same platform (containerd
 * store). Its layers take `docker history`'s sizes; any layer elsewhere with the same diff ID (same
 * content) takes the same size. A platform whose every layer is known gets their sum; else only the
 * classic store's `.Size` is a size on disk. Pure.
 */
function applyLocalSizes(platforms, local, rootDigest) {
    const strip = ({ manifestDigest: _m, history: _h, ...p }) => p;
    if (!local)
        return platforms.map(strip);
    const isLocal = (p) => local.id === p.configDigest ||
        local.id === p.manifestDigest ||
        (local.id === rootDigest && local.platform === p.platform);
    const byDiffId = new Map();
    const own = new Map();
    for (const p of platforms.filter(isLocal)) {
        if (!local.historySizes)
            continue;
        const sizes = layerDiskSizes(local.historySizes, p.history, p.layers.length);
        own.set(p, sizes);
        p.layers.forEach((l, i) => {
            const size = sizes[i];
            if (l.diffId && size !== null && size !== undefined)
                byDiffId.set(l.diffId, size);
        });
    }
    return platforms.map(p => {
        const layers = p.layers.map((l, i) => {
            const disk = l.disk ?? own.get(p)?.[i] ?? (l.diffId ? byDiffId.get(l.diffId) : undefined) ?? null;
            return disk === l.disk ? l : { ...l, disk };
        });
        const known = layers.length > 0 && layers.every(l => l.disk !== null);
        const disk = known
            ? layers.reduce((sum, l) => sum + (l.disk ?? 0), 0)
            : local.id === p.configDigest
                ? local.size
                : p.disk;
        return { ...strip(p), disk, layers };
    });
}
const HISTORY_ARGS = ['history', '--no-trunc', '--human=false', '--format', '{{json .}}'];
/**
 * Local facts read once per reference: a run starts the read as soon as the image exists (while
 * the push runs), and the measurement takes the answer. With the engine's socket (src/engine/api.ts)
 * they are read from its API, with no docker process beside the push; else by the docker CLI.
 */
function localFactsReader(docker, socket = null) {
    const read = new Map();
    return reference => {
        let facts = read.get(reference);
        if (!facts) {
            facts = readLocalFacts(docker, reference, socket);
            read.set(reference, facts);
        }
        return facts;
    };
}
/** The local engine's facts about `reference`, or null when it is not there. */
async function readLocalFacts(docker, reference, socket = null) {
    // undefined: the engine could not be asked (not reachable, an answer not understood).
    const asked = socket ? await readFromEngine(socket, reference).catch(() => undefined) : undefined;
    if (asked !== undefined)
        return asked;
    const [image, history] = await Promise.all([
        inspectLocal(docker, reference).catch(() => null),
        (0,engine_docker.run)(docker, [...HISTORY_ARGS, reference]).catch(() => null)
    ]);
    if (!image)
        return null;
    let historySizes = null;
    try {
        if (history?.exitCode === 0)
            historySizes = parseDockerHistory(history.stdout);
    }
    catch {
        historySizes = null;
    }
    return factsOf(image, historySizes);
}
/**
 * The same two reads from the engine's API (what `docker image inspect` and `docker history` ask
 * it): null when the image is not there, undefined when the answer is not one to read.
 */
async function readFromEngine(socket, reference) {
    const name = encodeURI(reference);
    const [image, history] = await Promise.all([
        (0,api/* engineGet */.dA)(socket, `/images/${name}/json`),
        (0,api/* engineGet */.dA)(socket, `/images/${name}/history`)
    ]);
    if (image.status === 404)
        return null;
    if (image.status !== 200)
        return undefined;
    let historySizes = null;
    if (history.status === 200)
        historySizes = engineHistorySizes(history.body);
    return factsOf(JSON.parse(image.body), historySizes);
}
/** The API's history (newest first, numeric sizes) as sizes oldest first, as parseDockerHistory. Pure. */
function engineHistorySizes(body) {
    const entries = JSON.parse(body);
    if (!Array.isArray(entries))
        throw new Error('the history is not a list');
    return entries.map(entry => Number(entry.Size ?? 0)).reverse();
}
function factsOf(image, historySizes) {
    return {
        id: image.Id,
        size: image.Size,
        platform: platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant }),
        historySizes
    };
}
/**
 * Measure a pushed image from its registry: the manifest (or index, then each image manifest)
 * and each config blob. Cost grows with the number of platforms and layers, never with their
 * bytes. `disk` is only filled where the image is also in the local engine (a loaded image).
 */
async function measureFromRegistry(reference, options = {}) {
    const ref = parseImageReference(reference);
    const client = options.client ?? new RegistryClient();
    // The engine is asked while the registry answers.
    const docker = options.docker;
    const localRead = docker === null
        ? Promise.resolve(null)
        : (options.localFacts ?? (r => readLocalFacts(docker ?? 'docker', r)))(options.localReference ?? reference);
    const root = await client.getManifest(ref);
    const source = {
        manifest: digest => client.getManifest(ref, digest),
        config: async (digest) => (await client.getJsonBlob(ref, digest))
    };
    const platforms = await measureTree(root, source, options.concurrency ?? 6);
    if (platforms.length === 0) {
        throw new RegistryError(`${reference} has no image manifests (only attestations or an empty index).`);
    }
    const local = await localRead;
    return {
        image: ref.name,
        target: options.target ?? '',
        tags: ref.tag === null ? [] : [ref.tag],
        digest: ref.digest ?? root.digest,
        platforms: applyLocalSizes(platforms, local, root.digest),
        measuredAt: (options.now?.() ?? new Date()).toISOString(),
        source: 'registry'
    };
}
function parseJson(bytes, what) {
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new errors/* UserError */.y(`${what} is not valid JSON.`);
    }
}
/**
 * Measure an OCI image layout (buildx `--output type=oci,dest=DIR,tar=false`, or the tar file of
 * one): index.json, then manifests and configs from `blobs/`; sizes come from the descriptors.
 * The digest is the top descriptor's when there is one: the digest a push would produce.
 */
async function measureOciLayout(location, options = {}) {
    // The engine is asked while the layout is read.
    const localImage = options.localImage;
    const localRead = localImage
        ? (options.localFacts ?? (r => readLocalFacts(options.docker ?? 'docker', r)))(localImage)
        : Promise.resolve(null);
    let layout;
    let index;
    try {
        layout = await openLayout(location);
        index = parseJson(await layout.readIndex(), `${location}/index.json`);
    }
    catch (error) {
        if (error instanceof errors/* UserError */.y)
            throw error;
        throw new errors/* UserError */.y(`Cannot read the OCI layout at ${location}: ${error.message}`);
    }
    const readBlob = async (digest) => {
        try {
            return parseJson(await layout.readBlob(digest), `Blob ${digest} in ${location}`);
        }
        catch (error) {
            if (error instanceof errors/* UserError */.y)
                throw error;
            throw new errors/* UserError */.y(`The OCI layout at ${location} lacks blob ${digest}: ${error.message}`);
        }
    };
    const source = {
        manifest: async (digest) => {
            const body = await readBlob(digest);
            return { mediaType: body.mediaType, body };
        },
        config: async (digest) => (await readBlob(digest))
    };
    const top = imageManifestsOf(index);
    const platforms = await measureTree({ mediaType: MEDIA_TYPES.ociIndex, body: index }, source, options.concurrency ?? 6);
    if (platforms.length === 0)
        throw new errors/* UserError */.y(`The OCI layout at ${location} holds no image manifests.`);
    const local = await localRead;
    const annotations = top[0]?.annotations ?? {};
    const fullName = annotations['io.containerd.image.name'];
    const parsed = fullName ? safeParse(fullName) : null;
    const refName = annotations['org.opencontainers.image.ref.name'];
    return {
        image: options.image ?? parsed?.name ?? '',
        target: options.target ?? '',
        tags: options.tags ?? (parsed?.tag ? [parsed.tag] : refName && !refName.includes('/') ? [refName] : []),
        digest: top.length === 1 ? top[0].digest : null,
        platforms: applyLocalSizes(platforms, local, top.length === 1 ? top[0].digest : null),
        measuredAt: (options.now?.() ?? new Date()).toISOString(),
        source: 'oci-layout'
    };
}
function safeParse(reference) {
    try {
        return parseImageReference(reference);
    }
    catch {
        return null;
    }
}
async function inspectLocal(docker, image) {
    const result = await (0,engine_docker.run)(docker, ['image', 'inspect', '--format', '{{json .}}', image], {
        captureStderr: true
    });
    if (result.exitCode !== 0) {
        throw new errors/* UserError */.y(`Image ${image} is not in the local Docker engine (docker image inspect: ${result.stderr?.trim() || `exit ${result.exitCode}`}).`);
    }
    return JSON.parse(result.stdout);
}
/**
 * On-disk size of a local image, or null when it is not present locally (a pushed image built on
 * another machine or for another platform): the sum of `docker history`'s sizes, which is the
 * unpacked size on both image stores, else `docker image inspect`'s Size (the classic store's
 * unpacked size; containerd's counts the compressed blobs). Two small commands: the cost does not
 * grow with the image's bytes.
 */
async function localDiskSize(image, docker = 'docker', localFacts = r => readLocalFacts(docker, r)) {
    const facts = await localFacts(image);
    if (!facts)
        return null;
    return facts.historySizes ? facts.historySizes.reduce((sum, n) => sum + n, 0) : facts.size;
}
/** `name[:tag][@digest]` → name and tags, as the user wrote it (no registry defaults added). */
function splitLocalReference(reference) {
    const { name, tag } = (0,src_reference/* splitReference */.mQ)(reference);
    return { image: name, tags: tag === null ? [] : [tag] };
}
/** `docker history --human=false` sizes, oldest first, aligned one to one with the config history. */
function parseDockerHistory(output) {
    return output
        .split('\n')
        .filter(line => line.trim())
        .map(line => Number(JSON.parse(line).Size ?? 0))
        .reverse();
}
/**
 * Per-layer on-disk sizes: `docker history` lists one row per config history entry, so the rows
 * of entries that made a layer give the layers' sizes. Null when the two disagree in length.
 */
function layerDiskSizes(historySizes, history, layers) {
    if (!history || history.length !== historySizes.length)
        return Array(layers).fill(null);
    const sizes = history.flatMap((entry, i) => (entry.empty_layer ? [] : [historySizes[i] ?? null]));
    return Array.from({ length: layers }, (_, i) => sizes[i] ?? null);
}
/**
 * The compressed layer sizes of the baseline that a `docker save` measurement of `platform` may
 * reuse: every baseline layer of the same platform with a diff ID. These are exactly the layers
 * alignWithBaseline gives the baseline's size afterwards, so compressing them again would be
 * thrown away: a size from the registry or an OCI layout is the blob as pushed, and one from an
 * earlier `docker save` is the same gzip of the same bytes. Pure.
 */
function knownLayerSizes(baseline, platform) {
    const known = new Map();
    const before = baseline?.measurement.platforms.find(p => p.platform === platform);
    for (const layer of before?.layers ?? []) {
        if (layer.diffId && Number.isFinite(layer.compressed) && layer.compressed >= 0)
            known.set(layer.diffId, layer.compressed);
    }
    return known;
}
/** Chain IDs of a layer stack: the first diff ID, then `sha256(parent + " " + diffId)` (image spec). */
function chainIds(diffIds) {
    const chains = [];
    for (const [i, diffId] of diffIds.entries()) {
        chains.push(i === 0 ? diffId : `sha256:${sha256(`${chains[i - 1]} ${diffId}`)}`);
    }
    return chains;
}
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
/**
 * The top-level members of a JSON object, each value kept as its exact text, or null for
 * anything that is not an object. Go writes compact JSON, so the texts are what it hashed.
 */
function jsonMembers(text) {
    const source = text.trim();
    if (!source.startsWith('{') || !source.endsWith('}'))
        return null;
    try {
        JSON.parse(source);
    }
    catch {
        return null;
    }
    const members = [];
    let i = 1;
    const skipSpace = () => {
        while (/\s/.test(source[i] ?? ''))
            i++;
    };
    skipSpace();
    while (i < source.length - 1) {
        const keyStart = i;
        i++;
        while (source[i] !== '"')
            i += source[i] === '\\' ? 2 : 1;
        const key = JSON.parse(source.slice(keyStart, i + 1));
        i++;
        skipSpace();
        i++; // the colon
        skipSpace();
        const valueStart = i;
        let depth = 0;
        let inString = false;
        for (; i < source.length - 1; i++) {
            const c = source[i];
            if (inString) {
                if (c === '\\')
                    i++;
                else if (c === '"')
                    inString = false;
            }
            else if (c === '"')
                inString = true;
            else if (c === '{' || c === '[')
                depth++;
            else if (c === '}' || c === ']')
                depth--;
            else if (c === ',' && depth === 0)
                break;
        }
        members.push([key, source.slice(valueStart, i).trim()]);
        i++; // the comma
        skipSpace();
    }
    return members;
}
/**
 * Which layer a legacy `docker save` directory (`<id>/layer.tar`, Docker up to 24) holds, from its
 * `<id>/json`: the directory name is Docker's v1 ID, the sha256 of that JSON without `id`, with
 * the layer's chain ID as `layer_id` and the full parent ID, keys sorted (moby's v1.CreateID).
 * Layers below the top are hashed without the `os` that save adds afterwards. Each candidate is
 * checked by its hash, so a wrong guess is never taken: the answer is the index in `chains`, or
 * null (the layer is then compressed as before). Pure.
 */
function legacyLayerIndex(dir, v1Json, chains) {
    const members = jsonMembers(v1Json);
    if (!members || !/^[0-9a-f]{64}$/.test(dir))
        return null;
    const fields = new Map(members.filter(([key]) => key !== 'id'));
    const parentText = fields.get('parent');
    fields.delete('parent');
    const parent = parentText ? JSON.parse(parentText) : null;
    if (parent !== null && !/^[0-9a-f]{64}$/.test(parent))
        return null;
    const variants = [fields, new Map([...fields].filter(([key]) => key !== 'os'))];
    for (const [index, chain] of chains.entries()) {
        for (const variant of variants) {
            const hashed = new Map(variant);
            hashed.set('layer_id', JSON.stringify(chain));
            if (parent)
                hashed.set('parent', JSON.stringify(`sha256:${parent}`));
            const body = [...hashed.keys()]
                .sort()
                .map(key => `${JSON.stringify(key)}:${hashed.get(key)}`)
                .join(',');
            if (sha256(`{${body}}`) === dir)
                return index;
        }
    }
    return null;
}
/**
 * The diff ID of a `docker save` entry that holds a layer, where it can be told before its bytes
 * are read: `blobs/sha256/<hex>` (Docker 25+) names an uncompressed layer by its diff ID;
 * `<id>/layer.tar` (up to 24) is found through its v1 ID (legacyLayerIndex). Null otherwise. Pure.
 */
function savedLayerDiffId(name, facts) {
    const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
    if (blob) {
        const diffId = `sha256:${blob[1]}`;
        return facts.diffIds.includes(diffId) ? diffId : null;
    }
    const legacy = /^([0-9a-f]{64})\/layer\.tar$/.exec(name);
    if (!legacy)
        return null;
    const json = facts.v1Json(`${legacy[1]}/json`);
    const index = json === undefined ? null : legacyLayerIndex(legacy[1], json, facts.chains);
    return index === null ? null : (facts.diffIds[index] ?? null);
}
// ---- docker save: counting compressed bytes -------------------------------------------------
/** At most `limit` holders at once; the others wait in turn. */
class Slots {
    free;
    waiting = [];
    constructor(limit) {
        this.free = Math.max(1, limit);
    }
    async acquire() {
        if (this.free > 0) {
            this.free--;
            return;
        }
        await new Promise(resolve => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.free++;
    }
}
/** Bytes of a chunk compressed on its own; deflate's window (32 KiB) of the previous chunk is its dictionary. */
const GZIP_CHUNK = 1 << 20;
const WINDOW = 32 << 10;
/** gzip's header (10 bytes) and trailer (CRC and length, 8 bytes) around the deflate stream. */
const GZIP_FRAME = 18;
const deflateRaw = (0,external_node_util_.promisify)((external_node_zlib_default()).deflateRaw);
/**
 * Counts the gzip-compressed size of a layer, keeping no data: the layer is cut at fixed offsets
 * into GZIP_CHUNK pieces, each deflated on libuv's thread pool with the end of the previous one as
 * its dictionary (as pigz does), so the pieces of one layer, and of the next layer while this one
 * finishes, compress on all cores. `write` waits only for a free slot; `size` settles when every
 * piece is done. A layer of one piece counts exactly what gzip would; a longer one within a few
 * bytes per MiB (cut points are fixed, so the same bytes always count the same).
 */
function chunkedGzipCounter(level, slots) {
    let parts = [];
    let fill = 0;
    let previous;
    let total = GZIP_FRAME;
    let submitted = 0;
    const jobs = [];
    const submit = async (chunk) => {
        const dictionary = previous;
        previous = Buffer.from(chunk.subarray(Math.max(0, chunk.length - WINDOW)));
        submitted++;
        await slots.acquire();
        const job = deflateRaw(chunk, dictionary ? { level, dictionary } : { level })
            .then(out => {
            total += out.length;
        })
            .finally(() => slots.release());
        // Held until `size`: a failure surfaces there, never as an unhandled rejection.
        job.catch(() => undefined);
        jobs.push(job);
    };
    let ended;
    const done = new Promise(resolve => (ended = resolve));
    const size = done.then(async () => {
        await Promise.all(jobs);
        return total;
    });
    size.catch(() => undefined);
    return {
        size,
        sink: {
            async write(data) {
                let offset = 0;
                while (offset < data.length) {
                    const take = Math.min(GZIP_CHUNK - fill, data.length - offset);
                    parts.push(data.subarray(offset, offset + take));
                    fill += take;
                    offset += take;
                    if (fill === GZIP_CHUNK) {
                        const chunk = Buffer.concat(parts, fill);
                        parts = [];
                        fill = 0;
                        await submit(chunk);
                    }
                }
            },
            async end() {
                if (fill > 0 || submitted === 0)
                    await submit(Buffer.concat(parts, fill));
                parts = [];
                ended();
            }
        }
    };
}
const MAX_JSON = 16 << 20;
/**
 * What to do with one file of a `docker save` archive. A layer whose diff ID is in the known
 * sizes is drained and takes that size. Otherwise it is decided on the first bytes, since which
 * files are layers is only certain from manifest.json at the end: JSON (configs, manifests) is
 * kept; a gzip blob (containerd image store) is already compressed and counts as is; anything
 * else (a layer tar: `<id>/layer.tar` up to Docker 24, `blobs/sha256/<hex>` from 25) is gzipped
 * in parallel pieces to count its compressed size.
 */
function savedEntrySink(entry, options, found) {
    let target = null;
    let extra = null;
    // A legacy layer tar may begin with `{` or `[` (a file named so): never take it for JSON.
    const legacyLayer = /(^|\/)layer\.tar$/.test(entry.name);
    const layerLike = legacyLayer || /^blobs\/sha256\/[0-9a-f]{64}$/.test(entry.name);
    const choose = async (chunk) => {
        const reuse = layerLike && options.reuse ? await options.reuse() : null;
        const diffId = reuse ? savedLayerDiffId(entry.name, reuse.facts) : null;
        const knownSize = diffId === null ? undefined : reuse?.known.get(diffId);
        const gzipped = chunk[0] === 0x1f && chunk[1] === 0x8b;
        const json = (chunk[0] === 0x7b || chunk[0] === 0x5b) && entry.size <= MAX_JSON;
        if (knownSize === undefined && json && !legacyLayer) {
            return collectingSink(MAX_JSON, bytes => found({ kind: 'json', bytes }));
        }
        // A layer whose size the baseline knows is unchanged: nothing reads inside it.
        if (knownSize === undefined && options.onLayer) {
            extra = options.onLayer({ name: entry.name, diffId, size: entry.size });
        }
        if (knownSize !== undefined || gzipped) {
            const compressed = Promise.resolve(knownSize ?? entry.size);
            found({ kind: 'layer', compressed, reused: knownSize !== undefined });
            return { write: () => undefined, end: () => undefined };
        }
        const counter = chunkedGzipCounter(options.gzipLevel, options.slots);
        found({ kind: 'layer', compressed: counter.size, reused: false });
        return counter.sink;
    };
    return {
        async write(chunk) {
            target ??= await choose(chunk);
            await Promise.all([target.write(chunk), extra?.write(chunk)]);
        },
        async end() {
            if (!target)
                return found({ kind: 'layer', compressed: Promise.resolve(0), reused: false });
            await Promise.all([target.end(), extra?.end()]);
        }
    };
}
/**
 * Read a `docker save` stream (either layout) once: compressed layer sizes and the config of its
 * first image. Layers with a known size are only drained; the others are compressed in parallel
 * pieces. Memory holds the JSON files and the pieces being compressed, never a whole layer.
 */
async function readDockerSave(stream, options = {}) {
    const layers = new Map();
    const json = new Map();
    const slots = new Slots(options.concurrency ?? (0,external_node_os_.availableParallelism)());
    let reuse;
    const reuseOnce = options.reuse
        ? () => (reuse ??= options.reuse().then(given => given
            ? {
                known: given.known,
                facts: {
                    diffIds: given.diffIds,
                    chains: chainIds(given.diffIds),
                    v1Json: (name) => json.get(name)?.toString('utf8')
                }
            }
            : null))
        : undefined;
    const listings = new Map();
    const onLayer = options.listLayers
        ? layer => {
            const { sink, listing } = listingSink();
            listing.catch(() => undefined);
            listings.set(layer.name, listing);
            return sink;
        }
        : options.onLayer;
    await readTarStream(stream, entry => {
        if (entry.type !== '0' && entry.type !== '\0')
            return null;
        return savedEntrySink(entry, { gzipLevel: options.gzipLevel ?? 6, slots, reuse: reuseOnce, onLayer }, result => {
            if (result.kind === 'json')
                json.set(entry.name, result.bytes);
            else {
                result.compressed.catch(() => undefined);
                layers.set(entry.name, result);
            }
        });
    });
    const manifestBytes = json.get('manifest.json');
    if (!manifestBytes)
        throw new errors/* UserError */.y('docker save produced no manifest.json.');
    const saved = parseJson(manifestBytes, 'manifest.json')[0];
    if (!saved)
        throw new errors/* UserError */.y('docker save produced an empty manifest.json.');
    const configBytes = json.get(saved.Config);
    const config = (configBytes ? parseJson(configBytes, saved.Config) : {});
    const listed = saved.Layers.map(name => {
        const layer = layers.get(name);
        if (layer === undefined)
            throw new errors/* UserError */.y(`docker save: layer ${name} listed in manifest.json is missing.`);
        return layer;
    });
    return {
        config,
        configSize: configBytes?.length ?? 0,
        layers: await Promise.all(listed.map(l => l.compressed)),
        reused: listed.map(l => l.reused),
        ...(options.listLayers
            ? {
                listings: saved.Layers.map(name => {
                    const listing = listings.get(name) ?? Promise.reject(new Error('not listed: unchanged'));
                    listing.catch(() => undefined);
                    return listing;
                })
            }
            : {})
    };
}
/** A promise whose rejection is held until awaited with unsettle (no unhandled rejection meanwhile). */
function settle(promise) {
    return promise.then(value => ({ ok: true, value }), (error) => ({ ok: false, error }));
}
async function unsettle(settled) {
    const result = await settled;
    if (!result.ok)
        throw result.error;
    return result.value;
}
/**
 * Measure an image that was built but not pushed, from the local engine: `docker image inspect`
 * (on-disk size, diff IDs), `docker history` (per-layer on-disk size) and one `docker save`, whose
 * layers are gzipped in parallel pieces for the compressed sizes, except those whose size is
 * known (`knownSizes`), which are only drained. The classic builder has no registry or OCI export
 * to read sizes from, so this fallback costs O(new layer bytes) of CPU, and O(image bytes) of
 * `docker save` (which writes and streams every layer whatever is done with it); memory stays
 * small. Compressed sizes are an estimate of what a push would produce; layer digests are unknown
 * (null).
 */
async function measureLocalImage(reference, options = {}) {
    return (await measureLocalImageFiles(reference, options)).measurement;
}
/**
 * measureLocalImage, plus (with `listLayers`) each layer's file listing, in layer order, read from
 * the same `docker save` stream the compressed sizes come from: no second read of the image.
 */
async function measureLocalImageFiles(reference, options = {}) {
    const docker = options.docker ?? 'docker';
    // inspect and history run while docker save streams: three reads of the same image at once.
    const inspecting = inspectLocal(docker, reference);
    const inspected = settle(inspecting);
    const historyRun = settle((0,engine_docker.run)(docker, [...HISTORY_ARGS, reference], { captureStderr: true }));
    const platformOf = (image) => platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant });
    const knownSizes = options.knownSizes;
    const reuse = knownSizes
        ? async () => {
            const image = await inspecting;
            return { known: await knownSizes(platformOf(image)), diffIds: image.RootFS?.Layers ?? [] };
        }
        : undefined;
    const streamed = await (0,engine_docker.runStream)(docker, ['save', reference], stdout => readDockerSave(stdout, {
        gzipLevel: options.gzipLevel ?? 6,
        concurrency: options.concurrency,
        listLayers: options.listLayers,
        // A failed lookup only means compressing every layer.
        reuse: reuse ? () => reuse().catch(() => null) : undefined
    }));
    const detail = streamed.stderr.trim();
    if (streamed.error !== undefined) {
        // An image that is not there fails all three reads: say so as inspect does.
        await unsettle(inspected);
        if (detail)
            throw new errors/* UserError */.y(`docker save ${reference} failed: ${detail}`);
        throw streamed.error;
    }
    const image = await unsettle(inspected);
    if (streamed.exitCode !== 0 || !streamed.value) {
        throw new errors/* UserError */.y(`docker save ${reference} failed: ${detail || `exit ${streamed.exitCode}`}`);
    }
    const saved = streamed.value;
    const history = await unsettle(historyRun);
    if (history.exitCode !== 0)
        throw new errors/* UserError */.y(`docker history ${reference} failed: ${history.stderr?.trim() ?? ''}`);
    const historySizes = parseDockerHistory(history.stdout);
    const { config, configSize } = saved;
    const disks = layerDiskSizes(historySizes, config.history, saved.layers.length);
    const layers = saved.layers.map((compressed, i) => ({
        digest: null,
        compressed,
        disk: disks[i] ?? null,
        mediaType: GZIP_LAYER,
        ...(saved.reused[i] ? { sizeFrom: 'baseline' } : {})
    }));
    const { image: name, tags } = splitLocalReference(reference);
    const measurement = {
        image: name,
        target: options.target ?? '',
        tags,
        digest: null,
        platforms: [
            {
                platform: platformOf(image),
                compressed: layers.reduce((sum, l) => sum + l.compressed, 0) + configSize,
                // The layers' unpacked sizes when all are known: containerd's Size counts compressed blobs.
                disk: layers.every(l => l.disk !== null)
                    ? layers.reduce((sum, l) => sum + (l.disk ?? 0), 0)
                    : image.Size,
                layers: joinHistory(layers, config.history, config.rootfs?.diff_ids)
            }
        ],
        measuredAt: (options.now?.() ?? new Date()).toISOString(),
        source: 'docker-save'
    };
    return { measurement, listings: saved.listings ?? null };
}

;// CONCATENATED MODULE: ./src/report/files/render.ts
// The "What grew" section of the report: per new or changed layer, the paths that grew most, and
// the files a later layer deletes but the image still ships. Every path goes through escapeText
// (paths come from the image, so they are user strings). Pure.



/** Longest path shown in a cell; longer ones keep their end, the part that names the file. */
const PATH_CHARS = 100;
const INSTRUCTION_CHARS = 80;
/** A path for a table cell: cut from the front (the file name matters most), then escaped. */
function pathCell(path, max = PATH_CHARS) {
    const chars = Array.from(path);
    const shown = chars.length > max ? `…${chars.slice(chars.length - (max - 1)).join('')}` : path;
    return code(shown, max);
}
const KIND_LABEL = {
    new: '🆕',
    grew: '📈',
    shrank: '📉',
    gone: '🗑️'
};
function before(change) {
    if (change.before === null)
        return '?';
    return change.before === 0 ? '—' : formatBytes(change.before);
}
function layerBlock(growth, rows) {
    const what = growth.kind === 'added' ? 'new layer' : 'changed layer';
    const files = `${growth.files} ${growth.files === 1 ? 'file' : 'files'}, ${formatBytes(growth.bytes)}`;
    const against = growth.baselineBytes !== null
        ? ` (was ${formatBytes(growth.baselineBytes)}: ${formatSignedBytes(addedBytes(growth))})`
        : growth.kind === 'changed'
            ? ' (the baseline has no file list for this instruction yet)'
            : '';
    const lines = [
        `**Layer ${growth.number}** ${code(growth.createdBy, INSTRUCTION_CHARS)}, ${what}: ${files}${against}`
    ];
    const shown = growth.changes.slice(0, rows);
    if (shown.length > 0) {
        lines.push('', ...table(['', 'Path', 'Before', 'Now', 'Change'], shown.map(c => [
            KIND_LABEL[c.kind],
            pathCell(c.path),
            before(c),
            formatBytes(c.after),
            formatSignedBytes(c.delta)
        ]), ['left', 'left', 'right', 'right', 'right']));
        const more = growth.changes.length - shown.length + growth.changesOmitted;
        if (more > 0)
            lines.push('', `… and ${more} smaller changes.`);
    }
    if (growth.deletedCount > 0) {
        const listed = growth.deleted.slice(0, 5).map(p => pathCell(p, 60));
        const rest = growth.deletedCount - listed.length;
        lines.push('', `Deletes ${listed.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}.`);
    }
    return lines;
}
/** One line per file written in one layer and deleted in a later one. */
function shippedLine(s) {
    return (`- ${pathCell(s.path)} ${formatBytes(s.bytes)}: written in layer ${s.writtenIn}, deleted in layer ` +
        `${s.deletedIn} (${code(s.deletedBy, 60)}): **still shipped**`);
}
/** Total bytes the listed layers add against their baselines (a new layer: all its bytes). */
function grewTotal(grew) {
    return grew.layers.reduce((sum, l) => sum + addedBytes(l), 0);
}
/**
 * The collapsed section; [] when nothing was listed. `elsewhere` says where the full report is
 * when rows were left out to fit.
 */
function whatGrewSection(grew, detail, elsewhere) {
    if (!grew || (grew.layers.length === 0 && grew.stillShipped.length === 0 && grew.unlisted.length === 0))
        return [];
    const layers = [...grew.layers].sort((a, b) => addedBytes(b) - addedBytes(a) || a.number - b.number);
    const shipped = grew.stillShipped;
    const shippedBytes = shipped.reduce((sum, s) => sum + s.bytes, 0);
    const parts = [
        layers.length === 0
            ? `🔎 What grew: ${grew.unlisted.length} new or changed ${grew.unlisted.length === 1 ? 'layer' : 'layers'} could not be listed`
            : `🔎 What grew: ${formatSignedBytes(grewTotal(grew))} of files in ${layers.length} new or changed ${layers.length === 1 ? 'layer' : 'layers'}`
    ];
    if (shipped.length > 0) {
        parts.push(`⚠️ ${shipped.length} deleted ${shipped.length === 1 ? 'file' : 'files'} still shipped (${formatBytes(shippedBytes)})`);
    }
    const summary = parts.join(' · ');
    if (detail.layers === 0)
        return [`${summary}: left out to fit; see ${elsewhere}.`];
    const body = [];
    if (shipped.length > 0) {
        body.push('⚠️ **Deleted in a later layer, still shipped.** A deletion only hides a file: the layer that wrote it ' +
            'is downloaded whole. Delete it in the same `RUN` step that writes it, or copy only what is needed ' +
            'from a build stage.', '', ...shipped.slice(0, detail.shipped).map(shippedLine));
        if (shipped.length > detail.shipped)
            body.push(`- … and ${shipped.length - detail.shipped} more`);
        body.push('');
    }
    for (const growth of layers.slice(0, detail.layers))
        body.push(...layerBlock(growth, detail.rows), '');
    if (layers.length > detail.layers) {
        body.push(`✂️ ${layers.length - detail.layers} more changed layers are not shown here; see ${elsewhere}.`, '');
    }
    for (const u of grew.unlisted) {
        body.push(`- Layer ${u.number} ${code(u.createdBy, 60)} was not listed: ${escapeText(u.reason, 200)}.`);
    }
    if (body.at(-1) !== '')
        body.push('');
    body.push(`<sub>Sizes are the files' own sizes (tar headers), before compression. ${escapeText(grew.platform, 40)}.</sub>`);
    while (body.at(-1) === '')
        body.pop();
    return details(summary, body);
}

;// CONCATENATED MODULE: ./src/report/render.ts
// The size report: one pure function of the measurements that renders the sticky PR comment, the
// job summary and the `report` output alike. Every string that comes from the user's repository
// or registry goes through ./markdown.ts; the report stays under GitHub's comment limit by
// leaving out its least important parts first, and says so where it does.





/** GitHub refuses issue comments longer than this many characters. */
const COMMENT_LIMIT = 65_536;
/** GitHub's job summary holds at most 1 MiB per step; stay below with room for the build summary. */
const SUMMARY_LIMIT = 512_000;
/** Room left for a marker that the comment code adds when the report does not carry one. */
const MARKER_ROOM = 200;
/** Layer changes shown in the open; more go inside a collapsed section. */
const OPEN_DIFF_ROWS = 10;
/** Slices shown in the layer chart; the rest become one "other layers" slice. */
const CHART_SLICES = 6;
/** Longest instruction shown in a table cell. */
const render_INSTRUCTION_CHARS = 120;
const GREW_FULL = { layers: 10, rows: 10, shipped: 20 };
const LEVELS = [
    { fullLayers: 1000, diffRows: 500, failures: 20, chart: true, grew: GREW_FULL },
    { fullLayers: 100, diffRows: 500, failures: 20, chart: true, grew: GREW_FULL },
    { fullLayers: 0, diffRows: 400, failures: 20, chart: true, grew: GREW_FULL },
    { fullLayers: 0, diffRows: 200, failures: 20, chart: true, grew: { layers: 5, rows: 8, shipped: 10 } },
    { fullLayers: 0, diffRows: 50, failures: 10, chart: true, grew: { layers: 3, rows: 5, shipped: 5 } },
    { fullLayers: 0, diffRows: 10, failures: 5, chart: false, grew: { layers: 0, rows: 0, shipped: 0 } }
];
function renderReport(input) {
    const target = input.target ?? 'comment';
    const limit = (input.maxLength ?? (target === 'comment' ? COMMENT_LIMIT : SUMMARY_LIMIT)) -
        (input.marker ? 0 : MARKER_ROOM);
    const context = prepare(input);
    let text = '';
    for (const level of LEVELS) {
        text = render(context, level);
        if (text.length <= limit)
            return text;
    }
    return hardCut(text, limit, context);
}
function prepare(input) {
    const comparison = compareSizes(input.current, input.baseline);
    const before = new Map((input.baseline?.measurement.platforms ?? []).map(p => [p.platform, p]));
    const platforms = input.current.platforms;
    const primary = platforms.find(p => p.platform === 'linux/amd64' && before.has(p.platform)) ??
        platforms.find(p => before.has(p.platform)) ??
        platforms.find(p => p.platform === 'linux/amd64') ??
        platforms[0];
    const primaryBaseline = primary ? before.get(primary.platform) : undefined;
    const changes = primary && primaryBaseline ? diffLayers(primary.layers, primaryBaseline.layers) : null;
    const where = target(input) === 'comment' ? 'the job summary' : 'the build log';
    const run = markdown_link('the workflow run', input.runUrl);
    const elsewhere = input.runUrl ? `${where} of ${run}` : where;
    return { input, comparison, primary, primaryBaseline, changes, elsewhere };
}
function target(input) {
    return input.target ?? 'comment';
}
function render(context, detail) {
    const { input } = context;
    const sections = [
        input.marker ? [input.marker] : [],
        title(input),
        budgetAlert(input),
        headline(context),
        uncompressedNote(input),
        input.budgets?.notes.length ? input.budgets.notes.map(n => `> ℹ️ ${escapeText(n, 300)}`) : [],
        input.tests ? testSection(input.tests, detail.failures) : [],
        // One line per finding, like the failing tests: listed up to twice as many.
        dockerfileSection(input.dockerfile, 2 * detail.failures),
        splitSection(input, context.primary?.platform),
        platformTable(context),
        layerDiff(context, detail),
        whatGrewSection(input.grew, detail.grew, context.elsewhere),
        detail.chart ? chart(context.primary) : [],
        fullLayerList(context, detail),
        footer(input)
    ];
    return sections
        .filter(s => s.length > 0)
        .map(s => s.join('\n'))
        .join('\n\n')
        .concat('\n');
}
function title(input) {
    const { current } = input;
    const key = input.commentKey && input.commentKey !== 'default' ? ` · ${escapeText(input.commentKey, 60)}` : '';
    const lines = [`### 📦 stagegate: ${code(current.image, 120)} (${escapeText(current.target, 60)})${key}`];
    if (current.tags.length > 0) {
        const shown = current.tags.slice(0, 5).map(t => code(t, 120));
        const more = current.tags.length > 5 ? ` and ${current.tags.length - 5} more` : '';
        lines.push('', `Tags: ${shown.join(', ')}${more}`);
    }
    return lines;
}
function budgetAlert(input) {
    const violations = input.budgets?.violations ?? [];
    if (violations.length === 0)
        return [];
    const run = input.runUrl ? ` · ${markdown_link('workflow run', input.runUrl)}` : '';
    return [
        '> [!CAUTION]',
        `> **Size budget exceeded**${run}`,
        ...violations.slice(0, 20).map(v => `> - ${escapeText(v.reason, 300)}`),
        ...(violations.length > 20 ? [`> - … and ${violations.length - 20} more`] : [])
    ];
}
function headline(context) {
    const { input, comparison } = context;
    const { current, baseline } = input;
    const platforms = current.platforms;
    const size = comparison.total.current ?? 0;
    const where = platforms.length === 1
        ? ` (${escapeText(platforms[0].platform, 60)})`
        : platforms.length > 1
            ? ` across ${platforms.length} platforms`
            : '';
    if (!baseline && input.baselineUnavailable) {
        return [
            `📦 **${formatBytes(size)}** download size${where}.`,
            '',
            escapeText(baselineUnavailableNote(input.baselineUnavailable), 400)
        ];
    }
    if (!baseline || comparison.total.deltaBytes === null) {
        return [
            `📦 **${formatBytes(size)}** download size${where}. No baseline to compare with yet.`,
            '',
            '> To compare sizes, stagegate needs a baseline of the base branch: run this action on the default ' +
                'branch (a push there records one), list the base branch in `baseline-branches`, or set ' +
                `\`baseline-ref\` to a published image, e.g. ${code(`${truncate(current.image, 100)}:main`, 120)}.`
        ];
    }
    const { deltaBytes, percent } = comparison.total;
    const tier = deltaTier(deltaBytes, percent);
    const change = percent === null
        ? formatSignedBytes(deltaBytes)
        : `${formatSignedBytes(deltaBytes)} (${formatPercent(percent, true)})`;
    const against = baselineLabel(baseline);
    const shifted = comparison.platforms.some(p => p.status === 'new' || p.status === 'removed')
        ? ' Platforms were added or removed, so the total compares different sets; see the table.'
        : '';
    return [
        `${TIER_ICON[tier]} **${formatBytes(size)}** download size${where}, **${change}** against ${against}.${shifted}`
    ];
}
/**
 * Layers pushed uncompressed make every pull bigger, and no registry UI says so. What gzip would
 * make of them is shown only where a compressed twin of the same content was measured.
 */
function uncompressedNote(input) {
    const found = uncompressedLayers(input.current.platforms, input.baseline?.measurement.platforms.flatMap(p => p.layers) ?? []);
    if (!found)
        return [];
    const layers = found.count === 1 ? '1 layer' : `${found.count} layers`;
    const extra = found.compressedBytes === null ? null : found.bytes - found.compressedBytes;
    const cost = extra !== null && extra > 0
        ? `: ${formatSignedBytes(extra)} to every pull (${formatBytes(found.bytes)} as pushed, ${formatBytes(found.compressedBytes)} compressed)`
        : ` (${formatBytes(found.bytes)}): every pull downloads ${found.count === 1 ? 'it' : 'them'} whole`;
    return [
        `> ⚠️ **${layers} pushed uncompressed**${cost}.`,
        '> The containerd image store (Docker Engine 25 and later) pushes a layer as it holds it, so a base ' +
            'image brought in with `docker load` from an uncompressed archive is pushed uncompressed. Pull the ' +
            'base image from a registry instead, or recompress on push with the image output option ' +
            '`compression=gzip,force-compression=true`.'
    ];
}
function baselineLabel(baseline) {
    const at = baseline.sha && /^[0-9a-f]{7,64}$/i.test(baseline.sha) ? ` at ${baseline.sha.slice(0, 7)}` : '';
    return baseline.origin === 'registry'
        ? `${code(baseline.ref, 120)}${at}`
        : `${code(baseline.ref, 100)}${at}`;
}
const OUTCOME_ICON = {
    passed: '✅',
    failed: '❌',
    skipped: '⏭️',
    error: '⚠️'
};
/**
 * The test verdict in words, the same wherever it is shown (log, job summary, comment, outputs):
 * a cached tester stage ran no test, and tests that never ran did not fail. Pure.
 */
function testVerdictWords(tests) {
    switch (tests.outcome) {
        case 'skipped':
            return 'Tests skipped (test-target: none)';
        case 'error':
            return `Tests did not run: ${tests.notRunReason ?? 'something else failed first'}`;
        case 'passed':
            return tests.cached ? 'Tests passed before, cached: no test ran' : 'Tests passed';
        case 'failed':
            return 'Tests failed';
    }
}
/** The verdict with its icon. */
function testVerdict(tests) {
    return `${OUTCOME_ICON[tests.outcome]} ${testVerdictWords(tests)}`;
}
/** How the tests ran, in words: shared by the report and the build summary. */
function testModeLabel(mode) {
    return mode === 'command'
        ? 'test-command in the tester image'
        : mode === 'build'
            ? 'tester stage build'
            : '';
}
function testSection(tests, maxFailures) {
    if (tests.outcome === 'skipped' || tests.outcome === 'error')
        return [testVerdict(tests)];
    const label = testModeLabel(tests.mode);
    const how = label ? ` (${label})` : '';
    const counts = [];
    if (tests.tests !== undefined) {
        counts.push(`${tests.tests} tests`);
        if (tests.passed !== undefined)
            counts.push(`${tests.passed} passed`);
        if (tests.failed)
            counts.push(`${tests.failed} failed`);
        if (tests.errors)
            counts.push(`${tests.errors} ${tests.errors === 1 ? 'error' : 'errors'}`);
        if (tests.skipped)
            counts.push(`${tests.skipped} skipped`);
    }
    const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : '';
    const lines = [
        `${OUTCOME_ICON[tests.outcome]} **${testVerdictWords(tests)}**${how}${counts.length ? `: ${counts.join(', ')}` : ''}${time}`
    ];
    const failures = tests.failures.slice(0, maxFailures);
    if (failures.length > 0)
        lines.push('');
    for (const f of failures) {
        const name = f.classname && !f.name.includes(f.classname) ? `${f.classname} › ${f.name}` : f.name;
        const where = f.file ? ` (${code(f.line ? `${f.file}:${f.line}` : f.file, 120)})` : '';
        const message = f.message ? `: ${escapeText(f.message, 200)}` : '';
        lines.push(`- ${f.kind === 'error' ? 'Error in' : 'Failed:'} **${escapeText(name, 150)}**${where}${message}`);
    }
    if (tests.failures.length > failures.length) {
        lines.push(`- … and ${tests.failures.length - failures.length} more failing tests (see the test reports)`);
    }
    return lines;
}
function splitSection(input, platform) {
    const line = input.tester ? splitLine(input.current, input.tester, platform) : '';
    return line ? [line] : [];
}
/**
 * What the multi-stage split saves: the runtime image against the tester image, same platform.
 * Compares sizes on disk when both are known (the tester image is only measured locally, never
 * pushed), else download sizes when both are known, saying which; else '' (nothing to say).
 */
function splitLine(runtime, tester, platform) {
    const pick = (m) => m.platforms.find(p => p.platform === platform) ?? m.platforms[0];
    const r = pick(runtime);
    const t = pick(tester);
    if (!r || !t)
        return '';
    const onDisk = r.disk !== null && t.disk !== null;
    const size = (p) => (onDisk ? (p.disk ?? 0) : p.compressed);
    // A size of 0 means not measured (the tester image is measured on disk only).
    if (size(t) === 0 || size(r) === 0)
        return '';
    const how = onDisk ? ' on disk' : ' download size';
    const names = `${escapeText(runtime.target, 60)} ${formatBytes(size(r))} vs ${escapeText(tester.target, 60)} ${formatBytes(size(t))}${how}`;
    const saved = size(t) - size(r);
    if (saved <= 0)
        return `🧱 ${names}: the runtime image is not smaller than the tester image.`;
    return `🧱 ${names}: the split saves ${formatBytes(saved)} (${formatPercent((saved / size(t)) * 100)}).`;
}
function platformTable(context) {
    const { input, comparison } = context;
    const byName = new Map(input.current.platforms.map(p => [p.platform, p]));
    // A column of dashes says nothing: show "On disk" only when some platform has it.
    const disk = input.current.platforms.some(p => p.disk !== null);
    const rows = comparison.platforms.map(p => {
        const m = byName.get(p.platform);
        return [
            escapeText(p.platform, 60),
            p.current === null ? '—' : formatBytes(p.current),
            ...(disk ? [m?.disk === null || m?.disk === undefined ? '—' : formatBytes(m.disk)] : []),
            m ? String(m.layers.length) : '—',
            deltaCell(p)
        ];
    });
    if (rows.length === 0)
        return [];
    return table(['Platform', 'Download size', ...(disk ? ['On disk'] : []), 'Layers', 'Change'], rows, [
        'left',
        'right',
        ...(disk ? ['right'] : []),
        'right',
        'left'
    ]);
}
function deltaCell(p) {
    switch (p.status) {
        case 'no-baseline':
            return '—';
        case 'new':
            return '🆕 new platform';
        case 'removed':
            return `🗑️ removed (was ${formatBytes(p.baseline ?? 0)})`;
        case 'compared': {
            const deltaBytes = p.deltaBytes ?? 0;
            const percent = p.percent === null ? '' : ` (${formatPercent(p.percent, true)})`;
            return `${TIER_ICON[deltaTier(deltaBytes, p.percent)]} ${formatSignedBytes(deltaBytes)}${percent}`;
        }
    }
}
const CHANGE_LABEL = {
    added: '🆕 new',
    changed: '✏️ changed',
    removed: '🗑️ removed'
};
function layerDiff(context, detail) {
    const { changes, primary } = context;
    if (!changes || !primary)
        return [];
    const heading = `#### Layer changes (${escapeText(primary.platform, 60)})`;
    if (changes.length === 0)
        return [heading, '', 'No layer changed.'];
    const shown = changes.slice(0, detail.diffRows);
    const rows = shown.map(c => [
        CHANGE_LABEL[c.kind],
        code(c.createdBy, render_INSTRUCTION_CHARS),
        c.kind === 'changed'
            ? `${formatBytes(c.baseline.compressed)} → ${formatBytes(c.current.compressed)}`
            : formatBytes((c.current ?? c.baseline).compressed),
        formatSignedBytes(c.deltaBytes)
    ]);
    const body = table(['Layer', 'Instruction', 'Size', 'Change'], rows, ['left', 'left', 'right', 'right']);
    if (changes.length > shown.length) {
        body.push('', `✂️ ${changes.length - shown.length} smaller layer changes are not shown here; see ${context.elsewhere}.`);
    }
    const count = (kind) => changes.filter(c => c.kind === kind).length;
    const total = changes.reduce((sum, c) => sum + c.deltaBytes, 0);
    const summary = `${count('added')} new, ${count('changed')} changed, ${count('removed')} removed (${formatSignedBytes(total)})`;
    if (changes.length <= OPEN_DIFF_ROWS)
        return [heading, '', summary, '', ...body];
    return [heading, '', ...details(summary, body)];
}
/**
 * A label inside a mermaid pie's double quotes, every character kept. The pie grammar takes
 * anything but `"` between the quotes, and mermaid turns `#name;`/`#123;` into entities before
 * drawing, so `"` and `#` become entity codes, and so do `\` (its parser reads `\b`, `\n` as
 * escapes), `%` (`%%{` starts a directive anywhere), `<`/`>` (mermaid rewrites `<tag a="b">`
 * before parsing, across lines) and its placeholder characters `ﬂ`/`¶`. Whitespace runs become one
 * space. Pure.
 */
function pieLabel(text, max = 40) {
    const plain = truncate(text.replace(/\s+/g, ' ').trim(), max) || 'layer';
    return plain.replace(/["#%<>\\\ufb02\u00b6]/g, c => `#${c.charCodeAt(0)};`);
}
/** A pie of the largest layers: where the bytes of the image are. */
function chart(platform) {
    if (!platform)
        return [];
    const layers = platform.layers.map((l, i) => ({ l, i })).filter(x => x.l.compressed > 0);
    if (layers.length < 2)
        return [];
    const biggest = [...layers].sort((a, b) => b.l.compressed - a.l.compressed);
    const slices = biggest.slice(0, CHART_SLICES);
    const rest = biggest.slice(CHART_SLICES);
    const total = layers.reduce((sum, x) => sum + x.l.compressed, 0);
    const [unit, divisor] = total >= 1e6 ? ['MB', 1e6] : ['kB', 1e3];
    const value = (bytes) => String(Math.max(0.01, Number((bytes / divisor).toFixed(2))));
    const lines = [
        '```mermaid',
        'pie showData',
        `    title Largest layers of ${pieLabel(platform.platform)} (${unit}, download size)`,
        ...slices.map(({ l, i }) => `    "L${i + 1} ${pieLabel(l.createdBy)}" : ${value(l.compressed)}`)
    ];
    if (rest.length > 0) {
        const other = rest.reduce((sum, x) => sum + x.l.compressed, 0);
        lines.push(`    "${rest.length} other layers" : ${value(other)}`);
    }
    lines.push('```');
    return details('Where the bytes are (largest layers)', lines);
}
function fullLayerList(context, detail) {
    const { primary } = context;
    if (!primary || primary.layers.length === 0)
        return [];
    const label = `All ${primary.layers.length} layers of ${escapeHtml(primary.platform, 60)} (${formatBytes(primary.compressed)})`;
    if (detail.fullLayers === 0) {
        return [
            `✂️ The full list of ${primary.layers.length} layers was left out to fit; see ${context.elsewhere}.`
        ];
    }
    const shown = primary.layers.slice(0, detail.fullLayers);
    const disk = primary.layers.some(l => l.disk !== null);
    const rows = shown.map((l, i) => [
        String(i + 1),
        code(l.createdBy, render_INSTRUCTION_CHARS),
        `${formatBytes(l.compressed)}${layerCompression(l.mediaType) === 'none' ? ' ⚠️ uncompressed' : ''}`,
        ...(disk ? [l.disk === null ? '—' : formatBytes(l.disk)] : [])
    ]);
    const body = table(['#', 'Instruction', 'Download size', ...(disk ? ['On disk'] : [])], rows, [
        'right',
        'left',
        'right',
        ...(disk ? ['right'] : [])
    ]);
    if (primary.layers.length > shown.length) {
        body.push('', `✂️ ${primary.layers.length - shown.length} more layers are not listed; see ${context.elsewhere}.`);
    }
    return details(label, body);
}
const SOURCE_LABEL = {
    registry: 'the registry manifests',
    'oci-layout': 'the OCI layout',
    'docker-save': 'docker save',
    'docker-inspect': 'docker inspect'
};
function footer(input) {
    const parts = [`Measured from ${SOURCE_LABEL[input.current.source] ?? 'the image'}`];
    if (input.commitSha && /^[0-9a-f]{7,64}$/i.test(input.commitSha))
        parts.push(`commit ${input.commitSha.slice(0, 7)}`);
    if (safeUrl(input.runUrl))
        parts.push(markdown_link('workflow run', input.runUrl));
    return [`<sub>${parts.join(' · ')}</sub>`];
}
/**
 * Last resort when even the shortest rendering is too long (thousands of platforms or failing
 * tests): cut at a line, close any open `<details>` or code block, and say so.
 */
function hardCut(text, limit, context) {
    const note = `\n\n✂️ **This report was cut to fit GitHub's limit; see ${context.elsewhere} for the rest.**\n`;
    const room = Math.max(0, limit - note.length - 200);
    const lines = text.slice(0, room).split('\n').slice(0, -1);
    let open = 0;
    let fenced = false;
    for (const line of lines) {
        if (line.startsWith('```'))
            fenced = !fenced;
        if (line.startsWith('<details'))
            open++;
        if (line === '</details>')
            open--;
    }
    const closing = [
        ...(fenced ? ['```'] : []),
        ...Array.from({ length: Math.max(0, open) }, () => '\n</details>')
    ];
    return [...lines, ...closing].join('\n') + note;
}

;// CONCATENATED MODULE: ./src/report/stage.ts













/** The comment key: what the user gave, else image and target, so two images never share a comment. */
function commentKeyOf(report, imageName, target) {
    return report.commentKey || `${imageName}:${target}`;
}
/** Output values of the report (all strings). Pure. */
function reportOutputs(outcome) {
    const { measurement, comparison } = outcome;
    const disks = measurement.platforms.map(p => p.disk);
    const total = comparison.total;
    return {
        size: disks.every(d => d !== null) ? String(disks.reduce((a, d) => a + (d ?? 0), 0)) : '',
        'size-compressed': String(total.current ?? 0),
        'size-delta': total.deltaBytes === null ? '' : String(total.deltaBytes),
        'size-delta-percent': total.percent === null ? '' : total.percent.toFixed(2),
        'baseline-size': total.baseline === null ? '' : String(total.baseline),
        report: outcome.markdown
    };
}
/**
 * Measures the runtime image from the best source. `knownSizes` gives the compressed layer sizes
 * a `docker save` measurement need not compute again (the baseline's); the layers it does read
 * are listed on the way (what grew).
 */
async function measureRuntime(req, knownSizes) {
    const docker = req.builder.client;
    let measured;
    let listings = null;
    const localFacts = req.localFacts;
    if (req.pushedRef)
        measured = await measureFromRegistry(req.pushedRef, {
            target: req.target,
            docker,
            localFacts,
            localReference: req.localId ?? undefined
        });
    else if (req.ociLayoutDir)
        measured = await measureOciLayout(req.ociLayoutDir, {
            target: req.target,
            image: req.imageName,
            localImage: req.localImage ?? undefined,
            docker,
            localFacts
        });
    else if (req.localImage) {
        // New layers' files are listed from the same docker save stream that sizes them.
        const local = await measureLocalImageFiles(req.localImage, {
            docker,
            target: req.target,
            knownSizes,
            listLayers: true
        });
        measured = local.measurement;
        listings = local.listings;
    }
    else
        throw new Error('no image to measure');
    return { measured: { ...measured, image: req.imageName, target: req.target, tags: req.tags }, listings };
}
/** How to list a layer of the measured image: from where it was measured. */
async function layerReader(req, assessment) {
    const digestOf = (layer) => {
        if (!layer.digest)
            throw new Error('its blob digest is unknown');
        return layer.digest;
    };
    switch (assessment.measurement.source) {
        case 'registry': {
            if (!req.pushedRef)
                return null;
            const ref = parseImageReference(req.pushedRef);
            const client = new RegistryClient();
            return async (layer, _index, timeoutMs) => listLayer(await client.getBlobStream(ref, digestOf(layer), timeoutMs));
        }
        case 'oci-layout': {
            if (!req.ociLayoutDir)
                return null;
            const layout = await openLayout(req.ociLayoutDir);
            return async (layer) => listLayer(layout.streamBlob(digestOf(layer)));
        }
        case 'docker-save': {
            const listings = assessment.listings;
            if (!listings)
                return null;
            return async (_layer, index) => {
                const listing = listings[index];
                if (!listing)
                    throw new Error('docker save did not hold it');
                return listing;
            };
        }
        default:
            return null;
    }
}
/**
 * The files behind the change: new and changed layers listed (never the others), the summaries
 * put on the measurement to be recorded with the baseline. Never fails the report: a listing that
 * cannot be made is a warning.
 */
async function describeFiles(req, assessment) {
    const { host } = req;
    try {
        const read = await layerReader(req, assessment);
        if (!read)
            return { measurement: assessment.measurement, grew: null };
        const started = performance.now();
        const described = await describeGrowth(assessment.measurement, assessment.baseline, read);
        if (described.grew) {
            const { layers, unlisted } = described.grew;
            host.info(`Listed the files of ${layers.length} new or changed layer(s) in ${(performance.now() - started).toFixed(0)} ms` +
                (unlisted.length ? `; ${unlisted.length} could not be listed.` : '.'));
        }
        return described;
    }
    catch (error) {
        host.warning(`The files of the changed layers could not be listed: ${error.message}`);
        return { measurement: assessment.measurement, grew: null };
    }
}
/** The tester image on disk: enough to show what the split saves, without reading its bytes. */
function testerMeasurement(req, runtime, disk) {
    const platform = runtime.platforms[0]?.platform;
    if (!req.testerTarget || disk === null || !platform)
        return null;
    return {
        image: req.imageName,
        target: req.testerTarget,
        tags: [],
        digest: null,
        platforms: [{ platform, compressed: 0, disk, layers: [] }],
        measuredAt: new Date().toISOString(),
        source: 'docker-inspect'
    };
}
async function findBaseline(req, platforms) {
    const { report, run } = req;
    if (report.baselineRef) {
        try {
            const measured = await measureFromRegistry(report.baselineRef, { target: req.target, docker: null });
            return {
                baseline: { measurement: measured, origin: 'registry', ref: report.baselineRef },
                reason: `baseline-ref ${report.baselineRef}`
            };
        }
        catch (error) {
            req.host.warning(`Could not read the baseline image ${report.baselineRef}: ${error.message}`);
            return { baseline: null, reason: `baseline-ref ${report.baselineRef} could not be read` };
        }
    }
    const branch = baseBranchOf({ eventName: run.eventName, ref: run.ref, payload: run.payload });
    if (!branch)
        return { baseline: null, reason: 'this run has no base branch to compare with' };
    const restored = await restoreBaseline({
        branch,
        fallbackBranches: run.defaultBranch && run.defaultBranch !== branch ? [run.defaultBranch] : [],
        image: req.imageName,
        target: req.target,
        platforms
    }, { log: req.host });
    return { baseline: restored.baseline, reason: restored.reason, unavailable: restored.unavailable };
}
/** Creates or updates the sticky comment; a token that may not write only warns. */
async function postComment(req, key, body, sizeChanged) {
    const { host, report, run } = req;
    if (report.comment === 'never')
        return null;
    if (run.pullRequest === null) {
        if (report.comment === 'always')
            host.info('comment: always, but this run is not for a pull request: nothing to comment on.');
        return null;
    }
    if (!report.githubToken) {
        host.warning('No github-token: the pull request comment was not written. The report is in the job summary.');
        return null;
    }
    const octokit = await createGitHubClient(report.githubToken, { log: host });
    const result = await upsertComment(octokit, {
        owner: run.owner,
        repo: run.repo,
        issueNumber: run.pullRequest,
        key,
        body,
        mode: report.comment,
        sizeChanged,
        isPullRequest: true,
        author: report.commentAuthor || undefined,
        run: runStampOf(run.runId, run.runAttempt)
    });
    switch (result.status) {
        case 'forbidden':
            host.warning(`Could not write the pull request comment (${result.message}). ${commentForbiddenAdvice(run.payload)}`);
            break;
        case 'created':
        case 'updated':
            host.info(`Pull request comment ${result.status}: ${result.url ?? result.commentId}`);
            if (result.warning)
                host.warning(result.warning);
            if (result.removed)
                host.info(`Removed duplicate comments of concurrent runs: ${result.removed.join(', ')}`);
            break;
        case 'skipped':
            host.info(`Pull request comment skipped: ${result.reason}`);
            break;
    }
    return result;
}
/**
 * Measures the image and compares it with the baseline and the budgets, publishing nothing, so
 * the pipeline can refuse a push that a budget rejects. What an earlier call found is reused:
 * the baseline (the cache is read once per run) and the tester's size (the same local image).
 * For a `docker save` measurement the baseline is looked up as soon as the platform is known,
 * so the layers it knows are not compressed again.
 */
async function assessImage(req, known) {
    const { host, report } = req;
    // Two small commands (inspect, history) whatever the tester's size; once per run.
    const testerDisk = known?.tester !== undefined || !req.testerImage
        ? Promise.resolve(null)
        : localDiskSize(req.testerImage, req.builder.client, req.localFacts);
    let lookup = known ? Promise.resolve(known) : undefined;
    const baselineFor = (platforms) => (lookup ??= findBaseline(req, platforms).then(({ baseline, reason, unavailable }) => {
        host.info(baseline ? `Baseline: ${baseline.origin} ${baseline.ref}.` : `No baseline: ${reason}.`);
        return {
            baseline,
            baselineReason: reason,
            ...(unavailable ? { baselineUnavailable: unavailable } : {})
        };
    }));
    const knownSizes = async (platform) => knownLayerSizes((await baselineFor([platform])).baseline, platform);
    const measured = await host.group('Measure the image', async () => {
        const started = performance.now();
        const m = await measureRuntime(req, knownSizes);
        const reused = m.measured.platforms.flatMap(p => p.layers).filter(l => l.sizeFrom === 'baseline').length;
        host.info(`Measured ${m.measured.platforms.length} platform(s) from ${m.measured.source} in ${(performance.now() - started).toFixed(0)} ms` +
            (reused > 0 ? ` (${reused} layer size(s) from the baseline, not compressed again).` : '.'));
        return m;
    });
    const { listings } = measured;
    const tester = known?.tester !== undefined ? known.tester : testerMeasurement(req, measured.measured, await testerDisk);
    const found = await baselineFor(measured.measured.platforms.map(p => p.platform));
    const measurement = alignWithBaseline(measured.measured, found.baseline);
    const comparison = compareSizes(measurement, found.baseline);
    const budgets = checkBudgets({ maxSize: report.maxSize, maxIncrease: report.maxIncrease }, measurement, comparison);
    return { ...found, measurement, tester, comparison, budgets, ...(listings ? { listings } : {}) };
}
/**
 * Writes the report where people look (job summary, `report` output, the pull request comment)
 * and records the baseline on the branches that keep one, unless `record` is false (an image a
 * budget kept from being pushed is no baseline).
 */
async function publishReport(req, assessment, options = { record: true }) {
    const { host, report, run } = req;
    const { baseline, comparison, budgets, tester } = assessment;
    const { measurement, grew } = await describeFiles(req, assessment);
    const key = commentKeyOf(report, req.imageName, req.target);
    const common = {
        current: measurement,
        baseline,
        tester,
        tests: req.tests,
        budgets,
        runUrl: run.runUrl,
        commitSha: run.headSha,
        commentKey: report.commentKey || undefined,
        grew,
        ...(assessment.baselineUnavailable ? { baselineUnavailable: assessment.baselineUnavailable } : {}),
        dockerfile: req.check ? dockerfileReport(req.check, baseline) : null
    };
    const markdown = redact(renderReport({ ...common, target: 'comment' }), req.secretValues);
    await host.appendSummary(renderReport({ ...common, target: 'summary' }));
    // News for `comment: auto`: a size change, no baseline yet, or a broken budget.
    const sizeChanged = budgets.violations.length > 0
        ? true
        : comparison.hasBaseline
            ? (comparison.total.deltaBytes ?? 0) !== 0
            : null;
    const comment = await postComment(req, key, markdown, sizeChanged).catch((error) => {
        host.warning(`Could not update the pull request comment: ${error.message}`);
        return null;
    });
    const record = shouldRecordBaseline({
        eventName: run.eventName,
        ref: run.ref,
        defaultBranch: run.defaultBranch,
        baselineBranches: report.baselineBranches
    });
    if (options.record && record.record && record.branch) {
        const saved = await saveBaseline(measurement, {
            branch: record.branch,
            runId: run.runId || String(Date.now()),
            runAttempt: run.runAttempt,
            sha: run.sha || undefined,
            ...(req.check ? { findings: req.check.findings } : {})
        }, { log: host });
        host.info(saved.saved
            ? `Baseline recorded for ${record.branch} (${saved.key}).`
            : `Baseline not recorded: ${saved.reason}.`);
    }
    return {
        markdown,
        measurement,
        baseline,
        baselineReason: assessment.baselineReason,
        ...(assessment.baselineUnavailable ? { baselineUnavailable: assessment.baselineUnavailable } : {}),
        comparison,
        budgets,
        comment,
        grew
    };
}
/** Measure, compare, publish: the report step of a run with nothing left to decide. */
async function reportImage(req) {
    return publishReport(req, await assessImage(req));
}

;// CONCATENATED MODULE: ./src/run-result.ts
// What a run produced and how it failed: the result every phase fills in, and the failure that
// ends a run once it was shown.


/** The run failed for a reason already shown in the log and summary (a failing test, a failing build). */
class PipelineFailure extends errors/* UserError */.y {
    result;
    kind;
    constructor(message, result, kind) {
        super(message);
        this.result = result;
        this.kind = kind;
        this.name = 'PipelineFailure';
    }
}
/**
 * The last line of a failure report: which image failed (a PR can carry several stagegate
 * comments), the commit, and a link to the run, whose log has the whole output. Pure.
 */
function failureFooter(input) {
    const key = input.commentKey ? ` · ${escapeText(input.commentKey, 60)}` : '';
    const parts = [`${code(input.imageName, 120)} (${escapeText(input.target, 60)})${key}`];
    if (input.commitSha && /^[0-9a-f]{7,64}$/i.test(input.commitSha))
        parts.push(`commit ${input.commitSha.slice(0, 7)}`);
    if (safeUrl(input.runUrl))
        parts.push(markdown_link('workflow run', input.runUrl));
    return `<sub>${parts.join(' · ')}</sub>`;
}
/** The config digest of a one-platform image, as its measurement read it. Pure. */
function configDigestOf(measurement) {
    return measurement.platforms.length === 1 ? (measurement.platforms[0]?.configDigest ?? null) : null;
}

;// CONCATENATED MODULE: ./src/summary.ts



/** The headline of a failed run: the same three kinds as the annotation titles and the `failure` output. */
const FAILURE_HEADLINES = {
    tests: 'Tests failed',
    build: 'Build failed',
    builder: 'Builder or infrastructure failed',
    budget: 'Size budget exceeded'
};
/** Failing test cases listed in the summary; the rest are counted. */
const MAX_FAILING_CASES = 20;
function testResultLine(tests) {
    const how = testModeLabel(tests.mode);
    const counts = tests.tests !== undefined
        ? ` — ${tests.passed ?? 0} passed, ${tests.failed ?? 0} failed` +
            (tests.errors ? `, ${tests.errors} errors` : '') +
            (tests.skipped ? `, ${tests.skipped} skipped` : '')
        : '';
    const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : '';
    if (tests.outcome === 'skipped' || tests.outcome === 'error')
        return testVerdict(tests);
    return `${testVerdict(tests)}${how ? ` (${how})` : ''}${counts}${time}`;
}
function renderBuildSummary(input) {
    const lines = ['## stagegate', ''];
    if (input.testLine !== false)
        lines.push(testResultLine(input.tests), '');
    if (input.failure) {
        lines.push(`### ❌ ${FAILURE_HEADLINES[input.failure.kind]}`, '', `**${escapeText(input.failure.message)}**`, '');
        const failing = input.tests.failures.slice(0, MAX_FAILING_CASES);
        for (const f of failing) {
            const where = f.file ? ` (${escapeText(f.file)}${f.line ? `:${f.line}` : ''})` : '';
            const message = f.message ? `: ${escapeText(f.message)}` : '';
            lines.push(`- ❌ ${escapeText(f.classname ? `${f.classname} › ${f.name}` : f.name)}${where}${message}`);
        }
        if (input.tests.failures.length > failing.length) {
            lines.push(`- … and ${input.tests.failures.length - failing.length} more failing tests (see the test reports)`);
        }
        if (failing.length > 0)
            lines.push('');
        if (input.failure.output.length > 0) {
            lines.push(`Output (${input.failure.output.length} lines):`, '', fence(input.failure.output.join('\n')), '');
        }
        lines.push('Nothing was pushed.', '');
    }
    if (input.builds.length > 0) {
        lines.push('| Build | Target | Stages | Time | Steps run | Steps cached |', '| --- | --- | --- | --- | --- | --- |');
        const shared = sharedSteps(input.builds);
        for (const [i, build] of input.builds.entries()) {
            const ran = build.counts.reduce((n, c) => n + c.ran, 0);
            const alsoRan = shared[i];
            const ranCell = alsoRan ? `${ran} (${alsoRan.count} with ${alsoRan.role}: solved once)` : `${ran}`;
            const cached = build.counts.reduce((n, c) => n + c.cached, 0);
            const stages = (input.stagesByRole[build.role] ?? [(0,dockerfile/* stageLabel */.Hn)(build.stage)])
                .map(s => escapeText(s))
                .join(' → ');
            const status = build.ok ? '' : ' ❌';
            lines.push(`| ${build.role}${status} | ${escapeText((0,dockerfile/* stageLabel */.Hn)(build.stage))} | ${stages} | ${build.seconds.toFixed(1)} s | ${ranCell} | ${cached} |`);
        }
        lines.push('', `Builder: ${escapeText(input.builder)}`, '');
    }
    if (input.image) {
        const { id, digest, tags, pushed } = input.image;
        lines.push(`Image: \`${id ?? 'unknown'}\`${digest ? `, digest \`${digest}\`` : ''}`);
        if (input.image.notPushedReason) {
            lines.push(`Nothing was pushed: ${escapeText(input.image.notPushedReason)}.`);
        }
        else if (tags.length > 0) {
            lines.push(`${pushed ? 'Pushed' : 'Tagged (not pushed)'}: ${tags.map(t => `\`${escapeCode(t)}\``).join(', ')}`);
        }
        else {
            lines.push('Not tagged, not pushed.');
        }
        lines.push('');
    }
    return lines.join('\n');
}
/**
 * For each build, the steps an earlier build of the run also reported as run: the tester and the
 * runtime build run at once on one builder, and BuildKit solves a step they share once, so both
 * report it. Pure.
 */
function sharedSteps(builds) {
    return builds.map((build, i) => {
        for (const earlier of builds.slice(0, i)) {
            const theirs = new Set(earlier.ranSteps ?? []);
            const count = (build.ranSteps ?? []).filter(step => theirs.has(step)).length;
            if (count > 0)
                return { count, role: earlier.role };
        }
        return null;
    });
}
function escapeCode(text) {
    return text.replace(/`/g, "'");
}
/** A code fence longer than any backtick run inside, so output cannot close it. */
function fence(text) {
    const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), m => m[0].length));
    const marks = '`'.repeat(longest + 1);
    return `${marks}text\n${text}\n${marks}`;
}

;// CONCATENATED MODULE: ./src/failure-report.ts





/**
 * Writes the failure to the job summary and the pull request comment; returns the markdown (the
 * `report` output). A comment that cannot be written is a warning: the failure stays the news.
 */
async function publishFailure(scene, failure) {
    const { host, report, run } = scene;
    const footer = failureFooter({
        imageName: scene.imageName,
        target: scene.target,
        commentKey: report.commentKey || undefined,
        commitSha: run.headSha,
        runUrl: run.runUrl
    });
    const summary = renderBuildSummary({
        builder: scene.builder,
        builds: scene.builds,
        stagesByRole: scene.stagesByRole,
        tests: scene.tests,
        failure,
        image: null
    }).trimEnd();
    const markdown = redact(`${summary}\n\n${dockerfileNotes(scene.check)}${footer}\n`, scene.secretValues);
    await host.appendSummary(markdown);
    const key = commentKeyOf(report, scene.imageName, scene.target);
    await postComment({ host, report, run }, key, markdown, null).catch((error) => host.warning(`Could not update the pull request comment: ${error.message}`));
    return markdown;
}
/** The Dockerfile check's section under a failure (findings of warn mode, or those that stopped the run). */
function dockerfileNotes(check) {
    const lines = check ? dockerfileSection(dockerfileReport(check, null), 50) : [];
    return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}

// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/check/index.ts + 6 modules
var src_check = __webpack_require__(8803);
;// CONCATENATED MODULE: ./src/check/run-check.ts
// The Dockerfile check as the first step of a run, before any build: annotate the findings and,
// under `check: error`, stop the run with them in the log, the job summary, the `report` output
// and the pull request comment. The decisions are in ./in-run.ts.










/** Runs the check on the graph already read; never builds, never pulls. */
async function runCheck(host, facts) {
    const { inputs, graph } = facts;
    const mode = inputs.check;
    if (mode === 'off') {
        host.info('Dockerfile check: off.');
        return { check: null, failure: null };
    }
    let check;
    let fatal;
    try {
        // The same findings as `stagegate check --target <target>`.
        const result = (0,src_check/* checkDockerfile */.vn)(graph, {
            target: inputs.target || undefined,
            testTarget: inputs.testTarget,
            buildArgs: inputs.buildArgs,
            platform: (0,platform/* nativePlatform */.N)(),
            context: facts.context,
            exists: external_node_fs_.existsSync,
            text: facts.text,
            dockerignore: await dockerignoreFor(graph, facts)
        });
        check = { mode, file: graph.file, findings: result.findings.map(f => locateFinding(graph, f)) };
        fatal = result.fatal;
    }
    catch (error) {
        // A check that cannot run must not stop a build it has no finding against.
        host.warning(`The Dockerfile check could not run: ${error.message}`);
        return { check: null, failure: null };
    }
    const n = check.findings.length;
    host.info(`Dockerfile check: ${n === 1 ? '1 finding' : `${n} findings`} (check: ${mode}).`);
    for (const a of findingAnnotations(check.findings, check.file, mode))
        (a.level === 'error' ? host.error : host.warning)(a.message, a.where);
    // An error BuildKit's lint run raises for the file (not a rule's finding): said at its line.
    if (fatal)
        (mode === 'error' ? host.error : host.warning)(fatal.detail, { file: graph.file, startLine: fatal.line });
    const message = checkFailure(check.findings, check.file, mode) ??
        (fatal && mode === 'error' ? `${graph.file}:${fatal.line}: ${fatal.detail}` : null);
    return { check, failure: message ? await stop(host, facts, check, message) : null };
}
/** The .dockerignore BuildKit would use (<Dockerfile>.dockerignore first), only when CopyIgnoredFile is on. */
async function dockerignoreFor(graph, facts) {
    if (!(0,src_check/* ruleEnabled */.wR)((0,src_check/* lintConfig */.iv)(graph, facts.inputs.buildArgs), 'CopyIgnoredFile'))
        return undefined;
    for (const candidate of [`${facts.file}.dockerignore`, external_node_path_default().join(facts.context, '.dockerignore')]) {
        const text = await (0,promises_.readFile)(candidate, 'utf8').catch(() => undefined);
        if (text !== undefined)
            return text;
    }
    return undefined;
}
/** The run's failure before any build, shown as the pipeline shows a failed build. */
async function stop(host, facts, check, message) {
    const { inputs, plan, report } = facts;
    host.error(message, { title: FAILURE_TITLES.build });
    const tests = plan.tester
        ? { outcome: 'error', mode: 'none', failures: [], notRunReason: 'the Dockerfile check failed' }
        : { outcome: 'skipped', mode: 'none', failures: [] };
    const markdown = await publishFailure({
        host,
        report,
        run: readRunContext(host.env),
        imageName: imageNameOf(inputs.tags, facts.context),
        target: plan.runtime.name ?? String(plan.runtime.index),
        builder: '',
        builds: [],
        stagesByRole: {},
        tests,
        check,
        secretValues: facts.secretValues
    }, { kind: 'build', message, output: [] });
    return {
        message,
        result: {
            testOutcome: tests.outcome,
            tests,
            imageId: null,
            digest: null,
            tags: inputs.tags,
            pushed: false,
            builds: [],
            testerImage: null,
            reportOutputs: { report: markdown },
            secretValues: facts.secretValues,
            failure: 'build',
            buildxMetadata: null,
            createdBuilder: null
        }
    };
}

;// CONCATENATED MODULE: ./src/engine/features.ts
// What the chosen builder can do, as far as stagegate can tell before building: the buildx
// version (flags it knows), the BuildKit version that runs the build (flags it honours; an old
// BuildKit ignores --shm-size, --ulimit and --cgroup-parent without a word) and whether its
// driver can attach attestations. Unknown facts are null; each rule says what null means.
const UNKNOWN_FEATURES = {
    buildxVersion: null,
    buildkitVersion: null,
    attestations: null
};
/**
 * The first `major.minor[.patch]` in a version text, as numbers; null when there is none or it is
 * `0.0.0` (Debian's engine 26 reports its BuildKit as `v0.0.0+unknown`). Pure.
 */
function parseVersion(text) {
    const match = /(?:^|[^\d.])v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(` ${text ?? ''}`);
    if (!match)
        return null;
    const version = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
    return version.every(n => n === 0) ? null : version;
}
/** Whether `version` is at least `min` (`0.15.0`); null when the version is unknown. Pure. */
function versionAtLeast(version, min) {
    const have = parseVersion(version);
    const want = parseVersion(min);
    if (!have || !want)
        return null;
    for (let i = 0; i < 3; i++) {
        if (have[i] !== want[i])
            return have[i] > want[i];
    }
    return true;
}
/** `BuildKit version: v0.8+unknown` (buildx 0.11+) or `Buildkit: v0.12.5` (older) from `docker buildx inspect`. Pure. */
function buildkitVersionFromInspect(output) {
    const match = /^\s*Build[Kk]it(?: version)?:\s*(\S+)/m.exec(output);
    const version = match?.[1] ?? null;
    return parseVersion(version) ? version : null;
}
// The BuildKit built into each engine release (moby's vendored BuildKit), for the `docker` driver
// and the classic path, whose own version text may be unknown. Lower bounds, by engine major.
const ENGINE_BUILDKIT = [
    [28, '0.20.0'],
    [27, '0.15.0'],
    [26, '0.13.0'],
    [25, '0.12.0'],
    [24, '0.11.0'],
    [23, '0.10.0'],
    [20, '0.8.0'],
    [19, '0.6.0'],
    [18, '0.3.0']
];
/** The BuildKit version built into a docker engine (`20.10.24` → `0.8.0`); null when unknown. Pure. */
function engineBuildkitVersion(engineVersion) {
    const major = parseVersion(engineVersion)?.[0];
    if (major === undefined)
        return null;
    return ENGINE_BUILDKIT.find(([engine]) => major >= engine)?.[1] ?? null;
}
/**
 * Whether a buildx driver can attach attestations. The `docker` driver can only with the containerd
 * image store (on the classic store buildx stops: "Attestation is not supported for the docker
 * driver"); the container, kubernetes and remote drivers run a BuildKit of their own that can. Pure.
 */
function attestationSupport(driver, containerdStore) {
    if (driver === null)
        return null;
    return driver === 'docker' ? containerdStore : true;
}

;// CONCATENATED MODULE: ./src/engine/capabilities.ts


/** GitHub's cache service speaks only protocol v2 since 2025; buildx speaks it from 0.21. */
const GHA_V2_BUILDX = '0.21.0';
/** Several exporters in one build: buildx 0.13 with BuildKit 0.13. */
const MULTI_OUTPUT_BUILDX = '0.13.0';
function capabilitiesOf(facts) {
    if (facts.kind !== 'buildx') {
        // The engine's own BuildKit (or the legacy builder) builds into the image store, nowhere else.
        return {
            load: true,
            loadIsFree: true,
            imageInEngine: true,
            ociExport: false,
            twoOutputs: false,
            cacheExport: false,
            ghaCache: false
        };
    }
    const dockerDriver = facts.driver === 'docker' || facts.driver === null;
    // The docker driver on the classic image store refuses cache export, OCI output and two outputs.
    const exporters = !dockerDriver || facts.containerdStore;
    return {
        load: true,
        loadIsFree: dockerDriver,
        imageInEngine: facts.driver === 'docker',
        ociExport: exporters,
        twoOutputs: exporters && versionAtLeast(facts.buildxVersion, MULTI_OUTPUT_BUILDX) === true,
        cacheExport: exporters,
        ghaCache: exporters && versionAtLeast(facts.buildxVersion, GHA_V2_BUILDX) === true
    };
}
/**
 * The runtime build never pushes: the push waits for the gate and the budgets. It leaves an image
 * that can be measured exactly and pushed without a rebuild. Pure.
 */
function runtimeOutputs(caps, opts) {
    const oci = `type=oci,dest=${opts.ociDir},tar=false`;
    if (opts.kind !== 'buildx')
        return { outputs: [], load: true, measure: 'local-image' };
    if (opts.platforms > 1) {
        // Several platforms cannot be loaded into the engine; the OCI layout holds them all.
        if (!caps.ociExport)
            throw new errors/* UserError */.y('Input "platforms" names several platforms, which this buildx builder cannot export (the docker driver on the classic image store): use a docker-container builder (docker/setup-buildx-action) or the containerd image store.');
        return { outputs: [oci], load: false, measure: 'oci-layout' };
    }
    if (caps.loadIsFree && opts.measuredAfterPush)
        return { outputs: [], load: true, measure: 'local-image' };
    if (caps.twoOutputs && caps.loadIsFree)
        return { outputs: ['type=docker', oci], load: true, measure: 'oci-layout' };
    if (caps.ociExport && !caps.loadIsFree)
        return { outputs: [oci], load: false, measure: 'oci-layout' };
    return { outputs: [], load: true, measure: 'local-image' };
}
/**
 * Whether to load the tester image into the engine: needed to run the test command, to copy
 * reports out, or to weigh it for the multi-stage saving; free on the docker driver. On a
 * docker-container builder a load is a tarball export of a whole toolchain image. Pure.
 */
function loadTester(caps, needs) {
    return needs.testCommand || needs.testReports || caps.loadIsFree;
}

;// CONCATENATED MODULE: ./src/engine/cache.ts



/** The runner's cache-service variables that buildx's `type=gha` cache reads from its environment. */
const GHA_CACHE_VARIABLES = [
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_CACHE_SERVICE_V2'
];
function ghaAvailable(env) {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL));
}
/** `auto` resolved: gha on buildx inside a runner, registry when a ref is given, otherwise none. */
function resolveCacheMode(req) {
    if (req.mode !== 'auto')
        return req.mode;
    if (req.builder === 'buildx' && ghaAvailable(req.env))
        return 'gha';
    if (req.cacheRef !== '')
        return 'registry';
    return 'none';
}
/** A cache scope that is stable per image and target, so tester and runtime never overwrite each other. */
function cacheScope(imageName, target) {
    const name = imageName.replace(/^[^/]*[.:][^/]*\//, ''); // drop a registry host
    return `stagegate-${name}-${target}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200);
}
/** `ghcr.io/o/r:buildcache` + `tester` → `ghcr.io/o/r:buildcache-tester`; no tag → `:cache-tester`. */
function cacheRefFor(cacheRef, target) {
    const { name, tag } = (0,src_reference/* splitReference */.mQ)(cacheRef);
    if (tag === null)
        return `${cacheRef}:cache-${target}`;
    // A tag holds at most 128 characters.
    return `${name}:${`${tag}-${target}`.slice(0, 120)}`;
}
/** Cache flags for one build. Pure. */
/** No cache read or written (e.g. `call: check`, which builds nothing). */
const NO_CACHE = Object.freeze({
    mode: 'none',
    cacheFrom: [],
    cacheTo: [],
    inlineCache: false,
    pushCacheImage: null,
    env: {},
    notes: []
});
function planCache(req) {
    const mode = resolveCacheMode(req);
    // Fresh arrays: the plan is filled in below.
    const plan = { ...NO_CACHE, mode, cacheFrom: [], cacheTo: [], env: {}, notes: [] };
    const others = [req.target, ...req.targets.filter(t => t !== req.target)];
    switch (mode) {
        case 'none':
            break;
        case 'gha': {
            if (req.builder !== 'buildx') {
                throw new errors/* UserError */.y('Input "cache" is gha, which needs buildx (docker/setup-buildx-action); use registry or none.');
            }
            if (!ghaAvailable(req.env)) {
                throw new errors/* UserError */.y('Input "cache" is gha, but the runner cache service variables (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) are missing: run inside GitHub Actions, or use cache: registry.');
            }
            for (const name of GHA_CACHE_VARIABLES) {
                const value = req.env[name];
                if (value)
                    plan.env[name] = value;
            }
            plan.cacheFrom = others.map(t => `type=gha,scope=${cacheScope(req.imageName, t)}`);
            // A cache that cannot be written is a warning in the build log, never a failed build.
            plan.cacheTo = [`type=gha,scope=${cacheScope(req.imageName, req.target)},mode=max,ignore-error=true`];
            break;
        }
        case 'registry': {
            if (req.cacheRef === '')
                throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty.');
            if (req.builder === 'buildx') {
                plan.cacheFrom = others.map(t => `type=registry,ref=${cacheRefFor(req.cacheRef, t)}`);
                plan.cacheTo = [
                    `type=registry,ref=${cacheRefFor(req.cacheRef, req.target)},mode=max,ignore-error=true`
                ];
            }
            else if (req.builder === 'buildkit') {
                // The engine's BuildKit has no cache exporter: inline metadata in an image pushed to the cache ref.
                plan.inlineCache = true;
                plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t));
                plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target);
                plan.notes.push('registry cache on the classic BuildKit path: inline cache metadata, image pushed to the cache ref');
            }
            else {
                plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t));
                plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target);
            }
            break;
        }
        case 'inline':
            if (req.builder === 'buildx')
                plan.cacheTo = ['type=inline'];
            else if (req.builder === 'buildkit')
                plan.inlineCache = true;
            else
                plan.notes.push('inline cache needs BuildKit; the legacy builder reads --cache-from images only');
            break;
    }
    if (plan.cacheTo.length > 0 &&
        req.builder === 'buildx' &&
        !req.canExport &&
        !plan.cacheTo.every(t => t === 'type=inline')) {
        plan.notes.push(`the buildx builder cannot export ${mode} cache (docker driver): cache is read, not written; allow create-builder to fix this`);
        plan.cacheTo = [];
    }
    if (req.cacheFrom.length > 0)
        plan.cacheFrom = [...req.cacheFrom];
    if (req.cacheTo.length > 0)
        plan.cacheTo = [...req.cacheTo];
    return plan;
}
/**
 * Whether stagegate should create a docker-container builder: only to export cache that the
 * current builder's driver cannot (the plain docker driver without the containerd image store).
 */
function needsContainerBuilder(opts) {
    const exportsCache = opts.rawCacheTo || opts.mode === 'gha' || opts.mode === 'registry';
    return exportsCache && opts.driver === 'docker' && !opts.containerdStore && opts.createBuilder;
}
/**
 * buildx older than 0.21 speaks only the retired cache protocol v1, which GitHub's cache service
 * no longer answers: its `type=gha` cache would silently store nothing. Under `cache: auto` that
 * is a warning and no cache; asked for by name, it is an error. Pure.
 */
function ghaSupport(req) {
    if (req.mode !== 'gha' || req.caps.ghaCache)
        return { mode: req.mode };
    const why = !req.caps.cacheExport
        ? 'the buildx builder cannot export cache (the docker driver on the classic image store)'
        : `buildx ${req.buildxVersion ?? '(unknown version)'} speaks only the retired cache protocol v1, which GitHub's cache service no longer answers; buildx ${GHA_V2_BUILDX} or newer is needed (docker/setup-buildx-action with version: latest)`;
    if (req.requested === 'gha')
        throw new errors/* UserError */.y(`Input "cache" is gha, but ${why}.`);
    return {
        mode: 'none',
        warning: `No build cache: ${why}. Set cache: registry with cache-ref to cache another way.`
    };
}

// EXTERNAL MODULE: ./src/secrets.ts
var src_secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/engine/attest.ts
// Attestations (`provenance`, `sbom`, `attests`) resolved as docker/build-push-action v6 does
// (its context.ts getAttestArgs, with docker/actions-toolkit's Build helpers), so a workflow moved
// from build-push-action gets the same `--attest` flags, including the provenance default:
// `mode=max` on public repositories, `mode=min,inline-only=true` on private ones.


const NO_ATTESTATIONS = { provenance: '', sbom: '', attests: [] };
function fields(attrs) {
    return (0,src_secrets/* splitListInput */.lW)('attests', attrs, { ignoreComma: false }).map(e => e.text.trim());
}
/** Go's strconv.ParseBool, which buildx applies to a bare attestation attribute (`type=sbom,true`). */
function goBool(text) {
    if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text))
        return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text))
        return false;
    return null;
}
/** Whether attestation attributes name `type=NAME`. Pure. */
function hasAttestationType(name, attrs) {
    return fields(attrs).some(f => {
        const [key, value] = f.split('=').map(s => s.trim());
        return key === 'type' && value === name;
    });
}
/** Bare booleans become `disabled=...`, as buildx reads them. Pure. */
function resolveAttestationAttrs(attrs) {
    return fields(attrs)
        .map(f => {
        const b = goBool(f);
        return b === null ? f : `disabled=${!b}`;
    })
        .join(',');
}
/** Adds the run's builder-id unless the attributes name one (or there is no run). Pure. */
function resolveProvenanceAttrs(attrs, builderId) {
    const named = fields(attrs).some(f => f.split('=')[0]?.trim() === 'builder-id');
    if (named || builderId === '')
        return attrs;
    return attrs === '' ? `builder-id=${builderId}` : `${attrs},builder-id=${builderId}`;
}
/** The `provenance` input: `true`, `false` (core.getBooleanInput's spellings) or attributes. Pure. */
function resolveProvenanceInput(raw, builderId) {
    if (raw === '')
        return '';
    if (['true', 'True', 'TRUE'].includes(raw))
        return builderId ? `builder-id=${builderId}` : 'true';
    if (['false', 'False', 'FALSE'].includes(raw))
        return 'false';
    return resolveProvenanceAttrs(raw, builderId);
}
/**
 * The `--attest` values for one build, in build-push-action's order and precedence: `provenance`
 * and `sbom` win over entries of the same type in `attests`. `defaultProvenance` is used when
 * nothing asks for provenance and `defaultProvenance` is true (the caller decides when a default is safe). Pure.
 */
function attestArgs(inputs, context, defaultProvenance) {
    const builderId = context?.builderId ?? '';
    const args = [];
    const provenance = resolveProvenanceInput(inputs.provenance, builderId);
    const attestProvenance = inputs.attests.some(a => hasAttestationType('provenance', a));
    if (provenance)
        args.push(resolveAttestationAttrs(`type=provenance,${provenance}`));
    else if (!attestProvenance && defaultProvenance && context) {
        const mode = context.privateRepository ? 'mode=min,inline-only=true' : 'mode=max';
        args.push(`type=provenance,${resolveProvenanceAttrs(mode, builderId)}`);
    }
    if (inputs.sbom)
        args.push(resolveAttestationAttrs(`type=sbom,${inputs.sbom}`));
    for (const attest of inputs.attests) {
        const isProvenance = hasAttestationType('provenance', attest);
        const isSbom = hasAttestationType('sbom', attest);
        if (!isProvenance && !isSbom)
            args.push(resolveAttestationAttrs(attest));
        else if (isProvenance && !provenance)
            args.push(resolveProvenanceAttrs(attest, builderId));
        else if (isSbom && !inputs.sbom)
            args.push(attest);
    }
    return args;
}
/** Whether an `--attest` value turns its attestation off (`disabled=true`): any builder can honour that. Pure. */
function disablesAttestation(attest) {
    return fields(attest).some(f => f.replace(/\s/g, '') === 'disabled=true');
}
/** `repository.private` of the event payload; false when absent or unreadable, as build-push-action. Pure. */
function isPrivateRepository(payload) {
    try {
        const parsed = JSON.parse(payload);
        return parsed?.repository?.private === true;
    }
    catch {
        return false;
    }
}
/** The workflow run's URL, build-push-action's provenance builder-id; '' outside GitHub Actions. Pure. */
function provenanceBuilderId(env) {
    const { GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
    if (!repository || !runId)
        return '';
    return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repository}/actions/runs/${runId}`;
}
/** Reads the repository's visibility from the event payload (GITHUB_EVENT_PATH) and the run's builder-id. */
async function readProvenanceContext(env) {
    const payload = env.GITHUB_EVENT_PATH ? await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8').catch(() => '') : '';
    return { privateRepository: isPrivateRepository(payload), builderId: provenanceBuilderId(env) };
}

;// CONCATENATED MODULE: ./src/engine/command.ts



const ALL = ['buildx', 'buildkit', 'legacy'];
const BUILDX = ['buildx'];
/**
 * Which builders take each build-push-action input, from which buildx version, honoured by which
 * BuildKit. Checked on the test bed: docker 20.10's BuildKit (0.8, classic and buildx on the
 * docker driver) builds with --shm-size, --ulimit and --cgroup-parent but applies none of them;
 * the legacy builder and BuildKit 0.13 (engine 26) apply all three; --call is unknown to buildx 0.13.
 */
const REQUIREMENTS = {
    'add-hosts': { kinds: ALL },
    ssh: { kinds: ['buildx', 'buildkit'] },
    'shm-size': { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
    ulimit: { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
    'cgroup-parent': { kinds: ALL, buildx: '0.7.0', buildkit: '0.10.0' },
    'build-contexts': { kinds: BUILDX, buildx: '0.8.0', buildkit: '0.10.0' },
    'no-cache-filters': { kinds: BUILDX, buildx: '0.8.0' },
    allow: { kinds: BUILDX },
    annotations: { kinds: BUILDX, buildx: '0.12.0' },
    provenance: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
    sbom: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
    attests: { kinds: BUILDX, buildx: '0.10.0', buildkit: '0.11.0' },
    outputs: { kinds: BUILDX },
    call: { kinds: BUILDX, buildx: '0.15.0' }
};
/** The build-push-action inputs a request uses (attestations that only switch one off need nothing). Pure. */
function usedInputs(req) {
    const a = req.attestations ?? NO_ATTESTATIONS;
    const on = (attest) => attest !== '' && !disablesAttestation(attest);
    const used = [
        ['add-hosts', (req.addHosts ?? []).length > 0],
        ['ssh', (req.ssh ?? []).length > 0],
        ['shm-size', Boolean(req.shmSize)],
        ['ulimit', (req.ulimits ?? []).length > 0],
        ['cgroup-parent', Boolean(req.cgroupParent)],
        ['build-contexts', (req.buildContexts ?? []).length > 0],
        ['no-cache-filters', (req.noCacheFilters ?? []).length > 0],
        ['allow', (req.allow ?? []).length > 0],
        ['annotations', (req.annotations ?? []).length > 0],
        ['provenance', on(attestArgs({ ...NO_ATTESTATIONS, provenance: a.provenance }, null, false)[0] ?? '')],
        ['sbom', on(attestArgs({ ...NO_ATTESTATIONS, sbom: a.sbom }, null, false)[0] ?? '')],
        ['attests', attestArgs({ ...NO_ATTESTATIONS, attests: a.attests }, null, false).some(on)],
        ['outputs', (req.outputs ?? []).length > 0],
        ['call', Boolean(req.call)]
    ];
    return used.filter(([, isUsed]) => isUsed).map(([name]) => name);
}
const KIND_NAMES = {
    buildx: 'buildx',
    buildkit: "the engine's built-in BuildKit (DOCKER_BUILDKIT=1 docker build, no buildx)",
    legacy: 'the legacy builder'
};
/**
 * Stops before any build when an input cannot apply on this builder, naming the input and what
 * to do; an input is never dropped silently. Unknown versions pass on buildx (buildx itself then
 * says what it lacks) but not on the classic path, whose built-in BuildKit ignores what it lacks. Pure.
 */
function checkSupport(req, kind, features) {
    for (const input of usedInputs(req)) {
        const need = REQUIREMENTS[input];
        if (!need.kinds.includes(kind)) {
            const what = need.kinds.includes('buildkit') ? 'needs BuildKit' : 'needs buildx';
            throw new errors/* UserError */.y(`Input "${input}" ${what}, and this run uses ${KIND_NAMES[kind]}: add docker/setup-buildx-action before stagegate (or install the buildx plugin), or remove "${input}".`);
        }
        if (kind === 'buildx' && need.buildx && versionAtLeast(features.buildxVersion, need.buildx) === false) {
            throw new errors/* UserError */.y(`Input "${input}" needs buildx ${need.buildx} or newer; this is buildx ${features.buildxVersion}: update it (docker/setup-buildx-action installs the latest), or remove "${input}".`);
        }
        if (kind !== 'legacy' && need.buildkit) {
            const ok = versionAtLeast(features.buildkitVersion, need.buildkit);
            if (ok === false || (ok === null && kind === 'buildkit')) {
                const have = features.buildkitVersion
                    ? `BuildKit ${features.buildkitVersion}`
                    : 'a BuildKit of unknown version';
                throw new errors/* UserError */.y(`Input "${input}" needs BuildKit ${need.buildkit} or newer, and this build runs on ${have}, which would ignore it: use docker/setup-buildx-action (its docker-container builder runs a current BuildKit) or a newer docker engine, or remove "${input}".`);
            }
        }
        if (['provenance', 'sbom', 'attests'].includes(input) && features.attestations === false) {
            throw new errors/* UserError */.y(`Input "${input}" asks for an attestation, and this buildx builder cannot attach one (the docker driver on the classic image store: "Attestation is not supported for the docker driver"): use docker/setup-buildx-action (docker-container driver) or the containerd image store, or remove "${input}".`);
        }
    }
}
/**
 * build-push-action adds provenance by default only where it is sure to work: a builder that can
 * attach attestations, and an image that is not loaded into docker (the docker exporter). The
 * tester build and a loaded runtime therefore get none, so the image measured is the image built;
 * unless the loaded runtime is itself what `docker push` ships (`pushedAsLoaded`). Pure.
 */
function wantsDefaultProvenance(req, kind, features) {
    if (kind !== 'buildx' || !req.provenanceContext || features.attestations !== true || req.call)
        return false;
    if (versionAtLeast(features.buildxVersion, '0.10.0') === false)
        return false;
    if (versionAtLeast(features.buildkitVersion, '0.11.0') === false)
        return false;
    // The measuring re-export (`output`) repeats a loaded build, which had no default either.
    if (req.output)
        return false;
    // A loaded image that `docker push` ships is the pushed image: it gets the push's default.
    if (req.pushedAsLoaded)
        return true;
    const outputs = req.outputs ?? [];
    if (outputs.some(o => /(^|,)\s*type\s*=\s*docker\s*(,|$)/.test(o)))
        return false;
    return req.push || outputs.length > 0;
}
/**
 * build-push-action's inputs as BuildRequest fields. `shared` shape how RUN steps run and what they
 * see, so the tester and the runtime builds both take them (and share their cache); `runtime` is
 * about the shipped image (or replaces it, `call`): the tester is loaded locally and never pushed. Pure.
 */
function buildOptions(inputs, provenanceContext) {
    return {
        shared: {
            addHosts: inputs.addHosts,
            allow: inputs.allow,
            buildContexts: inputs.buildContexts,
            cgroupParent: inputs.cgroupParent,
            noCacheFilters: inputs.noCacheFilters,
            shmSize: inputs.shmSize,
            ssh: inputs.ssh,
            ulimits: inputs.ulimits
        },
        runtime: {
            annotations: inputs.annotations,
            attestations: { provenance: inputs.provenance, sbom: inputs.sbom, attests: inputs.attests },
            provenanceContext: provenanceContext ?? undefined,
            outputs: inputs.outputs,
            call: inputs.call
        }
    };
}
/** The exact docker argument list for one build on the chosen builder. Pure. */
function buildCommand(req, kind, features = UNKNOWN_FEATURES) {
    checkSupport(req, kind, features);
    if (kind !== 'buildx' && req.platforms.length > 1) {
        throw new errors/* UserError */.y(`Input "platforms" names ${req.platforms.length} platforms; building several at once needs buildx (docker/setup-buildx-action).`);
    }
    if (kind === 'legacy' && req.secretFiles.length > 0) {
        throw new errors/* UserError */.y('Input "secrets" needs BuildKit; the legacy builder would leak them as build args, so stagegate stops here.');
    }
    const args = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
    if (kind !== 'legacy')
        args.push('--progress=plain');
    if (kind === 'buildx' && req.builder)
        args.push('--builder', req.builder);
    args.push('--file', req.file);
    if (req.target)
        args.push('--target', req.target);
    if (req.network)
        args.push('--network', req.network);
    for (const tag of req.tags)
        args.push('--tag', tag);
    for (const label of req.labels)
        args.push('--label', label);
    for (const [key, value] of Object.entries(req.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    if (req.inlineCache && kind === 'buildkit')
        args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    for (const secret of req.secretFiles)
        args.push('--secret', `id=${secret.id},src=${secret.src}`);
    for (const ssh of req.ssh ?? [])
        args.push('--ssh', ssh);
    for (const host of req.addHosts ?? [])
        args.push('--add-host', host);
    if (req.shmSize)
        args.push('--shm-size', req.shmSize);
    for (const ulimit of req.ulimits ?? [])
        args.push('--ulimit', ulimit);
    if (req.cgroupParent)
        args.push('--cgroup-parent', req.cgroupParent);
    if (req.platforms.length > 0)
        args.push('--platform', req.platforms.join(','));
    if (req.noCache)
        args.push('--no-cache');
    if (req.pull)
        args.push('--pull');
    for (const from of req.cacheFrom)
        args.push('--cache-from', from);
    if (kind === 'buildx') {
        for (const context of req.buildContexts ?? [])
            args.push('--build-context', context);
        for (const allow of req.allow ?? [])
            args.push('--allow', allow);
        for (const filter of req.noCacheFilters ?? [])
            args.push('--no-cache-filter', filter);
    }
    if (kind === 'buildx' && req.call) {
        // An evaluation (check, outline, targets) builds and exports nothing: no image, cache or attestation.
        args.push('--call', req.call);
        args.push(req.context);
        return { args, env: { DOCKER_BUILDKIT: '1' } };
    }
    if (kind === 'buildx')
        for (const to of req.cacheTo)
            args.push('--cache-to', to);
    args.push('--iidfile', req.iidFile);
    if (kind === 'buildx') {
        for (const annotation of req.annotations ?? [])
            args.push('--annotation', annotation);
        const attestations = req.attestations ?? NO_ATTESTATIONS;
        const defaults = wantsDefaultProvenance(req, kind, features);
        for (const attest of attestArgs(attestations, req.provenanceContext ?? null, defaults)) {
            args.push('--attest', attest);
        }
        if (req.metadataFile)
            args.push('--metadata-file', req.metadataFile);
        if (req.output)
            args.push('--output', req.output);
        else {
            // `outputs` replace the local load; `push` stays a registry output beside them, as in build-push-action.
            for (const output of req.outputs ?? [])
                args.push('--output', output);
            if (req.push)
                args.push('--push');
            else if (req.load && (req.outputs ?? []).length === 0)
                args.push('--load');
        }
    }
    args.push(req.context);
    const env = { DOCKER_BUILDKIT: kind === 'legacy' ? '0' : '1' };
    // buildx (0.10+) attaches a min provenance by default; an older one ignores the variable. For
    // the tester it only costs: measured here on the containerd store, 0.61-0.66 s per small build
    // without it against 0.74-0.79 s with it, and ~40 ms less of the engine's CPU beside the runtime's.
    if (kind === 'buildx' && req.localOnly)
        env.BUILDX_NO_DEFAULT_ATTESTATIONS = '1';
    return { args, env };
}
/**
 * `docker run` for the test command in a container of the tester image. Without `--rm`: with it
 * the client waits for the removal too (0.4–0.6 s on engine 26 here); the run removes the
 * container beside what follows instead. Pure.
 */
function testRunCommand(opts) {
    const args = ['run', '--name', opts.name];
    if (opts.network)
        args.push('--network', opts.network);
    if (opts.reportsHostDir && opts.reportsContainerDir) {
        args.push('--volume', `${opts.reportsHostDir}:${opts.reportsContainerDir}`);
    }
    // The command is a shell line, as `run:` steps are; the image may lack a shell only if it
    // lacks tests too, and then docker's own error says so.
    args.push('--entrypoint', '/bin/sh', opts.image, '-c', opts.command);
    return args;
}

// EXTERNAL MODULE: ./src/engine/plugin.ts
var engine_plugin = __webpack_require__(1731);
;// CONCATENATED MODULE: ./src/engine/tag.ts
// A tag names whatever was tagged last on the engine. Between the runtime build and its push (the
// whole of the tests) another job on the same engine may build or tag the same name (self-hosted
// runners share one engine): `docker push <tag>` would then ship an image this run never tested.
// Before each push the tag is pointed back at the image the run built, by its ID (the tests, too,
// run in the tester build's image by its ID: src/gate/gate.ts).



/** Reads the engine's answer for the tag. Pure. */
function tagStateOf(status, body, id) {
    if (status === 404)
        return { state: 'gone' };
    if (status !== 200)
        return { state: 'unknown' };
    let current;
    try {
        current = JSON.parse(body).Id;
    }
    catch {
        return { state: 'unknown' };
    }
    if (typeof current !== 'string' || current === '')
        return { state: 'unknown' };
    return current === id ? { state: 'same' } : { state: 'moved', to: current };
}
/** The API's `repo` and `tag` for a tag as written (`latest` when none, as docker build). Pure. */
function tagQuery(tag) {
    const written = (0,src_reference/* splitReference */.mQ)(tag);
    return `repo=${encodeURIComponent(written.name)}&tag=${encodeURIComponent(written.tag ?? 'latest')}`;
}
/** What the log says when the tag named another image, or none, by push time. Pure. */
function movedTagWarning(tag, id, state, to) {
    const what = state === 'moved' ? `named another image (${tag_short(to ?? '')})` : 'had been removed';
    return (`${tag} ${what} by the time of the push: something else on this Docker engine tagged or removed it ` +
        `while the tests ran. stagegate points it back at the image this run built and tested (${tag_short(id)}) ` +
        'and pushes that one. Give concurrent jobs on a shared engine distinct tags.');
}
const tag_short = (id) => id.replace(/^sha256:/, '').slice(0, 12);
/**
 * Of the digests a build reported (its iidfile, buildx's `containerimage.digest`), the one the
 * engine names the stored image by (`.Id`): the config digest on the classic store, the manifest
 * or index digest on containerd's, where buildx's iidfile holds the config digest when the image
 * has no attestations. Asked of the engine, by digest (no tag, which another job may move); null
 * when it holds none of them (the image was not stored).
 */
async function storedImageId(client, socket, candidates) {
    for (const digest of [...new Set(candidates)]) {
        if (!digest)
            continue;
        if (socket) {
            try {
                const got = await (0,api/* engineGet */.dA)(socket, `/images/${encodeURI(digest)}/json`);
                if (got.status === 404)
                    continue;
                if (got.status === 200 && tagStateOf(got.status, got.body, digest).state === 'same')
                    return digest;
            }
            catch {
                // the engine's API did not answer: docker image inspect
            }
        }
        const inspected = await (0,engine_docker.run)(client, ['image', 'inspect', '--format', '{{.Id}}', digest]);
        if (inspected.exitCode === 0 && inspected.stdout.trim() === digest)
            return digest;
    }
    return null;
}
/**
 * Makes `tag` name the image `id` before it is pushed: read from the engine's API (a few ms), and
 * tagged again only when it moved; without the API, `docker tag` (idempotent). An image that is
 * gone from the engine cannot be pushed: the run says so and pushes nothing.
 */
async function pinTag(client, socket, id, tag) {
    if (socket) {
        try {
            const got = await (0,api/* engineGet */.dA)(socket, `/images/${encodeURI(tag)}/json`);
            const { state, to } = tagStateOf(got.status, got.body, id);
            if (state === 'same')
                return { ok: true };
            if (state !== 'unknown') {
                const tagged = await (0,api/* engineRequest */.U1)(socket, 'POST', `/images/${encodeURI(id)}/tag?${tagQuery(tag)}`);
                if (tagged.status === 201)
                    return { ok: true, warning: movedTagWarning(tag, id, state, to) };
                if (tagged.status === 404)
                    return { ok: false, message: goneMessage(tag, id) };
            }
        }
        catch {
            // the engine's API did not answer: docker tag
        }
    }
    const tagged = await (0,engine_docker.run)(client, ['tag', id, tag], { captureStderr: true });
    if (tagged.exitCode === 0)
        return { ok: true };
    return /no such image/i.test(tagged.stderr ?? '')
        ? { ok: false, message: goneMessage(tag, id) }
        : {
            ok: false,
            message: `Could not tag ${tag} before the push: ${(tagged.stderr ?? '').trim() || 'no output'}.`
        };
}
function goneMessage(tag, id) {
    return (`The image this run built (${tag_short(id)}) is no longer in the engine's store (removed while the ` +
        `tests ran?), so ${tag} was not pushed. Run again, and keep image pruning away from running jobs.`);
}
/**
 * Of `tags`, those that still name the image `id`: what a run that drops its image may untag. A tag
 * another job on the engine moved to its own image meanwhile is that job's. Read from the engine's
 * API, or `docker image inspect` without it; a tag whose image cannot be told is not untagged.
 */
async function tagsNaming(client, socket, id, tags) {
    const states = await Promise.all(tags.map(async (tag) => ({ tag, state: await tagState(client, socket, id, tag) })));
    return {
        own: states.filter(s => s.state === 'same').map(s => s.tag),
        moved: states.filter(s => s.state === 'moved').map(s => s.tag)
    };
}
async function tagState(client, socket, id, tag) {
    if (socket) {
        try {
            const got = await (0,api/* engineGet */.dA)(socket, `/images/${encodeURI(tag)}/json`);
            const { state } = tagStateOf(got.status, got.body, id);
            if (state !== 'unknown')
                return state;
        }
        catch {
            // the engine's API did not answer: docker image inspect
        }
    }
    const inspected = await (0,engine_docker.run)(client, ['image', 'inspect', '--format', '{{.Id}}', tag], {
        captureStderr: true
    });
    if (inspected.exitCode === 0)
        return inspected.stdout.trim() === id ? 'same' : 'moved';
    return /no such image/i.test(inspected.stderr ?? '') ? 'gone' : 'unknown';
}

;// CONCATENATED MODULE: ./src/engine/engine-fault.ts
/** Times a build that met a transient engine fault is run again before the fault is the verdict. */
const ENGINE_FAULT_RETRIES = 2;
const FAULTS = [
    {
        pattern: /failed to prepare extraction snapshot .*parent snapshot \S+ does not exist: not found/,
        explanation: 'the engine lost a layer snapshot while storing the image, a race of BuildKit with the ' +
            "containerd image store's garbage collector when builds store images at once " +
            '(moby/buildkit#6521, fixed upstream by moby/buildkit#6558)'
    },
    {
        pattern: /failed to stat lower snapshot \S+: snapshot \S+ does not exist: not found/,
        explanation: 'the engine lost a layer snapshot that the build was using, a race of concurrent builds with ' +
            "the containerd image store's garbage collector (moby/buildkit#6977)"
    }
];
/**
 * The transient engine fault a failed build met, or null when its failure is the build's own (a
 * step's exit code, a missing file, a base image that does not resolve). Only the error of the
 * failed vertex counts, or, without one, docker's last `ERROR:` line. Pure.
 */
function engineFault(step, tail) {
    const error = step ? step.error : [...tail].reverse().find(line => /^ERROR:/.test(line.trim()));
    if (!error || /exit code: \d+/.test(error))
        return null;
    const fault = FAULTS.find(f => f.pattern.test(error));
    return fault ? { error: error.trim(), explanation: fault.explanation } : null;
}
/** The warning said before a build runs again. Pure. */
function engineFaultWarning(what, fault, attempt, attempts) {
    return (`The ${what} failed on a fault of the engine, not of the build: ${fault.explanation}. ` +
        `stagegate runs it again from its cache (attempt ${attempt} of ${attempts}). Engine error: ${fault.error}`);
}
/**
 * The steps of a build that was run again after engine faults, as one build: the Dockerfile steps
 * of the failed attempts, as having run (a step that ran there is cached in the next attempt, but
 * ran in this run) and without their errors (only the last attempt's failure is the verdict), then
 * the last attempt's steps. Pure.
 */
function stepsAcrossAttempts(failed, last) {
    const earlier = failed
        .flat()
        .filter(step => step.dockerfileStep)
        .map(step => ({ ...step, done: step.done || step.error !== null, error: null }));
    return [...earlier, ...last];
}

;// CONCATENATED MODULE: ./src/gate/excerpt.ts
// The failure excerpt: the lines of a test run that report failures, with the tail, within a
// bound. A runner's last lines are often only its counts (`# fail 7`) while every failing test
// was reported hundreds of lines higher, so the excerpt is collected as the output streams by.
const DEFAULT_EXCERPT_BOUNDS = {
    failureLines: 50,
    tailLines: 30,
    bytes: 8 * 1024,
    lineChars: 400,
    contextLines: 10
};
/**
 * Lines that name a failing test, by runner: TAP and node:test (`not ok`, `✖`), pytest
 * (`FAILED`, `ERROR`, `____ test ____`), jest (`●`, `✕`), go (`--- FAIL`, `FAIL pkg`, `panic:`),
 * mocha and rspec (`1) name`, `N failing`, `Failures:`), vitest (`×`, `FAIL`, `Failed Tests`),
 * cargo (`---- name stdout ----`, `failures:`).
 */
const HEAD = [
    /^\s*not ok\b/,
    /^\s*[✖✕×✗✘]\s/,
    /^\s*(FAILED|ERROR)\s/,
    /\sFAILED(\s|$)/,
    /^_{3,} .+ _{3,}$/,
    /^\s*● (?!Console\b)/,
    /^\s*--- FAIL\b/,
    /^\s*FAIL\b/,
    /^panic: /,
    /^\s*\d+\) \S/,
    /^\s*\d+ failing\b/,
    /^(Failures|failures):$/,
    /^⎯+ Failed Tests? \d+ ⎯+$/,
    /^---- \S+ stdout ----$/,
    /^rspec \.\/\S+:\d+/
];
/** Lines that say why: assertion messages, errors, panics, the file and line of a failure. */
const KEY = [
    /^E\s/,
    /\b(Assertion|Type|Reference|Range|Syntax|Runtime|Value|Key|Index|Attribute)?Error\b(\s*\[\w+\])?:/,
    /\w+(Exception|Failure)\b:/,
    /Failure\/Error:/,
    /panicked at/,
    /^\S+\.\w+:\d+: \w+/,
    /^\s+\S+_test\.go:\d+: /,
    /^\s*(error|location): /,
    /^\s*(Expected|Received|expected|actual)\b/,
    /^\s*> \d+ \|/
];
/** Lines that start a passing test or the next test: they end a failure's block. */
const BLOCK_END = [
    /^\s*ok \d/,
    /^\s*# Subtest: /,
    /^\s*[✔✓√]\s/,
    /^\s*--- (PASS|SKIP)\b/,
    /^\s*=== (RUN|PAUSE|CONT|NAME)\b/,
    /^\s*PASS\b/,
    /\sPASSED(\s|$)/,
    / \.\.\. ok$/,
    /^\s*\.\.\.$/
];
/** Lines inside a failure's block that say nothing about it (TAP's YAML fences and timings). */
const NOISE = [/^\s*---$/, /^\s*duration_ms: [\d.]+$/, /^\s*failureType: /];
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g;
const TAIL_SLACK = 5;
/** What one line of test output is, for the excerpt. */
function classifyLine(line) {
    if (HEAD.some(re => re.test(line)))
        return 'head';
    if (KEY.some(re => re.test(line)))
        return 'key';
    if (BLOCK_END.some(re => re.test(line)))
        return 'end';
    return 'other';
}
/** A line as shown: colors removed, carriage-return redraws collapsed, cut at `max` characters. */
function cleanLine(raw, max) {
    let line = raw.replace(ANSI, '');
    const cr = line.lastIndexOf('\r', line.length - 2);
    if (cr >= 0)
        line = line.slice(cr + 1);
    line = line.replace(/\r$/, '').replace(/\s+$/, '');
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/**
 * Collects the excerpt line by line, in memory bounded by `bounds` however long the output: at
 * most `failureLines` failure heads, each with `contextLines` lines, and a ring of the tail.
 */
class ExcerptCollector {
    bounds;
    entries = [];
    tail = [];
    heads = new Set();
    /** Blank lines inside failure blocks: shown as such where a marker would stand for one line. */
    blanks = new Set();
    total = 0;
    failureHeads = 0;
    /** Blocks stored: failure heads, and reasons seen outside any failure's block. */
    blocks = 0;
    inBlock = false;
    /** In a block that repeats a failure already kept, or one opened by a reason alone. */
    repeated = false;
    weak = false;
    /** The last reason ended in `:` or `|-`: its message is on the next line. */
    messageNext = false;
    contextLeft = 0;
    keysLeft = 0;
    depth = 0;
    constructor(bounds = {}) {
        this.bounds = { ...DEFAULT_EXCERPT_BOUNDS, ...bounds };
    }
    push(raw) {
        const index = this.total++;
        const text = cleanLine(raw, this.bounds.lineChars);
        this.tail.push({ index, text, rank: 0 });
        // A few more than shown: trailing blank lines do not count as the tail.
        if (this.tail.length > this.bounds.tailLines + TAIL_SLACK)
            this.tail.shift();
        const kind = classifyLine(text);
        if (kind === 'head') {
            const key = text.trim();
            // The same failure reported again (node:test's and jest's closing lists) adds nothing.
            if (this.heads.has(key))
                return this.skipBlock();
            this.failureHeads++;
            if (this.blocks >= this.bounds.failureLines)
                return this.skipBlock();
            this.heads.add(key);
            this.openBlock({ index, text, rank: 0 }, false);
        }
        else if (kind === 'end')
            this.inBlock = false;
        else if (this.inBlock && this.repeated)
            return;
        else if (kind === 'key' && !this.inBlock) {
            // A reason with no test named before it (a generic `Error:`, go -v's t.Errorf lines) is
            // kept with its context, but ranks its further reasons as context: t.Logf looks the same.
            if (this.blocks < this.bounds.failureLines)
                this.openBlock({ index, text, rank: 1 }, true);
        }
        else if (kind === 'key' && this.keysLeft > 0 && !this.weak) {
            this.keysLeft--;
            this.entries.push({ index, text, rank: 1 });
            this.depth = 0; // the lines right after a reason (a message's next line) come next
            this.messageNext = /(:|\|-?)$/.test(text);
        }
        else if (this.inBlock && this.contextLeft > 0) {
            this.contextLeft--;
            this.depth++;
            if (text.trim() === '')
                this.blanks.add(index);
            else if (!NOISE.some(re => re.test(text))) {
                this.entries.push({ index, text, rank: this.messageNext ? 1 : 1 + this.depth });
                this.messageNext = false;
            }
        }
    }
    /** Lines held in memory: bounded by the bounds, not by the output's length. */
    get storedLines() {
        return this.entries.length + this.tail.length + this.blanks.size;
    }
    /** The excerpt of everything pushed so far. */
    excerpt() {
        return pickExcerpt(this.entries, this.tail, this.blanks, this.total, this.failureHeads, this.bounds);
    }
    openBlock(first, weak) {
        this.entries.push(first);
        this.blocks++;
        this.inBlock = true;
        this.repeated = false;
        this.weak = weak;
        this.messageNext = false;
        this.contextLeft = this.bounds.contextLines;
        this.keysLeft = this.bounds.contextLines;
        this.depth = 0;
    }
    /** A block whose lines are not kept: a repeated failure, or one over the bound. */
    skipBlock() {
        this.inBlock = true;
        this.repeated = true;
    }
}
/** The excerpt of a whole output at once. */
function failureExcerpt(output, bounds = {}) {
    const collector = new ExcerptCollector(bounds);
    const lines = typeof output === 'string' ? output.split('\n') : output;
    for (const line of lines)
        collector.push(line);
    return collector.excerpt();
}
function pickExcerpt(entries, ring, blanks, total, failureHeads, bounds) {
    const tail = [...ring];
    while (tail.length > 0 && tail[tail.length - 1].text.trim() === '')
        tail.pop();
    tail.splice(0, Math.max(0, tail.length - bounds.tailLines));
    const inTail = new Set(tail.map(e => e.index));
    // Failure lines by preference: every head first, then each failure's reason, then context
    // line by line across all failures, so that the last failure is not starved by the first.
    const candidates = entries
        .filter(e => !inTail.has(e.index))
        .sort((a, b) => a.rank - b.rank || a.index - b.index)
        .slice(0, bounds.failureLines);
    const picked = new Map();
    for (const e of [...candidates, ...tail])
        picked.set(e.index, e);
    let lines = excerpt_render(picked, blanks);
    // Over the byte bound: drop the least preferred failure line, then the oldest tail lines.
    while (byteLength(lines) > bounds.bytes && picked.size > 0) {
        const drop = candidates.pop() ?? tail.shift();
        if (!drop)
            break;
        picked.delete(drop.index);
        lines = excerpt_render(picked, blanks);
    }
    const shown = new Set([...picked.values()].filter(e => classifyLine(e.text) === 'head').map(e => e.text.trim()));
    return {
        lines,
        failures: failureHeads,
        omittedFailures: Math.max(0, failureHeads - shown.size),
        totalLines: total
    };
}
function excerpt_render(picked, blanks) {
    const out = [];
    let next = 0;
    for (const e of [...picked.values()].sort((a, b) => a.index - b.index)) {
        if (e.index === next + 1 && blanks.has(next))
            out.push('');
        else if (e.index > next)
            out.push(skipped(e.index - next));
        out.push(e.text);
        next = e.index + 1;
    }
    return out;
}
function skipped(n) {
    return n === 1 ? '… 1 line' : `… ${n} lines`;
}
function byteLength(lines) {
    return lines.reduce((sum, l) => sum + Buffer.byteLength(l, 'utf8') + 1, 0);
}

;// CONCATENATED MODULE: ./src/engine/progress.ts
// Reads BuildKit's `--progress=plain` output (and the legacy builder's `Step k/n`) into steps:
// which ran, which were CACHED, which failed and what they printed. Pure: fed line by line.

const KEEP_LOG_LINES = 200;
const VERTEX = /^#(\d+) (.*)$/;
const STEP_NAME = /^\[(?:([^\]\s]+) )?(\d+)\/(\d+)\] (.*)$/;
const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const GLUED_STATUS = /^(#\d+ \d+(?:\.\d+)? .*?)(#\d+ (?:DONE \d+(?:\.\d+)?s|CANCELED|ERROR(?:: .*)?))$/;
class ProgressReader {
    byId = new Map();
    legacyCurrent = null;
    /** Lines that belong to no step (BuildKit's closing error block, docker's own messages). */
    trailer = [];
    push(rawLine) {
        const line = rawLine.replace(/\r$/, '');
        // A step whose last output has no newline (`printf ok`) gets its status glued on: `#6 0.4 ok#6 DONE 0.5s`.
        const glued = GLUED_STATUS.exec(line);
        if (glued) {
            this.push(glued[1] ?? '');
            this.push(glued[2] ?? '');
            return;
        }
        const vertex = VERTEX.exec(line);
        if (vertex) {
            this.vertexLine(Number(vertex[1]), vertex[2] ?? '');
            return;
        }
        const legacy = LEGACY_STEP.exec(line);
        if (legacy) {
            const id = this.byId.size + 1;
            const step = newStep(id, legacy[3] ?? '');
            step.index = Number(legacy[1]);
            step.total = Number(legacy[2]);
            step.dockerfileStep = true;
            this.byId.set(id, step);
            if (this.legacyCurrent)
                this.legacyCurrent.done = true;
            this.legacyCurrent = step;
            return;
        }
        const current = this.legacyCurrent;
        if (current) {
            const failed = /^The command .* returned a non-zero code: (\d+)$/.exec(line);
            if (failed)
                current.error = `exit code: ${failed[1]}`;
            else if (/^ ---> Using cache$/.test(line))
                current.cached = true;
            else if (line.trim() !== '' &&
                !/^ ---> /.test(line) &&
                !/^Removing intermediate container/.test(line)) {
                appendLog(current, line);
            }
        }
        if (line.trim() !== '') {
            this.trailer.push(line);
            if (this.trailer.length > KEEP_LOG_LINES)
                this.trailer.shift();
        }
    }
    steps() {
        return [...this.byId.values()].sort((a, b) => a.id - b.id);
    }
    vertexLine(id, rest) {
        let step = this.byId.get(id);
        if (!step) {
            step = newStep(id, rest);
            const parsed = STEP_NAME.exec(rest);
            if (parsed) {
                step.stage = parsed[1] ?? null;
                step.index = Number(parsed[2]);
                step.total = Number(parsed[3]);
                step.name = parsed[4] ?? rest;
                step.dockerfileStep = true;
            }
            this.byId.set(id, step);
            return;
        }
        if (rest === 'CACHED') {
            step.cached = true;
            step.done = true;
            return;
        }
        const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
        if (done) {
            step.done = true;
            step.seconds = Number(done[1]);
            return;
        }
        if (rest.startsWith('ERROR: ') || rest === 'ERROR') {
            step.error = rest.slice('ERROR: '.length).trim() || 'failed';
            return;
        }
        if (/^sha256:[0-9a-f]{64}$/.test(rest) || rest === 'CANCELED')
            return;
        // `0.123 output` is the step's own output; other lines are status (`exporting layers 0.1s done`).
        const output = /^\d+(?:\.\d+)? (.*)$/.exec(rest);
        appendLog(step, output ? (output[1] ?? '') : rest);
    }
}
function newStep(id, name) {
    return {
        id,
        name,
        stage: null,
        index: null,
        total: null,
        dockerfileStep: false,
        cached: false,
        done: false,
        error: null,
        seconds: null,
        logs: [],
        excerpt: new ExcerptCollector()
    };
}
function appendLog(step, line) {
    step.excerpt.push(line);
    step.logs.push(line);
    if (step.logs.length > KEEP_LOG_LINES)
        step.logs.shift();
}
function parseProgress(lines) {
    const reader = new ProgressReader();
    for (const line of lines)
        reader.push(line);
    return reader;
}
/**
 * The Dockerfile step that failed, or the first failed vertex of any kind. A cache import that
 * found nothing is not a failure: BuildKit prints it as an error and builds on without the cache.
 */
function failedStep(steps) {
    const failed = steps.filter(s => s.error !== null && !isCacheImport(s));
    return failed.find(s => s.dockerfileStep) ?? failed[0];
}
function isCacheImport(step) {
    return /^importing cache manifest from /.test(step.name);
}
/**
 * A cache that does not exist yet shows in the build log as `ERROR: …:buildcache-tester: not
 * found`, which reads like a failure. Say what it is. Pure.
 */
function missingCacheNotes(steps) {
    return steps
        .filter(s => isCacheImport(s) && s.error !== null && /not found|unknown|does not exist/i.test(s.error))
        .map(s => `no cache at ${s.name.slice('importing cache manifest from '.length)} yet: expected on the first run with this cache (a run that pushes writes it); the "not found" above is not an error`);
}
/** Seconds the Dockerfile steps of each stage ran, from BuildKit's `DONE 1.2s` lines. Pure. */
function stageSeconds(steps) {
    const seconds = {};
    for (const step of steps) {
        if (!step.dockerfileStep || step.cached || step.seconds === null || step.stage === null)
            continue;
        seconds[step.stage] = (seconds[step.stage] ?? 0) + step.seconds;
    }
    return seconds;
}
/** How many Dockerfile steps ran and how many were cache hits, per stage, in order of first appearance. */
/**
 * The Dockerfile steps that ran (not cached), named as BuildKit names them (`builder 2/3 RUN make`).
 * Two concurrent builds on one builder that both report a step as run shared one solve of it. Pure.
 */
function ranStepKeys(steps) {
    return [...dockerfileSteps(steps)].filter(([, step]) => step.ran).map(([key]) => key);
}
/**
 * Each Dockerfile step once, by its name: BuildKit can report a step twice in one build (a
 * concurrent build on the same builder shared its solve, engine 26 shows both vertices). Ran when
 * any report of it ran. FROM is no step of the user's.
 */
function dockerfileSteps(steps) {
    const byKey = new Map();
    for (const step of steps) {
        if (!step.dockerfileStep || /^FROM /i.test(step.name))
            continue;
        const key = `${step.stage ?? ''} ${step.index}/${step.total} ${step.name}`;
        const entry = byKey.get(key) ?? { stage: step.stage, ran: false, cached: false };
        if (step.cached)
            entry.cached = true;
        else if (step.done || step.error !== null)
            entry.ran = true;
        byKey.set(key, entry);
    }
    return byKey;
}
function countSteps(steps) {
    const counts = new Map();
    for (const step of dockerfileSteps(steps).values()) {
        let entry = counts.get(step.stage);
        if (!entry) {
            entry = { stage: step.stage, ran: 0, cached: 0 };
            counts.set(step.stage, entry);
        }
        if (step.ran)
            entry.ran++;
        else if (step.cached)
            entry.cached++;
    }
    return [...counts.values()];
}

;// CONCATENATED MODULE: ./src/engine/run-build.ts










/** Lines of output shown with a failure, in the log and the summary. */
const FAILURE_LINES = 50;
/** Runs one `docker build` of one target and reads what happened from its plain progress output. */
async function runBuild(ctx, role, stage, base, cache, 
/** Stops the build (the runtime build, once the tests failed). */
signal) {
    const iidFile = external_node_path_default().join(ctx.workDir, `${role}.iid`);
    const metadataFile = external_node_path_default().join(ctx.workDir, `${role}.metadata.json`);
    const request = {
        ...base,
        // --target takes names only; an unnamed stage can only be the runtime as the last stage.
        target: stage.name ?? '',
        iidFile,
        metadataFile: ctx.builder.kind === 'buildx' ? metadataFile : undefined,
        localOnly: role === 'tester',
        cacheFrom: cache.cacheFrom,
        cacheTo: cache.cacheTo,
        inlineCache: cache.inlineCache
    };
    const command = buildCommand(request, ctx.builder.kind, ctx.features);
    // Logged as typed (`docker buildx build …`); run as docker would run it (src/engine/plugin.ts).
    const call = (0,engine_plugin/* dockerCall */.tq)(ctx.builder.client, ctx.builder.buildxPlugin, command.args);
    const started = performance.now();
    const title = `Build the ${role} stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}"`;
    const attempts = ENGINE_FAULT_RETRIES + 1;
    // The steps of the attempts the engine failed.
    const failed = [];
    let steps;
    let result;
    for (let attempt = 1;; attempt++) {
        const reader = new ProgressReader();
        result = await ctx.host.group(attempt === 1 ? title : `${title} again (attempt ${attempt})`, async () => {
            ctx.host.info(`${ctx.builder.client} ${command.args.join(' ')}`);
            // Build steps run the pull request's code: their output must not speak for the action.
            return ctx.host.untrusted(emit => (0,engine_docker.run)(call.command, call.args, {
                env: { ...call.env, ...command.env, ...cache.env },
                captureStdout: false,
                signal,
                onLine: line => {
                    reader.push(line);
                    if (ctx.host.streamBuildLog)
                        emit(line);
                }
            }));
        });
        steps = reader.steps();
        if (result.exitCode === 0 || signal?.aborted || attempt === attempts)
            break;
        const fault = engineFault(failedStep(steps), result.tail);
        if (!fault)
            break;
        ctx.host.warning(engineFaultWarning(`${role} build`, fault, attempt + 1, attempts));
        failed.push(steps);
    }
    const seconds = (performance.now() - started) / 1000;
    const attemptsSteps = stepsAcrossAttempts(failed, steps);
    const outcome = {
        role,
        stage,
        ok: result.exitCode === 0,
        seconds,
        counts: countSteps(attemptsSteps),
        ranSteps: ranStepKeys(attemptsSteps),
        stageSeconds: stageSeconds(attemptsSteps),
        imageId: null,
        digest: null,
        metadata: null,
        failure: null
    };
    for (const note of missingCacheNotes(steps)) {
        if (ctx.shownNotes?.has(note))
            continue;
        ctx.shownNotes?.add(note);
        ctx.host.info(`Cache: ${note}.`);
    }
    if (!outcome.ok && signal?.aborted) {
        outcome.cancelled = true;
        return outcome;
    }
    if (!outcome.ok) {
        const step = failedStep(steps);
        outcome.failure = {
            ...classifyFailure({
                step,
                graph: ctx.graph,
                target: stage,
                testStage: ctx.testStage,
                trailer: result.tail,
                exitCode: result.exitCode
            }),
            output: failureOutput(step, result.tail, FAILURE_LINES)
        };
        return outcome;
    }
    const iid = (await (0,promises_.readFile)(iidFile, 'utf8').catch(() => '')).trim() || null;
    if (request.metadataFile) {
        outcome.metadata = parseMetadata(await (0,promises_.readFile)(request.metadataFile, 'utf8').catch(() => ''));
        outcome.digest = digestFromMetadata(outcome.metadata);
    }
    // One meaning on every path: the image ID is the config digest (`docker images` shows it on
    // the classic store; on the containerd store the iidfile holds the manifest or index digest).
    outcome.imageId = configDigestFromMetadata(outcome.metadata) ?? iid;
    // Stored in the engine (classic builds always; buildx when loaded): the ID it goes by there.
    if (ctx.builder.kind !== 'buildx' || request.load)
        outcome.localId = await storedImageId(ctx.builder.client, ctx.engineApi ?? null, [iid, outcome.digest]);
    return outcome;
}
/** buildx's metadata file as JSON, or null. */
function parseMetadata(json) {
    try {
        const value = JSON.parse(json);
        return typeof value === 'object' && value !== null && !Array.isArray(value)
            ? value
            : null;
    }
    catch {
        return null;
    }
}
function sha256Field(metadata, field) {
    const value = metadata?.[field];
    return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value) ? value : null;
}
/** The image config's digest (`containerimage.config.digest`): build-push-action's `imageid`. */
function configDigestFromMetadata(metadata) {
    return sha256Field(metadata, 'containerimage.config.digest');
}
/** buildx's metadata file carries the image's manifest (or index) digest as `containerimage.digest`. */
function digestFromMetadata(metadata) {
    return sha256Field(metadata, 'containerimage.digest');
}
/** `docker push` prints `<tag>: digest: sha256:… size: N` at the end. */
function digestFromPushOutput(output) {
    const match = /digest: (sha256:[0-9a-f]{64})/.exec(output);
    return match ? (match[1] ?? null) : null;
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(9800);
;// CONCATENATED MODULE: ./src/gate/junit.ts
// JUnit XML reports: counts and failing cases for the report, and annotations that point at the
// failing lines. Checked against files that each common reporter really wrote (see
// __tests__/fixtures/junit/README.md): jest-junit, vitest, mocha-junit-reporter, node:test,
// pytest (xunit1 and xunit2), go-junit-report, gotestsum and Maven Surefire.
// Reports come from the tests, so they are untrusted: read as a stream by a SAX parser (bounded
// memory for any size), no DTD and no entity is ever expanded, and a file that cannot be read
// safely is skipped with a warning instead of stopping the run.




/** A test report that cannot be read: not XML at all, unsafe XML, or XML that is not a JUnit report. */
class JUnitReportError extends errors/* UserError */.y {
    file;
    reason;
    constructor(file, reason, detail) {
        super(`Test report ${file}: ${detail}`);
        this.file = file;
        this.reason = reason;
        this.name = 'JUnitReportError';
    }
}
const SKIPPED_STATUS = new Set(['skipped', 'disabled', 'notrun', 'ignored']);
const MAX_MESSAGE = 1000;
/** Failure text kept per case: enough for the message and the first stack frames. */
const MAX_FAILURE_TEXT = 16 * 1024;
const MAX_FAILURES_KEPT = 1000;
/** Real reports nest a few levels (suites in suites); thousands of levels are an attack or a bug. */
const MAX_DEPTH = 200;
/** Larger files are skipped with a warning: reading one takes long even when streamed. */
const MAX_REPORT_BYTES = 1024 * 1024 * 1024;
// Characters XML 1.0 forbids (NUL and C0 controls but tab, LF, CR; U+FFFE/U+FFFF): tests print them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPE_SYMBOL = '\u241B';
/**
 * A JUnit report read piece by piece: `write` text as it arrives, `end` for the result. Throws
 * JUnitReportError for XML that is invalid, unsafe (a DTD, too deep) or not a JUnit report.
 */
class JUnitReader {
    source;
    parser = new saxes/* SaxesParser */.wT({ position: true });
    depth = 0;
    root;
    suites = [];
    testcase;
    counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    leafCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    topLevelDeclared = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    topLevelSeconds;
    failures = [];
    failuresOmitted = 0;
    replaced = 0;
    constructor(source) {
        this.source = source;
        const p = this.parser;
        p.on('error', error => {
            throw new JUnitReportError(source, 'invalid-xml', `not valid XML (${error.message.replace(/\.$/, '')}). Is it a JUnit XML report?`);
        });
        p.on('doctype', () => {
            throw new JUnitReportError(source, 'unsafe', 'declares a DTD (<!DOCTYPE …>), which JUnit reports never do; its entities are not expanded and the file is skipped.');
        });
        p.on('opentag', tag => this.open(tag.name, tag.attributes, tag.isSelfClosing));
        p.on('closetag', tag => this.close(tag.name));
        p.on('text', text => this.text(text));
        p.on('cdata', text => this.text(text));
    }
    write(chunk) {
        const clean = chunk.replace(FORBIDDEN_CHARS, char => {
            // ESC starts the ANSI colours reporters copy from the console: kept visible, stripped later.
            if (char === '\u001b')
                return ESCAPE_SYMBOL;
            this.replaced++;
            return '\uFFFD';
        });
        this.parser.write(clean);
    }
    /** Counts invalid UTF-8 sequences the caller replaced while decoding, for the warning. */
    noteInvalidBytes(count) {
        this.replaced += count;
    }
    end() {
        this.parser.close();
        if (!this.root) {
            throw new JUnitReportError(this.source, 'invalid-xml', 'not valid XML (no root element). Is it a JUnit XML report?');
        }
        return this.result();
    }
    open(name, attrs, _selfClosing) {
        this.depth++;
        if (this.depth > MAX_DEPTH) {
            throw new JUnitReportError(this.source, 'unsafe', `elements are nested more than ${MAX_DEPTH} levels deep; no test reporter writes that, so the file is skipped.`);
        }
        if (!this.root) {
            if (name !== 'testsuites' && name !== 'testsuite') {
                throw new JUnitReportError(this.source, 'not-junit', `root element is <${name}>, not <testsuites> or <testsuite>.`);
            }
            this.root = { name, attrs };
            if (name === 'testsuite')
                this.openSuite(attrs);
            return;
        }
        const current = this.testcase;
        if (current) {
            // Only the case's own result elements count; Surefire's flakyFailure/rerunFailure (a test that
            // passed on a rerun) and system-out do not.
            if (this.depth === current.depth + 1) {
                // A failure and an error on one case count once, as a failure.
                if ((name === 'failure' || name === 'error') &&
                    (!current.kind || (name === 'failure' && current.kind === 'error'))) {
                    current.kind = name;
                    current.failureAttrs = attrs;
                    current.text = '';
                    current.textDepth = this.depth;
                }
                else if (name === 'skipped') {
                    current.skipped = true;
                }
            }
            return;
        }
        if (name === 'testsuite') {
            if (this.depth === 2)
                this.declareTopLevel(attrs);
            const parent = this.suites.at(-1);
            if (parent)
                parent.hasChildSuite = true;
            this.openSuite(attrs);
        }
        else if (name === 'testcase') {
            if (this.depth === 2)
                this.addTopLevelSeconds(attrs);
            this.testcase = {
                attrs,
                suite: this.suites.at(-1),
                depth: this.depth,
                skipped: false,
                failureAttrs: {},
                text: ''
            };
        }
    }
    openSuite(attrs) {
        this.suites.push({ attrs, depth: this.depth, hasChildSuite: false });
    }
    close(name) {
        const current = this.testcase;
        if (current) {
            if (current.textDepth === this.depth)
                current.textDepth = undefined;
            if (this.depth === current.depth && name === 'testcase') {
                this.finishCase(current);
                this.testcase = undefined;
            }
        }
        else {
            const suite = this.suites.at(-1);
            if (suite && suite.depth === this.depth && name === 'testsuite') {
                this.suites.pop();
                if (!suite.hasChildSuite)
                    addDeclared(this.leafCounts, suite.attrs);
            }
        }
        this.depth--;
    }
    text(text) {
        const current = this.testcase;
        if (current?.textDepth === undefined || current.text.length >= MAX_FAILURE_TEXT)
            return;
        current.text += text.slice(0, MAX_FAILURE_TEXT - current.text.length);
    }
    finishCase(testcase) {
        this.counts.tests++;
        if (testcase.kind) {
            this.counts[testcase.kind === 'failure' ? 'failed' : 'errors']++;
            if (this.failures.length < MAX_FAILURES_KEPT) {
                this.failures.push(describeFailure(testcase.attrs, testcase.suite?.attrs ?? {}, testcase.failureAttrs, testcase.text, testcase.kind));
            }
            else {
                this.failuresOmitted++;
            }
        }
        else if (testcase.skipped || SKIPPED_STATUS.has(testcase.attrs.status?.toLowerCase() ?? '')) {
            this.counts.skipped++;
        }
        else {
            this.counts.passed++;
        }
    }
    declareTopLevel(attrs) {
        addDeclared(this.topLevelDeclared, attrs);
        this.addTopLevelSeconds(attrs);
    }
    addTopLevelSeconds(attrs) {
        const seconds = seconds_(attrs.time);
        if (seconds !== undefined)
            this.topLevelSeconds = (this.topLevelSeconds ?? 0) + seconds;
    }
    result() {
        const root = this.root;
        const warnings = [];
        if (this.replaced > 0) {
            warnings.push(`Test report ${this.source}: ${this.replaced} bytes or characters that XML does not allow (invalid UTF-8, NUL or control characters) were replaced with \uFFFD.`);
        }
        const rootSeconds = seconds_(root.attrs.time);
        const seconds = rootSeconds ?? (root.name === 'testsuites' ? this.topLevelSeconds : undefined);
        const base = { failures: this.failures, failuresOmitted: this.failuresOmitted, warnings };
        if (seconds !== undefined)
            Object.assign(base, { seconds });
        if (this.counts.tests === 0) {
            // Only counts are given (or nothing ran): trust the innermost suites' attributes, else the root's.
            const declared = this.leafCounts.tests + this.leafCounts.failed + this.leafCounts.errors > 0
                ? this.leafCounts
                : addDeclared({ tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, root.attrs);
            return { ...withPassed(declared), ...base };
        }
        const declared = reconcileDeclared(root.attrs, this.topLevelDeclared);
        const counts = reconcileCounts(this.counts, declared);
        const unlisted = counts.failed - this.counts.failed + counts.errors - this.counts.errors;
        if (unlisted > 0) {
            warnings.push(`Test report ${this.source}: records ${unlisted} failing ${unlisted === 1 ? 'test or error' : 'tests or errors'} that no <testcase> lists (a package or suite that did not build or load); counted as failed.`);
        }
        return { ...counts, ...base };
    }
}
/** Counts and failing cases of one JUnit report given as text; `source` names the file in errors. */
function parseJUnit(xml, source) {
    const reader = new JUnitReader(source);
    reader.write(xml);
    return reader.end();
}
/**
 * Reads one report file as a stream: memory stays bounded whatever its size, invalid UTF-8 is
 * replaced (and counted in a warning). Throws JUnitReportError when it cannot be read safely.
 */
async function readJUnitFile(file, source, maxBytes = MAX_REPORT_BYTES) {
    const { size } = await (0,promises_.stat)(file);
    if (size > maxBytes) {
        throw new JUnitReportError(source, 'too-large', `${(size / 1024 / 1024).toFixed(0)} MiB is more than the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB a report may have; skipped.`);
    }
    const reader = new JUnitReader(source);
    const decoder = new TextDecoder('utf-8');
    let tail = Buffer.alloc(0);
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: 1024 * 1024 })) {
        const text = decoder.decode(chunk, { stream: true });
        reader.noteInvalidBytes(invalidSequences(text, Buffer.concat([tail, chunk])));
        tail = chunk.subarray(Math.max(0, chunk.length - 2));
        reader.write(text);
    }
    reader.write(decoder.decode());
    return reader.end();
}
/** Replacement characters the decoder produced beyond those really written as U+FFFD (EF BF BD). */
function invalidSequences(decoded, bytes) {
    let produced = 0;
    for (let i = decoded.indexOf('\uFFFD'); i !== -1; i = decoded.indexOf('\uFFFD', i + 1))
        produced++;
    if (produced === 0)
        return 0;
    let written = 0;
    const marker = Buffer.from([0xef, 0xbf, 0xbd]);
    for (let i = bytes.indexOf(marker); i !== -1; i = bytes.indexOf(marker, i + 1))
        written++;
    return Math.max(0, produced - written);
}
/** Per count, the larger of the root's attribute and the sum over the top-level suites. */
function reconcileDeclared(rootAttrs, topLevel) {
    const root = addDeclared({ tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, rootAttrs);
    return {
        tests: Math.max(root.tests, topLevel.tests),
        passed: 0,
        failed: Math.max(root.failed, topLevel.failed),
        errors: Math.max(root.errors, topLevel.errors),
        skipped: Math.max(root.skipped, topLevel.skipped)
    };
}
/**
 * Counts from the listed test cases, raised to what the report declares: some reporters record
 * results without a <testcase> (mocha-junit-reporter leaves out skipped tests, gotestsum a package
 * that did not build). A recorded failure always counts.
 */
function reconcileCounts(listed, declared) {
    const failed = Math.max(listed.failed, declared.failed);
    const errors = Math.max(listed.errors, declared.errors);
    const skipped = Math.max(listed.skipped, declared.skipped);
    return { tests: listed.passed + failed + errors + skipped, passed: listed.passed, failed, errors, skipped };
}
function addDeclared(into, attrs) {
    into.tests += junit_int(attrs.tests);
    into.failed += junit_int(attrs.failures);
    into.errors += junit_int(attrs.errors);
    into.skipped += junit_int(attrs.skipped) + junit_int(attrs.disabled);
    return into;
}
function withPassed(counts) {
    return { ...counts, passed: Math.max(0, counts.tests - counts.failed - counts.errors - counts.skipped) };
}
function seconds_(value) {
    if (value === undefined || value.trim() === '')
        return undefined;
    const n = Number(value.replace(/,/g, ''));
    return Number.isFinite(n) && n >= 0 ? n : undefined;
}
function describeFailure(testcase, suite, failure, rawText, kind) {
    const text = stripAnsi(rawText);
    const message = failure.message?.trim() || firstLines(text) || undefined;
    const result = { name: testcase.name?.trim() || '(unnamed test)', kind };
    const classname = testcase.classname?.trim();
    if (classname)
        result.classname = classname;
    if (message)
        result.message = clip(stripAnsi(message), MAX_MESSAGE);
    const fromText = locationIn(text, classname);
    const file = testcase.file || suite.file;
    let line = junit_int(testcase.line, NaN);
    // pytest (xunit1) writes the 0-based line of the test's `def`.
    if (!Number.isNaN(line) && suite.name === 'pytest')
        line += 1;
    if (file) {
        result.file = cleanPath(file);
        // The failing line inside the same file is more precise than where the test starts.
        if (fromText && sameFile(fromText.file, result.file))
            line = fromText.line;
        if (Number.isInteger(line) && line > 0)
            result.line = line;
    }
    else if (fromText) {
        result.file = fromText.file;
        result.line = fromText.line;
    }
    return detachStrings(result);
}
/**
 * Copies of the kept strings: the parser's strings are slices of the 1 MiB chunk they came from,
 * and V8 keeps a whole chunk alive for each slice, so 1000 kept failures could hold 1000 chunks.
 */
function detachStrings(failure) {
    const copy = (text) => Buffer.from(text, 'utf8').toString('utf8');
    const out = { ...failure, name: copy(failure.name) };
    if (failure.classname)
        out.classname = copy(failure.classname);
    if (failure.message)
        out.message = copy(failure.message);
    if (failure.file)
        out.file = copy(failure.file);
    return out;
}
const LOCATION = /(?:^|[\s("'[=])((?:file:\/\/)?[A-Za-z0-9_.@/\\-]*[A-Za-z0-9_-]\.[A-Za-z][A-Za-z0-9]{0,5}):(\d+)/gm;
/**
 * The first `path:line` in failure text that is not a dependency or a runtime internal. With a
 * classname (`com.acme.PriceTest`), a frame in that class's file (`PriceTest.java:27`) wins over
 * earlier library frames such as an assertion helper's.
 */
function locationIn(text, classname) {
    const found = [];
    for (const match of text.matchAll(LOCATION)) {
        const file = cleanPath(match[1] ?? '');
        const line = Number(match[2]);
        if (/(^|\/)node_modules\/|^node:|^internal\//.test(file) || line <= 0)
            continue;
        found.push({ file, line });
    }
    const owner = classname?.split(/[.$/]/).filter(Boolean).pop();
    const own = owner ? found.find(l => (l.file.split('/').pop() ?? '').split('.')[0] === owner) : undefined;
    return own ?? found[0];
}
function cleanPath(file) {
    return file
        .trim()
        .replace(/^file:\/\//, '')
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '');
}
function sameFile(a, b) {
    return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}
/**
 * Merges several reports. XML that is not JUnit (coverage and the like) is listed in `ignored`;
 * a report that cannot be read safely is listed in `unreadable` with a warning, never thrown.
 */
function summarizeReports(files) {
    const summary = {
        tests: 0,
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
        failures: [],
        failuresOmitted: 0,
        warnings: [],
        files: [],
        ignored: [],
        unreadable: []
    };
    for (const file of files) {
        const read = readInput(file);
        if (read instanceof JUnitReportError) {
            if (read.reason === 'not-junit')
                summary.ignored.push(file.path);
            else {
                summary.unreadable.push(file.path);
                summary.warnings.push(`${read.message} Its results are not counted.`);
            }
            continue;
        }
        summary.files.push(file.path);
        summary.tests += read.tests;
        summary.passed += read.passed;
        summary.failed += read.failed;
        summary.errors += read.errors;
        summary.skipped += read.skipped;
        const room = Math.max(0, MAX_FAILURES_KEPT - summary.failures.length);
        summary.failures.push(...read.failures.slice(0, room));
        summary.failuresOmitted += read.failuresOmitted + Math.max(0, read.failures.length - room);
        summary.warnings.push(...read.warnings);
        if (read.seconds !== undefined)
            summary.seconds = (summary.seconds ?? 0) + read.seconds;
    }
    return summary;
}
function readInput(file) {
    if ('report' in file)
        return file.report;
    if ('error' in file)
        return file.error;
    try {
        return parseJUnit(file.xml, file.path);
    }
    catch (error) {
        return asReportError(error, file.path);
    }
}
/** Any failure while reading a report, as a JUnitReportError: a bad report never stops the run. */
function asReportError(error, source) {
    if (error instanceof JUnitReportError)
        return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new JUnitReportError(source, 'invalid-xml', `could not be read (${detail}).`);
}
/**
 * GitHub shows at most 10 error annotations per step (50 per job), so the default keeps to 10:
 * the first failing cases, and when there are more, a last annotation that counts the rest.
 */
const MAX_ANNOTATIONS = 10;
function junitAnnotations(summary, limit = MAX_ANNOTATIONS) {
    const all = summary.failures;
    const omitted = summary.failuresOmitted ?? 0;
    const shown = all.length + omitted > limit ? all.slice(0, Math.max(0, limit - 1)) : all;
    const annotations = shown.map(f => {
        const who = f.classname && !f.name.includes(f.classname) ? `${f.classname} › ${f.name}` : f.name;
        const annotation = {
            title: clip(`${f.kind === 'error' ? 'Test error' : 'Test failed'}: ${who}`, 200),
            message: f.message ?? `${who} ${f.kind === 'error' ? 'raised an error' : 'failed'}.`
        };
        if (f.file)
            annotation.file = f.file;
        if (f.file && f.line)
            annotation.startLine = f.line;
        return annotation;
    });
    const rest = all.length + omitted - shown.length;
    if (rest > 0) {
        annotations.push({
            title: `${rest} more failing tests`,
            message: `${rest} more failing tests are not annotated; the job summary and the test reports list them all.`
        });
    }
    return annotations;
}
function junit_int(value, fallback = 0) {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}
function stripAnsi(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u001b\u241b]\[[0-9;]*[A-Za-z]/g, '');
}
/** The first three non-empty lines: enough to say what failed without the whole stack. */
function firstLines(text) {
    return text
        .split('\n')
        .map(l => l.trim())
        .filter(l => l !== '' && !/^at\s/.test(l))
        .slice(0, 3)
        .join('\n');
}
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/gate/run-tests.ts







/** Removes the test container and its anonymous volumes (a VOLUME of the image), as `--rm` would. */
const REMOVE = (name) => ['rm', '--force', '--volumes', name];
/** Runs `test-command` in a container of the tester image; the exit code decides. */
async function runTestCommand(host, builder, opts) {
    if (opts.reportsHostDir) {
        await (0,promises_.mkdir)(opts.reportsHostDir, { recursive: true });
        // Tests may run as a non-root USER of the image; they must be able to write their reports.
        await (0,promises_.chmod)(opts.reportsHostDir, 0o777);
    }
    const name = `stagegate-tests-${process.pid}-${Date.now()}`;
    const args = testRunCommand({ ...opts, name });
    // Cancelled meanwhile: the container goes, whatever its command does with the signal.
    const forget = (0,cancel/* onCancel */.Ao)(async () => {
        // The client may have been stopped while the engine was still creating the container, which
        // then starts after a first removal: remove it again until it has not shown up for 0.5 s.
        let absent = 0;
        for (let i = 0; i < 40 && absent < 5; i++) {
            await (0,engine_docker.run)(builder.client, REMOVE(name), { duringCancel: true });
            await new Promise(resolve => setTimeout(resolve, 100));
            const inspected = await (0,engine_docker.run)(builder.client, ['container', 'inspect', name], { duringCancel: true });
            absent = inspected.exitCode === 0 ? 0 : absent + 1;
        }
    });
    const excerpt = new ExcerptCollector();
    const started = performance.now();
    const result = await host.group('Run the tests in the tester image', async () => {
        host.info(`${builder.client} ${args.join(' ')}`);
        // The test command is the pull request's code: its output must not speak for the action.
        return host.untrusted(emit => (0,engine_docker.run)(builder.client, args, {
            captureStdout: false,
            onLine: line => {
                emit(line);
                excerpt.push(line);
            }
        }));
    });
    const seconds = (performance.now() - started) / 1000;
    // The verdict is known: the container goes beside the push. A cancel meanwhile removes it too.
    const removed = (0,engine_docker.run)(builder.client, REMOVE(name), { duringCancel: true }).then(removal => {
        forget();
        // Cancelled meanwhile: the cancel's own removal takes over, nothing to warn about.
        if ((0,cancel/* isCancelled */.mm)())
            return;
        if (removal.exitCode !== 0 && !/No such container/i.test(removal.tail.join('\n')))
            host.warning(`Could not remove the test container ${name}: ${removal.tail.slice(-1)[0] ?? ''}`);
    }, () => forget());
    return {
        exitCode: result.exitCode,
        seconds,
        tail: result.tail,
        excerpt: excerpt.excerpt().lines,
        removed
    };
}
/**
 * Copies a folder out of an image without running it (`docker create` + `docker cp`), for reports
 * that the tester stage's RUN steps wrote. Returns false when the folder is not in the image.
 */
async function copyFromImage(builder, image, containerDir, hostDir) {
    const created = await (0,engine_docker.run)(builder.client, ['create', image, '/bin/true']);
    const id = created.stdout.trim();
    if (created.exitCode !== 0 || id === '')
        return false;
    try {
        await (0,promises_.mkdir)(hostDir, { recursive: true });
        const copied = await (0,engine_docker.run)(builder.client, ['cp', `${id}:${containerDir.replace(/\/?$/, '/.')}`, hostDir]);
        return copied.exitCode === 0;
    }
    finally {
        await (0,engine_docker.run)(builder.client, ['rm', '--force', id]);
    }
}
/**
 * Every `*.xml` file below a folder (JUnit reports), each read as a stream into counts and
 * failing cases. A file that cannot be read safely comes back with its error, to be warned about;
 * symbolic links are not followed (the tests wrote this folder).
 */
async function readReportFiles(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
        .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
        .map(e => external_node_path_default().join(e.parentPath, e.name))
        .sort();
    const reports = [];
    // One at a time: memory stays that of one report, whatever their number and size.
    for (const file of files) {
        const source = external_node_path_default().relative(dir, file);
        try {
            reports.push({ path: source, report: await readJUnitFile(file, source) });
        }
        catch (error) {
            reports.push({ path: source, error: asReportError(error, source) });
        }
    }
    return reports;
}

;// CONCATENATED MODULE: ./src/gate/tests.ts

/**
 * The test outcome from what the tests left behind. The exit code decides; reports add counts
 * and failing cases, and a report that records failures fails the gate even when the command
 * exited 0 (runners that swallow their exit code).
 */
function decideTests(evidence) {
    const summary = {
        outcome: evidence.exitCode === 0 ? 'passed' : 'failed',
        mode: evidence.mode,
        failures: [],
        durationMs: evidence.durationMs
    };
    if (evidence.reports.length === 0)
        return summary;
    const junit = summarizeReports(evidence.reports);
    if (junit.warnings.length > 0)
        summary.reportWarnings = junit.warnings;
    if (junit.files.length === 0)
        return summary;
    Object.assign(summary, {
        tests: junit.tests,
        passed: junit.passed,
        failed: junit.failed,
        errors: junit.errors,
        skipped: junit.skipped,
        failures: junit.failures
    });
    if (junit.failuresOmitted > 0)
        summary.failuresOmitted = junit.failuresOmitted;
    // The reports' own clock says how long the tests took; the step's time includes image setup.
    if (junit.seconds !== undefined) {
        summary.reportSeconds = junit.seconds;
        summary.durationMs = Math.round(junit.seconds * 1000);
    }
    if (junit.failed + junit.errors > 0)
        summary.outcome = 'failed';
    return summary;
}
/** decideTests, plus the failing cases as error annotations and the report problems as warnings. */
function summarizeTests(evidence) {
    const summary = decideTests(evidence);
    // Annotations need a file of the repository or none; the summary keeps the report's own path
    // where no repository file matches, since it still tells a reader where to look.
    const located = evidence.mapFile ? mapFailureFiles(summary.failures, evidence.mapFile) : summary.failures;
    summary.failures = summary.failures.map((f, i) => (located[i]?.file ? located[i] : f));
    for (const warning of summary.reportWarnings ?? [])
        evidence.host.warning(warning);
    for (const annotation of junitAnnotations({ failures: located })) {
        evidence.host.error(annotation.message, {
            title: annotation.title,
            file: annotation.file,
            startLine: annotation.startLine
        });
    }
    return summary;
}
/**
 * Failing cases with their file as the repository names it (GitHub attaches an annotation only to
 * a file of the repository); a file that maps to none loses its location, not the failure. Pure.
 */
function mapFailureFiles(failures, mapFile) {
    return failures.map(f => {
        if (f.file === undefined)
            return f;
        const file = mapFile(f.file);
        if (file !== null)
            return { ...f, file };
        const { file: _file, line: _line, ...rest } = f;
        return rest;
    });
}

;// CONCATENATED MODULE: ./src/engine/buildx.ts
/** Name of the docker-container builder stagegate creates when the current one cannot export cache. */
const CONTAINER_BUILDER = 'stagegate';
/** `Driver: docker-container` from `docker buildx inspect` output. */
function driverFromInspect(output) {
    const match = /^Driver:\s*(\S+)/m.exec(output);
    return match ? (match[1] ?? null) : null;
}
/** The containerd image store can export cache even with the docker driver. */
function usesContainerdStore(driverStatusJson) {
    return /io\.containerd\.snapshotter/.test(driverStatusJson);
}

;// CONCATENATED MODULE: ./src/engine/setup.ts





async function inspect(builder, name, probes) {
    const [inspected, info] = await Promise.all([
        probes.run((0,engine_plugin/* dockerCall */.tq)(builder.client, builder.buildxPlugin, (0,engine_docker.buildxInspectArgs)(name))),
        probes.driverStatus(builder.client)
    ]);
    const driver = inspected.exitCode === 0 ? driverFromInspect(inspected.stdout) : null;
    const buildkitVersion = (inspected.exitCode === 0 ? buildkitVersionFromInspect(inspected.stdout) : null) ??
        (driver === 'docker' ? engineBuildkitVersion(builder.serverVersion ?? null) : null);
    return { driver, containerdStore: usesContainerdStore(info), buildkitVersion };
}
function describe(facts, caps, builder) {
    return {
        buildxVersion: builder.buildxVersion,
        buildkitVersion: facts.buildkitVersion,
        attestations: attestationSupport(facts.driver, facts.containerdStore)
    };
}
/**
 * Inspects the builder and, when cache export is wanted but its driver cannot export, creates a
 * docker-container builder and checks that it boots. A builder that cannot boot (its BuildKit
 * image cannot be pulled: rate limits, air-gapped or unprivileged runners) is removed with a
 * warning, and the run goes on with the current builder without cache export.
 */
async function prepareBuilder(host, builder, opts, probes = new engine_docker.Probes()) {
    if (builder.kind !== 'buildx') {
        const caps = capabilitiesOf({
            kind: builder.kind,
            buildxVersion: null,
            driver: null,
            containerdStore: false
        });
        return {
            name: '',
            capabilities: caps,
            features: {
                buildxVersion: null,
                buildkitVersion: builder.kind === 'buildkit' ? engineBuildkitVersion(builder.serverVersion ?? null) : null,
                attestations: false
            },
            created: null
        };
    }
    const facts = await inspect(builder, opts.name, probes);
    const caps = capabilitiesOf({ kind: 'buildx', buildxVersion: builder.buildxVersion, ...facts });
    const current = {
        name: opts.name,
        capabilities: caps,
        features: describe(facts, caps, builder),
        created: null
    };
    host.info(`buildx ${builder.buildxVersion ?? '?'}, driver ${facts.driver ?? 'unknown'}${facts.containerdStore ? ' (containerd image store)' : ''}, BuildKit ${facts.buildkitVersion ?? 'unknown'}.`);
    if (!opts.exportsCache || caps.cacheExport)
        return current;
    if (!opts.createBuilder) {
        host.info(`Cache: the buildx builder (driver ${facts.driver}) cannot export ${opts.cacheMode} cache: cache is read, not written (create-builder: false).`);
        return current;
    }
    const created = await createContainerBuilder(host, builder);
    if (!created)
        return { ...current, fellBack: true };
    // Removed at the end of the job (the post step), as setup-buildx-action does, unless kept.
    host.saveState?.(CREATED_BUILDER_STATE, JSON.stringify({ client: builder.client, name: created }));
    // Asked anew: an early probe of that name may predate the builder.
    const createdFacts = await inspect(builder, created, new engine_docker.Probes());
    const createdCaps = capabilitiesOf({
        kind: 'buildx',
        buildxVersion: builder.buildxVersion,
        ...createdFacts
    });
    host.info(`The buildx builder uses the docker driver, which cannot export ${opts.cacheMode} cache: using the docker-container builder "${created}" (set create-builder: false to keep yours).`);
    return {
        name: created,
        capabilities: createdCaps,
        features: describe(createdFacts, createdCaps, builder),
        created
    };
}
/** Creates the docker-container builder and boots it; on failure removes it and says why. */
async function createContainerBuilder(host, builder) {
    const buildx = (args, options = {}) => {
        const call = (0,engine_plugin/* dockerCall */.tq)(builder.client, builder.buildxPlugin, args);
        return (0,engine_docker.run)(call.command, call.args, { ...options, env: { ...options.env, ...call.env } });
    };
    const existing = await buildx(['buildx', 'inspect', CONTAINER_BUILDER]);
    if (existing.exitCode !== 0) {
        const created = await buildx([
            'buildx',
            'create',
            '--name',
            CONTAINER_BUILDER,
            '--driver',
            'docker-container'
        ]);
        if (created.exitCode !== 0) {
            host.warning(`Could not create a docker-container builder for cache export (${lastLine(created.tail)}); building with the current builder, without cache export.`);
            return null;
        }
    }
    const booted = await host.group(`Start the buildx builder "${CONTAINER_BUILDER}"`, () => buildx(['buildx', 'inspect', '--bootstrap', CONTAINER_BUILDER], {
        onLine: line => host.info(line)
    }));
    if (booted.exitCode === 0)
        return CONTAINER_BUILDER;
    await buildx(['buildx', 'rm', CONTAINER_BUILDER]);
    host.warning(`The docker-container builder "${CONTAINER_BUILDER}" could not start (${lastLine(booted.tail)}), so it was removed; building with the current builder, without cache export.`);
    return null;
}
/** The state key under which a created builder is kept for the end of the job. */
const CREATED_BUILDER_STATE = 'created-builder';
/**
 * Removes the builder this run created, unless `keep-builder` is set. Runs at the end of the job:
 * the action's post step, or the end of `stagegate run`.
 */
async function cleanupBuilder(log, state, keep) {
    if (!state)
        return;
    let created;
    try {
        created = JSON.parse(state);
    }
    catch {
        return;
    }
    if (keep) {
        log.info(`Keeping the buildx builder "${created.name}" (keep-builder: true).`);
        return;
    }
    const removed = await (0,engine_docker.run)(created.client, ['buildx', 'rm', created.name]);
    if (removed.exitCode === 0)
        log.info(`Removed the buildx builder "${created.name}" this run created.`);
    else
        log.warning(`Could not remove the buildx builder "${created.name}": ${lastLine(removed.tail)}`);
}
function lastLine(lines) {
    return (lines
        .filter(l => l.trim() !== '')
        .slice(-1)[0]
        ?.trim() ?? 'no output');
}

;// CONCATENATED MODULE: ./src/host.ts
/** Prints a heading, then lines of untrusted output (e.g. the last lines of a failing step). */
async function echoUntrusted(host, heading, lines) {
    host.info(heading);
    await host.untrusted(async (emit) => lines.forEach(line => emit(line)));
}

;// CONCATENATED MODULE: ./src/run-setup.ts














const targetOf = (stage) => stage.name ?? String(stage.index);
async function prepareRun(host, inputs, stage, timeline, secretFiles) {
    const { graph, plan, builder, workDir } = stage;
    const imageName = imageNameOf(inputs.tags, stage.context);
    const targets = [plan.tester, plan.runtime].filter(s => s !== null).map(targetOf);
    let cacheMode = resolveCacheMode({
        mode: inputs.cache,
        builder: builder.kind,
        env: host.env,
        cacheRef: inputs.cacheRef
    });
    const prepared = await prepareBuilder(host, builder, {
        name: inputs.builder,
        exportsCache: cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0,
        createBuilder: inputs.createBuilder,
        cacheMode
    }, stage.probes);
    const caps = prepared.capabilities;
    const gha = ghaSupport({
        mode: cacheMode,
        requested: inputs.cache,
        caps,
        buildxVersion: builder.buildxVersion
    });
    // After a builder fallback (already a warning) the missing gha export is no news.
    if (gha.warning)
        (prepared.fellBack ? host.info : host.warning)(gha.warning);
    cacheMode = gha.mode;
    host.info(`Cache: ${cacheMode}${inputs.cache === 'auto' ? ' (auto)' : ''}.`);
    const options = buildOptions(inputs, await readProvenanceContext(host.env));
    // In RUN-step mode the tester stage's own steps are the tests; with test-command they only prepare.
    const testStage = plan.tester && !inputs.testCommand ? plan.tester : null;
    const ctx = {
        host,
        builder,
        graph,
        workDir,
        testStage,
        features: prepared.features,
        engineApi: (0,api/* engineSocket */.I6)(host.env),
        shownNotes: new Set()
    };
    const base = {
        context: stage.context,
        file: stage.file,
        tags: [],
        labels: inputs.labels,
        buildArgs: inputs.buildArgs,
        secretFiles,
        platforms: inputs.platforms,
        network: inputs.network,
        noCache: inputs.noCache,
        pull: inputs.pull,
        push: false,
        load: false,
        builder: prepared.name || undefined,
        ...options.shared
    };
    // Anything the builder cannot do stops the run here, before the first build.
    checkSupport({ ...base, ...options.runtime, target: '', iidFile: '', cacheFrom: [], cacheTo: [], inlineCache: false }, builder.kind, prepared.features);
    const shownNotes = new Set();
    const cacheFor = (target) => {
        const cache = planCache({
            mode: cacheMode,
            builder: builder.kind,
            env: host.env,
            imageName,
            target,
            targets,
            cacheRef: inputs.cacheRef,
            cacheFrom: inputs.cacheFrom,
            cacheTo: inputs.cacheTo,
            canExport: caps.cacheExport
        });
        for (const note of cache.notes) {
            if (!shownNotes.has(note))
                host.info(`Cache: ${note}.`);
            shownNotes.add(note);
        }
        return cache;
    };
    const result = {
        testOutcome: 'skipped',
        tests: { outcome: 'skipped', mode: 'none', failures: [] },
        imageId: null,
        digest: null,
        tags: inputs.tags,
        pushed: false,
        builds: [],
        testerImage: null,
        reportOutputs: {},
        secretValues: stage.secretValues,
        buildxMetadata: null,
        createdBuilder: prepared.created
    };
    const runtimeTarget = targetOf(plan.runtime);
    const setup = {
        ...stage,
        host,
        inputs,
        ctx,
        base,
        runtimeExtra: options.runtime,
        capabilities: caps,
        cacheMode,
        cacheFor,
        imageName,
        runtimeTarget,
        testerTarget: plan.tester ? targetOf(plan.tester) : null,
        commentKey: commentKeyOf(stage.report, imageName, runtimeTarget),
        stagesByRole: {
            tester: plan.testerStages.map(dockerfile/* stageLabel */.Hn),
            runtime: plan.runtimeStages.map(dockerfile/* stageLabel */.Hn)
        },
        result,
        timeline,
        localFacts: localFactsReader(builder.client, ctx.engineApi),
        pending: [],
        fail: (kind, message, output, where) => showFailure(setup, kind, message, output, where),
        buildFailed: (build, failed) => {
            const failure = build.failure ?? unknownFailure(failed);
            // Only the tester's own steps can fail "the tests"; the runtime's never are the tests.
            const kind = failure.kind === 'tests' && build.role !== 'tester' ? 'build' : failure.kind;
            return showFailure(setup, kind, failure.message, failure.output, failure);
        }
    };
    return setup;
}
// A failure is shown where people look: the log (annotated by the caller), the job summary, the
// `report` output and the pull request comment.
async function showFailure(run, kind, message, output, where) {
    const { host, result } = run;
    result.failure = kind;
    host.error(message, {
        title: FAILURE_TITLES[kind],
        ...(where?.line ? { file: run.graph.file, startLine: where.line } : {})
    });
    if (output.length > 0)
        await echoUntrusted(host, 'Output of what failed:', output);
    const markdown = await publishFailure({
        host,
        report: run.report,
        run: run.run,
        imageName: run.imageName,
        target: run.runtimeTarget,
        builder: run.builder.kind,
        builds: result.builds,
        stagesByRole: run.stagesByRole,
        tests: result.tests,
        check: run.check,
        secretValues: run.secretValues
    }, { kind, message, output });
    result.reportOutputs = { report: markdown };
    throw new PipelineFailure(message, result, kind);
}

;// CONCATENATED MODULE: ./src/report/phase.ts
// The report phase: measure the image, check the budgets (before the push when there are any),
// compare with the baseline, publish (log, job summary, `report` output, pull request comment),
// record the baseline.



function reportRequest(run, runtime, pushedRef, localId = null) {
    const { result } = run;
    return {
        host: run.host,
        report: run.report,
        run: run.run,
        builder: run.builder,
        imageName: run.imageName,
        target: run.runtimeTarget,
        tags: run.inputs.tags,
        pushedRef,
        ociLayoutDir: runtime.ociLayoutDir,
        localImage: runtime.outputs.load ? result.imageId : null,
        localId,
        testerImage: result.testerImage,
        testerTarget: run.testerTarget,
        tests: result.tests,
        secretValues: run.secretValues,
        check: run.check,
        localFacts: run.localFacts
    };
}
/**
 * Once the gate passed and the runtime is built, the engine's facts about both images (inspect,
 * history) are read while the push runs, not after it: the measurement then only waits for the
 * registry.
 */
function measureAhead(run, runtime, pushedAsLoaded) {
    const { result, inputs } = run;
    const read = (reference) => void run.pending.push(run.localFacts(reference));
    if (result.testerImage)
        read(result.testerImage);
    // The registry's or the OCI layout's measurement reads them; `docker save`'s reads its own.
    const measured = inputs.push
        ? pushedLocalImage(run, runtime, pushedAsLoaded)
        : runtime.ociLayoutDir
            ? result.imageId
            : null;
    if (runtime.outputs.load && measured)
        read(measured);
}
/**
 * The pushed image in the engine, read before the push: where `docker push` ships the image the
 * runtime build stored, by that image's ID, which another job cannot move as it can a tag (the
 * tag, when the ID is unknown); null after a re-export with `--push`, which may store the tag anew
 * (annotations, attestations of the push).
 */
function pushedLocalImage(run, runtime, pushedAsLoaded) {
    const pushesStored = run.builder.kind !== 'buildx' || pushedAsLoaded;
    return pushesStored ? (runtime.build.localId ?? run.inputs.tags[0] ?? null) : null;
}
const budgeted = (run) => run.report.maxSize !== null || run.report.maxIncrease !== null;
/**
 * Before the push: the built image measured and its budgets checked, when a budget must pass
 * first or nothing will be pushed (the report then measures this image). Over budget: nothing is
 * pushed, the report is written, no baseline is recorded, the run fails.
 */
async function assessBeforePush(run, runtime) {
    const { host, inputs, result } = run;
    if (inputs.push && !budgeted(run))
        return null;
    let assessment;
    try {
        assessment = await run.timeline.time('Measure', () => assessImage(reportRequest(run, runtime, null)));
    }
    catch (error) {
        if (inputs.push)
            return run.fail('builder', `The image could not be measured, so the size budgets cannot be checked and nothing was pushed: ${error.message}`, []);
        host.warning(`The size report could not be made: ${error.message}`);
        return null;
    }
    result.imageId = configDigestOf(assessment.measurement) ?? result.imageId;
    if (inputs.push && assessment.budgets.violations.length > 0) {
        await summarizeBuilds(run, 'a size budget rejected the image');
        const outcome = await publishReport(reportRequest(run, runtime, null), assessment, { record: false });
        return overBudget(run, outcome, true);
    }
    return assessment;
}
/** Measured from the registry once pushed (what a pull downloads), compared, published, recorded. */
async function reportPhase(run, runtime, before, pushedAsLoaded) {
    const { host, result } = run;
    try {
        const pushedRef = result.pushed ? (run.inputs.tags[0] ?? null) : null;
        const local = pushedRef && runtime.outputs.load ? pushedLocalImage(run, runtime, pushedAsLoaded) : null;
        const request = reportRequest(run, runtime, pushedRef, local);
        const assessment = pushedRef || !before
            ? await run.timeline.time('Measure', () => assessImage(request, before ?? undefined))
            : before;
        // The measurement read the image config: its digest is the image ID on every path (the
        // containerd store names images by their index, and buildx's metadata follows it there).
        result.imageId = configDigestOf(assessment.measurement) ?? result.imageId;
        const outcome = await run.timeline.time('Report', () => publishReport(request, assessment));
        result.reportOutputs = reportOutputs(outcome);
        result.grew = outcome.grew;
        if (outcome.budgets.violations.length > 0)
            overBudget(run, outcome, false);
    }
    catch (error) {
        if (error instanceof PipelineFailure)
            throw error;
        // The image is built (and pushed): a report that cannot be made must not hide that.
        host.warning(`The size report could not be made: ${error.message}`);
    }
}
/** The build half of the job summary, once the builds are done. */
async function summarizeBuilds(run, notPushedReason) {
    const { result } = run;
    await run.host.appendSummary(renderBuildSummary({
        builder: run.builder.kind,
        builds: result.builds,
        stagesByRole: run.stagesByRole,
        tests: result.tests,
        failure: null,
        image: {
            id: result.imageId,
            digest: result.digest,
            tags: result.tags,
            pushed: result.pushed,
            ...(notPushedReason ? { notPushedReason } : {})
        },
        testLine: false
    }));
}
/**
 * A budget failed: the report is written; the run fails with the reasons, said once. `blockedPush`:
 * the run was to push, and the budget stopped it.
 */
function overBudget(run, outcome, blockedPush) {
    const { host, result } = run;
    result.reportOutputs = reportOutputs(outcome);
    result.grew = outcome.grew;
    const reasons = outcome.budgets.violations.map(v => v.reason).join('; ');
    const message = `Size budget exceeded: ${reasons}.${blockedPush ? ' Nothing was pushed.' : ''}`;
    result.failure = 'budget';
    host.error(message, { title: 'stagegate: size budget exceeded' });
    throw new PipelineFailure(message, result, 'budget');
}

;// CONCATENATED MODULE: ./src/deferred-host.ts
/** Lines of untrusted output kept for one deferred build; the rest are counted, not kept. */
const DEFERRED_LINES = 20_000;
function deferredHost(target, maxLines = DEFERRED_LINES) {
    const root = [];
    let current = root;
    let kept = 0;
    let dropped = 0;
    let flushed = false;
    const push = (entry) => {
        current.push(entry);
    };
    const host = {
        ...target,
        info: message => (flushed ? target.info(message) : push({ kind: 'info', message })),
        warning: (message, where) => flushed ? target.warning(message, where) : push({ kind: 'warning', message, where }),
        error: (message, where) => flushed ? target.error(message, where) : push({ kind: 'error', message, where }),
        group: async (name, fn) => {
            if (flushed)
                return target.group(name, fn);
            const entry = { kind: 'group', name, entries: [] };
            const outer = current;
            outer.push(entry);
            current = entry.entries;
            try {
                return await fn();
            }
            finally {
                current = outer;
            }
        },
        untrusted: async (fn) => {
            if (flushed)
                return target.untrusted(fn);
            const entry = { kind: 'untrusted', lines: [] };
            current.push(entry);
            return fn(line => {
                if (kept >= maxLines) {
                    dropped++;
                    return;
                }
                kept++;
                entry.lines.push(line);
            });
        }
    };
    const replay = async (entries) => {
        for (const entry of entries) {
            switch (entry.kind) {
                case 'info':
                    target.info(entry.message);
                    break;
                case 'warning':
                    target.warning(entry.message, entry.where);
                    break;
                case 'error':
                    target.error(entry.message, entry.where);
                    break;
                case 'group':
                    await target.group(entry.name, () => replay(entry.entries));
                    break;
                case 'untrusted': {
                    const lines = entry.lines;
                    await target.untrusted(async (emit) => lines.forEach(line => emit(line)));
                }
            }
        }
    };
    return {
        host,
        flush: async () => {
            if (flushed)
                return;
            flushed = true;
            await replay(root);
            if (dropped > 0)
                target.info(`(${dropped} more lines of this build's output were not kept while it ran beside the tests.)`);
        }
    };
}

;// CONCATENATED MODULE: ./src/ship/ship.ts
// Ship: build the runtime stage so it can be measured exactly, and push it once the gate and the
// budgets allow. The runtime build never pushes. The push is `docker push` of the image it made
// where that image is in the engine's store (the classic path, buildx's docker driver); otherwise
// the same build exported again from the cache with `--push` (no step runs twice).









/** Builds the runtime stage into something measurable (an OCI layout, or the engine's store). */
async function buildRuntime(req) {
    const ociLayoutDir = external_node_path_default().join(req.ctx.workDir, 'oci-layout');
    const outputs = runtimeOutputs(req.capabilities, {
        kind: req.ctx.builder.kind,
        platforms: req.base.platforms.length,
        ociDir: ociLayoutDir,
        measuredAfterPush: req.measuredAfterPush
    });
    const build = await runBuild(req.ctx, 'runtime', req.runtime, {
        // The user's own outputs, annotations and attestations go to the shipping build; this one
        // is the image that is measured.
        ...req.base,
        ...(req.pushedAsLoaded ? { ...req.pushedAsLoaded, pushedAsLoaded: true } : {}),
        outputs: outputs.outputs,
        tags: req.tags,
        push: false,
        load: outputs.load && outputs.outputs.length === 0
    }, req.cache, req.signal);
    return { build, outputs, ociLayoutDir: outputs.measure === 'oci-layout' ? ociLayoutDir : null };
}
/** The runtime build of a run: the image that is measured, and pushed as it is where it can be. */
function runtimeRequest(run) {
    const loaded = pushesLoaded(run);
    return {
        ctx: run.ctx,
        runtime: run.plan.runtime,
        base: run.base,
        tags: run.inputs.tags,
        capabilities: run.capabilities,
        cache: withoutCacheWrites(run.cacheFor(run.runtimeTarget)),
        measuredAfterPush: measuredAfterPush(run),
        ...(loaded
            ? {
                pushedAsLoaded: {
                    attestations: run.runtimeExtra.attestations,
                    provenanceContext: run.runtimeExtra.provenanceContext
                }
            }
            : {})
    };
}
/**
 * Whether the push is `docker push` of the image the runtime build loaded, rather than the runtime
 * target exported again with `--push`. buildx's docker driver keeps the loaded image in the
 * engine's store, so pushing it ships the very image tested and measured, with no export: 0.15 s
 * against about 0.8 s for the re-export on engine 26 here. Not when the push build would add what
 * the loaded image lacks: the user's outputs or annotations, a cache written by the push, several
 * platforms. Attestations are not among them: the loaded image carries the push's (pushedAsLoaded). Pure.
 */
function pushesLoadedImage(f) {
    return (f.kind === 'buildx' &&
        f.imageInEngine &&
        f.push &&
        f.platforms <= 1 &&
        f.outputs.length === 0 &&
        f.annotations.length === 0 &&
        f.cacheTo.length === 0 &&
        f.loads());
}
const pushesLoaded = (run) => pushesLoadedImage({
    kind: run.builder.kind,
    imageInEngine: run.capabilities.imageInEngine,
    push: run.inputs.push,
    platforms: run.base.platforms.length,
    loads: () => runtimeOutputs(run.capabilities, {
        kind: run.builder.kind,
        platforms: run.base.platforms.length,
        ociDir: '',
        measuredAfterPush: measuredAfterPush(run)
    }).load,
    outputs: run.runtimeExtra.outputs ?? [],
    annotations: run.runtimeExtra.annotations ?? [],
    cacheTo: run.cacheFor(run.runtimeTarget).cacheTo
});
/**
 * Starts the runtime build now, beside the gate, on the same builder: BuildKit solves a step both
 * builds share once. It pushes nothing and writes no shared cache (the caller strips `cacheTo`):
 * only what follows a passed gate does. Its log waits for the gate's.
 */
function startRuntimeBuild(req) {
    const log = deferredHost(req.ctx.host);
    const controller = new AbortController();
    const done = buildRuntime({ ...req, ctx: { ...req.ctx, host: log.host }, signal: controller.signal });
    const flush = async () => {
        await done.catch(() => undefined);
        await log.flush();
    };
    return {
        done,
        cancel: async () => {
            controller.abort();
            return done;
        },
        flush,
        stop: async () => {
            controller.abort();
            await flush();
        }
    };
}
/**
 * buildx with nothing to check before the push: the runtime stage built and shipped (pushed,
 * the user's outputs written) in one build, after the gate passed. The pushed image is then
 * measured from the registry.
 */
async function shipInBuild(req) {
    const build = await runBuild(req.ctx, 'runtime', req.runtime, req.base, req.cache);
    return { build, outputs: { outputs: [], load: false, measure: 'local-image' }, ociLayoutDir: null };
}
/** Tries after the first for a push the registry failed part-way (5xx, a reset connection). */
const PUSH_RETRIES = 2;
/** Whether a failed push is worth another try: the registry or the network, not the request. Pure. */
function retryablePush(output) {
    if (/denied|unauthorized|forbidden|authentication required|name unknown|invalid reference/i.test(output))
        return false;
    return /\b5\d\d\b|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|connection reset|broken pipe|unexpected EOF|i\/o timeout|TLS handshake timeout/i.test(output);
}
/** Retries a push the registry failed part-way, a bounded number of times, saying so. */
async function withPushRetries(host, push, pause = ms => new Promise(resolve => setTimeout(resolve, ms))) {
    let result = await push();
    for (let attempt = 1; attempt <= PUSH_RETRIES && !result.ok; attempt++) {
        if (!retryablePush([result.message, ...result.output].join('\n')))
            break;
        host.warning(`The push failed part-way (${result.message.slice(0, 200)}); trying again (${attempt} of ${PUSH_RETRIES}).`);
        await pause(1000 * attempt);
        result = await push();
    }
    return result;
}
/**
 * Pushes the runtime image (and writes the user's `outputs`): `docker push` of the image built
 * (classic, or `loaded`), else the runtime target built again with `--push`, which BuildKit
 * answers from its cache; never with `--no-cache` or `--pull`, which would make it a different
 * image than the one tested and measured.
 */
async function shipRuntime(req) {
    const { ctx } = req;
    if (req.firstFailure) {
        const { message, output } = req.firstFailure;
        const failed = {
            ok: false,
            message: `Pushing ${req.tags.join(', ')} failed: ${message} ${pushFailureHint([message, ...output].join('\n'))}`,
            output,
            build: null
        };
        if (!retryablePush([message, ...output].join('\n')))
            return failed;
        let first = true;
        return withPushRetries(ctx.host, async () => {
            if (first) {
                first = false;
                return failed;
            }
            return req.loaded ? { ...(await pushTags(ctx, req.tags, req.image)), build: null } : pushWithBuildx(req);
        });
    }
    if (ctx.builder.kind !== 'buildx' || req.loaded) {
        if (!req.push)
            return { ok: true, digest: null, build: null };
        return withPushRetries(ctx.host, async () => ({
            ...(await pushTags(ctx, req.tags, req.image)),
            build: null
        }));
    }
    return withPushRetries(ctx.host, () => pushWithBuildx(req));
}
async function pushWithBuildx(req) {
    const { ctx } = req;
    const build = await runBuild(ctx, 'push', req.runtime, {
        ...req.base,
        ...req.extra,
        noCache: false,
        noCacheFilters: [],
        pull: false,
        tags: req.tags,
        push: req.push,
        load: false
    }, req.cache);
    if (build.ok)
        return { ok: true, digest: req.push ? build.digest : null, build };
    const output = build.failure?.output ?? [];
    const message = build.failure?.message ?? 'The push failed.';
    return {
        ok: false,
        message: `Pushing ${req.tags.join(', ')} failed: ${message} ${pushFailureHint([message, ...output].join('\n'))}`,
        output,
        build
    };
}
/** What to do about a failed push, from what docker said. Pure. */
function pushFailureHint(output) {
    if (/denied|unauthorized|authentication required|forbidden/i.test(output)) {
        return 'Log in to the registry first (docker/login-action) with a token that may push to this repository.';
    }
    if (/connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response to HTTPS/i.test(output)) {
        return 'The registry could not be reached: check the registry host and port in the tag.';
    }
    return 'Check the tag and that the registry accepts pushes.';
}
async function pushTags(ctx, tags, image) {
    const { host, builder } = ctx;
    let digest = null;
    for (const tag of tags) {
        // The tag may have been moved meanwhile (another job on a shared engine): it ships this image.
        if (image) {
            const pinned = await pinTag(builder.client, ctx.engineApi ?? null, image, tag);
            if (!pinned.ok)
                return { ok: false, message: pinned.message, output: [] };
            if (pinned.warning)
                host.warning(pinned.warning);
        }
        const pushed = await host.group(`Push ${tag}`, () => (0,engine_docker.run)(builder.client, ['push', tag], { onLine: l => host.info(l) }));
        if (pushed.exitCode !== 0) {
            const output = pushed.tail.filter(l => l.trim() !== '').slice(-20);
            const hint = pushFailureHint(output.join('\n'));
            return {
                ok: false,
                message: `Pushing ${tag} failed: ${output.slice(-1)[0] ?? 'no output'}. ${hint}`,
                output
            };
        }
        digest ??= digestFromPushOutput(pushed.stdout);
    }
    return { ok: true, digest };
}
/** Classic registry cache: the built target pushed to its cache ref, once the gate passed. */
async function pushCacheImage(host, builder, imageId, ref) {
    const tagged = await (0,engine_docker.run)(builder.client, ['tag', imageId, ref]);
    const pushed = tagged.exitCode === 0 ? await (0,engine_docker.run)(builder.client, ['push', ref]) : tagged;
    if (pushed.exitCode !== 0)
        host.warning(`Could not push the cache image ${ref}; the next run builds without it.`);
}
/** Registry cache is written only by a run that pushes; the concurrent runtime build writes none. */
const withoutCacheWrites = (plan) => ({ ...plan, cacheTo: [] });
/**
 * No tester, so no gate to wait for: the runtime built on its own. With buildx and nothing to
 * check before the push, built and shipped in one build (a push the registry failed part-way is
 * retried from what was built).
 */
async function buildAlone(run) {
    const { inputs, result, ctx, plan } = run;
    const ships = shipsAnything(run);
    const oneBuild = run.builder.kind === 'buildx' && ships && !budgeted(run);
    const cache = run.cacheFor(run.runtimeTarget);
    // Built, not shipped: the image (and its ID) to measure and push.
    const buildOnly = async () => {
        const built = await buildRuntime(runtimeRequest(run));
        result.builds.push(built.build);
        if (!built.build.ok)
            return run.buildFailed(built.build, plan.runtime);
        result.imageId = built.build.imageId;
        result.buildxMetadata = built.build.metadata;
        return built;
    };
    if (!oneBuild)
        return { runtime: await run.timeline.time('Runtime build', buildOnly), shipped: false };
    const runtime = await run.timeline.time('Runtime build and push', () => shipInBuild({
        ctx,
        runtime: plan.runtime,
        base: { ...run.base, ...run.runtimeExtra, tags: inputs.tags, push: inputs.push, load: false },
        // No gate to wait for; the registry cache is still written only by a run that pushes.
        cache: cache.mode === 'registry' && !inputs.push ? withoutCacheWrites(cache) : cache
    }));
    result.builds.push(runtime.build);
    if (runtime.build.ok) {
        result.imageId = runtime.build.imageId;
        result.buildxMetadata = runtime.build.metadata;
        result.pushed = inputs.push;
        result.digest = inputs.push ? runtime.build.digest : null;
        return { runtime, shipped: true };
    }
    if (runtime.build.failure?.kind !== 'builder')
        return run.buildFailed(runtime.build, plan.runtime);
    // The build passed and its export failed (the registry, the network). Keep what was built
    // (answered from the cache, so the image and its ID exist), then push again with retries and
    // the advice of a push.
    const failure = runtime.build.failure;
    const built = await buildOnly();
    await push(run, withoutCacheWrites(cache), {
        image: built.build.localId ?? null,
        firstFailure: { message: failure.message, output: failure.output },
        loaded: pushesLoaded(run)
    });
    return { runtime: built, shipped: true };
}
/** A push without budgets: the registry measures the image, nothing before it. */
const measuredAfterPush = (run) => run.inputs.push && !budgeted(run);
/** Whether the run pushes or writes the user's outputs. */
const shipsAnything = (run) => run.inputs.push || (run.runtimeExtra.outputs ?? []).length > 0;
/**
 * The ship phase, once the gate passed and the budgets allowed: the push (with the user's
 * outputs), then every write to the shared cache, which follows the push's rule: gha and the
 * user's `cache-to` once the gate passed, the registry cache only by a run that pushes.
 */
async function shipPhase(run, runtime, shipped, cachePushes) {
    const { inputs, plan, ctx } = run;
    const cache = run.cacheFor(run.runtimeTarget);
    // The registry cache other runs trust is written only by a run that pushes.
    const mayWrite = (c) => c.cacheTo.length > 0 && (c.mode !== 'registry' || inputs.push);
    // buildx writes the runtime's cache in the push build; otherwise in a cached re-export of its own.
    const loaded = pushesLoaded(run);
    const writesInPush = run.builder.kind === 'buildx' && inputs.push && !loaded;
    if (!shipped && shipsAnything(run))
        await push(run, writesInPush ? cache : withoutCacheWrites(cache), {
            image: runtime.build.localId ?? null,
            loaded
        });
    if (!shipped && !writesInPush && mayWrite(cache))
        await run.timeline.time('Cache export', () => exportCache(ctx, 'runtime', plan.runtime, run.base, cache));
    // The tester's cache, held back from its build when the verdict came after it.
    if (plan.tester) {
        const testerCache = run.cacheFor(targetOf(plan.tester));
        const writtenInBuild = testerWritesCacheInBuild(inputs) && testerCache.mode !== 'registry';
        if (!writtenInBuild && mayWrite(testerCache))
            await run.timeline.time('Cache export', () => exportCache(ctx, 'tester', plan.tester, run.base, testerCache));
    }
    if (!inputs.push)
        return;
    // The image the runtime build made (the result's ID may be the measured config digest by now).
    if (cache.pushCacheImage && runtime.build.imageId)
        cachePushes.push({ imageId: runtime.build.imageId, ref: cache.pushCacheImage });
    for (const { imageId, ref } of cachePushes)
        await run.timeline.time('Cache image push', () => pushCacheImage(run.host, run.builder, imageId, ref));
}
/**
 * Whether the tester build may write its cache itself: its success is the tests' verdict (RUN-step
 * mode, no reports to read). With a test command or reports, the verdict comes after the build,
 * so the cache waits for it. Pure.
 */
function testerWritesCacheInBuild(inputs) {
    return inputs.testCommand === '' && inputs.testReports === '';
}
async function push(run, cache, how) {
    const { inputs, result } = run;
    const { image, firstFailure, loaded } = how;
    const shipped = await run.timeline.time(inputs.push ? 'Push' : 'Outputs', () => shipRuntime({
        ctx: run.ctx,
        runtime: run.plan.runtime,
        base: run.base,
        extra: run.runtimeExtra,
        tags: inputs.tags,
        push: inputs.push,
        cache,
        firstFailure,
        loaded,
        image
    }));
    if (shipped.build)
        result.builds.push(shipped.build);
    if (!shipped.ok)
        return run.fail('builder', shipped.message, shipped.output);
    result.pushed = inputs.push;
    // A digest promises a pushed image (signing steps guard on it): a loaded build has none.
    result.digest = inputs.push ? shipped.digest : null;
    if (shipped.build?.metadata)
        result.buildxMetadata = shipped.build.metadata;
}
/** A target's cache written by a cached re-export, once the gate passed (no step runs again). */
async function exportCache(ctx, role, stage, base, cache) {
    if (cache.cacheTo.length === 0)
        return;
    const exported = await runBuild(ctx, role, stage, { ...base, noCache: false, pull: false, platforms: [] }, cache);
    if (!exported.ok)
        ctx.host.warning(`Could not write the cache of the ${role} stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}"; the next run builds it again.`);
}

;// CONCATENATED MODULE: ./src/gate/gate.ts
// The gate: build the tester stage, run the tests in it, and say what happened. Nothing here
// pushes or publishes; the schedule (src/pipeline.ts) decides what the verdict stops.











/** `docker run` exits 125 when docker itself failed: the test command never started. */
const DOCKER_RUN_FAILED = 125;
async function runGate(req) {
    const { ctx, inputs, tester } = req;
    const { host, builder } = ctx;
    const mode = inputs.testCommand ? 'command' : 'build';
    const time = (label, fn, note) => req.timeline ? req.timeline.time(label, fn, note) : fn();
    const build = await time(mode === 'build' ? 'Tester build (the tests are its RUN steps)' : 'Tester build', () => runBuild(ctx, 'tester', tester, 
    // The tests run here, on the native platform, whatever `platforms` the runtime is built for.
    { ...req.base, tags: req.load ? [req.testerTag] : [], load: req.load, platforms: [] }, req.cache), b => (b.ok ? undefined : b.failure?.kind === 'tests' ? 'tests failed' : 'failed'));
    if (!build.ok) {
        const failure = build.failure ?? unknownFailure(tester);
        const testsFailed = failure.kind === 'tests';
        const tests = testsFailed
            ? { outcome: 'failed', mode: 'build', failures: [], durationMs: build.seconds * 1000 }
            : { outcome: 'error', mode, failures: [], notRunReason: notRunReason(failure) };
        return { tests, build, testerImage: null, failure: failure };
    }
    const testerImage = req.load ? req.testerTag : null;
    // The tests run in the image this build made, named by its ID: the tag is one per image name,
    // which another job on a shared engine may build at the same time.
    const testedImage = build.localId ?? req.testerTag;
    const ownSteps = build.counts.find(c => c.stage === (0,dockerfile/* stageLabel */.Hn)(tester));
    // RUN-step mode: a tester stage that came whole from the cache ran no test this time.
    const cached = mode === 'build' && ownSteps !== undefined && ownSteps.ran === 0 && ownSteps.cached > 0;
    let exitCode = 0;
    let tail = [];
    let excerpt = [];
    // RUN-step mode: the tests are the tester stage's own steps, not the whole build (apt-get, deps).
    let durationMs = (build.stageSeconds[(0,dockerfile/* stageLabel */.Hn)(tester)] ?? 0) * 1000;
    const reportsDir = external_node_path_default().join(ctx.workDir, 'reports');
    if (inputs.testCommand) {
        const outcome = await time('Tests (test-command)', () => runTestCommand(host, builder, {
            image: testedImage,
            command: inputs.testCommand,
            network: inputs.testNetwork,
            reportsHostDir: inputs.testReports ? reportsDir : undefined,
            reportsContainerDir: inputs.testReports || undefined
        }), o => (o.exitCode === 0 ? undefined : 'failed'));
        req.pending?.push(outcome.removed);
        exitCode = outcome.exitCode;
        tail = outcome.tail;
        excerpt = outcome.excerpt;
        durationMs = outcome.seconds * 1000;
    }
    else if (inputs.testReports) {
        const found = await copyFromImage(builder, testedImage, inputs.testReports, reportsDir);
        if (!found)
            host.warning(`No test reports at ${inputs.testReports} in the tester image.`);
    }
    const reports = inputs.testReports ? await readReportFiles(reportsDir) : [];
    if (inputs.testReports && reports.length === 0) {
        host.warning(`test-reports: no JUnit XML files were found in ${inputs.testReports}.`);
    }
    if (mode === 'command' && exitCode === DOCKER_RUN_FAILED) {
        const hint = testContainerHint(tail);
        return {
            tests: {
                outcome: 'error',
                mode,
                failures: [],
                notRunReason: 'the test container could not be started'
            },
            build,
            testerImage,
            failure: {
                kind: 'builder',
                message: `The test container could not be started (docker run exited with ${DOCKER_RUN_FAILED})${hint ? `: ${hint}` : '.'}`,
                output: tail.filter(l => l.trim() !== '').slice(-20),
                line: null
            }
        };
    }
    const tests = summarizeTests({ mode, exitCode, durationMs, reports, host, mapFile: req.mapFile });
    if (cached) {
        tests.cached = true;
        // No test ran: a time would read as the tests' own.
        if (tests.reportSeconds === undefined)
            delete tests.durationMs;
    }
    if (tests.outcome !== 'failed')
        return { tests, build, testerImage, failure: null };
    const message = mode === 'command'
        ? `Tests failed: the test command ended with exit code ${exitCode} in the tester image (stage "${(0,dockerfile/* stageLabel */.Hn)(tester)}").`
        : `Tests failed: the test reports of stage "${(0,dockerfile/* stageLabel */.Hn)(tester)}" record failures.`;
    return { tests, build, testerImage, failure: { kind: 'tests', message, output: excerpt, line: null } };
}
function notRunReason(failure) {
    return failure.kind === 'build'
        ? `the build failed in stage "${failure.stage}"`
        : 'the builder or the infrastructure failed';
}
/** What to do when the test container could not start, from what docker said. Pure. */
function testContainerHint(output) {
    const text = output.join('\n');
    if (/network \S+ not found/i.test(text))
        return 'the engine has no such network: set "test-network" (or "network") to host or none';
    const last = output.filter(l => l.trim() !== '').slice(-1)[0];
    return last ? last.replace(/^docker: /, '').trim() : null;
}
/** A failed build whose output named no step at all (docker died first). */
function unknownFailure(stage) {
    return {
        kind: 'builder',
        stage: (0,dockerfile/* stageLabel */.Hn)(stage),
        step: '',
        line: null,
        exitCode: null,
        output: [],
        message: `The builder failed while building stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}".`
    };
}
/**
 * The gate phase: the tester built, the tests run, the verdict recorded in the result. When it
 * fails, the runtime build running beside it is stopped (or, finished already, left unpushed) and
 * the run ends here. Returns the classic path's cache image to push once the run ships.
 */
async function gatePhase(run, mapFile, runtimeJob) {
    const { plan, inputs, result } = run;
    if (!plan.tester)
        return [];
    const cache = run.cacheFor(targetOf(plan.tester));
    const gate = await runGate({
        ctx: run.ctx,
        inputs,
        tester: plan.tester,
        base: run.base,
        // Cache is written once the tests passed: by this build when its success is their verdict
        // (never the registry cache, which the ship phase writes in a run that pushes), else after.
        cache: testerWritesCacheInBuild(inputs) && cache.mode !== 'registry' ? cache : withoutCacheWrites(cache),
        testerTag: testerTagFor(run.imageName),
        load: loadTester(run.capabilities, {
            testCommand: inputs.testCommand !== '',
            testReports: inputs.testReports !== ''
        }),
        mapFile,
        timeline: run.timeline,
        pending: run.pending
    });
    result.builds.push(gate.build);
    result.tests = gate.tests;
    result.testOutcome = gate.tests.outcome;
    result.testerImage = gate.testerImage;
    if (gate.failure) {
        if (runtimeJob)
            await dropRuntime(run, runtimeJob);
        if (gate.failure.kind !== 'tests' && !gate.build.ok)
            return run.buildFailed(gate.build, plan.tester);
        return run.fail(gate.failure.kind, gate.failure.message, gate.failure.output, gate.failure);
    }
    return cache.pushCacheImage && gate.build.imageId
        ? [{ imageId: gate.build.imageId, ref: cache.pushCacheImage }]
        : [];
}
/**
 * The gate failed: the runtime build beside it is stopped, or (finished already) its image is
 * untagged, so no later step of the workflow pushes an untested image by its release tags.
 */
async function dropRuntime(run, job) {
    const runtime = await job.cancel().catch(() => null);
    await job.flush();
    if (!runtime || runtime.build.cancelled) {
        run.host.info('The gate failed: the runtime build running beside it was stopped. Nothing is pushed.');
        return;
    }
    run.result.builds.push(runtime.build);
    let moved = [];
    if (runtime.build.ok && runtime.outputs.load && run.inputs.tags.length > 0) {
        // Only the tags that still name this run's image: one another job on the engine moved is its own.
        const id = runtime.build.localId;
        const tags = id
            ? await tagsNaming(run.builder.client, run.ctx.engineApi ?? null, id, run.inputs.tags)
            : { own: run.inputs.tags, moved: [] };
        moved = tags.moved;
        if (tags.own.length > 0)
            await (0,engine_docker.run)(run.builder.client, ['image', 'rm', '--no-prune', ...tags.own]);
    }
    run.host.info('The gate failed: the runtime build had finished beside it; its image is not pushed, and its tags were removed' +
        (moved.length > 0
            ? ` (not ${moved.join(', ')}: another build on this engine tagged it meanwhile).`
            : '.'));
}

// EXTERNAL MODULE: ./src/dockerfile/shell.ts
var shell = __webpack_require__(2208);
;// CONCATENATED MODULE: ./src/gate/source-paths.ts
// Test reports name files as the tester container saw them (`/app/src/x.test.ts`) or relative to
// its WORKDIR (`tests/test_format.py`); GitHub attaches an annotation only to a workspace path.
// This maps one to the other through the tester stage's WORKDIR and COPY/ADD instructions.


/**
 * Stands for the base image's own WORKDIR, which the Dockerfile does not show (`FROM golang`
 * then `COPY . .`). A relative report path still resolves against it; an absolute one never does.
 */
const IMAGE_WORKDIR = '/\u0000image-workdir';
/** Walk the tester stage and the stages it is built on, collecting WORKDIR and COPY/ADD. */
function testerFiles(graph, tester) {
    const chain = [];
    const seen = new Set();
    for (let s = tester; s && !seen.has(s.index);) {
        seen.add(s.index);
        chain.unshift(s);
        s = s.baseStage === null ? undefined : graph.stages[s.baseStage];
    }
    const escape = graph.directives.find(d => d.name === 'escape')?.value === '`' ? '`' : '\\';
    const env = new Map();
    const expand = (word) => {
        try {
            return (0,shell/* expandWord */.Vo)(word, env, { escapeToken: escape });
        }
        catch {
            return null;
        }
    };
    let workdir = IMAGE_WORKDIR;
    const copies = [];
    for (const stage of chain) {
        for (const ins of stage.instructions) {
            if (ins.keyword === 'ENV' || ins.keyword === 'ARG')
                setVariables(ins, env, expand);
            else if (ins.keyword === 'WORKDIR') {
                const dir = expand(ins.argv[0] ?? '');
                if (dir)
                    workdir = external_node_path_.posix.resolve(workdir, dir);
            }
            else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
                const copy = containerCopy(ins, workdir, expand);
                if (copy)
                    copies.push(copy);
            }
        }
    }
    return { copies, workdir };
}
function setVariables(ins, env, expand) {
    const words = ins.argv;
    // `ENV NAME value with spaces`: the legacy one-variable form.
    if (ins.keyword === 'ENV' && words.length > 0 && !words[0].includes('=')) {
        env.set(words[0], expand(words.slice(1).join(' ')) ?? '');
        return;
    }
    for (const word of words) {
        const eq = word.indexOf('=');
        if (eq < 0)
            continue; // an ARG without default: unknown here, so left unset
        env.set(word.slice(0, eq), expand(word.slice(eq + 1)) ?? '');
    }
}
function containerCopy(ins, workdir, expand) {
    const words = ins.argv.map(w => expand(w));
    if (words.length < 2 || words.some(w => w === null))
        return null;
    const all = words;
    const rawDest = all[all.length - 1];
    const rawSources = all.slice(0, -1);
    const heredocs = new Set(ins.heredocs.map(h => h.name));
    const fromContext = !ins.flags.from?.length && heredocs.size === 0;
    const sources = fromContext
        ? rawSources.filter(s => !/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(s)).map(contextPath)
        : [];
    return {
        sources,
        dest: external_node_path_.posix.resolve(workdir, rawDest),
        destIsDir: rawDest.endsWith('/') || rawSources.length > 1,
        parents: ins.flags.parents !== undefined && ins.flags.parents.at(-1) !== 'false',
        external: !fromContext,
        externalSources: fromContext ? [] : rawSources.map(s => s.replace(/^<<-?/, ''))
    };
}
function contextPath(source) {
    const p = external_node_path_.posix.normalize(`/${source}`).slice(1);
    return p.replace(/\/$/, '');
}
const GLOB = /[*?[]/;
function globToRegExp(glob) {
    let re = '';
    for (const c of glob) {
        if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else
            re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}
/** Where a container file may have come from in the context, by this COPY; most likely first. */
function copySources(copy, file) {
    const out = [];
    const rel = file === copy.dest
        ? ''
        : file.startsWith(`${copy.dest}/`) || copy.dest === '/'
            ? external_node_path_.posix.relative(copy.dest, file)
            : null;
    for (const source of copy.sources) {
        if (copy.parents) {
            if (rel && (source === '' || rel === source || rel.startsWith(`${source}/`) || GLOB.test(source)))
                out.push(rel);
            continue;
        }
        if (rel === null)
            continue;
        if (rel === '') {
            // `COPY app.py /srv/main.py`: a single file, renamed.
            if (!copy.destIsDir)
                out.push(source);
            continue;
        }
        if (GLOB.test(source)) {
            // A file the glob matched lands in the destination under its own name.
            const dir = external_node_path_.posix.dirname(source);
            if (!rel.includes('/') && globToRegExp(external_node_path_.posix.basename(source)).test(rel))
                out.push(dir === '.' ? rel : `${dir}/${rel}`);
            continue;
        }
        // A folder's contents land in the destination; a file lands under its own name.
        out.push(source === '' ? rel : `${source}/${rel}`);
        if (rel === external_node_path_.posix.basename(source))
            out.push(source);
    }
    return out;
}
/** Whether a COPY from another stage or image likely wrote this path, hiding what the context put there. */
function shadows(copy, file) {
    if (file === copy.dest)
        return true;
    if (!file.startsWith(`${copy.dest}/`))
        return false;
    const rel = external_node_path_.posix.relative(copy.dest, file);
    return copy.externalSources.some(s => {
        const base = external_node_path_.posix.basename(s);
        // A folder copied whole (`/app/dist ./dist`, `/out/`), or a file copied into a folder.
        return s.endsWith('/') || base === '.' || base === external_node_path_.posix.basename(copy.dest) || rel === base;
    });
}
/**
 * Workspace-relative paths a report's file path may name, most likely first: through the tester's
 * COPY/ADD (newest first: a later COPY overwrites), then the path read as context-relative, then
 * as workspace-relative or absolute inside the workspace. Paths outside the workspace are dropped.
 */
function sourcePathCandidates(reportPath, files, where) {
    const raw = reportPath.trim().replace(/^file:\/\//, '');
    if (raw === '')
        return [];
    const workspace = external_node_path_.posix.normalize(where.workspace);
    const context = external_node_path_.posix.isAbsolute(where.context)
        ? external_node_path_.posix.relative(workspace, where.context)
        : external_node_path_.posix.normalize(where.context);
    const inWorkspace = (p) => {
        const n = external_node_path_.posix.normalize(p);
        return n === '..' || n.startsWith('../') || external_node_path_.posix.isAbsolute(n) ? null : n.replace(/^\.\//, '');
    };
    const fromContext = (p) => context.startsWith('../') || context === '..' ? null : inWorkspace(external_node_path_.posix.join(context, p));
    const out = [];
    const add = (p) => {
        if (p !== null && p !== '' && p !== '.' && !out.includes(p))
            out.push(p);
    };
    const containerFile = external_node_path_.posix.resolve(files.workdir, raw);
    for (let i = files.copies.length - 1; i >= 0; i--) {
        const copy = files.copies[i];
        if (copy.external) {
            if (shadows(copy, containerFile))
                break;
            continue;
        }
        for (const source of copySources(copy, containerFile))
            add(fromContext(source));
    }
    if (!external_node_path_.posix.isAbsolute(raw)) {
        add(fromContext(raw));
        add(inWorkspace(raw));
    }
    else if (raw.startsWith(`${workspace}/`))
        add(inWorkspace(external_node_path_.posix.relative(workspace, raw)));
    return out;
}
/** The workspace file a report path names, or null when none of its candidates exists. */
function mapReportPath(reportPath, files, options) {
    return sourcePathCandidates(reportPath, files, options).find(p => options.exists(p)) ?? null;
}
/**
 * Annotations with their `file` mapped to the workspace file it came from. One that maps to no
 * existing file loses `file` and `startLine` and keeps its title and message: GitHub drops an
 * annotation's location when the file is not in the repository.
 */
function mapAnnotationPaths(annotations, options) {
    const tester = typeof options.testerStage === 'string'
        ? options.graph.stages.findLast(s => s.name === options.testerStage.toLowerCase())
        : options.testerStage;
    const files = tester
        ? testerFiles(options.graph, tester)
        : { copies: [], workdir: IMAGE_WORKDIR };
    return annotations.map(a => {
        if (a.file === undefined)
            return a;
        const file = mapReportPath(a.file, files, options);
        if (file !== null)
            return { ...a, file };
        const { file: _file, startLine: _line, ...rest } = a;
        return rest;
    });
}

// EXTERNAL MODULE: ./src/plan.ts
var src_plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/inputs.ts





/**
 * A list input split as build-push-action splits it (actions-toolkit's Util.getList: csv records,
 * `"`-quoted entries, commas separate unless `ignoreComma`), entries trimmed, empty ones dropped.
 * `quote: false` (its `outputs`) keeps quotes as text. Pure.
 */
function parseListInput(name, raw, options) {
    if (options.quote === false) {
        const lines = raw.split(/\r?\n/);
        const items = options.ignoreComma ? lines : lines.flatMap(line => line.split(','));
        return items.map(item => item.trim()).filter(item => item !== '');
    }
    return (0,src_secrets/* splitListInput */.lW)(name, raw, options)
        .map(entry => entry.text.trim())
        .filter(text => text !== '');
}
/** Splits a list input: one item per line, or comma-separated on a line; blanks dropped. */
function parseList(raw) {
    return raw
        .split(/\r?\n/)
        .flatMap(line => line.split(','))
        .map(item => item.trim())
        .filter(item => item !== '');
}
/** Splits a line-only list (values may contain commas, e.g. cache-from specs). */
function parseLines(raw) {
    return raw
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
}
/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; '' gives the default. */
function parseBoolean(name, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* UserError */.y(`Input "${name}" must be true or false, got "${value}".`);
}
function parseChoice(name, raw, choices, fallback) {
    const value = raw.trim().toLowerCase();
    if (value === '')
        return fallback;
    if (choices.includes(value))
        return value;
    throw new errors/* UserError */.y(`Input "${name}" must be one of ${choices.join(', ')}; got "${raw.trim()}".`);
}
/** `KEY=value` lines (the value may contain `=` and commas). */
function parseKeyValues(name, raw) {
    return parseLines(raw).map((line, i) => {
        const eq = line.indexOf('=');
        const key = eq < 0 ? '' : line.slice(0, eq).trim();
        if (eq < 0 || key === '') {
            // Never echo the line: for `secrets` it may be a secret value.
            throw new errors/* UserError */.y(`Input "${name}", line ${i + 1}: expected KEY=value.`);
        }
        return [key, line.slice(eq + 1)];
    });
}
function parseInputs(get) {
    const buildArgs = {};
    for (const [key, value] of parseKeyValues('build-args', get('build-args')))
        buildArgs[key] = value;
    const secrets = (0,src_secrets/* parseSecretValues */.ev)(get('secrets'));
    const secretFiles = (0,src_secrets/* parseSecretRefs */.q1)('secret-files', get('secret-files')).map(([id, path]) => ({ id, path }));
    const secretEnvs = (0,src_secrets/* parseSecretRefs */.q1)('secret-envs', get('secret-envs')).map(([id, name]) => ({ id, name }));
    (0,src_secrets/* checkDuplicateSecretIds */.UY)([
        { input: 'secrets', ids: secrets.map(s => s.id) },
        { input: 'secret-files', ids: secretFiles.map(s => s.id) },
        { input: 'secret-envs', ids: secretEnvs.map(s => s.id) }
    ]);
    const network = get('network').trim();
    const inputs = {
        context: get('context').trim() || '.',
        file: get('file').trim(),
        target: get('target').trim(),
        testTarget: (0,src_plan/* resolveTestTarget */.Kx)(get('test-target')),
        testCommand: get('test-command').trim(),
        testReports: get('test-reports').trim(),
        tags: parseList(get('tags')),
        labels: parseLines(get('labels')),
        buildArgs,
        secrets,
        secretFiles,
        secretEnvs,
        platforms: parseList(get('platforms')),
        builder: get('builder').trim(),
        network,
        testNetwork: get('test-network').trim() || network,
        noCache: parseBoolean('no-cache', get('no-cache'), false),
        pull: parseBoolean('pull', get('pull'), false),
        push: parseBoolean('push', get('push'), false),
        cache: parseChoice('cache', get('cache'), ['auto', 'gha', 'registry', 'inline', 'none'], 'auto'),
        cacheRef: get('cache-ref').trim(),
        cacheFrom: parseLines(get('cache-from')),
        cacheTo: parseLines(get('cache-to')),
        createBuilder: parseBoolean('create-builder', get('create-builder'), true),
        keepBuilder: parseBoolean('keep-builder', get('keep-builder'), false),
        addHosts: parseListInput('add-hosts', get('add-hosts'), { ignoreComma: false }),
        allow: parseListInput('allow', get('allow'), { ignoreComma: false }),
        annotations: parseListInput('annotations', get('annotations'), { ignoreComma: true }),
        attests: parseListInput('attests', get('attests'), { ignoreComma: true }),
        buildContexts: parseListInput('build-contexts', get('build-contexts'), { ignoreComma: true }),
        // `build` is buildx's default evaluation, the normal build: no flag, so any buildx does it.
        call: get('call').trim() === 'build' ? '' : get('call').trim(),
        cgroupParent: get('cgroup-parent').trim(),
        noCacheFilters: parseListInput('no-cache-filters', get('no-cache-filters'), { ignoreComma: false }),
        outputs: parseListInput('outputs', get('outputs'), { ignoreComma: true, quote: false }),
        provenance: get('provenance').trim(),
        sbom: get('sbom').trim(),
        shmSize: get('shm-size').trim(),
        ssh: parseListInput('ssh', get('ssh'), { ignoreComma: false }),
        ulimits: parseListInput('ulimit', get('ulimit'), { ignoreComma: true }),
        check: parseChoice('check', get('check'), CHECK_MODES, 'warn')
    };
    validateInputs(inputs);
    validateBuildOptions(inputs);
    return inputs;
}
function validateInputs(inputs) {
    if (inputs.push && inputs.tags.length === 0) {
        throw new errors/* UserError */.y('Input "push" is true but no "tags" were given: name at least one tag to push to.');
    }
    if (inputs.testTarget === src_plan/* NO_TESTS */.q0 && (inputs.testCommand !== '' || inputs.testReports !== '')) {
        throw new errors/* UserError */.y('Input "test-target" is none, so "test-command" and "test-reports" would never run: remove them or name the tester stage.');
    }
    if (inputs.testReports !== '' && !inputs.testReports.startsWith('/')) {
        throw new errors/* UserError */.y(`Input "test-reports" must be an absolute path inside the container, got "${inputs.testReports}".`);
    }
    if (inputs.cache === 'registry' && inputs.cacheRef === '') {
        throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty: name an image reference to hold the cache.');
    }
    for (const tag of inputs.tags) {
        const problem = tagProblem(tag);
        if (problem)
            throw new errors/* UserError */.y(`Input "tags": "${tag}" is not an image reference: ${problem}.`);
    }
    const cacheRefProblem = inputs.cacheRef === '' ? null : tagProblem(inputs.cacheRef);
    if (cacheRefProblem)
        throw new errors/* UserError */.y(`Input "cache-ref": "${inputs.cacheRef}" is not an image reference: ${cacheRefProblem}.`);
}
// docker's units.RAMInBytes: `2g`, `512m`, `1.5GB`, `64MiB`, plain bytes.
const SIZE = /^\d+(\.\d+)?\s?[kmgtp]?i?b?$/i;
// docker's units.ParseUlimit names.
const ULIMITS = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack'
];
/** The problem with one `ulimit` entry (`nofile=1024:2048`), null when docker accepts it. Pure. */
function ulimitProblem(entry) {
    const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(entry);
    if (!match)
        return 'expected name=soft or name=soft:hard, e.g. nofile=1024:2048';
    if (!ULIMITS.includes(match[1]))
        return `"${match[1]}" is not a ulimit; one of ${ULIMITS.join(', ')}`;
    if (match[3] !== undefined && Number(match[2]) > Number(match[3]))
        return 'the soft limit is above the hard limit';
    return null;
}
/** build-push-action's build options, checked before anything runs; messages name the input and entry. */
function validateBuildOptions(inputs) {
    if (inputs.shmSize && !SIZE.test(inputs.shmSize)) {
        throw new errors/* UserError */.y(`Input "shm-size": "${inputs.shmSize}" is not a size; write e.g. 2g, 512m or 1073741824.`);
    }
    for (const entry of inputs.ulimits) {
        const problem = ulimitProblem(entry);
        if (problem)
            throw new errors/* UserError */.y(`Input "ulimit": "${entry}": ${problem}.`);
    }
    for (const host of inputs.addHosts) {
        if (!/^[^:=\s]+[:=]\S+$/.test(host)) {
            throw new errors/* UserError */.y(`Input "add-hosts": "${host}" is not a host mapping; write host:ip, e.g. docker:10.180.0.1.`);
        }
    }
    for (const context of inputs.buildContexts) {
        if (!/^[^=\s]+=\S/.test(context)) {
            throw new errors/* UserError */.y(`Input "build-contexts": "${context}" is not name=source; write e.g. alpine=docker-image://alpine:3.20 or assets=./assets.`);
        }
    }
    if (/\s/.test(inputs.call)) {
        throw new errors/* UserError */.y(`Input "call": "${inputs.call}" is not a method; write check, outline or targets (or build).`);
    }
    if (inputs.call && inputs.push) {
        throw new errors/* UserError */.y(`Input "call" is ${inputs.call}: it evaluates the build and builds no image, so "push" has nothing to push. Remove "push", or "call" to build.`);
    }
    if (inputs.call && inputs.outputs.length > 0) {
        throw new errors/* UserError */.y(`Input "call" is ${inputs.call}: it exports nothing, so "outputs" cannot apply. Remove one of them.`);
    }
}
const inputs_TAG = /^[\w][\w.-]{0,127}$/;
/**
 * What is wrong with a reference to build and push to (distribution/reference's grammar, see
 * src/reference.ts), in words that name the part to fix; null when docker accepts it. Pure.
 */
function tagProblem(ref) {
    if (/\s/.test(ref))
        return 'it contains whitespace';
    if (ref.startsWith('-'))
        return 'it starts with "-"';
    const { name, tag, digest } = (0,src_reference/* splitReference */.mQ)(ref);
    if (digest !== null)
        return 'an image to build is named by a tag, not a digest: drop the "@..." part';
    const problem = (0,src_reference/* validateReference */.UB)(ref);
    if (problem === null)
        return null;
    if (tag !== null && !inputs_TAG.test(tag)) {
        return tag.length > 128
            ? 'the tag after ":" is longer than 128 characters'
            : `the tag "${tag}" may only hold letters, digits, '_', '.' and '-', and cannot start with '.' or '-'`;
    }
    const lowered = `${name.toLowerCase()}${ref.slice(name.length)}`;
    if (name !== name.toLowerCase() && (0,src_reference/* validateReference */.UB)(lowered) === null) {
        return `repository name must be lowercase (${lowered} would do)`;
    }
    // Anything else: distribution's own wording, without its generic prefix.
    return problem.replace(/^invalid reference format: ?/, '') || 'invalid reference format';
}

;// CONCATENATED MODULE: ./src/report/inputs.ts




function parseReportInputs(get) {
    const comment = (get('comment').trim().toLowerCase() || 'auto');
    if (!COMMENT_MODES.includes(comment)) {
        throw new errors/* UserError */.y(`Input "comment" must be one of ${COMMENT_MODES.join(', ')}; got "${get('comment').trim()}".`);
    }
    const maxSize = get('max-size').trim();
    const maxIncrease = get('max-increase').trim();
    return {
        comment,
        commentKey: get('comment-key').trim(),
        commentAuthor: get('comment-author').trim(),
        githubToken: get('github-token').trim(),
        baselineBranches: parseList(get('baseline-branches')),
        baselineRef: get('baseline-ref').trim(),
        maxSize: maxSize === '' ? null : parseSize(maxSize, 'max-size'),
        maxIncrease: maxIncrease === '' ? null : parseIncrease(maxIncrease, 'max-increase')
    };
}

;// CONCATENATED MODULE: ./src/timeline.ts
// When each part of the run started and ended (the builds, the tests, the push, the measurement),
// for the job summary: the critical path, seen. Recording is a thin clock; rendering is pure.

class Timeline {
    now;
    spans = [];
    origin;
    constructor(now = () => performance.now()) {
        this.now = now;
        this.origin = now();
    }
    /** Times `fn` as one span; a span that throws is recorded as failed. */
    async time(label, fn, noteOf) {
        const start = this.now() - this.origin;
        try {
            const value = await fn();
            const note = noteOf?.(value);
            this.spans.push({ label, start, end: this.now() - this.origin, ...(note ? { note } : {}) });
            return value;
        }
        catch (error) {
            this.spans.push({ label, start, end: this.now() - this.origin, note: 'failed' });
            throw error;
        }
    }
    /** Adds a span timed elsewhere (from a start taken with `elapsed`). */
    add(label, start, note) {
        this.spans.push({ label, start, end: this.elapsed(), ...(note ? { note } : {}) });
    }
    elapsed() {
        return this.now() - this.origin;
    }
}
const BAR_WIDTH = 24;
/** One bar of a fixed width: where the span sits in the run. Pure. */
function timelineBar(span, total, width = BAR_WIDTH) {
    if (total <= 0)
        return '';
    const from = Math.min(width - 1, Math.floor((span.start / total) * width));
    const to = Math.max(from + 1, Math.min(width, Math.ceil((span.end / total) * width)));
    return `${'·'.repeat(from)}${'█'.repeat(to - from)}${'·'.repeat(width - to)}`;
}
function timeline_seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
/**
 * The timeline section of the job summary: each span in start order, with its start, end,
 * duration and a bar, so what ran beside what (the runtime build beside the tests) shows. Pure.
 */
function renderTimeline(spans, total) {
    if (spans.length === 0)
        return '';
    const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    const end = total ?? Math.max(...ordered.map(s => s.end));
    const lines = ['### Timeline', '', '| Step | Start | End | Took | |', '| --- | ---: | ---: | ---: | --- |'];
    for (const span of ordered) {
        const label = escapeText(span.label, 80) + (span.note ? ` (${escapeText(span.note, 80)})` : '');
        lines.push(`| ${label} | ${timeline_seconds(span.start)} | ${timeline_seconds(span.end)} | ${timeline_seconds(span.end - span.start)} | \`${timelineBar(span, end)}\` |`);
    }
    lines.push('', `Whole run: ${timeline_seconds(end)}.`, '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/pipeline.ts
// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).



























async function loadDockerfile(inputs, cwd) {
    const context = external_node_path_default().resolve(cwd, inputs.context);
    const file = inputs.file ? external_node_path_default().resolve(cwd, inputs.file) : external_node_path_default().join(context, 'Dockerfile');
    const display = external_node_path_default().relative(cwd, file) || file;
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'EISDIR') {
            throw new errors/* UserError */.y(`Dockerfile not found: ${display}. Set "file" to its path (relative to the workspace), or "context" to the folder that holds it.`);
        }
        throw error;
    }
    const graph = (0,dockerfile/* readDockerfile */.n_)(text, {
        file: display,
        buildArgs: inputs.buildArgs,
        // BUILDPLATFORM is this machine; TARGETPLATFORM the first platform asked for, as in docker build.
        platform: (0,platform/* nativePlatform */.N)(),
        targetPlatform: inputs.platforms[0],
        // TARGETSTAGE: the runtime build's target (planBuild reads the file again for the tester's).
        target: inputs.target || undefined
    });
    return { context, file, graph, text };
}
async function runPipeline(rawHost, cwd = process.cwd()) {
    const inputs = parseInputs(name => rawHost.input(name));
    // The engine and the builder are asked now, while the Dockerfile is read and checked.
    const probes = (0,engine_docker.probeEarly)(rawHost.env, inputs.builder);
    const report = parseReportInputs(name => rawHost.input(name));
    if (report.githubToken)
        rawHost.setSecret(report.githubToken);
    // secret-files and secret-envs join `secrets` here, so every value is masked before anything is logged.
    const resolved = await (0,src_secrets/* resolveSecrets */.Mx)(inputs, { env: rawHost.env, workspace: cwd });
    inputs.secrets = resolved.secrets;
    const masks = (0,src_secrets/* secretMaskValues */.rm)(inputs.secrets);
    for (const value of masks)
        rawHost.setSecret(value);
    for (const warning of resolved.warnings)
        rawHost.warning(warning);
    const secretValues = [...masks, report.githubToken].filter(v => v !== '');
    const host = redactingHost(rawHost, secretValues);
    const { context, file, graph, text } = await loadDockerfile(inputs, cwd);
    const plan = (0,src_plan/* planBuild */.C7)(graph, {
        target: inputs.target || undefined,
        testTarget: inputs.testTarget
    });
    const secretIds = inputs.secrets.map(s => s.id);
    for (const warning of (0,src_secrets/* checkSecretMounts */.Bm)(plan, secretIds))
        host.warning(warning);
    const checked = await runCheck(host, { inputs, report, graph, context, plan, secretValues, file, text });
    if (checked.failure)
        throw new PipelineFailure(checked.failure.message, checked.failure.result, 'build');
    const builder = await (0,engine_docker.detectBuilder)(host.env, probes);
    host.info(`Builder: ${builder.kind}: ${builder.reason}.`);
    if (builder.kind === 'legacy')
        host.warning(`Using the legacy builder: ${builder.reason}.`);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(host.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'stagegate-'));
    // The secret files live here: a cancelled run deletes them too.
    const forget = (0,cancel/* onCancel */.Ao)(() => (0,promises_.rm)(workDir, { recursive: true, force: true }));
    try {
        return await runStages(host, inputs, {
            context,
            file,
            graph,
            plan,
            builder,
            workDir,
            report,
            run: readRunContext(host.env),
            workspace: external_node_path_default().resolve(host.env.GITHUB_WORKSPACE || cwd),
            secretValues,
            check: checked.check,
            probes
        });
    }
    finally {
        forget();
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}
/**
 * The schedule: the whole run on one screen. The runtime build starts beside the gate; only what
 * ships (the push, the shared cache) waits for the tests to pass, and a failed gate stops the
 * runtime build. Each phase lives in its module: gate (src/gate), ship (src/ship), report
 * (src/report/phase.ts).
 */
async function runStages(host, inputs, stage) {
    const timeline = new Timeline();
    const secretFiles = await writeSecrets(host, inputs, stage.workDir);
    const run = await prepareRun(host, inputs, stage, timeline, secretFiles);
    const mapFile = reportFileMapper(stage);
    let runtimeJob = null;
    try {
        // `call` (check, outline, targets) evaluates the runtime target and builds nothing.
        if (inputs.call)
            return await callOnly(run);
        // 1. The runtime build starts now, beside the gate: it pushes nothing and writes no shared cache.
        runtimeJob = stage.plan.tester ? startRuntime(run) : null;
        warmFetch();
        // 2. The gate: the tester build, then the tests. A failure stops the runtime build and ends the run.
        const cachePushes = await gatePhase(run, mapFile, runtimeJob);
        // 3. The runtime image: the concurrent build's, or (no tester) built now, shipped in the same build
        //    when nothing is checked before the push.
        const { runtime, shipped } = runtimeJob
            ? { runtime: await finishRuntime(run, runtimeJob), shipped: false }
            : await buildAlone(run);
        // 4. Budgets are checked on the built image before anything is pushed; what the report needs
        //    from the engine is read while the push runs.
        const pushedAsLoaded = pushesLoaded(run);
        measureAhead(run, runtime, pushedAsLoaded);
        const assessment = await assessBeforePush(run, runtime);
        // 5. Ship: the push, then the shared cache, which follows the push's rule.
        await shipPhase(run, runtime, shipped, cachePushes);
        await summarizeBuilds(run, null);
        // 6. Report: measured (from the registry once pushed), compared, published, recorded.
        await reportPhase(run, runtime, assessment, pushedAsLoaded);
        return run.result;
    }
    finally {
        // Whatever ended the run, nothing of it runs on (the work folder with the secrets goes next).
        await runtimeJob?.stop();
        await Promise.all(run.pending);
        await host.appendSummary(renderTimeline(timeline.spans));
    }
}
/** Starts the runtime build beside the gate, timed for the timeline. */
function startRuntime(run) {
    const start = run.timeline.elapsed();
    const job = startRuntimeBuild(runtimeRequest(run));
    void job.done.then(({ build }) => run.timeline.add('Runtime build', start, build.cancelled ? 'stopped: the gate failed' : build.ok ? undefined : 'failed'), () => run.timeline.add('Runtime build', start, 'failed'));
    return job;
}
/** The concurrent runtime build, once the gate passed: its log printed, its result taken. */
async function finishRuntime(run, job) {
    await job.flush();
    const runtime = await job.done;
    run.result.builds.push(runtime.build);
    if (!runtime.build.ok)
        return run.buildFailed(runtime.build, run.plan.runtime);
    run.result.imageId = runtime.build.imageId;
    run.result.buildxMetadata = runtime.build.metadata;
    return runtime;
}
/** `call: check` and friends: one evaluation of the runtime target, no tests, no push, no report. */
async function callOnly(run) {
    const build = await runBuild(run.ctx, 'runtime', run.plan.runtime, { ...run.base, ...run.runtimeExtra }, NO_CACHE);
    run.result.builds.push(build);
    if (!build.ok)
        return run.buildFailed(build, run.plan.runtime);
    return run.result;
}
/** Secret values go to 0600 files passed with `--secret` (masked by runPipeline); never to build args. */
async function writeSecrets(host, inputs, workDir) {
    const files = [];
    for (const secret of inputs.secrets) {
        // A secret file is passed as it is: copying it through a string would corrupt binary content.
        if (secret.src) {
            files.push({ id: secret.id, src: secret.src });
            continue;
        }
        const src = external_node_path_default().join(workDir, `secret-${files.length}`);
        await (0,promises_.writeFile)(src, secret.value, { mode: 0o600 });
        files.push({ id: secret.id, src });
    }
    return files;
}
/**
 * Test reports name container paths (`/app/src/x.test.ts`) or context-relative ones: the
 * workspace file each one is, through the tester's WORKDIR and COPY, or null (no such file).
 */
function reportFileMapper(run_) {
    if (!run_.plan.tester)
        return () => null;
    const files = testerFiles(run_.graph, run_.plan.tester);
    const workspace = run_.workspace;
    const options = {
        context: external_node_path_default().relative(workspace, run_.context) || '.',
        workspace,
        exists: (p) => (0,external_node_fs_.statSync)(external_node_path_default().join(workspace, p), { throwIfNoEntry: false })?.isFile() ?? false
    };
    return file => mapReportPath(file, files, options);
}

;// CONCATENATED MODULE: ./src/untrusted-output.ts
// Output from code the action does not control (build steps, the test command) goes to the same
// log the runner reads workflow commands from. The runner honours `::stop-commands::TOKEN` …
// `::TOKEN::` (actions/runner src/Runner.Worker/ActionCommandManager.cs): while stopped it
// processes no command at all, in either the `::cmd::` or the legacy `##[cmd]` form, except the
// resume token. So untrusted lines are printed only between those two lines.

/** 128 random bits: the untrusted side can neither guess the token nor read it from our stdout. */
function freshToken() {
    return (0,external_node_crypto_.randomBytes)(16).toString('hex');
}
function stopLine(token) {
    return `::stop-commands::${token}`;
}
function resumeLine(token) {
    return `::${token}::`;
}
/**
 * An untrusted line as printed inside a block: any spelling of the current token is hidden, so
 * even output that somehow learned it cannot resume commands early (the runner compares the
 * token without regard to case, in `::TOKEN::` at a line start and in `##[TOKEN]` anywhere).
 */
function fencedLine(line, token) {
    return token === '' ? line : line.replace(new RegExp(untrusted_output_escapeRegExp(token), 'gi'), '***');
}
function untrusted_output_escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * One fence per output stream. Blocks may nest or overlap (two builds at once): the stream stays
 * stopped until the last one ends, because a resume while another block still prints would
 * leave that block's lines unprotected.
 */
function commandFence(write, newToken = freshToken) {
    let open = 0;
    let token = '';
    const stop = () => {
        token = newToken();
        if (!/^[0-9A-Za-z_-]{16,}$/.test(token))
            throw new Error('A stop-commands token must be 16+ word characters.');
        write(stopLine(token));
    };
    const resume = () => {
        write(resumeLine(token));
        token = '';
    };
    const emit = line => {
        if (open > 0) {
            write(fencedLine(line, token));
            return;
        }
        // A line that arrives after its block ended (a late callback) still gets a block of its own.
        stop();
        write(fencedLine(line, token));
        resume();
    };
    return {
        async untrusted(fn) {
            if (open++ === 0)
                stop();
            try {
                return await fn(emit);
            }
            finally {
                if (--open === 0)
                    resume();
            }
        },
        trusted(print) {
            if (open === 0)
                return print();
            resume();
            try {
                return print();
            }
            finally {
                stop();
            }
        }
    };
}

// EXTERNAL MODULE: ./src/commands/run-args.ts + 1 modules
var run_args = __webpack_require__(7263);
;// CONCATENATED MODULE: ./src/commands/run.ts
// `stagegate run`: the action's pipeline on a laptop. Flags are the action's inputs
// (`--tags`, `--test-command`, ...); the log goes to stderr, outputs to stdout.










const RUN_USAGE = `Usage: stagegate run [options]

Runs the action's pipeline here: builds the tester stage, runs the tests, builds (and with
--push pushes) the runtime stage. Every action input is a flag of the same name:

  --context DIR            build context (default .)
  -f, --file PATH          Dockerfile (default DIR/Dockerfile)
  --target NAME            runtime stage (default: the last stage)
  --test-target NAME       tester stage (default tester; none to skip the tests)
  --test-command CMD       run CMD in a container of the tester image
  --test-reports DIR       JUnit folder inside the tester container or image
  -t, --tag REF            image reference (repeatable)
  --push                   push the runtime image once tests passed
  --build-arg K=V          build argument (repeatable)
  --secret ID=VALUE        BuildKit secret (repeatable; hidden in all output); also as in
                           docker build: --secret id=ID,src=FILE or --secret id=ID,env=VAR
  --test-network MODE      network of the test container (default: --network)
  --label K=V, --platform P, --builder NAME, --network MODE, --no-cache, --pull
  --cache MODE, --cache-ref REF, --cache-from SPEC, --cache-to SPEC, --create-builder BOOL,
  --keep-builder

  As in docker buildx build (build-push-action's inputs of the same names):
  --add-host HOST:IP       host mapping for RUN steps (repeatable)
  --ssh default|ID=PATH    SSH agent socket or keys for RUN --mount=type=ssh (repeatable)
  --shm-size SIZE          /dev/shm of RUN steps, e.g. 2g
  --ulimit NAME=SOFT:HARD  ulimit of RUN steps (repeatable)
  --cgroup-parent PATH     parent cgroup of RUN steps
  --build-context N=SRC    extra named build context (repeatable; buildx)
  --allow ENTITLEMENT      e.g. network.host (repeatable; buildx)
  --no-cache-filter STAGE  build STAGE without cache (repeatable; buildx)
  --annotation K=V         image annotation (repeatable; buildx 0.12+)
  --provenance true|false|ATTRS, --sbom true|false|ATTRS, --attest ATTRS (repeatable; buildx 0.10+)
  -o, --output SPEC        exporter for the runtime image instead of loading it (repeatable; buildx)
  --call check|outline|targets
                           evaluate the runtime build instead of building it (buildx 0.15+)

  --check warn|error|off   the Dockerfile check before any build: annotate the findings
                           (default), fail on any finding, or skip it

  --summary FILE           write the job summary markdown to FILE
  --json                   print the outputs as one JSON object (plus "grew": the files behind
                           the size change, when new or changed layers were listed)
  --quiet                  do not stream the build log
`;
/** The terminal as a Host: the log on stderr, outputs and summary collected for the caller. */
function terminalHost(args, io, outputs, summary, state = {}) {
    const where = (w) => w?.file ? `${w.file}${w.startLine ? `:${w.startLine}` : ''}: ` : '';
    const line = (text) => io.stderr(`${text}\n`);
    // Inside a workflow's `run:` step the runner reads our stderr for workflow commands too.
    const fence = io.env.GITHUB_ACTIONS === 'true' ? commandFence(line) : null;
    return {
        input: name => args.inputs[name] ?? '',
        info: message => io.stderr(`${message}\n`),
        warning: (message, w) => io.stderr(`warning: ${where(w)}${message}\n`),
        error: (message, w) => io.stderr(`error: ${where(w)}${message}\n`),
        group: async (name, fn) => {
            io.stderr(`\n▶ ${name}\n`);
            return fn();
        },
        untrusted: fn => (fence ? fence.untrusted(fn) : fn(line)),
        setOutput: (name, value) => {
            outputs[name] = value;
        },
        setSecret: () => undefined, // redactingHost hides the values; there is no runner to tell
        saveState: (name, value) => {
            state[name] = value;
        },
        appendSummary: async (markdown) => {
            summary.push(markdown);
        },
        streamBuildLog: !args.quiet,
        env: io.env
    };
}
/** One output on a terminal line; the markdown report is pointed to rather than printed escaped. */
function outputLine(name, value) {
    if (name === 'report' && value !== '') {
        return `(markdown, ${value.split('\n').length} lines: --summary FILE writes it, --json prints it)`;
    }
    return value.includes('\n') ? JSON.stringify(value) : value;
}
/** The structured "What grew" for --json, every string redacted as the outputs are. */
function grewValue(result) {
    if (!result.grew)
        return null;
    const secrets = result.secretValues ?? [];
    return JSON.parse(JSON.stringify(result.grew), (_key, value) => typeof value === 'string' ? redact(value, secrets) : value);
}
async function runCommand(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(RUN_USAGE);
        return 0;
    }
    let args;
    try {
        args = (0,run_args.parseRunArgs)(argv);
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.y))
            throw error;
        io.stderr(`stagegate run: ${error.message}\n`);
        return 2;
    }
    const outputs = {};
    let grew = null;
    const summary = [];
    const state = {};
    const host = terminalHost(args, io, outputs, summary, state);
    let code = 0;
    // Ctrl-C (or a SIGTERM): stop the builds and the test container, remove the secret files.
    const uninstall = (0,cancel/* installCancellation */.zG)({
        log: message => io.stderr(`${message}\n`),
        exit: c => process.exit(c)
    });
    try {
        const result = await runPipeline(host, io.cwd);
        Object.assign(outputs, outputValues(result));
        grew = grewValue(result);
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.y))
            throw error;
        // A pipeline failure was already reported once, with its file and line: don't say it twice.
        if (error instanceof PipelineFailure) {
            Object.assign(outputs, outputValues(error.result));
            grew = grewValue(error.result);
        }
        else
            io.stderr(`error: ${error.message}\n`);
        code = 1;
    }
    finally {
        uninstall();
        // The end of a CLI run is the end of its job: a builder it made goes, as in the post step.
        await cleanupBuilder(host, state[CREATED_BUILDER_STATE] ?? '', args.inputs['keep-builder'] === 'true');
    }
    if (args.summaryFile)
        await (0,promises_.writeFile)(args.summaryFile, summary.join('\n'));
    if (args.json)
        io.stdout(`${JSON.stringify(grew ? { ...outputs, grew } : outputs, null, 2)}\n`);
    else
        for (const [name, value] of Object.entries(outputs))
            io.stdout(`${name}=${outputLine(name, value)}\n`);
    return code;
}


/***/ }),

/***/ 7194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bm: () => (/* binding */ checkSecretMounts),
/* harmony export */   Mx: () => (/* binding */ resolveSecrets),
/* harmony export */   UY: () => (/* binding */ checkDuplicateSecretIds),
/* harmony export */   ev: () => (/* binding */ parseSecretValues),
/* harmony export */   fb: () => (/* binding */ quoteListEntry),
/* harmony export */   lW: () => (/* binding */ splitListInput),
/* harmony export */   q1: () => (/* binding */ parseSecretRefs),
/* harmony export */   rm: () => (/* binding */ secretMaskValues)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _dockerfile_stages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9071);
// BuildKit secrets from three inputs, read the way docker/build-push-action reads them
// (`secrets`, `secret-files`, `secret-envs`), then checked against the RUN --mount=type=secret
// lines of the stages the build needs, before anything is built.




// The ids BuildKit reads for git sources (ADD of a git URL, a git context) without any mount.
const IMPLICIT_SECRET_IDS = /^GIT_AUTH_(TOKEN|HEADER)(\..+)?$/;
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
/**
 * Splits a list input as docker/actions-toolkit's `Util.getList` does with csv-parse (relaxQuotes,
 * relaxColumnCount, skipEmptyLines, no comment character): one entry per line, a `"`-quoted
 * field may span lines and holds `""` for a quote, and with `ignoreComma` commas stay inside the
 * entry. Entries are not trimmed. Pure; a quote left open is a UserError naming the input and line.
 */
function splitListInput(name, raw, options) {
    const records = [];
    let fields = [];
    let field = '';
    let quoting = false;
    let wasQuoting = false;
    let line = 1;
    let recordLine = 1;
    let quoteLine = 1;
    const endField = () => {
        fields.push(field);
        field = '';
        wasQuoting = false;
    };
    const endRecord = () => {
        endField();
        records.push({ fields, line: recordLine });
        fields = [];
    };
    for (let i = 0; i < raw.length; i++) {
        const ch = raw[i];
        const next = raw[i + 1];
        const newline = ch === '\n' || ch === '\r';
        if (quoting) {
            if (ch === '"' && next === '"') {
                field += '"';
                i++;
            }
            else if (ch === '"') {
                quoting = false;
                wasQuoting = true;
                // relaxQuotes: a closing quote followed by more text makes the whole field literal text.
                if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
                    field = `"${field}"`;
            }
            else {
                field += ch;
            }
            if (newline)
                line += ch === '\r' && next === '\n' ? 0 : 1;
            continue;
        }
        if (newline) {
            if (ch === '\r' && next === '\n')
                i++;
            if (!(fields.length === 0 && field === '' && !wasQuoting))
                endRecord();
            line++;
            recordLine = line;
        }
        else if (ch === ',') {
            endField();
        }
        else if (ch === '"' && field === '') {
            quoting = true;
            quoteLine = line;
        }
        else {
            field += ch;
        }
    }
    if (quoting) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Input "${name}", line ${quoteLine}: the quoted entry that starts there is never closed; end it with a '"' (write "" for a quote inside it).`);
    }
    if (fields.length > 0 || field !== '' || wasQuoting)
        endRecord();
    const entries = [];
    for (const record of records) {
        const texts = record.fields.length === 1
            ? options.ignoreComma
                ? record.fields
                : record.fields[0].split(',')
            : options.ignoreComma
                ? [record.fields.join(',')]
                : record.fields;
        for (const text of texts)
            if (text !== '')
                entries.push({ text, line: record.line });
    }
    return entries;
}
/** Quotes one entry so splitListInput reads it back unchanged (newlines, quotes and all). Pure. */
function quoteListEntry(text) {
    return /^["]|[\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function idProblem(id) {
    if (id === '')
        return 'the id before "=" is empty';
    if (!SECRET_ID.test(id))
        return `the id may only hold letters, digits, '_', '.' and '-'`;
    return null;
}
/**
 * `secrets`: `id=value` entries, build-push-action's syntax. The value is everything after the first
 * `=`, untouched: not trimmed, `#` and commas kept; a value of several lines is one quoted entry.
 * An entry that starts with `#` is a comment. Messages never show a value. Pure.
 */
function parseSecretValues(raw) {
    const secrets = [];
    for (const entry of splitListInput('secrets', raw, { ignoreComma: true })) {
        if (entry.text.trim() === '' || entry.text.startsWith('#'))
            continue;
        const eq = entry.text.indexOf('=');
        const id = eq < 0 ? '' : entry.text.slice(0, eq);
        const problem = eq < 0 ? 'expected id=value' : idProblem(id);
        if (problem) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Input "secrets", line ${entry.line}: ${problem}. One id=value per line; a value of several lines is one quoted entry: "id=line 1<newline>line 2".`);
        }
        secrets.push({ id, value: entry.text.slice(eq + 1) });
    }
    return secrets;
}
/** `secret-files` (`id=path`) and `secret-envs` (`id=ENV_NAME`, commas also separate). Pure. */
function parseSecretRefs(name, raw) {
    const entries = splitListInput(name, raw, { ignoreComma: name === 'secret-files' });
    const refs = [];
    for (const entry of entries) {
        const text = entry.text.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const eq = text.indexOf('=');
        const id = eq < 0 ? '' : text.slice(0, eq).trim();
        const target = eq < 0 ? '' : text.slice(eq + 1).trim();
        const what = name === 'secret-files' ? 'id=path' : 'id=ENV_NAME';
        const problem = eq < 0 || target === '' ? `expected ${what}, got "${text}"` : idProblem(id);
        if (problem)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Input "${name}", line ${entry.line}: ${problem}.`);
        refs.push([id, target]);
    }
    return refs;
}
/** One id fed twice is a mistake (which value wins is up to the builder): refuse it. Pure. */
function checkDuplicateSecretIds(sources) {
    const seen = new Map();
    for (const { input, ids } of sources) {
        for (const id of ids) {
            const first = seen.get(id);
            if (first !== undefined) {
                const where = first === input ? `twice in "${input}"` : `in both "${first}" and "${input}"`;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Secret "${id}" is given ${where}: keep one.`);
            }
            seen.set(id, input);
        }
    }
}
/**
 * All secrets with their values: `secrets` as given, `secret-files` read, `secret-envs` looked up.
 * A missing file or variable is a UserError naming the input and what is missing; an empty value
 * (a repository secret not available to this run, as on a fork's pull request) is left out with a
 * warning, as build-push-action does.
 */
async function resolveSecrets(inputs, sources) {
    const read = sources.read ?? (file => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file));
    const secrets = [];
    const warnings = [];
    const keep = (secret, input) => {
        if (secret.value === '' && secret.src === undefined) {
            warnings.push(`Secret "${secret.id}" (${input}) is empty, so it is not passed to the build; on a pull request from a fork, repository secrets are empty.`);
        }
        else
            secrets.push(secret);
    };
    for (const secret of inputs.secrets)
        keep(secret, 'secrets');
    for (const ref of inputs.secretFiles) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(sources.workspace, ref.path);
        let content;
        try {
            content = await read(file);
        }
        catch (error) {
            const code = error.code;
            const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Input "secret-files": the file of secret "${ref.id}", ${ref.path}, ${why}` +
                (node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(ref.path) ? '.' : ` (relative paths start at ${sources.workspace}).`));
        }
        if (content.length === 0)
            keep({ id: ref.id, value: '' }, 'secret-files');
        else
            keep({ id: ref.id, value: content.toString('utf8'), src: file }, 'secret-files');
    }
    for (const ref of inputs.secretEnvs) {
        const value = sources.env[ref.name];
        if (value === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`Input "secret-envs": secret "${ref.id}" reads the environment variable ${ref.name}, which is not set. Set it in the step's env: (or export it), or remove the entry.`);
        }
        keep({ id: ref.id, value }, 'secret-envs');
    }
    return { secrets, warnings };
}
/**
 * What to mask: each value, and each line of a multi-line value on its own, because the log is
 * written line by line. Lines shorter than 4 characters (`}`, `---`) would blank out unrelated log
 * text and say little about the secret, so they are left out. Pure.
 */
function secretMaskValues(secrets) {
    const values = new Set();
    for (const { value } of secrets) {
        if (value === '')
            continue;
        values.add(value);
        const lines = value.split(/\r?\n/);
        if (lines.length > 1)
            for (const l of lines)
                if (l.trim().length >= 4)
                    values.add(l.trim());
    }
    return [...values];
}
/**
 * Compares the secrets given with the secret mounts of the stages the build needs. A
 * `required=true` mount no secret feeds is a DockerfileError at its line (the build would fail
 * there, after everything before it was built); a secret no mount uses is a warning (often a
 * typo in the id, or a multi-line value that was not quoted and became several secrets). Pure.
 */
function checkSecretMounts(plan, secretIds) {
    const stages = new Map();
    for (const s of [...plan.testerStages, ...plan.runtimeStages])
        stages.set(s.index, s);
    const mounts = [];
    for (const stage of stages.values())
        for (const mount of (0,_dockerfile_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .secretMounts */ .fS)(stage))
            mounts.push({ mount, stage });
    const given = new Set(secretIds);
    for (const { mount, stage } of mounts) {
        if (mount.required && mount.id !== null && !given.has(mount.id)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DockerfileError */ .t(plan.graph.file, mount.line, `stage "${(0,_dockerfile_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .stageLabel */ .Hn)(stage)}" mounts the secret "${mount.id}" with required=true, but no secret has that id. ` +
                `Give it in "secrets" (${mount.id}=...), "secret-files" or "secret-envs" (on the command line: --secret id=${mount.id},src=FILE).`);
        }
    }
    // A mount whose id comes from a variable could use any secret: name none as unused.
    if (mounts.some(m => m.mount.id === null))
        return [];
    const mounted = new Set(mounts.map(m => m.mount.id));
    const names = [...stages.values()].map(_dockerfile_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .stageLabel */ .Hn).join(', ');
    return secretIds
        .filter(id => !mounted.has(id) && !IMPLICIT_SECRET_IDS.test(id))
        .map(id => `Secret "${id}" is given, but no RUN --mount=type=secret in the stages this build needs (${names}) uses it. ` +
        `Check the id; a value of several lines must be one quoted entry, or each of its lines becomes a secret of its own.`);
}


/***/ })

};
