using LibObjectFile.Dwarf;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// The DWARF 4 description of Sox variables (<see cref="DebugVariable"/>), as children of their function's
/// <c>DW_TAG_subprogram</c>:
/// <list type="bullet">
/// <item>one <c>DW_TAG_typedef</c> named <c>SoxValue</c> per compile unit, of an 8-byte unsigned base type (§5.1,
/// §5.3): every Sox value is that NaN-boxed word, and the name is what the pretty printers of <c>Sox.Sdk/debugger</c>
/// match (a typedef, because LLDB turns a base type into its builtin and drops the name; debugging.md);</item>
/// <item><c>DW_AT_frame_base</c> on the subprogram (§3.3.5): the frame pointer register (RBP, X29), which every Sox
/// frame keeps (architecture.md D3), so frame slots are <c>DW_OP_fbreg</c> offsets (§2.5.1.2);</item>
/// <item>per variable a <c>DW_TAG_formal_parameter</c> (parameters, <c>this</c>) or <c>DW_TAG_variable</c> (locals
/// and this closure's captured variables) with name, <c>DW_AT_decl_file</c>/<c>DW_AT_decl_line</c>, type and
/// <c>DW_AT_location</c> (§2.6): an expression (<c>exprloc</c>) when one location holds for the whole function, else a
/// location list in <c>.debug_loc</c> (§2.6.2) with one entry per range; addresses where no entry applies are
/// "optimized out" to the debugger. A variable never kept anywhere gets no <c>DW_AT_location</c> at all (§2.6:
/// "optimized out").</item>
/// </list>
/// The DIEs are LibObjectFile's; the location lists' bytes are written by <see cref="DwarfLocationLists"/>. Their
/// entries hold offsets from the compile unit's base address (its <c>DW_AT_low_pc</c>, §2.6.2), so they need no
/// relocation; the <c>DW_AT_location</c> <c>sec_offset</c> into <c>.debug_loc</c> does, and
/// <see cref="DwarfDebugInfo"/> adds it as it does for <c>DW_AT_stmt_list</c>.
/// </summary>
internal static class DwarfVariables
{
    /// <summary>The type name the pretty printers match (debugging.md "Where they apply").</summary>
    public const string TypeName = "SoxValue";

    /// <summary><c>DW_ATE_unsigned</c> (§7.8, Table 7.11).</summary>
    private const ulong DwAteUnsigned = 0x07;

