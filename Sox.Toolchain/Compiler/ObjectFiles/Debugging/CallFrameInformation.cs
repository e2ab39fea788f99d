using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// Call frame information for a module's functions (<c>sox build -g</c>): an allocated <c>.eh_frame</c> section in the
/// format of the LSB ("Exception Frames", Linux Standard Base Core §10.6) — DWARF 4 §6.4 call frame information with
/// the <c>zR</c> augmentation — so that gdb, libgcc's and LLVM's unwinders and <c>perf --call-graph dwarf</c> find the
/// caller of a Sox function at every instruction, prologue and epilogues included, and linkers index it in
/// <c>.eh_frame_hdr</c>.
/// <code>
/// CIE  { u32 length; u32 id = 0; u8 version = 1; "zR\0"; uleb code_alignment (x64 1, arm64 4); sleb data_alignment -8;
///        u8 return_address_register (x64 16 = RA, arm64 30 = LR); uleb 1; u8 DW_EH_PE_pcrel|sdata4;
///        initial instructions: x64 def_cfa rsp+8, offset RA at cfa-8; arm64 def_cfa sp+0; nops to 8 bytes }
/// FDE  { u32 length; u32 CIE_pointer (this field's offset − the CIE's); i32 pc_begin (PC-relative: a
///        PcRelative32Data relocation, R_X86_64_PC32 / R_AARCH64_PREL32); i32 pc_range; uleb 0 (no augmentation data);
///        instructions; nops to 8 bytes }                                                     one per function
/// </code>
/// The rows come from the steps the emitter recorded while it encoded each prologue and epilogue (<see cref="PrologueStep"/>),
/// so they cannot disagree with the code: after <c>push rbp</c> / <c>stp x29, x30, [sp, #-16]!</c> the CFA is SP + 16
/// and the frame pointer (and LR) are saved below it; after <c>mov rbp, rsp</c> / <c>mov x29, sp</c> the CFA is the
/// frame pointer + 16 and stays so (the body moves SP freely); each callee-saved store adds its register's slot.
/// Each epilogue is bracketed: <c>DW_CFA_remember_state</c> where it starts, the CFA back to SP (with every saved
/// register restored) once the frame record is popped, and after its <c>ret</c>, when code follows,
/// <c>DW_CFA_restore_state</c> plus an explicit <c>DW_CFA_def_cfa</c> (some unwinders keep the CFA rule out of the
/// remembered state). Every entry is padded with <c>DW_CFA_nop</c> to a multiple of 8 bytes, as GNU as does, so
/// modules' sections can be concatenated (<see cref="ObjectFileMerger"/>) without a zero word that would read as a
/// terminator. The pc_begin relocations name a local symbol at the module's <c>.text</c> start (ELF: the section
/// symbol), never a global function, which a shared library's link would reject in a read-only section.
/// </summary>
public static class CallFrameInformation
{
    /// <summary>The section's name.</summary>
    public const string SectionName = ".eh_frame";

    private const byte AdvanceLoc = 0x40, Offset = 0x80, Restore = 0xC0;
    private const byte AdvanceLoc1 = 0x02, AdvanceLoc2 = 0x03, AdvanceLoc4 = 0x04, OffsetExtended = 0x05, RestoreExtended = 0x06;
    private const byte RememberState = 0x0A, RestoreState = 0x0B, DefCfa = 0x0C, DefCfaRegister = 0x0D, DefCfaOffset = 0x0E, Nop = 0x00;
    private const byte PcRelSData4 = 0x1B;   // DW_EH_PE_pcrel | DW_EH_PE_sdata4 (LSB Table 10-6, 10-7)
    private const int DataAlignment = -8;

    /// <summary>
    /// Adds <c>.eh_frame</c> with one FDE per function of <paramref name="code"/> (whose bytes start at
    /// <paramref name="textBase"/> in <paramref name="text"/>) to <paramref name="obj"/>. <paramref name="textSymbol"/>
    /// names the local symbol it defines at <paramref name="text"/>'s start (unique per module).
    /// </summary>
    public static void Add(ObjectFile obj, ObjectSection text, int textBase, CompiledCode code, string textSymbol)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(code);
        if (code.Functions.Count == 0) return;
        var abi = Abi.For(obj.Machine);
        var section = obj.AddCustomSection(SectionName, ObjectSectionFlags.Allocated, 8);
        obj.DefineSymbol(textSymbol, text, 0, 0, ObjectSymbolBinding.Local, ObjectSymbolType.None);
        // One buffer for the whole section, entries appended in place (an FDE is typically 30–60 bytes).
        var bytes = new DebugByteWriter(64 + 48 * code.Functions.Count);
        var fdeStarts = new int[code.Functions.Count];
        var saved = new List<int>();

