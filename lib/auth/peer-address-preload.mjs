// Loaded with `node --import` by `npm start` / `npm run dev` (lib/cli/start.ts) before Next.js.
// Next's server fills X-Forwarded-For from the socket only when a request has none, so a client
// that sends its own header would hide its real address. Node announces every request on the
// `http.server.request.start` diagnostics channel before any handler runs; this stamps the TCP
// peer's address on the request in a header of our own, overwriting whatever the client sent.
// lib/auth/client-ip.ts reads it (TRUSTED_PROXY_HOPS counts proxies in front of this peer).
import diagnosticsChannel from "node:diagnostics_channel";

const PEER_HEADER = "x-resolutionflow-peer"; // the same name as in client-ip.ts

diagnosticsChannel.subscribe("http.server.request.start", ({ request, socket }) => {
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
});
process.env.RF_PEER_HEADER = "1";
