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


/***/ })

};
