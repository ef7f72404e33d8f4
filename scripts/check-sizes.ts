/**
 * `npm run lint`'s size check: files a reader can hold. Every `.ts` file under
 * src/ and workers/ has at most MAX_FILE_LINES lines, and every function-like
 * node in it — function declarations and expressions, methods, accessors,
 * constructors, arrows — spans at most MAX_FUNCTION_LINES lines (first line to
 * last, inclusive). Nothing is excluded. Prints one line per violation
 * (`path:line: …`) and exits 1 if there is any.
 *
 * Usage: node scripts/check-sizes.ts [dir …]   (default: src workers)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 60;

export interface Violation {
  file: string;
  /** 1-based line where the file or function starts. */
  line: number;
  /** Function name as written (or `<arrow>` / `<function>`); absent for a whole file. */
  name?: string;
  lines: number;
  limit: number;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** A readable name for a function-like node: its own name, else the name it is assigned to. */
function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  return ts.isArrowFunction(node) ? "<arrow>" : "<function>";
}

function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** The violations in one file's text (`file` only names it). */
export function checkSource(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Violation[] = [];
  const fileLines = text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
  if (fileLines > MAX_FILE_LINES) found.push({ file, line: 1, lines: fileLines, limit: MAX_FILE_LINES });
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        found.push({ file, line: start + 1, name: functionName(node, source), lines, limit: MAX_FUNCTION_LINES });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function checkDirs(dirs: string[], root = process.cwd()): Violation[] {
  return dirs.flatMap((dir) =>
    tsFiles(join(root, dir)).flatMap((path) => checkSource(relative(root, path), readFileSync(path, "utf8"))),
  );
}

export function describe(v: Violation): string {
  return v.name === undefined
    ? `${v.file}:${v.line}: file has ${v.lines} lines (limit ${v.limit})`
    : `${v.file}:${v.line}: function ${v.name} has ${v.lines} lines (limit ${v.limit})`;
}

if (import.meta.main) {
  const dirs = process.argv.slice(2);
  const violations = checkDirs(dirs.length ? dirs : ["src", "workers"]);
  for (const v of violations) console.log(describe(v));
  if (violations.length) {
    console.error(
      `check-sizes: ${violations.length} violation(s): files over ${MAX_FILE_LINES} lines or functions over ${MAX_FUNCTION_LINES}`,
    );
    process.exitCode = 1;
  }
}
