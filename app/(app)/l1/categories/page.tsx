import type { Metadata } from "next";
import Link from "next/link";
import { CategoryManager } from "@/components/l1/category-manager";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { CATEGORY_ROLE } from "@/lib/l1/access";
import { listCategories, recipientCandidates } from "@/lib/l1/queries";

export const metadata: Metadata = { title: "Problem categories" };

export default async function CategoriesPage() {
  const user = await requirePageUser(CATEGORY_ROLE);
  const [categories, members] = await Promise.all([listCategories(user), recipientCandidates(user)]);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/l1" className="text-sm text-fg-muted hover:underline">← L1 workspace</Link>
        <h1 className="mt-1 text-2xl font-semibold">Problem categories</h1>
        <p className="mt-1 text-sm text-fg-muted">What L1 techs pick at intake, and who hears about their escalations.</p>
      </div>
      <Card>
        <CardHeader title="Categories" description={`${categories.length} ${categories.length === 1 ? "category" : "categories"}`} />
        <CategoryManager categories={categories} members={members} />
      </Card>
    </div>
  );
}
