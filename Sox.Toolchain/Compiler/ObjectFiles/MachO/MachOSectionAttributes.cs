namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>The section attributes, the high 24 bits of <c>section_64.flags</c> (<c>SECTION_ATTRIBUTES</c> mask
/// 0xffffff00, <c>&lt;mach-o/loader.h&gt;</c>), for the attributes Sox writes.</summary>
[Flags]
public enum MachOSectionAttributes : uint
{
    /// <summary>No attributes.</summary>
    None = 0,
    /// <summary><c>S_ATTR_SOME_INSTRUCTIONS</c>: the section contains some machine instructions.</summary>
    S_ATTR_SOME_INSTRUCTIONS = 0x0000_0400,
    /// <summary><c>S_ATTR_DEBUG</c>: a debug section; linkers do not copy it into the output image.</summary>
    S_ATTR_DEBUG = 0x0200_0000,
    /// <summary><c>S_ATTR_NO_DEAD_STRIP</c>: never dead-strip the section's blocks.</summary>
    S_ATTR_NO_DEAD_STRIP = 0x1000_0000,
    /// <summary><c>S_ATTR_PURE_INSTRUCTIONS</c>: the section contains only true machine instructions.</summary>
    S_ATTR_PURE_INSTRUCTIONS = 0x8000_0000,
}
