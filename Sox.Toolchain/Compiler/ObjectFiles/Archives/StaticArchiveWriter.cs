using System.Buffers.Binary;
using System.Text;
using LibObjectFile.Ar;
using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.ObjectFiles.MachO;
using Lof = LibObjectFile.Elf;

namespace Sox.Compiler.ObjectFiles.Archives;

/// <summary>
/// Writes static libraries (<c>.a</c>) — the GNU variant with LibObjectFile's <c>ar</c> model, the BSD variant with
/// <see cref="BsdArchiveWriter"/> — so that making one needs no external <c>ar</c>/<c>llvm-ar</c> for any target. The archive starts with a symbol table (what <c>ar s</c>/<c>ranlib</c> add) listing every
/// global symbol each member defines, so that linkers pull members in by name; members keep their order. Output is
/// deterministic: time stamps, owner and group 0 and mode 644, as <c>ar D</c> writes them.
/// <para>Members may be ELF64, COFF or Mach-O 64 objects, whoever wrote them (ours or a C compiler's): their defined
/// external symbols are read from their own symbol tables. Other members are stored without symbols.</para>
/// </summary>
public static class StaticArchiveWriter
{
    /// <summary>The <c>ar</c> variant for archives of <paramref name="format"/> objects: GNU for ELF and COFF (GNU ld,
    /// lld, MinGW's ld and lld-link read it), BSD for Mach-O, as Apple's <c>ar</c>/<c>libtool</c> and
    /// <c>llvm-ar</c> (Darwin format) write it for ld64 and ld64.lld.</summary>
    public static ArchiveFormat FormatFor(ObjectFormat format) => format == ObjectFormat.MachO ? ArchiveFormat.Bsd : ArchiveFormat.Gnu;

