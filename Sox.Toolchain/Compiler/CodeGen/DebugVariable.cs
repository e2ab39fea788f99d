using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// A Sox variable of one compiled function as debugging information describes it, in no particular debug format:
/// DWARF (<c>ObjectFiles/Debugging/DwarfVariables</c>) writes it as <c>DW_TAG_formal_parameter</c>/<c>DW_TAG_variable</c>
/// with a location expression or list, and CodeView can write the same as <c>S_LOCAL</c> with <c>S_DEFRANGE_*</c>
/// records. The value is a <c>SoxValue</c> (a 64-bit word, runtime-abi.md "Values") wherever <see cref="Ranges"/>
/// says; at any other address of the function it is unavailable (not yet assigned, or no longer kept at <c>-O2</c>),
/// and a debugger must show it so ("optimized out"). Ranges never overlap and are in address order.
/// </summary>
/// <param name="Name">The name as the user wrote it.</param>
/// <param name="Kind">Parameter, local, or a captured variable of an enclosing function.</param>
/// <param name="DeclarationLine">The line of its declaration.</param>
/// <param name="Ranges">Where the value is, by code range (offsets from the function's start).</param>
public sealed record DebugVariable(string Name, DebugVariableKind Kind, int DeclarationLine, IReadOnlyList<DebugVariableRange> Ranges);

/// <summary>Code offsets [<paramref name="Start"/>, <paramref name="End"/>) from the function's start during which the
/// variable's value is at <paramref name="Location"/>. A class, not a struct: lists of it then share the framework's
/// precompiled code for reference types instead of a generic instantiation that ReadyToRun cannot precompile and every
/// <c>-g</c> process would JIT-compile (docs/performance.md, "Debug information").</summary>
/// <param name="Start">The first offset.</param>
/// <param name="End">One past the last offset.</param>
/// <param name="Location">Where the value is meanwhile.</param>
public sealed record DebugVariableRange(int Start, int End, DebugLocation Location);

/// <summary>What a <see cref="DebugLocation"/> starts from.</summary>
public enum DebugLocationBase
{
    /// <summary>A physical register, in the target's numbering (<see cref="TargetDescription"/>).</summary>
    Register,
    /// <summary>An 8-byte frame slot, by its offset in bytes from the frame pointer (RBP/X29 after the prologue;
    /// <see cref="FrameLayout"/>).</summary>
    FrameSlot,
}

/// <summary>
/// Where a value is: a register's or a frame slot's contents, then <see cref="Indirections"/> as in
/// <see cref="IrDebugVariable"/> — each adds its offset to the current word and, except the last, loads the pointer
/// stored at the sum; after the last, the value is the word at the sum. No indirections: the register or slot holds
/// the value itself.
/// </summary>
/// <param name="Base">A register or a frame slot.</param>
/// <param name="Number">The register's number, or the slot's frame-pointer-relative offset.</param>
/// <param name="Indirections">The offsets to follow.</param>
public sealed record DebugLocation(DebugLocationBase Base, int Number, IReadOnlyList<int> Indirections)
{
    /// <summary>Same base, number and indirections.</summary>
    public bool Equals(DebugLocation? other)
    {
        if (other is null || Base != other.Base || Number != other.Number || Indirections.Count != other.Indirections.Count) return false;
        // A loop rather than LINQ's SequenceEqual, a generic method the precompiled compiler would JIT-compile for -g.
        for (var i = 0; i < Indirections.Count; i++)
        {
            if (Indirections[i] != other.Indirections[i]) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Base, Number, Indirections.Count);
}
