// A real HTTP server on 127.0.0.1 that records the webhooks it gets. Each answer comes from
// `respond` (default 200); `hold()` keeps answers back until `release()`, to keep sends in flight.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };

export async function startReceiver(respond: (request: Received, index: number) => { status: number; body?: string } = () => ({ status: 200, body: "ok" })) {
  const received: Received[] = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const index = received.push(request) - 1;
      for (const w of waiters.filter((w) => received.length >= w.count)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
      if (gate) await gate;
      const answer = respond(request, index);
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    /** Resolves once `count` requests have arrived (a state, not a time). */
    waitFor: (count: number) => (received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    hold: () => { gate = new Promise((resolve) => { open = resolve; }); },
    release: () => { gate = null; open(); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
