using System.Numerics;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The two compressed immediate formats of A64: bitmask immediates of the logical instructions and the 8-bit
/// floating-point immediates of FMOV.
/// </summary>
public static class Arm64Immediates
{
    /// <summary>
    /// Encodes <paramref name="value"/> as the 13-bit <c>N:immr:imms</c> field of AND/ORR/EOR/ANDS (immediate), or
    /// returns false if it is not a bitmask immediate of the given width.
    /// </summary>
    /// <remarks>
    /// Arm ARM C4.1.93 "Logical (immediate)" and the pseudocode <c>DecodeBitMasks</c> (J1, shared/functions):
    /// a bitmask immediate is an element of 2, 4, 8, 16, 32 or 64 bits holding a run of 1 to esize−1 ones
    /// rotated right by 0…esize−1, replicated across the register. So 0 and all-ones are never encodable.
    /// <c>imms</c> carries the element size in its high bits (<c>NOT(imms)</c> has its highest set bit at
    /// log2(esize), with N=1 for esize 64) and the run length minus one in the low bits; <c>immr</c> is the rotation.
    /// For a 32-bit instruction the value must fit in 32 bits and N must be 0 (esize ≤ 32).
    /// </remarks>
    /// <param name="value">The immediate; for <paramref name="width"/> 32, only the low 32 bits may be set.</param>
    /// <param name="width">32 or 64, the register width of the instruction.</param>
    /// <param name="encoding">N (bit 12), immr (bits 11–6), imms (bits 5–0).</param>
    public static bool TryEncodeBitmask(ulong value, int width, out int encoding)
    {
        encoding = 0;
        if (width == 32)
        {
            if (value > uint.MaxValue) return false;
            value |= value << 32;
        }
        else if (width != 64)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be 32 or 64.");
        }
        if (value == 0 || value == ulong.MaxValue) return false;

        // The smallest element size whose replication gives the value.
        var size = 64;
        while (size > 2)
        {
            var half = size / 2;
            var halfMask = (1UL << half) - 1;
            if ((value & halfMask) != ((value >> half) & halfMask)) break;
            size = half;
        }
        var mask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        var element = value & mask;
        var ones = BitOperations.PopCount(element);
        var run = (1UL << ones) - 1; // 1 ≤ ones ≤ size − 1, since element is neither 0 nor all ones
        for (var rotation = 0; rotation < size; rotation++)
        {
            // element == ROR(run, rotation) within the element (DecodeBitMasks: ROR(welem, r)).
            var rotated = rotation == 0 ? run : ((run >> rotation) | (run << (size - rotation))) & mask;
            if (rotated != element) continue;
            var n = size == 64 ? 1 : 0;
            var imms = (~(size * 2 - 1) & 0x3F) | (ones - 1);
            encoding = n << 12 | rotation << 6 | imms;
            return true;
        }
        return false; // the ones are not one contiguous (circular) run
    }

    /// <summary>Whether <paramref name="value"/> is a bitmask immediate of a <paramref name="width"/>-bit logical instruction.</summary>
    public static bool IsBitmask(ulong value, int width) => TryEncodeBitmask(value, width, out _);

    /// <summary>
    /// Encodes <paramref name="value"/> as the 8-bit <c>imm8</c> of FMOV (scalar, immediate), or returns false.
    /// </summary>
    /// <remarks>
    /// Arm ARM C6.2 FMOV (scalar, immediate) and the pseudocode <c>VFPExpandImm</c>: imm8 = a:b:cdefgh stands for
    /// sign a, exponent <c>NOT(b):Replicate(b, 8):cd</c> and fraction <c>efgh</c> followed by zeros, i.e.
    /// ±(16 + efgh)/16 × 2^e with −3 ≤ e ≤ 4 (0.125 … 31.0; zero is not encodable).
    /// </remarks>
    public static bool TryEncodeFloat(double value, out byte imm8)
    {
        imm8 = 0;
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        if ((bits & 0xFFFF_FFFF_FFFFUL) != 0) return false;       // fraction bits below efgh
        var exponentTop = (bits >> 54) & 0x1FF;                    // NOT(b):b×8
        var b = exponentTop & 1;
        if (exponentTop != (b == 1 ? 0x0FFUL : 0x100UL)) return false;
        imm8 = (byte)((bits >> 63) << 7 | b << 6 | ((bits >> 48) & 0x3F));
        return true;
    }
}
