using Sox.Compiler.Semantics;

namespace Sox.LanguageServices;

/// <summary>
/// Parameter names and one-line descriptions of the built-in functions, written from the table of §8 of
/// docs/language.md. The names themselves and their arities are the compiler's (<see cref="Builtins.ByName"/>): a
/// built-in missing here still completes and hovers, with a generic signature. Optional parameters (§8: a greater
/// <see cref="Builtins.Builtin.MaxArity"/>) are written in brackets.
/// </summary>
internal static class BuiltinDocs
{
    private static readonly Dictionary<string, (string[] Parameters, string Description)> s_docs = new(StringComparer.Ordinal)
    {
        ["clock"] = ([], "Seconds since an arbitrary start, monotonic and fractional."),
        ["usleep"] = (["us"], "Sleeps `us` microseconds; returns `nil`."),
        ["len"] = (["x"], "The length of a string (in bytes), an array or a table."),
        ["push"] = (["arr", "v"], "Appends `v` to the array `arr` and returns `arr` itself."),
        ["pop"] = (["arr"], "Removes and returns the last element of `arr`; `nil` when it is empty."),
        ["type"] = (["v"], "The kind of `v` as a string (§2.1): \"number\", \"string\", \"array\", …"),
        ["Table"] = ([], "A new empty table."),
        ["str"] = (["v"], "The print form of `v` (§2.3)."),
        ["num"] = (["s"], "The number the string `s` spells, else `nil` (§8.2)."),
        ["stringUpper"] = (["s"], "`s` with ASCII letters upper-cased; other bytes unchanged."),
        ["stringLower"] = (["s"], "`s` with ASCII letters lower-cased; other bytes unchanged."),
        ["stringTrim"] = (["s"], "`s` without ASCII whitespace at both ends."),
        ["stringIndexOf"] = (["s", "sub"], "The byte index of the first occurrence of `sub` in `s`, `-1` when absent."),
        ["stringSubstring"] = (["s", "start", "end"], "The bytes of `s` from `start` up to but excluding `end` (default: the end)."),
        ["stringReplace"] = (["s", "old", "new"], "`s` with the first occurrence of `old` replaced by `new`."),
        ["stringStartsWith"] = (["s", "p"], "True when `s` starts with `p`."),
        ["stringEndsWith"] = (["s", "p"], "True when `s` ends with `p`."),
        ["stringSplit"] = (["s", "sep"], "An array of the pieces of `s` between occurrences of `sep`, empty pieces kept."),
        ["mathSqrt"] = (["x"], "The square root of `x` (C `sqrt`)."),
        ["mathPow"] = (["x", "y"], "`x` raised to the power `y` (C `pow`)."),
        ["mathFloor"] = (["x"], "The largest integer not greater than `x` (C `floor`)."),
        ["mathCeil"] = (["x"], "The smallest integer not less than `x` (C `ceil`)."),
        ["mathRound"] = (["x"], "`x` rounded to the nearest integer, halves away from zero (C `round`)."),
        ["mathSin"] = (["x"], "The sine of `x` radians (C `sin`)."),
        ["mathCos"] = (["x"], "The cosine of `x` radians (C `cos`)."),
        ["mathTan"] = (["x"], "The tangent of `x` radians (C `tan`)."),
        ["mathRandom"] = ([], "A random number in `[0, 1)`."),
        ["mathRandomInt"] = (["min", "max"], "A random integer in `[min, max]`, both ends included."),
        ["mathSrand"] = (["seed"], "Seeds the random generator, making its sequence repeatable."),
        ["arraySlice"] = (["a", "start", "end"], "A new array of the elements of `a` from `start` up to but excluding `end`."),
        ["arrayReverse"] = (["a"], "A new array with the elements of `a` reversed (`a` unchanged)."),
        ["arrayIndexOf"] = (["a", "v"], "The index of the first element `==` to `v`, `-1` when absent."),
        ["arrayContains"] = (["a", "v"], "True when an element of `a` is `==` to `v`."),
        ["arrayJoin"] = (["a", "sep"], "The elements of `a` in print form, joined by `sep`."),
        ["sysArgs"] = ([], "The program's arguments as a new array of strings (`[0]` is the program)."),
        ["sysGetenv"] = (["name"], "The value of the environment variable `name`, `nil` when unset."),
        ["sysOnExit"] = (["fn"], "Registers a function to run at exit (last registered runs first)."),
        ["sysExit"] = (["code"], "Runs the exit handlers, flushes output and exits with `code`; does not return."),
        ["sysPlatform"] = ([], "The platform: \"linux\", \"darwin\" or \"windows\"."),
        ["sysSleep"] = (["seconds"], "Sleeps a fractional number of seconds; returns `nil`."),
    };

    /// <summary>The parameter labels of a built-in, optional ones in brackets (<c>[end]</c>).</summary>
    public static IReadOnlyList<string> Parameters(string name)
    {
        if (!Builtins.ByName.TryGetValue(name, out var builtin)) return [];
        var names = s_docs.TryGetValue(name, out var doc) ? doc.Parameters : [];
        var labels = new List<string>();
        for (var i = 0; i < builtin.MaxArity; i++)
        {
            var label = i < names.Length ? names[i] : $"arg{i + 1}";
            labels.Add(i < builtin.MinArity ? label : $"[{label}]");
        }
        return labels;
    }

    public static string Signature(string name) => $"{name}({string.Join(", ", Parameters(name))})";

    public static string Description(string name) =>
        s_docs.TryGetValue(name, out var doc) ? doc.Description : "A built-in function (§8).";
}
