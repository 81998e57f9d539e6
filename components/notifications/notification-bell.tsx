"use client";
// The header bell: unread count, the latest notifications, mark read (one, or all). The page
// brings only the count; the list is fetched when the bell is opened (GET /api/notifications), so
// no page carries eight notifications' text in its HTML and RSC payload.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import { Bell } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { markNotificationsRead } from "@/lib/notifications/notifications.actions";
import type { BellItem } from "@/lib/notifications/queries";

const BELL_KEY = ["notifications"];

export function NotificationBell({ unread: pageUnread, cap }: { unread: number; cap: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: BELL_KEY,
    queryFn: async ({ signal }): Promise<{ unread: number; items: BellItem[] }> => {
      const response = await fetch("/api/notifications", { signal });
      if (!response.ok) throw new Error("Could not load the notifications.");
      return response.json();
    },
    enabled: open,
    staleTime: 0,
  });
  // While the list is open, its own count is the newer one.
  const unread = open && list.data ? list.data.unread : pageUnread;
  const { run } = useAction(markNotificationsRead);
  const label = unread > cap ? `${cap}+` : String(unread);
  const markRead = async (ids?: string[]) => {
    const result = await run(ids ? { ids } : {});
    if (result?.ok) {
      void queryClient.invalidateQueries({ queryKey: BELL_KEY });
      router.refresh();
    }
  };
  const items = list.data?.items ?? [];
  return (
    <DropdownMenu.Root open={open} onOpenChange={setOpen}>
      <DropdownMenu.Trigger
        className="relative flex h-9 w-9 items-center justify-center rounded-md text-fg-muted hover:bg-muted hover:text-fg"
        aria-label={unread ? `Notifications, ${label} unread` : "Notifications"}
        data-testid="notification-bell"
      >
        <Bell className="h-5 w-5" aria-hidden />
        {unread > 0 && (
          <span className="absolute -right-0.5 -top-0.5 inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white" data-testid="notification-count">
            {label}
          </span>
        )}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-[min(22rem,calc(100vw-1rem))] rounded-md border border-border bg-surface p-1 shadow-lg" data-testid="notification-list">
          <div className="flex items-center justify-between px-2 py-1.5">
            <DropdownMenu.Label className="text-sm font-semibold">Notifications</DropdownMenu.Label>
            {unread > 0 && (
              <button type="button" className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-muted dark:text-brand-100" onClick={() => void markRead()}>
                Mark all read
              </button>
            )}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {list.isPending ? (
            <p className="px-2 py-6 text-center text-sm text-fg-muted" role="status">Loading…</p>
          ) : list.isError ? (
            <p className="px-2 py-6 text-center text-sm text-red-700 dark:text-red-300" role="alert">
              Could not load the notifications.{" "}
              <button type="button" className="underline" onClick={() => void list.refetch()}>Try again</button>
            </p>
          ) : items.length === 0 ? (
            <p className="px-2 py-6 text-center text-sm text-fg-muted">Nothing yet. Escalations and their answers show up here.</p>
          ) : (
            items.map((item) => (
              <DropdownMenu.Item key={item.id} asChild className="rounded outline-none data-[highlighted]:bg-muted">
                <Link
                  href={item.href}
                  onClick={() => { if (!item.read) void markRead([item.id]); }}
                  className={cn("block px-2 py-2 text-sm", !item.read && "border-l-2 border-brand-600")}
                >
                  <span className={cn("block truncate", !item.read && "font-semibold")}>{item.title}</span>
                  <span className="line-clamp-2 block text-xs text-fg-muted">{item.body}</span>
                  <LocalTime value={item.createdAt} format="relative" className="text-xs text-fg-muted" />
                </Link>
              </DropdownMenu.Item>
            ))
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
