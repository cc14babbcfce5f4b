import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/app/providers";
import { themeInitScript } from "@/components/layout/theme-script";
import { DemoBanner } from "@/components/layout/demo-banner";
import { isSimulatedCluster } from "@/server/kube/cluster";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: { default: "Berth", template: "%s · Berth" },
  description: "Self-hosted PaaS dashboard for Kubernetes",
  icons: { icon: "/icon.svg", apple: "/apple-touch-icon.png" },
  /** Installable: the status page opens from the home screen like an app. */
  manifest: "/manifest.webmanifest",
  appleWebApp: { capable: true, title: "Berth", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

/** Rendered per request: whether the cluster is simulated is known only once Berth runs. */
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-dvh bg-surface text-fg antialiased">
        {isSimulatedCluster() && <DemoBanner />}
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
