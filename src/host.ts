/** Where an annotation points. */
export interface Annotation {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
}

/**
 * What the pipeline needs from where it runs: the GitHub runner (src/main.ts) or a terminal
 * (src/cli.ts). The same pipeline runs on both; only this surface differs.
 */
export interface Host {
  /** Raw input by its action.yml name ('' when not given). */
  input(name: string): string
  info(message: string): void
  warning(message: string, where?: Annotation): void
  error(message: string, where?: Annotation): void
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  setOutput(name: string, value: string): void
  /** Masks a value in everything the host prints from now on. */
  setSecret(value: string): void
  /** Appends markdown to the job summary (or the CLI's report file). */
  appendSummary(markdown: string): Promise<void>
  /**
   * Prints output that code we do not control wrote (build steps, the test command): `emit`
   * prints one line, which the runner never reads as a workflow command (`::add-mask::`,
   * `::error::`, `##[...]`, `::stop-commands::`). Redaction applies as to `info`.
   */
  untrusted<T>(fn: (emit: (line: string) => void) => Promise<T>): Promise<T>
  /**
   * Keeps a value for the end of the job (the action's post step; the CLI's end of run), e.g. a
   * builder this run created and must remove.
   */
  saveState?(name: string, value: string): void
  /** Whether build output should be streamed to the log as it comes. */
  streamBuildLog: boolean
  env: NodeJS.ProcessEnv
}

/** Prints a heading, then lines of untrusted output (e.g. the last lines of a failing step). */
export async function echoUntrusted(host: Host, heading: string, lines: string[]): Promise<void> {
  host.info(heading)
  await host.untrusted(async emit => lines.forEach(line => emit(line)))
}
