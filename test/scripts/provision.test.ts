/**
 * scripts/provision.ts (npm test's pretest), run in plain Node with `node --test`
 * (it spawns processes, which workerd cannot; vitest.config.ts leaves test/scripts out).
 * Each case gets a temp dir of tiny stub executables: a python that has feedparser
 * only once a marker file exists, and apt-get / sudo that log their arguments.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";

const SCRIPT = join(import.meta.dirname, "../../scripts/provision.ts");
const isRoot = process.getuid?.() === 0;

let dir: string;
let bin: string;
let marker: string;
let log: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-provision-"));
  bin = join(dir, "bin");
  marker = join(dir, "feedparser-installed");
  log = join(dir, "calls.log");
  mkdirSync(bin);
  // A python that "has" feedparser once the marker exists.
  stub("python3", `[ -e "${marker}" ] && exit 0; echo "No module named feedparser" >&2; exit 1`);
  // Chromium (for the browser tests) is present in these cases: they are about feedparser.
  stub("chromium", "exit 0");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stub(name: string, body: string): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** apt-get that logs each call and, on install, creates the marker unless told not to. */
function stubAptGet({ installs = true, exitCode = 0 } = {}): void {
  stub(
    "apt-get",
    `echo "apt-get $*" >> "${log}"\n` +
      `case "$1" in install) ${installs ? `: > "${marker}"` : ":"} ;; esac\n` +
      `exit ${exitCode}`,
  );
}

/** Passwordless sudo (used only when not root): `sudo -n true` succeeds, `sudo -n apt-get …` runs the stub. */
function stubSudo(): void {
  stub("sudo", `[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; exec "$@"`);
}

function provision() {
  const r = spawnSync(process.execPath, [SCRIPT], {
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: bin,
      PARLEY_PROVISION_PYTHON: join(bin, "python3"),
      PARLEY_PROVISION_CHROMIUM: join(bin, "chromium"),
    },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);

test("npm test runs the provisioning step before anything else", () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8"));
  assert.equal(pkg.scripts.pretest, "node scripts/provision.ts");
});

test("feedparser present: exits 0 and prints nothing", () => {
  writeFileSync(marker, "");
  const r = provision();
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "");
});

test("feedparser missing and no apt-get: exits 1 naming the command to run", () => {
  const r = provision();
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /python3-feedparser \(for the feed tests\)/);
  assert.match(r.stderr, /no apt-get/);
  assert.ok(r.stderr.includes("apt-get install -y python3-feedparser"), r.stderr);
});

test("feedparser missing, apt-get and passwordless sudo: installs it quietly, then exits 0", () => {
  stubAptGet();
  stubSudo();
  const r = provision();
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "parley: installing python3-feedparser (for the feed tests) with apt-get (once; needed by the tests)\n",
  );
  assert.deepEqual(calls(), ["apt-get update -qq", "apt-get install -y -qq python3-feedparser"]);
});

test("feedparser missing, apt-get but not root and no sudo: exits 1 naming the sudo command", {
  skip: isRoot && "running as root",
}, () => {
  stubAptGet();
  stub("sudo", "exit 1");
  const r = provision();
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes("sudo apt-get install -y python3-feedparser"), r.stderr);
  assert.deepEqual(calls(), []);
});

test("apt-get fails: exits 1 with its output and the command", () => {
  stubAptGet({ exitCode: 100 });
  stubSudo();
  const r = provision();
  assert.equal(r.code, 1);
  assert.match(r.stderr, /failed/);
  assert.ok(r.stderr.includes("apt-get install -y python3-feedparser"), r.stderr);
  assert.deepEqual(calls(), ["apt-get update -qq"]);
});

test("installed but still not importable: exits 1", () => {
  stubAptGet({ installs: false });
  stubSudo();
  const r = provision();
  assert.equal(r.code, 1);
  assert.match(r.stderr, /still fails/);
});
