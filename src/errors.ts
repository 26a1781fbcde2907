/** An error caused by what the user gave us: shown as one readable message, never with a stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** A problem in a Dockerfile, located at a line (1-based) so editors and annotations can point at it. */
export class DockerfileError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string
  ) {
    super(`${file}:${line}: ${detail}`)
    this.name = 'DockerfileError'
  }
}
