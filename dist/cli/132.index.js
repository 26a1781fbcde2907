export const id = 132;
export const ids = [132];
export const modules = {

/***/ 4132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RUN_USAGE: () => (/* binding */ RUN_USAGE),
  outputLine: () => (/* binding */ outputLine),
  parseRunArgs: () => (/* binding */ parseRunArgs),
  runCommand: () => (/* binding */ run_runCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/action-inputs.ts
// The action's inputs as the command line accepts them (`stagegate run --tags a --push`).
// A unit test keeps this list equal to action.yml, so the CLI and the action never drift apart.
/** Inputs that may be given several times on the command line; values are joined with newlines. */
const REPEATABLE_INPUTS = [
    'tags',
    'labels',
    'build-args',
    'secrets',
    'platforms',
    'cache-from',
    'cache-to',
    'baseline-branches'
];
/** Inputs that are booleans: `--push` alone means true. */
const BOOLEAN_INPUTS = ['push', 'no-cache', 'pull', 'create-builder'];
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
    'platforms',
    'builder',
    'network',
    'no-cache',
    'pull',
    'cache',
    'cache-ref',
    'cache-from',
    'cache-to',
    'create-builder',
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
    platform: 'platforms'
};

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
        'image-id': result.imageId ?? '',
        digest: result.digest ?? '',
        tags: result.tags.join('\n'),
        metadata: JSON.stringify({
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/build/cache.ts

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
    const lastSlash = cacheRef.lastIndexOf('/');
    const colon = cacheRef.indexOf(':', lastSlash + 1);
    if (colon < 0)
        return `${cacheRef}:cache-${target}`;
    return `${cacheRef}-${target}`.replace(/:(.{120}).*$/, ':$1');
}
/** Cache flags for one build. Pure. */
function planCache(req) {
    const mode = resolveCacheMode(req);
    const plan = {
        mode,
        cacheFrom: [],
        cacheTo: [],
        inlineCache: false,
        pushCacheImage: null,
        env: {},
        notes: []
    };
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
            plan.cacheTo = [`type=gha,scope=${cacheScope(req.imageName, req.target)},mode=max`];
            break;
        }
        case 'registry': {
            if (req.cacheRef === '')
                throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty.');
            if (req.builder === 'buildx') {
                plan.cacheFrom = others.map(t => `type=registry,ref=${cacheRefFor(req.cacheRef, t)}`);
                plan.cacheTo = [`type=registry,ref=${cacheRefFor(req.cacheRef, req.target)},mode=max`];
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

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(1955);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/build/builder.ts
// Which builder drives the build. GitHub's runners have buildx; some machines only have a
// docker client older than 23.0 that talks to the engine's built-in BuildKit; the legacy builder
// is the last resort (no secrets, no RUN --mount, no BuildKit cache).
/** Docker 23.0 made `docker build` an alias of buildx: newer clients cannot drive BuildKit without it. */
const BUILDKIT_WITHOUT_BUILDX_BELOW = 23;
function majorVersion(version) {
    const match = /^v?(\d+)\./.exec(version ?? '');
    return match ? Number(match[1]) : null;
}
/**
 * Picks the builder from the probes of every docker client on PATH, in PATH order.
 * buildx anywhere wins; else a client that drives BuildKit itself; else the first client, legacy.
 */
function chooseBuilder(probes) {
    const first = probes[0];
    if (!first) {
        throw new Error('no docker client found on PATH');
    }
    const withBuildx = probes.find(p => p.buildxVersion !== null);
    if (withBuildx) {
        return {
            kind: 'buildx',
            client: withBuildx.path,
            buildxVersion: withBuildx.buildxVersion,
            reason: `buildx ${withBuildx.buildxVersion} is available with ${withBuildx.path}`
        };
    }
    const direct = probes.find(p => {
        const major = majorVersion(p.clientVersion);
        return major !== null && major < BUILDKIT_WITHOUT_BUILDX_BELOW;
    });
    const describe = (p) => `${p.path} (${p.clientVersion ?? 'version unknown'})`;
    if (direct) {
        const skipped = probes.filter(p => p !== direct).map(describe);
        return {
            kind: 'buildkit',
            client: direct.path,
            buildxVersion: null,
            reason: `no buildx plugin found; ${describe(direct)} drives the engine's built-in BuildKit with DOCKER_BUILDKIT=1` +
                (skipped.length > 0 ? `; skipped ${skipped.join(', ')}: docker 23+ needs buildx for BuildKit` : '')
        };
    }
    return {
        kind: 'legacy',
        client: first.path,
        buildxVersion: null,
        reason: `no buildx plugin and no docker client older than ${BUILDKIT_WITHOUT_BUILDX_BELOW}.0 found ` +
            `(${probes.map(describe).join(', ')}): using the legacy builder, without BuildKit cache, secrets or RUN --mount. ` +
            'Install the buildx plugin (docker/setup-buildx-action) for the full pipeline'
    };
}

;// CONCATENATED MODULE: ./src/build/docker.ts





/**
 * Runs a process and collects its output. Never throws on a non-zero exit: the caller decides
 * what a failure means (a failing test is not an error of stagegate's).
 */
async function run(command, args, options = {}) {
    const keep = options.tailLines ?? 400;
    const tail = [];
    const stdoutChunks = [];
    const onLine = (line) => {
        tail.push(line.replace(/\r$/, ''));
        if (tail.length > keep)
            tail.shift();
        options.onLine?.(line);
    };
    try {
        const exitCode = await (0,exec/* exec */.m)(command, args, {
            silent: true,
            ignoreReturnCode: true,
            env: { ...process.env, ...options.env },
            input: options.input === undefined ? undefined : Buffer.from(options.input),
            listeners: { stdout: chunk => stdoutChunks.push(chunk), stdline: onLine, errline: onLine }
        });
        while (tail.length > 0 && tail[tail.length - 1] === '')
            tail.pop();
        return { exitCode, stdout: Buffer.concat(stdoutChunks).toString('utf8'), tail };
    }
    catch (error) {
        if (/Unable to locate executable|ENOENT/.test(String(error))) {
            throw new errors/* UserError */.y(`${command} was not found: is Docker installed?`);
        }
        throw error;
    }
}
/** Every distinct `docker` executable on PATH, in PATH order (symlinks to the same file count once). */
function dockerClientsOnPath(pathVariable = process.env.PATH ?? '') {
    const found = [];
    const seen = new Set();
    for (const dir of pathVariable.split((external_node_path_default()).delimiter)) {
        if (!dir)
            continue;
        const candidate = external_node_path_default().join(dir, 'docker');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            const real = (0,external_node_fs_.realpathSync)(candidate);
            if (seen.has(real))
                continue;
            seen.add(real);
            found.push(candidate);
        }
        catch {
            // not there, or not executable
        }
    }
    return found;
}
async function probeClient(client) {
    // Two calls at once: buildx, and both versions in one `docker version` (which exits non-zero
    // when the engine is down but still prints the client's version).
    const [buildx, version] = await Promise.all([
        run(client, ['buildx', 'version']).catch(() => null),
        run(client, ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}']).catch(() => null)
    ]);
    const buildxVersion = buildx && buildx.exitCode === 0 ? (/\bv?\d+\.\d+\.\d+\S*/.exec(buildx.stdout)?.[0] ?? 'unknown') : null;
    const [clientVersion = '', serverVersion = ''] = (version?.stdout.trim().split('\n')[0] ?? '').split('|');
    const serverError = version?.tail
        .filter(l => l.trim() !== '' && !l.includes('|'))
        .slice(-3)
        .join(' ');
    return {
        path: client,
        clientVersion: clientVersion.trim() || null,
        buildxVersion,
        serverVersion: serverVersion.trim() || null,
        serverError
    };
}
/**
 * Probes the docker clients (STAGEGATE_DOCKER first when set) and picks the builder.
 * Also checks that the engine answers, so a stopped daemon is reported before any build.
 */
async function detectBuilder(env = process.env) {
    const forced = env.STAGEGATE_DOCKER?.trim();
    const clients = forced ? [forced] : dockerClientsOnPath(env.PATH);
    if (clients.length === 0) {
        throw new errors/* UserError */.y('No docker client was found on PATH. Install Docker, or set STAGEGATE_DOCKER to its path.');
    }
    const probes = await Promise.all(clients.map(probeClient));
    const choice = chooseBuilder(probes);
    const chosen = probes.find(p => p.path === choice.client);
    if (!chosen?.serverVersion) {
        const why = chosen?.serverError || 'no answer';
        throw new errors/* UserError */.y(`The Docker engine does not answer (${choice.client} version: ${why}). Start it, then run again.`);
    }
    return choice;
}

;// CONCATENATED MODULE: ./src/build/buildx.ts

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
async function inspectDriver(builder, name) {
    const inspected = await run(builder.client, ['buildx', 'inspect', ...(name ? [name] : [])]);
    const driver = inspected.exitCode === 0 ? driverFromInspect(inspected.stdout) : null;
    const info = await run(builder.client, ['info', '--format', '{{json .DriverStatus}}']);
    return { driver, containerdStore: usesContainerdStore(info.stdout) };
}
/** Creates (or reuses) the docker-container builder and returns its name. */
async function ensureContainerBuilder(host, builder) {
    const existing = await run(builder.client, ['buildx', 'inspect', CONTAINER_BUILDER]);
    if (existing.exitCode !== 0) {
        const created = await run(builder.client, [
            'buildx',
            'create',
            '--name',
            CONTAINER_BUILDER,
            '--driver',
            'docker-container'
        ]);
        if (created.exitCode !== 0) {
            host.warning(`Could not create a docker-container builder: ${created.tail.slice(-2).join(' ')}`);
            return '';
        }
    }
    return CONTAINER_BUILDER;
}

// EXTERNAL MODULE: ./src/dockerfile/index.ts + 3 modules
var dockerfile = __webpack_require__(4351);
;// CONCATENATED MODULE: ./src/build/command.ts

/** The exact docker argument list for one build on the chosen builder. Pure. */
function buildCommand(req, kind) {
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
    if (req.platforms.length > 0)
        args.push('--platform', req.platforms.join(','));
    if (req.noCache)
        args.push('--no-cache');
    if (req.pull)
        args.push('--pull');
    for (const from of req.cacheFrom)
        args.push('--cache-from', from);
    if (kind === 'buildx')
        for (const to of req.cacheTo)
            args.push('--cache-to', to);
    args.push('--iidfile', req.iidFile);
    if (kind === 'buildx') {
        if (req.metadataFile)
            args.push('--metadata-file', req.metadataFile);
        if (req.output)
            args.push('--output', req.output);
        else if (req.push)
            args.push('--push');
        else if (req.load)
            args.push('--load');
    }
    args.push(req.context);
    const env = { DOCKER_BUILDKIT: kind === 'legacy' ? '0' : '1' };
    return { args, env };
}
/** `docker run` for the test command in a container of the tester image. Pure. */
function testRunCommand(opts) {
    const args = ['run', '--rm', '--name', opts.name];
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

;// CONCATENATED MODULE: ./src/build/failure.ts

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
/** Output lines worth showing: the failing step's own output, else the build's last lines. */
function failureOutput(step, tail, limit) {
    const own = step?.logs.filter(l => l.trim() !== '') ?? [];
    const lines = own.length > 0 ? own : tail;
    return lines.slice(-limit);
}

;// CONCATENATED MODULE: ./src/build/progress.ts
// Reads BuildKit's `--progress=plain` output (and the legacy builder's `Step k/n`) into steps:
// which ran, which were CACHED, which failed and what they printed. Pure: fed line by line.
const KEEP_LOG_LINES = 200;
const VERTEX = /^#(\d+) (.*)$/;
const STEP_NAME = /^\[(?:([^\]\s]+) )?(\d+)\/(\d+)\] (.*)$/;
const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
class ProgressReader {
    byId = new Map();
    legacyCurrent = null;
    /** Lines that belong to no step (BuildKit's closing error block, docker's own messages). */
    trailer = [];
    push(rawLine) {
        const line = rawLine.replace(/\r$/, '');
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
        logs: []
    };
}
function appendLog(step, line) {
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
/** The Dockerfile step that failed, or the first failed vertex of any kind. */
function failedStep(steps) {
    return steps.find(s => s.error !== null && s.dockerfileStep) ?? steps.find(s => s.error !== null);
}
/** How many Dockerfile steps ran and how many were cache hits, per stage, in order of first appearance. */
function countSteps(steps) {
    const counts = new Map();
    for (const step of steps) {
        if (!step.dockerfileStep || /^FROM /i.test(step.name))
            continue;
        let entry = counts.get(step.stage);
        if (!entry) {
            entry = { stage: step.stage, ran: 0, cached: 0 };
            counts.set(step.stage, entry);
        }
        if (step.cached)
            entry.cached++;
        else if (step.done || step.error !== null)
            entry.ran++;
    }
    return [...counts.values()];
}

;// CONCATENATED MODULE: ./src/build/run-build.ts







/** Lines of output shown with a failure, in the log and the summary. */
const FAILURE_LINES = 50;
/** Runs one `docker build` of one target and reads what happened from its plain progress output. */
async function runBuild(ctx, role, stage, base, cache) {
    const iidFile = external_node_path_default().join(ctx.workDir, `${role}.iid`);
    const metadataFile = external_node_path_default().join(ctx.workDir, `${role}.metadata.json`);
    const request = {
        ...base,
        // --target takes names only; an unnamed stage can only be the runtime as the last stage.
        target: stage.name ?? '',
        iidFile,
        metadataFile: ctx.builder.kind === 'buildx' ? metadataFile : undefined,
        cacheFrom: cache.cacheFrom,
        cacheTo: cache.cacheTo,
        inlineCache: cache.inlineCache
    };
    const command = buildCommand(request, ctx.builder.kind);
    const reader = new ProgressReader();
    const started = performance.now();
    const result = await ctx.host.group(`Build the ${role} stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}"`, async () => {
        ctx.host.info(`${ctx.builder.client} ${command.args.join(' ')}`);
        return run(ctx.builder.client, command.args, {
            env: { ...command.env, ...cache.env },
            onLine: line => {
                reader.push(line);
                if (ctx.host.streamBuildLog)
                    ctx.host.info(line);
            }
        });
    });
    const seconds = (performance.now() - started) / 1000;
    const steps = reader.steps();
    const outcome = {
        role,
        stage,
        ok: result.exitCode === 0,
        seconds,
        counts: countSteps(steps),
        imageId: null,
        digest: null,
        failure: null
    };
    if (!outcome.ok) {
        const step = failedStep(steps);
        const output = failureOutput(step, result.tail, FAILURE_LINES);
        if (step) {
            const where = locateFailure(step, ctx.graph, stage);
            const at = where.line !== null ? `${ctx.graph.file}:${where.line}` : ctx.graph.file;
            const code = where.exitCode !== null ? `exit code ${where.exitCode}` : (step.error ?? 'failed');
            outcome.failure = {
                ...where,
                output,
                message: `The ${role} build failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
            };
        }
        else {
            const last = result.tail.filter(l => l.trim() !== '').slice(-1)[0] ?? `exit code ${result.exitCode}`;
            outcome.failure = {
                stage: (0,dockerfile/* stageLabel */.Hn)(stage),
                step: '',
                line: null,
                exitCode: result.exitCode,
                output,
                message: `The ${role} build of stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}" failed: ${last}`
            };
        }
        return outcome;
    }
    outcome.imageId = (await (0,promises_.readFile)(iidFile, 'utf8').catch(() => '')).trim() || null;
    if (request.metadataFile) {
        const metadata = await (0,promises_.readFile)(request.metadataFile, 'utf8').catch(() => '');
        outcome.digest = digestFromMetadata(metadata);
    }
    return outcome;
}
/** buildx's metadata file carries the pushed manifest's digest as `containerimage.digest`. */
function digestFromMetadata(json) {
    try {
        const value = JSON.parse(json)['containerimage.digest'];
        return typeof value === 'string' && value.startsWith('sha256:') ? value : null;
    }
    catch {
        return null;
    }
}
/** `docker push` prints `<tag>: digest: sha256:… size: N` at the end. */
function digestFromPushOutput(output) {
    const match = /digest: (sha256:[0-9a-f]{64})/.exec(output);
    return match ? (match[1] ?? null) : null;
}

;// CONCATENATED MODULE: ./src/gate/run-tests.ts




/** Runs `test-command` in a container of the tester image; the exit code decides. */
async function runTestCommand(host, builder, opts) {
    if (opts.reportsHostDir) {
        await (0,promises_.mkdir)(opts.reportsHostDir, { recursive: true });
        // Tests may run as a non-root USER of the image; they must be able to write their reports.
        await (0,promises_.chmod)(opts.reportsHostDir, 0o777);
    }
    const args = testRunCommand({ ...opts, name: `stagegate-tests-${process.pid}-${Date.now()}` });
    const started = performance.now();
    const result = await host.group('Run the tests in the tester image', async () => {
        host.info(`${builder.client} ${args.join(' ')}`);
        return run(builder.client, args, { onLine: line => host.info(line) });
    });
    return { exitCode: result.exitCode, seconds: (performance.now() - started) / 1000, tail: result.tail };
}
/**
 * Copies a folder out of an image without running it (`docker create` + `docker cp`), for reports
 * that the tester stage's RUN steps wrote. Returns false when the folder is not in the image.
 */
async function copyFromImage(builder, image, containerDir, hostDir) {
    const created = await run(builder.client, ['create', image, '/bin/true']);
    const id = created.stdout.trim();
    if (created.exitCode !== 0 || id === '')
        return false;
    try {
        await (0,promises_.mkdir)(hostDir, { recursive: true });
        const copied = await run(builder.client, ['cp', `${id}:${containerDir.replace(/\/?$/, '/.')}`, hostDir]);
        return copied.exitCode === 0;
    }
    finally {
        await run(builder.client, ['rm', '--force', id]);
    }
}
/** Every `*.xml` file below a folder (JUnit reports), with its text. */
async function readReportFiles(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
        .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
        .map(e => external_node_path_default().join(e.parentPath, e.name))
        .sort();
    return Promise.all(files.map(async (file) => ({ path: external_node_path_default().relative(dir, file), xml: await (0,promises_.readFile)(file, 'utf8') })));
}

;// CONCATENATED MODULE: ./src/inputs.ts

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
    const testTarget = get('test-target').trim();
    const buildArgs = {};
    for (const [key, value] of parseKeyValues('build-args', get('build-args')))
        buildArgs[key] = value;
    const secrets = parseKeyValues('secrets', get('secrets')).map(([id, value]) => {
        if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
            // The id is not quoted: a multi-line secret value can look like `part=rest`.
            throw new errors/* UserError */.y(`Input "secrets": an id may only hold letters, digits, '_', '.' and '-' (one id=value per line).`);
        }
        return { id, value };
    });
    const inputs = {
        context: get('context').trim() || '.',
        file: get('file').trim(),
        target: get('target').trim(),
        testTarget: testTarget.toLowerCase() === 'none' ? null : testTarget || 'tester',
        testCommand: get('test-command').trim(),
        testReports: get('test-reports').trim(),
        tags: parseList(get('tags')),
        labels: parseLines(get('labels')),
        buildArgs,
        secrets,
        platforms: parseList(get('platforms')),
        builder: get('builder').trim(),
        network: get('network').trim(),
        noCache: parseBoolean('no-cache', get('no-cache'), false),
        pull: parseBoolean('pull', get('pull'), false),
        push: parseBoolean('push', get('push'), false),
        cache: parseChoice('cache', get('cache'), ['auto', 'gha', 'registry', 'inline', 'none'], 'auto'),
        cacheRef: get('cache-ref').trim(),
        cacheFrom: parseLines(get('cache-from')),
        cacheTo: parseLines(get('cache-to')),
        createBuilder: parseBoolean('create-builder', get('create-builder'), true)
    };
    validateInputs(inputs);
    return inputs;
}
function validateInputs(inputs) {
    if (inputs.push && inputs.tags.length === 0) {
        throw new errors/* UserError */.y('Input "push" is true but no "tags" were given: name at least one tag to push to.');
    }
    if (inputs.testTarget === null && (inputs.testCommand !== '' || inputs.testReports !== '')) {
        throw new errors/* UserError */.y('Input "test-target" is none, so "test-command" and "test-reports" would never run: remove them or name the tester stage.');
    }
    if (inputs.testReports !== '' && !inputs.testReports.startsWith('/')) {
        throw new errors/* UserError */.y(`Input "test-reports" must be an absolute path inside the container, got "${inputs.testReports}".`);
    }
    if (inputs.cache === 'registry' && inputs.cacheRef === '') {
        throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty: name an image reference to hold the cache.');
    }
    for (const tag of inputs.tags) {
        if (/\s/.test(tag) || tag.startsWith('-'))
            throw new errors/* UserError */.y(`Input "tags": "${tag}" is not an image reference.`);
    }
}

// EXTERNAL MODULE: ./src/plan.ts
var src_plan = __webpack_require__(2464);
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
            return { ...layer, compressed: match.compressed, digest: match.digest };
        });
        return { ...p, compressed, layers };
    });
    return { ...current, platforms };
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

