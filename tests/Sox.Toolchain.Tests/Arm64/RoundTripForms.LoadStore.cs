using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;
using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    /// <summary>
    /// A load/store form. <paramref name="size"/> is log2 of the access size; <paramref name="view"/> spells Rt;
    /// <paramref name="vector"/> draws V registers; <paramref name="symbol"/> allows <c>:lo12:</c> operands (8-byte
    /// accesses), <paramref name="got"/> <c>:got_lo12:</c> (ldr x only).
    /// </summary>
    private static RoundTripForm LoadStoreForm(string method, string mnemonic, string unscaled, int size, Func<Arm64Register, string> view,
        bool vector, Action<Arm64Encoder, Arm64Register, Arm64Memory> call, bool symbol = false, bool got = false) =>
        Form($"{method}({R},Arm64Memory)", (e, o) =>
        {
            var rt = vector ? o.Vector() : o.GprOrZr();
            var modes = 6 + (symbol ? 1 : 0) + (got ? 1 : 0);
            var (memory, text, useUnscaled, relocation) = DrawAddress(o, size, rt, vector, o.Random.Next(modes));
            call(e, rt, memory);
            var line = $"{(useUnscaled ? unscaled : mnemonic)} {view(rt)}, {text}";
            return relocation is { } kind ? new Expected(line, kind, memory.Symbol, memory.Offset) : line;
        });

    /// <summary>
    /// An address for an access of 2^<paramref name="size"/> bytes and its expected text. Mode 0: a scaled unsigned
    /// offset (0 up to 4095 × size); 1: an offset the scaled form cannot hold, which the documented routing sends
    /// to LDUR/STUR; 2: forced unscaled; 3/4: pre/post-index; 5: register offset; 6: :lo12: (or :got_lo12:); 7: :got_lo12:.
    /// </summary>
    private static (Arm64Memory, string, bool, RelocationKind?) DrawAddress(Operands o, int size, Arm64Register rt, bool vector, int mode)
    {
        var @base = o.GprOrSp();
        // Writeback into the transferred register is unpredictable and rejected by the encoder.
        while ((mode is 3 or 4) && !vector && @base == rt) @base = o.GprOrSp();
        var b = X(@base);
        string At(long offset) => offset == 0 ? $"[{b}]" : $"[{b}, #{offset}]";
        switch (mode)
        {
            case 0:
                var scaled = (long)o.Int(0, 4095) << size;
                return (Arm64Memory.At(@base, scaled), At(scaled), false, null);
            case 1:
                long odd;
                if (size == 0 || o.Bool()) odd = o.Int(-256, -1); // negative
                else if ((odd = o.Int(1, 255)) % (1 << size) == 0) odd--; // misaligned
                return (Arm64Memory.At(@base, odd), At(odd), true, null);
            case 2:
                var any = o.Int(-256, 255);
                return (Arm64Memory.Unscaled(@base, any), At(any), true, null);
            case 3:
                var pre = o.Int(-256, 255);
                return (Arm64Memory.PreIndex(@base, pre), $"[{b}, #{pre}]!", false, null);
            case 4:
                var post = o.Int(-256, 255);
                return (Arm64Memory.PostIndex(@base, post), $"[{b}], #{post}", false, null);
            case 5:
                var index = o.GprOrZr();
                var extend = o.Of(Arm64Extend.Uxtw, Arm64Extend.Uxtx, Arm64Extend.Sxtw, Arm64Extend.Sxtx);
                var shifted = o.Bool();
                var indexText = extend is Arm64Extend.Uxtx or Arm64Extend.Sxtx ? X(index) : W(index);
                var suffix = extend == Arm64Extend.Uxtx
                    ? shifted ? $", lsl #{size}" : ""
                    : shifted ? $", {ExtendName(extend)} #{size}" : $", {ExtendName(extend)}";
                return (Arm64Memory.Indexed(@base, index, extend, shifted), $"[{b}, {indexText}{suffix}]", false, null);
            case 6:
                var addend = o.Of(0L, 8L, -16L, 4096L);
                return (Arm64Memory.SymbolLow12(@base, "data", addend), $"[{b}]", false, RelocationKind.Arm64Load64Low12);
            default:
                return (Arm64Memory.GotLow12(@base, "global"), $"[{b}]", false, RelocationKind.Arm64GotLoad64Low12);
        }
    }

    private static RoundTripForm LiteralForm(string method, Func<Arm64Register, string> view, bool vector, Action<Arm64Encoder, Arm64Register, Label> call) =>
        Form($"{method}({R},Label)", (e, o) =>
        {
            var rt = vector ? o.Vector() : o.GprOrZr();
            call(e, rt, o.Anchor);
            return $"ldr {view(rt)}, 0x0";
        });

    private static RoundTripForm[] LoadStore =>
    [
        LoadStoreForm("Ldr_x", "ldr", "ldur", 3, X, false, (e, t, m) => e.Ldr_x(t, m), symbol: true, got: true),
        LoadStoreForm("Str_x", "str", "stur", 3, X, false, (e, t, m) => e.Str_x(t, m), symbol: true),
        LoadStoreForm("Ldr_w", "ldr", "ldur", 2, W, false, (e, t, m) => e.Ldr_w(t, m)),
        LoadStoreForm("Str_w", "str", "stur", 2, W, false, (e, t, m) => e.Str_w(t, m)),
        LoadStoreForm("Ldrb_w", "ldrb", "ldurb", 0, W, false, (e, t, m) => e.Ldrb_w(t, m)),
        LoadStoreForm("Strb_w", "strb", "sturb", 0, W, false, (e, t, m) => e.Strb_w(t, m)),
        LoadStoreForm("Ldrh_w", "ldrh", "ldurh", 1, W, false, (e, t, m) => e.Ldrh_w(t, m)),
        LoadStoreForm("Strh_w", "strh", "sturh", 1, W, false, (e, t, m) => e.Strh_w(t, m)),
        LoadStoreForm("Ldrsb_x", "ldrsb", "ldursb", 0, X, false, (e, t, m) => e.Ldrsb_x(t, m)),
        LoadStoreForm("Ldrsh_x", "ldrsh", "ldursh", 1, X, false, (e, t, m) => e.Ldrsh_x(t, m)),
        LoadStoreForm("Ldrsw_x", "ldrsw", "ldursw", 2, X, false, (e, t, m) => e.Ldrsw_x(t, m)),
        LoadStoreForm("Ldr_d", "ldr", "ldur", 3, D, true, (e, t, m) => e.Ldr_d(t, m), symbol: true),
        LoadStoreForm("Str_d", "str", "stur", 3, D, true, (e, t, m) => e.Str_d(t, m), symbol: true),
        LoadStoreForm("Ldr_s", "ldr", "ldur", 2, S, true, (e, t, m) => e.Ldr_s(t, m)),
        LoadStoreForm("Str_s", "str", "stur", 2, S, true, (e, t, m) => e.Str_s(t, m)),
        LiteralForm("Ldr_x_literal", X, false, (e, t, l) => e.Ldr_x_literal(t, l)),
        LiteralForm("Ldr_d_literal", D, true, (e, t, l) => e.Ldr_d_literal(t, l)),
    ];

    private static RoundTripForm PairForm(string method, string mnemonic, Func<Arm64Register, string> view, bool vector, bool load,
        Action<Arm64Encoder, Arm64Register, Arm64Register, Arm64Memory> call) =>
        Form($"{method}({R},{R},Arm64Memory)", (e, o) =>
        {
            var rt1 = vector ? o.Vector() : o.GprOrZr();
            var rt2 = vector ? o.Vector() : o.GprOrZr();
            while (load && rt2 == rt1) rt2 = vector ? o.Vector() : o.GprOrZr();
            var mode = o.Random.Next(3);
            var @base = o.GprOrSp();
            while (mode != 0 && !vector && (@base == rt1 || @base == rt2)) @base = o.GprOrSp();
            var offset = o.Int(-64, 63) * 8L;
            var b = X(@base);
            var (memory, text) = mode switch
            {
                0 => (Arm64Memory.At(@base, offset), offset == 0 ? $"[{b}]" : $"[{b}, #{offset}]"),
                1 => (Arm64Memory.PreIndex(@base, offset), $"[{b}, #{offset}]!"),
                _ => (Arm64Memory.PostIndex(@base, offset), $"[{b}], #{offset}"),
            };
            call(e, rt1, rt2, memory);
            return $"{mnemonic} {view(rt1)}, {view(rt2)}, {text}";
        });

    private static RoundTripForm[] LoadStorePair =>
    [
        PairForm("Ldp_x", "ldp", X, false, true, (e, a, b, m) => e.Ldp_x(a, b, m)),
        PairForm("Stp_x", "stp", X, false, false, (e, a, b, m) => e.Stp_x(a, b, m)),
        PairForm("Ldp_d", "ldp", D, true, true, (e, a, b, m) => e.Ldp_d(a, b, m)),
        PairForm("Stp_d", "stp", D, true, false, (e, a, b, m) => e.Stp_d(a, b, m)),
    ];
}
