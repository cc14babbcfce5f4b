/**
 * An interactive `bash` or `sh` reading stdin in a simulated container. With a TTY it prompts
 * and echoes as the real shells do: bash `root@<pod>:/# `, Debian's dash `# `, and in images
 * without bash BusyBox ash, whose banner, `/ # ` prompt and cursor-position query (`ESC[6n`) are
 * recorded in ../shared/real-k8s/05c-1 and 05c-2. Terminal replies and arrow keys (escape
 * sequences) are swallowed rather than typed into the line.
 */
import type { WebSocket } from "ws";
import { runArgv, runScript, splitWords, type ShellContext } from "@/server/sim/streams/exec-commands";
import type { ExecChannels } from "@/server/sim/streams/exec-channels";

const BUSYBOX_BANNER = "\r\n\r\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) built-in shell (ash)\r\nEnter 'help' for a list of built-in commands.\r\n\r\n";
/** The busybox ash prints its banner and first prompt about 30 ms after the empty frame (05c-2). */
const BUSYBOX_START_MS = 30;

export function runInteractiveShell(ws: WebSocket, channels: ExecChannels, ctx: ShellContext, isBusybox: boolean): void {
  const { tty } = channels.flags;
  let line = "";
  let lastCode = 0;
  let escape: "" | "esc" | "csi" = "";
  let hasPrompted = false;
  let previous = "";
  const prompt = () => {
    if (!tty) return;
    hasPrompted = true;
    if (ctx.shell === "bash") channels.stdout(`root@${ctx.hostname}:${ctx.cwd}# `);
    else channels.stdout(isBusybox ? `${ctx.cwd} # \x1b[6n` : "# ");
  };
  const exit = (code: number) => {
    // bash says "exit" as it leaves; dash and ash say nothing (05c-2).
    if (tty && ctx.shell === "bash") channels.stdout("exit\n");
    channels.exit(code);
  };
  const execute = (text: string): boolean => {
    const r = runScript(text, { ...ctx, env: { ...ctx.env, "?": String(lastCode) } });
    // runScript works on a copy for $?; carry cwd changes back.
    const words = splitWords(text.trim(), ctx.env);
    if (words[0] === "cd") runArgv(words, ctx);
    lastCode = r.code;
    channels.stdout(r.stdout);
    channels.stderr(r.stderr);
    if (r.exit === undefined) return true;
    exit(r.exit);
    return false;
  };
  const type = (ch: string) => {
    if (escape === "esc") {
      escape = ch === "[" ? "csi" : "";
      return;
    }
    if (escape === "csi") {
      if (ch >= "@" && ch <= "~") escape = "";
      return;
    }
    const isAfterReturn = previous === "\r";
    previous = ch;
    if (ch === "\x1b") escape = "esc";
    else if (ch === "\r" || ch === "\n") {
      // A terminal sends CR for Enter, a script LF (05c-1); CR LF is one line.
      if (ch === "\n" && isAfterReturn) return;
      if (tty) channels.stdout("\n");
      const text = line;
      line = "";
      if (execute(text)) prompt();
    } else if (ch === "\x7f" || ch === "\b") {
      if (!line) return;
      line = line.slice(0, -1);
      if (tty) channels.stdout("\b \b");
    } else if (ch === "\x03" && tty) {
      line = "";
      channels.stdout("^C\n");
      prompt();
    } else if (ch === "\x04" && line === "") {
      exit(lastCode);
    } else {
      line += ch;
      if (tty) channels.stdout(ch);
    }
  };

  if (isBusybox && tty) {
    setTimeout(() => {
      channels.stdout(BUSYBOX_BANNER);
      prompt();
    }, BUSYBOX_START_MS);
  } else prompt();

  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    if (!channels.isOpen) return;
    if (!isBinary && ws.protocol !== "channel.k8s.io") return;
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as unknown as ArrayBuffer);
    const channel = buf[0];
    const data = buf.subarray(1).toString("utf8");
    if (channel === 4) {
      try {
        const size = JSON.parse(data) as { Width: number; Height: number };
        ctx.size = { rows: size.Height, cols: size.Width };
      } catch {
        // A malformed resize is ignored, as the kubelet does.
      }
      // ash redraws its line on SIGWINCH (05c-1: "\r/www # \x1b[J").
      if (isBusybox && hasPrompted) channels.stdout(`\r${ctx.cwd} # ${line}\x1b[J`);
      return;
    }
    if (channel === 255) {
      if (buf[1] === 0) channels.exit(lastCode);
      return;
    }
    if (channel !== 0) return;
    for (const ch of data) {
      if (!channels.isOpen) return;
      type(ch);
    }
  });
}
