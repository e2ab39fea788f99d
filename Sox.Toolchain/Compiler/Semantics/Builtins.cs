namespace Sox.Compiler.Semantics;

/// <summary>
/// The built-in functions of §8 with their accepted argument counts. The runtime implements each as
/// <c>sox_native_NAME</c>; a call with another count is the runtime error "Expected N arguments but got M.".
/// </summary>
public static class Builtins
{
    /// <summary>One built-in function: the name a program calls it by and the argument counts it accepts.</summary>
    /// <param name="Name">
    /// The Sox name (<c>len</c>), also the <c>NAME</c> of its runtime function <c>sox_native_NAME</c>.
    /// </param>
    /// <param name="MinArity">The fewest arguments a call may pass.</param>
    /// <param name="MaxArity">
    /// The most arguments a call may pass (greater than <paramref name="MinArity"/> when the last ones are optional).
    /// </param>
    public sealed record Builtin(string Name, int MinArity, int MaxArity);

    /// <summary>
    /// Every built-in by its Sox name (ordinal, case-sensitive: <c>Table</c> is one, <c>table</c> is not).
    /// </summary>
    public static IReadOnlyDictionary<string, Builtin> ByName { get; } = new Builtin[]
    {
        new("clock", 0, 0), new("usleep", 1, 1), new("len", 1, 1), new("push", 2, 2), new("pop", 1, 1),
        new("type", 1, 1), new("Table", 0, 0), new("str", 1, 1), new("num", 1, 1),
        new("stringUpper", 1, 1), new("stringLower", 1, 1), new("stringTrim", 1, 1),
        new("stringIndexOf", 2, 2), new("stringSubstring", 2, 3), new("stringReplace", 3, 3),
        new("stringStartsWith", 2, 2), new("stringEndsWith", 2, 2), new("stringSplit", 2, 2),
        new("mathSqrt", 1, 1), new("mathPow", 2, 2), new("mathFloor", 1, 1), new("mathCeil", 1, 1),
        new("mathRound", 1, 1), new("mathSin", 1, 1), new("mathCos", 1, 1), new("mathTan", 1, 1),
        new("mathRandom", 0, 0), new("mathRandomInt", 2, 2), new("mathSrand", 1, 1),
        new("arraySlice", 2, 3), new("arrayReverse", 1, 1), new("arrayIndexOf", 2, 2),
        new("arrayContains", 2, 2), new("arrayJoin", 2, 2),
        new("sysArgs", 0, 0), new("sysGetenv", 1, 1), new("sysOnExit", 1, 1), new("sysExit", 1, 1),
        new("sysPlatform", 0, 0), new("sysSleep", 1, 1),
    }.ToDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="name"/> names a built-in function (which a module global of that name shadows).
    /// </summary>
    /// <param name="name">An identifier as written.</param>
    public static bool IsBuiltin(string name) => ByName.ContainsKey(name);
}
