import { describe, expect, it } from "vitest";
import type { Deployment } from "kubernetes-types/apps/v1";
import { generatePassword } from "@/server/engine/databases/credentials";
import { ENGINES } from "@/server/engine/databases/engines";
import { renderDatabase } from "@/server/engine/databases/render-database";
import { renderApp } from "@/server/engine/render/render-app";
import { PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";
import { listTemplates, parseTemplateFile } from "@/server/engine/templates/load-templates";
import { renderTemplate, substitute } from "@/server/engine/templates/render-template";

const templates = listTemplates();

describe("the shipped templates", () => {
  it("include the curated set, each pinned to an image tag", () => {
    expect(templates.map((t) => t.id)).toEqual(["ghost-mysql", "gitea-postgresql", "n8n-postgresql", "uptime-kuma", "vaultwarden"]);
    for (const t of templates) {
      for (const app of renderTemplate(t, {}).apps) expect(app.image, `${t.id}: ${app.name}`).toMatch(/:[\w.-]+$/);
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s renders with its defaults into valid Kubernetes objects", (_, template) => {
    const { databases, apps } = renderTemplate(template, {});
    const objects = [
      ...databases.flatMap((spec) =>
        renderDatabase({ spec, claimSize: spec.size, credentials: { password: generatePassword(), rootPassword: ENGINES[spec.engine].hasRootPassword ? generatePassword() : null } }, PROJECT),
      ),
      ...apps.flatMap((app) => renderApp(app, PROJECT)),
    ];
    expect(objects.some((o) => o.kind === "Deployment")).toBe(true);
    for (const obj of objects) expectValidKubeObject(obj);
  });
});

describe("rendering a template", () => {
  const ghost = templates.find((t) => t.id === "ghost-mysql")!;
  const gitea = templates.find((t) => t.id === "gitea-postgresql")!;

  it("fills parameters into names, links and hostnames", () => {
    const { databases, apps } = renderTemplate(ghost, { name: "blog", hostname: "news.example.org" });
    expect(databases.map((d) => [d.name, d.engine, d.version])).toEqual([["blog-db", "mysql", "8.4"]]);
    expect(apps[0]).toMatchObject({ name: "blog", image: "ghost:6.44.0", links: [{ database: "blog-db", parts: true }], hostnames: [{ host: "news.example.org" }] });
    expect(apps[0].env).toContainEqual({ name: "url", value: "https://news.example.org" });
  });

  it("puts the link's variables before the env that expands them, so the kubelet can fill $(DATABASE_PASSWORD)", () => {
    const [app] = renderTemplate(ghost, {}).apps;
    const deployment = renderApp(app, PROJECT).find((o) => o.kind === "Deployment") as Deployment;
    const names = deployment.spec!.template.spec!.containers[0].env!.map((e) => e.name);
    expect(names.indexOf("DATABASE_PASSWORD")).toBeLessThan(names.indexOf("database__connection__password"));
    expect(JSON.stringify(deployment)).not.toMatch(/"value":"[A-Za-z0-9]{32}"/);
  });

  it("generates a fresh secret for each install unless one is given", () => {
    const key = (params: Record<string, string>) => renderTemplate(gitea, params).apps[0].secretEnv.find((v) => v.name === "GITEA__security__SECRET_KEY")!.value;
    const first = key({});
    expect(first).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(key({})).not.toBe(first);
    expect(key({ secretKey: "my-own-long-secret" })).toBe("my-own-long-secret");
  });

  it("leaves out a hostname the user left empty", () => {
    expect(renderTemplate(gitea, {}).apps[0].hostnames).toEqual([]);
    expect(renderTemplate(gitea, { hostname: "git.example.com" }).apps[0].hostnames).toEqual([{ host: "git.example.com", path: "/" }]);
  });

  it("refuses bad parameter values, unknown parameters and a missing required one, each with a sentence", () => {
    expect(() => renderTemplate(ghost, { hostname: "Not A Host" })).toThrow(/^parameters\.hostname: /);
    expect(() => renderTemplate(ghost, { storage: "lots" })).toThrow(/^parameters\.storage: /);
    expect(() => renderTemplate(ghost, { colour: "red" })).toThrow('The template "ghost-mysql" has no parameter "colour"');
    expect(() => renderTemplate(ghost, { hostname: "" })).toThrow("parameters.hostname: Hostname is required — fill it in.");
    expect(() => renderTemplate(gitea, { secretKey: "short" })).toThrow(/at least 12 characters/);
    expect(() => renderTemplate(ghost, { name: "Blog_1" })).toThrow(/makes an invalid resource — databases\[0\]\.name: /);
  });

  it("substitutes in one pass over string values only, leaving the kubelet's $(VAR) and non-strings alone", () => {
    expect(substitute({ a: "{{p}}-x", n: 3, on: true, list: ["$(HOST)", "{{p}}"] }, { p: "{{q}}" })).toEqual({ a: "{{q}}-x", n: 3, on: true, list: ["$(HOST)", "{{q}}"] });
    expect(() => substitute("{{nope}}", {})).toThrow("{{nope}} is not a parameter of this template.");
  });
});

describe("a template file", () => {
  const base = "id: demo\ntitle: Demo\ndescription: A demo.\nicon: D\napps:\n  - { name: demo, image: nginx:1.27, port: 80 }\n";

  it("loads when it is well formed", () => {
    expect(parseTemplateFile("demo.yaml", base)).toMatchObject({ id: "demo", parameters: [], databases: [] });
  });

  it("fails to load with a sentence naming the file and field", () => {
    expect(() => parseTemplateFile("demo.yaml", base.replace("nginx:1.27", "\"{{image}}\""))).toThrow("demo.yaml: apps[0].image: {{image}} is not a declared parameter");
    expect(() => parseTemplateFile("other.yaml", base)).toThrow('the id "demo" must match the file name "other"');
    expect(() => parseTemplateFile("demo.yaml", `${base}kubernetes: {}\n`)).toThrow(/unknown field "kubernetes"/);
    expect(() => parseTemplateFile("demo.yaml", "id: [")).toThrow(/not valid YAML/);
  });
});
