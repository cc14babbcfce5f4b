/**
 * Names of a database's objects. The StatefulSet and its ClusterIP Service carry the database's
 * own name, so apps reach it at `<name>.<namespace>.svc.cluster.local`; names are ≤ 30 characters
 * (the app rule), so every derived name fits 63.
 */

/** The StatefulSet's claim template; the controller names the claim `data-<name>-0`. */
export const DATA_CLAIM_TEMPLATE = "data";

export function credentialsSecretName(database: string): string {
  return `${database}-credentials`;
}

export function headlessServiceName(database: string): string {
  return `${database}-headless`;
}

/** `<template>-<statefulset>-<ordinal>`, as the StatefulSet controller names the claim of pod 0. */
export function dataClaimName(database: string): string {
  return `${DATA_CLAIM_TEMPLATE}-${database}-0`;
}

/** The database's one pod (a StatefulSet's pods are `<name>-<ordinal>`). */
export function databasePodName(database: string): string {
  return `${database}-0`;
}
