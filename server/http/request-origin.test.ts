import { afterEach, expect, test } from "vitest";
import { checkSameOrigin, clientAddress, headerReader, isHttpsRequest } from "@/server/http/request-origin";

const reader = (headers: Record<string, string>) => headerReader(new Headers(headers));

afterEach(() => {
  delete process.env.BERTH_TRUST_PROXY;
});

test("same-origin Origin passes; foreign, null or missing Origin is refused with a sentence", () => {
  expect(checkSameOrigin(reader({ host: "berth.example:3000", origin: "http://berth.example:3000" }))).toBeNull();
  expect(checkSameOrigin(reader({ host: "berth.example", origin: "https://berth.example" }))).toBeNull();
  expect(checkSameOrigin(reader({ host: "berth.example", origin: "https://evil.example" }))).toMatch(/evil\.example does not match berth\.example/);
  expect(checkSameOrigin(reader({ host: "berth.example", origin: "null" }))).toMatch(/no Origin/);
  expect(checkSameOrigin(reader({ host: "berth.example" }))).toMatch(/no Origin/);
});

test("X-Forwarded-Host is used for the origin check only when the proxy is trusted", () => {
  const headers = { host: "berth.berth.svc:3000", "x-forwarded-host": "berth.example", origin: "https://berth.example" };
  expect(checkSameOrigin(reader(headers))).not.toBeNull();
  process.env.BERTH_TRUST_PROXY = "1";
  expect(checkSameOrigin(reader(headers))).toBeNull();
});

test("client address: the socket address, or X-Forwarded-For's first hop only behind a trusted proxy", () => {
  const headers = { "x-berth-client-ip": "10.42.0.7", "x-forwarded-for": "203.0.113.9, 10.0.0.1" };
  expect(clientAddress(reader(headers))).toBe("10.42.0.7");
  process.env.BERTH_TRUST_PROXY = "1";
  expect(clientAddress(reader(headers))).toBe("203.0.113.9");
  expect(clientAddress(reader({ "x-berth-client-ip": "10.42.0.7" }))).toBe("10.42.0.7");
});

test("HTTPS is believed from X-Forwarded-Proto only behind a trusted proxy", () => {
  const headers = { "x-forwarded-proto": "https" };
  expect(isHttpsRequest(reader(headers), "http://berth.example/")).toBe(false);
  process.env.BERTH_TRUST_PROXY = "1";
  expect(isHttpsRequest(reader(headers), "http://berth.example/")).toBe(true);
  expect(isHttpsRequest(reader({}), "https://berth.example/")).toBe(true);
});
