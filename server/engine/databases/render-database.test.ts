import { describe, expect, it } from "vitest";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Secret, Service } from "kubernetes-types/core/v1";
import { DATABASE_ENGINES, DATABASE_VERSIONS, type DatabaseEngine, type DatabaseSpec } from "@/lib/schemas/database";
import { renderDatabase, credentialsChecksum } from "@/server/engine/databases/render-database";
import { ENGINES } from "@/server/engine/databases/engines";
import { PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const CREDENTIALS = { password: "p4ssw0rdp4ssw0rdp4ssw0rdp4ssw0rd", rootPassword: null };

function spec(engine: DatabaseEngine, overrides: Partial<DatabaseSpec> = {}): DatabaseSpec {
  return { name: "shop-db", engine, version: DATABASE_VERSIONS[engine][0], size: "2Gi", nodePort: false, ...overrides };
}

function render(s: DatabaseSpec, rootPassword: string | null = null) {
  const objects = renderDatabase({ spec: s, credentials: { ...CREDENTIALS, rootPassword }, claimSize: s.size }, PROJECT);
  const sts = objects.find((o) => o.kind === "StatefulSet") as StatefulSet;
  const secret = objects.find((o) => o.kind === "Secret") as Secret;
  const services = objects.filter((o) => o.kind === "Service") as Service[];
  const container = sts.spec!.template.spec!.containers[0];
  const decoded = Object.fromEntries(Object.entries(secret.data!).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
  return { objects, sts, secret, services, container, decoded };
}

describe("renderDatabase", () => {
  it.each(DATABASE_ENGINES.flatMap((e) => DATABASE_VERSIONS[e].map((v) => [e, v] as const)))("renders valid objects for %s %s", (engine, version) => {
    const { objects } = render(spec(engine, { version }), engine === "mysql" || engine === "mariadb" ? "r00tr00tr00tr00tr00tr00tr00tr00t" : null);
    expect(objects.map((o) => `${o.kind}/${o.metadata!.name}`)).toEqual([
      "Namespace/shop",
      "Secret/shop-db-credentials",
      "PersistentVolumeClaim/data-shop-db-0",
      "StatefulSet/shop-db",
      "Service/shop-db-headless",
      "Service/shop-db",
    ]);
    for (const obj of objects) expectValidKubeObject(obj);
  });

  it("runs PostgreSQL with PGDATA below the mount, its own user's group and pg_isready", () => {
    const { sts, container } = render(spec("postgresql", { version: "16" }));
    expect(container.image).toBe("postgres:16.12");
    expect(container.volumeMounts).toEqual([{ name: "data", mountPath: "/var/lib/postgresql/data" }]);
    expect(container.env).toContainEqual({ name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" });
    expect(container.env).toContainEqual({ name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: "shop-db-credentials", key: "password" } } });
    expect(container.env).toContainEqual({ name: "POSTGRES_USER", valueFrom: { secretKeyRef: { name: "shop-db-credentials", key: "username" } } });
    expect(container.env).toContainEqual({ name: "POSTGRES_DB", valueFrom: { secretKeyRef: { name: "shop-db-credentials", key: "database" } } });
    expect(sts.spec!.template.spec!.securityContext).toEqual({ fsGroup: 999 });
    expect(container.readinessProbe!.exec!.command!.join(" ")).toContain("pg_isready");
  });

  it("uses one replica, a RWO claim template of the size and the headless Service as serviceName", () => {
    const { sts, services } = render(spec("postgresql"));
    expect(sts.spec!.replicas).toBe(1);
    expect(sts.spec!.serviceName).toBe("shop-db-headless");
    expect(sts.spec!.volumeClaimTemplates![0].spec).toEqual({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } } });
    expect(services.find((s) => s.metadata!.name === "shop-db-headless")!.spec!.clusterIP).toBe("None");
    expect(services.find((s) => s.metadata!.name === "shop-db")!.spec!.type).toBe("ClusterIP");
  });

  it("keeps the claim template at its creation size and grows the claim itself", () => {
    const objects = renderDatabase({ spec: spec("postgresql", { size: "5Gi" }), credentials: CREDENTIALS, claimSize: "2Gi" }, PROJECT);
    const sts = objects.find((o) => o.kind === "StatefulSet") as StatefulSet;
    const claim = objects.find((o) => o.kind === "PersistentVolumeClaim") as PersistentVolumeClaim;
    expect(sts.spec!.volumeClaimTemplates![0].spec!.resources!.requests!.storage).toBe("2Gi");
    expect(claim.spec!.resources!.requests!.storage).toBe("5Gi");
  });

  it("puts a URL in the engine's scheme and the parts in the Secret, and no password in the spec annotation", () => {
    const { decoded, sts } = render(spec("postgresql"));
    expect(decoded).toEqual({
      url: `postgresql://shop_db:${CREDENTIALS.password}@shop-db.shop.svc.cluster.local:5432/shop_db`,
      host: "shop-db.shop.svc.cluster.local",
      port: "5432",
      username: "shop_db",
      password: CREDENTIALS.password,
      database: "shop_db",
    });
    expect(JSON.stringify(sts)).not.toContain(CREDENTIALS.password);
    expect(JSON.parse(sts.metadata!.annotations!["berth.dev/spec"])).toEqual({ name: "shop-db", engine: "postgresql", version: "17", size: "2Gi", nodePort: false });
  });

  it("gives MySQL and MariaDB a root password and their own variables", () => {
    const mysql = render(spec("mysql"), "r00t");
    expect(mysql.decoded["root-password"]).toBe("r00t");
    expect(mysql.decoded.url.startsWith("mysql://shop_db:")).toBe(true);
    expect(mysql.container.env!.map((e) => e.name)).toEqual(["MYSQL_ROOT_PASSWORD", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_DATABASE"]);
    expect(mysql.container.volumeMounts![0].mountPath).toBe("/var/lib/mysql");
    const mariadb = render(spec("mariadb"), "r00t");
    expect(mariadb.container.env!.map((e) => e.name)).toEqual(["MARIADB_ROOT_PASSWORD", "MARIADB_USER", "MARIADB_PASSWORD", "MARIADB_DATABASE"]);
    expect(mariadb.container.readinessProbe!.exec!.command).toEqual(["healthcheck.sh", "--connect", "--innodb_initialized"]);
  });

  it("starts Redis with append-only persistence and the password from env, not the spec", () => {
    const { container, decoded } = render(spec("redis"));
    expect(container.args).toEqual(["redis-server", "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"]);
    expect(container.volumeMounts![0].mountPath).toBe("/data");
    expect(container.env!.map((e) => e.name)).toEqual(["REDIS_PASSWORD", "REDISCLI_AUTH"]);
    expect(decoded.url).toBe(`redis://default:${CREDENTIALS.password}@shop-db.shop.svc.cluster.local:6379/0`);
  });

  it("authenticates MongoDB's root user against admin", () => {
    const { container, decoded } = render(spec("mongodb"));
    expect(container.image).toBe("mongo:7.0.15");
    expect(container.volumeMounts![0].mountPath).toBe("/data/db");
    expect(decoded.url).toBe(`mongodb://shop_db:${CREDENTIALS.password}@shop-db.shop.svc.cluster.local:27017/shop_db?authSource=admin`);
  });

  it("turns the Service into a NodePort only when asked", () => {
    const { services } = render(spec("postgresql", { nodePort: true }));
    expect(services.find((s) => s.metadata!.name === "shop-db")!.spec!.type).toBe("NodePort");
  });

  it("rolls the pod when the credentials change", () => {
    const a = render(spec("postgresql")).sts.spec!.template.metadata!.annotations!["berth.dev/secret-checksum"];
    expect(a).toBe(credentialsChecksum(CREDENTIALS));
    expect(credentialsChecksum({ password: "other", rootPassword: null })).not.toBe(a);
  });
});

describe("the engines' terminal clients", () => {
  it.each(DATABASE_ENGINES)("%s starts its own client without a password in argv", (engine) => {
    const argv = ENGINES[engine].client.join(" ");
    expect(argv).toMatch(/psql|mysql|mariadb|redis-cli|valkey-cli|mongosh/);
    expect(argv).not.toMatch(/\s-p\S|--password|-a\s/);
  });
});
