import { appNameSchema } from "@/lib/schemas/app";
import { dnsLabel, dnsSubdomain } from "@/lib/schemas/kube-validators";

/**
 * The names Berth reads from URLs — REST paths, page paths and the log/exec socket queries —
 * checked by one set of rules, so no route accepts a name the rest of Berth refuses. Each
 * failure says what to fix; the caller's schema names the parameter.
 */

/**
 * A project in a path: an RFC 1123 label. Checked loosely (not the 30-character creation rule):
 * a project that cannot exist gets the same 404 as one that does not.
 */
export const projectParam = dnsLabel();

/** An app in a path: the creation rule itself (an RFC 1035 label of at most 30, not "new"). */
export const appParam = appNameSchema;

/** A pod: an RFC 1123 subdomain, as the API server requires (a Deployment's are `<app>-<hash>-<suffix>`). */
export const podParam = dnsSubdomain();

/** A container: an RFC 1123 label, as the API server requires. */
export const containerParam = dnsLabel();

/** Whether a page's `[project]/apps/[app]` segments name an app that could exist (else the page is a 404). */
export function isAppPath(project: string, app: string): boolean {
  return projectParam.safeParse(project).success && appParam.safeParse(app).success;
}

/** A template in a path: its id, an RFC 1123 label (the template file's name). */
export const templateParam = dnsLabel(40);
