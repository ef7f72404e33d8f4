/**
 * Reads a body stream's bytes, refusing it as soon as it passes a byte
 * limit: the stream is cancelled at that point, so an endless or oversized
 * body is never buffered whole. An abort signal (a timeout) stops a body that
 * stalls. Used by the push endpoint and by polling; the bytes become text in
 * src/ingest/text-encoding.ts, once their character encoding is known.
 */

export type LimitedRead = { ok: true; body: Uint8Array; bytes: number } | { ok: false; bytes: number };

/** Rejects as soon as the signal aborts, whatever the promise is doing. */
export function untilAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<LimitedRead> {
  if (!body) return { ok: true, body: new Uint8Array(0), bytes: 0 };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await untilAbort(reader.read(), signal);
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        reader.cancel().catch(() => undefined);
        return { ok: false, bytes };
      }
      parts.push(value);
    }
  } catch (err) {
    reader.cancel().catch(() => undefined);
    throw err;
  }
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return { ok: true, body: whole, bytes };
}
