using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Text;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Variable storage. Globals live in the module's static slot array (runtime-abi.md "Globals and roots"): a read
/// or an assignment of a slot still holding <c>undefined</c> is "Undefined variable 'x'." (§10, late binding);
/// built-ins are the runtime's static native objects; locals of this function are registers or cells; locals of
/// enclosing functions are reached through this closure's cells at <c>[closure + 24 + 8*i]</c>.
/// </summary>
internal sealed partial class FunctionLowerer
{
    /// <summary>The current value of a variable, in a register no later assignment will change.</summary>
    private VReg ReadVariable(VariableSymbol symbol, TextSpan span)
    {
        switch (symbol.Kind)
        {
            case SymbolKind.Global:
                return ReadGlobal(symbol, span);
            case SymbolKind.Builtin:
                return _b.BoxObject(_b.SymbolAddress(RuntimeFunctions.Builtin(symbol.Name)));
        }
        if (_vars.TryGetValue(symbol, out var storage))
        {
            if (storage is CellStorage cell) return _b.Load(cell.Cell, ValueBits.CellValueOffset);
            // A copy, so that `a + (a = 1)` still adds the old value although the variable's register changes.
            var copy = _b.NewRegister(IrType.I64, symbol.Name);
            _b.Copy(copy, ((RegisterStorage)storage).Register);
            return copy;
        }
        return _b.Load(CaptureCell(symbol), ValueBits.CellValueOffset);
    }

    /// <summary>Assigns an existing variable (<c>x = v</c>): for a global, only once it is defined.</summary>
    private void WriteVariable(VariableSymbol symbol, VReg value, TextSpan span)
    {
        switch (symbol.Kind)
        {
            case SymbolKind.Global:
                ReadGlobal(symbol, span);
                _b.Store(GlobalSlots(), 8 * _m.GlobalSlot(symbol), value);
                return;
            case SymbolKind.Builtin:
                throw new InvalidOperationException("the resolver rejects assignments to built-ins");
        }
        if (_vars.TryGetValue(symbol, out var storage))
        {
            if (storage is CellStorage cell) _b.Store(cell.Cell, ValueBits.CellValueOffset, value);
            else _b.Copy(((RegisterStorage)storage).Register, value);
            return;
        }
        _b.Store(CaptureCell(symbol), ValueBits.CellValueOffset, value);
    }

    /// <summary>
    /// A declaration executing (<c>var</c>, <c>fn</c>, <c>class</c>, import, foreach variable): a global's slot is
    /// set; a local gets new storage, so each execution in a loop makes a fresh cell for closures to capture (§4).
    /// </summary>
    private void DefineVariable(VariableSymbol symbol, VReg value)
    {
        if (symbol.Kind == SymbolKind.Global)
        {
            _b.Store(GlobalSlots(), 8 * _m.GlobalSlot(symbol), value);
            return;
        }
        Storage storage;
        if (symbol.IsCaptured)
        {
            storage = new CellStorage(_b.CallValue(RuntimeFunctions.CellNew, value));
        }
        else
        {
            var register = _b.NewRegister(IrType.I64, symbol.Name);
            _b.Copy(register, value);
            storage = new RegisterStorage(register);
        }
        _vars[symbol] = storage;
        RecordVariable(symbol, storage);
    }

    private VReg ReadGlobal(VariableSymbol symbol, TextSpan span)
    {
        var line = _b.Line;
        var value = _b.Load(GlobalSlots(), 8 * _m.GlobalSlot(symbol));
        var undefined = _b.NewBlock("undefined");
        var ok = _b.NewBlock();
        _b.CompareBranch(IntCondition.Eq, value, _b.Const(ValueBits.Undefined), undefined, ok);
        _b.SetBlock(undefined);
        if (span != default) At(span);
        _b.CallNoReturn(RuntimeFunctions.UndefinedVariable, StringConstant(symbol.Name));
        _b.SetBlock(ok);
        _b.Line = line;
        return value;
    }

    private VReg GlobalSlots() => _b.SymbolAddress(_m.Names.Globals);

    /// <summary>The cell of a variable this function captured: <c>closure->cells[i]</c> (runtime-abi.md "closure").</summary>
    private VReg CaptureCell(VariableSymbol symbol)
    {
        var index = _info.Captures.IndexOf(symbol);
        if (index < 0 || _closure is null)
        {
            throw new InvalidOperationException($"'{symbol.Name}' is neither a local nor a capture of {_info.DisplayName}");
        }
        return _b.Load(_closure, ValueBits.ClosureCellsOffset + 8 * index);
    }

    /// <summary>The cell to store into a new closure for a variable it captures (clox: local or enclosing upvalue).</summary>
    private VReg CellForCapture(VariableSymbol symbol)
    {
        if (_vars.TryGetValue(symbol, out var storage))
        {
            return storage is CellStorage cell
                ? cell.Cell
                : throw new InvalidOperationException($"captured variable '{symbol.Name}' is not in a cell");
        }
        return CaptureCell(symbol);
    }
}
