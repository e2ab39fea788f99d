namespace Sox.Compiler.Ir;

/// <summary>
/// Everything one object file holds: the functions and data of one Sox module (plus <c>sox_program_entry</c> for
/// the entry module). <see cref="LineTableSymbol"/> names the <c>SoxCodeTable</c> (runtime-abi.md) the module's
/// initialiser registers; the backend defines it after encoding, from the functions whose
/// <see cref="IrFunction.InLineTable"/> is set and the lines of their instructions.
/// </summary>
public sealed class IrModule
{
    /// <summary>An empty module; lowering adds its functions and data.</summary>
    public IrModule(string name, string lineTableSymbol)
    {
        Name = name;
        LineTableSymbol = lineTableSymbol;
    }

    /// <summary>The mangled module name used in symbols (<c>sox_mod_&lt;Name&gt;_init</c>).</summary>
    public string Name { get; }

    /// <summary>The symbol of the module's <c>SoxCodeTable</c> (line table), defined by the backend.</summary>
    public string LineTableSymbol { get; }

    /// <summary>The functions in emission order.</summary>
    public List<IrFunction> Functions { get; } = new();

    /// <summary>The data items in emission order.</summary>
    public List<DataItem> Data { get; } = new();

    /// <summary>C libraries the module's <c>extern "lib" fn</c> declarations name (§9), for the link (<c>-l lib</c>).</summary>
    public List<string> Libraries { get; } = new();

    /// <summary>The function with the given symbol, or null.</summary>
    public IrFunction? FindFunction(string symbol) => Functions.FirstOrDefault(f => f.Symbol == symbol);

    /// <summary>The data item with the given symbol, or null.</summary>
    public DataItem? FindData(string symbol) => Data.FirstOrDefault(d => d.Symbol == symbol);
}
