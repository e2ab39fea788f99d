namespace Sox.Compiler.Driver;

/// <summary>What a link produces (the SDK's <c>OutputType</c>; <c>sox build</c> makes the first two).</summary>
public enum LinkOutputKind
{
    /// <summary>A program whose C <c>main</c> is the runtime's (<c>sox_entry.c</c>).</summary>
    Executable,
    /// <summary>A shared library entered through its <c>export fn</c>s (§9): <c>.so</c>, <c>.dylib</c>.</summary>
    SharedLibrary,
    /// <summary>A static archive of the objects, for a C program to link; its libraries are that program's business.</summary>
    StaticLibrary,
}
