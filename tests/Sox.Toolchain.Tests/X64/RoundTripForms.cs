using Iced.Intel;
using Sox.Compiler.Targets.X64;
using static Sox.Toolchain.Tests.X64.Param;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// Every encoder method that emits one instruction, with the Iced <see cref="Code"/> it must decode to. The
/// expected codes are written from the Intel SDM opcode tables (as named by Iced), not derived from the encoder.
/// </summary>
internal static class RoundTripForms
{
    /// <summary>The condition-code suffixes in cc order (SDM Vol. 1 Table B-1).</summary>
    private static readonly string[] CcNames = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];

    /// <summary>The ALU group in /digit order (SDM Vol. 2D Table A-6, group 1).</summary>
    private static readonly string[] AluNames = ["Add", "Or", "Adc", "Sbb", "And", "Sub", "Xor", "Cmp"];

    /// <summary>The operations with named wrappers (Add_rm64_r64 …).</summary>
    private static readonly X64AluOp[] NamedAluOps =
        [X64AluOp.Add, X64AluOp.Or, X64AluOp.And, X64AluOp.Sub, X64AluOp.Xor, X64AluOp.Cmp];

    public static Code Parse(string name) => Enum.Parse<Code>(name, ignoreCase: true);

    public static Code CcCode(string prefix, X64Condition cc, string suffix) => Parse($"{prefix}{CcNames[(int)cc]}{suffix}");

    private static bool Fits8(long value) => value is >= -128 and <= 127;

    private static RoundTripForm F(string method, Param[] @params, Code code) => new(method, @params, _ => code);

    public static IReadOnlyList<RoundTripForm> All { get; } = [.. Moves(), .. Alu(), .. Arithmetic(), .. Control(), .. Sse()];

    private static IEnumerable<RoundTripForm> Moves()
    {
        yield return F("Mov_rm64_r64", [G64, G64], Code.Mov_rm64_r64);
        yield return F("Mov_rm64_r64", [M, G64], Code.Mov_rm64_r64);
        yield return F("Mov_r64_rm64", [G64, M], Code.Mov_r64_rm64);
        yield return F("Mov_rm32_r32", [G32, G32], Code.Mov_rm32_r32);
        yield return F("Mov_rm32_r32", [M, G32], Code.Mov_rm32_r32);
        yield return F("Mov_r32_rm32", [G32, M], Code.Mov_r32_rm32);
        yield return F("Mov_rm8_r8", [M, G8], Code.Mov_rm8_r8);
        yield return F("Mov_rm8_imm8", [M, U8], Code.Mov_rm8_imm8);
        yield return F("Mov_rm32_imm32", [M, I32], Code.Mov_rm32_imm32);
        yield return F("Mov_rm64_imm32", [G64, I32], Code.Mov_rm64_imm32);
        yield return F("Mov_rm64_imm32", [M, I32], Code.Mov_rm64_imm32);
        yield return F("Mov_r32_imm32", [G32, U32], Code.Mov_r32_imm32);
        yield return F("Mov_r64_imm64", [G64, I64], Code.Mov_r64_imm64);
        // Shortest: mov r32 (zero-extends) for 0..2^32-1, sign-extended imm32 for negative int32, else movabs.
        yield return new RoundTripForm("Mov_r64_imm", [G64, I64],
            a => (long)a[1] is >= 0 and <= uint.MaxValue ? Code.Mov_r32_imm32
                : (long)a[1] is >= int.MinValue and <= int.MaxValue ? Code.Mov_rm64_imm32 : Code.Mov_r64_imm64,
            a => (long)a[1] is >= 0 and <= uint.MaxValue
                ? [new ExpectedRegister(IcedRegisters.R32((X64Register)a[0])), new ExpectedImmediate((long)a[1])]
                : [new ExpectedRegister(IcedRegisters.R64((X64Register)a[0])), new ExpectedImmediate((long)a[1])]);
        yield return F("Movzx_r32_rm8", [G32, G8], Code.Movzx_r32_rm8);
        yield return F("Movzx_r32_rm8", [G32, M], Code.Movzx_r32_rm8);
        yield return F("Movzx_r32_rm16", [G32, G16], Code.Movzx_r32_rm16);
        yield return F("Movzx_r32_rm16", [G32, M], Code.Movzx_r32_rm16);
        yield return F("Movsxd_r64_rm32", [G64, G32], Code.Movsxd_r64_rm32);
        yield return F("Movsxd_r64_rm32", [G64, M], Code.Movsxd_r64_rm32);
        yield return F("Lea_r64_m", [G64, M], Code.Lea_r64_m);
        yield return F("Push_r64", [G64], Code.Push_r64);
        yield return F("Pop_r64", [G64], Code.Pop_r64);
        yield return new RoundTripForm("Cmovcc_r64_rm64", [Cc, G64, G64], a => CcCode("Cmov", (X64Condition)a[0], "_r64_rm64"));
        yield return new RoundTripForm("Cmovcc_r64_rm64", [Cc, G64, M], a => CcCode("Cmov", (X64Condition)a[0], "_r64_rm64"));
    }

    private static IEnumerable<RoundTripForm> Alu()
    {
        static Code C(object op, string form) => Parse(AluNames[(int)(X64AluOp)op] + form);
        static Expected[] RaxImm(object imm) => [new ExpectedRegister(Register.RAX), new ExpectedImmediate((int)imm)];
        Func<object[], Code> shortest64 = a => Fits8((int)a[2]) ? C(a[0], "_rm64_imm8")
            : a[1] is X64Register.Rax ? C(a[0], "_RAX_imm32") : C(a[0], "_rm64_imm32");

        yield return new("Alu_rm64_r64", [Op, G64, G64], a => C(a[0], "_rm64_r64"));
        yield return new("Alu_rm64_r64", [Op, M, G64], a => C(a[0], "_rm64_r64"));
        yield return new("Alu_r64_rm64", [Op, G64, M], a => C(a[0], "_r64_rm64"));
        yield return new("Alu_rm64_imm8", [Op, G64, I8], a => C(a[0], "_rm64_imm8"));
        yield return new("Alu_rm64_imm8", [Op, M, I8], a => C(a[0], "_rm64_imm8"));
        yield return new("Alu_rm64_imm32", [Op, G64, I32], a => C(a[0], "_rm64_imm32"));
        yield return new("Alu_rm64_imm32", [Op, M, I32], a => C(a[0], "_rm64_imm32"));
        yield return new("Alu_RAX_imm32", [Op, I32], a => C(a[0], "_RAX_imm32"), a => RaxImm(a[1]));
        yield return new("Alu_rm64_imm", [Op, G64, I32], shortest64);
        yield return new("Alu_rm64_imm", [Op, M, I32], a => Fits8((int)a[2]) ? C(a[0], "_rm64_imm8") : C(a[0], "_rm64_imm32"));
        yield return new("Alu_rm32_r32", [Op, G32, G32], a => C(a[0], "_rm32_r32"));
        yield return new("Alu_rm32_imm", [Op, G32, I32], a => Fits8((int)a[2]) ? C(a[0], "_rm32_imm8")
            : a[1] is X64Register.Rax ? C(a[0], "_EAX_imm32") : C(a[0], "_rm32_imm32"),
            a => [new ExpectedRegister(IcedRegisters.R32((X64Register)a[1])), new ExpectedImmediate((int)a[2])]);

        foreach (var op in NamedAluOps)
        {
            var n = AluNames[(int)op];
            yield return F($"{n}_rm64_r64", [G64, G64], Parse(n + "_rm64_r64"));
            yield return F($"{n}_rm64_r64", [M, G64], Parse(n + "_rm64_r64"));
            yield return F($"{n}_r64_rm64", [G64, M], Parse(n + "_r64_rm64"));
            yield return F($"{n}_rm64_imm8", [G64, I8], Parse(n + "_rm64_imm8"));
            yield return F($"{n}_rm64_imm8", [M, I8], Parse(n + "_rm64_imm8"));
            yield return F($"{n}_rm64_imm32", [G64, I32], Parse(n + "_rm64_imm32"));
            yield return F($"{n}_rm64_imm32", [M, I32], Parse(n + "_rm64_imm32"));
            yield return new($"{n}_RAX_imm32", [I32], _ => Parse(n + "_RAX_imm32"), a => RaxImm(a[0]));
            yield return new($"{n}_rm64_imm", [G64, I32], a => Fits8((int)a[1]) ? Parse(n + "_rm64_imm8")
                : a[0] is X64Register.Rax ? Parse(n + "_RAX_imm32") : Parse(n + "_rm64_imm32"));
            yield return new($"{n}_rm64_imm", [M, I32], a => Fits8((int)a[1]) ? Parse(n + "_rm64_imm8") : Parse(n + "_rm64_imm32"));
        }
        yield return F("Xor_rm32_r32", [G32, G32], Code.Xor_rm32_r32);
    }

    private static IEnumerable<RoundTripForm> Arithmetic()
    {
        yield return F("Test_rm64_r64", [G64, G64], Code.Test_rm64_r64);
        yield return F("Test_rm64_r64", [M, G64], Code.Test_rm64_r64);
        yield return F("Test_rm32_r32", [G32, G32], Code.Test_rm32_r32);
        yield return F("Test_rm8_r8", [G8, G8], Code.Test_rm8_r8);
        yield return F("Test_rm64_imm32", [G64, I32], Code.Test_rm64_imm32);
        yield return F("Test_rm64_imm32", [M, I32], Code.Test_rm64_imm32);
        yield return new("Test_RAX_imm32", [I32], _ => Code.Test_RAX_imm32,
            a => [new ExpectedRegister(Register.RAX), new ExpectedImmediate((int)a[0])]);
        yield return new("Test_rm64_imm", [G64, I32], a => a[0] is X64Register.Rax ? Code.Test_RAX_imm32 : Code.Test_rm64_imm32);
        yield return F("Imul_r64_rm64", [G64, G64], Code.Imul_r64_rm64);
        yield return F("Imul_r64_rm64", [G64, M], Code.Imul_r64_rm64);
        yield return F("Imul_r64_rm64_imm8", [G64, G64, I8], Code.Imul_r64_rm64_imm8);
        yield return F("Imul_r64_rm64_imm8", [G64, M, I8], Code.Imul_r64_rm64_imm8);
        yield return F("Imul_r64_rm64_imm32", [G64, G64, I32], Code.Imul_r64_rm64_imm32);
        yield return F("Imul_r64_rm64_imm32", [G64, M, I32], Code.Imul_r64_rm64_imm32);
        yield return new("Imul_r64_rm64_imm", [G64, G64, I32], a => Fits8((int)a[2]) ? Code.Imul_r64_rm64_imm8 : Code.Imul_r64_rm64_imm32);
        yield return F("Neg_rm64", [G64], Code.Neg_rm64);
        yield return F("Neg_rm64", [M], Code.Neg_rm64);
        yield return F("Not_rm64", [G64], Code.Not_rm64);
        yield return F("Not_rm64", [M], Code.Not_rm64);
        yield return F("Idiv_rm64", [G64], Code.Idiv_rm64);
        yield return F("Idiv_rm64", [M], Code.Idiv_rm64);
        yield return F("Cqo", [], Code.Cqo);
        // A count of 1 uses the D1 /digit form ("SHL r/m64, 1"), which Iced reports with an immediate 1.
        yield return new("Shl_rm64_imm8", [G64, U8], a => (byte)a[1] == 1 ? Code.Shl_rm64_1 : Code.Shl_rm64_imm8);
        yield return new("Shr_rm64_imm8", [G64, U8], a => (byte)a[1] == 1 ? Code.Shr_rm64_1 : Code.Shr_rm64_imm8);
        yield return new("Sar_rm64_imm8", [G64, U8], a => (byte)a[1] == 1 ? Code.Sar_rm64_1 : Code.Sar_rm64_imm8);
        static Expected[] WithCl(object[] a) => [new ExpectedRegister(IcedRegisters.R64((X64Register)a[0])), new ExpectedRegister(Register.CL)];
        yield return new("Shl_rm64_CL", [G64], _ => Code.Shl_rm64_CL, WithCl);
        yield return new("Shr_rm64_CL", [G64], _ => Code.Shr_rm64_CL, WithCl);
        yield return new("Sar_rm64_CL", [G64], _ => Code.Sar_rm64_CL, WithCl);
    }

    private static IEnumerable<RoundTripForm> Control()
    {
        yield return F("Call_rel32", [Sym], Code.Call_rel32_64);
        yield return F("Jmp_rel32", [Sym], Code.Jmp_rel32_64);
        yield return F("Call_rm64", [G64], Code.Call_rm64);
        yield return F("Call_rm64", [M], Code.Call_rm64);
        yield return F("Jmp_rm64", [G64], Code.Jmp_rm64);
        yield return F("Jmp_rm64", [M], Code.Jmp_rm64);
        yield return F("Ret", [], Code.Retnq);
        yield return F("Ud2", [], Code.Ud2);
        yield return F("Int3", [], Code.Int3);
        yield return F("Nop", [], Code.Nopd);
        yield return new("Setcc_rm8", [Cc, G8], a => CcCode("Set", (X64Condition)a[0], "_rm8"));
    }

    private static IEnumerable<RoundTripForm> Sse()
    {
        yield return F("Movq_xmm_rm64", [X, G64], Code.Movq_xmm_rm64);
        yield return F("Movq_rm64_xmm", [G64, X], Code.Movq_rm64_xmm);
        yield return F("Movd_xmm_rm32", [X, G32], Code.Movd_xmm_rm32);
        yield return F("Movd_rm32_xmm", [G32, X], Code.Movd_rm32_xmm);
        yield return F("Movsd_xmm_xmmm64", [X, X], Code.Movsd_xmm_xmmm64);
        yield return F("Movsd_xmm_xmmm64", [X, M], Code.Movsd_xmm_xmmm64);
        yield return F("Movsd_xmmm64_xmm", [M, X], Code.Movsd_xmmm64_xmm);
        yield return F("Movss_xmm_xmmm32", [X, X], Code.Movss_xmm_xmmm32);
        yield return F("Movss_xmm_xmmm32", [X, M], Code.Movss_xmm_xmmm32);
        yield return F("Movss_xmmm32_xmm", [M, X], Code.Movss_xmmm32_xmm);
        yield return F("Movapd_xmm_xmmm128", [X, X], Code.Movapd_xmm_xmmm128);
        yield return F("Movaps_m128_xmm", [M, X], Code.Movaps_xmmm128_xmm);
        yield return F("Movaps_xmm_m128", [X, M], Code.Movaps_xmm_xmmm128);
        foreach (var (name, code) in new[]
                 {
                     ("Addsd_xmm_xmmm64", Code.Addsd_xmm_xmmm64), ("Subsd_xmm_xmmm64", Code.Subsd_xmm_xmmm64),
                     ("Mulsd_xmm_xmmm64", Code.Mulsd_xmm_xmmm64), ("Divsd_xmm_xmmm64", Code.Divsd_xmm_xmmm64),
                     ("Sqrtsd_xmm_xmmm64", Code.Sqrtsd_xmm_xmmm64), ("Ucomisd_xmm_xmmm64", Code.Ucomisd_xmm_xmmm64),
                     ("Comisd_xmm_xmmm64", Code.Comisd_xmm_xmmm64), ("Xorpd_xmm_xmmm128", Code.Xorpd_xmm_xmmm128),
                     ("Andpd_xmm_xmmm128", Code.Andpd_xmm_xmmm128), ("Cvtss2sd_xmm_xmmm32", Code.Cvtss2sd_xmm_xmmm32),
                     ("Cvtsd2ss_xmm_xmmm64", Code.Cvtsd2ss_xmm_xmmm64),
                 })
        {
            yield return F(name, [X, X], code);
            yield return F(name, [X, M], code);
        }
        yield return F("Cvtsi2sd_xmm_rm64", [X, G64], Code.Cvtsi2sd_xmm_rm64);
        yield return F("Cvtsi2sd_xmm_rm64", [X, M], Code.Cvtsi2sd_xmm_rm64);
        yield return F("Cvttsd2si_r64_xmmm64", [G64, X], Code.Cvttsd2si_r64_xmmm64);
        yield return F("Cvttsd2si_r64_xmmm64", [G64, M], Code.Cvttsd2si_r64_xmmm64);
        yield return F("Roundsd_xmm_xmmm64_imm8", [X, X, U8], Code.Roundsd_xmm_xmmm64_imm8);
        yield return F("Roundsd_xmm_xmmm64_imm8", [X, M, U8], Code.Roundsd_xmm_xmmm64_imm8);
    }
}
