import { describe, expect, it } from "vitest";
import { checkSourceUrl } from "../../src/sources/source-url.ts";

const strict = { allowPrivate: false };

async function reason(url: string, opts: Parameters<typeof checkSourceUrl>[1] = strict): Promise<string> {
  const r = await checkSourceUrl(url, opts);
  if (r.ok) throw new Error(`${url} was accepted`);
  return r.reason;
}

describe("checkSourceUrl: polled sources get the webhook SSRF guard (issue 10, #12)", () => {
  it("refuses loopback, private, link-local, CGNAT and metadata addresses, and local names", async () => {
    expect(await reason("https://127.0.0.1/feed")).toBe(
      "https://127.0.0.1 resolves to a loopback address (127.0.0.0/8); set ALLOW_PRIVATE_SOURCES=true only for local development",
    );
    expect(await reason("https://0x7f.1:8443/feed")).toMatch(
      /^https:\/\/127\.0\.0\.1:8443 resolves to a loopback address/,
    );
    expect(await reason("https://[::1]/feed")).toMatch(/loopback address \(::1\/128\)/);
    expect(await reason("https://10.1.2.3/feed")).toMatch(/private address \(10\.0\.0\.0\/8\)/);
    expect(await reason("https://[fe80::1]/feed")).toMatch(/link-local/);
    expect(await reason("https://100.64.0.1/feed")).toMatch(/carrier-grade NAT/);
    expect(await reason("https://169.254.169.254/latest/meta-data")).toMatch(/cloud metadata address/);
    expect(await reason("https://metadata.google.internal/")).toMatch(/cloud metadata host/);
    expect(await reason("https://localhost/feed")).toMatch(/loopback host \(localhost\)/);
  });

  it("polls over https:// only, without credentials in the URL", async () => {
    expect(await reason("http://feeds.example.org/feed")).toBe(
      "http://feeds.example.org uses http://; sources are polled over https:// only (http:// is allowed only with ALLOW_PRIVATE_SOURCES=true, for local development)",
    );
    expect(await reason("ftp://feeds.example.org/")).toBe(
      'unsupported scheme "ftp:"; source URLs must start with https://',
    );
    expect(await reason("https://user:pw@feeds.example.org/")).toMatch(/^credentials \(user:password@\) in the URL/);
  });

  it("resolves host names: a name pointing at a private address is refused", async () => {
    const resolve = async (host: string) =>
      ({ "feeds.example.org": ["93.184.215.14"], "rebind.example.org": ["93.184.215.14", "192.168.1.5"] })[host] ?? [];
    expect(await checkSourceUrl("https://feeds.example.org/f.json", { allowPrivate: false, resolve })).toEqual({
      ok: true,
      url: "https://feeds.example.org/f.json",
    });
    expect(await reason("https://rebind.example.org/f.json", { allowPrivate: false, resolve })).toBe(
      "https://rebind.example.org resolves to 192.168.1.5, a private address (192.168.0.0/16); set ALLOW_PRIVATE_SOURCES=true only for local development",
    );
  });

  it("ALLOW_PRIVATE_SOURCES=true lifts the address checks and allows http://, without resolving", async () => {
    const resolve = () => Promise.reject(new Error("must not be called"));
    for (const url of ["http://127.0.0.1:8787/demo/a.json", "https://localhost/", "https://10.0.0.1/feed"]) {
      expect(await checkSourceUrl(url, { allowPrivate: true, resolve })).toEqual({ ok: true, url: new URL(url).href });
    }
  });
});
