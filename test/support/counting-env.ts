/**
 * An Env whose bindings count what is asked of them: KV operations, queue
 * messages and Durable Object requests (stub method calls), as the platform
 * bills them. For tests of what a cron run or a feed read costs.
 */
export interface Counts {
  kv: Record<string, number>;
  queueMessages: number;
  doRequests: Record<string, number>;
}

function countKv(kv: KVNamespace, counts: Counts): KVNamespace {
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counts.kv[String(prop)] = (counts.kv[String(prop)] ?? 0) + 1;
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function countQueue(queue: Queue, counts: Counts): Queue {
  return new Proxy(queue, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (prop === "send") counts.queueMessages += 1;
        if (prop === "sendBatch") counts.queueMessages += (args[0] as unknown[]).length;
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function countNamespace<T>(name: string, ns: T, counts: Counts): T {
  return new Proxy(ns as object, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop !== "getByName" && prop !== "get") return typeof value === "function" ? value.bind(target) : value;
      return (...args: unknown[]) => {
        const stub = Reflect.apply(value as (...a: unknown[]) => DurableObjectStub, target, args);
        return new Proxy(stub as object, {
          get(s, method) {
            const fn = Reflect.get(s, method);
            if (typeof fn !== "function") return fn;
            return (...a: unknown[]) => {
              counts.doRequests[name] = (counts.doRequests[name] ?? 0) + 1;
              return Reflect.apply(fn, s, a);
            };
          },
        });
      };
    },
  }) as T;
}

export function countingEnv(env: Env): { env: Env; counts: Counts } {
  const counts: Counts = { kv: {}, queueMessages: 0, doRequests: {} };
  return {
    counts,
    env: {
      ...env,
      PARLEY_KV: countKv(env.PARLEY_KV, counts),
      DELIVERIES: countQueue(env.DELIVERIES, counts),
      DEAD_LETTERS: countQueue(env.DEAD_LETTERS, counts),
      SOURCES: countNamespace("SOURCES", env.SOURCES, counts),
      SUBSCRIPTIONS: countNamespace("SUBSCRIPTIONS", env.SUBSCRIPTIONS, counts),
      CATALOG: countNamespace("CATALOG", env.CATALOG, counts),
    },
  };
}
