// The client's own logic, run in Node without VS Code: which `sox` it starts (setting, PATH, ~/.dotnet/tools), with
// which arguments, and the notification when there is none. `vscode` and `vscode-languageclient/node` are replaced by
// recording fakes (the real ones need a running VS Code); the compiled out/extension.js is what the .vsix ships.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");

let state;

// The fakes write POSIX executables (a shell script with mode 755).
const posix = { skip: process.platform === "win32" ? "needs POSIX executables" : false };

function fakeVscode() {
  const disposable = { dispose() {} };
  return {
    window: {
      createOutputChannel: () => ({ appendLine() {}, dispose() {} }),
      showErrorMessage: (message, ...items) => { state.errors.push({ message, items }); return Promise.resolve(undefined); },
      showWarningMessage: (message) => { state.warnings.push(message); return Promise.resolve(undefined); },
    },
    commands: {
      registerCommand: (name) => { state.commands.push(name); return disposable; },
      executeCommand: () => Promise.resolve(undefined),
    },
    workspace: {
      onDidChangeConfiguration: (handler) => { state.onDidChangeConfiguration = handler; return disposable; },
      onWillSaveTextDocument: () => disposable,
      createFileSystemWatcher: (glob) => ({ glob }),
      getConfiguration: (section) => ({
        get: (key, fallback) => {
          const value = state.settings[`${section}.${key}`];
          return value === undefined ? fallback : value;
        },
      }),
      get workspaceFolders() { return state.folder === undefined ? undefined : [{ uri: { fsPath: state.folder } }]; },
    },
    env: { clipboard: { writeText: () => Promise.resolve() } },
  };
}

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false });
    state.clients.push(this);
  }
  start() { this.started = true; return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return state.vscode;
  if (request === "vscode-languageclient/node") return { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0, ipc: 1 } };
  return originalLoad.call(this, request, parent, isMain);
};

const extensionPath = path.join(__dirname, "..", "..", "out", "extension.js");
const saved = { PATH: process.env.PATH, HOME: process.env.HOME };

const made = [];
function tempDir() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sox-vscode-client-"));
  made.push(folder);
  return folder;
}

function program(folder, name = "sox") {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  return file;
}

/** Activates a fresh copy of the extension with these settings, PATH and home folder. */
async function activate({ settings = {}, pathDirs = [], home = tempDir(), folder } = {}) {
  state = { vscode: undefined, settings, folder, errors: [], warnings: [], commands: [], clients: [] };
  state.vscode = fakeVscode();
  process.env.PATH = pathDirs.join(path.delimiter);
  process.env.HOME = home;
  delete require.cache[require.resolve(extensionPath)];
  const extension = require(extensionPath);
  await extension.activate({ subscriptions: [] });
  return state;
}

test.after(() => {
  process.env.PATH = saved.PATH;
  process.env.HOME = saved.HOME;
  Module._load = originalLoad;
  for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
});

test("the sox.server.path setting is started as `sox lsp` over stdio for .sox documents", posix, async () => {
  const sox = program(tempDir());
  const s = await activate({ settings: { "sox.server.path": sox } });
  assert.strictEqual(s.clients.length, 1);
  const client = s.clients[0];
  assert.strictEqual(client.id, "sox", "the id under which the client reads sox.trace.server");
  assert.deepStrictEqual(client.serverOptions.run, { command: sox, args: ["lsp"], transport: 0 });
  assert.deepStrictEqual(client.serverOptions.debug, client.serverOptions.run);
  assert.ok(client.clientOptions.documentSelector.some((d) => d.language === "sox" && d.scheme === "file"));
  assert.strictEqual(client.clientOptions.synchronize.fileEvents.glob, "**/*.sox");
  assert.ok(client.started);
  assert.deepStrictEqual(s.errors, []);
  assert.ok(s.commands.includes("sox.restartServer"));
});

test("sox.diagnostics.workspace is passed to the server as initializationOptions.workspaceDiagnostics", posix, async () => {
  const sox = program(tempDir());
  let s = await activate({ settings: { "sox.server.path": sox } });
  assert.deepStrictEqual(s.clients[0].clientOptions.initializationOptions, { workspaceDiagnostics: true }, "on by default");
  s = await activate({ settings: { "sox.server.path": sox, "sox.diagnostics.workspace": false } });
  assert.deepStrictEqual(s.clients[0].clientOptions.initializationOptions, { workspaceDiagnostics: false });
  // Changing it restarts the server with the new value (the server reads it once, in initialize).
  s.settings["sox.diagnostics.workspace"] = true;
  s.onDidChangeConfiguration({ affectsConfiguration: (section) => section === "sox.diagnostics" });
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(s.clients.length, 2, "a new client after the change");
  assert.deepStrictEqual(s.clients[1].clientOptions.initializationOptions, { workspaceDiagnostics: true });
});

test("a relative sox.server.path is taken from the workspace folder, and extra arguments follow lsp", posix, async () => {
  const folder = tempDir();
  const sox = program(path.join(folder, "tools"));
  const s = await activate({ settings: { "sox.server.path": "tools/sox", "sox.server.arguments": ["--log", "x"] }, folder });
  assert.strictEqual(s.clients[0].serverOptions.run.command, sox);
  assert.deepStrictEqual(s.clients[0].serverOptions.run.args, ["lsp", "--log", "x"]);
});

test("without the setting, the sox on PATH", posix, async () => {
  const bin = tempDir();
  const sox = program(bin);
  const s = await activate({ pathDirs: [tempDir(), bin] });
  assert.strictEqual(s.clients[0].serverOptions.run.command, sox);
});

test("a file named sox that is not executable is not started", posix, async () => {
  const bin = tempDir();
  fs.writeFileSync(path.join(bin, "sox"), "not a program", { mode: 0o644 });
  const s = await activate({ pathDirs: [bin] });
  assert.strictEqual(s.clients.length, 0);
  assert.strictEqual(s.errors.length, 1);
});

test("without PATH, the global tool folder ~/.dotnet/tools", posix, async () => {
  const home = tempDir();
  const sox = program(path.join(home, ".dotnet", "tools"));
  const s = await activate({ home });
  assert.strictEqual(s.clients[0].serverOptions.run.command, sox);
});

test("a sox.server.path that names no program warns and falls back to PATH", posix, async () => {
  const bin = tempDir();
  const sox = program(bin);
  const s = await activate({ settings: { "sox.server.path": path.join(bin, "missing") }, pathDirs: [bin] });
  assert.strictEqual(s.warnings.length, 1);
  assert.match(s.warnings[0], /sox\.server\.path/);
  assert.strictEqual(s.clients[0].serverOptions.run.command, sox);
});

test("no sox anywhere: no server, and a notification saying how to install it", posix, async () => {
  const s = await activate({ pathDirs: [tempDir()] });
  assert.strictEqual(s.clients.length, 0);
  assert.strictEqual(s.errors.length, 1);
  assert.match(s.errors[0].message, /dotnet tool install --global Sox\.Cli --prerelease/);
  assert.match(s.errors[0].message, /sox\.server\.path/);
  assert.deepStrictEqual(s.errors[0].items, ["Copy install command", "Open Settings"]);
});
