import { describe, expect, it } from "vitest";
import { classifyAddress, parseIpv6 } from "../../src/net/ip-address.ts";
import { checkWebhookUrl, type FetchLike, resolveWithDoh } from "../../src/webhooks/url-safety.ts";

const strict = { allowPrivate: false };

async function reason(url: string, opts: Parameters<typeof checkWebhookUrl>[1] = strict): Promise<string> {
  const r = await checkWebhookUrl(url, opts);
  if (r.ok) throw new Error(`${url} was accepted`);
  return r.reason;
}

describe("WHATWG URL normalization (relied upon)", () => {
  it("turns odd IPv4 spellings into dotted decimal and IPv6 into canonical form", () => {
    expect(new URL("https://0x7f.1").hostname).toBe("127.0.0.1");
    expect(new URL("https://127.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://2130706433/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0177.0.0.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
    expect(new URL("https://[0:0:0:0:0:0:0:1]/").hostname).toBe("[::1]");
  });
});

describe("checkWebhookUrl", () => {
  it("rejects the issue's SSRF cases with clear reasons", async () => {
    expect(await reason("http://hooks.example.com/x")).toMatch(/uses http:\/\/.*https:\/\/ only/);
    expect(await reason("https://127.0.0.1/x")).toMatch(/loopback address \(127\.0\.0\.0\/8\)/);
    expect(await reason("https://[::1]/x")).toMatch(/loopback address \(::1\/128\)/);
    expect(await reason("https://169.254.169.254/latest/meta-data")).toMatch(/cloud metadata address/);
    expect(await reason("https://10.0.0.1")).toBe(
      "https://10.0.0.1 resolves to a private address (10.0.0.0/8); set ALLOW_PRIVATE_WEBHOOKS=true only for local development",
    );
    expect(await reason("https://localhost/x")).toMatch(/loopback host \(localhost\)/);
    expect(await reason("https://0x7f.1/x")).toMatch(/^https:\/\/127\.0\.0\.1 resolves to a loopback address/);
  });

  it("rejects every blocked IPv4 range", async () => {
    const cases: Array<[string, string]> = [
      ["0.0.0.0", "0.0.0.0/8"],
      ["172.16.0.1", "172.16.0.0/12"],
      ["172.31.255.255", "172.16.0.0/12"],
      ["192.168.1.1", "192.168.0.0/16"],
      ["169.254.1.1", "169.254.0.0/16"],
      ["100.64.0.1", "100.64.0.0/10"],
      ["100.127.255.254", "100.64.0.0/10"],
      ["198.18.0.1", "198.18.0.0/15"],
      ["198.19.255.1", "198.18.0.0/15"],
      ["224.0.0.1", "224.0.0.0/4"],
      ["255.255.255.255", "240.0.0.0/4"],
      ["192.0.2.5", "192.0.2.0/24"],
    ];
    for (const [ip, range] of cases) expect(await reason(`https://${ip}/`)).toContain(`(${range})`);
  });

  it("rejects private IPv6 ranges and IPv4 embedded in IPv6", async () => {
    expect(await reason("https://[fd00::1]/")).toContain("(fc00::/7)");
    expect(await reason("https://[fc12:3456::1]/")).toContain("(fc00::/7)");
    expect(await reason("https://[fe80::1]/")).toContain("(fe80::/10)");
    expect(await reason("https://[ff02::1]/")).toContain("multicast");
    expect(await reason("https://[::]/")).toContain("unspecified");
    expect(await reason("https://[::ffff:127.0.0.1]/")).toContain("IPv4-mapped ::ffff:0:0/96 embedding 127.0.0.0/8");
    expect(await reason("https://[::ffff:169.254.169.254]/")).toContain("cloud metadata");
    expect(await reason("https://[64:ff9b::a00:1]/")).toContain("NAT64 64:ff9b::/96 embedding 10.0.0.0/8");
    expect(await reason("https://[2002:c0a8:101::1]/")).toContain("6to4 2002::/16 embedding 192.168.0.0/16");
    expect(await reason("https://[2001:db8::1]/")).toContain("documentation");
  });

  it("accepts public addresses and names", async () => {
    for (const url of [
      "https://hooks.example.com/parley?x=1",
      "https://8.8.8.8/",
      "https://172.32.0.1/",
      "https://100.128.0.1/",
      "https://[2606:4700:4700::1111]/",
      "https://[::ffff:8.8.8.8]/",
    ]) {
      const r = await checkWebhookUrl(url, strict);
      expect(r, url).toEqual({ ok: true, url: new URL(url).href });
    }
  });

  it("rejects local host names", async () => {
    expect(await reason("https://metadata.google.internal/computeMetadata/v1/")).toContain("cloud metadata host");
    expect(await reason("https://api.localhost/")).toContain("localhost");
    expect(await reason("https://LOCALHOST./")).toContain("localhost");
    expect(await reason("https://printer.local/")).toContain("*.local");
    expect(await reason("https://db.corp.internal/")).toContain("*.internal");
    expect(await reason("https://nas.home.arpa/")).toContain("home.arpa");
    expect(await reason("https://intranet/")).toContain("single-label");
  });

  it("rejects other schemes, credentials and garbage without the ALLOW_PRIVATE hint", async () => {
    expect(await reason("ftp://example.com/")).toBe('unsupported scheme "ftp:"; webhook URLs must start with https://');
    expect(await reason("https://user:pw@example.com/")).toMatch(/credentials/);
    expect(await reason("example.com/hook")).toMatch(/not an absolute URL/);
    expect(await reason("https://user:pw@example.com/", { allowPrivate: true })).toMatch(/credentials/);
    expect(await reason("javascript:alert(1)", { allowPrivate: true })).toMatch(/unsupported scheme/);
  });

  it("checks every resolved address when a resolver is given", async () => {
    const resolve = async (host: string) =>
      ({
        "ok.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
        "rebind.example.com": ["93.184.215.14", "10.1.2.3"],
        "v6.example.com": ["fd12::1"],
        "weird.example.com": ["not-an-ip"],
        "none.example.com": [],
      })[host] ?? Promise.reject(new Error("SERVFAIL"));
    expect(await checkWebhookUrl("https://ok.example.com/h", { allowPrivate: false, resolve })).toEqual({
      ok: true,
      url: "https://ok.example.com/h",
    });
    expect(await reason("https://rebind.example.com/h", { allowPrivate: false, resolve })).toBe(
      "https://rebind.example.com resolves to 10.1.2.3, a private address (10.0.0.0/8); set ALLOW_PRIVATE_WEBHOOKS=true only for local development",
    );
    expect(await reason("https://v6.example.com/", { allowPrivate: false, resolve })).toContain("fc00::/7");
    expect(await reason("https://weird.example.com/", { allowPrivate: false, resolve })).toContain("not an IP");
    expect(await reason("https://none.example.com/", { allowPrivate: false, resolve })).toContain("does not resolve");
    expect(await reason("https://fail.example.com/", { allowPrivate: false, resolve })).toContain("SERVFAIL");
  });

  it("allows private targets and http:// with allowPrivate, without resolving", async () => {
    const resolve = () => Promise.reject(new Error("must not be called"));
    for (const url of ["http://127.0.0.1:8787/hook", "https://localhost/", "https://10.0.0.1", "http://[::1]:9/"]) {
      expect(await checkWebhookUrl(url, { allowPrivate: true, resolve })).toEqual({ ok: true, url: new URL(url).href });
    }
  });
});

describe("ip-address", () => {
  it("parses IPv6 forms and rejects malformed ones", () => {
    expect(parseIpv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6("[2001:db8::]")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIpv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x102, 0x304]);
    expect(parseIpv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const bad of [
      "1:2:3",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:8::",
      "fe80::1%eth0",
      "12345::",
      "::1.2.3",
    ]) {
      expect(parseIpv6(bad), bad).toBeNull();
    }
  });

  it("classifies resolver output and ignores non-addresses", () => {
    expect(classifyAddress("8.8.8.8")).toEqual({ public: true });
    expect(classifyAddress("127.0.0.01")).toBeNull(); // not strict dotted decimal
    expect(classifyAddress("example.com")).toBeNull();
    expect(classifyAddress("::ffff:a9fe:a9fe")).toMatchObject({ public: false, label: "the cloud metadata address" });
  });
});

describe("resolveWithDoh", () => {
  function fakeFetch(answers: Record<string, unknown>, calls: string[], status = 200): FetchLike {
    return async (input, init) => {
      calls.push(`${input} ${new Headers(init?.headers).get("accept")}`);
      const type = new URL(input).searchParams.get("type")!;
      return new Response(JSON.stringify(answers[type]), { status });
    };
  }

  it("queries A and AAAA as DNS JSON and returns the addresses, skipping CNAMEs", async () => {
    const calls: string[] = [];
    const fetchImpl = fakeFetch(
      {
        A: {
          Status: 0,
          Answer: [
            { name: "hooks.example.com", type: 5, TTL: 60, data: "edge.example.net." },
            { name: "edge.example.net", type: 1, TTL: 60, data: "93.184.215.14" },
          ],
        },
        AAAA: { Status: 0, Answer: [{ name: "edge.example.net", type: 28, TTL: 60, data: "2606:2800::1" }] },
      },
      calls,
    );
    expect(await resolveWithDoh("hooks.example.com", fetchImpl)).toEqual(["93.184.215.14", "2606:2800::1"]);
    expect(calls.sort()).toEqual([
      "https://cloudflare-dns.com/dns-query?name=hooks.example.com&type=A application/dns-json",
      "https://cloudflare-dns.com/dns-query?name=hooks.example.com&type=AAAA application/dns-json",
    ]);
  });

  it("returns [] for NXDOMAIN, throws on DNS or HTTP errors, passes literals through", async () => {
    const calls: string[] = [];
    expect(await resolveWithDoh("nx.example", fakeFetch({ A: { Status: 3 }, AAAA: { Status: 3 } }, calls))).toEqual([]);
    await expect(
      resolveWithDoh("x.example", fakeFetch({ A: { Status: 2 }, AAAA: { Status: 0 } }, calls)),
    ).rejects.toThrow(/DNS status 2/);
    await expect(resolveWithDoh("x.example", fakeFetch({}, calls, 502))).rejects.toThrow(/HTTP 502/);
    const before = calls.length;
    expect(await resolveWithDoh("[::1]", fakeFetch({}, calls))).toEqual(["::1"]);
    expect(calls.length).toBe(before);
  });

  it("plugs into checkWebhookUrl", async () => {
    const fetchImpl = fakeFetch(
      { A: { Status: 0, Answer: [{ type: 1, data: "127.0.0.1" }] }, AAAA: { Status: 0 } },
      [],
    );
    const resolve = (host: string) => resolveWithDoh(host, fetchImpl);
    expect(await reason("https://127.0.0.1.nip.io/", { allowPrivate: false, resolve })).toContain("loopback");
  });
});
