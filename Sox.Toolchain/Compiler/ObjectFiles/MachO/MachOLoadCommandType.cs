namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>The <c>cmd</c> field of a <c>struct load_command</c> (<c>&lt;mach-o/loader.h&gt;</c>) for the load
/// commands a relocatable object holds.</summary>
public enum MachOLoadCommandType : uint
{
    /// <summary><c>LC_SYMTAB</c>: <see cref="SymtabCommand"/>, the symbol and string tables.</summary>
    LC_SYMTAB = 0x2,
    /// <summary><c>LC_DYSYMTAB</c>: <see cref="DysymtabCommand"/>, the symbol table's local/external/undefined ranges.</summary>
    LC_DYSYMTAB = 0xb,
    /// <summary><c>LC_SEGMENT_64</c>: <see cref="SegmentCommand64"/> followed by its <see cref="Section64"/>s.</summary>
    LC_SEGMENT_64 = 0x19,
    /// <summary><c>LC_BUILD_VERSION</c>: <see cref="BuildVersionCommand"/>, platform and minimum OS version.</summary>
    LC_BUILD_VERSION = 0x32,
}
