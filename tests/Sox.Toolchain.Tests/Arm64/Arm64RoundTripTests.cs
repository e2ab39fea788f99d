using System.Reflection;
using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Round trips through GNU objdump (<see cref="ObjdumpDisassembler"/>): every form with many seeded operand draws
/// (limits a quarter of the time each), a seeded random mix of all forms, and a reflection check that every public
/// instruction method has a form.
/// </summary>
[TestClass]
public sealed class Arm64RoundTripTests
{
    public static IEnumerable<object[]> Forms => RoundTripForms.All.Select((f, i) => new object[] { i, f.Signature });

    /// <summary>Each form 200 times, in one objdump run per form.</summary>
    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void FormRoundTripsThroughObjdump(int index, string signature)
    {
        var form = RoundTripForms.All[index];
        Assert.AreEqual(signature, form.Signature);
        var count = RoundTripHarness.Run(Enumerable.Repeat(form, 200), new Operands(new Random(1000 + index)));
        Assert.AreEqual(200, count);
    }

    /// <summary>4000 encoder calls of random forms with random operands (all within TBZ's ±32 KiB of offset 0).</summary>
    [TestMethod]
    public void RandomMixOfAllFormsRoundTrips()
    {
        var random = new Random(20261124);
        var forms = Enumerable.Range(0, 4000).Select(_ => RoundTripForms.All[random.Next(RoundTripForms.All.Count)]).ToList();
        Assert.AreEqual(4000, RoundTripHarness.Run(forms, new Operands(random)));
    }

    /// <summary>
    /// Every public method of the encoder is round-tripped here, or (labels, alignment, relaxation) in
    /// <see cref="Arm64LabelTests"/>, or (constant sequences) in <see cref="Arm64MoveImmediateTests"/>.
    /// </summary>
    [TestMethod]
    public void EveryEncoderMethodHasARoundTripForm()
    {
        string[] elsewhere =
        [
            "Mov_x_imm(Arm64Register,Int64)", "Mov_w_imm(Arm64Register,Int32)",
        ];
        var covered = RoundTripForms.All.Select(f => f.Signature).Concat(elsewhere).ToHashSet();
        var methods = typeof(Arm64Encoder).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => $"{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name))})")
            .ToList();
        var missing = methods.Where(m => !covered.Contains(m)).ToList();
        Assert.IsEmpty(missing, "Not round-tripped: " + string.Join(", ", missing));
        var stale = RoundTripForms.All.Select(f => f.Signature).Where(s => !methods.Contains(s)).ToList();
        Assert.IsEmpty(stale, "Forms without a method: " + string.Join(", ", stale));
        Assert.AreEqual(RoundTripForms.All.Count, RoundTripForms.All.Select(f => f.Signature).Distinct().Count(), "duplicate forms");
    }
}
