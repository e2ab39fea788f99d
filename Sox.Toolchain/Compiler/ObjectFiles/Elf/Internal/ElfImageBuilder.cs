using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Elf.Internal;

/// <summary>
/// Builds the ELF model of an <see cref="ObjectFile"/> (step 1 of writing; layout and serialisation follow).
/// <para>Section order: null; each model section, directly followed by its <c>.rela</c> section when it has
/// relocations; <c>.note.GNU-stack</c>; <c>.symtab</c>; <c>.strtab</c>; <c>.shstrtab</c>.</para>
/// <para>Symbol order (gABI: all <c>STB_LOCAL</c> symbols precede the others, <c>sh_info</c> = first non-local):
/// null; the <c>STT_FILE</c> symbol; one <c>STT_SECTION</c> symbol per model section; the model's local symbols;
/// the model's global and undefined symbols in model order; then names that relocations use but the model never
/// declared, as undefined <c>STT_NOTYPE</c> globals, in order of first use.</para>
/// <para>A relocation against a <em>local</em> symbol names its section's symbol with the symbol's offset added to
/// the addend, as GNU as does: the result is the same address, and the linker can never mistake a local for a
/// preemptible name. GOT relocations are the exception: their addend offsets the GOT entry, not the symbol
/// (psABI: G + GOT + A - P; AAELF64: GDAT(S + A) is one entry per S + A), so they keep the local symbol itself.
/// Relocations against global symbols always name the symbol, keeping it preemptible in shared libraries.</para>
/// </summary>
internal static class ElfImageBuilder
{
    public static ElfImage Build(ObjectFile file)
    {
        var machine = ElfRelocationTypes.ToElfMachine(file.Machine);
        var modelSections = file.Sections;

        // Section indices first: .rela sections and symbols refer to them.
        var sectionIndex = new Dictionary<ObjectSection, int>();
        var relaIndex = new Dictionary<ObjectSection, int>();
        int next = 1;
        foreach (var section in modelSections)
        {
            sectionIndex[section] = next++;
            if (section.Relocations.Count > 0) relaIndex[section] = next++;
        }
        int noteIndex = next++, symtabIndex = next++, strtabIndex = next++, shstrtabIndex = next++;
        if (next > ElfSectionIndex.SHN_LORESERVE)
            throw new NotSupportedException($"{next} sections need extended section numbering (SHN_XINDEX), which Sox does not write.");

        // Symbols.
        var strtab = new ElfStringTable();
        var symbols = new List<ElfSymbol> { default };
        if (file.SourceFileName is { } source)
            symbols.Add(new ElfSymbol { Name = strtab.Add(source), Binding = ElfSymbolBinding.STB_LOCAL, Type = ElfSymbolType.STT_FILE, SectionIndex = ElfSectionIndex.SHN_ABS });
        var sectionSymbol = new Dictionary<ObjectSection, uint>();
        foreach (var section in modelSections)
        {
            sectionSymbol[section] = (uint)symbols.Count;
            symbols.Add(new ElfSymbol { Binding = ElfSymbolBinding.STB_LOCAL, Type = ElfSymbolType.STT_SECTION, SectionIndex = (ushort)sectionIndex[section] });
        }
        var symbolIndex = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var symbol in file.Symbols.Where(s => s.IsDefined && s.Binding == ObjectSymbolBinding.Local))
            AddModelSymbol(symbol);
        int firstGlobal = symbols.Count;
        foreach (var symbol in file.Symbols.Where(s => !(s.IsDefined && s.Binding == ObjectSymbolBinding.Local)))
            AddModelSymbol(symbol);
        foreach (var relocation in modelSections.SelectMany(s => s.Relocations))
        {
            if (symbolIndex.ContainsKey(relocation.Symbol)) continue;
            symbolIndex[relocation.Symbol] = (uint)symbols.Count;
            symbols.Add(new ElfSymbol { Name = strtab.Add(relocation.Symbol), Binding = ElfSymbolBinding.STB_GLOBAL, Type = ElfSymbolType.STT_NOTYPE, SectionIndex = ElfSectionIndex.SHN_UNDEF });
        }

