using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

// Branches (Arm ARM C4.1.65 "Branches, Exception Generating and System instructions": "Unconditional branch
// (immediate)" op 00101 imm26, "Conditional branch (immediate)" 0101010 0 imm19 0 cond, "Compare and branch
// (immediate)" sf 011010 op imm19 Rt, "Test and branch (immediate)" b5 011011 op b40 imm14 Rt, "Unconditional
// branch (register)"). Offsets count from the branch's own address, in words.
public sealed partial class Arm64Encoder
{
    /// <summary><c>b label</c> — B, imm26 (±128 MiB; <see cref="InstructionEncoder.Finish"/> throws beyond).</summary>
    public void B(Label target) => EmitLabelReference(0x1400_0000, Arm64BranchForms.Imm26, target);

    /// <summary>
    /// <c>b symbol</c> (a tail call) — B with an <see cref="RelocationKind.Arm64Call26"/> relocation, addend 0.
    /// GNU as records <c>R_AARCH64_JUMP26</c> for B and <c>R_AARCH64_CALL26</c> for BL; linkers treat the two alike
    /// (both may go through a PLT entry or veneer), so one kind covers both.
    /// </summary>
    public void B(string symbol) => EmitRelocated(0x1400_0000, RelocationKind.Arm64Call26, symbol, 0);

    /// <summary><c>bl label</c> — BL, imm26; sets X30 to the next instruction.</summary>
    public void Bl(Label target) => EmitLabelReference(0x9400_0000, Arm64BranchForms.Imm26, target);

    /// <summary><c>bl symbol</c> — BL with an <see cref="RelocationKind.Arm64Call26"/> relocation (ELF R_AARCH64_CALL26), addend 0.</summary>
    public void Bl(string symbol) => EmitRelocated(0x9400_0000, RelocationKind.Arm64Call26, symbol, 0);

    /// <summary>
    /// <c>b.cond label</c>, relaxed: B.cond (imm19, ±1 MiB) when the target is in range, else
    /// <c>b.!cond +8; b label</c> (see <see cref="InstructionEncoder.Finish"/>). AL and NV are rejected: use <see cref="B(Label)"/>.
    /// </summary>
    public void B_cond(Arm64Condition condition, Label target)
    {
        if (condition is Arm64Condition.AL or Arm64Condition.NV)
            throw new ArgumentException("An always-taken B.cond cannot be inverted for relaxation; use B.", nameof(condition));
        Buffer.Branch(Arm64BranchForms.Imm19Branch, 0x5400_0000 | Cond(condition), target);
    }

    /// <summary><c>cbz xt, label</c>, relaxed like <see cref="B_cond"/> (to <c>cbnz xt, +8; b label</c>).</summary>
    public void Cbz_x(Arm64Register rt, Label target) => Buffer.Branch(Arm64BranchForms.Imm19Branch, 0xB400_0000 | Rz(rt, nameof(rt)), target);

    /// <summary><c>cbnz xt, label</c>, relaxed like <see cref="B_cond"/>.</summary>
    public void Cbnz_x(Arm64Register rt, Label target) => Buffer.Branch(Arm64BranchForms.Imm19Branch, 0xB500_0000 | Rz(rt, nameof(rt)), target);

    /// <summary><c>cbz wt, label</c> (tests the low 32 bits), relaxed like <see cref="B_cond"/>.</summary>
    public void Cbz_w(Arm64Register rt, Label target) => Buffer.Branch(Arm64BranchForms.Imm19Branch, 0x3400_0000 | Rz(rt, nameof(rt)), target);

    /// <summary><c>cbnz wt, label</c>, relaxed like <see cref="B_cond"/>.</summary>
    public void Cbnz_w(Arm64Register rt, Label target) => Buffer.Branch(Arm64BranchForms.Imm19Branch, 0x3500_0000 | Rz(rt, nameof(rt)), target);

    /// <summary>
    /// <c>tbz rt, #bit, label</c> (bit 0–63; the disassembler shows wt for bits below 32), relaxed: TBZ reaches
    /// ±32 KiB (imm14); beyond, <c>tbnz rt, #bit, +8; b label</c>.
    /// </summary>
    public void Tbz(Arm64Register rt, int bit, Label target) => TestBranch(0x3600_0000, rt, bit, target);

    /// <summary><c>tbnz rt, #bit, label</c>, relaxed like <see cref="Tbz"/>.</summary>
    public void Tbnz(Arm64Register rt, int bit, Label target) => TestBranch(0x3700_0000, rt, bit, target);

    private void TestBranch(uint opcode, Arm64Register rt, int bit, Label target)
    {
        CheckRange(bit, 0, 63, nameof(bit));
        Buffer.Branch(Arm64BranchForms.Imm14Branch, opcode | (uint)(bit >> 5) << 31 | (uint)(bit & 31) << 19 | Rz(rt, nameof(rt)), target);
    }

    /// <summary><c>br xn</c> — BR.</summary>
    public void Br(Arm64Register rn) => Emit(0xD61F_0000 | R(rn, nameof(rn)) << 5);

    /// <summary><c>blr xn</c> — BLR: call through a register (a closure's code pointer).</summary>
    public void Blr(Arm64Register rn) => Emit(0xD63F_0000 | R(rn, nameof(rn)) << 5);

    /// <summary><c>ret {xn}</c> — RET, X30 by default.</summary>
    public void Ret(Arm64Register rn = Arm64Register.X30) => Emit(0xD65F_0000 | R(rn, nameof(rn)) << 5);
}
