/** A configuration problem; the message names the offending field. Entry points exit with code 2 on it. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`)
    this.name = 'ConfigError'
  }
}
