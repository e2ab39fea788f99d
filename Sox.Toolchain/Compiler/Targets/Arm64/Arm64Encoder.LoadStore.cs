using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

// Load/store register: size 111 V 0x opc … Rn Rt (Arm ARM C4.1.94 "Loads and Stores": "Load/store register
// (unsigned immediate)", "(unscaled immediate)", "(immediate post-indexed)", "(immediate pre-indexed)",
// "(register offset)", and "Load register (literal)"; C6.2 LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH/LDRSW/LDUR/STUR,
// C7.2 LDR/STR (SIMD&FP)). Rn is SP when 31; a general Rt is the zero register when 31.
public sealed partial class Arm64Encoder
{
    /// <summary>One access: size (log2 bytes, bits 31–30), V (bit 26), opc (bits 23–22).</summary>
    private readonly record struct Access(int Size, bool Vector, int Opc, bool IsLoad);

    private static readonly Access StrbAccess = new(0, false, 0, false), LdrbAccess = new(0, false, 1, true), LdrsbAccess = new(0, false, 2, true);
    private static readonly Access StrhAccess = new(1, false, 0, false), LdrhAccess = new(1, false, 1, true), LdrshAccess = new(1, false, 2, true);
    private static readonly Access StrWAccess = new(2, false, 0, false), LdrWAccess = new(2, false, 1, true), LdrswAccess = new(2, false, 2, true);
    private static readonly Access StrXAccess = new(3, false, 0, false), LdrXAccess = new(3, false, 1, true);
    private static readonly Access StrSAccess = new(2, true, 0, false), LdrSAccess = new(2, true, 1, true);
    private static readonly Access StrDAccess = new(3, true, 0, false), LdrDAccess = new(3, true, 1, true);

