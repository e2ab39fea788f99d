namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// Merges the objects of one program's modules into one relocatable object (<c>sox build --emit obj</c>), in the
/// model, what <c>ld -r</c> does to written objects — so it works for every format and needs no linker (lld's
/// Mach-O port has no <c>-r</c>).
/// <para>Sections of the same kind (custom ones: the same name) are concatenated in object order, each part
/// aligned to its own section's alignment; symbol offsets and relocation offsets move with their bytes.
/// Relocations keep naming symbols, so a reference from one module to another (an import's
/// <c>sox_mod_NAME_init</c>) becomes a reference to a symbol the merged object defines. Local symbols keep their
/// names: the compiler prefixes each with its module's mangled name, so two modules never define the same one;
/// a clash (the same name defined twice) is an error.</para>
/// <para>CodeView (<c>.debug$S</c>, <c>.debug$T</c>) is left out when more than one object is merged: each module's
/// sections are a whole (a signature, type indices numbered from 0x1000, file and string tables their line tables
/// point into), so concatenated they would be corrupt, and renumbering them into one is not done. A program linked
/// by <c>sox build</c> keeps each module's object and so its CodeView; DWARF sections concatenate and are kept.</para>
/// </summary>
public static class ObjectFileMerger
{
    /// <summary>The objects merged into a new one; all must be for the same machine.</summary>
    public static ObjectFile Merge(IReadOnlyList<ObjectFile> objects)
    {
        ArgumentOutOfRangeException.ThrowIfZero(objects.Count);
        var machine = objects[0].Machine;
        if (objects.Any(o => o.Machine != machine)) throw new ArgumentException("Objects for different machines cannot be merged.", nameof(objects));
        var merged = new ObjectFile(machine, objects[0].SourceFileName);
        foreach (var obj in objects)
        {
            var placed = new Dictionary<ObjectSection, (ObjectSection Target, int Offset)>();
            foreach (var section in obj.Sections)
            {
                if (objects.Count > 1 && IsCodeView(section)) continue;
                var target = section.Kind == ObjectSectionKind.Custom
                    ? merged.Sections.FirstOrDefault(s => s.Name == section.Name) ?? merged.AddCustomSection(section.Name, section.Flags, section.Alignment)
                    : merged.GetOrAddSection(section.Kind);
                int offset = section.IsBss ? target.Reserve(section.Size, section.Alignment) : Append(target, section);
                placed[section] = (target, offset);
            }
            foreach (var symbol in obj.Symbols)
            {
                if (symbol.Section is { } section)
                {
                    if (!placed.TryGetValue(section, out var place)) continue;   // in a section left out
                    var (target, offset) = place;
                    merged.DefineSymbol(symbol.Name, target, offset + symbol.Offset, symbol.Size, symbol.Binding, symbol.Type);
                }
                else if (merged.FindSymbol(symbol.Name) is null)
                {
                    merged.DeclareExternal(symbol.Name, symbol.Type);
                }
            }
        }
        return merged;
    }

    private static bool IsCodeView(ObjectSection section) =>
        section.Kind == ObjectSectionKind.Custom && section.Name is ".debug$S" or ".debug$T";

    private static int Append(ObjectSection target, ObjectSection section)
    {
        target.AlignTo(section.Alignment);
        return target.Append(section.Bytes, section.Relocations);
    }
}
