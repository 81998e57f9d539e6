// Golden files: compares output with a committed file under tests/unit/__golden__/.
// `UPDATE_GOLDEN=1 npx vitest run --project unit` rewrites them; review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = path.resolve(import.meta.dirname, "../unit/__golden__");

export function expectGolden(name: string, actual: string) {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing golden file ${name}: run with UPDATE_GOLDEN=1 to create it.`);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
