import { runInDurableObject } from "cloudflare:test";

/** A KV binding whose writes fail, as when KV is unavailable; reads still work. */
export function failingWrites(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, prop) {
      if (prop === "put") return () => Promise.reject(new Error("KV unavailable (simulated)"));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Makes a source's Durable Object see KV with failing writes, until the
 * returned function restores the real binding.
 */
export async function breakSourceKvWrites(stub: DurableObjectStub): Promise<() => Promise<void>> {
  const realEnv = await runInDurableObject(stub, (instance: object) => {
    const own = instance as { env: Env };
    const saved = own.env;
    own.env = { ...saved, PARLEY_KV: failingWrites(saved.PARLEY_KV) };
    return saved;
  });
  return async () => {
    await runInDurableObject(stub, (instance: object) => {
      (instance as { env: Env }).env = realEnv;
    });
  };
}
