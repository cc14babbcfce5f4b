import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-4 text-center">
      <h1 className="text-2xl font-semibold text-fg">Page not found</h1>
      <p className="text-sm text-fg-muted">This address does not exist in Berth. Check the link, or start again from the overview.</p>
      <Link href="/" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg">
        Go to the overview
      </Link>
    </main>
  );
}
