namespace Sox.Compiler.Ir;

/// <summary>
/// What a call of a runtime function may do, strongest guarantee last (<see cref="RuntimeFunctions.EffectOf(string)"/>).
/// The passes ask this one table instead of keeping their own lists: <c>licm</c> hoists <see cref="Pure"/> work,
/// <c>gvn</c> keeps loads across calls that write nothing, <c>promote</c> keeps globals in registers across calls
/// that run no Sox code.
/// </summary>
public enum RuntimeEffect
{
    /// <summary>Anything: may run Sox code (closures, methods, module initialisers, C that calls back through an
    /// <c>export fn</c>), and so write any global, field or cell. Every call that is not a known runtime function.</summary>
    Any,

    /// <summary>Runs no Sox code and never writes a module's globals array, but may write heap objects, allocate
    /// (and so collect) and raise a runtime error.</summary>
    NoSoxCode,

    /// <summary>Writes no memory generated code reads, allocates no object (so never collects) and runs no Sox code;
    /// but may raise a runtime error (and not return) or have an effect outside the program's memory (output). Loads
    /// and globals stay known across it; it is never moved or deleted.</summary>
    ReadsOnly,

    /// <summary>The result depends only on the arguments and the immutable data they point to; no write, no
    /// allocation, no collection, no error, no Sox code. Such a call may run speculatively (hoisted out of a loop or
    /// a branch), be merged with an identical one, or be deleted when its result is unused.</summary>
    Pure,
}

public static partial class RuntimeFunctions
{
    /// <summary>
    /// The effect of calling <paramref name="symbol"/> with the C convention; <see cref="RuntimeEffect.Any"/> for
    /// anything not listed. Each class is argued from the runtime's C code (Sox.Sdk/runtime):
    /// <list type="bullet">
    /// <item><b>Pure</b>: <c>sox_equal</c>, <c>sox_not_equal</c> (sox_value.c). They read the two values' bits, the
    /// header type byte of objects, a string's length, hash and bytes (<c>sox_strings_equal</c> in sox_internal.h;
    /// strings are immutable: sox_string.c only fills a string's bytes and hash between allocating and returning it)
    /// and a C pointer box's address (set once by <c>sox_c_from_pointer</c> in sox_ffi.c, never written again). They
    /// call nothing else: no allocation, no error, no Sox code.</item>
    /// <item><b>ReadsOnly</b>: the number operators <c>sox_sub sox_mul sox_div sox_mod sox_less sox_less_equal
    /// sox_greater sox_greater_equal sox_negate</c> (sox_value.c <c>NUMERIC_OP</c>: two numbers give a number or a
    /// boolean; anything else calls <c>sox_runtime_error</c>, which does not return); <c>sox_print</c> (sox_print.c:
    /// reads the value, formats into a malloc'd buffer, writes stdout; it never calls <c>sox_gc_alloc</c>).</item>
    /// <item><b>NoSoxCode</b>: <c>sox_add</c> (allocates the concatenation), printing aside every entry point that
    /// only reads, writes or allocates objects without calling a closure — property and index access (Sox has no
    /// getters or setters), allocation, iteration, class building, <c>sox_defer_push</c> and the caches' method
    /// lookups (sox_cache.c, sox_object.c: they probe caches and method tables, never call). None writes a module's
    /// globals array: those are private to their module's code (§6).</item>
    /// </list>
    /// Everything else — <c>sox_call</c>, the invokes, <c>sox_defer_run</c>, module initialisers, C functions of
    /// <c>extern fn</c> — is <see cref="RuntimeEffect.Any"/>.
    /// </summary>
    public static RuntimeEffect EffectOf(string? symbol) => symbol switch
    {
        Equal or NotEqual => RuntimeEffect.Pure,
        Subtract or Multiply or Divide or Modulo or Less or LessEqual or Greater or GreaterEqual or Negate or Print
            => RuntimeEffect.ReadsOnly,
        Add or GetPropertyCached or SetPropertyCached or GetProperty or SetProperty or GetIndex or SetIndex or Slice
            or CellNew or ClosureNew or ArrayNew or TableNew or TableSet or ForeachCount or ForeachKey or ForeachValue
            or DeferPush or GetSuper or ClassNew or ClassReserveFields or ClassAddMethod or InstanceAlloc
            or InstanceFinish or InvokeLookup or SuperLookup => RuntimeEffect.NoSoxCode,
        _ => RuntimeEffect.Any,
    };

    /// <summary>The effect of <paramref name="call"/>: a C-convention call of a runtime function by name gets its
    /// entry of <see cref="EffectOf(string)"/>; Sox-convention and indirect calls may do anything.</summary>
    public static RuntimeEffect EffectOf(CallInst call) =>
        call.Convention == CallingConvention.C ? EffectOf(call.Symbol) : RuntimeEffect.Any;

    /// <summary>True when <paramref name="call"/> can neither run Sox code nor write a module's globals.</summary>
    public static bool CannotRunSoxCode(CallInst call) => EffectOf(call) >= RuntimeEffect.NoSoxCode;

    /// <summary>True when <paramref name="call"/> writes no memory generated code reads (loads stay valid across it).</summary>
    public static bool WritesNoMemory(CallInst call) => EffectOf(call) >= RuntimeEffect.ReadsOnly;

    /// <summary>True when <paramref name="call"/> is <see cref="RuntimeEffect.Pure"/> and returns its result.</summary>
    public static bool IsPure(CallInst call) => !call.NoReturn && EffectOf(call) == RuntimeEffect.Pure;
}
