namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// A format-neutral relocatable object: the target machine, sections in creation order and symbols in
/// definition order. The code generator fills it (sections' bytes and relocations, symbols) and hands it to a
/// serializer (<see cref="IObjectFileWriter"/>: ELF today, Mach-O and COFF next), which lays it out in its format.
/// </summary>
/// <example>
/// <code>
/// var obj = new ObjectFile(ObjectMachine.X64, "app.sox");
/// var text = obj.GetOrAddSection(ObjectSectionKind.Text);
/// int at = text.Append(code, relocations);          // relocations relative to code, as the encoder gives them
/// obj.DefineSymbol("main", text, at, code.Length, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
/// byte[] elf = new ElfObjectWriter().Write(obj);
/// </code>
/// </example>
public sealed class ObjectFile
{
    private readonly List<ObjectSection> _sections = [];
    private readonly List<ObjectSymbol> _symbols = [];
    private readonly Dictionary<string, ObjectSymbol> _symbolsByName = new(StringComparer.Ordinal);

    /// <summary>Creates an empty object for <paramref name="machine"/>; <paramref name="sourceFileName"/>, when
    /// given, is recorded in the symbol table (ELF <c>STT_FILE</c>).</summary>
    public ObjectFile(ObjectMachine machine, string? sourceFileName = null)
    {
        Machine = machine;
        SourceFileName = sourceFileName;
    }

    /// <summary>The instruction set of the object's code.</summary>
    public ObjectMachine Machine { get; }

    /// <summary>The name of the source file the object was compiled from, if known.</summary>
    public string? SourceFileName { get; }

    /// <summary>The sections in creation order (which is the order serializers write them in).</summary>
    public IReadOnlyList<ObjectSection> Sections => _sections;

    /// <summary>The symbols in the order they were first defined or declared.</summary>
    public IReadOnlyList<ObjectSymbol> Symbols => _symbols;

    /// <summary>Returns the section of a standard <paramref name="kind"/>, creating it (with the kind's
    /// conventional name, flags and alignment) on first use.</summary>
    public ObjectSection GetOrAddSection(ObjectSectionKind kind)
    {
        if (kind == ObjectSectionKind.Custom)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Use {nameof(AddCustomSection)} for custom sections.");
        var existing = _sections.Find(s => s.Kind == kind);
        if (existing is not null) return existing;
        var (name, flags, alignment) = kind switch
        {
            ObjectSectionKind.Text => (".text", ObjectSectionFlags.Allocated | ObjectSectionFlags.Executable, 16),
            ObjectSectionKind.ReadOnlyData => (".rodata", ObjectSectionFlags.Allocated, 1),
            ObjectSectionKind.Data => (".data", ObjectSectionFlags.Allocated | ObjectSectionFlags.Writable, 1),
            ObjectSectionKind.ReadOnlyAfterRelocation => (".data.rel.ro", ObjectSectionFlags.Allocated | ObjectSectionFlags.Writable, 8),
            ObjectSectionKind.Bss => (".bss", ObjectSectionFlags.Allocated | ObjectSectionFlags.Writable, 1),
            ObjectSectionKind.FunctionTable => (".pdata", ObjectSectionFlags.Allocated, 4),
            ObjectSectionKind.UnwindInfo => (".xdata", ObjectSectionFlags.Allocated, 4),
            ObjectSectionKind.LinkerDirectives => (".drectve", ObjectSectionFlags.None, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var section = new ObjectSection(kind, name, flags, alignment);
        _sections.Add(section);
        return section;
    }

    /// <summary>Adds a section with a caller-chosen <paramref name="name"/> (unique in the object) and flags.</summary>
    public ObjectSection AddCustomSection(string name, ObjectSectionFlags flags, int alignment = 1)
    {
        CheckName(name);
        if (_sections.Exists(s => s.Name == name))
            throw new InvalidOperationException($"The object already has a section named {name}.");
        var section = new ObjectSection(ObjectSectionKind.Custom, name, flags, alignment);
        _sections.Add(section);
        return section;
    }

    /// <summary>
    /// Defines <paramref name="name"/> at <paramref name="offset"/> in <paramref name="section"/>. A name declared
    /// external before becomes defined; defining a name twice is an error.
    /// </summary>
    public ObjectSymbol DefineSymbol(string name, ObjectSection section, int offset, int size,
        ObjectSymbolBinding binding, ObjectSymbolType type)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(section);
        if (!_sections.Contains(section)) throw new ArgumentException($"Section {section.Name} belongs to another object.", nameof(section));
        if (offset < 0 || size < 0 || offset + size > section.Size)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"Symbol {name} (0x{offset:x}, {size} bytes) lies outside {section.Name} (0x{section.Size:x} bytes).");
        var symbol = GetOrAdd(name, type);
        if (symbol.IsDefined) throw new InvalidOperationException($"Symbol {name} is already defined.");
        symbol.Section = section;
        symbol.Offset = offset;
        symbol.Size = size;
        symbol.Binding = binding;
        symbol.Type = type;
        return symbol;
    }

    /// <summary>Declares an external the linker must resolve elsewhere (or returns the symbol already known by that
    /// name). Relocations may also name symbols never declared: serializers treat those as undefined externals.</summary>
    public ObjectSymbol DeclareExternal(string name, ObjectSymbolType type = ObjectSymbolType.None)
    {
        CheckName(name);
        return GetOrAdd(name, type);
    }

    /// <summary>The symbol named <paramref name="name"/>, or null.</summary>
    public ObjectSymbol? FindSymbol(string name) => _symbolsByName.GetValueOrDefault(name);

    private ObjectSymbol GetOrAdd(string name, ObjectSymbolType type)
    {
        if (_symbolsByName.TryGetValue(name, out var symbol)) return symbol;
        symbol = new ObjectSymbol(name, type);
        _symbols.Add(symbol);
        _symbolsByName.Add(name, symbol);
        return symbol;
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0')) throw new ArgumentException("Names cannot contain NUL characters.", nameof(name));
    }
}
