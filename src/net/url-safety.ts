/**
 * Is a URL safe for parley to send a request to? (SSRF protection, shared by
 * webhook targets and polled sources.)
 *
 * Rules, unless `allowPrivate` (ALLOW_PRIVATE_WEBHOOKS / ALLOW_PRIVATE_SOURCES
 * =true, local development):
 * - https:// only (`allowPrivate` also admits http://); no user:password@;
 * - the host must not be a literal loopback / private / link-local / CGNAT /
 *   metadata / multicast / reserved address (see ip-address.ts). WHATWG URL
 *   parsing already turns `0x7f.1`, `127.1` and `2130706433` into `127.0.0.1`
 *   and IPv6 into canonical form, so every spelling is caught;
 * - nor a local name: `localhost`, `*.localhost`, `*.local`, `*.internal`
 *   (incl. `metadata.google.internal`), `*.home.arpa`, or a single label;
 * - when `resolve` is given, every address the name resolves to must be public.
 *
 * Callers must not let fetch follow redirects (`redirect: "manual"`): each hop
 * is checked again, with `resolve`, right before its request (DNS can change).
 */
import { excerpt } from "../text/excerpt.ts";
import { type AddressClass, classifyAddress } from "./ip-address.ts";

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface UrlCheckOptions {
  /** The ALLOW_PRIVATE_* var is "true": skip the address checks and allow http://. */
  allowPrivate: boolean;
  /** Resolves a host name to IP address strings (A and AAAA), e.g. `resolveWithDoh`. */
  resolve?: (host: string) => Promise<string[]>;
}

/** How refusals are worded for one use of the check. */
export interface UrlPolicy {
  /** The var that lifts the address checks, e.g. `ALLOW_PRIVATE_WEBHOOKS`. */
  allowVar: string;
  /** Completes "…uses http://; ": e.g. `webhooks are delivered over https:// only`. */
  httpsOnly: string;
  /** e.g. `webhook URLs`. */
  urls: string;
  /** An example URL, for a text that is not a URL. */
  example: string;
  /** Why credentials in the URL are refused. */
  noCredentials: string;
}

export async function checkPublicUrl(url: string, policy: UrlPolicy, opts: UrlCheckOptions): Promise<UrlCheck> {
  const fail = (reason: string): UrlCheck => ({ ok: false, reason });
  /** A refusal that the ALLOW_PRIVATE_* var would lift: says so. */
  const blocked = (reason: string): UrlCheck =>
    fail(`${reason}; set ${policy.allowVar}=true only for local development`);
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return fail(`${excerpt(url)} is not an absolute URL; expected e.g. ${policy.example}`);
  }
  if (u.protocol === "http:") {
    if (!opts.allowPrivate) {
      return fail(
        `${u.origin} uses http://; ${policy.httpsOnly} (http:// is allowed only with ${policy.allowVar}=true, for local development)`,
      );
    }
  } else if (u.protocol !== "https:") {
    return fail(`unsupported scheme ${excerpt(u.protocol)}; ${policy.urls} must start with https://`);
  }
  if (u.username || u.password) {
    return fail(`credentials (user:password@) in the URL are not allowed; ${policy.noCredentials}`);
  }
  if (opts.allowPrivate) return { ok: true, url: u.href };

  const origin = `${u.protocol}//${u.host}`;
  const literal = classifyAddress(u.hostname);
  if (literal)
    return literal.public ? { ok: true, url: u.href } : blocked(`${origin} resolves to ${describe(literal)}`);

  const host = u.hostname.replace(/\.+$/, "");
  const localName = localNameReason(host);
  if (localName) return blocked(`${origin} names ${localName}`);

  if (opts.resolve) {
    let addresses: string[];
    try {
      addresses = await opts.resolve(host);
    } catch (err) {
      return fail(`could not resolve ${host}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (addresses.length === 0) return fail(`${host} does not resolve to any address`);
    for (const address of addresses) {
      const cls = classifyAddress(address);
      if (!cls) return fail(`${host} resolved to ${excerpt(address)}, which is not an IP address`);
      if (!cls.public) return blocked(`${origin} resolves to ${address}, ${describe(cls)}`);
    }
  }
  return { ok: true, url: u.href };
}

function describe(cls: Exclude<AddressClass, { public: true }>): string {
  return `${cls.label} (${cls.range})`;
}

function localNameReason(host: string): string | null {
  if (host === "metadata.google.internal") return "the cloud metadata host";
  if (host === "localhost" || host.endsWith(".localhost")) return "a loopback host (localhost)";
  if (host.endsWith(".internal")) return "an internal host (*.internal)";
  if (host.endsWith(".local")) return "a local network host (*.local)";
  if (host.endsWith(".home.arpa")) return "a home network host (*.home.arpa)";
  if (!host.includes(".")) return `a single-label host ${excerpt(host)}, which only resolves on a local network`;
  return null;
}

/** Minimal fetch signature, so tests can inject a fake. */
/**
 * The check as the Worker runs it: with private addresses refused, host names
 * are also resolved (over DNS-over-HTTPS), so a name pointing at a private
 * address is refused too.
 */
export function checkPublicTarget(url: string, policy: UrlPolicy, allowPrivate: boolean): Promise<UrlCheck> {
  return checkPublicUrl(url, policy, {
    allowPrivate,
    ...(!allowPrivate && { resolve: (host: string) => resolveWithDoh(host) }),
  });
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

interface DohAnswer {
  type: number;
  data: string;
}

const DNS_TYPES = { A: 1, AAAA: 28 } as const;

/**
 * Resolves `host` to its A and AAAA addresses with DNS-over-HTTPS (JSON API,
 * `accept: application/dns-json`). NXDOMAIN gives `[]`; HTTP or DNS errors
 * throw. CNAME records in the answer are skipped (their targets' addresses
 * are in the same answer). A literal IP is returned as is.
 */
export async function resolveWithDoh(
  host: string,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
  endpoint = "https://cloudflare-dns.com/dns-query",
): Promise<string[]> {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (classifyAddress(bare)) return [bare];
  const lookups = (Object.keys(DNS_TYPES) as (keyof typeof DNS_TYPES)[]).map(async (type) => {
    const query = `${endpoint}?name=${encodeURIComponent(bare)}&type=${type}`;
    const res = await fetchImpl(query, { headers: { accept: "application/dns-json" }, redirect: "manual" });
    if (!res.ok) throw new Error(`DNS-over-HTTPS ${type} lookup failed: HTTP ${res.status}`);
    const json = (await res.json()) as { Status?: number; Answer?: DohAnswer[] };
    if (json.Status === 3) return [];
    if (json.Status !== 0) throw new Error(`DNS-over-HTTPS ${type} lookup failed: DNS status ${json.Status}`);
    return (json.Answer ?? []).filter((a) => a.type === DNS_TYPES[type]).map((a) => a.data);
  });
  const results = await Promise.all(lookups);
  return [...new Set(results.flat())];
}
