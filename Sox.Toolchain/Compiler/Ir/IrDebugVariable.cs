namespace Sox.Compiler.Ir;

/// <summary>What a variable shown by a debugger is to the user.</summary>
public enum DebugVariableKind
{
    /// <summary>A parameter of the function (or <c>this</c>).</summary>
    Parameter,
    /// <summary>A local variable of the function (<c>var</c>, a local <c>fn</c> or <c>class</c>, a loop variable).</summary>
    Local,
    /// <summary>A variable of an enclosing function that this closure captured (an upvalue, reached through its cell).</summary>
    Captured,
}

/// <summary>
/// A Sox variable of one <see cref="IrFunction"/> as debugging information describes it, recorded by the lowering
/// (which alone knows which register holds which variable) and kept valid by the passes: its value is found by
/// starting from the contents of <see cref="Register"/> and following <see cref="Indirections"/>, each step adding its
/// offset to the current address and, for all but the last, loading the pointer stored there.
/// <list type="bullet">
/// <item>A variable in a register: no indirections, the register holds the value.</item>
/// <item>A captured local or parameter: the register holds its cell (runtime-abi.md "cell"), indirections <c>[8]</c>:
/// the value is the word at <c>cell + 8</c>.</item>
/// <item>A capture of this closure: the register is the closure (the hidden first parameter), indirections
/// <c>[24 + 8i, 8]</c>: the cell pointer at <c>closure + 24 + 8i</c>, then the value at <c>cell + 8</c>.</item>
/// </list>
/// Passes never rename a register, and a variable's register is only ever assigned the variable's value (a copy, or
/// a constant once folded), so wherever the register is live and assigned, it holds the variable; where dead-code
/// elimination removed every assignment, the variable has no location and a debugger says so ("optimized out").
/// </summary>
/// <param name="Name">The name as the user wrote it (<c>this</c> for the receiver).</param>
/// <param name="Kind">Parameter, local or captured.</param>
/// <param name="DeclarationLine">The source line of its declaration (1-based).</param>
/// <param name="Register">The register the location starts from.</param>
/// <param name="Indirections">The offsets to follow from the register (empty: the register holds the value).</param>
public sealed record IrDebugVariable(string Name, DebugVariableKind Kind, int DeclarationLine, VReg Register, IReadOnlyList<int> Indirections);
