"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/settings", label: "Account", admin: false },
  { href: "/settings/members", label: "Members", admin: true },
  { href: "/settings/teams", label: "Teams", admin: true },
  { href: "/settings/invites", label: "Invites", admin: true },
  { href: "/settings/api-keys", label: "API keys", admin: true },
  { href: "/settings/webhooks", label: "Webhooks", admin: true },
];

export function SettingsTabs({ admin }: { admin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b border-border">
      {TABS.filter((tab) => admin || !tab.admin).map((tab) => {
        const active = pathname === tab.href || (tab.href !== "/settings" && pathname.startsWith(`${tab.href}/`));
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-600 text-brand-700 dark:text-brand-400" : "border-transparent text-fg-muted hover:text-fg",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
