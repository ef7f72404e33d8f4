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
 * Makes a source's Durable Object see a catalog whose publish fails (as when
 * the read model cannot be written), for the calls `fails` picks (1-based
 * count of publish calls since the break; default: every call), until the
 * returned function restores the real binding.
 */
export async function breakSourcePublish(
  stub: DurableObjectStub,
  fails: (call: number) => boolean = () => true,
): Promise<() => Promise<void>> {
  const realEnv = await runInDurableObject(stub, (instance: object) => {
    const own = instance as { env: Env };
    const saved = own.env;
    let calls = 0;
    const catalog = new Proxy(saved.CATALOG, {
      get(target, prop) {
        if (prop !== "getByName") return Reflect.get(target, prop);
        return (name: string) => {
          const real = target.getByName(name);
          return new Proxy(real, {
            get(s, p) {
              if (p === "publish") {
                return (...args: unknown[]) => {
                  calls++;
                  if (fails(calls)) return Promise.reject(new Error("catalog unavailable (simulated)"));
                  return (s as unknown as { publish: (...a: unknown[]) => Promise<unknown> }).publish(...args);
                };
              }
              return Reflect.get(s, p);
            },
          });
        };
      },
    });
    own.env = { ...saved, CATALOG: catalog };
    return saved;
  });
  return async () => {
    await runInDurableObject(stub, (instance: object) => {
      (instance as { env: Env }).env = realEnv;
    });
  };
}
