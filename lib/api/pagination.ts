// Cursor pagination for list routes: the cursor is opaque to clients (base64url JSON) and holds
// the sort key of the last row returned, so the next page is a keyset read ("rows after this
// one" on the same index as the order), never an OFFSET that reads and skips earlier rows.
import { z } from "zod";
import { invalid } from "@/lib/errors";

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export type Keyset = { at: Date; id: string };

const keysetShape = z.tuple([z.iso.datetime(), z.uuid()]);
const pageShape = z.tuple([z.literal("p"), z.number().int().min(1).max(10_000)]);

export function encodeKeyset(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

const badCursor = () => invalid("cursor: This cursor is not valid. Use the nextCursor of a previous page.", { cursor: ["This cursor is not valid."] });

export function decodeKeyset(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  const parsed = keysetShape.safeParse(decode(cursor));
  if (!parsed.success) throw badCursor();
  return { at: new Date(parsed.data[0]), id: parsed.data[1] };
}

/** For a search ranked by relevance (the library), where no keyset exists: the cursor names the next page. */
export const encodePage = (page: number) => Buffer.from(JSON.stringify(["p", page])).toString("base64url");
export function decodePage(cursor: string | undefined): number {
  if (!cursor) return 1;
  const parsed = pageShape.safeParse(decode(cursor));
  if (!parsed.success) throw badCursor();
  return parsed.data[1];
}

/** Rows after `after` in (column DESC, id DESC) order. */
export function afterDesc<K extends string>(column: K, after: Keyset | null) {
  if (!after) return {};
  return { OR: [{ [column]: { lt: after.at } }, { [column]: after.at, id: { lt: after.id } }] } as Record<string, unknown>;
}

/** Takes `limit + 1` rows' worth of result and splits off the next cursor. */
export function page<T>(rows: T[], limit: number, key: (row: T) => Keyset): { data: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { data: rows, nextCursor: null };
  const data = rows.slice(0, limit);
  const last = key(data[data.length - 1]);
  return { data, nextCursor: encodeKeyset(last.at, last.id) };
}
