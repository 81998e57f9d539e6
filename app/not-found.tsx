import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg space-y-3 px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-fg-muted">This page does not exist, or you do not have access to it.</p>
      <Link href="/dashboard" className="text-brand-600 underline dark:text-brand-100">Go to the dashboard</Link>
    </main>
  );
}
