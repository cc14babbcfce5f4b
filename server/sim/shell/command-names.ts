/**
 * What a script runs, read without running it: the kubelet side asks whether every program a
 * container's command names is one the sim's userland has before it runs the command itself.
 */
import { literalOf, parseScript, type Command, type Script } from "@/server/sim/shell/parse";
import { ASSIGNMENT } from "@/server/sim/shell/shell";

/** The command words of a script (nested bodies too), literal or "" when expanded, for callers that ask what it runs. */
export function commandNames(src: string): string[] | undefined {
  const ofScript = (script: Script): string[] => script.flatMap((a) => a.pipelines.flatMap((p) => p.commands.flatMap(ofCommand)));
  const ofCommand = (c: Command): string[] => {
    switch (c.t) {
      case "simple": {
        const words = c.words.filter((w) => !(w[0]?.t === "lit" && !w[0].quoted && ASSIGNMENT.test(w[0].s)));
        // `exec prog` runs prog: it is the program that must exist.
        const first = words[0] && literalOf(words[0]) === "exec" ? words[1] : words[0];
        return [first ? literalOf(first) ?? "" : ":"];
      }
      case "if": return [...c.clauses.flatMap((cl) => [...ofScript(cl.cond), ...ofScript(cl.body)]), ...(c.otherwise ? ofScript(c.otherwise) : [])];
      case "for": return ofScript(c.body);
      case "while": return [...ofScript(c.cond), ...ofScript(c.body)];
      case "group": return ofScript(c.body);
    }
  };
  try {
    return ofScript(parseScript(src));
  } catch {
    return undefined;
  }
}
