import Link from "next/link";

export function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md text-base font-semibold text-fg">
      {/* eslint-disable-next-line @next/next/no-img-element -- a 24px static SVG needs no optimizer */}
      <img src="/icon.svg" alt="" width={24} height={24} />
      <span>Berth</span>
    </Link>
  );
}
