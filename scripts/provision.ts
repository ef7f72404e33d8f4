/**
 * `npm test`'s pretest: the system packages the tests need from outside npm.
 * Each need is a Debian package and a command that succeeds when it is there.
 * Nothing missing: prints nothing. Something missing: with apt-get on PATH and
 * root (or passwordless sudo) it installs it quietly, saying so in one line;
 * otherwise it stops (exit 1, before vitest starts) naming the command to run.
 *
 * For testing: PARLEY_PROVISION_PYTHON / PARLEY_PROVISION_CHROMIUM replace the
 * checked programs; apt-get and sudo are looked up on PATH.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

interface Need {
  /** Debian package that provides it. */
  apt: string;
  /** Program and arguments; exit 0 means present. */
  check: string[];
  /** What needs it, for the messages. */
  for: string;
}

/** A checked program: its path, unless the environment names another (for testing). */
const program = (envName: string, path: string) => process.env[envName] || path;

const NEEDS: Need[] = [
  {
    apt: "python3-feedparser",
    check: [program("PARLEY_PROVISION_PYTHON", "/usr/bin/python3"), "-c", "import feedparser"],
    for: "the feed tests",
  },
  {
    apt: "chromium",
    check: [program("PARLEY_PROVISION_CHROMIUM", "/usr/bin/chromium"), "--version"],
    for: "the browser tests",
  },
];

function present(need: Need): boolean {
  const [cmd, ...args] = need.check;
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 60_000 });
  return r.status === 0;
}

function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/** Stops npm test (before vitest starts): what is wrong, and the command that fixes it. */
function fail(message: string, command: string, run = "Run this, then npm test again:"): never {
  console.error(`\nparley: ${message}\n${run}\n\n    ${command}\n`);
  process.exit(1);
}

const missing = NEEDS.filter((n) => !present(n));
if (missing.length > 0) {
  const pkgs = missing.map((n) => n.apt);
  const what = missing.map((n) => `${n.apt} (for ${n.for})`).join(", ");
  const isRoot = process.getuid?.() === 0;
  const hasApt = onPath("apt-get");
  const sudo =
    !isRoot && hasApt && onPath("sudo") && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
  const command = `${isRoot ? "" : "sudo "}apt-get install -y ${pkgs.join(" ")}`;

  if (!hasApt) {
    fail(
      `the tests need ${what}; it is missing and there is no apt-get here to install it.`,
      command,
      "Install it (the Debian/Ubuntu command is below; elsewhere, your system's equivalent), then run npm test again:",
    );
  }
  if (!isRoot && !sudo) {
    fail(`the tests need ${what}; it is missing, and installing it needs root (or passwordless sudo).`, command);
  }

  console.log(`parley: installing ${what} with apt-get (once; needed by the tests)`);
  const apt = (args: string[]) => {
    const [cmd, argv] = isRoot ? ["apt-get", args] : ["sudo", ["-n", "apt-get", ...args]];
    const r = spawnSync(cmd, argv, {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? `${r.error.message}\n` : ""}`);
      fail(`\`${cmd} ${argv.join(" ")}\` failed (its output is above).`, command);
    }
  };
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", ...pkgs]);

  const still = missing.filter((n) => !present(n));
  if (still.length > 0) {
    const checks = still.map((n) => `\`${n.check.join(" ")}\``).join(", ");
    fail(`apt-get installed ${pkgs.join(" ")}, but ${checks} still fails.`, command);
  }
}
