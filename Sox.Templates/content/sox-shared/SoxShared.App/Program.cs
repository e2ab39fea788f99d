using System.Runtime.InteropServices;

// Calls the Sox shared library (copied beside this assembly by the build) in-process: Sox computes, C# prints.
Console.WriteLine(FormattableString.Invariant($"hypotenuse(3, 4) = {SoxLibrary.Hypotenuse(3, 4)}"));
Console.WriteLine($"countVowels(\"Hello from C#\") = {SoxLibrary.CountVowels("Hello from C#")}");
Console.WriteLine($"calls into Sox: {SoxLibrary.CallCount()}");

/// <summary>
/// The export fns of SoxShared/library.sox. "SoxShared" is found as libSoxShared.so (SoxShared.dll on Windows,
/// libSoxShared.dylib on macOS) beside the assembly. Numbers and bools only come back: a cstring result would be Sox
/// memory, which a string return's marshaller would try to free.
/// </summary>
internal static partial class SoxLibrary
{
    private const string Library = "SoxShared";

    [LibraryImport(Library, EntryPoint = "hypotenuse")]
    internal static partial double Hypotenuse(double x, double y);

    [LibraryImport(Library, EntryPoint = "countVowels", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long CountVowels(string text);

    [LibraryImport(Library, EntryPoint = "callCount")]
    internal static partial int CallCount();
}
