/**
 * The shape of the scale bench's Berth: 50 projects of 20 apps of 10 pods. Every 10th app cannot
 * pull its image (Failed) and every 10th from the 5th has one crash-looping pod (Degraded), so
 * the status board has explanations to write, not just green rows.
 */
export const PROJECTS = 50;
export const APPS_PER_PROJECT = 20;
export const PODS_PER_APP = 10;

export type AppCondition = "healthy" | "failed" | "degraded";

export interface ScaleApp {
  project: string;
  app: string;
  image: string;
  condition: AppCondition;
}

export const projectName = (p: number) => `proj-${String(p).padStart(2, "0")}`;
export const appName = (a: number) => `app-${String(a).padStart(2, "0")}`;

export function scaleApps(): ScaleApp[] {
  const apps: ScaleApp[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    for (let a = 0; a < APPS_PER_PROJECT; a++) {
      const n = p * APPS_PER_PROJECT + a;
      const condition: AppCondition = n % 10 === 0 ? "failed" : n % 10 === 5 ? "degraded" : "healthy";
      apps.push({ project: projectName(p), app: appName(a), image: condition === "failed" ? "nginx:1.27-typo" : "nginx:1.27", condition });
    }
  }
  return apps;
}
