using System.Buffers.Binary;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Driver;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Semantics;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// issue 5 item 7 without a Mac: real conformance programs compiled by the driver for osx-arm64 and osx-x64
/// (<c>--emit obj</c>, which needs no SDK), read back with llvm-readobj — Mach-O for the right CPU, every symbol with
/// Apple's <c>_</c>, every undefined symbol one the runtime header declares, every relocation a type of the
/// architecture in its legal shape (<c>&lt;mach-o/arm64/reloc.h&gt;</c>, <c>&lt;mach-o/x86_64/reloc.h&gt;</c>) and no
/// absolute pointer outside <c>__DATA</c> — then linked by <c>ld64.lld</c> for macOS 11 against a stub of the runtime
/// made from <c>sox_runtime.h</c> (<see cref="RuntimeHeaderSymbols"/>) and a libSystem stub. In the linked image every
/// branch, page/offset pair and RIP-relative reference of the program is followed with llvm-objdump to the symbol
/// (plus addend) its relocation names. Running the programs needs a Mac.
/// </summary>
[TestClass]
public sealed class MachOProgramLinkTests
{
    /// <summary>Closures, classes and inheritance, strings, tables, runtime errors and traces, defers, imports, whole programs.</summary>
    private static readonly string[] Programs =
    [
        "functions/closures_counter.sox", "functions/closures_nested_levels.sox", "functions/closures_outlive_frame.sox",
        "functions/many_arguments.sox", "functions/higher_order.sox",
        "classes/inheritance.sox", "classes/super_calls.sox", "classes/bound_methods.sox", "classes/shapes_and_caches.sox",
        "expressions/string_concat.sox", "expressions/tables_access.sox", "expressions/slices.sox",
        "builtins/string_split.sox", "builtins/table_ctor.sox",
        "errors/stack_overflow.sox", "errors/trace_through_methods_and_init.sox", "errors/operands_must_be_numbers.sox",
        "statements/defer_return_paths.sox", "statements/foreach_tables.sox",
        "imports/nested_import.sox", "programs/json_printer.sox", "programs/tokenizer.sox",
    ];

    // Only dyld's lazy binder: generated code and the runtime stub need nothing else from libSystem.
    private const string LibSystemStub = """
        --- !tapi-tbd
        tbd-version:     4
        targets:         [ x86_64-macos, arm64-macos ]
        install-name:    '/usr/lib/libSystem.B.dylib'
        current-version: 1311
        exports:
          - targets:         [ x86_64-macos, arm64-macos ]
            symbols:         [ dyld_stub_binder ]
        ...

        """;

    public static IEnumerable<object[]> Cases() =>
        new[] { "osx-arm64", "osx-x64" }.SelectMany(rid => Programs.Select(p => new object[] { rid, p }));

