/**
 * Recordings the simulated cluster deliberately does not reproduce, each with the reason.
 * allow-list.test.ts proves every entry names a recording and that each still differs, so this
 * list only shrinks.
 */
export const ALLOW_LIST: Record<string, string> = {
  "08-4-apis-aggregated-discovery-headline": "aggregated discovery (APIGroupDiscoveryList) is not served: the sim answers with legacy discovery, which kubectl and client-node fall back to (sim README, known limitations); v1.32 would serve apidiscovery.k8s.io/v2 and v2beta1",
  "04-8-watch-sendinitialevents":
    "version: v1.28 refuses sendInitialEvents (WatchList gate off, 422); the sim reports v1.32, where WatchList is beta and on by default, and streams the initial events plus the initial-events-end bookmark (the gate is off again in 1.33, on in 1.34)",
};
