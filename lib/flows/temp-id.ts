// Temporary ids for nodes, answers and steps the server has not seen yet. The server replaces
// them with UUIDs on save (lib/flows/ids.ts). Runs in the browser and on the server.

/** A `tmp-` prefixed v4 UUID. */
export function tempId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return `tmp-${c.randomUUID()}`;
  // randomUUID only exists in secure contexts (not on plain http to a LAN address).
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `tmp-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
