using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// Windows x64 unwind data as a by-product of emission: the prologue shape of win-x64 (docs/calling-conventions.md
/// "win-x64"), the <c>UNWIND_INFO</c> bytes <see cref="WindowsUnwindInfo"/> makes of its steps, the 16-byte saves
/// of XMM6–XMM15 in <see cref="FrameLayout"/>, and llvm-readobj's reading of a compiled module's <c>.pdata</c>/<c>.xdata</c>
/// compared with the disassembled prologues.
/// </summary>
[TestClass]
public sealed class WindowsUnwindTests
{
    [TestMethod]
    public void UnwindInfoListsTheStepsInReverseWithTheirEndOffsets()
    {
        // push rbp (1); sub rsp, 32 (5); lea rbp, [rsp+32] (10); mov [rbp-8], rbx (14); movaps [rbp-32], xmm6 (18); sub rsp, 0x1000 (25)
        var prologue = new FunctionPrologue(25,
        [
            (1, new PrologueStep(PrologueOperation.PushNonvolatile, X64Target.Rbp, 0)),
            (5, new PrologueStep(PrologueOperation.Allocate, 0, 32)),
            (10, new PrologueStep(PrologueOperation.SetFrameRegister, X64Target.Rbp, 32)),
            (14, new PrologueStep(PrologueOperation.SaveNonvolatile, X64Target.Rbx, 24)),
            (18, new PrologueStep(PrologueOperation.SaveXmm128, X64Target.Xmm(6), 0)),
            (25, new PrologueStep(PrologueOperation.Allocate, 0, 0x1000)),
        ]);
        var bytes = WindowsUnwindInfo.Encode(prologue);
        byte[] expected =
        [
            0x01, 25, 9, 0x25,          // version 1, prologue 25 bytes, 9 slots, RBP with frame offset 2 (32 bytes)
            25, 0x01, 0x00, 0x02,       // UWOP_ALLOC_LARGE info 0, 0x1000/8 = 0x200
            18, 0x68, 0x00, 0x00,       // UWOP_SAVE_XMM128 xmm6, offset 0/16
            14, 0x34, 0x03, 0x00,       // UWOP_SAVE_NONVOL rbx, offset 24/8
            10, 0x03,                   // UWOP_SET_FPREG
            5, 0x32,                    // UWOP_ALLOC_SMALL (32/8 - 1 = 3)
            1, 0x50,                    // UWOP_PUSH_NONVOL rbp
            0, 0,                       // padding to an even slot count
        ];
        CollectionAssert.AreEqual(expected, bytes);
    }

    [TestMethod]
    public void WholeXmmRegistersAreSavedSixteenByteAlignedBelowTheGeneralOnes()
    {
        var function = new Sox.Compiler.CodeGen.Mir.MachineFunction("f", X64Target.WindowsX64);
        var frame = FrameLayout.Compute(function, [X64Target.Rbx, X64Target.Xmm(6), X64Target.Rsi, X64Target.Xmm(15)]);
        CollectionAssert.AreEqual(new[] { (X64Target.Rbx, -8), (X64Target.Rsi, -16), (X64Target.Xmm(6), -32), (X64Target.Xmm(15), -48) },
            frame.CalleeSaved.ToArray());
        Assert.AreEqual(48, frame.SaveAreaBytes);
        var linux = FrameLayout.Compute(new Sox.Compiler.CodeGen.Mir.MachineFunction("g", X64Target.LinuxX64), [X64Target.Rbx, X64Target.R12]);
        CollectionAssert.AreEqual(new[] { (X64Target.Rbx, -8), (X64Target.R12, -16) }, linux.CalleeSaved.ToArray());
    }

