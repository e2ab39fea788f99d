using System.Text;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>
/// Builds the COFF model of an <see cref="ObjectFile"/> (step 1 of writing; layout and serialisation follow).
/// <para>Sections: the model's sections in creation order (<see cref="CoffSectionMapping"/> names and flags them),
/// then, when the object has GOT loads, <c>.rdata$.refptr</c> (see below).</para>
/// <para>Symbol table, in this order (PE Format, "COFF Symbol Table"): <c>.file</c> (<c>IMAGE_SYM_CLASS_FILE</c>,
/// section <c>IMAGE_SYM_DEBUG</c>) with the source file name in as many auxiliary records as it needs (Auxiliary
/// Format 4), when the model has one; per section its own symbol (the section name, <c>IMAGE_SYM_CLASS_STATIC</c>,
/// value 0) with a section-definition auxiliary record (Auxiliary Format 5: length, relocation count, checksum);
/// the model's symbols in model order — defined ones with value = offset in the section, global ones
/// <c>IMAGE_SYM_CLASS_EXTERNAL</c>, local functions and data <c>IMAGE_SYM_CLASS_STATIC</c>, local untyped symbols in
/// code <c>IMAGE_SYM_CLASS_LABEL</c>, undefined ones <c>EXTERNAL</c> in section 0 (<c>IMAGE_SYM_UNDEFINED</c>);
/// names only relocations use, as undefined externals; the <c>.refptr.NAME</c> slots. Functions have type 0x20
/// (<c>IMAGE_SYM_DTYPE_FUNCTION</c>), everything else 0. Names are C names, undecorated (x64 has no leading
/// underscore); those over 8 bytes go to the string table.</para>
/// <para>Relocations name the target's own symbol-table entry (local or global; COFF needs no section symbol since
/// the addend lives in the field) and keep model order. GOT loads (<see cref="RelocationKind.X64GotLoad32"/>): COFF
/// has no GOT, so as MinGW's GCC does with its <c>.refptr</c> variables, each distinct target gets an 8-byte slot
/// <c>.refptr.NAME</c> (a static symbol) in <c>.rdata$.refptr</c> holding its address (<c>IMAGE_REL_AMD64_ADDR64</c>),
/// and the load becomes a RIP-relative <c>REL32</c> to the slot: the instruction still loads the address, as the
/// model's GOT load means.</para>
/// </summary>
internal static class CoffImageBuilder
{
    /// <summary>The section holding <c>.refptr</c> slots for GOT loads.</summary>
    public const string RefptrSectionName = ".rdata$.refptr";
    /// <summary>The prefix of a GOT-load slot's symbol (MinGW's name).</summary>
    public const string RefptrPrefix = ".refptr.";
    /// <summary>The most sections an object may have: section numbers above 0xFEFF are reserved (bigobj lifts this).</summary>
    public const int MaxSections = 0xfeff;

