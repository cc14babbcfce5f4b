import { expect, test } from "vitest";
import { redactHeaders, redactPath, redactSecrets } from "@/server/http/redact";

const token = "berth_ab12cd34_" + "s3cr3t-_".repeat(6);

test("tokens, Bearer values, session cookies and stored hashes are replaced", () => {
  const line = `auth=Bearer ${token} cookie=berth_session=abcDEF123_-xyz; other=1 hash=scrypt$16384$8$1$c2FsdA$aGFzaA token ${token}`;
  const out = redactSecrets(line);
  expect(out).not.toContain("s3cr3t");
  expect(out).not.toContain("abcDEF123");
  expect(out).not.toContain("aGFzaA");
  expect(out).toContain("other=1");
});

test("credential headers and query strings are dropped from what gets logged", () => {
  expect(redactHeaders({ Authorization: `Bearer ${token}`, cookie: "berth_session=x", accept: "*/*" })).toEqual({
    Authorization: "[redacted]",
    cookie: "[redacted]",
    accept: "*/*",
  });
  expect(redactPath(`/api/ws/live?token=${token}`)).toBe("/api/ws/live?[redacted]");
  expect(redactPath("/api/apps")).toBe("/api/apps");
});
