using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sox.Compiler.ObjectFiles.Coff.Internal;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// Decodes the bytes of a COFF object (as written, independently of the model it came from) into a readable,
/// line-oriented text, for tests and for <c>--dump</c> switches:
/// <code>
/// coff IMAGE_FILE_MACHINE_AMD64 sections=2 symbols=7 symtab=0x9a strings=0x4
/// section [1] .text raw=.text characteristics=CNT_CODE|MEM_EXECUTE|MEM_READ align=16 size=0x10 data=0x64 relocs=0x74 nreloc=1
/// symbol [0] .file FILE section=DEBUG value=0x0 type=0x0 aux=1 file=app.sox
/// symbol [2] .text STATIC section=.text value=0x0 type=0x0 aux=1 length=0x10 nreloc=1 checksum=0x0 number=0 selection=0
/// symbol [6] puts EXTERNAL section=UNDEFINED value=0x0 type=0x20 aux=0
/// relocation .text+0x1 IMAGE_REL_AMD64_REL32 puts field=0x0
/// </code>
/// Names come from the string table where the record says so; <c>raw=</c> shows a section header's own name field
/// (<c>/N</c> for a long name). <c>field=</c> is what the relocated field holds: the implicit addend.
/// </summary>
public static class CoffObjectDumper
{
    /// <summary>Returns the dump of the object in <paramref name="coff"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed COFF object.</exception>
    public static string Dump(ReadOnlySpan<byte> coff)
    {
        if (coff.Length < CoffFileHeader.Size) throw new InvalidDataException("Too short for a COFF file header.");
        var header = CoffFileHeader.Read(coff);
        long stringsAt = header.PointerToSymbolTable + (long)header.NumberOfSymbols * CoffSymbol.Size;
        if (stringsAt + 4 > coff.Length) throw new InvalidDataException("The symbol table or string table lies outside the file.");
        uint stringSize = BinaryPrimitives.ReadUInt32LittleEndian(coff[(int)stringsAt..]);
        if (stringSize < 4 || stringsAt + stringSize > coff.Length) throw new InvalidDataException($"String table size {stringSize} is out of range.");
        var strings = coff.Slice((int)stringsAt, (int)stringSize);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"coff {header.Machine} sections={header.NumberOfSections} symbols={header.NumberOfSymbols} symtab=0x{header.PointerToSymbolTable:x} strings=0x{stringSize:x}\n");
        var sections = new (CoffSectionHeader Header, string Name)[header.NumberOfSections];
        for (int i = 0; i < sections.Length; i++)
        {
            var h = CoffSectionHeader.Read(Slice(coff, CoffFileHeader.Size + (long)i * CoffSectionHeader.Size, CoffSectionHeader.Size));
            sections[i] = (h, SectionName(h.Name, strings));
            text.Append(CultureInfo.InvariantCulture,
                $"section [{i + 1}] {sections[i].Name} raw={h.Name} characteristics={Flags(h.Characteristics)} align={CoffSectionAlignment.AlignmentOf(h.Characteristics)} size=0x{h.SizeOfRawData:x} data=0x{h.PointerToRawData:x} relocs=0x{h.PointerToRelocations:x} nreloc={RelocationCount(coff, h)}\n");
        }

        var symbolNames = new Dictionary<uint, string>();
        for (uint i = 0; i < header.NumberOfSymbols; i++)
        {
            var record = Slice(coff, header.PointerToSymbolTable + (long)i * CoffSymbol.Size, CoffSymbol.Size);
            var symbol = CoffSymbol.Read(record);
            string name = symbol.ShortName ?? CoffStringTable.Read(strings, symbol.NameOffset);
            symbolNames[i] = name;
            string section = symbol.SectionNumber switch
            {
                CoffSymbol.IMAGE_SYM_UNDEFINED => "UNDEFINED",
                CoffSymbol.IMAGE_SYM_ABSOLUTE => "ABSOLUTE",
                CoffSymbol.IMAGE_SYM_DEBUG => "DEBUG",
                var n when (ushort)n <= sections.Length => sections[(ushort)n - 1].Name,
                var n => $"<section {(ushort)n}>",
            };
            string storage = symbol.StorageClass.ToString().Replace("IMAGE_SYM_CLASS_", "", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"symbol [{i}] {name} {storage} section={section} value=0x{symbol.Value:x} type=0x{symbol.Type:x} aux={symbol.NumberOfAuxSymbols}");
            if (symbol.NumberOfAuxSymbols > 0)
            {
                var aux = Slice(coff, header.PointerToSymbolTable + (long)(i + 1) * CoffSymbol.Size, symbol.NumberOfAuxSymbols * CoffSymbol.Size);
                if (symbol.StorageClass == CoffStorageClass.IMAGE_SYM_CLASS_FILE)
                {
                    int end = aux.IndexOf((byte)0);
                    text.Append(" file=").Append(Encoding.UTF8.GetString(end < 0 ? aux : aux[..end]));
                }
                else if (symbol.StorageClass == CoffStorageClass.IMAGE_SYM_CLASS_STATIC && symbol.Value == 0 && symbol.SectionNumber > 0)
                {
                    var d = CoffAuxSectionDefinition.Read(aux);
                    text.Append(CultureInfo.InvariantCulture,
                        $" length=0x{d.Length:x} nreloc={d.NumberOfRelocations} checksum=0x{d.CheckSum:x} number={d.Number} selection={d.Selection}");
                }
            }
            text.Append('\n');
            i += symbol.NumberOfAuxSymbols;
        }

