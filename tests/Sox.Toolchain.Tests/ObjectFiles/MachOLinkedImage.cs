using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// A linked Mach-O image as <c>llvm-objdump --macho -d -s --syms --rebase --bind --lazy-bind</c> prints it: symbol
/// addresses, section contents by address, disassembly lines, and the dyld rebase and bind tables; with small
/// arm64/x86-64 decoders so tests can follow each patched instruction to the address it reaches.
/// </summary>
internal sealed partial class MachOLinkedImage
{
    public static readonly string[] ObjdumpArguments = ["--macho", "-d", "-s", "--syms", "--rebase", "--bind", "--lazy-bind"];

    private readonly Dictionary<string, ulong> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ulong Address, byte[] Bytes)> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, string> _instructions = [];

    /// <summary>Addresses the rebase table lists (pointers dyld slides).</summary>
    public HashSet<ulong> Rebases { get; } = [];
    /// <summary>(address, symbol) pairs of the bind and lazy-bind tables.</summary>
    public HashSet<(ulong Address, string Symbol)> Binds { get; } = [];

    public static MachOLinkedImage Parse(string output)
    {
        var image = new MachOLinkedImage();
        foreach (var (name, contents) in ParseSections(output)) image._sections[name] = contents;
        string table = "";
        foreach (var line in output.Split('\n'))
        {
            Match m;
            if (line.EndsWith("table:", StringComparison.Ordinal)) table = line;
            else if ((m = SymbolLine().Match(line)).Success) image._symbols[m.Groups[2].Value] = Hex(m.Groups[1].Value);
            else if ((m = InstructionLine().Match(line)).Success) image._instructions[Hex(m.Groups[1].Value)] = m.Groups[2].Value;
            else if ((m = TableLine().Match(line)).Success)
            {
                if (table == "Rebase table:") image.Rebases.Add(Hex(m.Groups[1].Value));
                else if (table is "Bind table:" or "Lazy bind table:") image.Binds.Add((Hex(m.Groups[1].Value), line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
            }
        }
        return image;
    }

    /// <summary>Each section's contents as <c>llvm-objdump --macho -s</c> prints them, by <c>SEG,sect</c>.</summary>
    public static Dictionary<string, byte[]> ParseContents(string output) => ParseSections(output).ToDictionary(s => s.Name, s => s.Contents.Bytes);

    public ulong Symbol(string name) => _symbols.TryGetValue(name, out var address) ? address : throw new AssertFailedException($"The image has no symbol {name}");

    public (ulong Address, ulong End) SectionRange(string qualifiedName) =>
        _sections.TryGetValue(qualifiedName, out var s) ? (s.Address, s.Address + (ulong)s.Bytes.Length) : throw new AssertFailedException($"The image has no section {qualifiedName}");

    public bool IsIn(ulong address, string qualifiedName) => SectionRange(qualifiedName) is var (start, end) && address >= start && address < end;

    /// <summary>The disassembly text llvm-objdump printed for the instruction at <paramref name="address"/>.</summary>
    public string Instruction(ulong address) => _instructions.TryGetValue(address, out var text) ? text : throw new AssertFailedException($"No instruction at 0x{address:x}");

    public ReadOnlySpan<byte> Bytes(ulong address, int length)
    {
        foreach (var (start, bytes) in _sections.Values)
            if (address >= start && address + (ulong)length <= start + (ulong)bytes.Length)
                return bytes.AsSpan((int)(address - start), length);
        throw new AssertFailedException($"No section contents at 0x{address:x}");
    }

    public ulong Pointer(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(address, 8));
    public int Int32(ulong address) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(address, 4));
    public uint Word(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(address, 4));

    /// <summary>Where the arm64 <c>b</c>/<c>bl</c> at <paramref name="address"/> goes.</summary>
    public ulong Arm64BranchTarget(ulong address)
    {
        uint word = Word(address);
        Assert.AreEqual(0x9400_0000u, word & 0xfc00_0000, $"bl at 0x{address:x}: {Instruction(address)}");
        return address + (ulong)((long)((int)(word << 6) >> 6) * 4);
    }

    /// <summary>The address an <c>adrp</c> at <paramref name="address"/> plus the <c>add</c> or 64-bit <c>ldr</c>
    /// after it form, and whether the second instruction is a load (that address is then a pointer slot).</summary>
    public (ulong Address, bool IsLoad) Arm64PageTarget(ulong address)
    {
        uint adrp = Word(address), second = Word(address + 4);
        Assert.AreEqual(0x9000_0000u, adrp & 0x9f00_0000, $"adrp at 0x{address:x}: {Instruction(address)}");
        long pages = (long)((int)((((adrp >> 5) & 0x7ffff) << 2 | ((adrp >> 29) & 3)) << 11) >> 11);
        ulong page = (address & ~0xfffUL) + (ulong)(pages << 12);
        ulong low = (second >> 10) & 0xfff;
        if ((second & 0xffc0_0000) == 0x9100_0000) return (page + low, false);          // add xd, xn, #imm
        if ((second & 0xffc0_0000) == 0xf940_0000) return (page + low * 8, true);       // ldr xt, [xn, #imm]
        throw new AssertFailedException($"0x{address + 4:x} is neither add nor ldr: {Instruction(address + 4)}");
    }

    /// <summary>The address a RIP-relative 32-bit field at <paramref name="field"/> reaches, the instruction ending
    /// <paramref name="trailing"/> bytes after the field.</summary>
    public ulong X64PcRelativeTarget(ulong field, int trailing = 0) => (ulong)((long)field + 4 + trailing + Int32(field));

    private static IEnumerable<(string Name, (ulong Address, byte[] Bytes) Contents)> ParseSections(string output)
    {
        string? name = null;
        ulong start = 0;
        var bytes = new List<byte>();
        foreach (var line in output.Split('\n').Append(""))
        {
            Match m;
            if (name is not null && (m = ContentsLine().Match(line)).Success)
            {
                if (bytes.Count == 0) start = Hex(m.Groups[1].Value);
                foreach (var word in m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    for (int i = 0; i < word.Length; i += 2) bytes.Add(byte.Parse(word.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                continue;
            }
            if (name is not null && bytes.Count > 0) yield return (name, (start, bytes.ToArray()));
            name = null;
            bytes.Clear();
            if ((m = ContentsHeader().Match(line)).Success) name = m.Groups[1].Value;
        }
    }

    private static ulong Hex(string text) => ulong.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Contents of section (\S+):$")]
    private static partial Regex ContentsHeader();
    [GeneratedRegex(@"^ ([0-9a-f]+) (.{35})  ")]
    private static partial Regex ContentsLine();
    [GeneratedRegex(@"^([0-9a-f]{16}) [lg ].* (\S+)$")]
    private static partial Regex SymbolLine();
    [GeneratedRegex(@"^([0-9a-f]+):\t(.*)$")]
    private static partial Regex InstructionLine();
    [GeneratedRegex(@"^\S+\s+\S+\s+0x([0-9a-f]+)\s")]
    private static partial Regex TableLine();
}
