import type { Deployment } from "kubernetes-types/apps/v1";
import type { CronJob } from "kubernetes-types/batch/v1";
import type { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from "kubernetes-types/core/v1";
import type { Ingress } from "kubernetes-types/networking/v1";

/** What render needs to know about the project an app lives in. */
export interface RenderProject {
  /** The project name; also its Namespace's name. */
  name: string;
  displayName?: string;
  /**
   * Registries (canonical host[:port]) the project has logins for; an app whose image lives on
   * one gets that login's Secret in `imagePullSecrets`.
   */
  registries?: readonly string[];
}

/**
 * Inputs that are not part of the app spec. Passed in (never read from the clock or the
 * environment) so render stays pure and the same inputs give byte-identical objects.
 */
export interface RenderOptions {
  /**
   * ISO time of the last "restart" of the app, written as the pod template annotation
   * `berth.dev/restartedAt` (what `kubectl rollout restart` does). Keep passing the same value
   * on later deploys: dropping it changes the pod template and rolls the pods again.
   */
  restartedAt?: string;
  /** Seconds a rollout may make no progress before the Deployment reports failure. Default 120. */
  progressDeadlineSeconds?: number;
  /** IngressClass for the app's Ingress; left out, the cluster's default class serves it. */
  ingressClassName?: string;
  /** Checksum of the linked databases' credentials, on the pod template so new credentials roll the pods. */
  linksChecksum?: string;
}

export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 120;

/** Any object render makes, typed with the upstream API types. */
export type RenderedObject = Namespace | Secret | ConfigMap | PersistentVolumeClaim | Deployment | Service | Ingress | CronJob;
