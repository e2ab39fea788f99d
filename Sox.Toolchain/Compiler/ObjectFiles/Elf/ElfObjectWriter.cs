using Sox.Compiler.ObjectFiles.Elf.Internal;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// Writes an <see cref="ObjectFile"/> as a little-endian ELF64 relocatable object (<c>ET_REL</c>; System V gABI
/// chapter 4) for x86-64 (psABI §4) or AArch64 (AAELF64), in three steps: build the ELF model (sections, symbol
/// table, <c>Elf64_Rela</c> tables; see <see cref="ElfImageBuilder"/>), lay it out (file offsets), serialise.
/// <para>Layout: <c>Elf64_Ehdr</c> at 0, then each section's contents at the next multiple of its
/// <c>sh_addralign</c> in header-table order (<c>SHT_NOBITS</c> take no bytes), then the section header table at
/// the next multiple of 8. No program headers. Output depends only on the input.</para>
/// </summary>
public sealed class ElfObjectWriter : IObjectFileWriter
{
    /// <inheritdoc />
    public string FileExtension => ".o";

    /// <inheritdoc />
    public byte[] Write(ObjectFile objectFile)
    {
        ArgumentNullException.ThrowIfNull(objectFile);
        var image = ElfImageBuilder.Build(objectFile);
        ulong sectionHeaderOffset = LayOut(image);
        return Serialise(image, sectionHeaderOffset);
    }

    /// <summary>Assigns <c>sh_offset</c> to every section; returns <c>e_shoff</c>.</summary>
    private static ulong LayOut(ElfImage image)
    {
        ulong offset = ElfHeader.Size;
        foreach (var section in image.Sections.Skip(1))
        {
            offset = AlignUp(offset, Math.Max(1, section.Header.AddressAlignment));
            section.Header = section.Header with { Offset = offset };
            if (section.Header.Type != ElfSectionType.SHT_NOBITS) offset += (ulong)section.Contents.Length;
        }
        return AlignUp(offset, 8);
    }

    private static byte[] Serialise(ElfImage image, ulong sectionHeaderOffset)
    {
        var bytes = new byte[sectionHeaderOffset + (ulong)(image.Sections.Count * ElfSectionHeader.Size)];
        new ElfHeader
        {
            Type = ElfHeader.ET_REL,
            Machine = image.Machine,
            SectionHeaderOffset = sectionHeaderOffset,
            SectionHeaderCount = (ushort)image.Sections.Count,
            SectionNameTableIndex = (ushort)image.SectionNameTableIndex,
        }.Write(bytes);
        for (int i = 0; i < image.Sections.Count; i++)
        {
            var section = image.Sections[i];
            section.Contents.CopyTo(bytes.AsSpan((int)section.Header.Offset));
            section.Header.Write(bytes.AsSpan((int)sectionHeaderOffset + i * ElfSectionHeader.Size));
        }
        return bytes;
    }

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
