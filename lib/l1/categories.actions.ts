"use server";
// Problem categories: admins and owners keep the list and each category's escalation recipients.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db, type Tx } from "@/lib/db/client";
import { invalid, notFound } from "@/lib/errors";
import { CATEGORY_ROLE, categoriesWhere, recipientCandidatesWhere } from "./access";
import { categoryRefSchema, createCategorySchema, updateCategorySchema } from "./l1.validation";

/** Replaces a category's recipients with `ids`, each checked to be a member who can work escalations. */
async function setRecipients(tx: Tx, user: CurrentUser, categoryId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await tx.user.findMany({ where: { AND: [{ id: { in: unique } }, recipientCandidatesWhere(user)] }, select: { id: true } });
  if (found.length !== unique.length) throw invalid("Recipients must be engineers, admins or owners of this account.", { recipientIds: ["Pick engineers, admins or owners of this account."] });
  await tx.categoryRecipient.deleteMany({ where: { categoryId, userId: { notIn: unique } } });
  if (unique.length) await tx.categoryRecipient.createMany({ data: unique.map((userId) => ({ categoryId, userId })), skipDuplicates: true });
}

function refresh() {
  revalidatePath("/l1");
  revalidatePath("/l1/categories");
}

export const createCategory = authedAction({ schema: createCategorySchema, role: CATEGORY_ROLE }, async ({ name, description, recipientIds }, user) => {
  const category = await db.$transaction(async (tx) => {
    const created = await tx.problemCategory.create({ data: { accountId: user.accountId, name, description }, select: { id: true } });
    await setRecipients(tx, user, created.id, recipientIds);
    return created;
  });
  refresh();
  return { id: category.id };
});

export const updateCategory = authedAction({ schema: updateCategorySchema, role: CATEGORY_ROLE }, async ({ categoryId, name, description, recipientIds }, user) => {
  await db.$transaction(async (tx) => {
    const { count } = await tx.problemCategory.updateMany({ where: { AND: [{ id: categoryId }, categoriesWhere(user)] }, data: { name, description } });
    if (!count) throw notFound("Category");
    await setRecipients(tx, user, categoryId, recipientIds);
  });
  refresh();
  return { id: categoryId };
});

/** Sessions and escalations keep their history: their category link is set to null. */
export const deleteCategory = authedAction({ schema: categoryRefSchema, role: CATEGORY_ROLE }, async ({ categoryId }, user) => {
  const { count } = await db.problemCategory.deleteMany({ where: { AND: [{ id: categoryId }, categoriesWhere(user)] } });
  if (!count) throw notFound("Category");
  refresh();
  return { id: categoryId };
});
