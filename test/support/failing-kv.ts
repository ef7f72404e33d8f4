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
