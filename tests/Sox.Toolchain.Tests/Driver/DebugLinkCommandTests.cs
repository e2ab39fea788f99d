using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// <see cref="LinkInputs.DebugInformation"/> (<c>-g</c>): Windows links that go through lld ask it for a PDB beside the
/// output — lld-link's <c>-debug -pdb:</c> through clang's MSVC driver, <c>--pdb=</c> through the MinGW driver —
/// a MinGW gcc driver (GNU ld, whose PDB writer aborts on our objects' local procedures) is asked for none, and
/// ELF/Mach-O links need nothing. The PDB itself is checked in <c>CodeViewPdbTests</c>.
/// </summary>
[TestClass]
public sealed class DebugLinkCommandTests
{
    private static readonly TargetPlatform Win = TargetPlatform.Find("win-x64")!;

    private static LinkInputs Inputs(string output, bool debug) => new()
    {
        OutputPath = output,
        ProgramObjects = ["main.obj"],
        Runtime = ["libsoxrt.a"],
        DebugInformation = debug,
    };

    [TestMethod]
    public void MsvcStyleLinkAsksLldLinkForAPdbBesideTheProgram()
    {
        var toolchain = new LinkToolchain("clang", ["--target=x86_64-pc-windows-msvc", "-fuse-ld=lld"]);
        var with = LinkCommand.For(Win, toolchain, Inputs(Path.Combine("out", "app.exe"), debug: true)).Arguments;
        var without = LinkCommand.For(Win, toolchain, Inputs(Path.Combine("out", "app.exe"), debug: false)).Arguments;
        CollectionAssert.AreEqual(new[] { "-Wl,-debug", "-Wl,-pdb:" + Path.Combine("out", "app.pdb") }, with.Except(without).ToArray());
    }

    [TestMethod]
    public void MingwClangLinkAsksLldForAPdb()
    {
        var toolchain = new LinkToolchain("clang", ["--target=x86_64-w64-windows-gnu", "-fuse-ld=lld"]);
        var with = LinkCommand.For(Win, toolchain, Inputs("app.exe", debug: true)).Arguments;
        var without = LinkCommand.For(Win, toolchain, Inputs("app.exe", debug: false)).Arguments;
        CollectionAssert.AreEqual(new[] { "-Wl,--pdb=app.pdb" }, with.Except(without).ToArray());
    }

    [TestMethod]
    [DataRow("win-x64", "x86_64-w64-mingw32-gcc")]
    [DataRow("linux-x64", "gcc")]
    [DataRow("linux-arm64", "aarch64-linux-gnu-gcc")]
    public void OtherLinksAreTheSameWithDebugInformation(string rid, string compiler)
    {
        var target = TargetPlatform.Find(rid)!;
        var toolchain = new LinkToolchain(compiler, []);
        CollectionAssert.AreEqual(LinkCommand.For(target, toolchain, Inputs("app", debug: false)).Arguments.ToArray(),
            LinkCommand.For(target, toolchain, Inputs("app", debug: true)).Arguments.ToArray());
    }
}
