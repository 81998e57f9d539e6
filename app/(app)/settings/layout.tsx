import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/account/settings-tabs";
import { requirePageUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-fg-muted">{user.account.name}</p>
      </div>
      <SettingsTabs admin={isAdmin(user.role)} />
      {children}
    </div>
  );
}
