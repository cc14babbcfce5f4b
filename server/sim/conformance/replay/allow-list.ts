/**
 * Recordings the simulated cluster deliberately does not reproduce, each with the reason.
 * allow-list.test.ts proves every entry names a recording and that each still differs, so this
 * list only shrinks.
 */
export const ALLOW_LIST: Record<string, string> = {};
