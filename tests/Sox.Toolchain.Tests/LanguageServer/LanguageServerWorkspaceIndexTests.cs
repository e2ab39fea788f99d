using System.Text.Json.Nodes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// The workspace index through the real server: references, rename and workspace symbols reach files that are not
/// open (every <c>.sox</c> file of the workspace folder, except in bin/, obj/, node_modules/ and hidden folders), each
/// location once although a module is loaded by several entries, and follow <c>workspace/didChangeWatchedFiles</c>.
/// </summary>
[TestClass]
public sealed class LanguageServerWorkspaceIndexTests
{
    private const string Geometry = """
        var unit = 1
        fn area(w, h) { return w * h * unit }
        return {area: area, unit: unit}

        """;

    // main.sox also imports report.sox, so report.sox is in two programs (its own and main's).
    private const string Main = """
        import geo "../geometry"
        import r "../report"
        print geo.area(2, 3)

        """;

    private const string Report = """
        import g "geometry"
        print g.area(1, 1) + g.area(2, 2)

        """;

    private const string Shapes = "class Square {\n  init(s) { this.s = s }\n}\n";

    private const string Ignored = "import geo \"../geometry\"\nprint geo.area(9, 9)\nclass Squash {}\n";

    [TestMethod]
    public void References_Rename_AndSymbols_ReachClosedFiles_EachOnce()
    {
        using var workspace = Write();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("geometry.sox", Geometry);

        var references = References(client);
        AssertNoDuplicates(references);
        Assert.AreEqual(1, In(client, references, "app/main.sox"), references.ToJsonString());
        Assert.AreEqual(2, In(client, references, "report.sox"), references.ToJsonString());
        Assert.IsTrue(In(client, references, "geometry.sox") >= 2, "the declaration and its use in the table: " + references.ToJsonString());
        Assert.AreEqual(0, In(client, references, "bin/ignored.sox") + In(client, references, ".hidden/ignored.sox") + In(client, references, "node_modules/x/ignored.sox"),
            "skipped folders are not indexed: " + references.ToJsonString());

        var prepare = client.Request("textDocument/prepareRename", AtArea(client));
        Assert.AreEqual("area", (string?)prepare["result"]!["placeholder"], prepare.ToJsonString());
        var rename = client.Request("textDocument/rename", new
        {
            textDocument = new { uri = client.Uri("geometry.sox") },
            position = AreaPosition(),
            newName = "surface",
        });
        var changes = rename["result"]!["changes"]!.AsObject();
        foreach (var (uri, edits) in changes)
        {
            var ranges = edits!.AsArray().Select(e => e!["range"]!.ToJsonString()).ToList();
            Assert.AreEqual(ranges.Count, ranges.Distinct().Count(), $"each location of {uri} is edited once: {edits.ToJsonString()}");
        }
        Assert.AreEqual("import geo \"../geometry\"\nimport r \"../report\"\nprint geo.surface(2, 3)\n",
            Fixtures.Apply(Main, changes[client.Uri("app/main.sox")]!.AsArray()));
        Assert.AreEqual("import g \"geometry\"\nprint g.surface(1, 1) + g.surface(2, 2)\n",
            Fixtures.Apply(Report, changes[client.Uri("report.sox")]!.AsArray()));
        Assert.IsFalse(Fixtures.Apply(Geometry, changes[client.Uri("geometry.sox")]!.AsArray()).Contains("area", StringComparison.Ordinal));
        Assert.IsFalse(changes.ContainsKey(client.Uri("bin/ignored.sox")), rename.ToJsonString());

        var symbols = client.Request("workspace/symbol", new { query = "squ" })["result"]!.AsArray();
        Assert.IsTrue(symbols.Any(s => (string?)s!["name"] == "Square" && (int)s["kind"]! == 5 && (string?)s["location"]!["uri"] == client.Uri("shapes/shapes.sox")),
            symbols.ToJsonString());
        Assert.IsFalse(symbols.Any(s => (string?)s!["name"] == "Squash"), "bin/ is not indexed: " + symbols.ToJsonString());
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void WatchedFileEvents_UpdateTheIndex()
    {
        using var workspace = Write();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("geometry.sox", Geometry);
        Assert.AreEqual(2, In(client, References(client), "report.sox"));

        // Created: a new importer.
        workspace.Write("extra.sox", "import geo \"geometry\"\nprint geo.area(5, 5)\nclass Polygon {}\n");
        Changed(client, ("extra.sox", 1));
        Assert.AreEqual(1, In(client, References(client), "extra.sox"));
        var symbols = client.Request("workspace/symbol", new { query = "Polygon" })["result"]!.AsArray();
        Assert.AreEqual(1, symbols.Count, symbols.ToJsonString());

        // Changed: one use fewer.
        workspace.Write("report.sox", "import g \"geometry\"\nprint g.area(1, 1)\n");
        Changed(client, ("report.sox", 2));
        var references = References(client);
        Assert.AreEqual(1, In(client, references, "report.sox"), references.ToJsonString());
        AssertNoDuplicates(references);

        // Deleted: a whole folder (one event for the folder, as editors send it) and a file.
        Directory.Delete(Path.Combine(workspace.Root, "app"), recursive: true);
        File.Delete(Path.Combine(workspace.Root, "extra.sox"));
        Changed(client, ("app", 3), ("extra.sox", 3));
        references = References(client);
        Assert.AreEqual(0, In(client, references, "app/main.sox") + In(client, references, "extra.sox"), references.ToJsonString());
        Assert.AreEqual(1, In(client, references, "report.sox"), references.ToJsonString());
        Assert.AreEqual(0, client.Request("workspace/symbol", new { query = "Polygon" })["result"]!.AsArray().Count);

        // A closed file's buffer: opening an importer and editing it wins over its file on disk.
        client.Open("report.sox", "import g \"geometry\"\nprint g.area(1, 1)\n");
        client.ChangeFull("report.sox", 2, "import g \"geometry\"\nprint g.area(1, 1) + g.area(3, 3) + g.area(4, 4)\n");
        Assert.AreEqual(3, In(client, References(client), "report.sox"));
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void WorkspaceFolders_AddedAndRemoved()
    {
        using var workspace = Write();
        workspace.Write("other/widgets.sox", "class Widget {}\n");
        using var client = LspClient.Start();
        // The workspace is shapes/ only; other/ comes and goes as a second folder.
        var capabilities = client.Initialize(Path.Combine(workspace.Root, "shapes"))["capabilities"]!;
        Assert.IsTrue((bool)capabilities["workspace"]!["workspaceFolders"]!["changeNotifications"]!, capabilities.ToJsonString());
        Assert.AreEqual(1, Symbols(client, "Square"));
        Assert.AreEqual(0, Symbols(client, "Widget"));

        var other = new { uri = new Uri(Path.Combine(workspace.Root, "other")).AbsoluteUri, name = "other" };
        client.Notify("workspace/didChangeWorkspaceFolders", new { @event = new { added = new[] { other }, removed = Array.Empty<object>() } });
        Assert.AreEqual(1, Symbols(client, "Widget"));
        client.Notify("workspace/didChangeWorkspaceFolders", new { @event = new { added = Array.Empty<object>(), removed = new[] { other } } });
        Assert.AreEqual(0, Symbols(client, "Widget"));
        Assert.AreEqual(1, Symbols(client, "Square"));
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    private static int Symbols(LspClient client, string name) =>
        client.Request("workspace/symbol", new { query = name })["result"]!.AsArray().Count(s => (string?)s!["name"] == name);

    [TestMethod]
    public void RegistersAFileWatcher_WhenTheClientCanWatch()
    {
        using var workspace = Write();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root, new { workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonObject? request;
        while ((request = client.Notifications("client/registerCapability").FirstOrDefault()) is null && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.IsNotNull(request, "no client/registerCapability request");
        Assert.IsNotNull(request["id"], "a request, not a notification");
        var registration = request["params"]!["registrations"]![0]!;
        Assert.AreEqual("workspace/didChangeWatchedFiles", (string?)registration["method"]);
        Assert.IsTrue(registration["registerOptions"]!["watchers"]!.AsArray().Any(w => (string?)w!["globPattern"] == "**/*.sox"), registration.ToJsonString());
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    private static TempProject Write()
    {
        var workspace = new TempProject();
        workspace.Write("geometry.sox", Geometry);
        workspace.Write("app/main.sox", Main);
        workspace.Write("report.sox", Report);
        workspace.Write("shapes/shapes.sox", Shapes);
        workspace.Write("bin/ignored.sox", Ignored);
        workspace.Write(".hidden/ignored.sox", Ignored);
        workspace.Write("node_modules/x/ignored.sox", Ignored.Replace("../", "../../", StringComparison.Ordinal));
        return workspace;
    }

    private static void Changed(LspClient client, params (string Relative, int Type)[] changes) =>
        client.Notify("workspace/didChangeWatchedFiles", new { changes = changes.Select(c => new { uri = client.Uri(c.Relative), type = c.Type }).ToArray() });

    private static JsonArray References(LspClient client)
    {
        var response = client.Request("textDocument/references", new
        {
            textDocument = new { uri = client.Uri("geometry.sox") },
            position = AreaPosition(),
            context = new { includeDeclaration = true },
        });
        Assert.IsNull(response["error"], response.ToJsonString());
        return response["result"]!.AsArray();
    }

    private static object AreaPosition()
    {
        var (line, character) = Fixtures.Find(Geometry, "fn area", offset: 3);
        return new { line, character };
    }

    private static object AtArea(LspClient client) => new { textDocument = new { uri = client.Uri("geometry.sox") }, position = AreaPosition() };

    private static int In(LspClient client, JsonArray locations, string relative) =>
        locations.Count(l => (string?)l!["uri"] == client.Uri(relative));

    private static void AssertNoDuplicates(JsonArray locations)
    {
        var keys = locations.Select(l => l!.ToJsonString()).ToList();
        Assert.AreEqual(keys.Count, keys.Distinct().Count(), "each location once: " + locations.ToJsonString());
    }
}
