using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sox.Compiler.ObjectFiles.MachO.Internal;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>
/// Decodes the bytes of a 64-bit Mach-O object (as written, independently of the model it came from) into a
/// readable, line-oriented text, for tests and for <c>--dump</c> switches: the header, each load command in file
/// order (sections under their segment), the symbol table, then each section's relocations in file order.
/// <code>
/// mach-o CPU_TYPE_ARM64 CPU_SUBTYPE_ARM64_ALL MH_OBJECT ncmds=4 sizeofcmds=600 flags=MH_SUBSECTIONS_VIA_SYMBOLS
/// LC_SEGMENT_64 segname="" vmaddr=0x0 vmsize=0x90 fileoff=632 filesize=88 maxprot=rwx initprot=rwx nsects=5
/// section [1] __TEXT,__text S_REGULAR S_ATTR_PURE_INSTRUCTIONS|S_ATTR_SOME_INSTRUCTIONS addr=0x0 size=0x30 offset=632 align=2^4 reloff=720 nreloc=12
/// LC_BUILD_VERSION platform=PLATFORM_MACOS minos=11.0 sdk=11.0 ntools=0
/// LC_SYMTAB symoff=864 nsyms=10 stroff=1024 strsize=80
/// LC_DYSYMTAB ilocalsym=0 nlocalsym=4 iextdefsym=4 nextdefsym=3 iundefsym=7 nundefsym=3
/// symbol [0] _helper N_SECT __TEXT,__text desc=0x0 value=0x20
/// symbol [7] _puts N_UNDF|N_EXT NO_SECT desc=0x0 value=0x0
/// relocation __TEXT,__text+0x14 ARM64_RELOC_ADDEND pcrel=0 length=2 extern=0 addend=8
/// relocation __TEXT,__text+0x14 ARM64_RELOC_PAGEOFF12 pcrel=0 length=2 extern=1 _table field=0xf9400000
/// </code>
/// <c>field</c> is the patched field's stored value (r_length bytes, little-endian), where Mach-O keeps implicit
/// addends. Protections use the tools' <c>rwx</c> letters.
/// </summary>
public static class MachOObjectDumper
{
    /// <summary>Returns the dump of the object in <paramref name="macho"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed little-endian 64-bit Mach-O file.</exception>
    public static string Dump(ReadOnlySpan<byte> macho)
    {
        var header = MachHeader64.Read(macho);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"mach-o {header.CpuType} {header.CpuSubtype} {(header.FileType == MachHeader64.MH_OBJECT ? "MH_OBJECT" : $"filetype={header.FileType}")} ncmds={header.NumberOfCommands} sizeofcmds={header.SizeOfCommands} flags={HeaderFlags(header.Flags)}\n");

        var sections = new List<Section64>();
        SymtabCommand? symtab = null;
        int at = MachHeader64.Size;
        for (int i = 0; i < header.NumberOfCommands; i++)
        {
            var command = Slice(macho, (ulong)at, 8);
            var type = (MachOLoadCommandType)BinaryPrimitives.ReadUInt32LittleEndian(command);
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(command[4..]);
            var body = Slice(macho, (ulong)at, (ulong)size);
            switch (type)
            {
                case MachOLoadCommandType.LC_SEGMENT_64:
                    var segment = SegmentCommand64.Read(body);
                    text.Append(CultureInfo.InvariantCulture,
                        $"LC_SEGMENT_64 segname=\"{segment.Name}\" vmaddr=0x{segment.VmAddress:x} vmsize=0x{segment.VmSize:x} fileoff={segment.FileOffset} filesize={segment.FileSize} maxprot={Protection(segment.MaximumProtection)} initprot={Protection(segment.InitialProtection)} nsects={segment.SectionCount}\n");
                    for (int s = 0; s < segment.SectionCount; s++)
                    {
                        var section = Section64.Read(body[(SegmentCommand64.Size + s * Section64.Size)..]);
                        sections.Add(section);
                        text.Append(CultureInfo.InvariantCulture,
                            $"section [{sections.Count}] {section.QualifiedName} {section.Type} {Attributes(section.Attributes)} addr=0x{section.Address:x} size=0x{section.SectionSize:x} offset={section.Offset} align=2^{section.AlignLog2} reloff={section.RelocationOffset} nreloc={section.RelocationCount}\n");
                    }
                    break;
                case MachOLoadCommandType.LC_BUILD_VERSION:
                    var build = BuildVersionCommand.Read(body);
                    text.Append(CultureInfo.InvariantCulture,
                        $"LC_BUILD_VERSION platform={(build.Platform == BuildVersionCommand.PLATFORM_MACOS ? "PLATFORM_MACOS" : build.Platform.ToString(CultureInfo.InvariantCulture))} minos={BuildVersionCommand.FormatVersion(build.MinimumOS)} sdk={BuildVersionCommand.FormatVersion(build.Sdk)} ntools={BinaryPrimitives.ReadUInt32LittleEndian(body[20..])}\n");
                    break;
                case MachOLoadCommandType.LC_SYMTAB:
                    var st = SymtabCommand.Read(body);
                    symtab = st;
                    text.Append(CultureInfo.InvariantCulture, $"LC_SYMTAB symoff={st.SymbolOffset} nsyms={st.SymbolCount} stroff={st.StringOffset} strsize={st.StringSize}\n");
                    break;
                case MachOLoadCommandType.LC_DYSYMTAB:
                    var ds = DysymtabCommand.Read(body);
                    text.Append(CultureInfo.InvariantCulture,
                        $"LC_DYSYMTAB ilocalsym={ds.LocalSymbolIndex} nlocalsym={ds.LocalSymbolCount} iextdefsym={ds.ExternalDefinedSymbolIndex} nextdefsym={ds.ExternalDefinedSymbolCount} iundefsym={ds.UndefinedSymbolIndex} nundefsym={ds.UndefinedSymbolCount}\n");
                    break;
                default:
                    text.Append(CultureInfo.InvariantCulture, $"load command 0x{(uint)type:x} cmdsize={size}\n");
                    break;
            }
            at += size;
        }

