import { describe, expect, it } from "vitest";
import { appSpecSchema, type AppSpecInput } from "@/lib/schemas/app";
import { fileKey } from "@/lib/schemas/app-files";
import { issueSentences } from "@/lib/schemas/format-issues";

const problems = (overrides: Partial<AppSpecInput>) => {
  const parsed = appSpecSchema.safeParse({ name: "web", image: "nginx:1.27", port: 8080, ...overrides });
  return parsed.success ? [] : issueSentences(parsed.error);
};
const file = (path: string, content = "x", secret = false) => ({ path, content, secret });

describe("config file rules", () => {
  it("accepts plain and secret files sharing a directory", () => {
    expect(problems({ files: [file("/etc/app/config.yaml"), file("/etc/app/token", "s", true)] })).toEqual([]);
  });

  it.each([
    ["etc/app.conf", "must be an absolute path"],
    ["/etc/app/../x", "must not contain '..' segments"],
    ["/etc//app/x", `write "/etc/app/x"`],
    ["/etc/app/", `write "/etc/app"`],
    ["/", "must name a file"],
    ["/config.yaml", "not directly in '/'"],
    ["/etc/passwd", "must not be directly in /etc"],
    ["/proc/x/y", "must not be under /proc"],
    ["/dev/shm/x", "must not be under /dev"],
    ["/srv/..data", "starting with '..'"],
  ])("refuses the path %s with a sentence", (path, sentence) => {
    expect(problems({ files: [file(path)] }).join("\n")).toContain(sentence);
  });

  it("refuses two files at one path and a path that is another file's directory", () => {
    expect(problems({ files: [file("/srv/a"), file("/srv/a")] })).toEqual([`files[1].path: "/srv/a" is already used by files[0] — each file needs its own path`]);
    expect(problems({ files: [file("/srv/app"), file("/srv/app/x")] }).join("\n")).toContain("cannot be both a file and a directory");
  });

  it("refuses a file directory at, inside or around a volume's mount path", () => {
    const volumes = [{ name: "data", size: "1Gi", mountPath: "/data" }];
    expect(problems({ volumes, files: [file("/data/config.yaml")] }).join("\n")).toContain('inside the volume "data" mounted at /data');
    expect(problems({ volumes, files: [file("/data/sub/config.yaml")] }).join("\n")).toContain("would be mounted over the volume and hide it");
    expect(problems({ volumes: [{ name: "data", size: "1Gi", mountPath: "/srv/app/data" }], files: [file("/srv/app/x.conf")] }).join("\n")).toContain(
      "inside /srv/app where the files are mounted",
    );
    expect(problems({ volumes, files: [file("/database/config.yaml")] })).toEqual([]);
  });

  it("refuses more than 1 MiB of plain or of secret data, counted apart", () => {
    const half = "x".repeat(600 * 1024);
    expect(problems({ files: [file("/srv/a", half), file("/srv/b", half, true)] })).toEqual([]);
    expect(problems({ files: [file("/srv/a", half), file("/srv/b", half)] }).join("\n")).toContain("a ConfigMap holds at most 1 MiB");
    expect(problems({ files: [file("/srv/a", half, true), file("/srv/b", half, true)] }).join("\n")).toContain("a Secret holds at most 1 MiB");
  });

  it("refuses more than 50 files", () => {
    expect(problems({ files: Array.from({ length: 51 }, (_, i) => file(`/srv/f${i}`)) })).toEqual(["files: at most 50 files"]);
  });

  it("keeps Berth's file volume names and secret name for itself", () => {
    expect(problems({ volumes: [{ name: "berth-files-1", size: "1Gi", mountPath: "/data" }] }).join("\n")).toContain("kept for Berth's config file mounts");
    expect(problems({ hostnames: [{ host: "a.example.com", tlsSecretName: "web-secret-files" }] }).join("\n")).toContain("secret files");
  });
});

describe("fileKey", () => {
  it("is the path with '/' as '_' when reversible, and hashed otherwise so paths never share a key", () => {
    expect(fileKey("/etc/nginx/nginx.conf")).toBe("etc_nginx_nginx.conf");
    const a = fileKey("/srv/a_b");
    const b = fileKey("/srv/a/b");
    expect(a).toMatch(/^srv_a_b\.[0-9a-f]{8}$/);
    expect(b).toBe("srv_a_b");
    expect(fileKey("/srv/ünï.txt")).toMatch(/^[-._a-zA-Z0-9]+$/);
    expect(fileKey(`/srv/${"x".repeat(300)}`).length).toBeLessThanOrEqual(253);
  });
});
