// `npm run bench`: every benchmark, each printing its numbers against a baseline measured in the
// same run. Needs the engine test bed (scripts/engine.sh up) and a fresh bundle (npm run bundle).
// BENCH_ONLY=parse,pipeline,measure,grew picks some; the measure benchmark builds and pushes a 1 GiB image.
import { benchBuildx } from './bench/buildx.js'
import { benchCheck } from './bench/check.js'
import { benchGrew } from './bench/grew.js'
import { benchJUnit } from './bench/junit.js'
import { benchMeasure } from './bench/measure.js'
import { benchParse } from './bench/parse.js'
import { benchPipeline } from './bench/pipeline.js'

const all: Record<string, () => Promise<unknown>> = {
  parse: benchParse,
  check: benchCheck,
  junit: () => benchJUnit(),
  pipeline: benchPipeline,
  buildx: benchBuildx,
  measure: () => benchMeasure(),
  grew: () => benchGrew()
}
const only = (process.env.BENCH_ONLY ?? Object.keys(all).join(',')).split(',').map(s => s.trim())
for (const name of only) {
  const bench = all[name]
  if (!bench) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`)
  console.log(`\n=== ${name}`)
  await bench()
}
