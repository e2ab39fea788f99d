namespace Sox.Compiler.Targets.Arm64;

// Load/store register pair: opc 101 V 0 mode L imm7 Rt2 Rn Rt, mode 01 post-index, 10 signed offset, 11 pre-index
// (Arm ARM C4.1.94 "Load/store register pair (offset/pre-indexed/post-indexed)", C6.2 LDP/STP, C7.2 LDP/STP
// (SIMD&FP)). imm7 is scaled by the access size: −512…504 in steps of 8 for X and D. Rn is SP when 31.
public sealed partial class Arm64Encoder
{
    private void LoadStorePair(uint opc, bool vector, bool load, Arm64Register rt1, Arm64Register rt2, in Arm64Memory memory)
    {
        var t1 = vector ? V(rt1, nameof(rt1)) : Rz(rt1, nameof(rt1));
        var t2 = vector ? V(rt2, nameof(rt2)) : Rz(rt2, nameof(rt2));
        if (memory.Mode == 0) throw new ArgumentException("default(Arm64Memory) is not an address; use Arm64Memory.At(…).", nameof(memory));
        var n = Rsp(memory.Base, nameof(memory));
        var mode = memory.Mode switch
        {
            Arm64AddressingMode.PostIndex => 1u,
            Arm64AddressingMode.Offset => 2u,
            Arm64AddressingMode.PreIndex => 3u,
            _ => throw new ArgumentException($"LDP/STP take a signed offset, pre-index or post-index address, not {memory.Mode}.", nameof(memory)),
        };
        var offset = memory.Offset;
        if (offset is < -512 or > 504 || (offset & 7) != 0)
            throw new ArgumentOutOfRangeException(nameof(memory), offset, "A pair offset must be a multiple of 8 in −512…504.");
        // CONSTRAINED UNPREDICTABLE (Arm ARM C6.2 LDP): a load into the same register twice, or writeback to a
        // base that is also transferred.
        if (load && rt1 == rt2)
            throw new ArgumentException($"LDP into {rt1} twice is unpredictable.", nameof(rt2));
        if (mode != 2 && !vector && (rt1 == memory.Base || rt2 == memory.Base))
            throw new ArgumentException($"Writeback to {memory.Base} while it is also transferred is unpredictable.", nameof(memory));
        Emit(opc | (vector ? 1u << 26 : 0) | 0x2800_0000 | mode << 23 | (load ? 1u << 22 : 0)
            | ((uint)(offset >> 3) & 0x7F) << 15 | t2 << 10 | n << 5 | t1);
    }

    /// <summary><c>ldp xt1, xt2, [address]</c> — LDP, 64-bit (offset, pre- or post-index; −512…504, multiple of 8).</summary>
    public void Ldp_x(Arm64Register rt1, Arm64Register rt2, Arm64Memory memory) => LoadStorePair(0x8000_0000, false, true, rt1, rt2, memory);

    /// <summary><c>stp xt1, xt2, [address]</c> — STP, 64-bit (the prologue's <c>stp x29, x30, [sp, #-16]!</c>).</summary>
    public void Stp_x(Arm64Register rt1, Arm64Register rt2, Arm64Memory memory) => LoadStorePair(0x8000_0000, false, false, rt1, rt2, memory);

    /// <summary><c>ldp dt1, dt2, [address]</c> — LDP (SIMD&amp;FP), 64-bit (restoring callee-saved d8–d15).</summary>
    public void Ldp_d(Arm64Register rt1, Arm64Register rt2, Arm64Memory memory) => LoadStorePair(0x4000_0000, true, true, rt1, rt2, memory);

    /// <summary><c>stp dt1, dt2, [address]</c> — STP (SIMD&amp;FP), 64-bit.</summary>
    public void Stp_d(Arm64Register rt1, Arm64Register rt2, Arm64Memory memory) => LoadStorePair(0x4000_0000, true, false, rt1, rt2, memory);
}
