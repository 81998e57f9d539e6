// One HTTP POST of a webhook, to an address already checked (address-policy.ts). The socket
// connects to exactly that address (a lookup that answers only it), while TLS still checks the
// certificate against the URL's host name. No redirects are followed (a 3xx is a failure: a
// redirect could point anywhere). Bounded: a timeout for the whole exchange, and only the first
// bytes of the answer are read.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./address-policy";

export const SEND_TIMEOUT_MS = 10_000;
export const EXCERPT_CHARS = 1000;
const READ_BYTES = 4096;

export type SendResult = { statusCode: number | null; durationMs: number; excerpt: string | null; error: string | null };

function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

export function sendWebhook(input: { url: URL; target: ResolvedAddress; headers: Record<string, string>; body: string; timeoutMs?: number }): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const client = input.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Omit<SendResult, "durationMs">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const request = client.request(input.url, {
      method: "POST",
      lookup: pinnedLookup(input.target),
      agent: false,
      headers: { "content-type": "application/json", "user-agent": "ResolutionFlow-Webhooks/1", "content-length": Buffer.byteLength(input.body), ...input.headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const end = () => {
        const text = Buffer.concat(chunks).subarray(0, READ_BYTES).toString("utf8");
        finish({ statusCode: response.statusCode ?? null, excerpt: text ? text.slice(0, EXCERPT_CHARS) : null, error: null });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= READ_BYTES) end();
      });
      response.on("end", end);
      response.on("error", end);
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, excerpt: null, error: `No answer within ${Math.round((input.timeoutMs ?? SEND_TIMEOUT_MS) / 1000)} s.` });
      request.destroy();
    }, input.timeoutMs ?? SEND_TIMEOUT_MS);
    request.on("error", (error: NodeJS.ErrnoException) => finish({ statusCode: null, excerpt: null, error: describeNetworkError(error) }));
    request.end(input.body);
  });
}

/** A short, safe description (no stack, no internals) for the delivery log. */
function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ECONNREFUSED": return "Connection refused.";
    case "ECONNRESET": return "The connection was reset.";
    case "ETIMEDOUT": return "The connection timed out.";
    case "EHOSTUNREACH": case "ENETUNREACH": return "The host is unreachable.";
    case "CERT_HAS_EXPIRED": case "DEPTH_ZERO_SELF_SIGNED_CERT": case "ERR_TLS_CERT_ALTNAME_INVALID": case "UNABLE_TO_VERIFY_LEAF_SIGNATURE": case "SELF_SIGNED_CERT_IN_CHAIN":
      return `TLS certificate problem (${error.code}).`;
    default: return `Could not connect${error.code ? ` (${error.code})` : ""}.`;
  }
}
