// The flow page's tabs (links, so each tab has its own URL and works without JavaScript).
import Link from "next/link";
import { cn } from "@/lib/cn";

export function FlowTabs({ flowId, current }: { flowId: string; current: "overview" | "analytics" }) {
  const tabs = [
    { key: "overview", label: "Overview", href: `/flows/${flowId}` },
    { key: "analytics", label: "Analytics", href: `/flows/${flowId}?tab=analytics` },
  ] as const;
  return (
    <nav aria-label="Flow sections" className="-mb-px flex gap-1">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === current ? "page" : undefined}
          data-testid={`flow-tab-${t.key}`}
          className={cn(
            "border-b-2 px-3 py-2 text-sm font-medium",
            t.key === current ? "border-brand-600 text-fg dark:border-brand-400" : "border-transparent text-fg-muted hover:border-border hover:text-fg",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
