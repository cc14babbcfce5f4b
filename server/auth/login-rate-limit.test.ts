import { expect, test } from "vitest";
import { FailureLimiter } from "@/server/auth/login-rate-limit";

test("blocks an address after the limit within the window and says how long to wait", () => {
  const limiter = new FailureLimiter(3, 60_000);
  const t0 = 1_000_000;
  for (let i = 0; i < 3; i++) {
    expect(limiter.retryAfterSeconds("10.0.0.1", t0 + i * 1000)).toBe(0);
    limiter.recordFailure("10.0.0.1", t0 + i * 1000);
  }
  expect(limiter.retryAfterSeconds("10.0.0.1", t0 + 3000)).toBe(57);
  expect(limiter.retryAfterSeconds("10.0.0.2", t0 + 3000)).toBe(0);
  expect(limiter.retryAfterSeconds("10.0.0.1", t0 + 60_001)).toBe(0);
});

test("failures older than the window stop counting", () => {
  const limiter = new FailureLimiter(2, 10_000);
  limiter.recordFailure("a", 0);
  limiter.recordFailure("a", 11_000);
  expect(limiter.retryAfterSeconds("a", 11_000)).toBe(0);
  limiter.recordFailure("a", 12_000);
  expect(limiter.retryAfterSeconds("a", 12_000)).toBe(9);
});