        // CIE (DWARF 4 §6.4.1; LSB §10.6.1.1): length, CIE_id 0, version 1, "zR".
        bytes.UInt32(0);
        bytes.UInt32(0);
        bytes.Byte(1);
        bytes.Byte((byte)'z');
        bytes.Byte((byte)'R');
        bytes.Byte(0);
        bytes.Uleb((ulong)abi.CodeAlignment);
        bytes.Sleb(DataAlignment);
        bytes.Byte((byte)abi.ReturnAddress);
        bytes.Uleb(1);
        bytes.Byte(PcRelSData4);
        bytes.Byte(DefCfa);
        bytes.Uleb((ulong)abi.StackPointer);
        bytes.Uleb((ulong)abi.EntryCfaOffset);
        if (abi.EntryCfaOffset > 0) AddOffset(bytes, abi.ReturnAddress, abi.EntryCfaOffset);
        Close(bytes, 0);

        for (var n = 0; n < code.Functions.Count; n++)   // in offset order (CompiledCode)
        {
            var f = code.Functions[n];
            int start = bytes.Length;
            fdeStarts[n] = start;
            bytes.UInt32(0);
            bytes.UInt32((uint)(start + 4));      // CIE_pointer: from this field back to the CIE at offset 0
            bytes.UInt32(0);                      // pc_begin, relocated
            bytes.UInt32((uint)f.Size);           // pc_range
            bytes.Uleb(0);
            Instructions(bytes, f, abi, saved);
            Close(bytes, start);
        }
        section.Append(bytes.ToArray());
        for (var n = 0; n < fdeStarts.Length; n++)
        {
            section.AddRelocation(new SymbolRelocation(fdeStarts[n] + 8, RelocationKind.PcRelative32Data, textSymbol, textBase + code.Functions[n].Offset));
        }
    }

    /// <summary>The FDE's instructions: the rows the recorded steps imply, in code order. <paramref name="saved"/> is
    /// scratch (reused from function to function).</summary>
    private static void Instructions(DebugByteWriter fde, CompiledFunction f, Abi abi, List<int> saved)
    {
        // The prologue's and the epilogues' steps are each in code order; merged, the prologue's first at equal offsets.
        var prologue = f.Prologue?.Steps ?? [];
        var epilogue = f.Epilogue;
        int nextPrologue = 0, nextEpilogue = 0;
        int location = 0;
        int cfaRegister = abi.StackPointer, cfaOffset = abi.EntryCfaOffset;
        int spFromCfa = abi.EntryCfaOffset;       // SP = CFA − spFromCfa
        int frameBaseFromCfa = abi.EntryCfaOffset; // the frame base of PrologueOperation.SaveNonvolatile = CFA − this
        saved.Clear();                            // DWARF numbers given a rule, for PopFrame
        while (nextPrologue < prologue.Count || nextEpilogue < epilogue.Count)
        {
            var (offset, step) = nextEpilogue >= epilogue.Count
                || (nextPrologue < prologue.Count && prologue[nextPrologue].Offset <= epilogue[nextEpilogue].Offset)
                ? prologue[nextPrologue++] : epilogue[nextEpilogue++];
            switch (step.Operation)
            {
                case PrologueOperation.PushNonvolatile:
                    Advance(offset);
                    spFromCfa += 8;
                    SetCfaOffsetIfSp();
                    Save(abi.Dwarf(step.Register), spFromCfa);
                    break;
                case PrologueOperation.PushPair:
                    Advance(offset);
                    spFromCfa += step.Value;
                    SetCfaOffsetIfSp();
                    Save(abi.Dwarf(step.Register), spFromCfa);
                    Save(abi.Dwarf(step.SecondRegister), spFromCfa - 8);
                    break;
                case PrologueOperation.Allocate:
                    spFromCfa += step.Value;
                    if (cfaRegister != abi.StackPointer) break;   // the CFA follows the frame pointer: no new row
                    Advance(offset);
                    SetCfaOffsetIfSp();
                    break;
                case PrologueOperation.SetFrameRegister:
                    Advance(offset);
                    frameBaseFromCfa = spFromCfa;
                    cfaRegister = abi.Dwarf(step.Register);
                    if (cfaOffset == spFromCfa - step.Value)
                    {
                        fde.Byte(DefCfaRegister);   // mov rbp, rsp / mov x29, sp: the same offset from another register
                        fde.Uleb((ulong)cfaRegister);
                        break;
                    }
                    cfaOffset = spFromCfa - step.Value;
                    fde.Byte(DefCfa);
                    fde.Uleb((ulong)cfaRegister);
                    fde.Uleb((ulong)cfaOffset);
                    break;
                case PrologueOperation.SaveNonvolatile:
                    Advance(offset);
                    Save(abi.Dwarf(step.Register), frameBaseFromCfa - step.Value);
                    break;
                case PrologueOperation.EpilogueStart:
                    Advance(offset);
                    fde.Byte(RememberState);
                    break;
                case PrologueOperation.PopFrame:
                    Advance(offset);
                    fde.Byte(DefCfa);
                    fde.Uleb((ulong)abi.StackPointer);
                    fde.Uleb((ulong)abi.EntryCfaOffset);
                    foreach (var register in saved)
                    {
                        if (register < 64) fde.Byte((byte)(Restore | register));
                        else
                        {
                            fde.Byte(RestoreExtended);
                            fde.Uleb((ulong)register);
                        }
                    }
                    break;
                case PrologueOperation.EpilogueEnd:
                    if (offset >= f.Size) break;   // nothing follows: the FDE ends here
                    Advance(offset);
                    fde.Byte(RestoreState);
                    fde.Byte(DefCfa);
                    fde.Uleb((ulong)cfaRegister);
                    fde.Uleb((ulong)cfaOffset);
                    break;
                default:
                    throw new InvalidOperationException($"{step.Operation} has no DWARF call frame description.");
            }
        }

        void SetCfaOffsetIfSp()
        {
            if (cfaRegister != abi.StackPointer) return;
            cfaOffset = spFromCfa;
            fde.Byte(DefCfaOffset);
            fde.Uleb((ulong)cfaOffset);
        }

        void Save(int register, int belowCfa)
        {
            AddOffset(fde, register, belowCfa);
            if (!saved.Contains(register)) saved.Add(register);
        }

        // DW_CFA_advance_loc* (§6.4.2.1), in units of the code alignment factor.
        void Advance(int offset)
        {
            if (offset < location) throw new InvalidOperationException("Frame steps out of order.");
            var delta = (offset - location) / abi.CodeAlignment;
            location = offset;
            if (delta == 0) return;
            if (delta < 64) fde.Byte((byte)(AdvanceLoc | delta));
            else if (delta <= byte.MaxValue)
            {
                fde.Byte(AdvanceLoc1);
                fde.Byte((byte)delta);
            }
            else if (delta <= ushort.MaxValue)
            {
                fde.Byte(AdvanceLoc2);
                fde.Byte((byte)delta);
                fde.Byte((byte)(delta >> 8));
            }
            else
            {
                fde.Byte(AdvanceLoc4);
                fde.UInt32((uint)delta);
            }
        }
    }

    /// <summary>DW_CFA_offset(_extended): <paramref name="register"/> saved at CFA − <paramref name="belowCfa"/>.</summary>
    private static void AddOffset(DebugByteWriter bytes, int register, int belowCfa)
    {
        if (belowCfa <= 0 || belowCfa % 8 != 0) throw new InvalidOperationException($"A save at CFA-{belowCfa} cannot be described.");
        if (register < 64) bytes.Byte((byte)(Offset | register));
        else
        {
            bytes.Byte(OffsetExtended);
            bytes.Uleb((ulong)register);
        }
        bytes.Uleb((ulong)(belowCfa / -DataAlignment));
    }

    /// <summary>Pads the entry that starts at <paramref name="start"/> with DW_CFA_nop to a multiple of 8 bytes and fills
    /// in its length (which does not count itself).</summary>
    private static void Close(DebugByteWriter bytes, int start)
    {
        while ((bytes.Length - start) % 8 != 0) bytes.Byte(Nop);
        bytes.PatchUInt32(start, (uint)(bytes.Length - start - 4));
    }

    /// <summary>What the CFI of one machine needs: DWARF register numbers (x86-64 psABI Figure 3.36 "DWARF Register
    /// Number Mapping"; AArch64 "DWARF for the Arm 64-bit Architecture" §4.1: X0–X30 0–30, SP 31, V0–V31 64–95), the
    /// return-address column, the instruction size unit and the CFA on entry.</summary>
    private sealed record Abi(int CodeAlignment, int ReturnAddress, int StackPointer, int EntryCfaOffset, Func<int, int> Dwarf)
    {
        // Our x86-64 physical numbers are the hardware numbers (RAX 0, RCX 1, RDX 2, RBX 3, RSP 4, RBP 5, RSI 6, RDI 7).
        private static readonly int[] X64General = [0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15];

        public static Abi For(ObjectMachine machine) => machine switch
        {
            // x86-64: CALL pushed the return address, so the CFA (the caller's SP before the call) is RSP + 8.
            ObjectMachine.X64 => new Abi(1, 16, 7, 8, r => r < TargetDescription.FloatBase ? X64General[r] : 17 + r - TargetDescription.FloatBase),
            // AArch64: BL left the return address in LR, the CFA is SP.
            ObjectMachine.Arm64 => new Abi(4, 30, 31, 0, r => r < TargetDescription.FloatBase ? r : 64 + r - TargetDescription.FloatBase),
            _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
        };
    }
}