;// CONCATENATED MODULE: ./src/report/render.ts


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
const INSTRUCTION_CHARS = 120;
const LEVELS = [
    { fullLayers: 1000, diffRows: 500, failures: 20, chart: true },
    { fullLayers: 100, diffRows: 500, failures: 20, chart: true },
    { fullLayers: 0, diffRows: 400, failures: 20, chart: true },
    { fullLayers: 0, diffRows: 200, failures: 20, chart: true },
    { fullLayers: 0, diffRows: 50, failures: 10, chart: true },
    { fullLayers: 0, diffRows: 10, failures: 5, chart: false }
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
        input.budgets?.notes.length ? input.budgets.notes.map(n => `> ℹ️ ${escapeText(n, 300)}`) : [],
        input.tests ? testSection(input.tests, detail.failures) : [],
        input.tester ? [splitLine(input.current, input.tester, context.primary?.platform)] : [],
        platformTable(context),
        layerDiff(context, detail),
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
    if (!baseline || comparison.total.deltaBytes === null) {
        return [
            `📦 **${formatBytes(size)}** compressed${where}. No baseline to compare with yet.`,
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
        `${TIER_ICON[tier]} **${formatBytes(size)}** compressed${where}, **${change}** against ${against}.${shifted}`
    ];
}
function baselineLabel(baseline) {
    const at = baseline.sha && /^[0-9a-f]{7,64}$/i.test(baseline.sha) ? ` at ${baseline.sha.slice(0, 7)}` : '';
    return baseline.origin === 'registry'
        ? `${code(baseline.ref, 120)}${at}`
        : `${code(baseline.ref, 100)}${at}`;
}
const OUTCOME_ICON = { passed: '✅', failed: '❌', skipped: '⏭️' };
/** How the tests ran, in words: shared by the report and the build summary. */
function testModeLabel(mode) {
    return mode === 'command'
        ? 'test-command in the tester image'
        : mode === 'build'
            ? 'tester stage build'
            : '';
}
function testSection(tests, maxFailures) {
    if (tests.outcome === 'skipped')
        return [`${OUTCOME_ICON.skipped} Tests skipped (no tester stage)`];
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
        `${OUTCOME_ICON[tests.outcome]} **Tests ${tests.outcome}**${how}${counts.length ? `: ${counts.join(', ')}` : ''}${time}`
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
/**
 * What the multi-stage split saves: the runtime image against the tester image, same platform.
 * Compares sizes on disk when both are known (the tester image is only measured locally, never
 * pushed), else compressed sizes.
 */
function splitLine(runtime, tester, platform) {
    const pick = (m) => m.platforms.find(p => p.platform === platform) ?? m.platforms[0];
    const r = pick(runtime);
    const t = pick(tester);
    if (!r || !t)
        return '';
    const onDisk = r.disk !== null && t.disk !== null;
    const size = (p) => (onDisk ? (p.disk ?? 0) : p.compressed);
    if (size(t) === 0)
        return '';
    const how = onDisk ? ' on disk' : '';
    const names = `${escapeText(runtime.target, 60)} ${formatBytes(size(r))} vs ${escapeText(tester.target, 60)} ${formatBytes(size(t))}${how}`;
    const saved = size(t) - size(r);
    if (saved <= 0)
        return `🧱 ${names}: the runtime image is not smaller than the tester image.`;
    return `🧱 ${names}: the split saves ${formatBytes(saved)} (${formatPercent((saved / size(t)) * 100)}).`;
}
function platformTable(context) {
    const { input, comparison } = context;
    const byName = new Map(input.current.platforms.map(p => [p.platform, p]));
    const rows = comparison.platforms.map(p => {
        const m = byName.get(p.platform);
        return [
            escapeText(p.platform, 60),
            p.current === null ? '—' : formatBytes(p.current),
            m?.disk === null || m?.disk === undefined ? '—' : formatBytes(m.disk),
            m ? String(m.layers.length) : '—',
            deltaCell(p)
        ];
    });
    if (rows.length === 0)
        return [];
    return table(['Platform', 'Compressed', 'On disk', 'Layers', 'Change'], rows, [
        'left',
        'right',
        'right',
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
        code(c.createdBy, INSTRUCTION_CHARS),
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
        `    title Largest layers of ${mermaidLabel(platform.platform)} (${unit}, compressed)`,
        ...slices.map(({ l, i }) => `    "L${i + 1} ${mermaidLabel(l.createdBy)}" : ${value(l.compressed)}`)
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
    const rows = shown.map((l, i) => [
        String(i + 1),
        code(l.createdBy, INSTRUCTION_CHARS),
        formatBytes(l.compressed),
        l.disk === null ? '—' : formatBytes(l.disk)
    ]);
    const body = table(['#', 'Instruction', 'Compressed', 'On disk'], rows, ['right', 'left', 'right', 'right']);
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

;// CONCATENATED MODULE: ./src/summary.ts



/** Failing test cases listed in the summary; the rest are counted. */
const MAX_FAILING_CASES = 20;
const summary_OUTCOME_ICON = { passed: '✅', failed: '❌', skipped: '⏭️' };
function testResultLine(tests) {
    const how = testModeLabel(tests.mode);
    const counts = tests.tests !== undefined
        ? ` — ${tests.passed ?? 0} passed, ${tests.failed ?? 0} failed` +
            (tests.errors ? `, ${tests.errors} errors` : '') +
            (tests.skipped ? `, ${tests.skipped} skipped` : '')
        : '';
    const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : '';
    if (tests.outcome === 'skipped')
        return `${summary_OUTCOME_ICON.skipped} Tests skipped (test-target: none)`;
    return `${summary_OUTCOME_ICON[tests.outcome]} Tests ${tests.outcome}${how ? ` (${how})` : ''}${counts}${time}`;
}
function renderBuildSummary(input) {
    const lines = ['## stagegate', ''];
    if (input.testLine !== false)
        lines.push(testResultLine(input.tests), '');
    if (input.failure) {
        lines.push(`**${escapeText(input.failure.message)}**`, '');
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
            lines.push(`Last ${input.failure.output.length} lines of output:`, '', fence(input.failure.output.join('\n')), '');
        }
        lines.push('Nothing was pushed.', '');
    }
    if (input.builds.length > 0) {
        lines.push('| Build | Target | Stages | Time | Steps run | Steps cached |', '| --- | --- | --- | --- | --- | --- |');
        for (const build of input.builds) {
            const ran = build.counts.reduce((n, c) => n + c.ran, 0);
            const cached = build.counts.reduce((n, c) => n + c.cached, 0);
            const stages = (input.stagesByRole[build.role] ?? [(0,dockerfile/* stageLabel */.Hn)(build.stage)])
                .map(s => escapeText(s))
                .join(' → ');
            const status = build.ok ? '' : ' ❌';
            lines.push(`| ${build.role}${status} | ${escapeText((0,dockerfile/* stageLabel */.Hn)(build.stage))} | ${stages} | ${build.seconds.toFixed(1)} s | ${ran} | ${cached} |`);
        }
        lines.push('', `Builder: ${escapeText(input.builder)}`, '');
    }
    if (input.image) {
        const { id, digest, tags, pushed } = input.image;
        lines.push(`Image: \`${id ?? 'unknown'}\`${digest ? `, digest \`${digest}\`` : ''}`);
        if (tags.length > 0) {
            lines.push(`${pushed ? 'Pushed' : 'Tagged (not pushed)'}: ${tags.map(t => `\`${escapeCode(t)}\``).join(', ')}`);
        }
        else {
            lines.push('Not tagged, not pushed.');
        }
        lines.push('');
    }
    return lines.join('\n');
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

// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(3728);
;// CONCATENATED MODULE: ./src/report/github.ts
// What the report needs to know about the workflow run, read from the runner's variables and
// event file (no @actions/github import: that client loads only when a comment is written).

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
/**
 * Our comment among all comments of the PR: it carries the marker and was written by `author`.
 * When there are several (a race between two runs), the oldest wins so every run edits the same one.
 */
function findOwnComment(comments, marker, author) {
    return (comments.find(c => typeof c.body === 'string' && c.body.includes(marker) && !!c.user && sameLogin(c.user.login, author)) ?? null);
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
        if ((existing.body ?? '') === body) {
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
/**
 * Create or update our sticky comment. A token that may not write (fork PRs: 403 "Resource not
 * accessible by integration", or 404) gives `forbidden` instead of an error, so the caller can
 * warn and still write the job summary and outputs. Other failures throw.
 */
async function upsertComment(octokit, input) {
    const marker = commentMarker(input.key);
    const body = fitCommentBody(withMarker(input.body, marker));
    const where = `${input.owner}/${input.repo}#${input.issueNumber}`;
    if (input.mode === 'never' || (input.mode !== 'always' && !input.isPullRequest)) {
        const decision = decideCommentAction({ ...input, body, existing: null });
        return { status: 'skipped', reason: decision.reason, author: input.author ?? '' };
    }
    let author = input.author ?? '';
    let existing;
    try {
        if (author === '')
            author = await resolveCommentAuthor(octokit);
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
            owner: input.owner,
            repo: input.repo,
            issue_number: input.issueNumber,
            per_page: 100
        });
        existing = findOwnComment(comments, marker, author);
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
    const decision = decideCommentAction({ ...input, body, existing });
    if (decision.action === 'skip') {
        return {
            status: 'skipped',
            reason: decision.reason,
            commentId: existing?.id,
            url: existing?.html_url,
            author
        };
    }
    try {
        if (decision.action === 'update') {
            const { data } = await octokit.rest.issues.updateComment({
                owner: input.owner,
                repo: input.repo,
                comment_id: decision.commentId,
                body
            });
            return { status: 'updated', commentId: data.id, url: data.html_url, author, reason: decision.reason };
        }
        const { data } = await octokit.rest.issues.createComment({
            owner: input.owner,
            repo: input.repo,
            issue_number: input.issueNumber,
            body
        });
        const actual = data.user?.login;
        const result = {
            status: 'created',
            commentId: data.id,
            url: data.html_url,
            author,
            reason: decision.reason
        };
        if (actual && !sameLogin(actual, author)) {
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
                message: `The token may not write comments on ${where} (${messageOf(error)}). ` +
                    'Pull requests from forks get a read-only GITHUB_TOKEN; the report is in the job summary.'
            };
        }
        const verb = decision.action === 'update' ? `update comment ${decision.commentId} on` : 'comment on';
        throw new Error(`Could not ${verb} ${where}: ${messageOf(error)}`, { cause: error });
    }
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
    if (!isObject(data))
        return 'not an object';
    if (data.schema !== RECORD_SCHEMA)
        return `unknown schema ${JSON.stringify(data.schema)}`;
    if (typeof data.branch !== 'string')
        return 'branch is missing';
    if (typeof data.savedAt !== 'string')
        return 'savedAt is missing';
    if (data.sha !== undefined && typeof data.sha !== 'string')
        return 'sha is not a string';
    const m = data.measurement;
    if (!isObject(m))
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
        if (!isObject(p) || typeof p.platform !== 'string')
            return `${where}.platform is missing`;
        if (!isSize(p.compressed) || !(p.disk === null || isSize(p.disk)))
            return `${where} sizes are invalid`;
        if (!Array.isArray(p.layers))
            return `${where}.layers is not a list`;
        for (const [j, l] of p.layers.entries()) {
            if (!isObject(l) ||
                !isStringOrNull(l.digest) ||
                !isSize(l.compressed) ||
                !(l.disk === null || isSize(l.disk)) ||
                typeof l.createdBy !== 'string') {
                return `${where}.layers[${j}] is invalid`;
            }
        }
    }
    return null;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isStringOrNull(value) {
    return value === null || typeof value === 'string';
}
function isSize(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
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
        const cache = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(838), __webpack_require__.e(941)]).then(__webpack_require__.bind(__webpack_require__, 941));
        if (!cache.isFeatureAvailable())
            return { saved: false, key, reason: UNAVAILABLE };
        const dir = external_node_path_default().resolve(options.dir ?? defaultBaselineDir());
        const record = {
            schema: RECORD_SCHEMA,
            branch: sanitizeBranch(input.branch),
            ...(input.sha ? { sha: input.sha } : {}),
            runId: String(input.runId),
            savedAt: new Date().toISOString(),
            measurement
        };
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.writeFile)(external_node_path_default().join(dir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
        const id = await withArchiveRoot(dir, () => cache.saveCache([dir], key));
        if (id === -1) {
            // @actions/cache has already logged why (entry exists, read-only token, service error).
            return { saved: false, key, reason: 'the cache service did not store the record (see the log above)' };
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
        const cache = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(838), __webpack_require__.e(941)]).then(__webpack_require__.bind(__webpack_require__, 941));
        if (!cache.isFeatureAvailable())
            return { baseline: null, reason: UNAVAILABLE };
        const dir = external_node_path_default().resolve(options.dir ?? defaultBaselineDir());
        // A record left by an earlier restore in this job must not pass for this one.
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        // Look up first: restoreCache answers `undefined` both for a miss and for a download or
        // extraction failure (it only logs the latter), and the report should tell them apart.
        matchedKey = await cache.restoreCache([dir], primary, rest, { lookupOnly: true });
        if (!matchedKey) {
            return {
                baseline: null,
                reason: `no baseline has been recorded for ${sanitizeBranch(input.branch)} yet`
            };
        }
        const key = matchedKey;
        const restored = await withArchiveRoot(dir, () => cache.restoreCache([dir], key));
        if (restored !== key)
            return corrupt(log, key, 'it could not be downloaded or extracted');
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
                ...(record.sha ? { sha: record.sha } : {})
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
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
            readBlob: digest => (0,promises_.readFile)(external_node_path_default().join(location, blobPath(digest)))
        };
    }
    const entries = await indexTarFile(location);
    const read = async (name) => {
        const entry = entries.get(name);
        if (!entry)
            throw Object.assign(new Error(`${name} is not in ${location}`), { code: 'ENOENT' });
        return readRange(location, entry.offset, entry.size);
    };
    return { location, readIndex: () => read('index.json'), readBlob: digest => read(blobPath(digest)) };
}

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
    let rest = reference.trim();
    if (!rest)
        throw invalid('it is empty');
    let digest = null;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            throw invalid(`"${digest}" is not a digest (expected sha256:<hex>)`);
    }
    let tag = null;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.indexOf(':', lastSlash + 1);
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            throw invalid(`"${tag}" is not a valid tag`);
    }
    const parts = rest.split('/');
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
    async get(ref, suffix, headers) {
        const url = `${this.baseUrl(ref.registry)}/v2/${ref.repository}/${suffix}`;
        const key = `${ref.registry}/${ref.repository}`;
        let res = await this.send(url, ref, headers, this.authorization.get(key));
        if (res.status === 401) {
            const challenge = parseAuthChallenge(res.headers.get('www-authenticate'));
            await res.body?.cancel();
            const authorization = await this.authorize(ref, challenge);
            this.authorization.set(key, authorization);
            res = await this.send(url, ref, headers, authorization);
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
    async send(url, ref, headers, authorization) {
        try {
            return await this.fetchImpl(url, {
                headers: authorization ? { ...headers, authorization } : headers,
                redirect: 'follow',
                signal: AbortSignal.timeout(this.timeoutMs)
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
            ...(diffId ? { diffId } : {})
        };
    });
}
/** One platform's numbers from its manifest and config; sizes come from the descriptors only. */
function measureManifest(manifest, config, platform) {
    const body = manifest;
    const layers = (body.layers ?? []).map(l => ({ digest: l.digest, compressed: l.size, disk: null }));
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
        return [{ ...measureManifest(root.body, config, platform), configDigest }];
    }
    const children = imageManifestsOf(root.body);
    const measured = await mapLimit(children, concurrency, async (child) => {
        const fetched = await source.manifest(child.digest);
        return measureTree({ mediaType: fetched.mediaType ?? child.mediaType, body: fetched.body }, source, concurrency, child.platform);
    });
    return measured.flat();
}
/**
 * Measure a pushed image from its registry: the manifest (or index, then each image manifest)
 * and each config blob. Cost grows with the number of platforms and layers, never with their
 * bytes. `disk` is only filled for a platform whose image is also in the local engine.
 */
async function measureFromRegistry(reference, options = {}) {
    const ref = parseImageReference(reference);
    const client = options.client ?? new RegistryClient();
    const root = await client.getManifest(ref);
    const source = {
        manifest: digest => client.getManifest(ref, digest),
        config: async (digest) => (await client.getJsonBlob(ref, digest))
    };
    const platforms = await measureTree(root, source, options.concurrency ?? 6);
    if (platforms.length === 0) {
        throw new RegistryError(`${reference} has no image manifests (only attestations or an empty index).`);
    }
    if (options.docker !== null) {
        const local = await inspectLocal(options.docker ?? 'docker', reference).catch(() => null);
        for (const platform of platforms) {
            if (local && local.Id === platform.configDigest)
                platform.disk = local.Size;
        }
    }
    return {
        image: ref.name,
        target: options.target ?? '',
        tags: ref.tag === null ? [] : [ref.tag],
        digest: ref.digest ?? root.digest,
        platforms: platforms.map(({ configDigest: _configDigest, ...platform }) => platform),
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
    const annotations = top[0]?.annotations ?? {};
    const fullName = annotations['io.containerd.image.name'];
    const parsed = fullName ? safeParse(fullName) : null;
    const refName = annotations['org.opencontainers.image.ref.name'];
    return {
        image: options.image ?? parsed?.name ?? '',
        target: options.target ?? '',
        tags: options.tags ?? (parsed?.tag ? [parsed.tag] : refName && !refName.includes('/') ? [refName] : []),
        digest: top.length === 1 ? top[0].digest : null,
        platforms: platforms.map(({ configDigest: _configDigest, ...platform }) => platform),
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
function runCommand(command, args) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', error => reject(error.code === 'ENOENT'
            ? new errors/* UserError */.y(`${command} was not found: is Docker installed?`)
            : error));
        child.on('close', code => resolve({
            code: code ?? 1,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8')
        }));
    });
}
async function inspectLocal(docker, image) {
    const result = await runCommand(docker, ['image', 'inspect', '--format', '{{json .}}', image]);
    if (result.code !== 0) {
        throw new errors/* UserError */.y(`Image ${image} is not in the local Docker engine (docker image inspect: ${result.stderr.trim() || `exit ${result.code}`}).`);
    }
    return JSON.parse(result.stdout);
}
/**
 * On-disk size of a local image (`docker image inspect` Size), or null when it is not present
 * locally, e.g. a pushed image built on another machine or for another platform.
 */
