import { describe, expect, it } from "vitest";
import { boundedName, instanceName, pvcName, pvcNameConflicts, secretName, shortHash } from "@/server/engine/names";

describe("boundedName", () => {
  it("keeps names that fit", () => {
    expect(boundedName("web-data")).toBe("web-data");
    expect(boundedName("a".repeat(63))).toBe("a".repeat(63));
  });

  it("cuts long names to the limit with a hash of the full name, staying a valid label", () => {
    const long = `${"a".repeat(30)}-${"b".repeat(63)}`;
    const name = boundedName(long);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(name.endsWith(`-${shortHash(long)}`)).toBe(true);
    expect(boundedName(`${"a".repeat(53)}-${"x".repeat(20)}`)).not.toMatch(/--/);
  });

  it("never maps two different long names to the same result", () => {
    const app = "a".repeat(30);
    const a = pvcName(app, `${"v".repeat(40)}-one`);
    const b = pvcName(app, `${"v".repeat(40)}-two`);
    expect(a).toHaveLength(63);
    expect(b).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(a.slice(0, 54)).toBe(b.slice(0, 54));
  });

  it("keeps 5,000 generated long PVC names valid, within 63 and distinct", () => {
    const seen = new Map<string, string>();
    for (let i = 0; i < 5000; i++) {
      const app = `app${i % 7}`.padEnd(20 + (i % 11), "x");
      const volume = `vol-${i}-`.padEnd(40 + (i % 23), "y") + "z";
      const name = pvcName(app, volume);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      const full = `${app}-${volume}`;
      expect(seen.get(name) ?? full, `${full} and ${seen.get(name)} collide`).toBe(full);
      seen.set(name, full);
    }
  });

  it("is deterministic", () => {
    expect(shortHash("web-data")).toBe(shortHash("web-data"));
    expect(shortHash("web-data")).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash("web-data")).not.toBe(shortHash("web-datb"));
  });
});

describe("derived names", () => {
  it("fit 63 characters at the schema's longest app, project and volume names", () => {
    const app = "a".repeat(30);
    expect(secretName(app)).toBe(`${app}-env`);
    expect(instanceName("p".repeat(30), app)).toHaveLength(61);
    expect(pvcName(app, "v".repeat(63)).length).toBeLessThanOrEqual(63);
    expect(pvcName("web", "data")).toBe("web-data");
  });
});

describe("pvcNameConflicts", () => {
  it("finds volumes of two apps that would share a PVC name", () => {
    expect(pvcNameConflicts({ name: "a", volumes: [{ name: "b-c" }] }, [{ name: "a-b", volumes: [{ name: "c" }] }])).toEqual([
      'volume "b-c" would create the PVC "a-b-c", which app "a-b" volume "c" already uses — rename the volume',
    ]);
    expect(pvcNameConflicts({ name: "a", volumes: [{ name: "data" }] }, [{ name: "b", volumes: [{ name: "data" }] }])).toEqual([]);
    expect(pvcNameConflicts({ name: "a", volumes: [{ name: "data" }] }, [{ name: "a", volumes: [{ name: "data" }] }])).toEqual([]);
  });
});
