import type { Metadata } from "next";
import { Brand } from "@/components/layout/brand";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/safe-next-path";

export const metadata: Metadata = { title: "Log in" };

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-panel p-6 shadow-sm">
        <div className="mb-6 flex items-center justify-between gap-3">
          <Brand />
          <ThemeToggle />
        </div>
        <h1 className="mb-1 text-xl font-semibold text-fg">Log in to Berth</h1>
        <p className="mb-5 text-sm text-fg-muted">Paste the admin token or an API token.</p>
        <LoginForm nextPath={safeNextPath(next)} />
      </div>
    </main>
  );
}
