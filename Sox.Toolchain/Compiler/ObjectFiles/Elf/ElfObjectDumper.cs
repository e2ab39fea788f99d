using System.Globalization;
using System.Text;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// Decodes the bytes of an ELF64 relocatable object (as written, independently of the model it came from) into
/// a readable, line-oriented text, for tests and for <c>--dump</c> switches:
/// <code>
/// elf EM_X86_64 ET_REL sections=9 shstrndx=8
/// section [1] .text SHT_PROGBITS flags=AX align=16 offset=0x40 size=0x50 link=0 info=0 entsize=0
/// symbol [5] main STB_GLOBAL STT_FUNC .text value=0x0 size=0x4a
/// relocation .text+0xc R_X86_64_PC32 .rodata-0x4
/// </code>
/// Flags use readelf's letters (W write, A alloc, X execute, M merge, S strings, I info link). Section symbols
/// show the section's name; <c>st_shndx</c> shows the section's name or <c>UND</c>/<c>ABS</c>.
/// </summary>
public static class ElfObjectDumper
{
    /// <summary>Returns the dump of the object in <paramref name="elf"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed little-endian ELF64 object.</exception>
    public static string Dump(ReadOnlySpan<byte> elf)
    {
        var header = ElfHeader.Read(elf);
        var headers = new ElfSectionHeader[header.SectionHeaderCount];
        for (int i = 0; i < headers.Length; i++)
            headers[i] = ElfSectionHeader.Read(Slice(elf, header.SectionHeaderOffset + (ulong)(i * ElfSectionHeader.Size), ElfSectionHeader.Size));
        var shstrtab = Contents(elf, headers[header.SectionNameTableIndex]);
        var names = new string[headers.Length];
        for (int i = 0; i < headers.Length; i++) names[i] = ElfStringTable.Read(shstrtab, headers[i].Name);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"elf {header.Machine} {(header.Type == ElfHeader.ET_REL ? "ET_REL" : header.Type.ToString(CultureInfo.InvariantCulture))} sections={headers.Length} shstrndx={header.SectionNameTableIndex}\n");
        for (int i = 1; i < headers.Length; i++)
        {
            var h = headers[i];
            text.Append(CultureInfo.InvariantCulture,
                $"section [{i}] {names[i]} {h.Type} flags={FlagLetters(h.Flags)} align={h.AddressAlignment} offset=0x{h.Offset:x} size=0x{h.SectionSize:x} link={h.Link} info={h.Info} entsize={h.EntrySize}\n");
        }

        int symtabIndex = Array.FindIndex(headers, h => h.Type == ElfSectionType.SHT_SYMTAB);
        var symbols = new List<(ElfSymbol Symbol, string Name)>();
        if (symtabIndex > 0)
        {
            var symtab = Contents(elf, headers[symtabIndex]);
            var strtab = Contents(elf, headers[headers[symtabIndex].Link]);
            for (int i = 0; i < symtab.Length / ElfSymbol.Size; i++)
            {
                var symbol = ElfSymbol.Read(symtab[(i * ElfSymbol.Size)..]);
                string name = symbol.Type == ElfSymbolType.STT_SECTION ? names[symbol.SectionIndex] : ElfStringTable.Read(strtab, symbol.Name);
                symbols.Add((symbol, name));
                text.Append(CultureInfo.InvariantCulture,
                    $"symbol [{i}] {(name.Length == 0 ? "\"\"" : name)} {symbol.Binding} {symbol.Type} {SectionName(symbol.SectionIndex, names)} value=0x{symbol.Value:x} size=0x{symbol.SymbolSize:x}\n");
            }
        }

        for (int i = 1; i < headers.Length; i++)
        {
            if (headers[i].Type != ElfSectionType.SHT_RELA) continue;
            var table = Contents(elf, headers[i]);
            for (int j = 0; j < table.Length / ElfRelocation.Size; j++)
            {
                var relocation = ElfRelocation.Read(table[(j * ElfRelocation.Size)..]);
                string symbol = relocation.SymbolIndex < symbols.Count ? symbols[(int)relocation.SymbolIndex].Name : $"<symbol {relocation.SymbolIndex}>";
                string addend = relocation.Addend < 0 ? $"-0x{-relocation.Addend:x}" : $"+0x{relocation.Addend:x}";
                text.Append(CultureInfo.InvariantCulture,
                    $"relocation {names[headers[i].Info]}+0x{relocation.Offset:x} {ElfRelocationTypes.Name(header.Machine, relocation.Type)} {symbol}{addend}\n");
            }
        }
        return text.ToString();
    }

    private static string SectionName(ushort index, string[] names) => index switch
    {
        ElfSectionIndex.SHN_UNDEF => "UND",
        ElfSectionIndex.SHN_ABS => "ABS",
        _ when index < names.Length => names[index],
        _ => $"<section {index}>",
    };

    private static string FlagLetters(ElfSectionFlags flags)
    {
        var letters = new StringBuilder();
        if (flags.HasFlag(ElfSectionFlags.SHF_WRITE)) letters.Append('W');
        if (flags.HasFlag(ElfSectionFlags.SHF_ALLOC)) letters.Append('A');
        if (flags.HasFlag(ElfSectionFlags.SHF_EXECINSTR)) letters.Append('X');
        if (flags.HasFlag(ElfSectionFlags.SHF_MERGE)) letters.Append('M');
        if (flags.HasFlag(ElfSectionFlags.SHF_STRINGS)) letters.Append('S');
        if (flags.HasFlag(ElfSectionFlags.SHF_INFO_LINK)) letters.Append('I');
        return letters.Length == 0 ? "-" : letters.ToString();
    }

    private static ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> elf, ElfSectionHeader header) =>
        header.Type == ElfSectionType.SHT_NOBITS ? [] : Slice(elf, header.Offset, header.SectionSize);

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> elf, ulong offset, ulong length)
    {
        if (offset > (ulong)elf.Length || length > (ulong)elf.Length - offset)
            throw new InvalidDataException($"Range 0x{offset:x}+0x{length:x} lies outside the file (0x{elf.Length:x} bytes).");
        return elf.Slice((int)offset, (int)length);
    }
}
