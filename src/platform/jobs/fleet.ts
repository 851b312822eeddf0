import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { isDeadOwner } from "./process-owner.js";

// Several processes may run the bot on one database (ROLE=web and ROLE=worker instances, or a
// command beside the bot). What must happen once for all of them is decided here, in the `meta`
// table, by one conditional upsert each: the database says who won, on SQLite and PostgreSQL alike.

/**
 * Claims the run of `task` at `slot` (its due time). True for exactly one caller per task and
 * slot, however many instances tick at once. An earlier slot than the last is not refused: the
 * scheduler goes on from the new time when the clock went back.
 */
export async function claimTick(db: Kysely<Database>, task: string, slot: Date): Promise<boolean> {
  const value = slot.toISOString();
  const won = await db
    .insertInto("meta")
    .values({ key: `tick:${task}`, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }).where("meta.value", "!=", value))
    .returning("key")
    .executeTakeFirst();
  return won !== undefined;
}

/**
 * A lease on a role only one process may hold at a time (the outbox sender: the fleet's one rate
 * budget), in real time: held by `owner` until `until` (ms since the epoch). Taken when free or
 * run out, renewed by its holder; true when `owner` holds it now. The value starts with the end of
 * the lease, so "run out" is a comparison of text.
 */
export async function holdLease(db: Kysely<Database>, name: string, owner: string, now: number, until: number): Promise<boolean> {
  const value = `${new Date(until).toISOString()} ${owner}`;
  const won = await db
    .insertInto("meta")
    .values({ key: `lease:${name}`, value })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({ value })
        .where((eb) => eb.or([eb("meta.value", "<", new Date(now).toISOString()), eb("meta.value", "like", `% ${owner}`)])),
    )
    .returning("key")
    .executeTakeFirst();
  return won !== undefined;
}

/**
 * Frees a lease whose holder is a process known to be gone (see isDeadOwner), so it is taken at
 * once rather than when it runs out. A holder may name one piece of its process's work after a
 * "#" (an update's turn in its chat); the process is what is checked.
 */
export async function releaseLeaseOfTheDead(db: Kysely<Database>, name: string): Promise<void> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", `lease:${name}`).executeTakeFirst();
  const holder = row?.value.slice(row.value.indexOf(" ") + 1);
  if (holder && isDeadOwner(holder.split("#")[0]!)) await releaseLease(db, name, holder);
}

/** Gives up a lease `owner` holds (a clean stop), so another process takes it without waiting for it to run out. */
export async function releaseLease(db: Kysely<Database>, name: string, owner: string): Promise<void> {
  await db.deleteFrom("meta").where("key", "=", `lease:${name}`).where("value", "like", `% ${owner}`).execute();
}

/**
 * Runs `work` unless it already ran with this `fingerprint` (what it depends on: the command
 * menus' texts, the staff list): a start-up side effect that every instance would otherwise repeat.
 * One instance claims it; when `work` fails the claim is dropped, so the next start tries again.
 */
export async function onceFor<T>(
  db: Kysely<Database>,
  name: string,
  fingerprint: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const key = `once:${name}`;
  const won = await db
    .insertInto("meta")
    .values({ key, value: fingerprint })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: fingerprint }).where("meta.value", "!=", fingerprint))
    .returning("key")
    .executeTakeFirst();
  if (!won) return undefined;
  try {
    return await work();
  } catch (error) {
    await db.deleteFrom("meta").where("key", "=", key).where("value", "=", fingerprint).execute();
    throw error;
  }
}
