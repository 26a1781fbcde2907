// Imported first by each entry point (src/index.ts, src/cli.ts), before anything can compile
// WebAssembly.
import { setFlagsFromString } from 'node:v8'

// Node's fetch (the registry and the GitHub API) parses HTTP with llhttp, compiled to WebAssembly
// on first use. V8 then recompiles that module with TurboFan on a background thread, ~0.3 s of CPU
// on a busy 2-core runner, and the process waits for it before it exits: measured here, 0.13-0.16 s
// between the last line of the report and the exit of every run; with Liftoff's code alone, 0.03 s.
// Liftoff's code is plenty for the few responses a run parses. The flag only concerns WebAssembly,
// so setting it at run time is safe (a V8 without it would say so on stderr and go on).
setFlagsFromString('--liftoff-only')
