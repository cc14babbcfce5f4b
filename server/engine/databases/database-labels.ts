import { instanceName } from "@/server/engine/names";
import { LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, LABEL_PROJECT, MANAGED_BY } from "@/server/engine/render/labels";

/**
 * A database's labels: the recommended set as for apps, with `berth.dev/database` in place of
 * `berth.dev/app`, so pruning or deleting an app never selects a database's objects and a
 * database's objects are found by one selector.
 */
export const LABEL_DATABASE = "berth.dev/database";

export function databaseLabels(project: string, database: string): Record<string, string> {
  return {
    [LABEL_NAME]: database,
    [LABEL_INSTANCE]: instanceName(project, database),
    [LABEL_MANAGED_BY]: MANAGED_BY,
    [LABEL_PART_OF]: project,
    [LABEL_PROJECT]: project,
    [LABEL_DATABASE]: database,
  };
}

/** The StatefulSet's (immutable) selector and the Services': labels that never change. */
export function databaseSelector(project: string, database: string): Record<string, string> {
  return { [LABEL_PROJECT]: project, [LABEL_DATABASE]: database };
}