async function localDiskSize(image, docker = 'docker') {
    try {
        return (await inspectLocal(docker, image)).Size;
    }
    catch {
        return null;
    }
}
/** `name[:tag][@digest]` → name and tags, as the user wrote it (no registry defaults added). */
function splitLocalReference(reference) {
    const withoutDigest = reference.split('@')[0] ?? reference;
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.indexOf(':', slash + 1);
    if (colon < 0)
        return { image: withoutDigest, tags: [] };
    return { image: withoutDigest.slice(0, colon), tags: [withoutDigest.slice(colon + 1)] };
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
/** Counts the gzip-compressed size of what is written, keeping no data. */
function gzipCounter(level) {
    const gzip = (0,external_node_zlib_.createGzip)({ level });
    let bytes = 0;
    gzip.on('data', (chunk) => {
        bytes += chunk.length;
    });
    return {
        bytes: () => bytes,
        sink: {
            write: chunk => (gzip.write(chunk) ? undefined : (0,external_node_events_.once)(gzip, 'drain').then(() => undefined)),
            end: async () => {
                const ended = (0,external_node_events_.once)(gzip, 'end');
                gzip.end();
                await ended;
            }
        }
    };
}
const MAX_JSON = 16 << 20;
/**
 * What to do with one file of a `docker save` archive, decided on its first bytes, since which
 * files are layers is only known from manifest.json at the end: JSON (configs, manifests) is
 * kept; a gzip blob (containerd image store) is already compressed and counts as is; anything
 * else (a layer tar: `<id>/layer.tar` up to Docker 24, `blobs/sha256/<hex>` from 25) is gzipped
 * to count its compressed size. Works for both layouts of `docker save`.
 */
function savedEntrySink(entry, gzipLevel, found) {
    let target = null;
    let finish = () => undefined;
    return {
        write(chunk) {
            if (!target) {
                if ((chunk[0] === 0x7b || chunk[0] === 0x5b) && entry.size <= MAX_JSON) {
                    target = collectingSink(MAX_JSON, found.json);
                }
                else if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
                    target = { write: () => undefined, end: () => undefined };
                    finish = () => found.compressed(entry.size);
                }
                else {
                    const counter = gzipCounter(gzipLevel);
                    target = counter.sink;
                    finish = () => found.compressed(counter.bytes());
                }
            }
            return target.write(chunk);
        },
        async end() {
            if (!target)
                return found.compressed(0);
            await target.end();
            finish();
        }
    };
}
/**
 * Read a `docker save` stream (either layout) once: compressed layer sizes and the config of its
 * first image. Memory holds only the JSON files, never a layer.
 */
