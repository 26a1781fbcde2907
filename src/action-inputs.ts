// The action's inputs as the command line accepts them (`stagegate run --tags a --push`).
// A unit test keeps this list equal to action.yml, so the CLI and the action never drift apart.

/** Inputs that may be given several times on the command line; values are joined with newlines. */
export const REPEATABLE_INPUTS = [
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
] as const

/** Inputs that are booleans: `--push` alone means true. */
export const BOOLEAN_INPUTS = ['push', 'no-cache', 'pull', 'create-builder', 'keep-builder'] as const

export const ACTION_INPUTS = [
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
] as const

/** Short command-line spellings that read like docker's own flags. */
export const INPUT_ALIASES: Record<string, string> = {
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
}
