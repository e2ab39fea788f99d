namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>The COFF model of one object before layout: sections in header order (section number = list index + 1),
/// the symbol table as 18-byte records (symbols and their auxiliary records, in file order) and the string table.</summary>
internal sealed class CoffImage(CoffMachine machine, List<CoffSection> sections, List<byte[]> symbolRecords, byte[] strings)
{
    public CoffMachine Machine { get; } = machine;
    public List<CoffSection> Sections { get; } = sections;
    public List<byte[]> SymbolRecords { get; } = symbolRecords;
    public byte[] Strings { get; } = strings;
}
