export const id = 238;
export const ids = [238];
export const modules = {

/***/ 9238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CHECK_USAGE: () => (/* binding */ CHECK_USAGE),
/* harmony export */   checkCommand: () => (/* binding */ checkCommand),
/* harmony export */   parseCheckArgs: () => (/* binding */ parseCheckArgs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7157);
/* harmony import */ var _dockerfile_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8250);
/* harmony import */ var _check_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8803);
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
BuildKit does when the config is empty (so InvalidBaseImagePlatform never fires).

# check=skip=...;experimental=...;error=true is honoured as BuildKit does, and
--build-arg BUILDKIT_DOCKERFILE_CHECK=... replaces it. The experimental rules
(InvalidDefinitionDescription, CopyIgnoredFile) run only when experimental= names them;
CopyIgnoredFile reads <Dockerfile>.dockerignore, else .dockerignore in the Dockerfile's folder.

Exit status: 0 with only warnings; 1 on errors (printed as file:line: message), including findings
under # check=error=true; 2 on bad usage.
`;
const CHECK_FLAGS = {
    values: { '-f': 'file', '--file': 'file', '--target': 'target' },
    switches: { '--json': 'json' }
};
/** Parse `check` arguments. Pure; throws UsageError on bad usage. */
function parseCheckArgs(argv, env = {}) {
    const f = (0,_flags_js__WEBPACK_IMPORTED_MODULE_6__/* .parseFlags */ .b)(argv, CHECK_FLAGS, env);
    return {
        file: f.values.file ?? 'Dockerfile',
        buildArgs: f.buildArgs,
        target: f.values.target,
        json: f.switches.includes('json'),
        help: f.help
    };
}
const line = (file, f) => `${file}:${f.startLine}: ${f.detail} (${f.ruleName})`;
/** Runs `stagegate check`; returns the exit code. */
async function checkCommand(argv, io) {
    let args;
    try {
        args = parseCheckArgs(argv, io.env);
    }
    catch (err) {
        if (!(err instanceof _flags_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e))
            throw err;
        io.stderr(`stagegate check: ${err.message}\n\n${CHECK_USAGE}`);
        return 2;
    }
    if (args.help) {
        io.stdout(CHECK_USAGE);
        return 0;
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(args.file) ? args.file : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(io.cwd, args.file);
    try {
        let text;
        try {
            text = await (io.readFile ?? (p => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(p, 'utf8')))(path);
        }
        catch (err) {
            const code = err.code;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`${args.file}: cannot read the Dockerfile (${code ?? err.message})`);
        }
        const graph = (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_4__/* .readDockerfile */ .n_)(text, {
            file: args.file,
            buildArgs: args.buildArgs,
            platform: io.platform,
            target: args.target
        });
        if (args.target !== undefined)
            (0,_dockerfile_index_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveTarget */ .u1)(graph, args.target);
        // The .dockerignore BuildKit would use (<Dockerfile>.dockerignore first), read only for the
        // experimental CopyIgnoredFile.
        let dockerignore;
        if ((0,_check_index_js__WEBPACK_IMPORTED_MODULE_5__/* .ruleEnabled */ .wR)((0,_check_index_js__WEBPACK_IMPORTED_MODULE_5__/* .lintConfig */ .iv)(graph, args.buildArgs), 'CopyIgnoredFile')) {
            const read = io.readFile ?? (p => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(p, 'utf8'));
            for (const candidate of [`${path}.dockerignore`, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), '.dockerignore')]) {
                dockerignore = await read(candidate).catch(() => undefined);
                if (dockerignore !== undefined)
                    break;
            }
        }
        const result = (0,_check_index_js__WEBPACK_IMPORTED_MODULE_5__/* .checkDockerfile */ .vn)(graph, {
            target: args.target,
            buildArgs: args.buildArgs,
            platform: io.platform,
            context: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path),
            exists: io.exists ?? node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync,
            text,
            dockerignore
        });
        if (args.json)
            io.stdout((0,_check_index_js__WEBPACK_IMPORTED_MODULE_5__/* .toCheckJson */ .KX)(result.findings) + '\n');
        else
            for (const f of result.findings)
                (f.severity === 'error' ? io.stderr : io.stdout)(line(args.file, f) + '\n');
        if (args.json)
            for (const f of result.errors)
                io.stderr(line(args.file, f) + '\n');
        if (result.fatal)
            io.stderr(`${result.fatal.message}\n`);
        return result.errors.length > 0 || result.fatal ? 1 : 0;
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y) {
            io.stderr(`${err.message}\n`);
            return 1;
        }
        throw err;
    }
}


/***/ }),

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


/***/ })

};
