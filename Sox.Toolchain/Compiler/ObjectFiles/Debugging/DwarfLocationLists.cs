using Sox.Compiler.CodeGen;

namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// The bytes of a <c>.debug_loc</c> section (DWARF 4 §2.6.2, §7.7.3), written directly rather than through
/// LibObjectFile's <c>DwarfLocationSection</c> model. A location list is a sequence of entries
/// <code>
/// u64 begin; u64 end;          offsets from the compile unit's base address (its DW_AT_low_pc), [begin, end)
/// u16 length; u8 expression[length]
/// </code>
/// ended by an entry whose two addresses are 0. The compile unit and its DIEs stay LibObjectFile's
/// (<see cref="DwarfDebugInfo"/>); a variable's <c>DW_AT_location</c> there holds the list's offset here
/// (<c>DW_FORM_sec_offset</c>, relocated against this section's start so that linked modules' lists stay apart).
/// Writing the lists here saves a model object per list, entry, expression and operation (thousands per module) and
/// LibObjectFile's layout, verification and relocation passes over them, which were a measurable part of what
/// <c>-g</c> cost (docs/performance.md, "Debug information"); the bytes are the ones LibObjectFile wrote.
/// </summary>
internal sealed class DwarfLocationLists
{
    private readonly DebugByteWriter _bytes = new(4096);

    /// <summary>Whether no list was added.</summary>
    public bool IsEmpty => _bytes.Length == 0;

    /// <summary>
    /// Appends the list of <paramref name="ranges"/> (offsets from their function's start, which lies
    /// <paramref name="functionOffset"/> bytes after the unit's base address) and returns its offset in the section.
    /// </summary>
    public int Add(IReadOnlyList<DebugVariableRange> ranges, ulong functionOffset, ObjectMachine machine)
    {
        var offset = _bytes.Length;
        foreach (var range in ranges)
        {
            _bytes.UInt64(functionOffset + (ulong)range.Start);
            _bytes.UInt64(functionOffset + (ulong)range.End);
            var lengthAt = _bytes.Length;
            _bytes.Reserve(2);
            foreach (var operation in DwarfVariables.Operations(range.Location, machine)) Encode(operation);
            var length = _bytes.Length - lengthAt - 2;
            if (length > ushort.MaxValue) throw new InvalidOperationException("A location expression longer than 65535 bytes.");
            _bytes.PatchUInt16(lengthAt, (ushort)length);
        }
        _bytes.UInt64(0);   // end of list (§2.6.2: both addresses 0)
        _bytes.UInt64(0);
        return offset;
    }

    /// <summary>The section's bytes.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>One operation (§2.5.1, §2.6.1.1.3; opcodes §7.7.1 Table 7.9): the opcode, then its operands.</summary>
    private void Encode(DwarfVariables.Operation operation)
    {
        _bytes.Byte(operation.Opcode);
        switch (operation.Operands)
        {
            case DwarfVariables.OperandKinds.None:
                break;
            case DwarfVariables.OperandKinds.Unsigned:
                _bytes.Uleb((ulong)operation.First);
                break;
            case DwarfVariables.OperandKinds.Signed:
                _bytes.Sleb(operation.First);
                break;
            case DwarfVariables.OperandKinds.SignedSecond:
                _bytes.Sleb(operation.Second);
                break;
            case DwarfVariables.OperandKinds.UnsignedSigned:
                _bytes.Uleb((ulong)operation.First);
                _bytes.Sleb(operation.Second);
                break;
        }
    }
}
