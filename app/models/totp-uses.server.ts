import type { DB } from "~/db.server";

/**
 * Records `step` as the user's last accepted two-factor time step, only if it is later than the
 * last one, in one statement; false when it is not (a replayed code).
 */
export async function claimTotpStep(db: DB, userId: string, step: number): Promise<boolean> {
  const updated = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
