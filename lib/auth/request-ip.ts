// The client IP of the request a server action is running for (see client-ip.ts). Its own
// module so tests can stand in for the request.
import { headers } from "next/headers";
import { clientIp } from "./client-ip";

export async function requestClientIp(): Promise<string> {
  return clientIp(await headers());
}
