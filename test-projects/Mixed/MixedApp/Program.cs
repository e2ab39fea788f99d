using System.Diagnostics;

// Starts the native Sox program that the build copied beside this assembly and relays its output and exit code.
var program = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Greeter.exe" : "Greeter");
var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
var output = process.StandardOutput.ReadToEnd();
process.WaitForExit();
Console.Write("C# started Sox: " + output);
return process.ExitCode;
