namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>The section type, the low byte of <c>section_64.flags</c> (<c>SECTION_TYPE</c> mask 0x000000ff,
/// <c>&lt;mach-o/loader.h&gt;</c>), for the types Sox writes.</summary>
public enum MachOSectionType : uint
{
    /// <summary><c>S_REGULAR</c>: ordinary contents.</summary>
    S_REGULAR = 0x0,
    /// <summary><c>S_ZEROFILL</c>: zero-filled on demand; no file bytes.</summary>
    S_ZEROFILL = 0x1,
    /// <summary><c>S_CSTRING_LITERALS</c>: only NUL-terminated literal strings, which the linker splits and merges.</summary>
    S_CSTRING_LITERALS = 0x2,
}
