namespace Sox.Compiler.ObjectFiles.Archives;

/// <summary>The variant of the <c>ar</c> format a static library is written in.</summary>
public enum ArchiveFormat
{
    /// <summary>GNU/System V: symbol table member <c>/</c> (big-endian offsets), long names in <c>//</c>. What GNU
    /// ld, lld (ELF and MinGW COFF) and link.exe-style linkers read.</summary>
    Gnu,

    /// <summary>BSD: symbol table member <c>__.SYMDEF</c> (<c>&lt;ranlib.h&gt;</c>, little-endian), names stored after
    /// their headers (<c>#1/N</c>). What Apple's linkers (ld64, ld64.lld) read. Written by our own
    /// <see cref="BsdArchiveWriter"/>: LibObjectFile 2.3.1's BSD variant names the table <c>__.SYMDEF/</c> and writes
    /// it big-endian without the byte counts of <c>&lt;ranlib.h&gt;</c>, which llvm-ar rejects as malformed.</summary>
    Bsd,
}
