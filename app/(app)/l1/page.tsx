import type { Metadata } from "next";
import { DeniedNotice } from "@/components/shell/denied-notice";
import Link from "next/link";
import { Settings2 } from "@/components/ui/icons";
import { L1Intake } from "@/components/l1/l1-intake";
import { MyEscalations } from "@/components/l1/my-escalations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { raisedEscalations } from "@/lib/escalations/queries";
import { listCategories } from "@/lib/l1/queries";

export const metadata: Metadata = { title: "L1 workspace" };

export default async function L1Page({ searchParams }: { searchParams: Promise<{ denied?: string; welcome?: string }> }) {
  const user = await requirePageUser();
  const { denied, welcome } = await searchParams;
  const [categories, escalations] = await Promise.all([listCategories(user), raisedEscalations(user)]);
  const admin = isAdmin(user.role);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">L1 workspace</h1>
          {welcome && <p className="mt-1 font-medium" data-testid="l1-welcome">Welcome, {user.name.split(" ")[0]}</p>}
          <p className="mt-1 text-sm text-fg-muted">Pick the kind of problem, describe it, and walk the fix step by step. Escalate at any point.</p>
        </div>
        {admin && (
          <Button variant="secondary" size="sm" asChild>
            <Link href="/l1/categories"><Settings2 className="h-4 w-4" aria-hidden />Categories</Link>
          </Button>
        )}
      </div>
      <DeniedNotice denied={denied} />
      <Card className="p-5">
        {categories.length ? (
          <L1Intake categories={categories.map(({ id, name, description }) => ({ id, name, description }))} />
        ) : (
          <div className="py-6 text-center" data-testid="l1-no-categories">
            <p className="font-medium">No problem categories yet</p>
            <p className="mt-1 text-sm text-fg-muted">
              {admin ? "Add the kinds of problems your L1 techs take, and who hears about escalations." : "Ask an admin to add problem categories."}
            </p>
            {admin && <Button asChild className="mt-4"><Link href="/l1/categories">Add categories</Link></Button>}
          </div>
        )}
      </Card>
      <Card>
        <CardHeader title="My escalations" description="Where each stands; the engineer's resolution appears here." />
        <MyEscalations rows={escalations} />
      </Card>
    </div>
  );
}
