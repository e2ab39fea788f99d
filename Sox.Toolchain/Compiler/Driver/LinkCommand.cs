namespace Sox.Compiler.Driver;

/// <summary>
/// The one place a link's command line is made, for <c>sox build</c> (<see cref="NativeCompiler"/>) and for the
/// SDK (the <c>SoxWriteLinkCommand</c> task writes it to <c>link.rsp</c>), so the two cannot link differently.
/// It is data in, data out — inputs, output kind, target and toolchain give a tool and its arguments, and nothing
/// runs — so a test can check the command of every target and output kind.
/// </summary>
/// <param name="Tool">The program to run: the C compiler driver, or the archiver for a static library.</param>
/// <param name="Arguments">Its arguments, unquoted (<see cref="ResponseFile"/> quotes them for a response file).</param>
public sealed record LinkCommand(string Tool, IReadOnlyList<string> Arguments)
{
    /// <summary>How <see cref="Tool"/> reads a response file: GNU for the C compiler drivers and GNU ar, Windows for
    /// llvm-lib, and for llvm-ar on a Windows host (<see cref="ResponseFileSyntax"/>).</summary>
    public ResponseFileSyntax Syntax { get; init; } = ResponseFileSyntax.Gnu;

    /// <summary>
    /// The command that links <paramref name="inputs"/> for <paramref name="target"/>: the target's driver arguments,
    /// the output kind's flags, <c>-o</c>, the program's objects, its C objects, the runtime, the libraries — the
    /// user's, the <c>extern "lib"</c> ones, the runtime's (<see cref="RuntimeLibrary.LinkLibraries"/>), each once at
    /// its last place so it still follows everything that needs it — and the extra arguments. A static library is
    /// the archive of the objects and the runtime (<see cref="Archive"/>), without libraries (its consumer links them).
    /// <paramref name="host"/> (this machine by default) only decides how llvm-ar reads its response file.
    /// </summary>
    public static LinkCommand For(TargetPlatform target, LinkToolchain toolchain, LinkInputs inputs, HostEnvironment? host = null)
    {
        if (inputs.Kind == LinkOutputKind.StaticLibrary)
        {
            IReadOnlyList<string> members = [.. inputs.ProgramObjects, .. inputs.NativeObjects, .. inputs.Runtime];
            if (toolchain.Archiver is { } archiver) return Archive(archiver, inputs.OutputPath, members, host ?? HostEnvironment.Current);
            return new LinkCommand(BuiltInArchiver, ["rcs", inputs.OutputPath, .. members]);
        }

        var arguments = new List<string>(toolchain.TargetArguments);
        if (inputs.Kind == LinkOutputKind.SharedLibrary) arguments.AddRange(SharedLibraryArguments(target, toolchain.Flavor, inputs.OutputPath));
        if (inputs.Kind == LinkOutputKind.SharedLibrary && inputs.ExportListPath is { } exportList && !target.IsWindows)
        {
            arguments.Add(IsApple(target) ? "-Wl,-exported_symbols_list," + exportList : "-Wl,--version-script," + exportList);
        }
        arguments.AddRange(["-o", inputs.OutputPath]);
        if (inputs.DebugInformation && target.IsWindows) arguments.AddRange(WindowsDebugArguments(toolchain, inputs.OutputPath));
        arguments.AddRange(inputs.ProgramObjects);
        arguments.AddRange(inputs.NativeObjects);
        // The runtime's C main would be the library's: a shared library is entered through its exports (sox_export.c).
        arguments.AddRange(inputs.Kind == LinkOutputKind.SharedLibrary ? inputs.Runtime.Where(r => !RuntimeLibrary.IsEntryObject(r)) : inputs.Runtime);
        var libraries = inputs.Libraries.Concat(RuntimeLibrary.LinkLibrariesFor(target, toolchain.Flavor).Select(LinkLibrary.Named));
        // The C maths are in the UCRT, which has no m.lib: an `extern "m"` written for Linux or MinGW (libm) would
        // otherwise fail to link MSVC-style for a library that is not needed there.
        if (target.IsWindows && toolchain.Flavor == ToolchainFlavor.Msvc) libraries = libraries.Where(l => l.IsFile || l.Value != "m");
        arguments.AddRange(LibraryArguments(libraries));
        arguments.AddRange(inputs.ExtraArguments);
        return new LinkCommand(toolchain.CCompiler, arguments);
    }

    /// <summary>
    /// The tool name of a static library the compiler writes itself (<see cref="ObjectFiles.Archives.StaticArchiveWriter"/>,
    /// a GNU archive for ELF and COFF, a BSD one for Mach-O, with its symbol table), with <c>ar</c>'s arguments: no
    /// external archiver is needed for any target, unless the user names one. Whoever runs
    /// a <see cref="LinkCommand"/> with this tool writes the archive in-process (<see cref="RunBuiltInArchiver"/>).
    /// </summary>
    public const string BuiltInArchiver = "sox-ar";

