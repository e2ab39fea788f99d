using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewBuiltinType;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewConstants;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewTypeLeaf;

namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// The type records of one object's <c>.debug$T</c> (CodeView type records; layouts from cvinfo.h and LLVM's
/// <c>TypeRecordMapping.cpp</c>): each record is <c>u16 length</c> (not counting itself), <c>u16 leaf</c> and its
/// fields, padded to 4 bytes with <c>LF_PAD</c> bytes. Records are numbered from <see cref="FirstTypeIndex"/> in the
/// order they are added; an identical record is added once and its index reused, as compilers do. Both type records
/// (<c>LF_PROCEDURE</c>, …) and id records (<c>LF_FUNC_ID</c>) go into the one stream, as in clang's and MSVC's
/// objects: the linker sorts them into the PDB's TPI and IPI streams.
/// </summary>
internal sealed class CodeViewTypeTable
{
    private readonly CodeViewWriter _bytes = new();
    private readonly Dictionary<string, uint> _known = new(StringComparer.Ordinal);
    private uint _next = FirstTypeIndex;
    private uint? _soxValue;

    public CodeViewTypeTable() => _bytes.U32(CV_SIGNATURE_C13);

    /// <summary>The section's contents: the signature, then the records.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>
    /// <c>SoxValue</c>, the type of every Sox value: <c>struct SoxValue { unsigned __int64 bits; }</c> (8 bytes, the
    /// NaN-boxed word of runtime-abi.md "Values"). A struct and not a typedef: CodeView has no typedef record for C
    /// (a C typedef leaves only an <c>S_UDT</c> name, and variables are typed by the underlying <c>unsigned __int64</c>),
    /// while Visual Studio's natvis visualizers and WinDbg's scripts find a type by its name.
    /// </summary>
    public uint SoxValue => _soxValue ??= AddSoxValue();

    /// <summary><c>LF_FUNC_ID</c> for a function named <paramref name="name"/> taking <paramref name="parameters"/> and
    /// returning <paramref name="result"/> (null: void), with its <c>LF_PROCEDURE</c> and <c>LF_ARGLIST</c>.</summary>
    public uint FunctionId(string name, IReadOnlyList<uint> parameters, uint? result)
    {
        var arguments = Add(LF_ARGLIST, w =>
        {
            w.U32(parameters.Count);
            foreach (var p in parameters) w.U32(p);
        });
        var procedure = Add(LF_PROCEDURE, w =>
        {
            w.U32(result ?? (uint)T_VOID);
            w.U8(CV_CALL_NEAR_C);
            w.U8(0);                      // function attributes: none
            w.U16(parameters.Count);
            w.U32(arguments);
        });
        return Add(LF_FUNC_ID, w =>
        {
            w.U32(0u);                    // parent scope: none (a global function)
            w.U32(procedure);
            w.String(name);
        });
    }

    private uint AddSoxValue()
    {
        var fields = Add(LF_FIELDLIST, w =>
        {
            // LF_MEMBER: attributes, type, offset (a numeric leaf: values below 0x8000 are the u16 itself), name;
            // members inside a field list are padded like records.
            w.U16((ushort)LF_MEMBER);
            w.U16(MemberAccessPublic);
            w.U32((uint)T_UQUAD);
            w.U16(0);
            w.String("bits");
            w.AlignTo4WithTypePadding();
        });
        return Add(LF_STRUCTURE, w =>
        {
            w.U16(1);                     // member count
            w.U16(0);                     // properties: none
            w.U32(fields);
            w.U32(0u);                    // derived-from list
            w.U32(0u);                    // vtable shape
            w.U16(8);                     // size in bytes (numeric leaf)
            w.String("SoxValue");
        });
    }

    private uint Add(CodeViewTypeLeaf leaf, Action<CodeViewWriter> fields)
    {
        var record = new CodeViewWriter();
        record.U16(0);
        record.U16((ushort)leaf);
        fields(record);
        record.AlignTo4WithTypePadding();
        record.PatchU16(0, record.Position - 2);
        var bytes = record.ToArray();
        var key = Convert.ToHexString(bytes);
        if (_known.TryGetValue(key, out var index)) return index;
        _bytes.Bytes(bytes);
        _known.Add(key, _next);
        return _next++;
    }
}
