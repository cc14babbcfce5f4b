/**
 * A StatefulSet's history as the real controller keeps it: one ControllerRevision per pod
 * template, named `<sts>-<hash>` and labelled `controller.kubernetes.io/hash`, whose `data` is the
 * patch that restores the template; `revision` counts up, and going back to an older template
 * reuses its revision object with the next number (as `kubectl rollout undo` expects). Revisions
 * no pod uses beyond `revisionHistoryLimit` are deleted. Hashes are FNV-32a like the real ones
 * but over our own serialisation, so the names differ from a real cluster's for the same template.
 * https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/history/controller_history.go
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { podTemplateHash, stableStringify } from "@/server/sim/controllers/hash";
import { R, clone, controllerRef, isControlledBy } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REVISION_HASH_LABEL = "controller.kubernetes.io/hash";

export interface Revisions {
  current: KubeObject;
  update: KubeObject;
  collisionCount: number;
}

const revisionNumber = (cr: KubeObject) => (cr.revision as number | undefined) ?? 0;

/** The patch a revision stores: the whole template, replacing whatever is there. */
function revisionData(sts: KubeObject): Obj {
  return { spec: { template: { ...clone((sts.spec as Obj).template), $patch: "replace" } } };
}

/** The pod template a revision restores. */
export function templateOf(revision: KubeObject): Obj {
  const { $patch: _replace, ...template } = clone((revision.data as Obj).spec.template);
  return template;
}

export function ownedRevisions(store: SimStore, sts: KubeObject): KubeObject[] {
  return store
    .list(R.controllerrevisions, sts.metadata.namespace)
    .filter((cr) => isControlledBy(cr, sts))
    .sort((a, b) => revisionNumber(a) - revisionNumber(b));
}

/** Finds or creates the update revision, and names the current one (getStatefulSetRevisions). */
export function syncRevisions(store: SimStore, sts: KubeObject): Revisions {
  const status = (sts.status ?? {}) as Obj;
  let collisionCount: number = status.collisionCount ?? 0;
  const data = revisionData(sts);
  let revisions = ownedRevisions(store, sts);
  const next = Math.max(0, ...revisions.map(revisionNumber)) + 1;
  const equal = revisions.filter((cr) => stableStringify(cr.data) === stableStringify(data));
  let update: KubeObject;
  if (equal.length > 0) {
    update = equal[equal.length - 1];
    if (update !== revisions[revisions.length - 1]) update = store.update(R.controllerrevisions, { ...clone(update), revision: next }, { checkResourceVersion: false });
  } else {
    for (;;) {
      const hash = podTemplateHash(data, collisionCount);
      const name = `${sts.metadata.name}-${hash}`;
      const taken = store.get(R.controllerrevisions, sts.metadata.namespace, name);
      if (!taken) {
        update = store.create(R.controllerrevisions, newRevision(sts, name, hash, data, next));
        break;
      }
      // The same name with other content (or another owner) is a hash collision: try the next.
      collisionCount++;
    }
  }
  revisions = ownedRevisions(store, sts);
  const current = revisions.find((cr) => cr.metadata.name === status.currentRevision) ?? update;
  return { current, update, collisionCount };
}

function newRevision(sts: KubeObject, name: string, hash: string, data: Obj, revision: number): KubeObject {
  const annotations = { ...(sts.metadata.annotations ?? {}) };
  delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: sts.metadata.namespace,
      labels: { ...((sts.spec as Obj).template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [controllerRef(sts)],
    },
    data,
    revision,
  };
}

/** Deletes the oldest revisions that neither a pod nor the status names, beyond revisionHistoryLimit. */
export function truncateHistory(store: SimStore, sts: KubeObject, pods: KubeObject[], live: Revisions): void {
  const limit = ((sts.spec as Obj).revisionHistoryLimit ?? 10) as number;
  const inUse = new Set([live.current.metadata.name, live.update.metadata.name, ...pods.map((p) => p.metadata.labels?.["controller-revision-hash"])]);
  const idle = ownedRevisions(store, sts).filter((cr) => !inUse.has(cr.metadata.name));
  for (const cr of idle.slice(0, Math.max(0, idle.length - limit))) store.delete(R.controllerrevisions, cr.metadata.namespace, cr.metadata.name);
}
