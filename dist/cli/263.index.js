export const id = 263;
export const ids = [263];
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
