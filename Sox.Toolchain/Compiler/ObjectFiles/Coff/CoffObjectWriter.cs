using Sox.Compiler.ObjectFiles.Coff.Internal;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// Writes an <see cref="ObjectFile"/> as a COFF object for x64 Windows (Microsoft "PE Format" specification, the
/// object-file parts), in three steps: build the COFF model (sections, relocation records with their addends stored
/// in the contents, symbol table, string table; see <see cref="CoffImageBuilder"/>), lay it out, serialise.
/// <para>Layout, as LLVM's assembler writes it: <c>IMAGE_FILE_HEADER</c> (machine <c>IMAGE_FILE_MACHINE_AMD64</c>, no
/// optional header, time stamp 0), the section table, then per section its raw data (at a multiple of 4, as the
/// specification recommends for objects; none for <c>.bss</c> or an empty section) followed by its
/// <c>IMAGE_RELOCATION</c> records, then the symbol table (18-byte records) and right after it the string table.
/// Output depends only on the input.</para>
/// <para>Relocations (model kind → <see cref="CoffAmd64RelocationType"/>; F = what the field holds, A = the model's
/// addend, which for x86-64 PC-relative kinds counts from the field's first byte as in ELF):</para>
/// <list type="table">
/// <item><term>X64Branch32, X64PcRelative32, PcRelative32Data</term><description><c>IMAGE_REL_AMD64_REL32</c>,
/// F = A + 4 (COFF measures from the end of the field, so the encoder's usual −4 is stored as 0); when A + 4 is −k for
/// k = 1 … 5 (k immediate bytes after the field), <c>IMAGE_REL_AMD64_REL32_k</c> with F = 0</description></item>
/// <item><term>X64GotLoad32</term><description>the same, against the target's <c>.refptr.NAME</c> slot in
/// <c>.rdata$.refptr</c>, which holds the target's address through <c>IMAGE_REL_AMD64_ADDR64</c> (COFF has no GOT)</description></item>
/// <item><term>Absolute64</term><description><c>IMAGE_REL_AMD64_ADDR64</c>, F = A (8 bytes)</description></item>
/// <item><term>ImageRelative32</term><description><c>IMAGE_REL_AMD64_ADDR32NB</c>, F = A (the RVA words of
/// <c>.pdata</c>/<c>.xdata</c>)</description></item>
/// </list>
/// <para>AArch64 objects and arm64 kinds are rejected with <see cref="NotSupportedException"/>. Symbol sizes are not
/// written (COFF symbols have none).</para>
/// </summary>
public sealed class CoffObjectWriter : IObjectFileWriter
{
    /// <inheritdoc />
    public string FileExtension => ".obj";

    /// <inheritdoc />
    public byte[] Write(ObjectFile objectFile)
    {
        ArgumentNullException.ThrowIfNull(objectFile);
        var image = CoffImageBuilder.Build(objectFile);
        var header = LayOut(image);
        return Serialise(image, header);
    }

    /// <summary>Assigns file offsets to section contents and relocation tables; returns the file header.</summary>
    private static CoffFileHeader LayOut(CoffImage image)
    {
        long offset = CoffFileHeader.Size + (long)image.Sections.Count * CoffSectionHeader.Size;
        foreach (var section in image.Sections)
        {
            var header = section.Header;
            if (!section.IsUninitialized && section.Contents.Length > 0)
            {
                offset = (offset + 3) & ~3L;
                header = header with { PointerToRawData = checked((uint)offset) };
                offset += section.Contents.Length;
            }
            if (section.Relocations.Count > 0)
            {
                bool overflow = section.RelocationsOverflow;
                header = header with
                {
                    PointerToRelocations = checked((uint)offset),
                    NumberOfRelocations = overflow ? ushort.MaxValue : (ushort)section.Relocations.Count,
                    Characteristics = header.Characteristics | (overflow ? CoffSectionCharacteristics.IMAGE_SCN_LNK_NRELOC_OVFL : 0),
                };
                offset += (section.Relocations.Count + (overflow ? 1 : 0)) * (long)CoffRelocation.Size;
            }
            section.Header = header;
        }
        return new CoffFileHeader
        {
            Machine = image.Machine,
            NumberOfSections = (ushort)image.Sections.Count,
            PointerToSymbolTable = checked((uint)offset),
            NumberOfSymbols = (uint)image.SymbolRecords.Count,
        };
    }

    private static byte[] Serialise(CoffImage image, CoffFileHeader header)
    {
        long symbolTableEnd = header.PointerToSymbolTable + (long)image.SymbolRecords.Count * CoffSymbol.Size;
        var bytes = new byte[checked((int)(symbolTableEnd + image.Strings.Length))];
        var span = bytes.AsSpan();
        header.Write(span);
        int at = CoffFileHeader.Size;
        foreach (var section in image.Sections)
        {
            section.Header.Write(span[at..]);
            at += CoffSectionHeader.Size;
            if (section.Header.PointerToRawData != 0) section.Contents.CopyTo(span[(int)section.Header.PointerToRawData..]);
            int relocationAt = (int)section.Header.PointerToRelocations;
            if (section.RelocationsOverflow)
            {
                // The first record holds the real count, itself included (PE Format, IMAGE_SCN_LNK_NRELOC_OVFL).
                new CoffRelocation((uint)section.Relocations.Count + 1, 0, 0).Write(span[relocationAt..]);
                relocationAt += CoffRelocation.Size;
            }
            foreach (var relocation in section.Relocations)
            {
                relocation.Write(span[relocationAt..]);
                relocationAt += CoffRelocation.Size;
            }
        }
        at = (int)header.PointerToSymbolTable;
        foreach (var record in image.SymbolRecords)
        {
            record.CopyTo(span[at..]);
            at += CoffSymbol.Size;
        }
        image.Strings.CopyTo(span[at..]);
        return bytes;
    }
}
