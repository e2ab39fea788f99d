namespace Sox.Compiler.ObjectFiles;

/// <summary>Whether a symbol is visible to other objects (ELF <c>STB_*</c>, Mach-O <c>N_EXT</c>).</summary>
public enum ObjectSymbolBinding
{
    /// <summary>Visible only inside this object (ELF <c>STB_LOCAL</c>).</summary>
    Local,
    /// <summary>Visible to the linker for all objects (ELF <c>STB_GLOBAL</c>); undefined symbols are global.</summary>
    Global,
}
