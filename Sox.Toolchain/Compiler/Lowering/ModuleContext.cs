using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Lowering;

/// <summary>
/// What every function lowerer of one module shares: the IR module being filled, symbol names, string
/// constants, global slot numbers, the symbols assigned to each Sox function, and the diagnostics.
/// </summary>
internal sealed class ModuleContext
{
    private readonly Dictionary<VariableSymbol, int> _globalSlots = new();
    private readonly Dictionary<FunctionInfo, LoweredFunction> _functions = new();
    private readonly Dictionary<string, string> _importInits;

    public ModuleContext(SourceModule source, DiagnosticBag diagnostics, LoweringOptions? options = null)
    {
        Options = options ?? new LoweringOptions();
        Source = source;
        Diagnostics = diagnostics;
        Names = new SymbolNames(source.MangledName);
        Module = new IrModule(source.MangledName, Names.LineTable);
        Strings = new StringTable(Module, Names);
        Known = new KnownFunctions(source.Model);
        for (var i = 0; i < source.Globals.Count; i++) _globalSlots[source.Globals[i]] = i;
        _importInits = source.Imports.ToDictionary(m => m.FullPath, m => SymbolNames.Init(m.MangledName), StringComparer.Ordinal);
    }

    public SourceModule Source { get; }

    /// <summary>The resolver's answers for <see cref="Source"/>: the symbol of each name, the info of each function.</summary>
    public SemanticModel Model => Source.Model;

    public LoweringOptions Options { get; }

    public SourceText Text => Source.Unit.Source;

    public DiagnosticBag Diagnostics { get; }

    public SymbolNames Names { get; }

    public IrModule Module { get; }

    public StringTable Strings { get; }

    public KnownFunctions Known { get; }

    /// <summary>The <c>extern fn</c> declarations lowered so far (§9), in order.</summary>
    public Dictionary<ExternFnStmt, LoweredExtern> Externs { get; } = new();

    /// <summary>One slot per global of the resolver, plus a last hidden slot for the module value (and run-once guard).</summary>
    public int GlobalSlotCount => Source.Globals.Count + 1;

    public int ModuleValueSlot => Source.Globals.Count;

    public int GlobalSlot(VariableSymbol global) =>
        _globalSlots.TryGetValue(global, out var slot) ? slot : throw new InvalidOperationException($"global '{global.Name}' has no slot");

    public string? ImportInit(ImportSpec spec) =>
        Model.ImportPath(spec) is { } path && _importInits.TryGetValue(path, out var symbol) ? symbol : null;

    /// <summary>Bytes of inline caches handed out so far (sites of <c>a.b</c>, <c>a.b = v</c>, <c>a.b(x)</c>), all
    /// in <see cref="SymbolNames.PropertyCaches"/>.</summary>
    public int PropertyCacheBytes { get; private set; }

    /// <summary>Reserves a <c>SoxPropertyCache</c> for one <c>a.b</c> or <c>a.b = v</c> site; returns its byte offset in
    /// <see cref="SymbolNames.PropertyCaches"/>.</summary>
    public int NewPropertyCache() => Reserve(ValueBits.PropertyCacheSize);

    /// <summary>Reserves a <c>SoxInvokeCache</c> for one <c>a.b(x)</c> site; returns its byte offset in
    /// <see cref="SymbolNames.PropertyCaches"/>.</summary>
    public int NewInvokeCache() => Reserve(ValueBits.InvokeCacheSize);

    /// <summary>Reserves a <c>SoxSuperCache</c> for one <c>super.m(x)</c> site; returns its byte offset in
    /// <see cref="SymbolNames.PropertyCaches"/>.</summary>
    public int NewSuperCache() => Reserve(ValueBits.SuperCacheSize);

    private int Reserve(int bytes)
    {
        var offset = PropertyCacheBytes;
        PropertyCacheBytes += bytes; // every cache size is a multiple of 8, so all stay 8-aligned
        return offset;
    }

    public int Line(TextSpan span) => Position(span.Start).Line;

    /// <summary>The 1-based column of <paramref name="span"/>'s start, for debugging line tables.</summary>
    public int Column(TextSpan span) => Position(span.Start).Column;

    // The last position looked up: every source position the lowering stamps asks for its line and then its column
    // (a binary search over the line starts each, most of the cost of stamping). Lowering a module is sequential.
    private int _lastOffset = -1;
    private LinePosition _lastPosition;

    private LinePosition Position(int offset)
    {
        if (offset != _lastOffset)
        {
            _lastPosition = Text.GetLinePosition(offset);
            _lastOffset = offset;
        }
        return _lastPosition;
    }

    /// <summary>True when the function's body was lowered (it is not in code skipped after a return).</summary>
    public bool IsLowered(FunctionInfo info) => _functions.TryGetValue(info, out var lowered) && lowered.IsLowered;

    /// <summary>The symbols of a Sox function, assigned on first request (a direct call may precede the body).</summary>
    public LoweredFunction FunctionFor(FunctionInfo info)
    {
        if (_functions.TryGetValue(info, out var lowered)) return lowered;
        var index = _functions.Count;
        lowered = new LoweredFunction(info, Names.Function(index, info.DisplayName), Names.Thunk(index), Names.Descriptor(index), Names.FunctionName(index));
        _functions.Add(info, lowered);
        return lowered;
    }
}

/// <summary>The symbols of one lowered Sox function: its code, invoke thunk, SoxFunction descriptor and name string.</summary>
internal sealed record LoweredFunction(FunctionInfo Info, string Symbol, string Thunk, string Descriptor, string NameSymbol)
{
    public bool IsLowered { get; set; }
}
