import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { SidebarNav } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { UNREAD_CAP } from "@/lib/notifications/queries";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // The shell's counts come with the user, in its one statement.
  const user = await requirePageUser();
  const { unreadNotifications: unread, pendingProposals } = user.header;
  return (
    <div className="flex min-h-screen">
      {/* First Tab stop: past the sidebar and header straight to the page (WCAG 2.4.1). */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface text-sm font-medium text-brand-700 shadow-lg ring-2 ring-brand-500 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:px-4! focus:py-2! dark:text-brand-100"
      >
        Skip to main content
      </a>
      {/* The aside spans the whole page height (its background and border); its content stays in view. */}
      <aside className="hidden w-60 shrink-0 border-r border-border bg-surface md:block">
        <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
        <div className="px-2 pb-4">
          <Logo href="/dashboard" />
        </div>
        <div className="mb-4 rounded-md bg-muted px-3 py-2">
          <p className="text-xs uppercase tracking-wide text-fg-muted">Account</p>
          <p className="truncate text-sm font-medium" data-testid="account-name">{user.account.name}</p>
        </div>
        <SidebarNav role={user.role} pendingProposals={pendingProposals} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur">
          <div className="flex h-14 items-center justify-between gap-3 px-4 md:px-6">
            <div className="md:hidden">
              <Logo href="/dashboard" />
            </div>
            <p className="hidden truncate text-sm text-fg-muted md:block">{user.account.name}</p>
            <div className="flex items-center gap-1">
              <NotificationBell unread={unread} cap={UNREAD_CAP} />
              <UserMenu name={user.name} email={user.email} role={user.role} />
            </div>
          </div>
          <div className="border-t border-border px-2 py-1 md:hidden">
            <SidebarNav orientation="horizontal" role={user.role} pendingProposals={pendingProposals} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none md:px-6">{children}</main>
      </div>
    </div>
  );
}
