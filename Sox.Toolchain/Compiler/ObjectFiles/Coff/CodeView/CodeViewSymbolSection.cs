using Sox.Compiler.Ir;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewConstants;

namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// The bytes of one object's <c>.debug$S</c> as they are written, with the relocations they need: the signature,
/// then subsections (<c>u32 kind</c>, <c>u32 length</c> of the contents, the contents, zero padding to 4 bytes, the
/// padding not counted — LLVM <c>CodeViewDebug::endCVSubsection</c>). Symbol records inside a
/// <see cref="CodeViewSubsectionKind.DEBUG_S_SYMBOLS"/> subsection are <c>u16 length</c> (not counting itself), <c>u16 kind</c>, fields,
/// zero-padded to 4 bytes as LLVM writes them.
/// </summary>
internal sealed class CodeViewSymbolSection
{
    private readonly CodeViewWriter _bytes = new();
    private readonly List<SymbolRelocation> _relocations = [];
    private int _subsectionStart = -1;
    private int _recordStart = -1;

    public CodeViewSymbolSection() => _bytes.U32(CV_SIGNATURE_C13);

    public CodeViewWriter Bytes => _bytes;

    public IReadOnlyList<SymbolRelocation> Relocations => _relocations;

    public void BeginSubsection(CodeViewSubsectionKind kind)
    {
        if (_subsectionStart >= 0) throw new InvalidOperationException("A subsection is already open.");
        _bytes.U32((uint)kind);
        _subsectionStart = _bytes.Position;
        _bytes.U32(0u);
    }

    public void EndSubsection()
    {
        _bytes.PatchU32(_subsectionStart, _bytes.Position - _subsectionStart - 4);
        _bytes.AlignTo4();
        _subsectionStart = -1;
    }

    public void BeginRecord(CodeViewSymbolKind kind)
    {
        _recordStart = _bytes.Position;
        _bytes.U16(0);
        _bytes.U16((ushort)kind);
    }

    public void EndRecord()
    {
        _bytes.AlignTo4();
        _bytes.PatchU16(_recordStart, _bytes.Position - _recordStart - 2);
        _recordStart = -1;
    }

    /// <summary>A code address as CodeView holds it: <c>u32</c> offset in its section (<c>IMAGE_REL_AMD64_SECREL</c>)
    /// then <c>u16</c> section number (<c>IMAGE_REL_AMD64_SECTION</c>), both against <paramref name="symbol"/>.</summary>
    public void Address(string symbol, int addend)
    {
        _relocations.Add(new SymbolRelocation(_bytes.Position, RelocationKind.SectionRelative32, symbol, addend));
        _bytes.U32(0u);
        _relocations.Add(new SymbolRelocation(_bytes.Position, RelocationKind.SectionIndex16, symbol, 0));
        _bytes.U16(0);
    }
}