        // Sections.
        var shstrtab = new ElfStringTable();
        var sections = new List<ElfSection> { new("", default, []) };
        foreach (var section in modelSections)
        {
            sections.Add(new ElfSection(section.Name, new ElfSectionHeader
            {
                Type = section.IsBss ? ElfSectionType.SHT_NOBITS : ElfSectionType.SHT_PROGBITS,
                Flags = ToElfFlags(section.Flags),
                SectionSize = (ulong)section.Size,
                AddressAlignment = (ulong)section.Alignment,
            }, section.Bytes.ToArray()));
            if (section.Relocations.Count == 0) continue;
            var table = new byte[section.Relocations.Count * ElfRelocation.Size];
            for (int i = 0; i < section.Relocations.Count; i++)
                ToElfRelocation(file, section.Relocations[i]).Write(table.AsSpan(i * ElfRelocation.Size));
            sections.Add(new ElfSection(".rela" + section.Name, new ElfSectionHeader
            {
                Type = ElfSectionType.SHT_RELA,
                Flags = ElfSectionFlags.SHF_INFO_LINK,
                SectionSize = (ulong)table.Length,
                Link = (uint)symtabIndex,
                Info = (uint)sectionIndex[section],
                AddressAlignment = 8,
                EntrySize = ElfRelocation.Size,
            }, table));
        }

        // An empty .note.GNU-stack without SHF_EXECINSTR asks the linker for a non-executable stack.
        sections.Add(new ElfSection(".note.GNU-stack", new ElfSectionHeader { Type = ElfSectionType.SHT_PROGBITS, AddressAlignment = 1 }, []));

        var symtab = new byte[symbols.Count * ElfSymbol.Size];
        for (int i = 0; i < symbols.Count; i++) symbols[i].Write(symtab.AsSpan(i * ElfSymbol.Size));
        sections.Add(new ElfSection(".symtab", new ElfSectionHeader
        {
            Type = ElfSectionType.SHT_SYMTAB,
            SectionSize = (ulong)symtab.Length,
            Link = (uint)strtabIndex,
            Info = (uint)firstGlobal,
            AddressAlignment = 8,
            EntrySize = ElfSymbol.Size,
        }, symtab));
        var strtabBytes = strtab.ToArray();
        sections.Add(new ElfSection(".strtab", new ElfSectionHeader { Type = ElfSectionType.SHT_STRTAB, SectionSize = (ulong)strtabBytes.Length, AddressAlignment = 1 }, strtabBytes));
        sections.Add(new ElfSection(".shstrtab", new ElfSectionHeader { Type = ElfSectionType.SHT_STRTAB, AddressAlignment = 1 }, []));

        // Section names last, so that .shstrtab can hold its own name.
        for (int i = 1; i < sections.Count; i++)
            sections[i].Header = sections[i].Header with { Name = shstrtab.Add(sections[i].Name) };
        var names = shstrtab.ToArray();
        sections[shstrtabIndex].Contents = names;
        sections[shstrtabIndex].Header = sections[shstrtabIndex].Header with { SectionSize = (ulong)names.Length };
        return new ElfImage(machine, sections, shstrtabIndex);

        void AddModelSymbol(ObjectSymbol symbol)
        {
            symbolIndex[symbol.Name] = (uint)symbols.Count;
            symbols.Add(new ElfSymbol
            {
                Name = strtab.Add(symbol.Name),
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

        ElfRelocation ToElfRelocation(ObjectFile owner, SymbolRelocation relocation)
        {
            uint type = ElfRelocationTypes.ToElfType(owner.Machine, relocation.Kind);
            var target = owner.FindSymbol(relocation.Symbol);
            if (target is { IsDefined: true, Binding: ObjectSymbolBinding.Local } && !ElfRelocationTypes.AddressesGotEntry(relocation.Kind))
                return new ElfRelocation((ulong)relocation.Offset, type, sectionSymbol[target.Section!], relocation.Addend + target.Offset);
            return new ElfRelocation((ulong)relocation.Offset, type, symbolIndex[relocation.Symbol], relocation.Addend);
        }
    }

    private static ElfSectionFlags ToElfFlags(ObjectSectionFlags flags) =>
        (flags.HasFlag(ObjectSectionFlags.Allocated) ? ElfSectionFlags.SHF_ALLOC : 0)
        | (flags.HasFlag(ObjectSectionFlags.Writable) ? ElfSectionFlags.SHF_WRITE : 0)
        | (flags.HasFlag(ObjectSectionFlags.Executable) ? ElfSectionFlags.SHF_EXECINSTR : 0);
}
