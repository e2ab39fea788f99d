// The grammar against the compiler's own front-end corpus (tests/frontend, docs/language.md §1), in VS Code's
// TextMate engine (vscode-textmate with Oniguruma, as vscode-tmgrammar-test loads it):
// - every program the compiler accepts (tests/frontend/valid, tests/conformance, test-projects) has no invalid.*
//   scope and leaves no string, comment or bracket rule open at the end of the file;
// - every lexical error a file of tests/frontend/invalid expects (its "// error: SOXnnnn @ line:col" header) is
//   shown where the compiler reports it: an invalid.illegal.* token for SOX1001 (a character that starts no token),
//   SOX1004/SOX1005 (bad escapes), SOX1006 (a malformed attribute) and SOX3011 (an unknown C type), and a string or
//   comment still open at the end of the file for SOX1002/SOX1003 (unterminated) — and no invalid scope elsewhere.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const extension = path.join(__dirname, "..", "..");
const repository = path.join(extension, "..", "..");
const frontend = path.join(repository, "tests", "frontend");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => {
      const file = path.join(extension, "syntaxes", "sox.tmLanguage.json");
      return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  return registry.loadGrammar("source.sox");
}

/**
 * Tokens of a file: {line, start, end, scopes} (1-based lines, 0-based UTF-16 columns); whether any rule is still
 * open at the end, and whether that is a string or a block comment (a probe line after the file is inside one).
 */
function tokenize(grammar, text) {
  const tokens = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) tokens.push({ line: index + 1, start: t.startIndex, end: t.endIndex, scopes: t.scopes });
    stack = result.ruleStack;
  });
  const probe = grammar.tokenizeLine("probe", stack).tokens[0].scopes;
  const literalOpenAtEnd = probe.some((s) => s.startsWith("string.") || s.startsWith("comment.block"));
  return { tokens, openAtEnd: stack.depth > 1, literalOpenAtEnd };
}

function soxFiles(folder, recurse) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return recurse && !["bin", "obj"].includes(entry.name) ? soxFiles(full, true) : [];
    return entry.name.endsWith(".sox") ? [full] : [];
  });
}

const isInvalid = (token) => token.scopes.some((s) => s.startsWith("invalid."));
const grammarPromise = loadGrammar();
const corpusPresent = { skip: fs.existsSync(frontend) ? false : "the repository's tests/frontend is not beside this extension" };

test("programs the compiler accepts colour without invalid tokens and close every rule", corpusPresent, async () => {
  const grammar = await grammarPromise;
  // The valid corpus, the conformance programs and modules (tests/conformance/errors holds runtime errors: lexically
  // valid), and the sample projects.
  const files = [
    ...soxFiles(path.join(frontend, "valid"), true),
    ...soxFiles(path.join(repository, "tests", "conformance"), true),
    ...soxFiles(path.join(repository, "test-projects"), true),
  ];
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const problems = [];
  for (const file of files) {
    const { tokens, openAtEnd } = tokenize(grammar, fs.readFileSync(file, "utf8"));
    const bad = tokens.filter(isInvalid);
    if (bad.length > 0) problems.push(`${path.relative(repository, file)}:${bad[0].line}:${bad[0].start + 1} ${bad[0].scopes.at(-1)}`);
    if (openAtEnd) problems.push(`${path.relative(repository, file)}: a rule is still open at the end`);
  }
  assert.deepStrictEqual(problems, []);
});

test("every lexical error of the invalid corpus is shown where the compiler reports it, and only there", corpusPresent, async () => {
  const grammar = await grammarPromise;
  const shownAsInvalid = new Set(["SOX1001", "SOX1004", "SOX1005", "SOX1006", "SOX3011"]);
  const unterminated = new Set(["SOX1002", "SOX1003"]);
  let checked = 0;
  for (const file of soxFiles(path.join(frontend, "invalid"), false)) {
    const text = fs.readFileSync(file, "utf8");
    const expected = [...text.matchAll(/^\/\/ error: (SOX\d{4}) @ (\d+):(\d+)$/gm)].map((m) => ({ code: m[1], line: +m[2], column: +m[3] }));
    const { tokens, literalOpenAtEnd } = tokenize(grammar, text);
    const name = path.basename(file);
    for (const e of expected.filter((x) => shownAsInvalid.has(x.code))) {
      const at = tokens.find((t) => t.line === e.line && t.start <= e.column - 1 && e.column - 1 < t.end);
      assert.ok(at && isInvalid(at), `${name}:${e.line}:${e.column} ${e.code} is not shown as invalid (${at?.scopes.join(" ")})`);
      checked++;
    }
    const expectsUnterminated = expected.some((x) => unterminated.has(x.code));
    assert.strictEqual(literalOpenAtEnd, expectsUnterminated, `${name}: a string or comment open at the end: ${literalOpenAtEnd}, expected ${expectsUnterminated}`);
    if (expectsUnterminated) checked++;
    // No invalid token on a line without an expected lexical error (lex_too_many_errors expects only the first 100).
    const lines = new Set(expected.filter((x) => shownAsInvalid.has(x.code)).map((x) => x.line));
    if (name !== "lex_too_many_errors.sox") {
      const stray = tokens.filter((t) => isInvalid(t) && !lines.has(t.line));
      assert.deepStrictEqual(stray.map((t) => `${name}:${t.line}:${t.start + 1}`), []);
    }
  }
  assert.ok(checked >= 30, `only ${checked} lexical errors checked`);
});