    /// <summary>Carries out a <see cref="BuiltInArchiver"/> command (<c>rcs OUTPUT MEMBER…</c>): writes the archive, replacing it.</summary>
    public static void RunBuiltInArchiver(TargetPlatform target, IReadOnlyList<string> arguments)
    {
        if (arguments.Count < 2 || arguments[0] != "rcs") throw new ArgumentException("expected: rcs OUTPUT MEMBER...", nameof(arguments));
        ObjectFiles.Archives.StaticArchiveWriter.Write(arguments[1], arguments.Skip(2),
            ObjectFiles.Archives.StaticArchiveWriter.FormatFor(target.Description.ObjectFormat));
    }

    /// <summary>
    /// The command that archives <paramref name="objects"/> into <paramref name="outputPath"/>: <c>/out:Name.lib</c>
    /// and the objects for a lib.exe-style archiver (<c>llvm-lib</c>, <c>lib</c>), which reads a response file by the
    /// Windows rules on every host; else <c>rcs</c>, the archive and the objects (ar, llvm-ar: replace or add members,
    /// create the archive, write its symbol index), read by the GNU rules except llvm-ar on a Windows host.
    /// </summary>
    public static LinkCommand Archive(string archiver, string outputPath, IReadOnlyList<string> objects, HostEnvironment host)
    {
        var name = HostEnvironment.ToolName(archiver);
        if (name is "llvm-lib" or "lib") return new LinkCommand(archiver, ["/out:" + outputPath, .. objects]) { Syntax = ResponseFileSyntax.Windows };
        var syntax = host.IsWindows && name.StartsWith("llvm-ar", StringComparison.Ordinal) ? ResponseFileSyntax.Windows : ResponseFileSyntax.Gnu;
        return new LinkCommand(archiver, ["rcs", outputPath, .. objects]) { Syntax = syntax };
    }

    /// <summary>
    /// <c>-l</c> for a name, the path for a file; each library once, at its last place (<c>-lm</c> named by an extern,
    /// by the project and by the runtime is passed once, after everything that needs it). <c>-lfoo</c> is right for
    /// both Windows flavours: the MinGW drivers search <c>libfoo.dll.a</c>, <c>libfoo.a</c>, <c>foo.lib</c>…, and
    /// clang's MSVC driver hands lld-link <c>foo.lib</c>, the import library an <c>extern "foo"</c> names there.
    /// </summary>
    public static IReadOnlyList<string> LibraryArguments(IEnumerable<LinkLibrary> libraries)
    {
        var arguments = libraries.Select(l => l.IsFile ? l.Value : "-l" + l.Value).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        for (var i = arguments.Count - 1; i >= 0; i--)
        {
            if (seen.Add(arguments[i])) kept.Add(arguments[i]);
        }
        kept.Reverse();
        return kept;
    }

    /// <summary>
    /// ELF: <c>-shared -fPIC</c>, and <c>-Bsymbolic</c> binds the runtime's and the program's references to their own
    /// definitions inside the library. ld64 has no <c>-Bsymbolic</c> (a dylib's references to itself are bound when it
    /// is linked) and names a dylib by install name, so that a program linking it finds it beside itself (rpath).
    /// </summary>
    /// <para>Windows (MinGW drivers): <c>-shared</c> makes <c>Name.dll</c>, and <c>--out-implib</c> writes its import
    /// library <c>Name.lib</c> beside it, which a C program links to call the exports; <c>-static-libgcc</c> keeps the
    /// DLL from needing <c>libgcc_s_seh-1.dll</c> at run time (the MinGW gcc links libgcc dynamically into DLLs, never
    /// into programs); PE has no interposition, so nothing like <c>-Bsymbolic</c> is needed.</para>
    /// <para>Windows, MSVC-style: <c>-shared</c> alone. clang's MSVC driver passes lld-link <c>-dll</c> and
    /// <c>-implib:Name.lib</c> named after <c>-o</c> (the import library beside the DLL, as link.exe writes it), and
    /// the MSVC C runtime is linked statically (clang's default <c>libcmt</c>), so the DLL needs no runtime DLL.</para>
    private static IReadOnlyList<string> SharedLibraryArguments(TargetPlatform target, ToolchainFlavor flavor, string outputPath) =>
        IsApple(target)
            ? ["-dynamiclib", "-Wl,-install_name,@rpath/" + Path.GetFileName(outputPath)]
            : target.IsWindows
                ? flavor == ToolchainFlavor.Msvc ? ["-shared"] : ["-shared", "-static-libgcc", "-Wl,--out-implib," + ImportLibraryPath(outputPath)]
                : ["-shared", "-fPIC", "-Wl,-Bsymbolic"];

