// The buildx path (what GitHub's runners run), on the test bed's engine 26 with buildx 0.13
// (scripts/engine.sh up buildx-26), each number against a baseline measured in the same run:
//   1. overhead: the bundled action, warm cache, against the same buildx commands typed by hand
//      on the same builder (tester --load, runtime with the image and an OCI layout at once);
//   2. the push: the action (runtime built, measured, then exported again from cache with --push)
//      against one `buildx build --push` typed by hand;
//   3. loading a big tester: a cached build of a tester stage holding 1 GiB, loaded (--load) and
//      not loaded, which is what `test-command`/`test-reports` cost and RUN-step mode now skips
//      on drivers where loading is not free.
// Run: npx tsx scripts/bench/buildx.ts (or npm run bench)
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freshExample, median, ms, pick, timed, traceAction, type Trace } from './pipeline.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const STATE = process.env.STAGEGATE_ENGINE_STATE ?? '/tmp/stagegate-engine'

/** The buildx-26 path's DOCKER_HOST, DOCKER_CONFIG and client, from the test bed's env file. */
function pathEnv(): { env: NodeJS.ProcessEnv; docker: string } {
  const file = path.join(STATE, 'paths', 'buildx-26.env')
  const vars: Record<string, string> = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(?:export )?([A-Z_]+)=(.*)$/.exec(line.trim())
    if (match) vars[match[1] as string] = (match[2] as string).replace(/^['"]|['"]$/g, '')
  }
  return { env: { ...process.env, ...vars }, docker: vars.STAGEGATE_DOCKER ?? 'docker' }
}

export async function benchBuildx(): Promise<void> {
  const { env, docker } = pathEnv()
  const byHand = (app: string, extra: string[] = []): number => {
    const common = [
      'buildx',
      'build',
      '--network',
      'none',
      '--progress=plain',
      '--file',
      path.join(app, 'Dockerfile')
    ]
    const oci = path.join(os.tmpdir(), `stagegate-bench-oci-${Date.now()}`)
    let total = timed(
      docker,
      [...common, '--target', 'tester', '--load', '--tag', 'bench/greeter:tester', app],
      env
    )
    total += timed(
      docker,
      [
        ...common,
        '--target',
        'runtime',
        '--output',
        'type=docker',
        '--output',
        `type=oci,dest=${oci},tar=false`,
        ...extra,
        app
      ],
      env
    )
    return total
  }

  // 1. Warm cache, not pushed (a pull request).
  const warm = freshExample('buildx-warm')
  byHand(warm)
  traceAction(warm, { docker, env })
  const hand: number[] = []
  const traces: Trace[] = []
  for (let i = 0; i < RUNS; i++) {
    hand.push(byHand(warm))
    traces.push(traceAction(warm, { docker, env }))
  }
  const own = pick(traces, 'totalMs') - pick(traces, 'dockerMs')
  console.log(`buildx 0.13 on engine 26 (containerd store), warm cache, not pushed, median of ${RUNS}`)
  console.log(
    `  buildx build x2 typed by hand   ${ms(median(hand))}  (tester --load; runtime image + OCI layout)`
  )
  console.log(
    `  stagegate builds (same two)     ${ms(pick(traces, 'buildMs'))}  ratio ${(pick(traces, 'buildMs') / median(hand)).toFixed(2)}x`
  )
  console.log(
    `  stagegate whole run             ${ms(pick(traces, 'totalMs'))}  (probing, tests, measuring, report)`
  )
  console.log(`    waiting on docker, all calls  ${ms(pick(traces, 'dockerMs'))}`)
  console.log(`    own overhead (not in docker)  ${ms(own)}`)

  // 2. Pushed: the action's build + re-export with --push against one push typed by hand.
  const registry = process.env.STAGEGATE_REGISTRY ?? '127.0.0.1:5000'
  const pushHand: number[] = []
  const pushTraces: Trace[] = []
  for (let i = 0; i < RUNS; i++) {
    const tag = `${registry}/bench/buildx:${Date.now().toString(36)}`
    const common = [
      'buildx',
      'build',
      '--network',
      'none',
      '--progress=plain',
      '--file',
      path.join(warm, 'Dockerfile')
    ]
    pushHand.push(
      timed(docker, [...common, '--target', 'tester', '--load', warm], env) +
        timed(docker, [...common, '--target', 'runtime', '--tag', tag, '--push', warm], env)
    )
    pushTraces.push(traceAction(warm, { docker, env, inputs: { tags: `${tag}-sg`, push: 'true' } }))
  }
  console.log(`warm cache, pushed to ${registry}, median of ${RUNS}`)
  console.log(`  tester --load + runtime --push by hand  ${ms(median(pushHand))}`)
  console.log(
    `  stagegate builds (tester, runtime)       ${ms(pick(pushTraces, 'buildMs'))}  ratio ${(pick(pushTraces, 'buildMs') / median(pushHand)).toFixed(2)}x`
  )
  console.log(`  stagegate whole run                     ${ms(pick(pushTraces, 'totalMs'))}`)

  // 3. A big tester: what a load costs when nothing needs the image.
  const big = freshExample('buildx-big')
  const dockerfile = path.join(big, 'Dockerfile')
  writeFileSync(
    dockerfile,
    readFileSync(dockerfile, 'utf8').replace(
      'COPY test/ ./test/',
      'RUN head -c 1024m /dev/urandom > /opt/toolchain/big.bin\nCOPY test/ ./test/'
    )
  )
  const common = ['buildx', 'build', '--network', 'none', '--progress=plain', '--target', 'tester', big]
  timed(docker, [...common, '--load', '--tag', 'bench/big:tester'], env)
  const loaded: number[] = []
  const cacheOnly: number[] = []
  for (let i = 0; i < 3; i++) {
    timed(docker, ['image', 'rm', 'bench/big:tester'], env)
    loaded.push(timed(docker, [...common, '--load', '--tag', 'bench/big:tester'], env))
    cacheOnly.push(timed(docker, [...common, '--output', 'type=cacheonly'], env))
  }
  console.log('tester stage holding 1 GiB, cached, median of 3 (docker driver, containerd store)')
  console.log(`  not loaded (type=cacheonly)     ${ms(median(cacheOnly))}`)
  console.log(
    `  loaded into the engine (--load) ${ms(median(loaded))}  (+${(median(loaded) - median(cacheOnly)).toFixed(0)} ms)`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchBuildx()
}
