// Reading Dockerfiles exactly as BuildKit does: parser, word expansion and the stage graph.
export { parseDockerfile, parseHeredocWord, extractFlags, parseWords } from './parser.js'
export type { Directive, Heredoc, Instruction, ParsedDockerfile, Warning } from './parser.js'
export { expandWord, splitWords, ShellSyntaxError } from './shell.js'
export type { Env, LexOptions } from './shell.js'
export {
  findStage,
  graphForTarget,
  listStages,
  readDockerfile,
  resolveTarget,
  stageLabel,
  stagesFor
} from './stages.js'
export type { ReadOptions, Stage, StageGraph } from './stages.js'
