export const id = 483;
export const ids = [483];
export const modules = {

/***/ 7157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ parseFlags),
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
// The option parser `plan` and `check` share: `--flag value`, `--flag=value`, short `-f`, switches,
// and the repeatable `--build-arg K=V` (K alone takes $K from the environment, as docker build).
class UsageError extends Error {
}
const FLAG_RE = /^(--[a-z-]+|-[a-z])(?:=(.*))?$/s;
/** Parse argv against spec; -h/--help and --build-arg are always known. Pure; throws UsageError. */
function parseFlags(argv, spec, env = {}) {
    const out = { values: {}, switches: [], buildArgs: {}, help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const m = FLAG_RE.exec(arg);
        if (!m)
            throw new UsageError(`unexpected argument "${arg}"`);
        const flag = m[1];
        const inline = m[2];
        const value = () => {
            if (inline !== undefined)
                return inline;
            const v = argv[i + 1];
            if (v === undefined)
                throw new UsageError(`${flag} needs a value`);
            i++;
            return v;
        };
        if (flag === '-h' || flag === '--help')
            out.help = true;
        else if (flag === '--build-arg') {
            const kv = value();
            const eq = kv.indexOf('=');
            if (eq === 0)
                throw new UsageError(`--build-arg needs KEY=VALUE, got "${kv}"`);
            if (eq > 0)
                out.buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
            else if (env[kv] !== undefined)
                out.buildArgs[kv] = env[kv];
        }
        else if (Object.hasOwn(spec.values, flag))
            out.values[spec.values[flag]] = value();
        else if (Object.hasOwn(spec.switches, flag)) {
            if (inline !== undefined)
                throw new UsageError(`${flag} takes no value`);
            const name = spec.switches[flag];
            if (!out.switches.includes(name))
                out.switches.push(name);
        }
        else
            throw new UsageError(`unknown option ${flag}`);
    }
    return out;
}


/***/ }),

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PLAN_USAGE: () => (/* binding */ PLAN_USAGE),
/* harmony export */   parsePlanArgs: () => (/* binding */ parsePlanArgs),
/* harmony export */   planCommand: () => (/* binding */ planCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7157);
/* harmony import */ var _dockerfile_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8250);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2464);
// `stagegate plan`: read the Dockerfile as BuildKit does and show which stages the action would
// build for the tests and for the runtime image. Reads one file; runs nothing.






const PLAN_USAGE = `Usage: stagegate plan [options]

Reads the Dockerfile exactly as BuildKit does and prints the stages, the tester stage (its tests
gate the build) and the runtime stage (the image you ship), with the stages each one needs.

  -f, --file PATH        Dockerfile (default: Dockerfile in --context, or in the current directory)
  --context DIR          build context (only used to find the default Dockerfile)
  --build-arg K=V        build argument for global ARGs in FROM (repeatable; K alone takes $K)
  --target NAME          runtime stage (default: the last stage, as docker build)
  --test-target NAME     tester stage (default: tester; none plans without tests)
  --platform P           target platform (TARGETPLATFORM; default: this machine's)
  --json                 print the plan as JSON (stable contract)
  --mermaid              print the stage graph as a Mermaid flowchart
  -h, --help             show this help

Exit status: 0 when the plan is valid. A missing tester stage still exits 0: the plan is printed
without tests and a warning on stderr says the action would fail unless test-target: none.
1 on a Dockerfile error (printed as file:line: message); 2 on bad usage.
`;
const PLAN_FLAGS = {
    values: {
        '-f': 'file',
        '--file': 'file',
        '--context': 'context',
        '--target': 'target',
        '--test-target': 'testTarget',
        '--platform': 'platform'
    },
    switches: { '--json': 'json', '--mermaid': 'mermaid' }
};
/** Parse `plan` arguments. Pure; throws UsageError on bad usage. */
function parsePlanArgs(argv, env = {}) {
    const f = (0,_flags_js__WEBPACK_IMPORTED_MODULE_5__/* .parseFlags */ .b)(argv, PLAN_FLAGS, env);
    if (f.switches.length > 1)
        throw new _flags_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .e('--json and --mermaid cannot be combined');
    return {
        file: f.values.file ?? null,
        context: f.values.context ?? null,
        buildArgs: f.buildArgs,
        target: f.values.target,
        testTarget: f.values.testTarget === undefined ? undefined : (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveTestTarget */ .Kx)(f.values.testTarget),
        platform: f.values.platform,
        format: f.switches[0] ?? 'text',
        help: f.help
    };
}
function dockerfilePath(args) {
    if (args.file !== null)
        return args.file;
    return args.context !== null ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(args.context, 'Dockerfile') : 'Dockerfile';
}
/** Runs `stagegate plan`; returns the exit code. */
async function planCommand(argv, io) {
    let args;
    try {
        args = parsePlanArgs(argv, io.env);
    }
    catch (err) {
        if (!(err instanceof _flags_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .e))
            throw err;
        io.stderr(`stagegate plan: ${err.message}\n\n${PLAN_USAGE}`);
        return 2;
    }
    if (args.help) {
        io.stdout(PLAN_USAGE);
        return 0;
    }
    const file = dockerfilePath(args);
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(io.cwd, file);
    try {
        let text;
        try {
            text = await (io.readFile ?? (p => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(p, 'utf8')))(path);
        }
        catch (err) {
            const code = err.code;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y(`${file}: cannot read the Dockerfile (${code ?? err.message})`);
        }
        const graph = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_3__/* .readDockerfile */ .n_)(text, {
            file,
            buildArgs: args.buildArgs,
            platform: io.platform,
            targetPlatform: args.platform,
            target: args.target
        });
        let plan;
        try {
            plan = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planBuild */ .C7)(graph, { target: args.target, testTarget: args.testTarget });
        }
        catch (err) {
            if (!(err instanceof _plan_js__WEBPACK_IMPORTED_MODULE_4__/* .MissingTesterError */ .Yq))
                throw err;
            plan = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planBuild */ .C7)(graph, { target: args.target, testTarget: _plan_js__WEBPACK_IMPORTED_MODULE_4__/* .NO_TESTS */ .q0 });
            io.stderr(`warning: ${err.message} The action fails on this Dockerfile unless test-target is none.\n`);
        }
        if (args.format === 'json')
            io.stdout(JSON.stringify((0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planToJson */ .$p)(plan)) + '\n');
        else if (args.format === 'mermaid')
            io.stdout((0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planToMermaid */ ._V)(plan));
        else
            io.stdout((0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planToText */ .GO)(plan));
        return 0;
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .y) {
            io.stderr(`${err.message}\n`);
            return 1;
        }
        throw err;
    }
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
