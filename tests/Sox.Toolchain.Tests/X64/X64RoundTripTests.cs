using System.Reflection;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// Round trips through Iced: every form with every register in each position and the boundary
/// displacements/immediates/scales (<see cref="RoundTripValues"/>), plus a seeded random mix of all forms.
/// </summary>
[TestClass]
public sealed class X64RoundTripTests
{
    public static IEnumerable<object[]> Forms => RoundTripForms.All.Select((f, i) => new object[] { i, f.ToString() });

    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void FormRoundTripsThroughIced(int index, string form)
    {
        var f = RoundTripForms.All[index];
        Assert.AreEqual(form, f.ToString());
        var count = RoundTripHarness.Run(anchor => RoundTripValues.Combinations(f.Params, anchor, 2048, index)
            .Select(args => (f, args)));
        Assert.IsGreaterThan(0, count);
    }

    [TestMethod]
    public void RandomMixOfAllFormsRoundTrips()
    {
        var random = new Random(20261124);
        var count = RoundTripHarness.Run(anchor =>
        {
            var items = new List<(RoundTripForm, object[])>();
            for (var i = 0; i < 5000; i++)
            {
                var form = RoundTripForms.All[random.Next(RoundTripForms.All.Count)];
                var args = form.Params.Select(p =>
                {
                    var values = RoundTripValues.For(p, anchor);
                    return values[random.Next(values.Length)];
                }).ToArray();
                items.Add((form, args));
            }
            return items;
        });
        Assert.AreEqual(5000, count);
    }

    /// <summary>
    /// Every public instruction method of the encoder is round-tripped here, or (label branches, multi-byte NOPs,
    /// alignment) in <see cref="X64LabelTests"/>.
    /// </summary>
    [TestMethod]
    public void EveryEncoderMethodHasARoundTripForm()
    {
        string[] elsewhere =
        [
            "Nop(Int32)",
            "Jmp(Label)", "Jmp_rel8(Label)", "Jmp_rel32(Label)", "Call_rel32(Label)",
            "Jcc(X64Condition,Label)", "Jcc_rel8(X64Condition,Label)", "Jcc_rel32(X64Condition,Label)",
        ];
        var covered = RoundTripForms.All.Select(f => f.Signature).Concat(elsewhere).ToHashSet();
        var methods = typeof(X64Encoder).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => $"{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name))})")
            .ToList();
        var missing = methods.Where(m => !covered.Contains(m)).ToList();
        Assert.IsEmpty(missing, "Not round-tripped: " + string.Join(", ", missing));
        var stale = RoundTripForms.All.Select(f => f.Signature).Where(s => !methods.Contains(s)).ToList();
        Assert.IsEmpty(stale, "Forms without a method: " + string.Join(", ", stale));
    }
}
