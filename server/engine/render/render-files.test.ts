import { describe, expect, it } from "vitest";
import { renderApp } from "@/server/engine/render/render-app";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { fileContentFromCluster, renderFilesConfigMap, renderFilesSecret } from "@/server/engine/render/render-files";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const NGINX = "server { listen 8080; }\n";
const HTPASSWD = "admin:$apr1$secret\n";
const FILES = [
  { path: "/etc/nginx/conf.d/default.conf", content: NGINX },
  { path: "/etc/nginx/conf.d/.htpasswd", content: HTPASSWD, secret: true },
  { path: "/srv/app/config.yaml", content: "debug: false\n" },
];

describe("config files", () => {
  it("renders plain files into <app>-files and secret files into <app>-secret-files, with safe keys", () => {
    const app = appSpec({ files: FILES });
    const configMap = renderFilesConfigMap(app, PROJECT)!;
    const secret = renderFilesSecret(app, PROJECT)!;
    expectValidKubeObject(configMap);
    expectValidKubeObject(secret);
    expect(configMap.metadata).toMatchObject({ name: "web-files", namespace: "shop", labels: { "berth.dev/app": "web" } });
    expect(configMap.data).toEqual({ "etc_nginx_conf.d_default.conf": NGINX, "srv_app_config.yaml": "debug: false\n" });
    expect(secret.metadata?.name).toBe("web-secret-files");
    expect(secret.data).toEqual({ "etc_nginx_conf.d_.htpasswd": Buffer.from(HTPASSWD).toString("base64") });
    for (const key of [...Object.keys(configMap.data!), ...Object.keys(secret.data!)]) expect(key).toMatch(/^[-._a-zA-Z0-9]+$/);
  });

  it("renders nothing for an app without files", () => {
    const objects = renderApp(appSpec(), PROJECT);
    expect(objects.map((o) => o.kind)).toEqual(["Namespace", "Deployment", "Service"]);
  });

  it("mounts each directory as one projected volume mixing ConfigMap and Secret items, without subPath", () => {
    const deployment = renderDeployment(appSpec({ files: FILES, volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }] }), PROJECT);
    expectValidKubeObject(deployment);
    const pod = deployment.spec!.template.spec!;
    const mounts = pod.containers[0].volumeMounts!;
    expect(mounts.map((m) => m.mountPath)).toEqual(["/data", "/etc/nginx/conf.d", "/srv/app"]);
    expect(mounts.every((m) => m.subPath === undefined)).toBe(true);
    const nginx = pod.volumes!.find((v) => v.name === mounts[1].name)!;
    expect(nginx.projected!.sources).toEqual([
      { configMap: { name: "web-files", items: [{ key: "etc_nginx_conf.d_default.conf", path: "default.conf" }] } },
      { secret: { name: "web-secret-files", items: [{ key: "etc_nginx_conf.d_.htpasswd", path: ".htpasswd" }] } },
    ]);
    expect(pod.volumes!.find((v) => v.name === "data")).toEqual({ name: "data", persistentVolumeClaim: { claimName: "web-data" } });
  });

  it("folds a directory inside another file directory into one volume, with a relative item path", () => {
    const deployment = renderDeployment(
      appSpec({ files: [{ path: "/etc/nginx/nginx.conf", content: "a" }, { path: "/etc/nginx/conf.d/x.conf", content: "b" }] }),
      PROJECT,
    );
    const pod = deployment.spec!.template.spec!;
    expect(pod.containers[0].volumeMounts).toEqual([{ name: pod.volumes![0].name, mountPath: "/etc/nginx", readOnly: true }]);
    expect(pod.volumes![0].projected!.sources![0].configMap!.items!.map((i) => i.path)).toEqual(["nginx.conf", "conf.d/x.conf"]);
  });

  it("changes the pod template's files checksum when any content changes, and only then", () => {
    const checksum = (files: typeof FILES) => renderDeployment(appSpec({ files }), PROJECT).spec!.template.metadata!.annotations!["berth.dev/files-checksum"];
    const before = checksum(FILES);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(checksum([...FILES].reverse())).toBe(before);
    expect(checksum([FILES[0], { ...FILES[1], content: "admin:other\n" }, FILES[2]])).not.toBe(before);
  });

  it("keeps file contents out of the spec annotation, recording path, secrecy and checksum", () => {
    const deployment = renderDeployment(appSpec({ files: FILES }), PROJECT);
    const annotation = deployment.metadata!.annotations!["berth.dev/spec"];
    expect(annotation).not.toContain("listen 8080");
    expect(annotation).not.toContain("apr1");
    expect(JSON.parse(annotation).files[1]).toEqual({ path: "/etc/nginx/conf.d/.htpasswd", secret: true, checksum: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("reads contents back from the ConfigMap and Secret (restore)", () => {
    const app = appSpec({ files: FILES });
    const configMap = renderFilesConfigMap(app, PROJECT);
    const secret = renderFilesSecret(app, PROJECT);
    expect(app.files.map((f) => fileContentFromCluster(f, configMap, secret))).toEqual(FILES.map((f) => f.content));
    expect(fileContentFromCluster({ path: "/srv/app/gone.yaml", secret: false }, configMap, secret)).toBeUndefined();
  });
});
