using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

/// <summary>One loaded, parsed and resolved <c>.sox</c> file of a program (§6).</summary>
public sealed class SourceModule
{
    /// <summary>Creates a module once its file is parsed and resolved and its imports are loaded.</summary>
    /// <param name="fullPath">See <see cref="FullPath"/>.</param>
    /// <param name="displayPath">See <see cref="DisplayPath"/>.</param>
    /// <param name="unit">See <see cref="Unit"/>.</param>
    /// <param name="imports">See <see cref="Imports"/>.</param>
    /// <param name="mangledName">See <see cref="MangledName"/>.</param>
    /// <param name="model">See <see cref="Model"/>.</param>
    public SourceModule(
        string fullPath,
        string displayPath,
        CompilationUnit unit,
        IReadOnlyList<SourceModule> imports,
        string mangledName,
        SemanticModel model)
    {
        FullPath = fullPath;
        DisplayPath = displayPath;
        Unit = unit;
        Imports = imports;
        MangledName = mangledName;
        Model = model;
    }

    /// <summary>The absolute, normalised path: the module's identity (a file imported twice is loaded once).</summary>
    public string FullPath { get; }

    /// <summary>The path relative to the entry file's directory with <c>/</c> separators (<c>lib/math.sox</c>).</summary>
    public string DisplayPath { get; }

    /// <summary>The parsed file: its source text and top-level statements.</summary>
    public CompilationUnit Unit { get; }

    /// <summary>The modules this one imports (each once, in first-import order; cyclic edges are left out).</summary>
    public IReadOnlyList<SourceModule> Imports { get; }

    /// <summary>
    /// A C identifier unique in the program, derived from <see cref="DisplayPath"/> (<c>lib/math.sox</c> →
    /// <c>lib_math</c>), used in symbol names such as <c>sox_mod_lib_math_init</c>.
    /// </summary>
    public string MangledName { get; }

    /// <summary>What the resolver learned about <see cref="Unit"/>: symbols and function infos by node.</summary>
    public SemanticModel Model { get; }

    /// <summary>The module's global slots (see <see cref="SemanticModel.Globals"/>).</summary>
    public IReadOnlyList<VariableSymbol> Globals => Model.Globals;

    /// <summary>The <see cref="DisplayPath"/>, for debugging and test output.</summary>
    public override string ToString() => DisplayPath;
}
