// Inputs of the L1 workspace: categories (admins) and the intake (L1 techs).
import { z } from "zod";
import { text } from "@/lib/validation/text";

const id = (what: string) => z.string().uuid(`Unknown ${what}.`);

const categoryFields = {
  name: text("Enter a name.").trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  description: text().trim().max(500, "Use at most 500 characters.").default(""),
  recipientIds: z.array(id("member")).max(50, "At most 50 recipients.").default([]),
};
export const createCategorySchema = z.object(categoryFields);
export const updateCategorySchema = z.object({ categoryId: id("category"), ...categoryFields });
export const categoryRefSchema = z.object({ categoryId: id("category") });

export const problemField = text("Describe the problem.").trim().min(3, "Describe the problem in a few words.").max(2000, "Use at most 2000 characters.");

export const matchFlowsSchema = z.object({ categoryId: id("category"), problem: problemField });

/** auto: the best match above the threshold, else ad hoc; flow / adhoc: the tech's explicit choice. */
export const intakeChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("auto") }),
  z.object({ kind: z.literal("flow"), flowId: id("flow") }),
  z.object({ kind: z.literal("adhoc") }),
]);
export const startL1SessionSchema = z.object({ categoryId: id("category"), problem: problemField, choice: intakeChoiceSchema.default({ kind: "auto" }) });
