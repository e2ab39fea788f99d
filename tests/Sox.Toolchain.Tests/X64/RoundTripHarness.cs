using Iced.Intel;
using Sox.Compiler.Targets.X64;
using Label = Sox.Compiler.CodeGen.Emission.Label;
using MachineCode = Sox.Compiler.CodeGen.Emission.MachineCode;
using RelocationKind = Sox.Compiler.Ir.RelocationKind;
using SymbolRelocation = Sox.Compiler.Ir.SymbolRelocation;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// Encodes a batch of (form, arguments) with <see cref="X64Encoder"/>, decodes the result with Iced's
/// <see cref="Decoder"/> and checks, per instruction, the decoded <see cref="Code"/>, every operand, the length
/// and any relocation. Failures are collected and reported together.
/// </summary>
internal static class RoundTripHarness
{
    /// <summary>A label bound at offset 0 of every batch, the target of RIP-relative label operands.</summary>
    public delegate IEnumerable<(RoundTripForm Form, object[] Args)> BatchFactory(Label anchor);

    public static int Run(BatchFactory factory)
    {
        var encoder = new X64Encoder();
        var anchor = encoder.CreateLabel();
        encoder.Bind(anchor);
        var items = factory(anchor).ToList();
        var starts = new List<Label>(items.Count + 1);
        foreach (var (form, args) in items)
        {
            starts.Add(encoder.Here());
            Invoke(encoder, form, args);
        }
        starts.Add(encoder.Here());
        var code = encoder.Finish();

        var reader = new ByteArrayCodeReader(code.Code);
        var decoder = Decoder.Create(64, reader, 0, DecoderOptions.None);
        var failures = new List<string>();
        var relocationIndex = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (form, args) = items[i];
            var start = code.LabelOffset(starts[i]);
            var length = code.LabelOffset(starts[i + 1]) - start;
            decoder.IP = (ulong)start;
            reader.Position = start;
            var instruction = decoder.Decode();
            var offsets = decoder.GetConstantOffsets(instruction);
            var what = $"{form} [{string.Join(", ", args.Select(Show))}] = {X64EncodingTableTests.Hex(code.Code[start..(start + length)])} decoded as {instruction}";
            var problem = Check(form, args, instruction, offsets, length, code, ref relocationIndex);
            if (problem is not null) failures.Add($"{what}: {problem}");
        }
        if (relocationIndex != code.Relocations.Count)
            failures.Add($"{code.Relocations.Count - relocationIndex} unexpected relocations");
        if (failures.Count > 0)
            Assert.Fail($"{failures.Count} of {items.Count} instructions failed the round trip:\n" + string.Join("\n", failures.Take(25)));
        return items.Count;
    }

    public static void Invoke(X64Encoder encoder, RoundTripForm form, object[] args)
    {
        var method = typeof(X64Encoder).GetMethod(form.Method, form.Params.Select(RoundTripForm.ParamType).ToArray())
            ?? throw new AssertFailedException($"X64Encoder has no method {form.Signature}.");
        method.Invoke(encoder, args);
    }

    private static string Show(object value) => value switch
    {
        X64Register r => r.ToString(),
        X64Memory m => m.ToString(),
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string? Check(RoundTripForm form, object[] args, Instruction instruction, ConstantOffsets offsets,
        int length, MachineCode code, ref int relocationIndex)
    {
        var expectedCode = form.Code(args);
        if (instruction.Code != expectedCode) return $"code {instruction.Code}, expected {expectedCode}";
        if (instruction.Length != length) return $"decoded length {instruction.Length}, emitted {length}";
        var expected = form.ExpectedOperands(args);
        if (instruction.OpCount != expected.Length) return $"{instruction.OpCount} operands, expected {expected.Length}";
        for (var op = 0; op < expected.Length; op++)
        {
            var kind = instruction.GetOpKind(op);
            switch (expected[op])
            {
                case ExpectedRegister r:
                    if (kind != OpKind.Register || instruction.GetOpRegister(op) != r.Register)
                        return $"operand {op} is {kind} {instruction.GetOpRegister(op)}, expected {r.Register}";
                    break;
                case ExpectedImmediate imm:
                    var bits = kind switch
                    {
                        OpKind.Immediate8 => 8,
                        OpKind.Immediate8to32 or OpKind.Immediate32 => 32,
                        OpKind.Immediate8to64 or OpKind.Immediate32to64 or OpKind.Immediate64 => 64,
                        _ => 0,
                    };
                    if (bits == 0) return $"operand {op} is {kind}, expected an immediate";
                    var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
                    if ((instruction.GetImmediate(op) & mask) != ((ulong)imm.Value & mask))
                        return $"immediate {instruction.GetImmediate(op):x}, expected {imm.Value:x}";
                    break;
                case ExpectedMemory m:
                    if (kind != OpKind.Memory) return $"operand {op} is {kind}, expected memory";
                    var memoryProblem = CheckMemory(m.Memory, instruction, offsets, code, ref relocationIndex);
                    if (memoryProblem is not null) return memoryProblem;
                    break;
                case ExpectedSymbolBranch branch:
                    if (kind != OpKind.NearBranch64 || instruction.NearBranchTarget != instruction.NextIP)
                        return $"operand {op} is {kind} to {instruction.NearBranchTarget:x}, expected a zero rel32";
                    var relocation = new SymbolRelocation((int)instruction.NextIP - 4, RelocationKind.X64Branch32, branch.Symbol, -4);
                    var relocationProblem = TakeRelocation(code, relocation, ref relocationIndex);
                    if (relocationProblem is not null) return relocationProblem;
                    break;
            }
        }
        return null;
    }

    private static string? CheckMemory(X64Memory memory, Instruction instruction, ConstantOffsets offsets,
        MachineCode code, ref int relocationIndex)
    {
        switch (memory.Kind)
        {
            case X64MemoryKind.RipSymbol:
                if (!instruction.IsIPRelativeMemoryOperand || instruction.IPRelativeMemoryAddress != instruction.NextIP)
                    return "expected [rip + 0] awaiting a relocation";
                var field = (int)instruction.IP + offsets.DisplacementOffset;
                var expected = new SymbolRelocation(field, memory.Relocation, memory.Symbol!,
                    memory.Addend - (instruction.Length - offsets.DisplacementOffset));
                return TakeRelocation(code, expected, ref relocationIndex);
            case X64MemoryKind.RipLabel:
                var target = (ulong)(code.LabelOffset(memory.Label) + memory.Displacement);
                return instruction.IsIPRelativeMemoryOperand && instruction.IPRelativeMemoryAddress == target
                    ? null
                    : $"expected [rip] addressing {target:x}, got {instruction.IPRelativeMemoryAddress:x}";
        }
        var @base = memory.Base is { } b ? IcedRegisters.R64(b) : Register.None;
        var index = memory.Index is { } x ? IcedRegisters.R64(x) : Register.None;
        if (instruction.MemoryBase != @base) return $"base {instruction.MemoryBase}, expected {@base}";
        if (instruction.MemoryIndex != index) return $"index {instruction.MemoryIndex}, expected {index}";
        if (index != Register.None && instruction.MemoryIndexScale != memory.Scale)
            return $"scale {instruction.MemoryIndexScale}, expected {memory.Scale}";
        if ((long)instruction.MemoryDisplacement64 != memory.Displacement)
            return $"displacement {(long)instruction.MemoryDisplacement64}, expected {memory.Displacement}";
        // The shortest displacement the SDM allows (Vol. 2A Table 2-2/2-3): none, unless the base is RBP/R13
        // (mod 00 + rm/base 101 means RIP or no base) or absent; disp8 when it fits; else disp32.
        var size = memory.Base is null ? 4
            : memory.Displacement == 0 && ((int)memory.Base & 7) != 5 ? 0
            : memory.Displacement is >= -128 and <= 127 ? 1 : 4;
        return offsets.DisplacementSize == size ? null : $"displacement encoded in {offsets.DisplacementSize} bytes, expected {size}";
    }

    private static string? TakeRelocation(MachineCode code, SymbolRelocation expected, ref int relocationIndex)
    {
        if (relocationIndex >= code.Relocations.Count) return $"missing relocation {expected}";
        var actual = code.Relocations[relocationIndex++];
        return actual == expected ? null : $"relocation {actual}, expected {expected}";
    }
}
