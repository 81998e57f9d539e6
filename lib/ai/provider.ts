// Picks the configured provider (AI_PROVIDER, default offline). The rest of the app calls
// aiProviderFor(…) and the AiProvider interface only.
import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db, Tx } from "@/lib/db/client";
import { languageModelFor, modelProvider } from "./model-provider";
import { offlineProvider } from "./offline";
import { aiSettings, type AiSettings } from "./settings";
import type { AiProvider } from "./types";

type Viewer = Pick<CurrentUser, "id" | "accountId" | "teamId" | "role">;

export function aiProviderFor(deps: { client: Db | Tx; viewer: Viewer }, settings: AiSettings = aiSettings()): AiProvider {
  if (settings.provider === "offline") return offlineProvider(deps);
  return modelProvider({ name: settings.provider, modelId: settings.model, model: languageModelFor(settings) });
}
