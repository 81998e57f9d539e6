import type { ReactNode } from "react";

// Printable pages: no app shell, white paper in every theme.
export default function PrintLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-white text-neutral-900 print:min-h-0">{children}</div>;
}
