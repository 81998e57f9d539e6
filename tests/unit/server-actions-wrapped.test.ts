// Every export of a "use server" file is reachable from the browser as an endpoint, so each
// must go through the one action wrapper (auth → role → zod → safe errors).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRAPPERS = new Set(["authedAction", "publicAction"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function isUseServerFile(file: ts.SourceFile): boolean {
  const first = file.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** Problems with the exports of one "use server" module (empty = every export is wrapped). */
function unwrappedExports(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  if (!isUseServerFile(file)) return [];
  const problems: string[] = [];
  const line = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  for (const statement of file.statements) {
    // Types vanish at compile time; they are not endpoints.
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) problems.push(`${line(statement)} re-exports (export { … } / export * from): export wrapped actions directly`);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      problems.push(`${line(statement)} has a default export`);
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      problems.push(`${line(statement)} has a default export`);
      continue;
    }
    if (!ts.isVariableStatement(statement)) {
      const name = (statement as { name?: ts.Identifier }).name?.text ?? "?";
      problems.push(`${line(statement)} exports ${name} without authedAction/publicAction`);
      continue;
    }
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) {
      problems.push(`${line(statement)} exports a non-const binding`);
      continue;
    }
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(file);
      const init = declaration.initializer;
      const wrapped = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && WRAPPERS.has(init.expression.text);
      if (!wrapped) problems.push(`${line(declaration)} exports ${name} without authedAction/publicAction`);
    }
  }
  return problems;
}

const files = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "lib"))];
const serverFiles = files.filter((f) => isUseServerFile(ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true)));

describe('every "use server" export is a wrapped action', () => {
  it("finds the server action files", () => {
    const names = serverFiles.map((f) => path.relative(ROOT, f));
    expect(names).toEqual(expect.arrayContaining(["lib/auth/auth.actions.ts", "lib/account/invites.actions.ts"]));
  });

  it.each(serverFiles.map((f) => [path.relative(ROOT, f), f]))("%s", (_name, file) => {
    expect(unwrappedExports(path.relative(ROOT, file), readFileSync(file, "utf8"))).toEqual([]);
  });
});

describe("the check itself", () => {
  const wrapped = `"use server";\nimport { z } from "zod";\nexport type X = string;\nexport const ok = authedAction({ schema: z.object({}) }, async () => 1);\nexport const pub = publicAction({ schema: z.object({}) }, async () => 1);\n`;

  it("accepts wrapped exports and type exports", () => {
    expect(unwrappedExports("a.ts", wrapped)).toEqual([]);
  });

  it("ignores files that are not server modules (directive not first)", () => {
    expect(unwrappedExports("b.ts", `import x from "y";\n"use server";\nexport async function f() {}`)).toEqual([]);
    expect(unwrappedExports("b.ts", `export async function f() {}`)).toEqual([]);
  });

  it.each([
    ["a bare async function", "export async function leak(id: string) { return id; }"],
    ["an arrow function", "export const leak = async (id: string) => id;"],
    ["another wrapper", "export const leak = someOtherWrapper({}, async () => 1);"],
    ["a member-call wrapper", "export const leak = lib.authedAction({}, async () => 1);"],
    ["a let binding", "export let leak = authedAction({}, async () => 1);"],
    ["a default export", "export default async function leak() {}"],
    ["export default expression", "export default authedAction({}, async () => 1);"],
    ["a re-export", 'export { something } from "./elsewhere";'],
    ["a local re-export", "async function leak() {}\nexport { leak };"],
    ["a star re-export", 'export * from "./elsewhere";'],
  ])("rejects %s", (_what, code) => {
    expect(unwrappedExports("bad.ts", `'use server';\n${code}\n`)).toHaveLength(1);
    expect(unwrappedExports("bad.ts", `${wrapped}${code}\n`)).toHaveLength(1);
  });
});