        foreach (var (h, name) in sections)
        {
            int count = RelocationCount(coff, h);
            bool overflow = h.Characteristics.HasFlag(CoffSectionCharacteristics.IMAGE_SCN_LNK_NRELOC_OVFL);
            for (int r = overflow ? 1 : 0; r < count; r++)
            {
                var relocation = CoffRelocation.Read(Slice(coff, h.PointerToRelocations + (long)r * CoffRelocation.Size, CoffRelocation.Size));
                var type = (CoffAmd64RelocationType)relocation.Type;
                string target = symbolNames.TryGetValue(relocation.SymbolTableIndex, out var s) ? s : $"<symbol {relocation.SymbolTableIndex}>";
                long field = type switch
                {
                    CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64 => BinaryPrimitives.ReadInt64LittleEndian(Slice(coff, h.PointerToRawData + (long)relocation.VirtualAddress, 8)),
                    CoffAmd64RelocationType.IMAGE_REL_AMD64_SECTION => BinaryPrimitives.ReadUInt16LittleEndian(Slice(coff, h.PointerToRawData + (long)relocation.VirtualAddress, 2)),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(Slice(coff, h.PointerToRawData + (long)relocation.VirtualAddress, 4)),
                };
                string typeName = Enum.IsDefined(type) ? type.ToString() : $"<type 0x{relocation.Type:x}>";
                text.Append(CultureInfo.InvariantCulture, $"relocation {name}+0x{relocation.VirtualAddress:x} {typeName} {target} field={(field < 0 ? "-" : "")}0x{Math.Abs(field):x}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Records in the section's table: the header's count, or under <c>IMAGE_SCN_LNK_NRELOC_OVFL</c> the
    /// count in the first record (which counts itself).</summary>
    private static int RelocationCount(ReadOnlySpan<byte> coff, CoffSectionHeader h) =>
        h.Characteristics.HasFlag(CoffSectionCharacteristics.IMAGE_SCN_LNK_NRELOC_OVFL) && h.NumberOfRelocations == ushort.MaxValue
            ? (int)CoffRelocation.Read(Slice(coff, h.PointerToRelocations, CoffRelocation.Size)).VirtualAddress
            : h.NumberOfRelocations;

    private static string SectionName(string field, ReadOnlySpan<byte> strings)
    {
        if (field.StartsWith("//", StringComparison.Ordinal))
        {
            const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            long offset = 0;
            foreach (char c in field[2..]) offset = offset * 64 + digits.IndexOf(c, StringComparison.Ordinal);
            return CoffStringTable.Read(strings, (uint)offset);
        }
        return field.StartsWith('/') && uint.TryParse(field.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out uint at)
            ? CoffStringTable.Read(strings, at) : field;
    }

    private static string Flags(CoffSectionCharacteristics characteristics)
    {
        var names = Enum.GetValues<CoffSectionCharacteristics>()
            .Where(f => f != 0 && (f & CoffSectionCharacteristics.IMAGE_SCN_ALIGN_MASK) == 0 && System.Numerics.BitOperations.PopCount((uint)f) == 1 && characteristics.HasFlag(f))
            .Select(f => f.ToString().Replace("IMAGE_SCN_", "", StringComparison.Ordinal)).ToList();
        return names.Count == 0 ? "0" : string.Join('|', names);
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> coff, long offset, int length)
    {
        if (offset < 0 || offset + length > coff.Length)
            throw new InvalidDataException($"Bytes 0x{offset:x}..0x{offset + length:x} lie outside the file (0x{coff.Length:x} bytes).");
        return coff.Slice((int)offset, length);
    }
}
