/** A configuration problem; the message names the offending field. Entry points exit with code 2 on it. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`)
    this.name = 'ConfigError'
  }
}

/** Entry points end here on failure: a configuration error is one line and exit code 2, anything else exit 1. */
export function exitOnError(e: unknown): never {
  if (e instanceof ConfigError) {
    console.error(`configuration error: ${e.message}`)
    process.exit(2)
  }
  console.error(e)
  process.exit(1)
}
