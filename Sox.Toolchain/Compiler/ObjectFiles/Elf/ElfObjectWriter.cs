using Sox.Compiler.Ir;
using Lof = LibObjectFile.Elf;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// Writes an <see cref="ObjectFile"/> as a little-endian ELF64 relocatable object (<c>ET_REL</c>; System V gABI
/// chapter 4) for x86-64 (psABI §4) or AArch64 (AAELF64) by mapping it onto LibObjectFile's ELF model
/// (<c>LibObjectFile.Elf.ElfFile</c>), which lays the file out and serialises it.
/// <para>Section order: null; each model section, directly followed by its <c>.rela</c> section when it has
/// relocations; <c>.note.GNU-stack</c>; <c>.symtab</c>; <c>.strtab</c>; <c>.shstrtab</c>; then the section header
/// table. Each section's contents start at the next multiple of its <c>sh_addralign</c>; no program headers.</para>
/// <para>Symbol order (gABI: all <c>STB_LOCAL</c> symbols precede the others, <c>sh_info</c> = first non-local):
/// null; the <c>STT_FILE</c> symbol; one <c>STT_SECTION</c> symbol per model section; the model's local symbols;
/// the model's global and undefined symbols in model order; then names that relocations use but the model never
/// declared, as undefined <c>STT_NOTYPE</c> globals, in order of first use.</para>
/// <para>A relocation against a <em>local</em> symbol names its section's symbol with the symbol's offset added to
/// the addend, as GNU as does: the result is the same address, and the linker can never mistake a local for a
/// preemptible name. GOT relocations are the exception: their addend offsets the GOT entry, not the symbol
/// (psABI: G + GOT + A - P; AAELF64: GDAT(S + A) is one entry per S + A), so they keep the local symbol itself.
/// Relocations against global symbols always name the symbol, keeping it preemptible in shared libraries.</para>
/// <para>Output depends only on the input (LibObjectFile's layout is a pure function of the model).</para>
/// </summary>
public sealed class ElfObjectWriter : IObjectFileWriter
{
    /// <inheritdoc />
    public string FileExtension => ".o";

    /// <inheritdoc />
    /// <remarks>Written directly (<see cref="ElfFileWriter"/>): the same bytes as <see cref="WriteThroughModel"/>, without
    /// building the model first.</remarks>
    public byte[] Write(ObjectFile objectFile)
    {
        ArgumentNullException.ThrowIfNull(objectFile);
        return ElfFileWriter.Write(objectFile);
    }

    /// <summary>
    /// The bytes of <paramref name="objectFile"/> as LibObjectFile's model of it writes them: the reference the direct
    /// writer is checked against (tests), as every object was written before the direct writer.
    /// </summary>
    internal static byte[] WriteThroughModel(ObjectFile objectFile)
    {
        var elf = ToElfFile(objectFile);
        using var stream = new MemoryStream();
        elf.Write(stream);
        return stream.ToArray();
    }

