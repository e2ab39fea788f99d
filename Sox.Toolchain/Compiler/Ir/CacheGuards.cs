namespace Sox.Compiler.Ir;

/// <summary>
/// What lowering tells the method inliner (<c>Passes/MethodInlining.cs</c>) about a branch of an inline cache, so it
/// need not pattern-match the lowered code: set on <see cref="CompareBranchInst.Guard"/>, null on every other branch.
/// Passes after the inliner ignore it.
/// </summary>
public abstract class CacheGuard;

/// <summary>
/// The shape guard of a <c>this.name</c> read or <c>this.name = v</c> write of an existing field (runtime-abi.md
/// "Instances, shapes and inline caches"): the branch's true successor starts with <see cref="OffsetLoad"/> (the
/// field's byte offset from the property cache), then one load or store at the instance plus that offset; its false
/// successor calls the runtime. Only for <c>this</c>, which inside a method is always the receiver.
/// </summary>
public sealed class ThisFieldGuard(string name, string nameSymbol) : CacheGuard
{
    /// <summary>The field's name.</summary>
    public string Name { get; } = name;

    /// <summary>The symbol of the name's static <c>SoxString</c>.</summary>
    public string NameSymbol { get; } = nameSymbol;

    /// <summary>The load of the cached offset that begins the hit block.</summary>
    public LoadInst? OffsetLoad { get; set; }
}

/// <summary>
/// A method call site the method inliner may run a body at: the branch that starts its cache's probe, and
/// <see cref="Calls"/>, the site's direct calls of the method closure its cache found (marked
/// <see cref="CallInst.InvokedMethod"/>, argument 1 the receiver), each followed by a jump to the site's join.
/// </summary>
public abstract class MethodSiteGuard : CacheGuard
{
    /// <summary>The site's marked calls, in the order lowering emitted them.</summary>
    public List<CallInst> Calls { get; } = new();
}

/// <summary>
/// The comparison of the receiver's shape id with entry 0 of an <c>a.m(x)</c> site's invoke cache (its left operand
/// is the shape id); the true successor calls the cached closure.
/// </summary>
public sealed class InvokeProbeGuard : MethodSiteGuard;

/// <summary>
/// The comparison of the superclass's id with a <c>super.m(x)</c> site's <c>SoxSuperCache</c> (its left operand is
/// the class id, its right operand the cache's, loaded just before); the true successor calls the cached closure. The
/// receiver of the calls is <c>this</c>, always an instance.
/// </summary>
public sealed class SuperProbeGuard : MethodSiteGuard;
