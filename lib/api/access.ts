// Who manages API keys: owners and admins of the account (others never see the page). A key works
// only while its creator still holds one of those roles (checked on every request in keys.ts).
import type { Role } from "@/lib/generated/prisma/enums";

export const API_KEYS_ROLE: Role = "admin";
