// The Sox extension's client: starts the Sox language server (`sox lsp`, speaking LSP over stdio) and connects it to
// VS Code with vscode-languageclient. Colouring, snippets and brackets need no server (package.json contributes).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

// The tool is prerelease-versioned; a local feed (docs/getting-started.md) also needs --add-source FOLDER.
const installCommand = "dotnet tool install --global Sox.Cli --prerelease";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Sox Language Server");
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("sox.restartServer", () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("sox.server") || e.affectsConfiguration("sox.diagnostics")) void restart();
    }),
    vscode.workspace.onWillSaveTextDocument((e) => formatOnSave(e)),
    { dispose: () => void stop() },
  );
  await start();
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}

async function start(): Promise<void> {
  const sox = findSox();
  if (sox === undefined) {
    await reportMissingSox();
    return;
  }
  const extra = vscode.workspace.getConfiguration("sox").get<string[]>("server.arguments", []);
  const run = { command: sox, args: ["lsp", ...extra], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "sox" },
      { scheme: "untitled", language: "sox" },
    ],
    // The server re-checks importers when a module changes on disk (a file saved or deleted outside the editor).
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.sox") },
    outputChannel: output,
    // Read by the server in `initialize`: publish the diagnostics of the workspace's files that are not open.
    initializationOptions: {
      workspaceDiagnostics: vscode.workspace.getConfiguration("sox").get<boolean>("diagnostics.workspace", true),
    },
  };
  // The id "sox" makes the client read the "sox.trace.server" setting (LSP $/setTrace).
  client = new LanguageClient("sox", "Sox Language Server", serverOptions, clientOptions);
  output?.appendLine(`Starting ${sox} lsp`);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`The Sox language server (${sox} lsp) did not start: ${message}`);
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) await running.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

/**
 * The `sox` program: the `sox.server.path` setting (relative paths from the first workspace folder), else `sox` on
 * PATH, else the folder `dotnet tool install --global` uses, which a VS Code started from a desktop menu may not have
 * on its PATH.
 */
function findSox(): string | undefined {
  const configured = vscode.workspace.getConfiguration("sox").get<string>("server.path", "").trim();
  if (configured !== "") {
    const expanded = configured.startsWith("~") ? path.join(os.homedir(), configured.slice(1)) : configured;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const absolute = path.isAbsolute(expanded) || folder === undefined ? expanded : path.join(folder, expanded);
    if (isExecutable(absolute)) return absolute;
    void vscode.window.showWarningMessage(`sox.server.path names ${absolute}, which is not a program; looking for sox on PATH.`);
  }
  const names = process.platform === "win32" ? ["sox.exe", "sox.cmd", "sox.bat"] : ["sox"];
  const folders = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d !== "");
  folders.push(path.join(os.homedir(), ".dotnet", "tools"));
  for (const folder of folders) {
    for (const name of names) {
      const candidate = path.join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function reportMissingSox(): Promise<void> {
  const copy = "Copy install command";
  const settings = "Open Settings";
  output?.appendLine(`sox was not found. Install it with: ${installCommand} (or set sox.server.path).`);
  const choice = await vscode.window.showErrorMessage(
    `The Sox language server needs the sox tool, which was not found on PATH. Install it with "${installCommand}" (with --add-source FOLDER for a local Sox feed), or set "sox.server.path" to a sox program. Colouring and snippets work without it.`,
    copy,
    settings,
  );
  if (choice === copy) await vscode.env.clipboard.writeText(installCommand);
  else if (choice === settings) await vscode.commands.executeCommand("workbench.action.openSettings", "sox.server.path");
}

/**
 * `sox.formatOnSave`: asks the formatter the language server registered (LSP textDocument/formatting, `sox fmt`'s
 * layout) for its edits before the file is written. Skipped when VS Code's own editor.formatOnSave already does it.
 */
function formatOnSave(e: vscode.TextDocumentWillSaveEvent): void {
  const document = e.document;
  if (document.languageId !== "sox" || client === undefined) return;
  if (!vscode.workspace.getConfiguration("sox", document).get<boolean>("formatOnSave", false)) return;
  if (vscode.workspace.getConfiguration("editor", document).get<boolean>("formatOnSave", false)) return;
  const editor = vscode.workspace.getConfiguration("editor", document);
  const options: vscode.FormattingOptions = {
    tabSize: editor.get<number>("tabSize", 2),
    insertSpaces: editor.get<boolean>("insertSpaces", true),
  };
  e.waitUntil(
    Promise.resolve(
      vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", document.uri, options),
    ).then((edits) => edits ?? []),
  );
}