    /// <summary>
    /// The hand-built module of <see cref="WindowsX64BackendRunTests"/> (every callee-saved register of both files in
    /// <c>deep</c>) compiled for win-x64: llvm-readobj --unwind must show, for every function, a RUNTIME_FUNCTION that
    /// covers it and the codes of its disassembled prologue, in reverse, at the end offsets of their instructions.
    /// </summary>
    [TestMethod]
    public void LlvmReadobjReadsUnwindCodesThatMatchTheDisassembledPrologues()
    {
        var readobj = ExternalTool.Require("llvm-readobj");
        var objdump = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        var module = WindowsX64BackendRunTests.BuildModule();
        var code = new X64Backend(X64Target.WindowsX64).CompileFunctions(module.Functions, new CodeGenOptions());
        var path = Path.Combine(dir.Path, "m.obj");
        File.WriteAllBytes(path, new CoffObjectWriter().Write(ObjectBuilder.Build(module, code, X64Target.WindowsX64, "m.sox")));
        var unwind = ExternalTool.RunClean(readobj, dir.Path, "--unwind", path);
        var disassembly = ExternalTool.RunClean(objdump, dir.Path, "-d", "--no-show-raw-insn", "-M", "intel", path);

        foreach (var f in code.Functions)
        {
            var block = UnwindBlock(unwind, f.Source.Symbol);
            StringAssert.Contains(block, $"EndAddress: {f.Source.Symbol} +0x{f.Size:X}");
            var prologue = f.Prologue!;
            StringAssert.Contains(block, $"PrologSize: {prologue.Size}\n");
            var instructions = Instructions(disassembly, f.Source.Symbol, f.Offset);
            var expected = new List<string>();
            foreach (var (end, step) in Enumerable.Reverse(prologue.Steps))
            {
                // The instruction that ends at `end`: its text must be the operation the code claims.
                var text = instructions.Last(i => i.Start < end).Text;
                var at = $"0x{end:X2}: ";
                switch (step.Operation)
                {
                    case PrologueOperation.PushNonvolatile:
                        Assert.AreEqual("push rbp", text);
                        expected.Add(at + "PUSH_NONVOL reg=RBP");
                        break;
                    case PrologueOperation.Allocate:
                        Assert.AreEqual($"sub rsp, {step.Value}", text);
                        expected.Add(at + (step.Value <= 128 ? $"ALLOC_SMALL size={step.Value}" : $"ALLOC_LARGE size={step.Value}"));
                        break;
                    case PrologueOperation.SetFrameRegister:
                        Assert.AreEqual(step.Value == 0 ? "mov rbp, rsp" : $"lea rbp, [rsp + {step.Value}]", text);
                        expected.Add(at + $"SET_FPREG reg=RBP, offset=0x{step.Value:X}");
                        break;
                    case PrologueOperation.SaveNonvolatile:
                        var name = X64Target.Name(step.Register);
                        Assert.AreEqual($"mov qword ptr [rbp - {FrameOffset(block) - step.Value}], {name}", text);
                        expected.Add(at + $"SAVE_NONVOL reg={name.ToUpperInvariant()}, offset=0x{step.Value:X}");
                        break;
                    case PrologueOperation.SaveXmm128:
                        var xmm = X64Target.Name(step.Register);
                        Assert.AreEqual($"movaps xmmword ptr [rbp - {FrameOffset(block) - step.Value}], {xmm}", text);
                        expected.Add(at + $"SAVE_XMM128 reg={xmm.ToUpperInvariant()}, offset=0x{step.Value:X}");
                        break;
                }
            }
            var codes = block[(block.IndexOf("UnwindCodes [", StringComparison.Ordinal) + 13)..];
            codes = codes[..codes.IndexOf(']', StringComparison.Ordinal)];
            CollectionAssert.AreEqual(expected, codes.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList(), f.Source.Symbol);
        }
        // deep keeps seven integers and ten doubles across its call: every nonvolatile register is saved and described.
        var deep = UnwindBlock(unwind, "deep");
        foreach (var r in new[] { "RBX", "RSI", "RDI", "R12", "R13", "R14", "R15" }) StringAssert.Contains(deep, $"SAVE_NONVOL reg={r},");
        for (var x = 6; x <= 15; x++) StringAssert.Contains(deep, $"SAVE_XMM128 reg=XMM{x},");
    }

    private static int FrameOffset(string block)
    {
        var line = block.Split('\n').First(l => l.Contains("FrameOffset:", StringComparison.Ordinal));
        return 16 * Convert.ToInt32(line[(line.IndexOf("0x", StringComparison.Ordinal) + 2)..].Trim(), 16);
    }

    private static string UnwindBlock(string unwind, string symbol)
    {
        var start = unwind.IndexOf($"StartAddress: {symbol} (", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"no RUNTIME_FUNCTION for {symbol}:\n{unwind}");
        var end = unwind.IndexOf("RuntimeFunction {", start, StringComparison.Ordinal);
        return unwind[start..(end < 0 ? unwind.Length : end)];
    }

    /// <summary>The instructions of <paramref name="symbol"/> with their offsets from its start, numbers in decimal.</summary>
    private static List<(int Start, string Text)> Instructions(string disassembly, string symbol, int functionOffset)
    {
        var lines = disassembly.Split('\n');
        var first = Array.FindIndex(lines, l => l.EndsWith($"<{symbol}>:", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, first, $"{symbol} not in the disassembly");
        var result = new List<(int, string)>();
        foreach (var line in lines.Skip(first + 1))
        {
            if (line.Trim().Length == 0) break;
            var colon = line.IndexOf(':');
            // "..." stands for repeated bytes (the literal pool's zero padding after the code): not an instruction.
            if (colon < 0) continue;
            var address = Convert.ToInt32(line[..colon].Trim(), 16);
            var text = string.Join(' ', line[(colon + 1)..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            // llvm-objdump writes some numbers in hex and some in decimal: compare in decimal.
            text = System.Text.RegularExpressions.Regex.Replace(text, "0x([0-9a-f]+)", m => Convert.ToInt64(m.Groups[1].Value, 16).ToString(System.Globalization.CultureInfo.InvariantCulture));
            result.Add((address - functionOffset, text));
        }
        return result;
    }
}
