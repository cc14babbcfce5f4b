/**
 * An interactive `bash` or `sh` reading stdin in a simulated container. With a TTY it prompts
 * and echoes as the real shells do: bash `root@<pod>:/# `, Debian's dash `# `, and in images
 * without bash BusyBox ash, whose banner, `/ # ` prompt and cursor-position query (`ESC[6n`) are
 * recorded in ../shared/real-k8s/05c-1 and 05c-2. Keystrokes go through exec-line-editor.ts.
 */
import type { WebSocket } from "ws";
import { shellFor, type ShellContext } from "@/server/sim/streams/exec-commands";
import type { ExecChannels } from "@/server/sim/streams/exec-channels";
import { readLines } from "@/server/sim/streams/exec-line-editor";

const BUSYBOX_BANNER = "\r\n\r\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) built-in shell (ash)\r\nEnter 'help' for a list of built-in commands.\r\n\r\n";
/** The busybox ash prints its banner and first prompt about 30 ms after the empty frame (05c-2). */
const BUSYBOX_START_MS = 30;

export function runInteractiveShell(ws: WebSocket, channels: ExecChannels, ctx: ShellContext, isBusybox: boolean): void {
  const { tty } = channels.flags;
  const shell = shellFor(ctx);
  let hasPrompted = false;
  const prompt = () => {
    if (!tty) return;
    hasPrompted = true;
    if (ctx.shell === "bash") channels.stdout(`root@${ctx.hostname}:${shell.cwd}# `);
    else channels.stdout(isBusybox ? `${shell.cwd} # \x1b[6n` : "# ");
  };
  const exit = (code: number) => {
    // bash says "exit" as it leaves; dash and ash say nothing (05c-2).
    if (tty && ctx.shell === "bash") channels.stdout("exit\n");
    channels.exit(code);
  };
  const execute = (text: string): boolean => {
    const code = shell.run(text, Buffer.alloc(0), (fd, data) => (fd === 1 ? channels.stdout(data) : channels.stderr(data)));
    if (!shell.exited) return true;
    exit(code);
    return false;
  };

  if (isBusybox && tty) {
    setTimeout(() => {
      channels.stdout(BUSYBOX_BANNER);
      prompt();
    }, BUSYBOX_START_MS);
  } else prompt();

  readLines(ws, channels, {
    onLine: (text) => {
      if (execute(text)) prompt();
    },
    onInterrupt: prompt,
    onEnd: () => exit(shell.lastCode),
    onResize: (size, line) => {
      ctx.size = size;
      // ash redraws its line on SIGWINCH (05c-1: "\r/www # \x1b[J").
      if (isBusybox && hasPrompted) channels.stdout(`\r${shell.cwd} # ${line}\x1b[J`);
    },
  });
}
