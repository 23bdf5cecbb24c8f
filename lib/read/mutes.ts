import { isActive, type Mute, type MuteStore } from "@/lib/snapshot/mute";

/** The mutes in force at `now`; none from a store that keeps no mutes. */
export async function mutesInForce(store: Partial<MuteStore>, now: Date): Promise<Mute[]> {
  if (!store.listMutes) return [];
  return (await store.listMutes()).filter((m) => isActive(m, now));
}
