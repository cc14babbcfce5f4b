/** Where a dump tool puts its bytes: the named file in the container, or stdout when none (or `-`) is named. */
import { normalisePath } from "@/server/sim/fs/container-fs";
import { errnoText, type ProgramContext } from "@/server/sim/shell/process";

/** true when written; otherwise `failure(errno text)` has been written to stderr. */
export function writeOutput(ctx: ProgramContext, file: string | undefined, bytes: Buffer, failure: (why: string) => string): boolean {
  if (file === undefined || file === "-") {
    ctx.write(1, bytes);
    return true;
  }
  try {
    ctx.fs.writeFile(normalisePath(file, ctx.cwd), bytes);
    return true;
  } catch (err) {
    ctx.write(2, failure(errnoText(err)));
    return false;
  }
}