async function readDockerSave(stream, gzipLevel = 6) {
    const compressed = new Map();
    const json = new Map();
    await readTarStream(stream, entry => {
        if (entry.type !== '0' && entry.type !== '\0')
            return null;
        return savedEntrySink(entry, gzipLevel, {
            json: bytes => json.set(entry.name, bytes),
            compressed: bytes => compressed.set(entry.name, bytes)
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
    const layers = saved.Layers.map(name => {
        const size = compressed.get(name);
        if (size === undefined)
            throw new errors/* UserError */.y(`docker save: layer ${name} listed in manifest.json is missing.`);
        return size;
    });
    return { config, configSize: configBytes?.length ?? 0, layers };
}
/**
 * Measure an image that was built but not pushed, from the local engine: `docker image inspect`
 * (on-disk size), `docker history` (per-layer on-disk size) and `docker save` streamed through
 * gzip, layer by layer, for the compressed sizes. The classic builder has no registry or OCI
 * export to read sizes from, so this fallback costs O(image bytes) of CPU; memory stays small
 * (the tar is streamed, only manifest.json and the config are kept). Compressed sizes are an
 * estimate of what a push would produce; layer digests are unknown (null).
 */
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
async function measureLocalImage(reference, options = {}) {
    const docker = options.docker ?? 'docker';
    // inspect and history run while docker save streams: three reads of the same image at once.
    const inspected = settle(inspectLocal(docker, reference));
    const historyRun = settle(runCommand(docker, ['history', '--no-trunc', '--human=false', '--format', '{{json .}}', reference]));
    const child = (0,external_node_child_process_.spawn)(docker, ['save', reference], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const exited = (0,external_node_events_.once)(child, 'close');
    let saved;
    try {
        saved = await readDockerSave(child.stdout, options.gzipLevel ?? 6);
    }
    catch (error) {
        child.kill();
        await exited;
        // An image that is not there fails all three reads: say so as inspect does.
        await unsettle(inspected);
        const detail = Buffer.concat(stderr).toString('utf8').trim();
        if (detail)
            throw new errors/* UserError */.y(`docker save ${reference} failed: ${detail}`);
        throw error;
    }
    const [code] = await exited;
    const image = await unsettle(inspected);
    if (code !== 0) {
        throw new errors/* UserError */.y(`docker save ${reference} failed: ${Buffer.concat(stderr).toString('utf8').trim()}`);
    }
    const history = await unsettle(historyRun);
    if (history.code !== 0)
        throw new errors/* UserError */.y(`docker history ${reference} failed: ${history.stderr.trim()}`);
    const historySizes = parseDockerHistory(history.stdout);
    const { config, configSize } = saved;
    const disks = layerDiskSizes(historySizes, config.history, saved.layers.length);
    const layers = saved.layers.map((compressed, i) => ({ digest: null, compressed, disk: disks[i] ?? null }));
    const { image: name, tags } = splitLocalReference(reference);
    return {
        image: name,
        target: options.target ?? '',
        tags,
        digest: null,
        platforms: [
            {
                platform: platformString({ os: image.Os, architecture: image.Architecture, variant: image.Variant }),
                compressed: layers.reduce((sum, l) => sum + l.compressed, 0) + configSize,
                disk: image.Size,
                layers: joinHistory(layers, config.history, config.rootfs?.diff_ids)
            }
        ],
        measuredAt: (options.now?.() ?? new Date()).toISOString(),
        source: 'docker-save'
    };
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
async function measureRuntime(req) {
    const docker = req.builder.client;
    let measured;
    if (req.pushedRef)
        measured = await measureFromRegistry(req.pushedRef, { target: req.target, docker });
    else if (req.ociLayoutDir)
        measured = await measureOciLayout(req.ociLayoutDir, { target: req.target, image: req.imageName });
    else if (req.localImage)
        measured = await measureLocalImage(req.localImage, { docker, target: req.target });
    else
        throw new Error('no image to measure');
    return { ...measured, image: req.imageName, target: req.target, tags: req.tags };
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
async function findBaseline(req, measurement) {
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
        platforms: measurement.platforms.map(p => p.platform)
    }, { log: req.host });
    return { baseline: restored.baseline, reason: restored.reason };
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
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413)]).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(report.githubToken);
    const result = await upsertComment(octokit, {
        owner: run.owner,
        repo: run.repo,
        issueNumber: run.pullRequest,
        key,
        body,
        mode: report.comment,
        sizeChanged,
        isPullRequest: true,
        author: report.commentAuthor || undefined
    });
    switch (result.status) {
        case 'forbidden':
            host.warning(`Could not write the pull request comment (${result.message}). This happens on pull requests from forks, whose token is read-only: the report is in the job summary and in the "report" output, for a workflow_run workflow to post (see the README).`);
            break;
        case 'created':
        case 'updated':
            host.info(`Pull request comment ${result.status}: ${result.url ?? result.commentId}`);
            if (result.warning)
                host.warning(result.warning);
            break;
        case 'skipped':
            host.info(`Pull request comment skipped: ${result.reason}`);
            break;
    }
    return result;
}
async function reportImage(req) {
    const { host, report, run } = req;
    const testerDisk = req.testerImage
        ? localDiskSize(req.testerImage, req.builder.client)
        : Promise.resolve(null);
    const measured = await host.group('Measure the image', async () => {
        const started = performance.now();
        const m = await measureRuntime(req);
        host.info(`Measured ${m.platforms.length} platform(s) from ${m.source} in ${(performance.now() - started).toFixed(0)} ms.`);
        return m;
    });
    const tester = testerMeasurement(req, measured, await testerDisk);
    const { baseline, reason } = await findBaseline(req, measured);
    host.info(baseline ? `Baseline: ${baseline.origin} ${baseline.ref}.` : `No baseline: ${reason}.`);
    const measurement = alignWithBaseline(measured, baseline);
    const comparison = compareSizes(measurement, baseline);
    const budgets = checkBudgets({ maxSize: report.maxSize, maxIncrease: report.maxIncrease }, measurement, comparison);
    const key = commentKeyOf(report, req.imageName, req.target);
    const common = {
        current: measurement,
        baseline,
        tester,
        tests: req.tests,
        budgets,
        runUrl: run.runUrl,
        commitSha: run.headSha,
        commentKey: report.commentKey || undefined
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
    if (record.record && record.branch) {
        const saved = await saveBaseline(measurement, {
            branch: record.branch,
            runId: run.runId || String(Date.now()),
            runAttempt: run.runAttempt,
            sha: run.sha || undefined
        }, { log: host });
        host.info(saved.saved
            ? `Baseline recorded for ${record.branch} (${saved.key}).`
            : `Baseline not recorded: ${saved.reason}.`);
    }
    return { markdown, measurement, baseline, baselineReason: reason, comparison, budgets, comment };
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 23 modules
var XMLParser = __webpack_require__(1143);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
;// CONCATENATED MODULE: ./src/gate/junit.ts
// JUnit XML reports: counts and failing cases for the report, and annotations that point at the
// failing lines. Covers the common dialects: jest-junit, pytest, go-junit-report, Maven surefire,
// mocha-junit-reporter (a `<testsuites>` root or a single `<testsuite>`, suites nested or not).


/** A test report that cannot be read: not XML at all, or XML that is not a JUnit report. */
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
const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);
const SKIPPED_STATUS = new Set(['skipped', 'disabled', 'notrun', 'ignored']);
const MAX_MESSAGE = 1000;
const parser = new XMLParser/* default */.A({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '$',
    alwaysCreateTextNode: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: name => ARRAYS.has(name)
});
/** Counts and failing cases of one JUnit report; `source` names the file in errors. */
function parseJUnit(xml, source) {
    const valid = fxp/* XMLValidator */.iI.validate(xml);
    if (valid !== true) {
        const { msg, line } = valid.err;
        throw new JUnitReportError(source, 'invalid-xml', `not valid XML (line ${line}: ${msg.replace(/\.$/, '')}). Is it a JUnit XML report?`);
    }
    const doc = parser.parse(xml);
    const root = (doc.testsuites ?? firstOf(doc.testsuite));
    if (!isElement(root)) {
        const name = Object.keys(doc).find(k => !k.startsWith('?')) ?? 'none';
        throw new JUnitReportError(source, 'not-junit', `root element is <${name}>, not <testsuites> or <testsuite>.`);
    }
    const suites = doc.testsuites ? junit_elements(root.testsuite) : [root];
    const cases = [];
    const leaves = [];
    const walk = (suite) => {
        for (const testcase of junit_elements(suite.testcase))
            cases.push({ testcase, suite });
        const nested = junit_elements(suite.testsuite);
        if (nested.length === 0)
            leaves.push(suite);
        nested.forEach(walk);
    };
    suites.forEach(walk);
    if (cases.length === 0) {
        // Only counts are given (or nothing ran): trust the suite attributes, the root's last.
        return { ...countsFromAttributes(leaves.length > 0 ? leaves : [root]), failures: [] };
    }
    const counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    const failures = [];
    for (const { testcase, suite } of cases) {
        counts.tests++;
        const failure = firstOf(testcase.failure);
        const error = firstOf(testcase.error);
        if (failure || error) {
            const kind = failure ? 'failure' : 'error';
            counts[kind === 'failure' ? 'failed' : 'errors']++;
            failures.push(describeFailure(testcase, suite, (failure ?? error), kind));
        }
        else if (testcase.skipped !== undefined ||
            SKIPPED_STATUS.has(attr(testcase, 'status')?.toLowerCase() ?? '')) {
            counts.skipped++;
        }
        else {
            counts.passed++;
        }
    }
    return { ...counts, failures };
}
function countsFromAttributes(suites) {
    const counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    for (const suite of suites) {
        counts.tests += junit_int(attr(suite, 'tests'));
        counts.failed += junit_int(attr(suite, 'failures'));
        counts.errors += junit_int(attr(suite, 'errors'));
        counts.skipped += junit_int(attr(suite, 'skipped')) + junit_int(attr(suite, 'disabled'));
    }
    counts.passed = Math.max(0, counts.tests - counts.failed - counts.errors - counts.skipped);
    return counts;
}
function describeFailure(testcase, suite, failure, kind) {
    const text = stripAnsi(typeof failure === 'object' ? (failure['#text'] ?? '') : String(failure));
    const message = attr(failure, 'message')?.trim() || firstLines(text) || undefined;
    const result = { name: attr(testcase, 'name') ?? '(unnamed test)', kind };
    const classname = attr(testcase, 'classname');
    if (classname)
        result.classname = classname;
    if (message)
        result.message = clip(stripAnsi(message), MAX_MESSAGE);
    const fromText = locationIn(text, attr(testcase, 'classname'));
    const file = attr(testcase, 'file') || attr(suite, 'file');
    let line = junit_int(attr(testcase, 'line'), NaN);
    // pytest (xunit1) writes the 0-based line of the test's `def`.
    if (!Number.isNaN(line) && attr(suite, 'name') === 'pytest')
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
    return result;
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
/** Merges several reports; files that are XML but not JUnit are listed in `ignored`. */
function summarizeReports(files) {
    const summary = {
        tests: 0,
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
        failures: [],
        files: [],
        ignored: []
    };
    for (const file of files) {
        let report;
        try {
            report = parseJUnit(file.xml, file.path);
        }
        catch (error) {
            if (error instanceof JUnitReportError && error.reason === 'not-junit') {
                summary.ignored.push(file.path);
                continue;
            }
            throw error;
        }
        summary.files.push(file.path);
        summary.tests += report.tests;
        summary.passed += report.passed;
        summary.failed += report.failed;
        summary.errors += report.errors;
        summary.skipped += report.skipped;
        summary.failures.push(...report.failures);
    }
    return summary;
}
/**
 * GitHub shows at most 10 error annotations per step (50 per job), so the default keeps to 10:
 * the first failing cases, and when there are more, a last annotation that counts the rest.
 */
const MAX_ANNOTATIONS = 10;
function junitAnnotations(summary, limit = MAX_ANNOTATIONS) {
    const all = summary.failures;
    const shown = all.length > limit ? all.slice(0, Math.max(0, limit - 1)) : all;
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
    const rest = all.length - shown.length;
    if (rest > 0) {
        annotations.push({
            title: `${rest} more failing tests`,
            message: `${rest} more failing tests are not annotated; the job summary and the test reports list them all.`
        });
    }
    return annotations;
}
function isElement(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function junit_elements(value) {
    return Array.isArray(value) ? value.filter(isElement) : isElement(value) ? [value] : [];
}
function firstOf(value) {
    if (Array.isArray(value))
        return value.length > 0 ? (isElement(value[0]) ? value[0] : {}) : undefined;
    return isElement(value) ? value : undefined;
}
function attr(element, name) {
    return isElement(element) ? element.$?.[name] : undefined;
}
function junit_int(value, fallback = 0) {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}
function stripAnsi(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
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
    if (junit.failed + junit.errors > 0)
        summary.outcome = 'failed';
    return summary;
}
/** decideTests, plus the failing cases as error annotations on the runner. */
function summarizeTests(evidence) {
    const summary = decideTests(evidence);
    for (const annotation of junitAnnotations(summary)) {
        evidence.host.error(annotation.message, {
            title: annotation.title,
            file: annotation.file,
            startLine: annotation.startLine
        });
    }
    return summary;
}

;// CONCATENATED MODULE: ./src/pipeline.ts
// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).






















/** The run failed for a reason already shown in the log and summary (a failing test, a failing build). */
class PipelineFailure extends errors/* UserError */.y {
    result;
    constructor(message, result) {
        super(message);
        this.result = result;
        this.name = 'PipelineFailure';
    }
}
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
        targetPlatform: inputs.platforms[0]
    });
    return { context, file, graph };
}
/** Image name for cache scopes and local tags: the first tag's repository, else the context folder. */
function imageNameOf(tags, context) {
    const first = tags[0];
    if (first) {
        const withoutDigest = first.split('@')[0] ?? first;
        const lastSlash = withoutDigest.lastIndexOf('/');
        const colon = withoutDigest.indexOf(':', lastSlash + 1);
        return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
    }
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
async function runPipeline(rawHost, cwd = process.cwd()) {
    const inputs = parseInputs(name => rawHost.input(name));
    const report = parseReportInputs(name => rawHost.input(name));
    if (report.githubToken)
        rawHost.setSecret(report.githubToken);
    for (const secret of inputs.secrets)
        if (secret.value !== '')
            rawHost.setSecret(secret.value);
    const secretValues = [...inputs.secrets.map(s => s.value), report.githubToken].filter(v => v !== '');
    const host = redactingHost(rawHost, secretValues);
    const { context, file, graph } = await loadDockerfile(inputs, cwd);
    const plan = (0,src_plan/* planBuild */.C7)(graph, {
        target: inputs.target || undefined,
        testTarget: inputs.testTarget ?? 'none'
    });
    const builder = await detectBuilder(host.env);
    host.info(`Builder: ${builder.kind}: ${builder.reason}.`);
    if (builder.kind === 'legacy')
        host.warning(`Using the legacy builder: ${builder.reason}.`);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(host.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'stagegate-'));
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
            secretValues
        });
    }
    finally {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}
