using static Sox.Compiler.ObjectFiles.Coff.CoffSectionCharacteristics;

namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>
/// Names and flags a model section as a COFF section (PE Format, "Section Flags" and "Special Sections"); every
/// section also gets the <c>IMAGE_SCN_ALIGN_*</c> of its alignment:
/// <list type="table">
/// <item><term>Text</term><description><c>.text</c>: <c>CNT_CODE | MEM_EXECUTE | MEM_READ</c></description></item>
/// <item><term>ReadOnlyData</term><description><c>.rdata</c>: <c>CNT_INITIALIZED_DATA | MEM_READ</c></description></item>
/// <item><term>Data</term><description><c>.data</c>: <c>CNT_INITIALIZED_DATA | MEM_READ | MEM_WRITE</c></description></item>
/// <item><term>ReadOnlyAfterRelocation</term><description><c>.rdata$sox_relro</c>, read-only like <c>.rdata</c>: the
/// Windows loader applies base relocations to read-only pages itself, so absolute addresses need no writable
/// section (MSVC puts vtables in <c>.rdata</c>). The <c>$</c> suffix makes it a grouped section: linkers drop the
/// suffix and merge it into the image's <c>.rdata</c> (PE Format, "Grouped Sections (Object Only)"), while the object
/// keeps it apart from <see cref="ObjectSectionKind.ReadOnlyData"/>, which is a separate model section.</description></item>
/// <item><term>Bss</term><description><c>.bss</c>: <c>CNT_UNINITIALIZED_DATA | MEM_READ | MEM_WRITE</c></description></item>
/// <item><term>FunctionTable, UnwindInfo</term><description><c>.pdata</c>, <c>.xdata</c>: <c>CNT_INITIALIZED_DATA | MEM_READ</c>
/// (what MSVC and LLVM write)</description></item>
/// <item><term>LinkerDirectives</term><description><c>.drectve</c>: <c>LNK_INFO | LNK_REMOVE</c>, no memory flags —
/// read by the linker, not put in the image</description></item>
/// <item><term>Custom</term><description>the model name as is; executable → code flags, writable → data flags,
/// allocated → read-only data flags, not allocated → <c>CNT_INITIALIZED_DATA | MEM_READ | MEM_DISCARDABLE</c>
/// (the flags of <c>.debug$S</c> and DWARF sections)</description></item>
/// </list>
/// </summary>
internal static class CoffSectionMapping
{
    /// <summary>The COFF name of <see cref="ObjectSectionKind.ReadOnlyAfterRelocation"/>.</summary>
    public const string ReadOnlyAfterRelocationName = ".rdata$sox_relro";

    private const CoffSectionCharacteristics Code = IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ;
    private const CoffSectionCharacteristics ReadOnly = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ;
    private const CoffSectionCharacteristics Writable = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE;

    public static (string Name, CoffSectionCharacteristics Characteristics) Map(ObjectSection section)
    {
        var (name, flags) = section.Kind switch
        {
            ObjectSectionKind.Text => (".text", Code),
            ObjectSectionKind.ReadOnlyData => (".rdata", ReadOnly),
            ObjectSectionKind.Data => (".data", Writable),
            ObjectSectionKind.ReadOnlyAfterRelocation => (ReadOnlyAfterRelocationName, ReadOnly),
            ObjectSectionKind.Bss => (".bss", IMAGE_SCN_CNT_UNINITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE),
            ObjectSectionKind.FunctionTable => (".pdata", ReadOnly),
            ObjectSectionKind.UnwindInfo => (".xdata", ReadOnly),
            ObjectSectionKind.LinkerDirectives => (".drectve", IMAGE_SCN_LNK_INFO | IMAGE_SCN_LNK_REMOVE),
            ObjectSectionKind.Custom => (section.Name, MapCustom(section.Flags)),
            _ => throw new ArgumentOutOfRangeException(nameof(section), section.Kind, null),
        };
        return (name, flags | CoffSectionAlignment.Alignment(section.Alignment));
    }

    private static CoffSectionCharacteristics MapCustom(ObjectSectionFlags flags) =>
        !flags.HasFlag(ObjectSectionFlags.Allocated) ? ReadOnly | IMAGE_SCN_MEM_DISCARDABLE
        : flags.HasFlag(ObjectSectionFlags.Executable) ? Code | (flags.HasFlag(ObjectSectionFlags.Writable) ? IMAGE_SCN_MEM_WRITE : 0)
        : flags.HasFlag(ObjectSectionFlags.Writable) ? Writable
        : ReadOnly;
}
