using System.Diagnostics;
using System.Runtime.InteropServices;

// 1. Starts the native Sox program (Greeter) that the build copied beside this assembly and relays its output.
var program = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Greeter.exe" : "Greeter");
var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
var output = process.StandardOutput.ReadToEnd();
process.WaitForExit();
Console.Write("C# started Sox: " + output);
if (process.ExitCode != 0) return process.ExitCode;

// 2. Calls the Sox shared library (libSoxMath.so, also copied here) in-process: Sox computes, C# prints.
Console.WriteLine(FormattableString.Invariant($"C# called Sox: hypotenuse(3, 4) = {SoxMath.Hypotenuse(3, 4)}"));
Console.WriteLine($"fibonacci(50) = {SoxMath.Fibonacci(50)}");
Console.WriteLine($"isPrime(7919) = {SoxMath.IsPrime(7919)}, isPrime(7917) = {SoxMath.IsPrime(7917)}");
Console.WriteLine($"countVowels(\"Hello from C#\") = {SoxMath.CountVowels("Hello from C#")}");
Console.WriteLine($"calls into Sox: {SoxMath.CallCount()}");
return 0;

/// <summary>
/// The export fns of SoxMath/soxmath.sox. "SoxMath" is found as libSoxMath.so beside the assembly. Numbers and bools
/// only come back: a cstring result would be Sox memory, which a string return's marshaller would try to free.
/// </summary>
internal static partial class SoxMath
{
    private const string Library = "SoxMath";

    [LibraryImport(Library, EntryPoint = "hypotenuse")]
    internal static partial double Hypotenuse(double x, double y);

    [LibraryImport(Library, EntryPoint = "fibonacci")]
    internal static partial long Fibonacci(int n);

    [LibraryImport(Library, EntryPoint = "isPrime")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool IsPrime(long n);

    [LibraryImport(Library, EntryPoint = "countVowels", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long CountVowels(string text);

    [LibraryImport(Library, EntryPoint = "callCount")]
    internal static partial int CallCount();
}
