using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>
/// Writes an <see cref="ObjectFile"/> as the bytes of an ELF64 relocatable object directly, without an object model
/// in between: the layout <see cref="ElfObjectWriter"/> documents (section order, symbol order, relocations against
/// section symbols for locals), byte for byte what LibObjectFile's model of it writes (checked by
/// <c>ObjectFiles/ElfDirectWriterTests</c> against that model, and by comparing the objects of every conformance
/// program). The model allocated several objects per symbol and relocation (about 24 MB for a 3 MB object of a
/// 10,000-line program); this writes each entry straight into the output.
/// <para>File layout (System V gABI, "ELF Header", "Sections"): the 64-byte header; each section's contents in section
/// order, each at the next multiple of its alignment (relocation and symbol tables 8, string tables 1); an empty section
/// takes no bytes, and a <c>SHT_NOBITS</c> one none at all (its offset is the previous section's, as in the model); then
/// the section header table at the next multiple of 8.</para>
/// </summary>
internal static class ElfFileWriter
{
    /// <summary>One section of the output: its header fields and contents (null: none in the file).</summary>
    private sealed class Section
    {
        public string Name = "";
        public ElfSectionType Type;
        public ElfSectionFlags Flags;
        public ulong Alignment;
        public int FileAlignment = 1;
        public uint Link;
        public uint Info;
        public ulong EntrySize;
        public byte[]? Contents;
        public ObjectSection? Source;
        public ulong Size;
        public ulong Offset;
    }

