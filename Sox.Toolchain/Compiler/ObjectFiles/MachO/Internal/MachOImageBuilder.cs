using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.MachO.Internal;

/// <summary>
/// Builds the Mach-O model of an <see cref="ObjectFile"/> (step 1 of writing; layout and serialisation follow).
/// <para>Sections: the model's sections in creation order, zero-fill ones moved last (they have no file bytes, so
/// the file image of the segment stays contiguous), each given the next address aligned to its alignment, in one
/// address space from 0 as assemblers lay them out (<see cref="MachOSectionMapping"/> names them).</para>
/// <para>Symbols, in the groups <c>LC_DYSYMTAB</c> describes: locals (<c>N_SECT</c>) in model order, then any
/// <c>ltmpN</c> anchors (see below); externally defined symbols (<c>N_SECT | N_EXT</c>) sorted by name; undefined
/// symbols (<c>N_UNDF | N_EXT</c>: declared externals and names only relocations use) sorted by name. Every name
/// gets the leading underscore of C names on Apple platforms; <c>n_value</c> is section address + offset.</para>
/// <para>PC-relative data (<see cref="RelocationKind.PcRelative32Data"/>) is a SUBTRACTOR/UNSIGNED pair whose
/// subtrahend is the symbol that starts the atom holding the field: the nearest model symbol at or before it in
/// the same section, or, when the section has none there, a local <c>ltmpN</c> at the section's start (N the
/// section's 0-based header index; LLVM's name for the same thing, unprefixed so no C name can clash).</para>
/// <para>Relocations in DWARF sections follow clang's form instead (<see cref="MachODwarfRelocations"/>).</para>
/// </summary>
internal static class MachOImageBuilder
{
    public static MachOImage Build(ObjectFile file)
    {
        var ordered = file.Sections.Where(s => !s.IsBss).Concat(file.Sections.Where(s => s.IsBss)).ToList();
        if (ordered.Count > Nlist64.MAX_SECT)
            throw new NotSupportedException($"{ordered.Count} sections: Mach-O's n_sect numbers at most {Nlist64.MAX_SECT}.");

        // Sections with addresses.
        var sections = new List<MachOSection>();
        var number = new Dictionary<ObjectSection, int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        ulong address = 0;
        foreach (var section in ordered)
        {
            var (segment, name, type, attributes) = MachOSectionMapping.Map(section);
            if (!names.Add($"{segment},{name}"))
                throw new NotSupportedException($"Two sections map to Mach-O section {segment},{name}.");
            address = AlignUp(address, (ulong)section.Alignment);
            number[section] = sections.Count + 1;
            sections.Add(new MachOSection(new Section64
            {
                SectionName = name,
                SegmentName = segment,
                Address = address,
                SectionSize = (ulong)section.Size,
                AlignLog2 = (uint)System.Numerics.BitOperations.Log2((uint)section.Alignment),
                Type = type,
                Attributes = attributes,
            }, section.Bytes.ToArray(), []));
            address += (ulong)section.Size;
        }

        // Atom anchors for PC-relative data: model symbol, or a section-start anchor to be created.
        var symbolsBySection = file.Symbols.Where(s => s.IsDefined).GroupBy(s => s.Section!).ToDictionary(g => g.Key, g => g.ToList());
        var anchorOf = new Dictionary<(ObjectSection, int), ObjectSymbol?>();
        var sectionAnchors = new SortedSet<int>();
        foreach (var section in ordered)
            foreach (var relocation in section.Relocations.Where(r => MachORelocationTranslator.NeedsAnchor(r.Kind)))
            {
                var owner = symbolsBySection.GetValueOrDefault(section)?.Where(s => s.Offset <= relocation.Offset).MaxBy(s => s.Offset);
                anchorOf[(section, relocation.Offset)] = owner;
                if (owner is null) sectionAnchors.Add(number[section] - 1);
            }

        // Symbols.
        var strings = new MachOStringTable();
        var symbols = new List<Nlist64>();
        var index = new Dictionary<string, uint>(StringComparer.Ordinal);
        var anchorIndex = new Dictionary<int, uint>();
        // Locals inside DWARF sections only anchor relocations that Mach-O writes without symbols; clang's objects have none.
        foreach (var symbol in file.Symbols.Where(s => s.IsDefined && s.Binding == ObjectSymbolBinding.Local && !MachOSectionMapping.IsDwarf(s.Section!)))
            AddDefined(symbol, external: false);
        foreach (int header in sectionAnchors)
        {
            anchorIndex[header] = (uint)symbols.Count;
            symbols.Add(new Nlist64 { StringIndex = strings.Add($"ltmp{header}"), Type = Nlist64.N_SECT, Section = (byte)(header + 1), Value = sections[header].Header.Address });
        }
        int localCount = symbols.Count;
        foreach (var symbol in file.Symbols.Where(s => s.IsDefined && s.Binding == ObjectSymbolBinding.Global).OrderBy(Decorate, StringComparer.Ordinal))
            AddDefined(symbol, external: true);
        int externalDefinedCount = symbols.Count - localCount;
        var undefined = file.Symbols.Where(s => !s.IsDefined).Select(s => s.Name)
            .Concat(file.Sections.SelectMany(s => s.Relocations).Select(r => r.Symbol).Where(n => file.FindSymbol(n) is null))
            .Distinct(StringComparer.Ordinal).OrderBy(Decorate, StringComparer.Ordinal);
        foreach (var name in undefined)
        {
            index[name] = (uint)symbols.Count;
            symbols.Add(new Nlist64 { StringIndex = strings.Add(Decorate(name)), Type = Nlist64.N_UNDF | Nlist64.N_EXT, Section = Nlist64.NO_SECT });
        }
        if (symbols.Count > MachORelocationInfo.MaxSymbolNumber)
            throw new NotSupportedException($"{symbols.Count} symbols: relocations' r_symbolnum numbers at most {MachORelocationInfo.MaxSymbolNumber}.");

        // Relocations, in reverse model order (descending addresses for encoder output, as LLVM writes them); each
        // pair keeps its order (ADDEND or SUBTRACTOR first).
        foreach (var section in ordered)
        {
            var image = sections[number[section] - 1];
            var translator = new MachORelocationTranslator(file.Machine, image.Contents, name => index[name]);
            for (int i = section.Relocations.Count - 1; i >= 0; i--)
            {
                var relocation = section.Relocations[i];
                if (MachOSectionMapping.IsDwarf(section))
                {
                    if (MachODwarfRelocations.Translate(file, relocation, image.Contents, s => number[s], s => sections[number[s] - 1].Header.Address) is { } entry)
                        image.Relocations.Add(entry);
                    continue;
                }
                (uint, int) anchor = default;
                if (MachORelocationTranslator.NeedsAnchor(relocation.Kind))
                    anchor = anchorOf[(section, relocation.Offset)] is { } owner ? (index[owner.Name], owner.Offset) : (anchorIndex[number[section] - 1], 0);
                image.Relocations.AddRange(translator.Translate(relocation, anchor));
            }
            image.Header = image.Header with { RelocationCount = (uint)image.Relocations.Count };
        }

        var ranges = new DysymtabCommand
        {
            LocalSymbolIndex = 0,
            LocalSymbolCount = (uint)localCount,
            ExternalDefinedSymbolIndex = (uint)localCount,
            ExternalDefinedSymbolCount = (uint)externalDefinedCount,
            UndefinedSymbolIndex = (uint)(localCount + externalDefinedCount),
            UndefinedSymbolCount = (uint)(symbols.Count - localCount - externalDefinedCount),
        };
        return new MachOImage(MachORelocationTypes.ToCpuType(file.Machine), MachORelocationTypes.ToCpuSubtype(file.Machine),
            sections, symbols, strings.ToArray(), ranges);

        void AddDefined(ObjectSymbol symbol, bool external)
        {
            int header = number[symbol.Section!] - 1;
            index[symbol.Name] = (uint)symbols.Count;
            symbols.Add(new Nlist64
            {
                StringIndex = strings.Add(Decorate(symbol)),
                Type = (byte)(Nlist64.N_SECT | (external ? Nlist64.N_EXT : 0)),
                Section = (byte)(header + 1),
                Value = sections[header].Header.Address + (ulong)symbol.Offset,
            });
        }
    }

    /// <summary>The symbol-table name of a C-level name: Apple platforms prefix an underscore.</summary>
    public static string Decorate(string name) => "_" + name;

    private static string Decorate(ObjectSymbol symbol) => Decorate(symbol.Name);

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
