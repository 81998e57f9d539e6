// Counts the SQL statements the app's own client (lib/db/client.ts) sends. Importing this file
// switches the opt-in hook on; it must be imported before the client's first use (it is created
// lazily, so importing it at the top of a bench file is enough).
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

let active: string[] | null = null;
(globalThis as { __rfQueryCounter?: (sql: string) => void }).__rfQueryCounter = (sql) => {
  if (active && !TRANSACTION_CONTROL.test(sql)) active.push(sql);
};

/**
 * Runs `fn` alone and returns the statements it issued (BEGIN/COMMIT not counted; Prisma logs
 * COMMIT but not BEGIN, so counting neither keeps the numbers comparable).
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  if (active) throw new Error("countStatements does not nest");
  active = [];
  try {
    const result = await fn();
    return { result, statements: active };
  } finally {
    active = null;
  }
}
