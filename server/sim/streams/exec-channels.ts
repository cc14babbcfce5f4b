/**
 * Writing one exec's output the way the kubelet does (recorded in ../shared/real-k8s/05c): the
 * first frame is empty, on the lowest writable channel; with a TTY the process's stderr comes on
 * channel 1 merged with stdout and newlines become CRLF, and a TTY without stdin delivers no
 * output at all (05c-6, 05c-7); the status on channel 3 is a kind-less JSON Status (plain text
 * with the old `channel.k8s.io`), then close 1000.
 */
import type { WebSocket } from "ws";
import { nonZeroExitStatus, type PlannedFrame } from "@/server/sim/streams/exec-start-failure";

const FRAME_BYTES = 32 * 1024;

export interface ExecFlags {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export class ExecChannels {
  private isEnded = false;

  constructor(
    private readonly ws: WebSocket,
    readonly flags: ExecFlags,
    private readonly argv: string[],
  ) {}

  get isOpen(): boolean {
    return !this.isEnded && this.ws.readyState === this.ws.OPEN;
  }

  /** Where the empty first frame (and a runtime's failure text) goes. */
  get firstChannel(): number {
    return this.flags.stdout ? 1 : 2;
  }

  /** The empty frame a real server sends as soon as the process is being started. */
  sendEmpty(): void {
    this.sendFrame(this.firstChannel, "");
  }

  stdout(data: string | Buffer): void {
    this.output(1, data);
  }

  stderr(data: string | Buffer): void {
    this.output(this.flags.tty ? 1 : 2, data);
  }

  /** The exit status, then close 1000; later writes are dropped. */
  exit(code: number): void {
    if (this.isEnded) return;
    this.sendFrame(3, this.statusText(code === 0 ? { metadata: {}, status: "Success" } : nonZeroExitStatus(this.argv, code)));
    this.end();
  }

  /** Plays `frames` with their delays, then closes: a start that failed. */
  play(frames: PlannedFrame[]): void {
    const [next, ...rest] = frames;
    if (!next) return this.end();
    setTimeout(() => {
      if (!this.isOpen) return;
      this.sendFrame(next.channel, next.data);
      this.play(rest);
    }, next.delayMs);
  }

  /** A Status as the negotiated subprotocol carries it. */
  statusText(status: Record<string, unknown>): string {
    if (this.ws.protocol !== "channel.k8s.io") return JSON.stringify(status);
    return status.status === "Success" ? "" : String(status.message);
  }

  markEnded(): void {
    this.isEnded = true;
  }

  private end(): void {
    this.isEnded = true;
    this.ws.close(1000);
  }

  /** Bytes as the process wrote them, in frames of at most 32 KiB as the kubelet's stream copy sends them. */
  private output(channel: number, data: string | Buffer): void {
    const isWritable = channel === 1 ? this.flags.stdout : this.flags.stderr;
    if (!data.length || !isWritable || (this.flags.tty && !this.flags.stdin)) return;
    const bytes = this.flags.tty ? Buffer.from(data.toString().replace(/\r?\n/g, "\r\n")) : Buffer.from(data);
    for (let at = 0; at < bytes.length; at += FRAME_BYTES) this.sendFrame(channel, bytes.subarray(at, at + FRAME_BYTES));
  }

  private sendFrame(channel: number, data: string | Buffer): void {
    if (this.isOpen) this.ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  }
}
