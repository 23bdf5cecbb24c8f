/**
 * The signed-in caller of a page (server components), named from the request's own headers exactly as
 * route handlers do: pages show or hide actions by role, and the actions themselves check again.
 */
import { headers } from "next/headers";
import { identify } from "@/lib/security/credentials";
import type { Identity } from "@/lib/security/identity";
import { credentialSettings } from "./authorize";

export async function pageIdentity(now = new Date()): Promise<Identity | undefined> {
  const identified = await identify(await headers(), credentialSettings(), now);
  return identified.ok ? identified.identity : undefined;
}