async function runStages(host, inputs, run_) {
    const { graph, plan, builder, workDir } = run_;
    const secretFiles = await writeSecrets(host, inputs, workDir);
    const imageName = imageNameOf(inputs.tags, run_.context);
    const targets = [plan.tester, plan.runtime].filter(s => s !== null).map(s => s.name ?? String(s.index));
    const cacheMode = resolveCacheMode({
        mode: inputs.cache,
        builder: builder.kind,
        env: host.env,
        cacheRef: inputs.cacheRef
    });
    host.info(`Cache: ${cacheMode}${inputs.cache === 'auto' ? ' (auto)' : ''}.`);
    const { builderName, canExport } = await prepareBuildx(host, inputs, builder, cacheMode);
    const ctx = { host, builder, graph, workDir };
    const base = {
        context: run_.context,
        file: run_.file,
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
        builder: builderName || undefined
    };
    const shownNotes = new Set();
    const cacheFor = (target) => {
        const cache = planCache({
            mode: inputs.cache,
            builder: builder.kind,
            env: host.env,
            imageName,
            target,
            targets,
            cacheRef: inputs.cacheRef,
            cacheFrom: inputs.cacheFrom,
            cacheTo: inputs.cacheTo,
            canExport
        });
        for (const note of cache.notes) {
            if (!shownNotes.has(note))
                host.info(`Cache: ${note}.`);
            shownNotes.add(note);
        }
        return cache;
    };
    const builds = [];
    const stagesByRole = {
        tester: plan.testerStages.map(dockerfile/* stageLabel */.Hn),
        runtime: plan.runtimeStages.map(dockerfile/* stageLabel */.Hn)
    };
    const result = {
        testOutcome: 'skipped',
        tests: { outcome: 'skipped', mode: 'none', failures: [] },
        imageId: null,
        digest: null,
        tags: inputs.tags,
        pushed: false,
        builds,
        testerImage: null,
        reportOutputs: {},
        secretValues: run_.secretValues
    };
    const runtimeTarget = plan.runtime.name ?? String(plan.runtime.index);
    const commentKey = commentKeyOf(run_.report, imageName, runtimeTarget);
    // A failure is shown where people look: the log (annotated by the caller), the job summary,
    // the `report` output and the pull request comment.
    const fail = async (message, output) => {
        const footer = failureFooter({
            imageName,
            target: runtimeTarget,
            commentKey: run_.report.commentKey || undefined,
            commitSha: run_.run.headSha,
            runUrl: run_.run.runUrl
        });
        const markdown = redact(`${renderBuildSummary({
            builder: builder.kind,
            builds,
            stagesByRole,
            tests: result.tests,
            failure: { message, output },
            image: null
        }).trimEnd()}\n\n${footer}\n`, run_.secretValues);
        await host.appendSummary(markdown);
        result.reportOutputs = { report: markdown };
        await postComment({ host, report: run_.report, run: run_.run }, commentKey, markdown, null).catch(error => host.warning(`Could not update the pull request comment: ${error.message}`));
        throw new PipelineFailure(message, result);
    };
    // Cache images (classic registry cache) are pushed only once the tests passed and the runtime built.
    const cachePushes = [];
    // 1. Gate: the tester stage, then the tests inside it.
    if (plan.tester) {
        const testerTag = testerTagFor(imageName);
        const cache = cacheFor(plan.tester.name ?? String(plan.tester.index));
        const testerBuild = await runBuild(ctx, 'tester', plan.tester, 
        // The tests run here, on the native platform, whatever `platforms` the runtime is built for.
        { ...base, tags: [testerTag], load: true, platforms: [] }, cache);
        builds.push(testerBuild);
        if (testerBuild.ok)
            result.testerImage = testerTag;
        const mode = inputs.testCommand ? 'command' : 'build';
        if (!testerBuild.ok) {
            const failure = testerBuild.failure;
            result.testOutcome = 'failed';
            result.tests = {
                outcome: 'failed',
                mode: 'build',
                failures: [],
                durationMs: testerBuild.seconds * 1000
            };
            host.error(failure?.message ?? 'The tester build failed.', {
                title: 'stagegate: tests failed',
                file: graph.file,
                startLine: failure?.line ?? undefined
            });
            host.info(`Last lines of the failing step:\n${failure?.output.join('\n') ?? ''}`);
            return fail(failure?.message ?? 'The tester build failed.', failure?.output ?? []);
        }
        let exitCode = 0;
        let tail = [];
        let durationMs = testerBuild.seconds * 1000;
        const reportsDir = external_node_path_default().join(workDir, 'reports');
        if (inputs.testCommand) {
            const outcome = await runTestCommand(host, builder, {
                image: testerTag,
                command: inputs.testCommand,
                network: inputs.network,
                reportsHostDir: inputs.testReports ? reportsDir : undefined,
                reportsContainerDir: inputs.testReports || undefined
            });
            exitCode = outcome.exitCode;
            tail = outcome.tail;
            durationMs = outcome.seconds * 1000;
        }
        else if (inputs.testReports) {
            const found = await copyFromImage(builder, testerTag, inputs.testReports, reportsDir);
            if (!found)
                host.warning(`No test reports at ${inputs.testReports} in the tester image.`);
        }
        const reports = inputs.testReports ? await readReportFiles(reportsDir) : [];
        if (inputs.testReports && reports.length === 0) {
            host.warning(`test-reports: no JUnit XML files were found in ${inputs.testReports}.`);
        }
        result.tests = summarizeTests({ mode, exitCode, durationMs, reports, host });
        result.testOutcome = result.tests.outcome;
        if (result.tests.outcome === 'failed') {
            const message = mode === 'command'
                ? `The test command failed with exit code ${exitCode} in the tester image (stage "${(0,dockerfile/* stageLabel */.Hn)(plan.tester)}").`
                : `The test reports of stage "${(0,dockerfile/* stageLabel */.Hn)(plan.tester)}" record failures.`;
            host.error(message, { title: 'stagegate: tests failed' });
            const output = tail.slice(-50);
            if (output.length > 0)
                host.info(`Last lines of the test output:\n${output.join('\n')}`);
            return fail(message, output);
        }
        if (cache.pushCacheImage && testerBuild.imageId)
            cachePushes.push({ imageId: testerBuild.imageId, ref: cache.pushCacheImage });
    }
    // 2. Ship: the runtime stage on the same builder, so the stages it shares with the tester are cache hits.
    const runtimeCache = cacheFor(plan.runtime.name ?? String(plan.runtime.index));
    const pushInBuild = inputs.push && builder.kind === 'buildx';
    const runtimeBuild = await runBuild(ctx, 'runtime', plan.runtime, 
    // A multi-platform result cannot be loaded into the engine; the OCI export below measures it.
    { ...base, tags: inputs.tags, push: pushInBuild, load: !pushInBuild && inputs.platforms.length <= 1 }, runtimeCache);
    builds.push(runtimeBuild);
    if (!runtimeBuild.ok) {
        const failure = runtimeBuild.failure;
        host.error(failure?.message ?? 'The runtime build failed.', {
            title: 'stagegate: build failed',
            file: graph.file,
            startLine: failure?.line ?? undefined
        });
        return fail(failure?.message ?? 'The runtime build failed.', failure?.output ?? []);
    }
    result.imageId = runtimeBuild.imageId;
    result.digest = runtimeBuild.digest;
    if (inputs.push && !pushInBuild) {
        const pushed = await pushTags(host, builder, inputs.tags);
        if (!pushed.ok) {
            host.error(pushed.message, { title: 'stagegate: push failed' });
            return fail(pushed.message, pushed.output);
        }
        result.digest = pushed.digest;
    }
    if (runtimeCache.pushCacheImage && runtimeBuild.imageId) {
        cachePushes.push({ imageId: runtimeBuild.imageId, ref: runtimeCache.pushCacheImage });
    }
    // A run that does not push (a pull request) must not seed the cache later builds trust.
    if (inputs.push)
        for (const { imageId, ref } of cachePushes)
            await pushCacheImage(host, builder, imageId, ref);
    result.pushed = inputs.push;
    await host.appendSummary(renderBuildSummary({
        builder: builder.kind,
        builds,
        stagesByRole,
        tests: result.tests,
        failure: null,
        image: { id: result.imageId, digest: result.digest, tags: inputs.tags, pushed: result.pushed },
        testLine: false
    }));
    // 3. Report: measure, compare with the baseline, comment, record; budgets are checked last.
    let ociLayoutDir = null;
    if (builder.kind === 'buildx' && !result.pushed) {
        // buildx keeps no local copy to measure cheaply: export the (cached) result as an OCI layout.
        ociLayoutDir = external_node_path_default().join(workDir, 'oci-layout');
        const exported = await runBuild(ctx, 'runtime', plan.runtime, { ...base, tags: inputs.tags, output: `type=oci,dest=${ociLayoutDir},tar=false` }, { ...runtimeCache, cacheTo: [] });
        if (!exported.ok) {
            host.warning('Could not export the runtime image as an OCI layout to measure it; measuring the loaded image instead.');
            ociLayoutDir = null;
        }
    }
    let outcome;
    try {
        outcome = await reportImage({
            host,
            report: run_.report,
            run: run_.run,
            builder,
            imageName,
            target: runtimeTarget,
            tags: inputs.tags,
            pushedRef: result.pushed ? (inputs.tags[0] ?? null) : null,
            ociLayoutDir,
            localImage: result.imageId,
            testerImage: result.testerImage,
            testerTarget: plan.tester ? (plan.tester.name ?? String(plan.tester.index)) : null,
            tests: result.tests,
            secretValues: run_.secretValues
        });
    }
    catch (error) {
        // The image is built (and pushed): a report that cannot be made must not hide that.
        host.warning(`The size report could not be made: ${error.message}`);
        return result;
    }
    result.reportOutputs = reportOutputs(outcome);
    if (outcome.budgets.violations.length > 0) {
        const reasons = outcome.budgets.violations.map(v => v.reason).join('; ');
        host.error(`Size budget exceeded: ${reasons}.`, { title: 'stagegate: size budget' });
        throw new PipelineFailure(`Size budget exceeded: ${reasons}.`, result);
    }
    return result;
}
/**
 * On buildx, cache export needs a driver that can do it: the plain docker driver cannot, so
 * stagegate creates a docker-container builder unless `create-builder: false`.
 */