    public static CoffImage Build(ObjectFile file)
    {
        if (file.Machine != ObjectMachine.X64)
            throw new NotSupportedException($"The COFF writer supports AMD64 only, not {file.Machine}.");
        var strings = new CoffStringTable();

        // Sections, contents copied so that addends can be stored.
        var sections = new List<CoffSection>();
        var number = new Dictionary<ObjectSection, int>();
        foreach (var section in file.Sections)
        {
            var (name, characteristics) = CoffSectionMapping.Map(section);
            number[section] = sections.Count + 1;
            sections.Add(NewSection(strings, name, characteristics, (uint)section.Size, section.Bytes.ToArray()));
        }
        var gotTargets = file.Sections.SelectMany(s => s.Relocations).Where(r => r.Kind == RelocationKind.X64GotLoad32)
            .Select(r => r.Symbol).Distinct(StringComparer.Ordinal).ToList();
        CoffSection? refptr = null;
        if (gotTargets.Count > 0)
        {
            refptr = NewSection(strings, RefptrSectionName, CoffSectionCharacteristics.IMAGE_SCN_CNT_INITIALIZED_DATA
                | CoffSectionCharacteristics.IMAGE_SCN_MEM_READ | CoffSectionCharacteristics.IMAGE_SCN_ALIGN_8BYTES,
                (uint)(gotTargets.Count * 8), new byte[gotTargets.Count * 8]);
            sections.Add(refptr);
        }
        if (sections.Count > MaxSections) throw new NotSupportedException($"{sections.Count} sections: a COFF object holds at most {MaxSections}.");

        // Symbol indexes (auxiliary records count): .file, section symbols, model symbols, undeclared targets, slots.
        byte[]? fileName = file.SourceFileName is { } source ? Encoding.UTF8.GetBytes(source) : null;
        int fileAux = fileName is null ? 0 : (fileName.Length + CoffSymbol.Size - 1) / CoffSymbol.Size;
        if (fileAux > byte.MaxValue) throw new NotSupportedException("The source file name needs more than 255 auxiliary records.");
        uint next = fileName is null ? 0u : (uint)(1 + fileAux);
        uint sectionSymbols = next;
        next += (uint)(2 * sections.Count);
        var index = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var symbol in file.Symbols) index[symbol.Name] = next++;
        var undeclared = file.Sections.SelectMany(s => s.Relocations).Select(r => r.Symbol)
            .Where(n => file.FindSymbol(n) is null).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in undeclared) index[name] = next++;
        var slotIndex = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var name in gotTargets) slotIndex[name] = next++;

        // Relocations, with their addends stored in the contents.
        foreach (var section in file.Sections)
        {
            var coff = sections[number[section] - 1];
            foreach (var relocation in section.Relocations)
            {
                uint target = relocation.Kind == RelocationKind.X64GotLoad32 ? slotIndex[relocation.Symbol] : index[relocation.Symbol];
                coff.Relocations.Add(CoffRelocationTranslator.Apply(relocation, target, coff.Contents));
            }
        }
        if (refptr is not null)
            for (int i = 0; i < gotTargets.Count; i++)
                refptr.Relocations.Add(CoffRelocationTranslator.Apply(
                    new SymbolRelocation(i * 8, RelocationKind.Absolute64, gotTargets[i], 0), index[gotTargets[i]], refptr.Contents));

        // The symbol table.
        var records = new List<byte[]>();
        if (fileName is not null)
        {
            records.Add(Record(new CoffSymbol
            {
                ShortName = ".file", SectionNumber = CoffSymbol.IMAGE_SYM_DEBUG, StorageClass = CoffStorageClass.IMAGE_SYM_CLASS_FILE,
                NumberOfAuxSymbols = (byte)fileAux,
            }));
            for (int i = 0; i < fileAux; i++)
            {
                var aux = new byte[CoffSymbol.Size];
                fileName.AsSpan(i * CoffSymbol.Size, Math.Min(CoffSymbol.Size, fileName.Length - i * CoffSymbol.Size)).CopyTo(aux);
                records.Add(aux);
            }
        }
        for (int i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            records.Add(Record(strings.Name(new CoffSymbol
            {
                SectionNumber = (short)(i + 1), StorageClass = CoffStorageClass.IMAGE_SYM_CLASS_STATIC, NumberOfAuxSymbols = 1,
            }, section.Name)));
            var definition = new byte[CoffSymbol.Size];
            new CoffAuxSectionDefinition
            {
                Length = section.Header.SizeOfRawData,
                NumberOfRelocations = (ushort)Math.Min(section.Relocations.Count, ushort.MaxValue),
                CheckSum = section.IsUninitialized ? 0 : CoffChecksum.Compute(section.Contents),
            }.Write(definition);
            records.Add(definition);
        }
        System.Diagnostics.Debug.Assert(records.Count == sectionSymbols + 2 * sections.Count);
        foreach (var symbol in file.Symbols)
        {
            ushort type = symbol.Type == ObjectSymbolType.Function ? CoffSymbol.IMAGE_SYM_TYPE_FUNCTION : CoffSymbol.IMAGE_SYM_TYPE_NULL;
            var record = symbol.Section is { } section
                ? new CoffSymbol
                {
                    Value = (uint)symbol.Offset, SectionNumber = (short)number[section], Type = type,
                    StorageClass = symbol.Binding == ObjectSymbolBinding.Global ? CoffStorageClass.IMAGE_SYM_CLASS_EXTERNAL
                        : symbol.Type == ObjectSymbolType.None && section.Flags.HasFlag(ObjectSectionFlags.Executable) ? CoffStorageClass.IMAGE_SYM_CLASS_LABEL
                        : CoffStorageClass.IMAGE_SYM_CLASS_STATIC,
                }
                : new CoffSymbol { SectionNumber = CoffSymbol.IMAGE_SYM_UNDEFINED, Type = type, StorageClass = CoffStorageClass.IMAGE_SYM_CLASS_EXTERNAL };
            records.Add(Record(strings.Name(record, symbol.Name)));
        }
        foreach (var name in undeclared)
            records.Add(Record(strings.Name(new CoffSymbol { SectionNumber = CoffSymbol.IMAGE_SYM_UNDEFINED, StorageClass = CoffStorageClass.IMAGE_SYM_CLASS_EXTERNAL }, name)));
        for (int i = 0; i < gotTargets.Count; i++)
            records.Add(Record(strings.Name(new CoffSymbol
            {
                Value = (uint)(i * 8), SectionNumber = (short)sections.Count, StorageClass = CoffStorageClass.IMAGE_SYM_CLASS_STATIC,
            }, RefptrPrefix + gotTargets[i])));
        System.Diagnostics.Debug.Assert(records.Count == next);

        return new CoffImage(CoffMachine.IMAGE_FILE_MACHINE_AMD64, sections, records, strings.ToArray());
    }

    private static CoffSection NewSection(CoffStringTable strings, string name, CoffSectionCharacteristics characteristics, uint size, byte[] contents) =>
        new(name, new CoffSectionHeader { Name = strings.SectionName(name), SizeOfRawData = size, Characteristics = characteristics },
            (characteristics & CoffSectionCharacteristics.IMAGE_SCN_CNT_UNINITIALIZED_DATA) != 0 ? [] : contents, []);

    private static byte[] Record(CoffSymbol symbol)
    {
        var bytes = new byte[CoffSymbol.Size];
        symbol.Write(bytes);
        return bytes;
    }
}
