/**
 * Parsing and classification of literal IP addresses for SSRF checks: is an
 * address on the public internet, or loopback / private / link-local / CGNAT /
 * metadata / multicast / reserved?
 *
 * IPv6 uses an allow-list: only global unicast (2000::/3) outside its special
 * blocks is public; IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) and
 * 6to4 (2002::/16) addresses are judged by the IPv4 address they embed.
 */

export type AddressClass = { public: true } | { public: false; label: string; range: string };

const PUBLIC: AddressClass = { public: true };

/** Special IPv4 blocks, most specific first. */
const IPV4_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["169.254.169.254", 32, "the cloud metadata address"],
  ["0.0.0.0", 8, "a 'this network' address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a carrier-grade NAT address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved (IETF protocol) address"],
  ["192.0.2.0", 24, "a documentation address"],
  ["192.88.99.0", 24, "a reserved (6to4 relay) address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["198.51.100.0", 24, "a documentation address"],
  ["203.0.113.0", 24, "a documentation address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

const IPV4_TABLE = IPV4_BLOCKED.map(([base, bits, label]) => ({
  base: parseIpv4(base)!,
  mask: bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0,
  range: `${base}/${bits}`,
  label,
}));

/** Strict dotted-decimal IPv4 (`a.b.c.d`, each 0–255, no leading zeros) → 32-bit number, or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** IPv6 text (with `::`, optional embedded IPv4 tail, optional brackets) → eight 16-bit groups, or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (s.includes("%")) return null; // zone ids are never valid here
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (lastColon < 0) return null;
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >>> 16, v4 & 0xffff];
    const prefix = s.slice(0, lastColon + 1);
    s = prefix.endsWith("::") ? prefix : prefix.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parseGroups = (h: string): number[] | null => {
    if (h === "") return [];
    const groups: number[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(Number.parseInt(g, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]);
  const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !rest) return null;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1) return explicit === 8 ? [...head, ...tail] : null;
  if (explicit > 7) return null;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
}

export function classifyIpv4(address: number): AddressClass {
  for (const entry of IPV4_TABLE) {
    if ((address & entry.mask) >>> 0 === entry.base) return { public: false, label: entry.label, range: entry.range };
  }
  return PUBLIC;
}

function embedded(hi: number, lo: number, prefix: string): AddressClass {
  const inner = classifyIpv4(((hi << 16) >>> 0) + lo);
  return inner.public ? PUBLIC : { public: false, label: inner.label, range: `${prefix} embedding ${inner.range}` };
}

export function classifyIpv6(g: number[]): AddressClass {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return { public: false, label: "the unspecified address", range: "::/128" };
  if (zeroUpTo(7) && g[7] === 1) return { public: false, label: "a loopback address", range: "::1/128" };
  if (zeroUpTo(5) && g[5] === 0xffff) return embedded(g[6], g[7], "IPv4-mapped ::ffff:0:0/96");
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return embedded(g[6], g[7], "NAT64 64:ff9b::/96");
  }
  if (g[0] === 0x2002) return embedded(g[1], g[2], "6to4 2002::/16");
  if ((g[0] & 0xfe00) === 0xfc00)
    return { public: false, label: "a private (unique local) address", range: "fc00::/7" };
  if ((g[0] & 0xffc0) === 0xfe80) return { public: false, label: "a link-local address", range: "fe80::/10" };
  if ((g[0] & 0xffc0) === 0xfec0) return { public: false, label: "a site-local address", range: "fec0::/10" };
  if ((g[0] & 0xff00) === 0xff00) return { public: false, label: "a multicast address", range: "ff00::/8" };
  if ((g[0] & 0xe000) !== 0x2000) return { public: false, label: "a reserved address", range: "outside 2000::/3" };
  if (g[0] === 0x2001 && g[1] === 0x0db8)
    return { public: false, label: "a documentation address", range: "2001:db8::/32" };
  if ((g[0] & 0xfff0) === 0x3ff0 && (g[1] & 0xf000) === 0) {
    return { public: false, label: "a documentation address", range: "3fff::/20" };
  }
  if (g[0] === 0x2001 && g[1] < 0x0200) {
    return { public: false, label: "a reserved (IETF protocol) address", range: "2001::/23" };
  }
  return PUBLIC;
}

/**
 * Classifies a literal IP address (IPv4 dotted decimal, or IPv6 with or
 * without brackets). Returns null when `text` is not an IP address.
 */
export function classifyAddress(text: string): AddressClass | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return classifyIpv4(v4);
  const v6 = parseIpv6(text);
  if (v6 !== null) return classifyIpv6(v6);
  return null;
}
