using Sox.Compiler.ObjectFiles.MachO.Internal;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// Writes an <see cref="ObjectFile"/> as a little-endian 64-bit Mach-O relocatable object (<c>MH_OBJECT</c>,
/// <c>&lt;mach-o/loader.h&gt;</c>) for macOS on arm64 or x86-64, in three steps: build the Mach-O model (sections with
/// addresses, symbol table, relocation entries; see <see cref="MachOImageBuilder"/>), lay it out, serialise.
/// <para>Load commands: one unnamed <c>LC_SEGMENT_64</c> holding every section, <c>LC_BUILD_VERSION</c>
/// (<c>PLATFORM_MACOS</c>, <see cref="MinimumOSVersion"/>, <see cref="SdkVersion"/>), <c>LC_SYMTAB</c>,
/// <c>LC_DYSYMTAB</c>; header flag <c>MH_SUBSECTIONS_VIA_SYMBOLS</c>. Layout, as LLVM's assembler writes it:
/// header and load commands, then the section contents with each section at <c>fileoff + addr</c> (zero-fill
/// sections take no bytes), then each section's relocation entries, then the <c>nlist_64</c> table and the
/// string table, each at a multiple of 8. Output depends only on the input.</para>
/// <para>Relocations (<c>&lt;mach-o/reloc.h&gt;</c>), all extern, i.e. against a symbol-table entry:</para>
/// <list type="table">
/// <item><term>Arm64Call26</term><description><c>ARM64_RELOC_BRANCH26</c> (pcrel)</description></item>
/// <item><term>Arm64AdrPage21</term><description><c>ARM64_RELOC_PAGE21</c> (pcrel)</description></item>
/// <item><term>Arm64AddLow12, Arm64Load64Low12</term><description><c>ARM64_RELOC_PAGEOFF12</c>; the linker scales by
/// the access size it reads from the instruction</description></item>
/// <item><term>Arm64GotPage21, Arm64GotLoad64Low12</term><description><c>ARM64_RELOC_GOT_LOAD_PAGE21</c>,
/// <c>ARM64_RELOC_GOT_LOAD_PAGEOFF12</c> (addend must be 0)</description></item>
/// <item><term>X64Branch32</term><description><c>X86_64_RELOC_BRANCH</c> (pcrel), field = addend + 4</description></item>
/// <item><term>X64PcRelative32</term><description><c>X86_64_RELOC_SIGNED</c>, or <c>_SIGNED_1/2/4</c> for the model's
/// addends -5/-6/-8 (immediate bytes after the displacement); field = addend + 4: Mach-O measures from the field's
/// end where the model (like ELF) measures from its start, so the encoder's usual -4 is stored as 0</description></item>
/// <item><term>X64GotLoad32</term><description><c>X86_64_RELOC_GOT_LOAD</c> (addend must be the usual -4, stored as 0)</description></item>
/// <item><term>Absolute64</term><description><c>ARM64_RELOC_UNSIGNED</c> / <c>X86_64_RELOC_UNSIGNED</c>, r_length 3,
/// the addend stored in the 8 bytes</description></item>
/// <item><term>PcRelative32Data</term><description><c>*_RELOC_SUBTRACTOR</c> (the atom's own symbol) followed by
/// <c>*_RELOC_UNSIGNED</c> (the target), r_length 2: Mach-O has no PC-relative data relocation, so S + A - P is
/// written as S - anchor + (A - (P - anchor)) with the last term stored in the field</description></item>
/// </list>
/// <para>On arm64 a non-zero addend of an instruction relocation goes in a preceding <c>ARM64_RELOC_ADDEND</c>
/// (24-bit signed <c>r_symbolnum</c>); the instruction's immediate field is left as the encoder wrote it (zero).</para>
/// <para>Mach-O symbols have no size or type and objects record no source file name, so
/// <see cref="ObjectSymbol.Size"/>, <see cref="ObjectSymbol.Type"/> and <see cref="ObjectFile.SourceFileName"/> are
/// not written.</para>
/// </summary>
public sealed class MachOObjectWriter : IObjectFileWriter
{
    /// <summary>The oldest macOS the object may run on (<c>LC_BUILD_VERSION.minos</c>); 11.0, the first with arm64.</summary>
    public Version MinimumOSVersion { get; init; } = new(11, 0);

    /// <summary>The SDK version recorded in <c>LC_BUILD_VERSION.sdk</c>; 11.0 by default.</summary>
    public Version SdkVersion { get; init; } = new(11, 0);

    /// <inheritdoc />
    public string FileExtension => ".o";