async function prepareBuildx(host, inputs, builder, cacheMode) {
    const exports = cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0;
    if (builder.kind !== 'buildx' || !exports)
        return { builderName: inputs.builder, canExport: true };
    const { driver, containerdStore } = await inspectDriver(builder, inputs.builder);
    const wanted = { mode: cacheMode, driver, containerdStore, rawCacheTo: inputs.cacheTo.length > 0 };
    if (needsContainerBuilder({ ...wanted, createBuilder: inputs.createBuilder })) {
        const created = await ensureContainerBuilder(host, builder);
        if (created) {
            host.info(`The buildx builder uses the docker driver, which cannot export ${cacheMode} cache: using the docker-container builder "${created}" (set create-builder: false to keep yours).`);
            return { builderName: created, canExport: true };
        }
        return { builderName: inputs.builder, canExport: false };
    }
    const canExport = !needsContainerBuilder({ ...wanted, createBuilder: true });
    return { builderName: inputs.builder, canExport };
}
/** Secret values go to 0600 files passed with `--secret` (masked by runPipeline); never to build args. */
async function writeSecrets(host, inputs, workDir) {
    const files = [];
    for (const secret of inputs.secrets) {
        const src = external_node_path_default().join(workDir, `secret-${files.length}`);
        await (0,promises_.writeFile)(src, secret.value, { mode: 0o600 });
        files.push({ id: secret.id, src });
    }
    return files;
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
async function pushTags(host, builder, tags) {
    let digest = null;
    for (const tag of tags) {
        const pushed = await host.group(`Push ${tag}`, () => run(builder.client, ['push', tag], { onLine: l => host.info(l) }));
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
async function pushCacheImage(host, builder, imageId, ref) {
    const tagged = await run(builder.client, ['tag', imageId, ref]);
    const pushed = tagged.exitCode === 0 ? await run(builder.client, ['push', ref]) : tagged;
    if (pushed.exitCode !== 0)
        host.warning(`Could not push the cache image ${ref}; the next run builds without it.`);
}

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
  --secret ID=VALUE        BuildKit secret (repeatable; hidden in all output)
  --label K=V, --platform P, --builder NAME, --network MODE, --no-cache, --pull
  --cache MODE, --cache-ref REF, --cache-from SPEC, --cache-to SPEC, --create-builder BOOL

  --summary FILE           write the job summary markdown to FILE
  --json                   print the outputs as one JSON object
  --quiet                  do not stream the build log
`;
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
        if (!repeatable.has(name) && values[name])
            throw new errors/* UserError */.y(`${spelled} was given twice; it takes one value.`);
        (values[name] ??= []).push(value);
    }
    for (const [name, list] of Object.entries(values))
        parsed.inputs[name] = list.join('\n');
    return parsed;
}
function terminalHost(args, io, outputs, summary) {
    const where = (w) => w?.file ? `${w.file}${w.startLine ? `:${w.startLine}` : ''}: ` : '';
    return {
        input: name => args.inputs[name] ?? '',
        info: message => io.stderr(`${message}\n`),
        warning: (message, w) => io.stderr(`warning: ${where(w)}${message}\n`),
        error: (message, w) => io.stderr(`error: ${where(w)}${message}\n`),
        group: async (name, fn) => {
            io.stderr(`\n▶ ${name}\n`);
            return fn();
        },
        setOutput: (name, value) => {
            outputs[name] = value;
        },
        setSecret: () => undefined, // redactingHost hides the values; there is no runner to tell
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
async function run_runCommand(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(RUN_USAGE);
        return 0;
    }
    let args;
    try {
        args = parseRunArgs(argv);
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.y))
            throw error;
        io.stderr(`stagegate run: ${error.message}\n`);
        return 2;
    }
    const outputs = {};
    const summary = [];
    const host = terminalHost(args, io, outputs, summary);
    let code = 0;
    try {
        const result = await runPipeline(host, io.cwd);
        Object.assign(outputs, outputValues(result));
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.y))
            throw error;
        if (error instanceof PipelineFailure)
            Object.assign(outputs, outputValues(error.result));
        io.stderr(`error: ${error.message}\n`);
        code = 1;
    }
    if (args.summaryFile)
        await (0,promises_.writeFile)(args.summaryFile, summary.join('\n'));
    if (args.json)
        io.stdout(`${JSON.stringify(outputs, null, 2)}\n`);
    else
        for (const [name, value] of Object.entries(outputs))
            io.stdout(`${name}=${outputLine(name, value)}\n`);
    return code;
}


/***/ })

};