    /// <summary>The LibObjectFile model of <paramref name="file"/>, ready to be written.</summary>
    internal static Lof.ElfFile ToElfFile(ObjectFile file)
    {
        var arch = file.Machine switch
        {
            ObjectMachine.X64 => Lof.ElfArch.X86_64,
            ObjectMachine.Arm64 => Lof.ElfArch.AARCH64,
            _ => throw new ArgumentOutOfRangeException(nameof(file), file.Machine, null),
        };
        // No program header table: a relocatable object has none (gABI "Program Header": e_phoff 0).
        var elf = new Lof.ElfFile(arch, addDefaultSections: false) { FileType = Lof.ElfFileType.Relocatable };
        elf.Add(new Lof.ElfNullSection());

        int sectionCount = 1 + file.Sections.Count + file.Sections.Count(s => s.Relocations.Count > 0) + 4;
        if (sectionCount > ElfSectionIndex.SHN_LORESERVE)
            throw new NotSupportedException($"{sectionCount} sections need extended section numbering (SHN_XINDEX), which Sox does not write.");

        // Sections first (symbols refer to them), each with its relocation table right after it.
        var symtab = new Lof.ElfSymbolTable(isDynamic: false);
        var sections = new Dictionary<ObjectSection, Lof.ElfSection>();
        var relocationTables = new List<(ObjectSection Source, Lof.ElfRelocationTable Table)>();
        foreach (var section in file.Sections)
        {
            Lof.ElfSection elfSection = section.IsBss
                ? new Lof.ElfNoBitsSection { Size = (ulong)section.Size }
                : new Lof.ElfStreamSection(SectionType(file.Machine, section), new MemoryStream(section.Bytes.ToArray()));
            elfSection.Name = section.Name;
            elfSection.Flags = ToElfFlags(section.Flags);
            elfSection.VirtualAddressAlignment = (ulong)section.Alignment;
            elfSection.FileAlignment = (uint)Math.Max(1, section.Alignment);
            elf.Add(elfSection);
            sections[section] = elfSection;
            if (section.Relocations.Count == 0) continue;
            var table = new Lof.ElfRelocationTable(relocationWithAddends: true)
            {
                Name = ".rela" + section.Name,
                Flags = Lof.ElfSectionFlags.InfoLink,
                Link = symtab,
                Info = elfSection,
                VirtualAddressAlignment = 8,
                FileAlignment = 8,
            };
            elf.Add(table);
            relocationTables.Add((section, table));
        }

        // An empty .note.GNU-stack without SHF_EXECINSTR asks the linker for a non-executable stack.
        elf.Add(new Lof.ElfStreamSection(Lof.ElfSectionType.ProgBits, new MemoryStream()) { Name = ".note.GNU-stack", VirtualAddressAlignment = 1 });

        var strtab = new Lof.ElfStringTable { VirtualAddressAlignment = 1 };
        symtab.Link = strtab;
        symtab.VirtualAddressAlignment = 8;
        symtab.FileAlignment = 8;
        elf.Add(symtab);
        elf.Add(strtab);
        elf.Add(new Lof.ElfSectionHeaderStringTable { VirtualAddressAlignment = 1 });
        elf.Add(new Lof.ElfSectionHeaderTable());

        // Symbols: locals first (ElfSymbolTable sets sh_info to one past the last local).
        var symbols = symtab.Entries;
        if (file.SourceFileName is { } source)
            symbols.Add(new Lof.ElfSymbol { Name = source, Bind = Lof.ElfSymbolBind.Local, Type = Lof.ElfSymbolType.File, SectionLink = Lof.ElfSectionLink.SectionAbsolute });
        var sectionSymbol = new Dictionary<ObjectSection, uint>();
        foreach (var section in file.Sections)
        {
            sectionSymbol[section] = (uint)symbols.Count;
            symbols.Add(new Lof.ElfSymbol { Bind = Lof.ElfSymbolBind.Local, Type = Lof.ElfSymbolType.Section, SectionLink = sections[section] });
        }
        var symbolIndex = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var symbol in file.Symbols.Where(s => s.IsDefined && s.Binding == ObjectSymbolBinding.Local))
            AddModelSymbol(symbol);
        foreach (var symbol in file.Symbols.Where(s => !(s.IsDefined && s.Binding == ObjectSymbolBinding.Local)))
            AddModelSymbol(symbol);
        foreach (var relocation in file.Sections.SelectMany(s => s.Relocations))
        {
            if (symbolIndex.ContainsKey(relocation.Symbol)) continue;
            symbolIndex[relocation.Symbol] = (uint)symbols.Count;
            symbols.Add(new Lof.ElfSymbol { Name = relocation.Symbol, Bind = Lof.ElfSymbolBind.Global, Type = Lof.ElfSymbolType.NoType });
        }

        foreach (var (section, table) in relocationTables)
        {
            foreach (var relocation in section.Relocations)
                table.Entries.Add(ToElfRelocation(relocation));
        }
        return elf;

        void AddModelSymbol(ObjectSymbol symbol)
        {
            symbolIndex[symbol.Name] = (uint)symbols.Count;
            symbols.Add(new Lof.ElfSymbol
            {
                Name = symbol.Name,
                Bind = symbol.Binding == ObjectSymbolBinding.Local ? Lof.ElfSymbolBind.Local : Lof.ElfSymbolBind.Global,
                Type = symbol.Type switch
                {
                    ObjectSymbolType.Function => Lof.ElfSymbolType.Function,
                    ObjectSymbolType.Object => Lof.ElfSymbolType.Object,
                    _ => Lof.ElfSymbolType.NoType,
                },
                SectionLink = symbol.Section is { } s ? sections[s] : Lof.ElfSectionLink.Empty,
                Value = (ulong)symbol.Offset,
                Size = (ulong)symbol.Size,
            });
        }

        Lof.ElfRelocation ToElfRelocation(SymbolRelocation relocation)
        {
            var type = new Lof.ElfRelocationType(elf.Arch, ElfRelocationTypes.ToElfType(file.Machine, relocation.Kind));
            var target = file.FindSymbol(relocation.Symbol);
            if (target is { IsDefined: true, Binding: ObjectSymbolBinding.Local } && !ElfRelocationTypes.AddressesGotEntry(relocation.Kind))
                return new Lof.ElfRelocation((ulong)relocation.Offset, type, sectionSymbol[target.Section!], relocation.Addend + target.Offset);
            return new Lof.ElfRelocation((ulong)relocation.Offset, type, symbolIndex[relocation.Symbol], relocation.Addend);
        }
    }

    /// <summary><c>SHT_PROGBITS</c>, except x86-64's <c>.eh_frame</c>, which is <c>SHT_X86_64_UNWIND</c> as the psABI
    /// (§4.2.2) and GNU as make it.</summary>
    private static Lof.ElfSectionType SectionType(ObjectMachine machine, ObjectSection section) =>
        machine == ObjectMachine.X64 && section.Kind == ObjectSectionKind.Custom && section.Name == ".eh_frame"
            ? (Lof.ElfSectionType)ElfSectionType.SHT_X86_64_UNWIND
            : Lof.ElfSectionType.ProgBits;

    private static Lof.ElfSectionFlags ToElfFlags(ObjectSectionFlags flags) =>
        (flags.HasFlag(ObjectSectionFlags.Allocated) ? Lof.ElfSectionFlags.Alloc : 0)
        | (flags.HasFlag(ObjectSectionFlags.Writable) ? Lof.ElfSectionFlags.Write : 0)
        | (flags.HasFlag(ObjectSectionFlags.Executable) ? Lof.ElfSectionFlags.Executable : 0);
}
