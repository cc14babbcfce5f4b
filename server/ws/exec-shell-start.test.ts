import { describe, expect, test } from "vitest";
import { classifyEarlyOutput, isMissingBinary } from "@/server/ws/exec-shell-start";

const RUNC = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown';

describe("classifyEarlyOutput", () => {
  test.each([
    ["", "undecided"],
    ["\r\n", "undecided"],
    ["O", "undecided"],
    ["OCI runtime", "undecided"],
    ["e", "undecided"],
    [`${RUNC}\r\n`, "runtime-failure"],
    ["\r\n\r\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) built-in shell (ash)", "shell-output"],
    ["root@web-1:/# ", "shell-output"],
    ["# ", "shell-output"],
    ["exec-pod$ ", "shell-output"],
  ])("%j is %s", (text, expected) => {
    expect(classifyEarlyOutput(text)).toBe(expected);
  });
});

describe("isMissingBinary", () => {
  test("the InternalError status of containerd (recorded 05a) says the binary is missing", () => {
    expect(isMissingBinary({ code: null, message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "17fd": ${RUNC}` }, "")).toBe(true);
  });

  test("runc's text on stdout before exit code 126 (dockershim) says so too", () => {
    expect(isMissingBinary({ code: 126, message: "exited with code 126" }, `${RUNC}\r\n`)).toBe(true);
  });

  test("a shell that ran and exited, or a start refused for another reason, is not a missing binary", () => {
    expect(isMissingBinary({ code: 127, message: "exited with code 127" }, "")).toBe(false);
    expect(isMissingBinary({ code: null, message: 'Internal error occurred: … exec: "/www/index.html": permission denied: unknown' }, "")).toBe(false);
    expect(isMissingBinary(undefined, "sh: bash: not found\r\n")).toBe(false);
  });
});
