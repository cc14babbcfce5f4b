import { describe, expect, it } from "vitest";
import { derivedNameConflicts } from "@/server/engine/databases/derived-name-conflicts";

const db = (name: string) => ({ type: "database" as const, name });
const app = (name: string, volumes: string[] = []) => ({ type: "app" as const, name, volumes: volumes.map((v) => ({ name: v })) });

describe("names apps and databases derive in one namespace", () => {
  it("finds an app whose Service is a database's headless Service, in both orders", () => {
    expect(derivedNameConflicts(app("pg-headless"), [db("pg")])).toEqual([
      'app "pg-headless" would make the Service "pg-headless" (its Service), which is database "pg"\'s headless Service',
    ]);
    expect(derivedNameConflicts(db("pg"), [app("pg-headless")])).toEqual([
      'database "pg" would make the Service "pg-headless" (its headless Service), which is app "pg-headless"\'s Service',
    ]);
  });

  it("finds an app volume whose claim is a database's data volume", () => {
    expect(derivedNameConflicts(app("data", ["pg-0"]), [db("pg")])).toEqual([
      'app "data" would make the PersistentVolumeClaim "data-pg-0" (its volume "pg-0"), which is database "pg"\'s data volume',
    ]);
  });

  it("finds two databases where one's Service is the other's headless Service", () => {
    expect(derivedNameConflicts(db("pg-headless"), [db("pg")])).toHaveLength(1);
  });

  it("lets distinct names be, and leaves app-against-app claims to the app rules", () => {
    expect(derivedNameConflicts(app("web", ["data"]), [db("pg"), db("cache"), app("api")])).toEqual([]);
    expect(derivedNameConflicts(app("pg-credentials"), [db("pg")])).toEqual([]);
    expect(derivedNameConflicts(app("a", ["b-c"]), [app("a-b", ["c"])])).toEqual([]);
  });
});
