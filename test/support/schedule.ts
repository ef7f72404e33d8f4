import { env, runInDurableObject } from "cloudflare:test";

/**
 * Turns a source's own scheduling on (the test config has SCHEDULE_SOURCES=false,
 * so tests drive polls and the clock with tick(now)): its alarm then polls and
 * runs the clock by itself.
 */
export async function enableSchedule(source: string): Promise<void> {
  await runInDurableObject(env.SOURCES.getByName(source), (instance: object) => {
    const own = instance as { env: Env };
    own.env = { ...own.env, SCHEDULE_SOURCES: "true" };
  });
}