        var names = new List<string>();
        if (symtab is { } table)
        {
            var strings = Slice(macho, table.StringOffset, table.StringSize);
            for (int i = 0; i < table.SymbolCount; i++)
            {
                var symbol = Nlist64.Read(Slice(macho, table.SymbolOffset + (ulong)(i * Nlist64.Size), Nlist64.Size));
                string name = MachOStringTable.Read(strings, symbol.StringIndex);
                names.Add(name);
                text.Append(CultureInfo.InvariantCulture,
                    $"symbol [{i}] {(name.Length == 0 ? "\"\"" : name)} {SymbolType(symbol.Type)} {SectionName(symbol.Section, sections)} desc=0x{symbol.Description:x} value=0x{symbol.Value:x}\n");
            }
        }

        foreach (var section in sections)
        {
            var cpu = header.CpuType;
            for (int i = 0; i < section.RelocationCount; i++)
            {
                var r = MachORelocationInfo.Read(Slice(macho, section.RelocationOffset + (ulong)(i * MachORelocationInfo.Size), MachORelocationInfo.Size));
                text.Append(CultureInfo.InvariantCulture,
                    $"relocation {section.QualifiedName}+0x{r.Address:x} {MachORelocationTypes.Name(cpu, r.Type)} pcrel={(r.PcRelative ? 1 : 0)} length={r.Length} extern={(r.Extern ? 1 : 0)} ");
                if (cpu == MachOCpuType.CPU_TYPE_ARM64 && r.Type == (byte)MachOArm64RelocationType.ARM64_RELOC_ADDEND)
                    text.Append(CultureInfo.InvariantCulture, $"addend={r.SymbolNumberAsAddend}\n");
                else
                {
                    text.Append(r.Extern ? (r.SymbolNumber < names.Count ? names[(int)r.SymbolNumber] : $"<symbol {r.SymbolNumber}>") : SectionName((int)r.SymbolNumber, sections));
                    if (section.Type != MachOSectionType.S_ZEROFILL)
                    {
                        var field = Slice(macho, section.Offset + (ulong)r.Address, 1UL << r.Length);
                        ulong value = r.Length switch { 3 => BinaryPrimitives.ReadUInt64LittleEndian(field), 2 => BinaryPrimitives.ReadUInt32LittleEndian(field), 1 => BinaryPrimitives.ReadUInt16LittleEndian(field), _ => field[0] };
                        text.Append(CultureInfo.InvariantCulture, $" field=0x{value.ToString(r.Length == 3 ? "x16" : "x8", CultureInfo.InvariantCulture)}");
                    }
                    text.Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private static string HeaderFlags(uint flags) =>
        flags == 0 ? "0" : flags == MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS ? "MH_SUBSECTIONS_VIA_SYMBOLS"
            : (flags & MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS) != 0 ? $"MH_SUBSECTIONS_VIA_SYMBOLS|0x{flags & ~MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS:x}" : $"0x{flags:x}";

    private static string Attributes(MachOSectionAttributes attributes)
    {
        if (attributes == MachOSectionAttributes.None) return "-";
        var known = Enum.GetValues<MachOSectionAttributes>().Where(a => a != MachOSectionAttributes.None && attributes.HasFlag(a))
            .OrderByDescending(a => (uint)a).ToList();
        uint rest = (uint)attributes & ~known.Aggregate(0u, (all, a) => all | (uint)a);
        var parts = known.Select(a => a.ToString()).ToList();
        if (rest != 0) parts.Add($"0x{rest:x}");
        return string.Join('|', parts);
    }

    private static string SymbolType(byte type)
    {
        if ((type & Nlist64.N_STAB) != 0) return $"N_STAB(0x{type:x})";
        string kind = (type & Nlist64.N_TYPE) switch
        {
            Nlist64.N_UNDF => "N_UNDF",
            Nlist64.N_ABS => "N_ABS",
            Nlist64.N_SECT => "N_SECT",
            var other => $"0x{other:x}",
        };
        if ((type & Nlist64.N_PEXT) != 0) kind += "|N_PEXT";
        if ((type & Nlist64.N_EXT) != 0) kind += "|N_EXT";
        return kind;
    }

    private static string SectionName(int number, List<Section64> sections) =>
        number == Nlist64.NO_SECT ? "NO_SECT" : number <= sections.Count ? sections[number - 1].QualifiedName : $"<section {number}>";

    private static string Protection(MachOVmProtection protection) => string.Concat(
        protection.HasFlag(MachOVmProtection.VM_PROT_READ) ? "r" : "-",
        protection.HasFlag(MachOVmProtection.VM_PROT_WRITE) ? "w" : "-",
        protection.HasFlag(MachOVmProtection.VM_PROT_EXECUTE) ? "x" : "-");

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> macho, ulong offset, ulong length)
    {
        if (offset > (ulong)macho.Length || length > (ulong)macho.Length - offset)
            throw new InvalidDataException($"Range 0x{offset:x}+0x{length:x} lies outside the file (0x{macho.Length:x} bytes).");
        return macho.Slice((int)offset, (int)length);
    }
}
