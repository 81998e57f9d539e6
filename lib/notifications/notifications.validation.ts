import { z } from "zod";

/** Mark some notifications read (ids), or all of them (ids omitted). */
export const markReadSchema = z.object({
  ids: z.array(z.string().uuid("Unknown notification.")).max(100, "At most 100 at once.").optional(),
});