    /// <summary>Adds the <c>SoxValue</c> typedef (and its base type) to <paramref name="unit"/> and returns it.</summary>
    public static DwarfDIE AddValueType(DwarfDIECompileUnit unit)
    {
        // §5.1: an 8-byte DW_ATE_unsigned base type, named as C names it; §5.3: the typedef the debuggers show.
        var word = new DwarfDIEBaseType { Name = "unsigned long" };
        word.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.ByteSize, ValueAsU64 = 8, Encoding = DwarfAttributeEncoding.Constant });
        word.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.Encoding, ValueAsU64 = DwAteUnsigned, Encoding = DwarfAttributeEncoding.Constant });
        var typedef = new DwarfDIETypedef { Name = TypeName, Type = word };
        unit.Children.Add(word);
        unit.Children.Add(typedef);
        return typedef;
    }

    /// <summary>
    /// Adds <paramref name="function"/>'s frame base and variables to <paramref name="subprogram"/>; each location list
    /// goes into <paramref name="locations"/>, and each attribute that refers to one (its <c>ValueAsU64</c> is the list's
    /// offset there) into <paramref name="references"/>, whose relocations are added once the sections are written.
    /// <paramref name="unitBase"/> is the offset of the function's first byte from the compile unit's <c>DW_AT_low_pc</c>.
    /// </summary>
    public static void Add(DwarfDIESubprogram subprogram, CompiledFunction function, ulong unitBase, DwarfDIE type, ObjectMachine machine,
        DwarfLocationLists locations, List<DwarfAttribute> references)
    {
        subprogram.FrameBase = Expression([RegisterOperation(Register(machine, FramePointer(machine)))]);
        foreach (var variable in function.Variables)
        {
            DwarfDIEDeclaration die = variable.Kind == DebugVariableKind.Parameter
                ? new DwarfDIEFormalParameter { Name = variable.Name, Type = type }
                : new DwarfDIEVariable { Name = variable.Name, Type = type };
            die.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.DeclFile, ValueAsU64 = 1, Encoding = DwarfAttributeEncoding.Constant });
            die.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.DeclLine, ValueAsU64 = (ulong)Math.Max(1, variable.DeclarationLine), Encoding = DwarfAttributeEncoding.Constant });
            var ranges = variable.Ranges;
            if (ranges.Count == 1 && ranges[0].Start == 0 && ranges[0].End >= function.Size)
            {
                die.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.Location, ValueAsObject = Expression(Operations(ranges[0].Location, machine)) });
            }
            else if (ranges.Count > 0)
            {
                // DW_FORM_sec_offset (§7.5.4, class loclistptr): the list's offset in .debug_loc.
                var attribute = new DwarfAttribute
                {
                    Kind = DwarfAttributeKind.Location,
                    Encoding = DwarfAttributeEncoding.LocationList,
                    ValueAsU64 = (ulong)locations.Add(ranges, unitBase, machine),
                };
                die.Attributes.Add(attribute);
                references.Add(attribute);
            }
            subprogram.Children.Add(die);
        }
    }

    /// <summary>What follows an operation's opcode (DWARF 4 §2.5.1, §2.6.1.1.3).</summary>
    internal enum OperandKinds
    {
        /// <summary>Nothing (<c>DW_OP_reg&lt;n&gt;</c>, <c>DW_OP_deref</c>).</summary>
        None,
        /// <summary>An unsigned LEB128 <see cref="Operation.First"/> (<c>DW_OP_regx</c>, <c>DW_OP_plus_uconst</c>).</summary>
        Unsigned,
        /// <summary>A signed LEB128 <see cref="Operation.First"/> (<c>DW_OP_fbreg</c>).</summary>
        Signed,
        /// <summary>A signed LEB128 <see cref="Operation.Second"/>: <c>DW_OP_breg&lt;n&gt;</c>, whose register
        /// (<see cref="Operation.First"/>) is in the opcode.</summary>
        SignedSecond,
        /// <summary>An unsigned then a signed LEB128 (<c>DW_OP_bregx</c>).</summary>
        UnsignedSigned,
    }

    /// <summary>One DWARF expression operation: its opcode (§7.7.1, Table 7.9) and operands.</summary>
    /// <param name="Opcode">The <c>DW_OP_*</c> code.</param>
    /// <param name="Operands">Which operands the encoding carries.</param>
    /// <param name="First">The first operand (for <c>DW_OP_reg&lt;n&gt;</c>/<c>DW_OP_breg&lt;n&gt;</c>, n).</param>
    /// <param name="Second">The second operand.</param>
    internal readonly record struct Operation(byte Opcode, OperandKinds Operands, long First, long Second = 0);

    /// <summary>
    /// The location description (§2.6.1) of a <see cref="DebugLocation"/>: a register holding the value is
    /// <c>DW_OP_reg</c>; a slot holding it is <c>DW_OP_fbreg</c> (its address); with indirections, the address of the
    /// value is computed from the register (<c>DW_OP_breg</c> + the first offset) or the slot's contents
    /// (<c>DW_OP_fbreg; DW_OP_deref; DW_OP_plus_uconst</c>), each further step <c>DW_OP_deref; DW_OP_plus_uconst</c>.
    /// One list for both encodings: LibObjectFile's (<c>exprloc</c> in <c>.debug_info</c>) and
    /// <see cref="DwarfLocationLists"/>' (<c>.debug_loc</c>).
    /// </summary>
    internal static Operation[] Operations(DebugLocation location, ObjectMachine machine)
    {
        var indirections = location.Indirections;
        var steps = location.Base == DebugLocationBase.Register && indirections.Count > 0 ? indirections.Count - 1 : indirections.Count;
        var ops = new Operation[1 + 2 * steps];
        var next = 0;
        if (location.Base == DebugLocationBase.Register)
        {
            var register = Register(machine, location.Number);
            ops[0] = indirections.Count == 0 ? RegisterOperation(register) : BaseRegister(register, indirections[next++]);
        }
        else
        {
            ops[0] = new Operation((byte)DwarfOperationKind.Fbreg, OperandKinds.Signed, location.Number);
        }
        for (var n = 1; next < indirections.Count; next++)
        {
            ops[n++] = new Operation((byte)DwarfOperationKind.Deref, OperandKinds.None, 0);
            ops[n++] = new Operation((byte)DwarfOperationKind.PlusUconst, OperandKinds.Unsigned, indirections[next]);
        }
        return ops;
    }

    /// <summary>The operations as LibObjectFile's model, for an <c>exprloc</c> attribute.</summary>
    private static DwarfExpression Expression(Operation[] operations)
    {
        var expression = new DwarfExpression();
        foreach (var op in operations)
        {
            var operation = new DwarfOperation { Kind = (DwarfOperationKind)op.Opcode, Operand1 = new DwarfInteger { I64 = op.First } };
            if (op.Operands is OperandKinds.SignedSecond or OperandKinds.UnsignedSigned) operation.Operand2 = new DwarfInteger { I64 = op.Second };
            expression.Operations.Add(operation);
        }
        return expression;
    }

    /// <summary><c>DW_OP_reg&lt;n&gt;</c> or <c>DW_OP_regx n</c> (§2.6.1.1.3).</summary>
    private static Operation RegisterOperation(int dwarfRegister) => dwarfRegister < 32
        ? new Operation((byte)((int)DwarfOperationKind.Reg0 + dwarfRegister), OperandKinds.None, dwarfRegister)
        : new Operation((byte)DwarfOperationKind.Regx, OperandKinds.Unsigned, dwarfRegister);

    /// <summary><c>DW_OP_breg&lt;n&gt; offset</c> or <c>DW_OP_bregx n offset</c> (§2.5.1.2).</summary>
    private static Operation BaseRegister(int dwarfRegister, int offset) => dwarfRegister < 32
        ? new Operation((byte)((int)DwarfOperationKind.Breg0 + dwarfRegister), OperandKinds.SignedSecond, dwarfRegister, offset)
        : new Operation((byte)DwarfOperationKind.Bregx, OperandKinds.UnsignedSigned, dwarfRegister, offset);

    /// <summary>The frame pointer in the targets' numbering (x64 RBP = 5, arm64 X29 = 29; TargetDescription).</summary>
    private static int FramePointer(ObjectMachine machine) => machine == ObjectMachine.X64 ? 5 : 29;

    /// <summary>
    /// The DWARF number of a physical register of <see cref="CodeGen.TargetDescription"/>'s numbering (general
    /// registers by hardware encoding, float registers from <see cref="CodeGen.TargetDescription.FloatBase"/>): x86-64
    /// psABI §3.6.2 (RAX 0, RDX 1, RCX 2, RBX 3, RSI 4, RDI 5, RBP 6, RSP 7, R8–R15 8–15, XMM0–15 17–32); AArch64
    /// DWARF ABI §4.1 (X0–X30 0–30, SP 31, V0–V31 64–95).
    /// </summary>
    public static int Register(ObjectMachine machine, int physical)
    {
        if (physical >= TargetDescription.FloatBase)
        {
            var n = physical - TargetDescription.FloatBase;
            return machine == ObjectMachine.X64 ? 17 + n : 64 + n;
        }
        if (machine != ObjectMachine.X64) return physical;
        return physical switch
        {
            0 => 0,
            1 => 2,
            2 => 1,
            3 => 3,
            4 => 7,
            5 => 6,
            6 => 4,
            7 => 5,
            _ => physical,
        };
    }
}
