using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Sox.Toolchain.Tests.Infrastructure;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>
/// The runtime's number printing (§2, <c>Sox.Sdk/runtime/sox_dtoa.c</c>) picks the same digits as .NET's
/// round-trip formatting: the shortest decimal that reads back, the closest to the value among those. The C
/// program <c>tests/runtime/number_format/format_doubles.c</c> prints, with the runtime's formatter, every power
/// of two (2^-1074 … 2^1023) with both neighbours, the subnormal/normal boundaries and the largest double with
/// theirs, and a seeded stream of random doubles (random bit patterns and random short decimals); each line's
/// digits and decimal exponent are compared with <c>double.ToString("R", CultureInfo.InvariantCulture)</c>.
/// Native runs check 2,000,000 random doubles; under qemu (about ten times slower) and for Windows under Wine
/// 200,000.
/// </summary>
[TestClass]
public sealed class NumberFormatTests
{
    private const string Program = "number_format/format_doubles";

    /// <summary>Every power of two with its neighbours (2,098 × 3, less the one below 2^-1074 that is 0).</summary>
    private const int MinimumFixedLines = 2098 * 3 - 1;

    [TestMethod]
    public async Task MatchesDotNetRoundTripNatively()
    {
        var exe = await RuntimeBuild.CompileProgramAsync(RuntimeBuild.Host, Program);
        await CheckAsync([exe], random: 2_000_000, seed: 20261207, TimeSpan.FromSeconds(60));
    }

    [TestMethod]
    public async Task MatchesDotNetRoundTripOnArm64UnderQemu()
    {
        var missing = RuntimeBuild.MissingTool("aarch64-linux-gnu-gcc") ?? RuntimeBuild.MissingTool("qemu-aarch64");
        if (missing != null) Assert.Inconclusive($"needs aarch64-linux-gnu-gcc and qemu-aarch64 ({missing} not found)");
        var exe = await RuntimeBuild.CompileProgramAsync(RuntimeBuild.Arm64, Program);
        await CheckAsync(["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", exe], random: 200_000, seed: 424242,
            TimeSpan.FromSeconds(120));
    }

    /// <summary>The runtime built for Windows x64 (MinGW) under Wine: its digits are its own (sox_dtoa.c), not the
    /// C library's, so they match there too.</summary>
    [TestMethod]
    public async Task MatchesDotNetRoundTripOnWindowsUnderWine()
    {
        if (RunTarget.Windows.Missing() is { } missing) Assert.Inconclusive($"needs {missing}, which was not found");
        var exe = await RuntimeBuild.CompileProgramAsync(RuntimeBuild.WindowsX64, Program);
        await WineRunner.EnsureStartedAsync();
        await CheckAsync([.. WineRunner.Command, exe], random: 200_000, seed: 8675309, TimeSpan.FromSeconds(120),
            WineRunner.Environment);
    }

    [TestMethod]
    [DataRow("5.960464477539063e-8", "5.960464477539063E-08")]
    [DataRow("1e+21", "1E+21")]
    [DataRow("0.30000000000000004", "0.30000000000000004")]
    [DataRow("123456789012345680000", "1.2345678901234568E+20")]
    [DataRow("-0", "-0")]
    [DataRow("0.000001", "1E-06")]
    public void ParsesBothLayoutsAlike(string sox, string dotnet) =>
        Assert.AreEqual(PrintedNumber.Parse(dotnet), PrintedNumber.Parse(sox));

