import './startup.js'
import { probeAtStart } from './engine/docker.js'

// The same bundle is the main and the post step (action.yml `post:`); the state tells them apart
// (core.getState reads STATE_<name>, read here before @actions/core is loaded).
const isPost = process.env['STATE_is-post'] === 'true'
// The docker probes start before the rest of the action is loaded: ~0.15 s of JavaScript on a
// 2-core runner (@actions/core's undici most of it), which the docker processes overlap
// (the run takes them over, src/engine/docker.ts). `builder` is read as core.getInput reads it.
if (!isPost) probeAtStart(process.env, (process.env.INPUT_BUILDER ?? '').trim())
const { entry } = await import('./main.js')
await entry(isPost)
