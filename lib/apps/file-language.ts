/**
 * The Monaco language for a config file, from its name: highlighting only, so near enough is
 * fine (TOML reads well as ini; nginx and other `.conf` files as shell, for `#` comments and
 * quoted strings). Unknown types are plain text.
 */
const BY_EXTENSION: Record<string, string> = {
  yaml: "yaml",
  yml: "yaml",
  json: "json",
  toml: "ini",
  ini: "ini",
  cfg: "ini",
  properties: "ini",
  conf: "shell",
  env: "shell",
  sh: "shell",
  bash: "shell",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  ts: "typescript",
  py: "python",
  xml: "xml",
  html: "html",
  htm: "html",
  css: "css",
  md: "markdown",
  sql: "sql",
};

export function fileLanguage(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (name === ".env" || name.startsWith(".env.")) return "shell";
  const dot = name.lastIndexOf(".");
  return dot > 0 || (dot === 0 && name.length > 1) ? (BY_EXTENSION[name.slice(dot + 1)] ?? "plaintext") : "plaintext";
}
