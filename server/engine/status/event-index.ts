import type { Event } from "kubernetes-types/core/v1";

/** An object an Event can be about, as the status engine holds it. */
export type NamedObject = { kind?: string; metadata?: { name?: string; uid?: string } };

/** A namespace's Events, looked up by the object they are about instead of filtered per app. */
export interface EventIndex {
  /** The Events about any of `objects` (matched by uid, or kind and name), in their cached order. */
  about(objects: NamedObject[]): Event[];
}

const nameKey = (kind: string | undefined, name: string | undefined) => `${kind}/${name}`;

function push(map: Map<string, number[]>, key: string, position: number) {
  const positions = map.get(key);
  if (positions) positions.push(position);
  else map.set(key, [position]);
}

/**
 * Indexes Events by uid and by kind/name once per namespace read. Filtering every Event of a
 * namespace for each of its apps cost O(apps × events), the largest share of the status board.
 */
export function indexEvents(events: Event[]): EventIndex {
  const byUid = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  events.forEach((event, position) => {
    const about = event.involvedObject;
    if (about.uid) push(byUid, about.uid, position);
    push(byName, nameKey(about.kind, about.name), position);
  });
  return {
    about(objects) {
      const found = new Set<number>();
      for (const object of objects) {
        const uid = object.metadata?.uid;
        for (const position of (uid && byUid.get(uid)) || []) found.add(position);
        for (const position of byName.get(nameKey(object.kind, object.metadata?.name)) ?? []) found.add(position);
      }
      return [...found].sort((a, b) => a - b).map((position) => events[position]);
    },
  };
}
