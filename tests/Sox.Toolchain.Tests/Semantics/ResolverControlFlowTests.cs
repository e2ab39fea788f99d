using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>break/continue (§4), returns in defers and at top level.</summary>
[TestClass]
public sealed class ResolverControlFlowTests
{
    [TestMethod]
    public void BreakOutsideLoopOrSwitchIsAnError() => CheckDiagnostics("if true {\n  break\n}\n", "SOX3008@2:3");

    [TestMethod]
    public void ContinueOutsideALoopIsAnError() => CheckDiagnostics("continue\n", "SOX3009@1:1");

    [TestMethod]
    public void BreakAndContinueInsideLoopsAreAllowed() =>
        CheckClean("""
            while true { break }
            for var i = 0; i < 1; i = i + 1 { continue }
            foreach var v in [1] { if v { break } else { continue } }
            """);

    [TestMethod]
    public void BreakLeavesASwitch() => CheckClean("switch 1 { case 1 { break } default { break } }\n");

    [TestMethod]
    public void ContinueInASwitchNeedsAnEnclosingLoop()
    {
        CheckClean("while true { switch 1 { case 1 { continue } } }\n");
        CheckDiagnostics("switch 1 {\n  default { continue }\n}\n", "SOX3009@2:13");
    }

    [TestMethod]
    public void LoopContextDoesNotCrossFunctionBoundaries() =>
        CheckDiagnostics("""
            while true {
              var f = fn() { break }
              defer { continue }
            }
            """, "SOX3008@2:18", "SOX3009@3:11");

    [TestMethod]
    public void ReturningAValueFromADeferIsAnError() =>
        CheckDiagnostics("fn f() {\n  defer { return }\n  defer { return 1 }\n}\n", "SOX3015@3:11");

    [TestMethod]
    public void TopLevelReturnIsAllowed() => CheckClean("return { answer: 42 }\n");
}
