"use server";
// Target lists: create, edit (the targets are replaced as a whole), delete. Engineers and up.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { MANAGE_ROLE } from "./access";
import { createTargetListSchema, targetListRefSchema, updateTargetListSchema } from "./maintenance.validation";
import { createTargetListFor, deleteTargetListFor, updateTargetListFor } from "./target-lists";

export const createTargetList = authedAction({ schema: createTargetListSchema, role: MANAGE_ROLE }, async (input, user) => {
  const list = await createTargetListFor(user, input);
  revalidatePath("/maintenance");
  return { id: list.id };
});

export const updateTargetList = authedAction({ schema: updateTargetListSchema, role: MANAGE_ROLE }, async ({ listId, ...fields }, user) => {
  await updateTargetListFor(user, listId, fields);
  revalidatePath("/maintenance");
  return { id: listId };
});

export const deleteTargetList = authedAction({ schema: targetListRefSchema, role: MANAGE_ROLE }, async ({ listId }, user) => {
  await deleteTargetListFor(user, listId);
  revalidatePath("/maintenance");
  return { id: listId };
});
