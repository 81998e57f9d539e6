// Inputs of the API key actions, shared with the form.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const createApiKeySchema = z.object({
  name: text("Give the key a name.").trim().min(1, "Give the key a name.").max(80, "Use at most 80 characters."),
  scopes: z
    .array(z.enum(["read", "write"], { message: "Choose read or write." }))
    .min(1, "Choose at least one scope.")
    .transform((scopes) => [...new Set(scopes)].sort()),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export const apiKeyRefSchema = z.object({ apiKeyId: z.uuid("Unknown API key.") });
