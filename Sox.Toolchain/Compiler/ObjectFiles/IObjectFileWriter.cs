namespace Sox.Compiler.ObjectFiles;

/// <summary>Serializes an <see cref="ObjectFile"/> into one object file format (ELF64 today; Mach-O 64 and COFF
/// implement the same interface). Implementations are deterministic: the same object gives the same bytes.</summary>
public interface IObjectFileWriter
{
    /// <summary>The conventional file extension of the format, with the dot (<c>.o</c>, <c>.obj</c>).</summary>
    string FileExtension { get; }

    /// <summary>Returns the bytes of a relocatable object file holding <paramref name="objectFile"/>.</summary>
    byte[] Write(ObjectFile objectFile);
}