    private void LoadStore(Access access, Arm64Register rt, in Arm64Memory memory)
    {
        if (memory.Mode == 0) throw new ArgumentException("default(Arm64Memory) is not an address; use Arm64Memory.At(…).", nameof(memory));
        var t = access.Vector ? V(rt, nameof(rt)) : Rz(rt, nameof(rt));
        var n = Rsp(memory.Base, nameof(memory));
        var common = (uint)access.Size << 30 | (access.Vector ? 1u << 26 : 0) | (uint)access.Opc << 22 | n << 5 | t;
        var offset = memory.Offset;
        switch (memory.Mode)
        {
            case Arm64AddressingMode.Offset when offset >= 0 && (offset & ((1 << access.Size) - 1)) == 0 && offset >> access.Size <= 4095:
                Emit(0x3900_0000 | common | (uint)(offset >> access.Size) << 10);
                return;
            case Arm64AddressingMode.Offset or Arm64AddressingMode.Unscaled:
                if (offset is < -256 or > 255)
                    throw new ArgumentOutOfRangeException(nameof(memory), offset, memory.Mode == Arm64AddressingMode.Offset
                        ? $"Offset {offset} fits neither the scaled form (0…{4095 << access.Size}, a multiple of {1 << access.Size}) nor the unscaled one (−256…255)."
                        : "An unscaled offset must be in −256…255.");
                Emit(0x3800_0000 | common | ((uint)offset & 0x1FF) << 12);
                return;
            case Arm64AddressingMode.PreIndex or Arm64AddressingMode.PostIndex:
                CheckRange(offset, -256, 255, nameof(memory));
                // Writeback with Rt == Rn is CONSTRAINED UNPREDICTABLE (Arm ARM C6.2 LDR (immediate), K1.2.7).
                if (!access.Vector && rt == memory.Base)
                    throw new ArgumentException($"Writeback to {memory.Base} while it is also the transferred register is unpredictable.", nameof(memory));
                Emit(0x3800_0000 | common | ((uint)offset & 0x1FF) << 12 | (memory.Mode == Arm64AddressingMode.PreIndex ? 3u : 1u) << 10);
                return;
            case Arm64AddressingMode.Register:
                Emit(0x3820_0800 | common | Rz(memory.Index, nameof(memory)) << 16 | (uint)memory.Extend << 13 | (memory.Scaled ? 1u << 12 : 0));
                return;
            case Arm64AddressingMode.SymbolLow12 or Arm64AddressingMode.GotLow12:
                // Only 8-byte accesses have a relocation kind here (R_AARCH64_LDST64_ABS_LO12_NC, LD64_GOT_LO12_NC).
                if (access.Size != 3)
                    throw new ArgumentException("A :lo12: operand is supported for 64-bit (X or D) accesses only.", nameof(memory));
                if (memory.Mode == Arm64AddressingMode.GotLow12 && (access.Vector || !access.IsLoad))
                    throw new ArgumentException("A :got_lo12: operand is only valid for ldr x (a GOT entry is a pointer).", nameof(memory));
                EmitRelocated(0x3900_0000 | common,
                    memory.Mode == Arm64AddressingMode.SymbolLow12 ? RelocationKind.Arm64Load64Low12 : RelocationKind.Arm64GotLoad64Low12,
                    memory.Symbol!, memory.Offset);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(memory), memory.Mode, "Unknown addressing mode.");
        }
    }

    /// <summary><c>ldr xt, [address]</c> — LDR (immediate/register), 64-bit; also <c>ldur</c> and <c>:lo12:</c>/<c>:got_lo12:</c> forms.</summary>
    public void Ldr_x(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrXAccess, rt, memory);

    /// <summary><c>str xt|xzr, [address]</c> — STR, 64-bit (scaled offsets: multiples of 8 up to 32760).</summary>
    public void Str_x(Arm64Register rt, Arm64Memory memory) => LoadStore(StrXAccess, rt, memory);

    /// <summary><c>ldr wt, [address]</c> — LDR, 32-bit (zero-extends; scaled offsets: multiples of 4 up to 16380).</summary>
    public void Ldr_w(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrWAccess, rt, memory);

    /// <summary><c>str wt|wzr, [address]</c> — STR, 32-bit.</summary>
    public void Str_w(Arm64Register rt, Arm64Memory memory) => LoadStore(StrWAccess, rt, memory);

    /// <summary><c>ldrb wt, [address]</c> — LDRB (zero-extends a byte; offsets 0…4095).</summary>
    public void Ldrb_w(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrbAccess, rt, memory);

    /// <summary><c>strb wt|wzr, [address]</c> — STRB.</summary>
    public void Strb_w(Arm64Register rt, Arm64Memory memory) => LoadStore(StrbAccess, rt, memory);

    /// <summary><c>ldrh wt, [address]</c> — LDRH (zero-extends a halfword; scaled offsets: multiples of 2 up to 8190).</summary>
    public void Ldrh_w(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrhAccess, rt, memory);

    /// <summary><c>strh wt|wzr, [address]</c> — STRH.</summary>
    public void Strh_w(Arm64Register rt, Arm64Memory memory) => LoadStore(StrhAccess, rt, memory);

    /// <summary><c>ldrsb xt, [address]</c> — LDRSB, 64-bit (sign-extends a byte).</summary>
    public void Ldrsb_x(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrsbAccess, rt, memory);

    /// <summary><c>ldrsh xt, [address]</c> — LDRSH, 64-bit (sign-extends a halfword).</summary>
    public void Ldrsh_x(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrshAccess, rt, memory);

    /// <summary><c>ldrsw xt, [address]</c> — LDRSW (sign-extends a word; scaled offsets: multiples of 4 up to 16380).</summary>
    public void Ldrsw_x(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrswAccess, rt, memory);

    /// <summary><c>ldr dt, [address]</c> — LDR (SIMD&amp;FP), 64-bit.</summary>
    public void Ldr_d(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrDAccess, rt, memory);

    /// <summary><c>str dt, [address]</c> — STR (SIMD&amp;FP), 64-bit.</summary>
    public void Str_d(Arm64Register rt, Arm64Memory memory) => LoadStore(StrDAccess, rt, memory);

    /// <summary><c>ldr st, [address]</c> — LDR (SIMD&amp;FP), 32-bit.</summary>
    public void Ldr_s(Arm64Register rt, Arm64Memory memory) => LoadStore(LdrSAccess, rt, memory);

    /// <summary><c>str st, [address]</c> — STR (SIMD&amp;FP), 32-bit.</summary>
    public void Str_s(Arm64Register rt, Arm64Memory memory) => LoadStore(StrSAccess, rt, memory);

    /// <summary><c>ldr xt, label</c> — LDR (literal), 64-bit: loads 8 bytes at a label within ±1 MiB (e.g. a constant pool).</summary>
    public void Ldr_x_literal(Arm64Register rt, Label label) => EmitLabelReference(0x5800_0000 | Rz(rt, nameof(rt)), Arm64BranchForms.Imm19, label);

    /// <summary><c>ldr dt, label</c> — LDR (literal, SIMD&amp;FP), 64-bit: a double constant within ±1 MiB.</summary>
    public void Ldr_d_literal(Arm64Register rt, Label label) => EmitLabelReference(0x5C00_0000 | V(rt, nameof(rt)), Arm64BranchForms.Imm19, label);
}
