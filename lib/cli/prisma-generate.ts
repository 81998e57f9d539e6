// `prisma generate`, made to work offline: the CLI insists on locating its native schema
// engine even though generating the client never uses it. Where the real engine is absent
// we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file so the check passes.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const engineDir = path.join(root, "node_modules/@prisma/engines");
  const hasRealEngine =
    existsSync(engineDir) &&
    readdirSync(engineDir).some((f: string) => f.startsWith("schema-engine"));
  if (!hasRealEngine) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

const cli = path.join(root, "node_modules/prisma/build/index.js");
const result = spawnSync(
  process.execPath,
  [cli, "generate", "--config", "prisma/prisma.config.ts"],
  { cwd: root, env, stdio: "inherit" },
);
process.exit(result.status ?? 1);