    /// <inheritdoc />
    public byte[] Write(ObjectFile objectFile)
    {
        ArgumentNullException.ThrowIfNull(objectFile);
        var image = MachOImageBuilder.Build(objectFile);
        var layout = LayOut(image);
        return Serialise(image, layout);
    }

    private const int LoadCommandCount = 4;

    private static int SizeOfCommands(MachOImage image) =>
        SegmentCommand64.Size + image.Sections.Count * Section64.Size + BuildVersionCommand.Size + SymtabCommand.Size + DysymtabCommand.Size;

    /// <summary>Assigns file offsets to sections and relocation tables; returns the segment, symbol table and file size.</summary>
    private static (SegmentCommand64 Segment, SymtabCommand Symtab, int FileSize) LayOut(MachOImage image)
    {
        ulong dataStart = (ulong)(MachHeader64.Size + SizeOfCommands(image));
        ulong fileSize = 0, vmSize = 0;
        foreach (var section in image.Sections)
        {
            var header = section.Header;
            ulong end = header.Address + header.SectionSize;
            vmSize = Math.Max(vmSize, end);
            if (section.IsZeroFill) continue;
            fileSize = Math.Max(fileSize, end);
            section.Header = header with { Offset = checked((uint)(dataStart + header.Address)) };
        }
        ulong offset = AlignUp(dataStart + fileSize, 8);
        foreach (var section in image.Sections.Where(s => s.Relocations.Count > 0))
        {
            section.Header = section.Header with { RelocationOffset = checked((uint)offset) };
            offset += (ulong)(section.Relocations.Count * MachORelocationInfo.Size);
        }
        ulong symbolOffset = AlignUp(offset, 8);
        ulong stringOffset = symbolOffset + (ulong)(image.Symbols.Count * Nlist64.Size);
        var segment = new SegmentCommand64
        {
            Name = "",
            VmSize = vmSize,
            FileOffset = dataStart,
            FileSize = fileSize,
            MaximumProtection = MachOVmProtection.VM_PROT_READ | MachOVmProtection.VM_PROT_WRITE | MachOVmProtection.VM_PROT_EXECUTE,
            InitialProtection = MachOVmProtection.VM_PROT_READ | MachOVmProtection.VM_PROT_WRITE | MachOVmProtection.VM_PROT_EXECUTE,
            SectionCount = (uint)image.Sections.Count,
        };
        var symtab = new SymtabCommand
        {
            SymbolOffset = checked((uint)symbolOffset),
            SymbolCount = (uint)image.Symbols.Count,
            StringOffset = checked((uint)stringOffset),
            StringSize = (uint)image.Strings.Length,
        };
        return (segment, symtab, checked((int)(stringOffset + (ulong)image.Strings.Length)));
    }

    private byte[] Serialise(MachOImage image, (SegmentCommand64 Segment, SymtabCommand Symtab, int FileSize) layout)
    {
        var bytes = new byte[layout.FileSize];
        var span = bytes.AsSpan();
        new MachHeader64
        {
            CpuType = image.CpuType,
            CpuSubtype = image.CpuSubtype,
            FileType = MachHeader64.MH_OBJECT,
            NumberOfCommands = LoadCommandCount,
            SizeOfCommands = (uint)SizeOfCommands(image),
            Flags = MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS,
        }.Write(span);
        int at = MachHeader64.Size;
        layout.Segment.Write(span[at..]);
        at += SegmentCommand64.Size;
        foreach (var section in image.Sections)
        {
            section.Header.Write(span[at..]);
            at += Section64.Size;
            if (!section.IsZeroFill) section.Contents.CopyTo(span[(int)section.Header.Offset..]);
            for (int i = 0; i < section.Relocations.Count; i++)
                section.Relocations[i].Write(span[((int)section.Header.RelocationOffset + i * MachORelocationInfo.Size)..]);
        }
        new BuildVersionCommand
        {
            Platform = BuildVersionCommand.PLATFORM_MACOS,
            MinimumOS = BuildVersionCommand.EncodeVersion(MinimumOSVersion),
            Sdk = BuildVersionCommand.EncodeVersion(SdkVersion),
        }.Write(span[at..]);
        at += BuildVersionCommand.Size;
        layout.Symtab.Write(span[at..]);
        at += SymtabCommand.Size;
        image.SymbolRanges.Write(span[at..]);
        for (int i = 0; i < image.Symbols.Count; i++)
            image.Symbols[i].Write(span[((int)layout.Symtab.SymbolOffset + i * Nlist64.Size)..]);
        image.Strings.CopyTo(span[(int)layout.Symtab.StringOffset..]);
        return bytes;
    }

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