    [TestMethod]
    public void TheRuntimeHeaderDeclaresEverySymbolTheCompilerReferences()
    {
        var header = RuntimeHeaderSymbols.Load();
        var referenced = typeof(RuntimeFunctions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat([FunctionEmitter.StackLimitSymbol, FunctionEmitter.StackOverflowSymbol])
            .Concat(Builtins.ByName.Keys.Select(RuntimeFunctions.Builtin));
        foreach (var name in referenced) Assert.IsTrue(header.Declares(name), $"sox_runtime.h does not declare {name}");
        Assert.Contains(FunctionEmitter.StackLimitSymbol, header.Data);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ConformanceProgramLinksForMacOS(string rid, string program)
    {
        var (linker, flavor) = MachOLinkTests.FindLinker();
        string readobj = ExternalTool.Require("llvm-readobj"), objdump = ExternalTool.Require("llvm-objdump");
        var machine = rid == "osx-arm64" ? ObjectMachine.Arm64 : ObjectMachine.X64;
        var runtime = RuntimeHeaderSymbols.Load();
        using var dir = new TempDirectory();

        var build = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = Path.Combine(ConformanceProgram.Root, program), OutputPath = dir.File("program.o"), Target = rid, Emit = EmitKind.Obj,
        });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));

        var report = MachOReport.FromReadObj(ExternalTool.RunClean(readobj, dir.Path, [.. MachOReport.ReadObjArguments, "program.o"]));
        Assert.AreEqual(machine == ObjectMachine.Arm64 ? 0x0100000Cu : 0x01000007u, report.Header.CpuType, "CPU_TYPE_ARM64 / CPU_TYPE_X86_64");
        AssertSymbolsAreAppleNames(report, runtime);
        AssertRelocationsAreLegal(report, machine);

        File.WriteAllBytes(dir.File("runtime.o"), new Compiler.ObjectFiles.MachO.MachOObjectWriter().Write(runtime.StubObject(machine)));
        File.WriteAllText(dir.File("libSystem.tbd"), LibSystemStub);
        ExternalTool.RunClean(linker, dir.Path, [.. flavor, "-arch", machine == ObjectMachine.Arm64 ? "arm64" : "x86_64",
            "-platform_version", "macos", "11.0", "11.0", "-o", "program", "program.o", "runtime.o", "libSystem.tbd"]);
        var image = MachOLinkedImage.Parse(ExternalTool.RunClean(objdump, dir.Path, [.. MachOLinkedImage.ObjdumpArguments, "program"]));
        int followed = FollowReferences(report, File.ReadAllBytes(dir.File("program.o")), image, machine);
        Assert.IsGreaterThan(0, followed, "no reference was followed");
    }

    private static void AssertSymbolsAreAppleNames(MachOReport report, RuntimeHeaderSymbols runtime)
    {
        foreach (var symbol in report.Symbols)
        {
            if (symbol.Name.StartsWith("ltmp", StringComparison.Ordinal) && !symbol.External) continue;   // the writer's section anchors
            Assert.StartsWith("_", symbol.Name, $"{symbol.Name} lacks Apple's leading underscore");
            if (symbol.TypeBits == Compiler.ObjectFiles.MachO.Nlist64.N_UNDF)
                Assert.IsTrue(runtime.Declares(symbol.Name[1..]), $"{symbol.Name} is undefined but sox_runtime.h declares no {symbol.Name[1..]}");
        }
        Assert.IsTrue(report.Symbols.Any(s => s.Name == "_sox_program_entry" && s.External && s.TypeBits == Compiler.ObjectFiles.MachO.Nlist64.N_SECT));
    }

    /// <summary>
    /// The relocation types of each architecture with the only (r_pcrel, r_length, r_extern) they may have here:
    /// instruction fields are 4 bytes (r_length 2), pointers 8 (3) or, after a SUBTRACTOR, 4 (2).
    /// </summary>
    private static readonly Dictionary<string, (bool PcRelative, int[] Lengths, bool Extern)> LegalShapes = new()
    {
        ["ARM64_RELOC_BRANCH26"] = (true, [2], true),
        ["ARM64_RELOC_PAGE21"] = (true, [2], true),
        ["ARM64_RELOC_PAGEOFF12"] = (false, [2], true),
        ["ARM64_RELOC_GOT_LOAD_PAGE21"] = (true, [2], true),
        ["ARM64_RELOC_GOT_LOAD_PAGEOFF12"] = (false, [2], true),
        ["ARM64_RELOC_ADDEND"] = (false, [2], false),
        ["ARM64_RELOC_UNSIGNED"] = (false, [2, 3], true),
        ["ARM64_RELOC_SUBTRACTOR"] = (false, [2, 3], true),
        ["X86_64_RELOC_BRANCH"] = (true, [2], true),
        ["X86_64_RELOC_SIGNED"] = (true, [2], true),
        ["X86_64_RELOC_SIGNED_1"] = (true, [2], true),
        ["X86_64_RELOC_SIGNED_2"] = (true, [2], true),
        ["X86_64_RELOC_SIGNED_4"] = (true, [2], true),
        ["X86_64_RELOC_GOT_LOAD"] = (true, [2], true),
        ["X86_64_RELOC_UNSIGNED"] = (false, [2, 3], true),
        ["X86_64_RELOC_SUBTRACTOR"] = (false, [2, 3], true),
    };

    private static void AssertRelocationsAreLegal(MachOReport report, ObjectMachine machine)
    {
        var prefix = machine == ObjectMachine.Arm64 ? "ARM64_RELOC_" : "X86_64_RELOC_";
        var relocations = report.Relocations;
        Assert.IsNotEmpty(relocations);
        for (int i = 0; i < relocations.Count; i++)
        {
            var r = relocations[i];
            var where = $"{r.Type} at {report.Sections[r.Section - 1].QualifiedName}+0x{r.Address:x}";
            Assert.StartsWith(prefix, r.Type, $"{where} is not a relocation of {machine}");
            Assert.IsTrue(LegalShapes.TryGetValue(r.Type, out var shape), $"{where}: not a type Sox should write");
            Assert.AreEqual(shape.PcRelative, r.PcRelative, $"{where}: r_pcrel");
            Assert.Contains(r.Length, shape.Lengths, $"{where}: r_length");
            Assert.AreEqual(shape.Extern, r.Extern, $"{where}: r_extern");
            // An absolute pointer (UNSIGNED not paired with a SUBTRACTOR) is rebased by dyld: only in writable __DATA.
            bool absolute = r.Type.EndsWith("_UNSIGNED", StringComparison.Ordinal) && !(i > 0 && relocations[i - 1].Type.EndsWith("_SUBTRACTOR", StringComparison.Ordinal));
            if (absolute) Assert.AreEqual("__DATA", report.Sections[r.Section - 1].Segment, $"{where}: a pointer outside __DATA would be a text relocation");
            // An ADDEND or SUBTRACTOR describes the entry after it, at the same address.
            if (r.Type is "ARM64_RELOC_ADDEND" or "ARM64_RELOC_SUBTRACTOR" or "X86_64_RELOC_SUBTRACTOR")
            {
                Assert.IsLessThan(relocations.Count, i + 1, $"{where} ends the table");
                Assert.AreEqual(r.Address, relocations[i + 1].Address, $"{where} is not followed by its pair");
            }
        }
    }

    /// <summary>
    /// Follows every instruction relocation of <c>__text</c> into the linked image: the place's address there is its
    /// function's linked address plus its offset in the function (the linker may move functions as atoms).
    /// </summary>
    private static int FollowReferences(MachOReport report, byte[] objectBytes, MachOLinkedImage image, ObjectMachine machine)
    {
        var text = report.Section("__TEXT,__text");
        var functions = report.Symbols.Where(s => s.Section == text.Number && s.TypeBits == Compiler.ObjectFiles.MachO.Nlist64.N_SECT)
            .OrderBy(s => s.Value).ToList();
        var inText = report.Relocations.Where(r => r.Section == text.Number).ToList();
        int followed = 0;
        for (int i = 0; i < inText.Count; i++)
        {
            var r = inText[i];
            if (r.Type is "ARM64_RELOC_ADDEND" or "ARM64_RELOC_PAGEOFF12") continue;   // read with the entry after / the adrp before
            long addend = i > 0 && inText[i - 1] is { Type: "ARM64_RELOC_ADDEND" } a && a.Address == r.Address ? Addend24(a.Target) : 0;
            var owner = functions.Last(f => f.Value <= r.Address);
            ulong place = image.Symbol(owner.Name) + (r.Address - owner.Value);
            ulong expected = (ulong)((long)image.Symbol(r.Target) + addend);
            // arm64 places are instructions; an x86-64 place is a field inside one.
            var instruction = machine == ObjectMachine.Arm64 ? ": " + image.Instruction(place) : "";
            var context = $"{r.Type} → {r.Target}{(addend == 0 ? "" : $"+{addend}")} at {owner.Name}+0x{r.Address - owner.Value:x}{instruction}";
            switch (r.Type)
            {
                case "ARM64_RELOC_BRANCH26":
                    Assert.AreEqual(expected, image.Arm64BranchTarget(place), context);
                    break;
                case "ARM64_RELOC_PAGE21":
                    // adrp is followed by the add or ldr that completes the address: a PAGEOFF12 of the same symbol.
                    Assert.IsTrue(inText.Any(o => o.Type == "ARM64_RELOC_PAGEOFF12" && o.Address == r.Address + 4 && o.Target == r.Target), $"{context}: no PAGEOFF12 after it");
                    Assert.AreEqual(expected, image.Arm64PageTarget(place).Address, context);
                    break;
                case "X86_64_RELOC_BRANCH":
                    Assert.AreEqual(expected, image.X64PcRelativeTarget(place), context);
                    break;
                case "X86_64_RELOC_SIGNED" or "X86_64_RELOC_SIGNED_1" or "X86_64_RELOC_SIGNED_2" or "X86_64_RELOC_SIGNED_4":
                    // The field holds the addend measured from its end; SIGNED_n: n immediate bytes follow it.
                    int trailing = r.Type[^1] is '1' or '2' or '4' ? r.Type[^1] - '0' : 0;
                    int stored = BinaryPrimitives.ReadInt32LittleEndian(objectBytes.AsSpan((int)(text.Offset + r.Address)));
                    Assert.AreEqual((ulong)((long)image.Symbol(r.Target) + stored + trailing), image.X64PcRelativeTarget(place, trailing), context);
                    break;
                default:
                    Assert.Fail($"unexpected {context}");
                    break;
            }
            followed++;
        }
        return followed;
    }

    /// <summary>ARM64_RELOC_ADDEND's r_symbolnum ("#N" in the report): a signed 24-bit addend.</summary>
    private static long Addend24(string target)
    {
        long raw = long.Parse(target[1..], System.Globalization.CultureInfo.InvariantCulture);
        return raw >= 0x80_0000 ? raw - 0x100_0000 : raw;
    }
}
