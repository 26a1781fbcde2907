// `npm run bench`: every benchmark, each printing its numbers against a baseline measured in the
// same run. Needs the engine test bed (scripts/engine.sh up) and a fresh bundle (npm run bundle).
// BENCH_ONLY=parse,pipeline,measure,grew picks some; the measure benchmark builds and pushes a 1 GiB image;
// measure-reuse measures a 1 GiB image whose baseline knows all but its 10 MiB top layer;
// critical-path: the action against max(tester build + tests, runtime build) + push;
// startup: when the action and `stagegate run` spawn their first probe and first build (strace).
import { runAgreement } from './agreement.js'
import { benchBuildx } from './bench/buildx.js'
import { benchCheck } from './bench/check.js'
import { benchCriticalPath } from './bench/critical-path.js'
import { benchGrew } from './bench/grew.js'
import { benchJUnit } from './bench/junit.js'
import { benchMeasure } from './bench/measure.js'
import { benchMeasureReuse } from './bench/measure-reuse.js'
import { benchParse } from './bench/parse.js'
import { benchPipeline } from './bench/pipeline.js'
import { benchStartup } from './bench/startup.js'

const all: Record<string, () => Promise<unknown>> = {
  parse: benchParse,
  agreement: async () => {
    const { agreeing, total } = runAgreement()
    console.log(`agreement: ${agreeing}/${total} (Dockerfile reader against BuildKit v0.24's verdicts)`)
  },
  check: benchCheck,
  junit: () => benchJUnit(),
  pipeline: benchPipeline,
  'critical-path': benchCriticalPath,
  startup: benchStartup,
  buildx: benchBuildx,
  measure: () => benchMeasure(),
  'measure-reuse': () => benchMeasureReuse(),
  grew: () => benchGrew()
}
const only = (process.env.BENCH_ONLY ?? Object.keys(all).join(',')).split(',').map(s => s.trim())
for (const name of only) {
  const bench = all[name]
  if (!bench) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`)
  console.log(`\n=== ${name}`)
  await bench()
}
