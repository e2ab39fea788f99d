using Iced.Intel;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>The kind of one parameter of an encoder method, and the values the round trips try for it.</summary>
internal enum Param
{
    /// <summary>A GPR used as a 64-bit operand.</summary>
    G64,
    /// <summary>A GPR used as a 32-bit operand.</summary>
    G32,
    /// <summary>A GPR used as a 16-bit operand.</summary>
    G16,
    /// <summary>A GPR used as an 8-bit operand (AL…DIL, R8B…R15B).</summary>
    G8,
    /// <summary>An XMM register.</summary>
    X,
    /// <summary>A memory operand.</summary>
    M,
    /// <summary>A signed byte immediate.</summary>
    I8,
    /// <summary>A signed 32-bit immediate.</summary>
    I32,
    /// <summary>An unsigned byte immediate.</summary>
    U8,
    /// <summary>An unsigned 32-bit immediate.</summary>
    U32,
    /// <summary>A 64-bit immediate.</summary>
    I64,
    /// <summary>A condition code (not an operand).</summary>
    Cc,
    /// <summary>An ALU operation (not an operand).</summary>
    Op,
    /// <summary>A symbol name (a branch target with a relocation).</summary>
    Sym,
}

/// <summary>What Iced must report for one operand.</summary>
internal abstract record Expected;

internal sealed record ExpectedRegister(Register Register) : Expected;

internal sealed record ExpectedMemory(X64Memory Memory) : Expected;

internal sealed record ExpectedImmediate(long Value) : Expected;

/// <summary>A branch to a symbol: the rel32 is 0 in the code and the relocation carries the target.</summary>
internal sealed record ExpectedSymbolBranch(string Symbol) : Expected;

/// <summary>
/// One encoder method under round trip: its name and parameters (the encoder is called by reflection with
/// values drawn for each <see cref="Param"/>), the Iced <see cref="Iced.Intel.Code"/> that must be decoded, and
/// the operands Iced must report (by default, the non-<see cref="Param.Cc"/>/<see cref="Param.Op"/> arguments in order).
/// </summary>
internal sealed record RoundTripForm(
    string Method,
    Param[] Params,
    Func<object[], Code> Code,
    Func<object[], Expected[]>? Operands = null)
{
    public override string ToString() => $"{Method}({string.Join(", ", Params)})";

    /// <summary>The encoder method's signature as "Name(Type,Type)" for the coverage check.</summary>
    public string Signature => $"{Method}({string.Join(",", Params.Select(p => ParamType(p).Name))})";

    public static Type ParamType(Param param) => param switch
    {
        Param.G64 or Param.G32 or Param.G16 or Param.G8 or Param.X => typeof(X64Register),
        Param.M => typeof(X64Memory),
        Param.I8 => typeof(sbyte),
        Param.I32 => typeof(int),
        Param.U8 => typeof(byte),
        Param.U32 => typeof(uint),
        Param.I64 => typeof(long),
        Param.Cc => typeof(X64Condition),
        Param.Op => typeof(X64AluOp),
        Param.Sym => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(param)),
    };

    public Expected[] ExpectedOperands(object[] args) => Operands?.Invoke(args) ?? DefaultOperands(Params, args);

    public static Expected[] DefaultOperands(Param[] @params, object[] args)
    {
        var list = new List<Expected>();
        for (var i = 0; i < @params.Length; i++)
        {
            var value = args[i];
            switch (@params[i])
            {
                case Param.G64: list.Add(new ExpectedRegister(IcedRegisters.R64((X64Register)value))); break;
                case Param.G32: list.Add(new ExpectedRegister(IcedRegisters.R32((X64Register)value))); break;
                case Param.G16: list.Add(new ExpectedRegister(IcedRegisters.R16((X64Register)value))); break;
                case Param.G8: list.Add(new ExpectedRegister(IcedRegisters.R8((X64Register)value))); break;
                case Param.X: list.Add(new ExpectedRegister(IcedRegisters.Xmm((X64Register)value))); break;
                case Param.M: list.Add(new ExpectedMemory((X64Memory)value)); break;
                case Param.I8: list.Add(new ExpectedImmediate((sbyte)value)); break;
                case Param.I32: list.Add(new ExpectedImmediate((int)value)); break;
                case Param.U8: list.Add(new ExpectedImmediate((byte)value)); break;
                case Param.U32: list.Add(new ExpectedImmediate((uint)value)); break;
                case Param.I64: list.Add(new ExpectedImmediate((long)value)); break;
                case Param.Sym: list.Add(new ExpectedSymbolBranch((string)value)); break;
            }
        }
        return [.. list];
    }
}
