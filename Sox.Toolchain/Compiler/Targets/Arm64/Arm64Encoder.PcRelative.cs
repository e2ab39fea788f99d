using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

// PC-relative addressing: ADR (op 0) and ADRP (op 1), op immlo 10000 immhi Rd (Arm ARM C4.1.92 "PC-rel.
// addressing", C6.2 ADR, ADRP), and the :lo12: ADD that completes an ADRP. Rd of ADR/ADRP is the zero register
// when 31, so only X0…X30 are accepted.
public sealed partial class Arm64Encoder
{
    /// <summary><c>adr xd, label</c> — ADR: the label's address (±1 MiB; <see cref="InstructionEncoder.Finish"/> throws beyond).</summary>
    public void Adr(Arm64Register rd, Label target) => EmitLabelReference(0x1000_0000 | R(rd, nameof(rd)), Arm64BranchForms.Adr21, target);

    /// <summary>
    /// <c>adrp xd, symbol+addend</c> — ADRP with an <see cref="RelocationKind.Arm64AdrPage21"/> relocation
    /// (ELF R_AARCH64_ADR_PREL_PG_HI21): the 4 KiB page of the address, to be completed by
    /// <see cref="Add_x_lo12"/> or a <see cref="Arm64Memory.SymbolLow12"/> load with the same symbol and addend.
    /// </summary>
    public void Adrp(Arm64Register rd, string symbol, long addend = 0) =>
        EmitRelocated(0x9000_0000 | R(rd, nameof(rd)), RelocationKind.Arm64AdrPage21, symbol, addend);

    /// <summary>
    /// <c>adrp xd, :got:symbol</c> — ADRP of the symbol's GOT entry (<see cref="RelocationKind.Arm64GotPage21"/>,
    /// ELF R_AARCH64_ADR_GOT_PAGE), completed by <c>ldr xd, [xd, :got_lo12:symbol]</c> (<see cref="Arm64Memory.GotLow12"/>).
    /// </summary>
    public void Adrp_got(Arm64Register rd, string symbol) =>
        EmitRelocated(0x9000_0000 | R(rd, nameof(rd)), RelocationKind.Arm64GotPage21, symbol, 0);

    /// <summary>
    /// <c>add xd|sp, xn|sp, :lo12:symbol+addend</c> — ADD (immediate) with an <see cref="RelocationKind.Arm64AddLow12"/>
    /// relocation (ELF R_AARCH64_ADD_ABS_LO12_NC) on imm12.
    /// </summary>
    public void Add_x_lo12(Arm64Register rd, Arm64Register rn, string symbol, long addend = 0) =>
        EmitRelocated(0x9100_0000 | Rsp(rn, nameof(rn)) << 5 | Rsp(rd, nameof(rd)), RelocationKind.Arm64AddLow12, symbol, addend);
}