    /// <summary>The archive of <paramref name="members"/> (name in the archive, contents), in that order.</summary>
    public static byte[] Write(IEnumerable<(string Name, byte[] Contents)> members, ArchiveFormat format)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (format == ArchiveFormat.Bsd)
        {
            // Our own writer: LibObjectFile 2.3.1's BSD symbol table is not the <ranlib.h> layout (see ArchiveFormat.Bsd).
            return BsdArchiveWriter.Write([.. members.Select(m => (m.Name, m.Contents, DefinedSymbols(m.Contents), IsObject(m.Contents)))]);
        }
        var archive = new ArArchiveFile { Kind = ArArchiveKind.GNU };
        // LibObjectFile stamps members with the current time unless told otherwise.
        var symbolTable = new ArSymbolTable { Timestamp = DateTimeOffset.UnixEpoch };
        archive.AddFile(symbolTable);
        foreach (var (name, contents) in members)
        {
            var member = new ArBinaryFile
            {
                Name = name,
                Timestamp = DateTimeOffset.UnixEpoch,
                FileMode = 420, // 0644
                Stream = new MemoryStream(contents, writable: false),
            };
            archive.AddFile(member);
            foreach (var symbol in DefinedSymbols(contents))
                symbolTable.Symbols.Add(new ArSymbol(symbol, member));
        }
        using var stream = new MemoryStream();
        archive.Write(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the archive of the files <paramref name="inputPaths"/> to <paramref name="archivePath"/>,
    /// replacing it: object files are stored under their file names; an input that is itself an archive (the runtime's
    /// <c>libsoxrt.a</c>) contributes its members, in order, since linkers do not look into archives nested in archives
    /// (what <c>ar -M</c>'s <c>ADDLIB</c> does).</summary>
    public static void Write(string archivePath, IEnumerable<string> inputPaths, ArchiveFormat format)
    {
        ArgumentNullException.ThrowIfNull(inputPaths);
        var bytes = Write(inputPaths.SelectMany(Members).ToList(), format);
        File.WriteAllBytes(archivePath, bytes);
    }

    private static IEnumerable<(string Name, byte[] Contents)> Members(string path)
    {
        var contents = File.ReadAllBytes(path);
        if (!contents.AsSpan().StartsWith(ArArchiveFile.Magic)) return [(Path.GetFileName(path), contents)];
        if (BsdArchiveReader.IsBsdArchive(contents)) return BsdArchiveReader.Members(contents);
        using var stream = new MemoryStream(contents, writable: false);
        var archive = ArArchiveFile.Read(stream, new ArArchiveFileReaderOptions(ArArchiveKind.GNU) { ProcessObjectFiles = false });
        return archive.Files.OfType<ArBinaryFile>().Select(f => (f.Name!, ((MemoryStream)Copy(f.Stream!)).ToArray())).ToList();
    }

    private static Stream Copy(Stream stream)
    {
        var copy = new MemoryStream();
        stream.Position = 0;
        stream.CopyTo(copy);
        return copy;
    }

    /// <summary>Whether <paramref name="contents"/> is an object file <see cref="DefinedSymbols"/> reads (ELF, Mach-O 64,
    /// COFF).</summary>
    private static bool IsObject(byte[] contents) => Kind(contents) is not null;

    private static ObjectFormat? Kind(byte[] contents)
    {
        if (contents.Length >= 4 && contents[0] == 0x7f && contents[1] == (byte)'E' && contents[2] == (byte)'L' && contents[3] == (byte)'F')
            return ObjectFormat.Elf;
        if (contents.Length >= MachHeader64.Size && BinaryPrimitives.ReadUInt32LittleEndian(contents) == MachHeader64.MH_MAGIC_64)
            return ObjectFormat.MachO;
        if (contents.Length >= CoffFileHeader.Size && BinaryPrimitives.ReadUInt16LittleEndian(contents) is (ushort)CoffMachine.IMAGE_FILE_MACHINE_AMD64 or 0xaa64)
            return ObjectFormat.Coff;
        return null;
    }

    /// <summary>The external symbols <paramref name="contents"/> defines (common symbols included), in its symbol
    /// table's order; none when it is not an object file this writer knows.</summary>
    public static IReadOnlyList<string> DefinedSymbols(byte[] contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return Kind(contents) switch
        {
            ObjectFormat.Elf => ElfSymbols(contents),
            ObjectFormat.MachO => MachOSymbols(contents),
            ObjectFormat.Coff => CoffSymbols(contents),
            _ => [],
        };
    }

    /// <summary>gABI "Symbol Table": <c>STB_GLOBAL</c>/<c>STB_WEAK</c> symbols whose <c>st_shndx</c> is not <c>SHN_UNDEF</c>.</summary>
    private static List<string> ElfSymbols(byte[] contents)
    {
        using var stream = new MemoryStream(contents, writable: false);
        var elf = Lof.ElfFile.Read(stream);
        return elf.Sections.OfType<Lof.ElfSymbolTable>().Where(t => t.Type == Lof.ElfSectionType.SymbolTable)
            .SelectMany(t => t.Entries)
            .Where(s => s.Bind is Lof.ElfSymbolBind.Global or Lof.ElfSymbolBind.Weak && s.SectionLink.GetIndex() != 0 && !string.IsNullOrEmpty(s.Name.Value))
            .Select(s => s.Name.Value!)
            .ToList();
    }

    /// <summary>PE Format "COFF Symbol Table": <c>IMAGE_SYM_CLASS_EXTERNAL</c> symbols defined in a section, or
    /// common (section 0 with a size in Value).</summary>
    private static List<string> CoffSymbols(byte[] contents)
    {
        var header = CoffFileHeader.Read(contents);
        var symbols = new List<string>();
        int table = (int)header.PointerToSymbolTable;
        int strings = table + (int)header.NumberOfSymbols * CoffSymbol.Size;
        for (int i = 0; i < header.NumberOfSymbols; i++)
        {
            var symbol = CoffSymbol.Read(contents.AsSpan(table + i * CoffSymbol.Size));
            if (symbol.StorageClass == CoffStorageClass.IMAGE_SYM_CLASS_EXTERNAL && (symbol.SectionNumber > 0 || symbol.Value != 0))
                symbols.Add(symbol.ShortName ?? CString(contents, strings + (int)symbol.NameOffset));
            i += symbol.NumberOfAuxSymbols;
        }
        return symbols;
    }

    /// <summary><c>&lt;mach-o/nlist.h&gt;</c>: <c>N_EXT</c> entries that are not stabs and not undefined (or are common:
    /// <c>N_UNDF</c> with a size).</summary>
    private static List<string> MachOSymbols(byte[] contents)
    {
        var symbols = new List<string>();
        uint commands = BinaryPrimitives.ReadUInt32LittleEndian(contents.AsSpan(16));
        int at = MachHeader64.Size;
        for (int c = 0; c < commands; c++)
        {
            uint cmd = BinaryPrimitives.ReadUInt32LittleEndian(contents.AsSpan(at));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(contents.AsSpan(at + 4));
            if (cmd == (uint)MachOLoadCommandType.LC_SYMTAB)
            {
                var symtab = SymtabCommand.Read(contents.AsSpan(at));
                for (int i = 0; i < symtab.SymbolCount; i++)
                {
                    var n = Nlist64.Read(contents.AsSpan((int)symtab.SymbolOffset + i * Nlist64.Size));
                    if ((n.Type & Nlist64.N_STAB) != 0 || !n.IsExternal) continue;
                    if ((n.Type & Nlist64.N_TYPE) == Nlist64.N_UNDF && n.Value == 0) continue;
                    symbols.Add(CString(contents, (int)(symtab.StringOffset + n.StringIndex)));
                }
            }
            at += (int)size;
        }
        return symbols;
    }

    private static string CString(byte[] contents, int offset)
    {
        int end = Array.IndexOf(contents, (byte)0, offset);
        return Encoding.UTF8.GetString(contents, offset, (end < 0 ? contents.Length : end) - offset);
    }
}