    /// <summary>The bytes of <paramref name="file"/> as an ELF64 relocatable object.</summary>
    public static byte[] Write(ObjectFile file)
    {
        var machine = ElfRelocationTypes.ToElfMachine(file.Machine);
        var relocatedSections = 0;
        foreach (var s in file.Sections)
        {
            if (s.Relocations.Count > 0) relocatedSections++;
        }
        var sectionCount = 1 + file.Sections.Count + relocatedSections + 4;
        if (sectionCount > ElfSectionIndex.SHN_LORESERVE)
            throw new NotSupportedException($"{sectionCount} sections need extended section numbering (SHN_XINDEX), which Sox does not write.");

        // Section indices first: symbols and relocation tables refer to them.
        var sections = new List<Section>(sectionCount) { new() { Type = ElfSectionType.SHT_NULL, FileAlignment = 1 } };
        var sectionIndex = new Dictionary<ObjectSection, int>(file.Sections.Count);
        var relocationTables = new List<(ObjectSection Source, Section Table)>(relocatedSections);
        foreach (var section in file.Sections)
        {
            sectionIndex[section] = sections.Count;
            var elfSection = new Section
            {
                Name = section.Name,
                Type = section.IsBss ? ElfSectionType.SHT_NOBITS : SectionType(file.Machine, section),
                Flags = ToElfFlags(section.Flags),
                Alignment = (ulong)section.Alignment,
                FileAlignment = Math.Max(1, section.Alignment),
                Source = section.IsBss ? null : section,
                Size = (ulong)section.Size,
            };
            sections.Add(elfSection);
            if (section.Relocations.Count == 0) continue;
            var table = new Section
            {
                Name = ".rela" + section.Name,
                Type = ElfSectionType.SHT_RELA,
                Flags = ElfSectionFlags.SHF_INFO_LINK,
                Alignment = 8,
                FileAlignment = 8,
                Info = (uint)(sections.Count - 1),
                EntrySize = ElfRelocation.Size,
            };
            sections.Add(table);
            relocationTables.Add((section, table));
        }
        // An empty .note.GNU-stack without SHF_EXECINSTR asks the linker for a non-executable stack.
        sections.Add(new Section { Name = ".note.GNU-stack", Type = ElfSectionType.SHT_PROGBITS, Alignment = 1, Contents = [] });
        var symtabIndex = sections.Count;
        var symtab = new Section { Name = ".symtab", Type = ElfSectionType.SHT_SYMTAB, Alignment = 8, FileAlignment = 8, Link = (uint)symtabIndex + 1, EntrySize = ElfSymbol.Size };
        var strtab = new Section { Name = ".strtab", Type = ElfSectionType.SHT_STRTAB, Alignment = 1 };
        var shstrtab = new Section { Name = ".shstrtab", Type = ElfSectionType.SHT_STRTAB, Alignment = 1 };
        sections.Add(symtab);
        sections.Add(strtab);
        sections.Add(shstrtab);
        foreach (var (_, table) in relocationTables) table.Link = (uint)symtabIndex;

        // Symbols: null; the file; a section symbol per model section; the model's locals; its other symbols; then names
        // relocations use that the model never declared (undefined globals, in order of first use).
        var names = new ElfStringTable();
        // The compiler's own buffer, not List<ElfSymbol>: ReadyToRun cannot precompile the framework's code over our struct.
        var symbols = new CodeGen.ValueBuffer<ElfSymbol>(file.Symbols.Count + file.Sections.Count + 2);
        symbols.Add(default);
        if (file.SourceFileName is { } source)
        {
            symbols.Add(new ElfSymbol
            {
                Name = names.Add(source), Binding = ElfSymbolBinding.STB_LOCAL, Type = ElfSymbolType.STT_FILE, SectionIndex = ElfSectionIndex.SHN_ABS,
            });
        }
        var sectionSymbol = new Dictionary<ObjectSection, uint>(file.Sections.Count);
        foreach (var section in file.Sections)
        {
            sectionSymbol[section] = (uint)symbols.Count;
            symbols.Add(new ElfSymbol { Binding = ElfSymbolBinding.STB_LOCAL, Type = ElfSymbolType.STT_SECTION, SectionIndex = (ushort)sectionIndex[section] });
        }
        var symbolIndex = new Dictionary<string, uint>(file.Symbols.Count, StringComparer.Ordinal);
        foreach (var symbol in file.Symbols)
        {
            if (symbol.IsDefined && symbol.Binding == ObjectSymbolBinding.Local) AddModelSymbol(symbol);
        }
        var firstGlobal = (uint)symbols.Count;
        foreach (var symbol in file.Symbols)
        {
            if (!(symbol.IsDefined && symbol.Binding == ObjectSymbolBinding.Local)) AddModelSymbol(symbol);
        }
        foreach (var section in file.Sections)
        {
            var relocations = section.Relocations;
            for (var i = 0; i < relocations.Count; i++)
            {
                var relocation = relocations[i];
                if (symbolIndex.ContainsKey(relocation.Symbol)) continue;
                symbolIndex[relocation.Symbol] = (uint)symbols.Count;
                symbols.Add(new ElfSymbol { Name = names.Add(relocation.Symbol), Binding = ElfSymbolBinding.STB_GLOBAL, Type = ElfSymbolType.STT_NOTYPE });
            }
        }
        symtab.Info = firstGlobal;
        symtab.Contents = new byte[symbols.Count * ElfSymbol.Size];
        for (var i = 0; i < symbols.Count; i++) symbols[i].Write(symtab.Contents.AsSpan(i * ElfSymbol.Size));
        strtab.Contents = names.ToArray();

        foreach (var (source2, table) in relocationTables)
        {
            var relocations = source2.Relocations;
            var bytes = new byte[relocations.Count * ElfRelocation.Size];
            for (var i = 0; i < relocations.Count; i++) ToElfRelocation(relocations[i]).Write(bytes.AsSpan(i * ElfRelocation.Size));
            table.Contents = bytes;
        }

        var sectionNames = new ElfStringTable();
        var nameOffsets = new uint[sections.Count];
        for (var i = 0; i < sections.Count; i++) nameOffsets[i] = sectionNames.Add(sections[i].Name);
        shstrtab.Contents = sectionNames.ToArray();

        // Layout: contents in section order after the header, each aligned; the header table last.
        ulong offset = ElfHeader.Size;
        ulong previousOffset = offset;
        foreach (var section in sections)
        {
            if (section.Type == ElfSectionType.SHT_NULL) continue;
            // A SHT_NOBITS section occupies no file space and its sh_offset is only conceptual (gABI "Sections"): the
            // model gives it the previous section's offset, so this does too.
            if (section.Type == ElfSectionType.SHT_NOBITS)
            {
                section.Offset = previousOffset;
                continue;
            }
            offset = AlignUp(offset, (ulong)section.FileAlignment);
            section.Offset = previousOffset = offset;
            if (section.Contents is { } contents) section.Size = (ulong)contents.Length;
            if (section.Contents is not null || section.Source is not null) offset += section.Size;
        }
        var headerTable = AlignUp(offset, 8);
        var output = new byte[headerTable + (ulong)(sections.Count * ElfSectionHeader.Size)];
        new ElfHeader
        {
            Type = ElfHeader.ET_REL,
            Machine = machine,
            SectionHeaderOffset = headerTable,
            SectionHeaderCount = (ushort)sections.Count,
            SectionNameTableIndex = (ushort)(sections.Count - 1),
        }.Write(output);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            section.Contents?.CopyTo(output.AsSpan((int)section.Offset));
            section.Source?.Bytes.CopyTo(output.AsSpan((int)section.Offset));
            new ElfSectionHeader
            {
                Name = nameOffsets[i],
                Type = section.Type,
                Flags = section.Flags,
                Offset = section.Offset,
                SectionSize = section.Size,
                Link = section.Link,
                Info = section.Info,
                AddressAlignment = section.Alignment,
                EntrySize = section.EntrySize,
            }.Write(output.AsSpan((int)headerTable + i * ElfSectionHeader.Size));
        }
        return output;

