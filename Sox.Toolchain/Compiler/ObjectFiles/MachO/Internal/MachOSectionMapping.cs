namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>
/// Names and flags a model section as a Mach-O section (<c>&lt;mach-o/loader.h&gt;</c> section types and
/// attributes; names as Apple's assemblers use them):
/// <list type="table">
/// <item><term>Text</term><description><c>__TEXT,__text</c>, <c>S_REGULAR | S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS</c></description></item>
/// <item><term>ReadOnlyData</term><description><c>__TEXT,__const</c> — not <c>__TEXT,__cstring</c>: an
/// <c>S_CSTRING_LITERALS</c> section may hold nothing but NUL-terminated strings, which the linker splits and
/// merges, while the model's read-only data mixes strings with other constants (and their relocations)</description></item>
/// <item><term>Data</term><description><c>__DATA,__data</c></description></item>
/// <item><term>ReadOnlyAfterRelocation</term><description><c>__DATA,__const</c>, which linkers move to the
/// read-only-after-fixups <c>__DATA_CONST</c> segment of the image</description></item>
/// <item><term>Bss</term><description><c>__DATA,__bss</c>, <c>S_ZEROFILL</c></description></item>
/// <item><term>Custom</term><description>a name <c>SEG,sect</c> is taken as is; otherwise <c>.a.b</c> becomes
/// <c>__a_b</c> in <c>__TEXT</c> (read-only; executable adds the instruction attributes), <c>__DATA</c> (writable)
/// or, when not allocated, <c>__SOX</c> with <c>S_ATTR_DEBUG</c> so that linkers leave it out of the image — except
/// DWARF's non-allocated <c>.debug_*</c> sections, which go to <c>__DWARF,__debug_*</c> (<c>S_ATTR_DEBUG</c>), where
/// clang puts them and where dsymutil and LLDB look for them in objects</description></item>
/// </list>
/// </summary>
internal static class MachOSectionMapping
{
    /// <summary>The segment of DWARF sections in Mach-O objects.</summary>
    public const string DwarfSegment = "__DWARF";

    /// <summary>Whether <paramref name="section"/> is a DWARF section (<c>.debug_*</c>, not allocated), which Mach-O keeps
    /// in <see cref="DwarfSegment"/> and relocates as <see cref="MachOImageBuilder"/> describes.</summary>
    public static bool IsDwarf(ObjectSection section) =>
        section.Kind == ObjectSectionKind.Custom && !section.Flags.HasFlag(ObjectSectionFlags.Allocated)
        && section.Name.StartsWith(".debug_", StringComparison.Ordinal);

    public static (string Segment, string Section, MachOSectionType Type, MachOSectionAttributes Attributes) Map(ObjectSection section)
    {
        const MachOSectionAttributes code = MachOSectionAttributes.S_ATTR_PURE_INSTRUCTIONS | MachOSectionAttributes.S_ATTR_SOME_INSTRUCTIONS;
        return section.Kind switch
        {
            ObjectSectionKind.Text => ("__TEXT", "__text", MachOSectionType.S_REGULAR, code),
            ObjectSectionKind.ReadOnlyData => ("__TEXT", "__const", MachOSectionType.S_REGULAR, MachOSectionAttributes.None),
            ObjectSectionKind.Data => ("__DATA", "__data", MachOSectionType.S_REGULAR, MachOSectionAttributes.None),
            ObjectSectionKind.ReadOnlyAfterRelocation => ("__DATA", "__const", MachOSectionType.S_REGULAR, MachOSectionAttributes.None),
            ObjectSectionKind.Bss => ("__DATA", "__bss", MachOSectionType.S_ZEROFILL, MachOSectionAttributes.None),
            ObjectSectionKind.Custom => MapCustom(section),
            _ => throw new ArgumentOutOfRangeException(nameof(section), section.Kind, null),
        };
    }

    private static (string, string, MachOSectionType, MachOSectionAttributes) MapCustom(ObjectSection section)
    {
        var flags = section.Flags;
        var attributes = !flags.HasFlag(ObjectSectionFlags.Allocated) ? MachOSectionAttributes.S_ATTR_DEBUG
            : flags.HasFlag(ObjectSectionFlags.Executable) ? MachOSectionAttributes.S_ATTR_PURE_INSTRUCTIONS | MachOSectionAttributes.S_ATTR_SOME_INSTRUCTIONS
            : MachOSectionAttributes.None;
        string segment, name;
        int comma = section.Name.IndexOf(',');
        if (comma >= 0)
        {
            segment = section.Name[..comma];
            name = section.Name[(comma + 1)..];
        }
        else
        {
            segment = !flags.HasFlag(ObjectSectionFlags.Allocated) ? (IsDwarf(section) ? DwarfSegment : "__SOX")
                : flags.HasFlag(ObjectSectionFlags.Writable) ? "__DATA" : "__TEXT";
            name = "__" + section.Name.TrimStart('.').Replace('.', '_');
        }
        if (segment.Length is 0 or > MachOFixedName.Length || name.Length is 0 or > MachOFixedName.Length)
            throw new NotSupportedException(
                $"Section {section.Name} maps to Mach-O \"{segment},{name}\"; segment and section names are 1 to {MachOFixedName.Length} characters.");
        return (segment, name, MachOSectionType.S_REGULAR, attributes);
    }
}
