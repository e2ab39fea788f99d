namespace Sox.Compiler.ObjectFiles;

/// <summary>What a symbol names (ELF <c>STT_*</c>).</summary>
public enum ObjectSymbolType
{
    /// <summary>Unspecified (ELF <c>STT_NOTYPE</c>); the usual type of an undefined symbol.</summary>
    None,
    /// <summary>A function (ELF <c>STT_FUNC</c>).</summary>
    Function,
    /// <summary>A data object (ELF <c>STT_OBJECT</c>).</summary>
    Object,
}
