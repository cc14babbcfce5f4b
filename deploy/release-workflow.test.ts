/**
 * .github/workflows/release.yml cannot run here, so this checks what would break a release
 * silently: the image it pushes is the one deploy/berth.yaml pulls and Berth's messages name,
 * it builds deploy/Dockerfile for both architectures, and its pinning step really pins.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { IMAGE } from "@/server/operator-command";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

type Step = { name?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; run?: string };
type Workflow = {
  on: { push: { tags: string[] } };
  env: { IMAGE: string };
  jobs: { release: { permissions: Record<string, string>; steps: Step[] } };
};

const workflow = parse(fs.readFileSync(path.join(root, ".github/workflows/release.yml"), "utf8")) as Workflow;
const steps = workflow.jobs.release.steps;
const action = (name: string): Step => {
  const step = steps.find((s) => s.uses?.split("@")[0] === name);
  if (!step) throw new Error(`release.yml does not use ${name}`);
  return step;
};

/** The container image of berth.yaml's Deployment, e.g. ghcr.io/berth-dev/berth:0.1.0. */
function berthYamlImage(text: string): string {
  const deployment = parseAllDocuments(text)
    .map((doc) => doc.toJS() as { kind: string; spec: { template: { spec: { containers: Array<{ image: string }> } } } })
    .find((m) => m.kind === "Deployment");
  return deployment!.spec.template.spec.containers[0].image;
}

describe(".github/workflows/release.yml", () => {
  it("runs on version tags with the permissions to push packages and create the release", () => {
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.jobs.release.permissions).toEqual({ contents: "write", packages: "write" });
  });

  it("pushes the image berth.yaml installs and Berth's messages name", () => {
    const berthYaml = fs.readFileSync(path.join(root, "deploy/berth.yaml"), "utf8");
    const [repository, tag] = berthYamlImage(berthYaml).split(":");
    expect(workflow.env.IMAGE).toBe(repository);
    expect(IMAGE).toBe(repository);
    expect(action("docker/metadata-action").with?.images).toBe("${{ env.IMAGE }}");
    expect(action("docker/login-action").with).toMatchObject({ registry: repository.split("/")[0], password: "${{ secrets.GITHUB_TOKEN }}" });
    // The checked-in berth.yaml pins the version being developed, as the release's copy does.
    expect(tag).toBe((JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version);
  });

  it("builds deploy/Dockerfile from the repository root for amd64 and arm64, under emulation", () => {
    action("docker/setup-qemu-action");
    action("docker/setup-buildx-action");
    const build = action("docker/build-push-action").with!;
    expect(build).toMatchObject({ context: ".", file: "deploy/Dockerfile", push: true, tags: "${{ steps.meta.outputs.tags }}" });
    expect(String(build.platforms).split(",").sort()).toEqual(["linux/amd64", "linux/arm64"]);
    // Every file the build stage copies by name is in the build context (.dockerignore keeps it).
    const dockerfile = fs.readFileSync(path.join(root, String(build.file)), "utf8");
    const ignored = fs.readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(" ")).filter((src) => src !== ".");
    expect(copied.length).toBeGreaterThan(0);
    for (const src of copied) {
      expect(fs.existsSync(path.join(root, src)), `${src} is not in the repository`).toBe(true);
      expect(ignored, `.dockerignore leaves ${src} out of the build context`).not.toContain(src);
    }
  });

  it("attaches a berth.yaml pinned to the tag's version to the release", async () => {
    const step = steps.find((s) => s.run?.includes("gh release create"))!;
    expect(step.env).toMatchObject({ GH_TOKEN: "${{ github.token }}", VERSION: "${{ steps.meta.outputs.version }}" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-release-"));
    try {
      fs.mkdirSync(path.join(dir, "deploy"));
      fs.copyFileSync(path.join(root, "deploy/berth.yaml"), path.join(dir, "deploy/berth.yaml"));
      // A stand-in `gh` records what the step asks of GitHub.
      fs.mkdirSync(path.join(dir, "bin"));
      fs.writeFileSync(path.join(dir, "bin/gh"), '#!/bin/sh\nprintf "%s\\n" "$@" > gh-args\n', { mode: 0o755 });
      await run("bash", ["-e", "-c", step.run!], {
        cwd: dir,
        env: { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, IMAGE: workflow.env.IMAGE, VERSION: "1.4.2", GITHUB_REF_NAME: "v1.4.2" },
      });
      const pinned = fs.readFileSync(path.join(dir, "berth.yaml"), "utf8");
      expect(berthYamlImage(pinned)).toBe(`${workflow.env.IMAGE}:1.4.2`);
      const original = fs.readFileSync(path.join(root, "deploy/berth.yaml"), "utf8").split("\n");
      expect(pinned.split("\n").filter((line, i) => line !== original[i])).toEqual([`          image: ${workflow.env.IMAGE}:1.4.2`]);
      expect(fs.readFileSync(path.join(dir, "gh-args"), "utf8").split("\n")).toEqual(expect.arrayContaining(["release", "create", "v1.4.2", "berth.yaml"]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