    private static async Task CheckAsync(string[] command, int random, int seed, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        info.ArgumentList.Add(random.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + command[0]);
        var stderr = process.StandardError.ReadToEndAsync();
        var failures = new List<string>();
        var dotnetWrong = new List<string>();
        long lines = 0, mismatches = 0, reported = -1;
        // Synchronous reads on a worker thread: millions of lines, so no per-line async machinery.
        var reading = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("end ", StringComparison.Ordinal))
                {
                    reported = long.Parse(line[4..], CultureInfo.InvariantCulture);
                    continue;
                }
                lines++;
                var bits = ulong.Parse(line.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var value = BitConverter.UInt64BitsToDouble(bits);
                var printed = line[17..];
                var expected = value.ToString("R", CultureInfo.InvariantCulture);
                if (PrintedNumber.Parse(printed) == PrintedNumber.Parse(expected)) continue;
                string? problem;
                if (double.Parse(expected, CultureInfo.InvariantCulture) != value)
                {
                    // .NET's own output does not read back (it happens for a few powers of two, e.g. 2^-25 gives
                    // 2.980232238769531E-08, which is 2^-25's predecessor): check the definition directly.
                    dotnetWrong.Add($"{bits:x16} {expected}");
                    problem = ShortestClosestProblem(value, printed);
                    if (problem is null) continue;
                }
                else
                {
                    problem = $".NET {expected}";
                }
                mismatches++;
                if (failures.Count < 20) failures.Add($"{bits:x16}: runtime {printed}; {problem}");
            }
        });
        if (await Task.WhenAny(reading, Task.Delay(timeout)) != reading)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', command)} did not finish within {timeout.TotalSeconds} s ({lines} lines read)");
        }
        await reading;
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, "exit code; stderr:\n" + await stderr);
        Assert.AreEqual(reported, lines, "lines read against the count the program reports");
        Assert.IsTrue(lines >= MinimumFixedLines + random * 9L / 10, $"only {lines} values printed");
        Assert.AreEqual(0, mismatches, $"{mismatches} of {lines} differ:\n" + string.Join('\n', failures));
        Console.WriteLine($"{lines} values match ({clock.Elapsed.TotalSeconds:F1} s); {dotnetWrong.Count} where .NET's \"R\" does not read back were " +
                          "checked against the definition: " + string.Join(", ", dotnetWrong));
    }

    /// <summary>Null when <paramref name="printed"/> reads back as <paramref name="value"/>, no decimal with one digit
    /// fewer does (enough to try the two neighbours of the value at that length), and it is the correctly rounded
    /// decimal of its length or that one does not read back; else what is wrong.</summary>
    private static string? ShortestClosestProblem(double value, string printed)
    {
        var p = PrintedNumber.Parse(printed);
        if (Read(p) != value) return "does not read back";
        var length = p.Digits.Length;
        if (length > 1)
        {
            var floor = BigInteger.Parse(p.Digits[..^1], CultureInfo.InvariantCulture);
            foreach (var candidate in new[] { floor, floor + 1 })
            {
                var digits = candidate.ToString(CultureInfo.InvariantCulture);
                var shorter = new PrintedNumber(p.Negative, digits, p.Point + digits.Length - (length - 1));
                if (Read(shorter) == value) return $"{Text(shorter)} is shorter and reads back";
            }
        }
        var rounded = PrintedNumber.Parse(value.ToString("E" + (length - 1), CultureInfo.InvariantCulture));
        if (rounded != p && Read(rounded) == value) return $"{Text(rounded)} is closer and reads back";
        return null;
    }

    private static string Text(PrintedNumber n) => (n.Negative ? "-0." : "0.") + n.Digits + "e" + n.Point;

    private static double Read(PrintedNumber n) => double.Parse(Text(n), CultureInfo.InvariantCulture);

    /// <summary>A printed number as sign, significant digits (no leading or trailing zeros) and the exponent n
    /// of 0.d1d2… × 10^n, from either layout (<c>1.5e-7</c>, <c>1.5E-07</c>, <c>0.00015</c>, <c>150000</c>).</summary>
    private readonly record struct PrintedNumber(bool Negative, string Digits, int Point)
    {
        public static PrintedNumber Parse(string text)
        {
            var negative = text.StartsWith('-');
            var s = negative ? text[1..] : text;
            var exponent = 0;
            var e = s.IndexOfAny(['e', 'E']);
            if (e >= 0)
            {
                exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                s = s[..e];
            }
            var dot = s.IndexOf('.');
            var whole = dot < 0 ? s : s[..dot];
            var digits = dot < 0 ? s : whole + s[(dot + 1)..];
            var point = whole.Length + exponent;
            var significant = digits.TrimStart('0');
            point -= digits.Length - significant.Length;
            significant = significant.TrimEnd('0');
            return significant.Length == 0 ? new PrintedNumber(negative, "0", 0) : new PrintedNumber(negative, significant, point);
        }
    }
}
