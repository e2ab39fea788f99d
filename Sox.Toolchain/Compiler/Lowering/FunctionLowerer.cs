using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Lowers one Sox function body (or a module's top level) to an <see cref="IrFunction"/>. Invariants of its output:
/// every block is reachable and ends in a terminator; every path out of the function runs the frame's defers
/// (§4) before returning; uncaptured locals live in registers, captured ones in cells; the only high-level
/// instructions are <see cref="SoxBinaryInst"/>, <see cref="SoxUnaryInst"/>, <see cref="SoxTruthyInst"/> and
/// <see cref="BranchTruthyInst"/>. The partial files split the work by construct group.
/// </summary>
internal sealed partial class FunctionLowerer
{
    private readonly ModuleContext _m;
    private readonly FunctionInfo _info;
    private readonly IrFunction _f;
    private readonly IrBuilder _b;
    /// <summary>The raw closure pointer (hidden first parameter); null for a module's top level, which has none.</summary>
    private readonly VReg? _closure;
    private readonly Dictionary<VariableSymbol, Storage> _vars = new();
    private readonly List<JumpTargets> _targets = new();
    /// <summary>The frame's defer list value (nil when empty, sox_runtime.h), when the body has defers.</summary>
    private VReg? _deferList;

    private FunctionLowerer(ModuleContext m, FunctionInfo info, IrFunction f, VReg? closure)
    {
        _m = m;
        _info = info;
        _f = f;
        _b = new IrBuilder(f);
        _closure = closure;
    }

    /// <summary>The resolver's answers for this module: which variable a name is, which info a function has.</summary>
    private SemanticModel Model => _m.Model;

    private bool IsScript => _info.Kind == FunctionKind.Script;

    private bool IsInitializer => _info.Kind == FunctionKind.Initializer;

    /// <summary>Where a local lives: a register, or a heap cell (runtime-abi.md "cell") when a closure captures it.</summary>
    private abstract record Storage;

    private sealed record RegisterStorage(VReg Register) : Storage;

    private sealed record CellStorage(VReg Cell) : Storage;

    /// <summary>Where <c>break</c> and <c>continue</c> go; a switch has no continue target (it binds to the loop outside).</summary>
    private sealed record JumpTargets(BasicBlock Break, BasicBlock? Continue);

    /// <summary>Lowers a function, method, lambda or defer body with the Sox convention.</summary>
    public static IrFunction LowerFunction(ModuleContext m, FunctionDecl decl, LoweredFunction symbols)
    {
        var info = m.Model.Function(decl) ?? throw new InvalidOperationException("function was not resolved");
        var f = new IrFunction(symbols.Symbol, Linkage.Local, CallingConvention.Sox, IrType.I64) { Source = info, TraceName = info.DisplayName, DeclarationLine = m.Line(decl.Span) };
        var closure = f.AddParameter(IrType.I64, "closure");
        var lowerer = new FunctionLowerer(m, info, f, closure);
        var b = lowerer._b;
        b.Line = m.Line(decl.Span);
        b.SetBlock(f.NewBlock());
        lowerer.RecordCaptures();
        if (info.This is { } self) lowerer.BindParameter(self, f.AddParameter(IrType.I64, "this"));
        foreach (var p in info.Parameters) lowerer.BindParameter(p, f.AddParameter(IrType.I64, p.Name));
        lowerer.StartDefers(decl.Body);
        lowerer.LowerStatements(decl.Body);
        if (!b.IsTerminated)
        {
            b.Line = m.Line(TextSpan.FromBounds(decl.Span.End - 1, decl.Span.End));
            lowerer.EmitReturn(lowerer.ImplicitResult());
        }
        Reachability.RemoveUnreachableBlocks(f);
        return f;
    }

    /// <summary>
    /// Lowers a module's top level as its initialiser <c>sox_mod_&lt;M&gt;_init</c> (C convention, returns the module
    /// value). Run once: the hidden module-value slot holds <c>undefined</c> until the first call starts, so later
    /// calls (other importers) return the stored value. Before any code runs it registers the line table and the
    /// global slots as GC roots (runtime-abi.md "Line tables", "Globals and roots").
    /// </summary>
    public static IrFunction LowerScript(ModuleContext m, CompilationUnit unit)
    {
        var info = m.Model.Script;
        var f = new IrFunction(m.Names.Init(), Linkage.Global, CallingConvention.C, IrType.I64) { Source = info, TraceName = null, DeclarationLine = 1 };
        var lowerer = new FunctionLowerer(m, info, f, null);
        var b = lowerer._b;
        b.Line = 1;
        b.SetBlock(f.NewBlock());
        var valueOffset = 8 * m.ModuleValueSlot;
        var slots = b.SymbolAddress(m.Names.Globals);
        var value = b.Load(slots, valueOffset);
        var done = f.NewBlock("done");
        var start = f.NewBlock("start");
        b.CompareBranch(IntCondition.Ne, value, b.Const(ValueBits.Undefined), done, start);
        b.SetBlock(done);
        b.Return(value);
        b.SetBlock(start);
        b.Store(slots, valueOffset, b.Const(ValueBits.Nil));
        b.CallC(RuntimeFunctions.RegisterCode, [b.SymbolAddress(m.Names.LineTable)], hasResult: false);
        b.CallC(RuntimeFunctions.GcAddRoots, [slots, b.Const(m.GlobalSlotCount)], hasResult: false);
        lowerer.StartDefers(unit.Statements);
        lowerer.LowerStatements(unit.Statements);
        if (!b.IsTerminated)
        {
            b.Line = Math.Max(1, unit.Source.LineCount);
            lowerer.EmitReturn(b.Const(ValueBits.Nil));
        }
        Reachability.RemoveUnreachableBlocks(f);
        return f;
    }

    private int Line(TextSpan span) => _m.Line(span);

    private void At(TextSpan span)
    {
        _b.Line = Line(span);
        _b.Column = _m.Column(span);
    }

    /// <summary>A parameter stays in its register unless captured; then it moves into a fresh cell on entry.</summary>
    private void BindParameter(VariableSymbol symbol, VReg register)
    {
        var storage = symbol.IsCaptured
            ? (Storage)new CellStorage(_b.CallValue(RuntimeFunctions.CellNew, register))
            : new RegisterStorage(register);
        _vars[symbol] = storage;
        RecordVariable(symbol, storage);
    }

    /// <summary>
    /// Tells debugging information where <paramref name="symbol"/> lives (<see cref="IrDebugVariable"/>): its register,
    /// or the word at <c>cell + 8</c> for a captured one. The hidden superclass slot is not a user's variable.
    /// </summary>
    private void RecordVariable(VariableSymbol symbol, Storage storage)
    {
        if (symbol.Kind is not (SymbolKind.Local or SymbolKind.Parameter or SymbolKind.This)) return;
        var kind = symbol.Kind == SymbolKind.Local ? DebugVariableKind.Local : DebugVariableKind.Parameter;
        var line = Line(symbol.DeclarationSpan);
        _f.DebugVariables.Add(storage is CellStorage cell
            ? new IrDebugVariable(symbol.Name, kind, line, cell.Cell, [ValueBits.CellValueOffset])
            : new IrDebugVariable(symbol.Name, kind, line, ((RegisterStorage)storage).Register, []));
    }

    /// <summary>This closure's captured variables: each one's cell at <c>[closure + 24 + 8*i]</c>, its value at
    /// <c>[cell + 8]</c> (runtime-abi.md "closure").</summary>
    private void RecordCaptures()
    {
        if (_closure is null) return;
        for (var i = 0; i < _info.Captures.Count; i++)
        {
            var symbol = _info.Captures[i];
            if (symbol.Kind is not (SymbolKind.Local or SymbolKind.Parameter or SymbolKind.This)) continue;
            _f.DebugVariables.Add(new IrDebugVariable(symbol.Name, DebugVariableKind.Captured, Line(symbol.DeclarationSpan), _closure,
                [ValueBits.ClosureCellsOffset + 8 * i, ValueBits.CellValueOffset]));
        }
    }

    /// <summary>
    /// A function whose own body (not a nested function's) contains <c>defer</c> keeps a defer list value in a
    /// register, nil on entry; <c>sox_defer_push</c> returns the list to keep and <see cref="EmitReturn"/> runs it.
    /// The GC finds the list through the conservative scan of registers and the stack (runtime-abi.md).
    /// </summary>
    private void StartDefers(IReadOnlyList<Stmt> body)
    {
        if (!AstWalk.Nodes(body, intoFunctions: false).OfType<DeferStmt>().Any()) return;
        _f.HasDefers = true;
        _deferList = _b.NewRegister(IrType.I64, "defers");
        _b.Copy(_deferList, _b.Const(ValueBits.Nil));
    }

    /// <summary>The value of falling off the end (§5): nil, or <c>this</c> for <c>init</c>.</summary>
    private VReg ImplicitResult() =>
        IsInitializer && _info.This is { } self ? ReadVariable(self, default) : _b.Const(ValueBits.Nil);

    /// <summary>Every return path: run the defers (LIFO, §4), record a module's value, return.</summary>
    private void EmitReturn(VReg value)
    {
        if (_deferList is not null) _b.CallC(RuntimeFunctions.DeferRun, [_deferList], hasResult: false);
        if (IsScript) _b.Store(_b.SymbolAddress(_m.Names.Globals), 8 * _m.ModuleValueSlot, value);
        _b.Return(value);
    }

    private void JumpIfOpen(BasicBlock target)
    {
        if (!_b.IsTerminated) _b.Jump(target);
    }

    /// <summary>A boxed constant string (a static string object of this module).</summary>
    private VReg StringConstant(string text) => _b.BoxObject(_b.SymbolAddress(_m.Strings.Intern(text)));
}
