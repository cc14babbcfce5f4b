/**
 * The option syntax the database tools share (getopt_long): `--name=value`, `--name value`,
 * `-x value`, `-xvalue`; flags without a value; and the operands left over.
 */

export interface ToolArgs {
  value(...names: string[]): string | undefined;
  has(...names: string[]): boolean;
  operands: string[];
}

/** `valued` lists every option (long and short) that takes a value, so its value is not an operand. */
export function toolArgs(args: string[], valued: string[]): ToolArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) values.set(name, a.slice(eq + 1));
      else if (valued.includes(name) && i + 1 < args.length) values.set(name, args[++i]);
      else flags.add(name);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const name = a.slice(0, 2);
      if (valued.includes(name)) values.set(name, a.length > 2 ? a.slice(2) : args[++i] ?? "");
      else for (const f of a.slice(1)) flags.add(`-${f}`);
      continue;
    }
    operands.push(a);
  }
  return {
    value: (...names) => names.map((n) => values.get(n)).find((v) => v !== undefined),
    has: (...names) => names.some((n) => flags.has(n) || values.has(n)),
    operands,
  };
}
