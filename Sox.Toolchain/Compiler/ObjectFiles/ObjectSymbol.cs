namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// A named address: a place in one of the object's sections, or (when <see cref="Section"/> is null) an external
/// the linker must find elsewhere. Names are the C-level names (<c>main</c>, <c>puts</c>); a serializer that
/// decorates names (Mach-O's leading underscore) does so itself. Created through <see cref="ObjectFile"/>.
/// </summary>
public sealed class ObjectSymbol
{
    internal ObjectSymbol(string name, ObjectSymbolType type)
    {
        Name = name;
        Type = type;
        Binding = ObjectSymbolBinding.Global;
    }

    /// <summary>The symbol's name, unique in its object.</summary>
    public string Name { get; }

    /// <summary>The section that defines the symbol, or null for an undefined (external) symbol.</summary>
    public ObjectSection? Section { get; internal set; }

    /// <summary>Whether this object defines the symbol.</summary>
    public bool IsDefined => Section is not null;

    /// <summary>The symbol's byte offset inside <see cref="Section"/>; 0 when undefined.</summary>
    public int Offset { get; internal set; }

    /// <summary>The size in bytes of the function or object the symbol names; 0 when unknown or undefined.</summary>
    public int Size { get; internal set; }

    /// <summary>Local or global; always global for undefined symbols.</summary>
    public ObjectSymbolBinding Binding { get; internal set; }

    /// <summary>Function, object or unspecified.</summary>
    public ObjectSymbolType Type { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        IsDefined ? $"{Name} = {Section!.Name}+0x{Offset:x} ({Binding} {Type}, size {Size})" : $"{Name} (undefined {Type})";
}
