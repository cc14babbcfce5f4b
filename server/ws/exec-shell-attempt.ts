/**
 * One upstream exec of one candidate shell (`bash`, then `sh`) for a terminal. Until the shell
 * is known to run (exec-shell-start.ts) its output is held back, so a runtime's failure text
 * never reaches the browser; then the held output is handed over and the rest streams through.
 * It ends exactly once: the binary is missing (the session tries the next shell) or the exec
 * ended, with the status if the API sent one.
 */
import { StringDecoder } from "node:string_decoder";
import type { KubeConfig } from "@kubernetes/client-node";
import { openExecStream, type ExecOutcome, type ExecStream } from "@/server/kube/exec-stream";
import { classifyEarlyOutput, isMissingBinary, SILENT_START_MS } from "@/server/ws/exec-shell-start";

/** A silence timer this late means the event loop was blocked while it ran. */
const MAX_TIMER_LAG_MS = 100;

export type OutputStream = "stdout" | "stderr";
export interface HeldOutput {
  stream: OutputStream;
  data: string;
}

export interface ShellAttemptEvents {
  /** The shell runs; `held` is what it printed before that was known, in order. */
  onRunning(held: HeldOutput[]): void;
  onOutput(stream: OutputStream, data: string): void;
  /**
   * The exec is over: the shell binary is missing, or it ended (with its status, if any, and
   * what it printed before it was known to run).
   */
  onEnded(end: { isMissingBinary: true } | { isMissingBinary: false; outcome?: ExecOutcome; held: HeldOutput[] }): void;
}

export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
}

export class ShellAttempt {
  private phase: "starting" | "running" | "ended" = "starting";
  private stream: ExecStream | undefined;
  private held: HeldOutput[] = [];
  private outcome: ExecOutcome | undefined;
  /** Whether the shell's own output has been passed on. */
  private hasPrinted = false;
  private silenceTimer: NodeJS.Timeout | undefined;
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };

  /** `shell` names the program for the browser and the audit; `command` is what runs (argv, no shell). */
  constructor(
    readonly shell: string,
    private readonly target: ShellTarget,
    private readonly events: ShellAttemptEvents,
    private readonly command: readonly string[] = [shell],
  ) {}

  /** Opens the exec; rejects when the API refuses the upgrade. */
  async open(kubeConfig: KubeConfig, size: { cols: number; rows: number }): Promise<void> {
    this.stream = await openExecStream(kubeConfig, { ...this.target, command: [...this.command], tty: true }, {
      onStdout: (data) => this.receive("stdout", data),
      onStderr: (data) => this.receive("stderr", data),
      onOutcome: (outcome) => (this.outcome = outcome),
      onClose: () => this.upstreamClosed(),
    });
    if (this.phase === "ended") return this.stream.close();
    this.stream.resize(size.cols, size.rows);
    this.armSilenceTimer();
  }

  writeStdin(data: string): void {
    this.stream?.writeStdin(data);
  }

  resize(cols: number, rows: number): void {
    this.stream?.resize(cols, rows);
  }

  ping(): void {
    this.stream?.ping();
  }

  pause(): void {
    this.stream?.pause();
  }

  resume(): void {
    this.stream?.resume();
  }

  /** Closes the upstream exec; no event follows. */
  close(): void {
    this.phase = "ended";
    clearTimeout(this.silenceTimer);
    this.stream?.close();
  }

  private heldText(): string {
    return this.held.map((h) => h.data).join("");
  }

  private receive(stream: OutputStream, data: Buffer): void {
    if (this.phase === "ended") return;
    const text = this.decoders[stream].write(data);
    if (this.phase === "running") {
      this.hasPrinted ||= text !== "";
      if (text) this.events.onOutput(stream, text);
      return;
    }
    if (text) this.held.push({ stream, data: text });
    if (classifyEarlyOutput(this.heldText()) === "shell-output") this.becomeRunning();
  }

  /**
   * Nothing printed and no failure status long after the runtime's failures arrive: it runs.
   * Silence only counts on a responsive event loop: a timer that fires late (this process was
   * starved) is re-armed, since the frames that came meanwhile may not have been read yet.
   */
  private armSilenceTimer(): void {
    const due = Date.now() + SILENT_START_MS;
    this.silenceTimer = setTimeout(() => {
      if (Date.now() - due > MAX_TIMER_LAG_MS) return this.armSilenceTimer();
      // After this turn's I/O: a status frame that arrived with the timer is read first.
      setImmediate(() => {
        if (this.phase === "starting" && !this.outcome && classifyEarlyOutput(this.heldText()) === "undecided") this.becomeRunning();
      });
    }, SILENT_START_MS);
    this.silenceTimer.unref();
  }

  private becomeRunning(): void {
    this.phase = "running";
    this.hasPrinted = this.held.length > 0;
    clearTimeout(this.silenceTimer);
    const held = this.held;
    this.held = [];
    this.events.onRunning(held);
  }

  private upstreamClosed(): void {
    if (this.phase === "ended") return;
    // A shell taken as running for its silence that then fails to start was never there.
    const hasPrinted = this.hasPrinted;
    this.close();
    if (!hasPrinted && isMissingBinary(this.outcome, this.heldText())) return this.events.onEnded({ isMissingBinary: true });
    this.events.onEnded({ isMissingBinary: false, outcome: this.outcome, held: this.held });
  }
}
