"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { cn } from "@/lib/cn";
import type { Role } from "@/lib/generated/prisma/enums";
import { NAV_ITEMS } from "./nav";

export function SidebarNav({ orientation = "vertical", role }: { orientation?: "vertical" | "horizontal"; role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={cn(orientation === "vertical" ? "flex flex-col gap-1" : "flex gap-1 overflow-x-auto")}>
      {NAV_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole)).map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors",
              active ? "bg-brand-50 text-brand-700 dark:bg-brand-700/25 dark:text-brand-100" : "text-fg-muted hover:bg-muted hover:text-fg",
            )}
          >
            <Icon className="h-4 w-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