        void AddModelSymbol(ObjectSymbol symbol)
        {
            symbolIndex[symbol.Name] = (uint)symbols.Count;
            symbols.Add(new ElfSymbol
            {
                Name = names.Add(symbol.Name),
                Binding = symbol.Binding == ObjectSymbolBinding.Local ? ElfSymbolBinding.STB_LOCAL : ElfSymbolBinding.STB_GLOBAL,
                Type = symbol.Type switch
                {
                    ObjectSymbolType.Function => ElfSymbolType.STT_FUNC,
                    ObjectSymbolType.Object => ElfSymbolType.STT_OBJECT,
                    _ => ElfSymbolType.STT_NOTYPE,
                },
                SectionIndex = symbol.Section is { } s ? (ushort)sectionIndex[s] : ElfSectionIndex.SHN_UNDEF,
                Value = (ulong)symbol.Offset,
                SymbolSize = (ulong)symbol.Size,
            });
        }

        ElfRelocation ToElfRelocation(SymbolRelocation relocation)
        {
            var type = ElfRelocationTypes.ToElfType(file.Machine, relocation.Kind);
            var target = file.FindSymbol(relocation.Symbol);
            if (target is { IsDefined: true, Binding: ObjectSymbolBinding.Local } && !ElfRelocationTypes.AddressesGotEntry(relocation.Kind))
                return new ElfRelocation((ulong)relocation.Offset, type, sectionSymbol[target.Section!], relocation.Addend + target.Offset);
            return new ElfRelocation((ulong)relocation.Offset, type, symbolIndex[relocation.Symbol], relocation.Addend);
        }
    }

    /// <summary><c>SHT_PROGBITS</c>, except x86-64's <c>.eh_frame</c>, which is <c>SHT_X86_64_UNWIND</c> as the psABI
    /// (§4.2.2) and GNU as make it.</summary>
    private static ElfSectionType SectionType(ObjectMachine machine, ObjectSection section) =>
        machine == ObjectMachine.X64 && section.Kind == ObjectSectionKind.Custom && section.Name == ".eh_frame"
            ? ElfSectionType.SHT_X86_64_UNWIND
            : ElfSectionType.SHT_PROGBITS;

    private static ElfSectionFlags ToElfFlags(ObjectSectionFlags flags) =>
        (flags.HasFlag(ObjectSectionFlags.Allocated) ? ElfSectionFlags.SHF_ALLOC : 0)
        | (flags.HasFlag(ObjectSectionFlags.Writable) ? ElfSectionFlags.SHF_WRITE : 0)
        | (flags.HasFlag(ObjectSectionFlags.Executable) ? ElfSectionFlags.SHF_EXECINSTR : 0);

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
