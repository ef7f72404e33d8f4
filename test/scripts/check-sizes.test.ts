/**
 * scripts/check-sizes.ts (part of `npm run lint`), in plain Node with `node --test`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { checkSource, describe, MAX_FILE_LINES, MAX_FUNCTION_LINES } from "../../scripts/check-sizes.ts";

const SCRIPT = join(import.meta.dirname, "../../scripts/check-sizes.ts");
const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
/** A function spanning exactly `lines` lines. */
const fn = (name: string, lines: number) => `function ${name}() {\n${body(lines - 2)}\n}\n`;

test("functions of every form over the limit are found, named and measured", () => {
  const n = MAX_FUNCTION_LINES + 1;
  const text = [
    fn("long", n),
    fn("short", MAX_FUNCTION_LINES),
    `const arrow = () => {\n${body(n - 2)}\n};`,
    `class C {\n  method() {\n${body(n - 2)}\n  }\n  constructor() {\n${body(n - 2)}\n  }\n}`,
    `export default function () {\n${body(n - 2)}\n}`,
  ].join("\n");
  const found = checkSource("x.ts", text)
    .filter((v) => v.name !== undefined)
    .map((v) => `${v.name}:${v.lines}`);
  assert.deepEqual(found, [`long:${n}`, `arrow:${n}`, `method:${n}`, `constructor:${n}`, `<function>:${n}`]);
});

test("a file over the limit is found; one at the limit is not", () => {
  const lines = (n: number) => `${Array.from({ length: n }, (_, i) => `export const c${i} = ${i};`).join("\n")}\n`;
  assert.deepEqual(checkSource("ok.ts", lines(MAX_FILE_LINES)), []);
  const [v] = checkSource("big.ts", lines(MAX_FILE_LINES + 1));
  assert.equal(describe(v), `big.ts:1: file has ${MAX_FILE_LINES + 1} lines (limit ${MAX_FILE_LINES})`);
});

test("the script lists each violation and exits 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "check-sizes-"));
  try {
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "fine.ts"), fn("fine", 10));
    writeFileSync(join(dir, "src", "long.ts"), fn("long", MAX_FUNCTION_LINES + 5));
    const r = spawnSync(process.execPath, [SCRIPT, "src"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.equal(r.stdout.trim(), `src/long.ts:1: function long has ${MAX_FUNCTION_LINES + 5} lines (limit 60)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
