import { describe, expect, test } from "vitest";
import { parseAnsi, stripAnsi } from "@/lib/logs/ansi";

describe("parseAnsi", () => {
  test("a plain line is one unstyled segment", () => {
    expect(parseAnsi("GET / 200")).toEqual([{ text: "GET / 200", style: {} }]);
  });

  test("SGR colours, bold and reset become styled segments", () => {
    expect(parseAnsi("\x1b[1;31mERROR\x1b[0m done")).toEqual([
      { text: "ERROR", style: { isBold: true, fg: "#dc2626" } },
      { text: " done", style: {} },
    ]);
  });

  test("256-colour and true-colour foregrounds, bright backgrounds", () => {
    const [a, b] = parseAnsi("\x1b[38;5;196mred\x1b[38;2;1;2;3;103mrgb");
    expect(a.style.fg).toBe("#ff0000");
    expect(b.style).toEqual({ fg: "#010203", bg: "#facc15" });
  });

  test("markup in a log line stays text, and non-colour escapes are dropped", () => {
    expect(parseAnsi("\x1b]0;title\x07<b>x</b>\x1b[2K")).toEqual([{ text: "<b>x</b>", style: {} }]);
    expect(stripAnsi("\x1b[32mok\x1b[0m")).toBe("ok");
  });
});
