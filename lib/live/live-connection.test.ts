import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, openLiveConnection, type LiveState } from "@/lib/live/live-connection";

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.();
  }
}

afterEach(() => {
  vi.useRealTimers();
  FakeSocket.all = [];
});

describe("the live connection", () => {
  it("backs off, shows reconnecting, and resyncs only after a reconnect", () => {
    vi.useFakeTimers();
    const states: LiveState[] = [];
    let resyncs = 0;
    const messages: unknown[] = [];
    const conn = openLiveConnection({
      url: "ws://x/api/ws/live",
      onMessage: (m) => messages.push(m),
      onState: (s) => states.push(s),
      onResync: () => resyncs++,
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    });
    FakeSocket.all[0].onopen?.();
    expect(resyncs).toBe(0);
    FakeSocket.all[0].onmessage?.({ data: JSON.stringify({ type: "projects-changed" }) });
    FakeSocket.all[0].onmessage?.({ data: "not json" });
    FakeSocket.all[0].onmessage?.({ data: JSON.stringify({ type: "nonsense" }) });
    const progress = { type: "revision-progress", project: "shop", app: "web", message: "Rolling out: 1 of 2 replicas updated." };
    FakeSocket.all[0].onmessage?.({ data: JSON.stringify(progress) });
    expect(messages).toEqual([{ type: "projects-changed" }, progress]);

    FakeSocket.all[0].onclose?.();
    expect(states.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(BACKOFF_LIMIT);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].onopen?.();
    expect(states.at(-1)).toBe("open");
    expect(resyncs).toBe(1);
    conn.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("doubles the delay up to a cap", () => {
    expect(backoffDelay(0, 1)).toBe(500);
    expect(backoffDelay(3, 1)).toBe(4000);
    expect(backoffDelay(20, 1)).toBe(15_000);
    expect(backoffDelay(20, 0)).toBe(7500);
  });
});

const BACKOFF_LIMIT = 600;
