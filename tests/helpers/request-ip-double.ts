// Test double for lib/auth/request-ip: the client address of the "request". Unless a test
// sets one, every call comes from a new random address, so tests never share rate-limit buckets.
import { faker } from "@faker-js/faker";

let fixed: string | null = null;

export async function requestClientIp(): Promise<string> {
  return fixed ?? faker.internet.ipv4();
}

/** Makes the following server-action calls come from this address (null: a random one each). */
export function setRequestClientIp(ip: string | null) {
  fixed = ip;
}
