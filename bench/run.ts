/**
 * `npm run bench -- <name> [args…]` runs bench/<name>/index.ts. Each benchmark measures Berth
 * side by side with a baseline in the same run and ends with one `RESULT key=value …` line.
 */
import fs from "node:fs";
import path from "node:path";

const [name, ...rest] = process.argv.slice(2);
const available = fs
  .readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

if (!name || !available.includes(name)) {
  console.error(`Name a benchmark: npm run bench -- <name>. Available: ${available.join(", ") || "none yet"}.`);
  process.exit(2);
}
process.argv = [process.argv[0], path.join(import.meta.dirname, name, "index.ts"), ...rest];
await import(`./${name}/index.ts`);
