using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The <c>gvn</c> pass: dominator-based global value numbering with redundant-load elimination and store-to-load
/// forwarding. Invariant established: no pure computation (integer/float arithmetic, compares, conversions) and no
/// load is repeated where a dominating instruction already computed the same value into a register that still holds
/// it; such an instruction becomes a <c>copy</c> of that register (later passes and the allocator coalesce it).
/// <para><b>Value numbers.</b> The blocks are walked in dominator-tree preorder with a scoped table
/// (<see cref="ValueNumberingTable"/>) from (opcode, operand value numbers) to a value number and the register
/// holding it; copies take their source's number, commutative operands (<c>add mul and or xor</c>, <c>cmp.eq/ne</c>)
/// are ordered, constants/addresses are numbered by content (never replaced: selection folds single-definition
/// constants into immediates and they are cheaper to rematerialise than to keep live).</para>
/// <para><b>Registers are not SSA</b> (docs/ir.md). A register is <i>stable</i> when it has one definition and that
/// definition dominates every read (a parameter never reassigned, too); a stable register holds one value wherever
/// it is read, so its number is global and it may stand in for a later computation anywhere its definition
/// dominates — the SSA argument. Any other register gets a fresh number at its first read in each block and a new
/// one at each definition, and stands in only later in the same block and only while not reassigned
/// (definition generation and block stamp checked at each use).</para>
/// <para><b>Loads</b> (<see cref="AvailableLoads"/>, alias classes in <see cref="AddressClass"/>): a load is replaced
/// by the register of an earlier load (or the value of an earlier 64-bit store) of the same address, width and type
/// when no instruction on any path in between may write that memory. Every call (Sox, C, runtime: they may run the
/// GC, Sox code or change caches and shapes) and every instruction of unknown effect ends every fact; a store ends
/// the facts its address class may alias. Facts flow from a block to its dominator-tree children: unchanged to a
/// child whose only predecessor is that block; to a join, after applying the stores of every block on a path from
/// the dominator to the join (a backward walk bounded to 64 blocks; a call there, or a block not yet walked that
/// stores, ends every fact — the back edges of a loop whose body calls or stores).</para>
/// <para><b>GC safety.</b> Keeping a value longer (a copy instead of a recomputation) can keep an unboxed object
/// pointer (<c>v &amp; 0x0000ffffffffffff</c>) or a shape pointer live across a call. The collector does not move
/// objects (sox_gc.c: mark-sweep in place), and its conservative scan of the native stack and registers counts
/// interior pointers, so such a pointer stays valid and keeps its object alive; shapes live as long as their class,
/// which the instance being accessed keeps alive.</para>
/// <para>Cost: one scan for definition counts and stability, one dominator-tree walk with a hash probe per
/// instruction and a linear search over at most <see cref="AvailableLoads.Capacity"/> loads per load or store —
/// flat arrays indexed by register id and value number, no dictionary keyed by IR objects. The arrays are kept per thread
/// and reused by the next function (<see cref="ValueNumberingScratch"/>); a block's known loads at exit are a slice of
/// one stack-shaped arena, and none is copied for a block with a single dominator-tree child.</para>
/// </summary>
internal sealed partial class ValueNumbering : FunctionPass
{
    /// <inheritdoc/>
    public override string Name => "gvn";

    /// <inheritdoc/>
    public override void Run(IrFunction function)
    {
        if (function.Blocks.Count == 0) return;
        new Walk(function).Run();
    }

    private const int KindConst = 1;      // + type
    private const int KindAddr = 3;
    private const int KindSlot = 4;
    private const int KindInt = 16;       // + IntOp
    private const int KindFloat = 32;     // + FloatOp
    private const int KindIntCompare = 48; // + IntCondition
    private const int KindFloatCompare = 64; // + FloatCondition
    private const int KindConvert = 80;   // + ConvertKind
    private const int KindPureCall = 96;  // + 0 sox_equal, 1 sox_not_equal

    /// <summary>Block effects for the join walk, as flags: stores, calls that write no memory
    /// (<see cref="RuntimeFunctions.WritesNoMemory"/>: a new call epoch, loads kept), a call or unknown effect.</summary>
    private const byte EffectNone = 0, EffectStores = 1, EffectCalls = 2, EffectAll = 4;

    private const int JoinWalkBudget = 64;
}
