"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { cn } from "@/lib/cn";
import type { Role } from "@/lib/generated/prisma/enums";
import { NAV_ITEMS, PROPOSALS_NAV_ITEM } from "./nav";

/** role: links shown from their minRole up. pendingProposals: null hides the Proposals link (only admins and owners review). */
export function SidebarNav({ orientation = "vertical", role, pendingProposals = null }: { orientation?: "vertical" | "horizontal"; role: Role; pendingProposals?: number | null }) {
  const pathname = usePathname();
  const items = pendingProposals === null ? NAV_ITEMS : [...NAV_ITEMS.slice(0, -1), PROPOSALS_NAV_ITEM, ...NAV_ITEMS.slice(-1)];
  return (
    <nav aria-label="Main" className={cn(orientation === "vertical" ? "flex flex-col gap-1" : "flex gap-1 overflow-x-auto")}>
      {items.filter((item) => !("minRole" in item) || !item.minRole || hasRole(role, item.minRole)).map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className="nav-link"
          >
            <Icon className="h-4 w-4" aria-hidden />
            {label}
            {href === PROPOSALS_NAV_ITEM.href && pendingProposals ? (
              <span className="ml-auto rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white tabular-nums" aria-label={`${pendingProposals} pending`}>
                {pendingProposals > 99 ? "99+" : pendingProposals}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