    private static bool IsApple(TargetPlatform target) => target.RuntimeIdentifier.StartsWith("osx-", StringComparison.Ordinal);

    /// <summary>
    /// The text of the file <see cref="LinkInputs.ExportListPath"/> names, which makes a shared library export
    /// <paramref name="symbols"/> and nothing else. ELF (GNU ld, lld, gold): a version script without a version
    /// name whose <c>global:</c> list is the exports and whose <c>local: *;</c> makes every other symbol local —
    /// the runtime's <c>sox_*</c> functions, the modules' globals and the project's C functions (GNU ld manual,
    /// "VERSION Command": a version script may have a single anonymous version node). Mach-O (ld64, ld64.lld): one
    /// symbol a line with the C symbol prefix <c>_</c> (ld(1), <c>-exported_symbols_list</c>: every other global
    /// symbol becomes private extern, not exported). Windows: null, a DLL exports its <c>.drectve</c>
    /// names. The runtime needs nothing exported for the host: it is entered only through the exports
    /// (<c>sox_export_enter</c>, called by each export), and installs no handler a host would look up by name.
    /// </summary>
    public static string? ExportList(TargetPlatform target, IEnumerable<string> symbols)
    {
        if (target.IsWindows) return null;
        var names = symbols.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (IsApple(target)) return string.Concat(names.Select(n => "_" + n + "\n"));
        var text = new System.Text.StringBuilder("{\n");
        if (names.Count > 0) text.Append("  global:\n").Append(string.Concat(names.Select(n => "    " + n + ";\n")));
        return text.Append("  local: *;\n};\n").ToString();
    }

    /// <summary>
    /// The longest command line <see cref="ThroughResponseFileIfLong"/> passes as it is: Windows' CreateProcess takes
    /// at most 32,767 characters (Microsoft's CreateProcessW docs, <c>lpCommandLine</c>), the tightest limit of any
    /// host; a little is kept for the tool's own path.
    /// </summary>
    public const int MaxCommandLineLength = 30_000;

    /// <summary>
    /// This command as it can be started: itself when its quoted command line fits <paramref name="limit"/>
    /// characters, else the tool with <c>@</c><paramref name="responseFilePath"/>, the arguments written there in
    /// the syntax the tool reads (<see cref="Syntax"/>) — what the SDK always does with <c>link.rsp</c>, and what
    /// <c>sox build</c> does for a program whose objects would overflow the Windows command line.
    /// </summary>
    public LinkCommand ThroughResponseFileIfLong(string responseFilePath, int limit = MaxCommandLineLength)
    {
        if (ProcessArguments.Join(Arguments).Length <= limit) return this;
        ResponseFile.WriteIfChanged(responseFilePath, Arguments, Syntax);
        return this with { Arguments = ["@" + responseFilePath] };
    }

    /// <summary>
    /// A Windows link that keeps CodeView (<c>-g</c>) and writes it to a PDB beside the output, which Visual Studio and
    /// WinDbg find through the image's debug directory. MSVC-style: clang's driver hands <c>-Wl,</c> arguments to
    /// lld-link as they are, <c>-debug</c> (link.exe's <c>/DEBUG</c>) and <c>-pdb:PATH</c>. MinGW-style: lld's MinGW
    /// driver writes a PDB for <c>--pdb=PATH</c> (lld <c>MinGW/Driver.cpp</c>: it then passes lld-link <c>-debug</c>
    /// and <c>-pdb:</c>). A MinGW driver that links with GNU ld (x86_64-w64-mingw32-gcc; Debian's GCC 12 ignores
    /// <c>-fuse-ld=lld</c> for this target) is asked for no PDB: GNU ld 2.40 accepts <c>--pdb</c>, but its PDB writer
    /// aborts on <c>S_LPROC32_ID</c> records (tried here with clang's own object of a C <c>static</c> function), so
    /// such a link keeps working and writes no PDB (docs/debugging.md).
    /// </summary>
    private static IReadOnlyList<string> WindowsDebugArguments(LinkToolchain toolchain, string outputPath)
    {
        var pdb = ProgramDatabasePath(outputPath);
        if (toolchain.Flavor == ToolchainFlavor.Msvc) return ["-Wl,-debug", "-Wl,-pdb:" + pdb];
        return toolchain.TargetArguments.Contains("-fuse-ld=lld") ? ["-Wl,--pdb=" + pdb] : [];
    }

    /// <summary>The PDB a Windows link with debugging information writes: <c>app.exe</c> → <c>app.pdb</c>.</summary>
    public static string ProgramDatabasePath(string outputPath) => Path.ChangeExtension(outputPath, ".pdb");

    /// <summary>The import library written beside a Windows DLL: <c>Name.dll</c> → <c>Name.lib</c>.</summary>
    public static string ImportLibraryPath(string dllPath) => Path.ChangeExtension(dllPath, ".lib");
}
