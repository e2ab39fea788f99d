namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>Symbol binding, the high nibble of <c>st_info</c> (System V gABI, "Symbol Table", Figure 4-17).</summary>
public enum ElfSymbolBinding : byte
{
    /// <summary>Not visible outside the object; all locals precede the first non-local in <c>.symtab</c>.</summary>
    STB_LOCAL = 0,
    /// <summary>Visible to all objects being combined.</summary>
    STB_GLOBAL = 1,
    /// <summary>Global with lower precedence.</summary>
    STB_WEAK = 2,
}
