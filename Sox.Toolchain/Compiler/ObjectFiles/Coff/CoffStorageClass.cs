namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>The <c>StorageClass</c> of a <see cref="CoffSymbol"/> (PE Format, "Storage Class"); the classes the
/// writer uses and a few that tools print.</summary>
public enum CoffStorageClass : byte
{
    /// <summary>No assigned storage class.</summary>
    IMAGE_SYM_CLASS_NULL = 0,
    /// <summary>Visible to other objects. With section number 0 (<see cref="CoffSymbol.IMAGE_SYM_UNDEFINED"/>) and
    /// value 0 it is a reference the linker resolves elsewhere; in a section, <c>Value</c> is its offset there.</summary>
    IMAGE_SYM_CLASS_EXTERNAL = 2,
    /// <summary>Local to the object: with value 0 and a section-definition auxiliary record, a section's own
    /// symbol; otherwise a local function or datum at offset <c>Value</c> of its section.</summary>
    IMAGE_SYM_CLASS_STATIC = 3,
    /// <summary>A code label defined within the module; <c>Value</c> is its offset in the section.</summary>
    IMAGE_SYM_CLASS_LABEL = 6,
    /// <summary>Weak external (followed by a weak-external auxiliary record).</summary>
    IMAGE_SYM_CLASS_WEAK_EXTERNAL = 105,
    /// <summary>The source file's name (<c>.file</c>, section <see cref="CoffSymbol.IMAGE_SYM_DEBUG"/>),
    /// followed by auxiliary records holding the name.</summary>
    IMAGE_SYM_CLASS_FILE = 103,
    /// <summary>A definition of a section (Microsoft tools use <see cref="IMAGE_SYM_CLASS_STATIC"/> instead).</summary>
    IMAGE_SYM_CLASS_SECTION = 104,
}
