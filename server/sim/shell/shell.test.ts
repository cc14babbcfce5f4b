import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { ContainerFs } from "@/server/sim/fs/container-fs";
import { imageRoot } from "@/server/sim/fs/pod-mounts";
import { VolumeFs } from "@/server/sim/fs/volume-fs";
import { runArgv, runScript, type ShellContext } from "@/server/sim/streams/exec-commands";

afterEach(() => simClock.reset());

/** A container of `image` with a writable volume at /data and a read-only one at /ro. */
function container(image = "busybox:1.36", env: Record<string, string> = {}) {
  const data = new VolumeFs();
  const ro = new VolumeFs();
  ro.writeFile(["kept"], Buffer.from("keep me\n"));
  const fs = new ContainerFs(imageRoot(image, "box"), [{ at: ["data"], fs: data, base: [], readOnly: false }, { at: ["ro"], fs: ro, base: [], readOnly: true }]);
  const ctx: ShellContext = { env: { PATH: "/bin", HOME: "/root", ...env }, cwd: "/", hostname: "box", shell: "sh", hasBash: !image.startsWith("busybox"), size: undefined, image, fs };
  return { fs, data, sh: (script: string) => runScript(script, ctx), run: (...argv: string[]) => runArgv(argv, ctx) };
}

describe("the simulated shell", () => {
  it("quotes, expands $VAR, ${VAR}, ${VAR:-default} and $(…), and splits only unquoted expansions", () => {
    const { sh } = container("busybox:1.36", { NAME: "pg", SPACED: "a  b" });
    expect(sh(`echo "$NAME-\${NAME}x" '$NAME' \${MISSING:-none} "$(echo inner "$NAME")"`).stdout).toBe("pg-pgx $NAME none inner pg\n");
    expect(sh(`printf '[%s]' $SPACED "$SPACED"; echo`).stdout).toBe("[a][b][a  b]\n");
    expect(sh(`x=1; y="two words"; echo "$x $y"; Z=3 env | tail -n 1`).stdout).toBe("1 two words\nZ=3\n");
  });

  it("runs ;, newlines, && and ||, pipes whose status is the last command's, and ! inverting it", () => {
    const { sh } = container();
    expect(sh("false && echo no || echo yes\ntrue && echo and").stdout).toBe("yes\nand\n");
    expect(sh("false | true; echo $?; true | false; echo $?; ! false; echo $?").stdout).toBe("0\n1\n0\n");
    expect(sh("echo one two three | wc -c").stdout).toBe("14\n");
  });

  it("redirects >, >>, <, 2>&1, >&2 and 2>/dev/null into the container's files", () => {
    const { sh, fs } = container();
    const r = sh("cd /data; echo a > f; echo b >> f; wc -c < f; cat missing 2>/dev/null; echo gone $?; cat missing 2>&1 | head -n 1; echo to-err >&2");
    expect(r.stdout).toBe("4\ngone 1\ncat: can't open 'missing': No such file or directory\n");
    expect(r.stderr).toBe("to-err\n");
    expect(fs.readFile("/data/f").toString()).toBe("a\nb\n");
    expect(sh("echo x > /nowhere/f").stderr).toBe("sh: can't create /nowhere/f: nonexistent directory\n");
  });

  it("stops at the first failure under set -e, but not in a condition, and reports unset variables under set -u", () => {
    const { sh } = container();
    expect(sh("set -e; false || echo handled; false && echo never; echo still; mv /data/none /data/x; echo not-reached")).toMatchObject({ stdout: "handled\nstill\n", stderr: "mv: can't rename '/data/none': No such file or directory\n", code: 1 });
    expect(sh("set -u; echo $UNSET; echo after")).toMatchObject({ stdout: "", stderr: "sh: UNSET: parameter not set\n", code: 2 });
    expect(sh("echo before; exit 7; echo after")).toMatchObject({ stdout: "before\n", code: 7, exit: 7 });
  });

  it("expands globs against the files, leaves an unmatched pattern as written, and matches dot files only when asked", () => {
    const { sh } = container();
    sh("cd /data && touch b.dump a.dump c.sql .hidden ..x");
    expect(sh("cd /data; echo *.dump; echo *.none; echo ?.sql; echo .[!.]*; echo *").stdout).toBe("a.dump b.dump\n*.none\nc.sql\n.hidden\na.dump b.dump c.sql\n");
    expect(sh("cd /data; rm -rf -- * .[!.]*; ls -a").stdout).toBe("..x\n");
  });

  it("says `not found` with 127 for an unknown program, in each shell's words", () => {
    expect(container("busybox:1.36").sh("nosuch arg")).toMatchObject({ stderr: "sh: nosuch: not found\n", code: 127 });
    expect(container("debian:12").sh("nosuch")).toMatchObject({ stderr: "sh: 1: nosuch: not found\n", code: 127 });
    expect(container("busybox:1.36").run("bash", "-c", "echo hi")).toMatchObject({ code: 127 });
  });

  it("words file errors as busybox in busybox images and as GNU coreutils elsewhere, and refuses writes to a read-only mount", () => {
    expect(container("busybox:1.36").sh("mv nope x").stderr).toBe("mv: can't rename 'nope': No such file or directory\n");
    expect(container("debian:12").sh("mv nope x").stderr).toBe("mv: cannot stat 'nope': No such file or directory\n");
    expect(container("debian:12").sh("ls /nope")).toMatchObject({ stderr: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
    const { sh, fs } = container();
    expect(sh("rm /ro/kept; touch /ro/new; echo x > /ro/f").stderr).toBe("rm: can't remove '/ro/kept': Read-only file system\ntouch: /ro/new: Read-only file system\nsh: can't create /ro/f: Read-only file system\n");
    expect(fs.readFile("/ro/kept").toString()).toBe("keep me\n");
  });

  it("lists newest first with ls -1t, keeps N with tail -n +N | xargs -r rm, and prints stat -c '%n %s %Y'", () => {
    const { sh } = container();
    simClock.set(new Date("2026-01-01T00:00:00Z"));
    sh("cd /data; echo 1 > a.dump");
    simClock.advance(60_000);
    sh("cd /data; echo 22 > b.dump");
    simClock.advance(60_000);
    sh("cd /data; echo 333 > c.dump");
    expect(sh("cd /data; ls -1t -- *.dump").stdout).toBe("c.dump\nb.dump\na.dump\n");
    expect(sh("cd /data; ls -1t -- *.dump | tail -n +3 | xargs -r rm -f --; ls -1 -- *.none | xargs -r rm; stat -c '%n %s %Y' -- *.dump").stdout).toBe(`b.dump 3 ${Date.parse("2026-01-01T00:01:00Z") / 1000}\nc.dump 4 ${Date.parse("2026-01-01T00:02:00Z") / 1000}\n`);
    expect(sh("date -u +%Y%m%dT%H%M%SZ").stdout).toBe("20260101T000200Z\n");
  });

  it("tars a directory into a real gzip'd ustar archive and back, and refuses a file that is not one in tar's words", () => {
    const { sh, fs } = container();
    sh("mkdir -p /data/src/sub && echo hello > /data/src/a.txt && echo deep > /data/src/sub/b.txt");
    fs.writeFile("/data/src/bin", Buffer.from([0, 255, 1, 254]));
    expect(sh("tar -czf /data/x.tar.gz -C /data/src .")).toMatchObject({ code: 0, stderr: "" });
    const archive = fs.readFile("/data/x.tar.gz");
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(archive).subarray(257, 262).toString()).toBe("ustar");
    expect(sh("tar -tzf /data/x.tar.gz").stdout).toBe("./\n./a.txt\n./bin\n./sub/\n./sub/b.txt\n");
    expect(sh("mkdir /data/out && tar -xzf /data/x.tar.gz -C /data/out && cat /data/out/sub/b.txt").stdout).toBe("deep\n");
    expect(fs.readFile("/data/out/bin")).toEqual(Buffer.from([0, 255, 1, 254]));
    expect(sh("tar -xzf /data/src/a.txt -C /data/out")).toMatchObject({ stderr: "tar: invalid magic\n", code: 1 });
    expect(container("debian:12").sh("echo x > /data/n; tar -xzf /data/n -C /data")).toMatchObject({ stderr: "\ngzip: stdin: not in gzip format\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n", code: 2 });
  });

  it("runs argv without a shell, so no word is expanded or split", () => {
    const { run } = container("busybox:1.36", { NAME: "pg" });
    expect(run("echo", "$NAME", "a  b", "*").stdout).toBe("$NAME a  b *\n");
    expect(run("sh", "-c", 'echo "$0 $1"', "zero", "one").stdout).toBe("zero one\n");
  });
});
