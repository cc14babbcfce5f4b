/**
 * Server-side apply (recordings 01*), in the recorder's order: valid applies (201/200, dry runs
 * without a resourceVersion), unknown and wrong-typed fields (a 500 with no reason, whatever
 * fieldValidation says), invalid names, conflicts between managers, missing namespaces and kinds.
 */
import type { ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { sameShape } from "@/server/sim/conformance/replay/compare-answer";
import { kubectlWithStdin } from "@/server/sim/conformance/replay/kubectl-stdin";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Who owns fields after an apply: managers with their operations. Not compared: the order, and
 * kube-controller-manager's status entry — the sim's controllers write status straight to the
 * store, without a managedFields entry.
 */
const owners = (body: unknown) =>
  ((body as Obj)?.metadata?.managedFields ?? [])
    .map((m: Obj) => `${m.manager}/${m.operation}`)
    .filter((o: string) => o !== "kube-controller-manager/Update")
    .sort();
const managedFields = { also: (rec: { response?: { body?: unknown } }, answer: { body: unknown }) => sameShape(owners(rec.response?.body), owners(answer.body), "managedFields") };

const names = [
  "01a-1-ssa-valid-deployment-dryrun",
  "01a-2-ssa-valid-deployment-dryrun-strict",
  "01a-3-ssa-valid-deployment-plain",
  "01a-4-ssa-valid-deployment-strict",
  "01b-1-ssa-unknown-field-replicaz-dryrun",
  "01b-1-ssa-unknown-field-replicaz-existing-dryrun",
  "01b-2-ssa-unknown-field-replicaz-dryrun-strict",
  "01b-2-ssa-unknown-field-replicaz-existing-dryrun-strict",
  "01b-3-ssa-unknown-field-replicaz-existing-plain",
  "01b-3-ssa-unknown-field-replicaz-plain",
  "01b-4-ssa-unknown-field-replicaz-existing-strict",
  "01b-4-ssa-unknown-field-replicaz-strict",
  "01b-5-ssa-unknown-field-replicaz-existing-warn",
  "01b-5-ssa-unknown-field-replicaz-warn",
  "01b-6-ssa-unknown-field-replicaz-existing-ignore",
  "01b-6-ssa-unknown-field-replicaz-ignore",
  "01c-1-ssa-wrong-type-replicas-string-dryrun",
  "01c-1-ssa-wrong-type-replicas-string-existing-dryrun",
  "01c-2-ssa-wrong-type-replicas-string-dryrun-strict",
  "01c-2-ssa-wrong-type-replicas-string-existing-dryrun-strict",
  "01c-3-ssa-wrong-type-replicas-string-existing-plain",
  "01c-3-ssa-wrong-type-replicas-string-plain",
  "01c-4-ssa-wrong-type-replicas-string-existing-strict",
  "01c-4-ssa-wrong-type-replicas-string-strict",
  "01d-1-ssa-invalid-name-dryrun",
  "01d-2-ssa-invalid-name-dryrun-strict",
  "01d-3-ssa-invalid-name-plain",
  "01d-4-ssa-invalid-name-strict",
  "01e-1-ssa-conflict-manager-b-same-value",
  "01e-2-ssa-conflict-manager-b-no-force",
  "01e-3-ssa-conflict-manager-b-dryrun-no-force",
  "01e-4-ssa-conflict-manager-b-force",
  "01e-5-update-by-editor-merge-patch",
  "01e-6-ssa-conflict-with-update-manager",
  "01e-7-ssa-force-multiple-conflicts-setup",
  "01e-8-ssa-conflict-multiple-fields",
  "01f-1-ssa-namespace-missing",
  "01f-2-ssa-namespace-missing-dryrun-strict",
  "01g-1-ssa-unknown-kind",
  "01g-2-ssa-unknown-kind-strict-dryrun",
  "01g-3-discovery-unknown-group",
  "01h-1-ssa-missing-fieldmanager",
  "01h-2-ssa-name-mismatch",
  "01h-3-ssa-namespace-mismatch",
  "01h-4-ssa-invalid-yaml",
  "01h-5-ssa-missing-kind",
  "01h-6-ssa-immutable-selector",
  "01h-7-ssa-json-body",
  "01h-8-ssa-duplicate-field-strict",
  "01h-9-ssa-duplicate-field-default",
  "01h-10-ssa-wrong-content-type",
  "01h-11-ssa-duplicate-field-warn",
  "01z-ssa-a-final-object",
];

export const ssaTable: ReplayTable = {
  title: "server-side apply",
  cases: [
    ...names.map((name) => ({ name, ...(/^01[aez]|01h-(7|9|11)/.test(name) ? managedFields : {}) })),
    {
      // What kubectl prints for the same mistakes (the installed kubectl is newer than the recorder's 1.28).
      name: "01g-4-kubectl-apply-outputs",
      replay: async (rec, ctx) => {
        const runs = rec.runs as Array<{ what: string; stdin: string; exitCode: number; stderr: string }>;
        const out: string[] = [];
        for (const run of runs) {
          const result = await kubectlWithStdin(ctx.sim, ["apply", "--server-side", "--field-manager=a", "-f", "-"], run.stdin);
          out.push(...sameShape({ exitCode: run.exitCode, stderr: run.stderr }, { exitCode: result.code, stderr: result.stderr }, run.what));
        }
        return out;
      },
    },
  ],
};
