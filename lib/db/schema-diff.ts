// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), used to
// produce the exact migration SQL `prisma migrate dev` would write, with no native binary.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

type Datamodel = string | null; // null = the empty database

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

type EngineModule = { SchemaEngine: { new: (o: unknown, cb: unknown, adapter: unknown) => Promise<Engine> } };

// Instantiated once per process: the wasm-bindgen glue is a singleton that caches views of
// the wasm memory, so swapping in a second instance breaks every later call.
let engineModule: Promise<EngineModule> | undefined;
const loadEngineModule = () => (engineModule ??= instantiateEngineModule());

async function instantiateEngineModule(): Promise<EngineModule> {
  // The package exports only its JS entry points; the .wasm sits beside the package.json.
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  (bg as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg as unknown as EngineModule;
}

function target(datamodel: Datamodel) {
  return datamodel === null
    ? { tag: "empty" }
    : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: datamodel }] };
}

/** SQL that turns a database shaped like `from` into one shaped like `to`. */
export async function diffSchemas(from: Datamodel, to: Datamodel, databaseUrl: string): Promise<string> {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const datamodels = [["schema.prisma", to ?? from ?? ""]];
  const engine = await SchemaEngine.new({ datamodels }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
