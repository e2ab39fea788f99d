using Iced.Intel;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.X64;
using Instruction = Iced.Intel.Instruction;
using IrCallingConvention = Sox.Compiler.Ir.CallingConvention;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The x86-64 machine code of a loop over doubles with <see cref="CodeGenOptions.LayOutBlocks"/>, decoded by Iced
/// (an independent disassembler): no branch goes to the instruction right after it (<c>jcc next; jmp other</c> is
/// one inverted <c>jcc</c>), the loop is rotated (its only backward branch is the conditional exit test), and the
/// double constants come from the literal pool after the code (RIP-relative <c>movsd</c>, whose 8 bytes hold the
/// value) or from <c>xorpd</c> for +0.0, never from a 64-bit immediate.
/// </summary>
[TestClass]
public sealed class X64LayoutCodeTests
{
    /// <summary>acc = 0; i = 0; while i &lt; 10 { acc = acc + 2.5; i = i + 1 } return bits(acc).</summary>
    private static IrFunction Loop()
    {
        var f = new IrFunction("loop", Linkage.Global, IrCallingConvention.C, IrType.I64) { TraceName = "loop" };
        var b = new IrBuilder(f) { Line = 1 };
        var entry = b.NewBlock();
        var head = b.NewBlock();
        var body = b.NewBlock();
        var exit = b.NewBlock();
        b.SetBlock(entry);
        var acc = b.NewRegister(IrType.F64);
        var i = b.NewRegister(IrType.F64);
        b.Copy(acc, b.ConstF64(0));
        b.Copy(i, b.ConstF64(0));
        var n = b.ConstF64(10);
        var step = b.ConstF64(2.5);
        var one = b.ConstF64(1);
        b.Jump(head);
        b.SetBlock(head);
        b.Emit(new FloatCompareBranchInst(FloatCondition.Lt, i, n, body, exit, 1));
        b.SetBlock(body);
        b.Copy(acc, b.Float(FloatOp.FAdd, acc, step));
        b.Copy(i, b.Float(FloatOp.FAdd, i, one));
        b.Jump(head);
        b.SetBlock(exit);
        b.Return(b.Convert(ConvertKind.FloatToBits, acc));
        return f;
    }

    [TestMethod]
    public void LoopFallsThroughItsTestAndLoadsDoublesFromTheLiteralPool()
    {
        var code = new X64Backend(X64Target.LinuxX64).CompileFunctions([Loop()], new CodeGenOptions { CheckStack = false, LayOutBlocks = true }).Code;

        // Decode up to the literal pool: the lowest address a RIP-relative operand reads.
        var instructions = new List<Instruction>();
        var poolStart = (ulong)code.Length;
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code), 0, DecoderOptions.None);
        while (decoder.IP < poolStart)
        {
            var instr = decoder.Decode();
            Assert.AreNotEqual(Code.INVALID, instr.Code, $"undecodable bytes at {instr.IP:x}");
            instructions.Add(instr);
            if (instr.IsIPRelativeMemoryOperand) poolStart = Math.Min(poolStart, instr.IPRelativeMemoryAddress);
        }
        var listing = string.Join("\n", instructions.Select(x => $"{x.IP:x4} {x}"));

        var pool = new HashSet<double>();
        foreach (var instr in instructions.Where(x => x.IsIPRelativeMemoryOperand))
        {
            Assert.AreEqual(Mnemonic.Movsd, instr.Mnemonic, listing);
            Assert.IsLessThanOrEqualTo((ulong)code.Length - 8, instr.IPRelativeMemoryAddress, listing);
            pool.Add(BitConverter.ToDouble(code, (int)instr.IPRelativeMemoryAddress));
        }
        CollectionAssert.IsSubsetOf(new[] { 10.0, 2.5, 1.0 }, pool.ToArray(), listing);
        Assert.IsTrue(instructions.Any(x => x.Mnemonic == Mnemonic.Xorpd && x.Op0Register == x.Op1Register), "+0.0 by xorpd\n" + listing);
        Assert.IsFalse(instructions.Any(x => x.Op1Kind == OpKind.Immediate64), "no 64-bit immediates\n" + listing);

        var branches = instructions.Where(x => x.FlowControl is FlowControl.ConditionalBranch or FlowControl.UnconditionalBranch).ToList();
        foreach (var branch in branches)
            Assert.AreNotEqual(branch.NextIP, branch.NearBranchTarget, $"branch to the next instruction at {branch.IP:x}\n{listing}");
        var backward = branches.Where(x => x.NearBranchTarget < x.IP).ToList();
        Assert.AreEqual(1, backward.Count, listing);
        Assert.AreEqual(FlowControl.ConditionalBranch, backward[0].FlowControl, "the loop test branches back to the body\n" + listing);
    }
}
