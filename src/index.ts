import './startup.js'
import * as core from '@actions/core'
import { post, run } from './main.js'

// The same bundle is the main and the post step (action.yml `post:`); the state tells them apart.
if (core.getState('is-post') === 'true') {
  await post()
} else {
  core.saveState('is-post', 'true')
  await run()
}
