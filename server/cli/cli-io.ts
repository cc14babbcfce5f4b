/** Where a `berth` subcommand writes, and the environment it reads (process.env unless a test passes one). */
export type CliIo = { out: (line: string) => void; err: (line: string) => void; env?: NodeJS.ProcessEnv };
