using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;
using static Sox.Toolchain.Tests.CodeGen.TestMachine;

namespace Sox.Toolchain.Tests.CodeGen;

[TestClass]
public sealed class LinearScanAllocatorTests
{
    private static AllocationResult AllocateAndCheck(MachineFunction f, long expected, Spills? spills = null)
    {
        Assert.AreEqual(expected, Run(f, seed: 1), "before allocation");
        var result = LinearScanAllocator.Allocate(f, spills ?? new Spills());
        foreach (var instr in f.Blocks.SelectMany(b => b.Instructions))
        {
            foreach (var op in instr.Operands.Where(o => o.HasRegister))
                Assert.IsTrue(op.Register.IsPhysical, $"virtual register left in {instr}");
        }
        // Different garbage in clobbered registers on each run: a value kept in a caller-saved register across
        // a call shows up as a wrong result.
        for (var seed = 2; seed < 6; seed++) Assert.AreEqual(expected, Run(f, seed), "after allocation\n" + f.Print(Name));
        return result;
    }

    /// <summary><paramref name="count"/> constants, then their sum in reverse order, so every value stays live until the end.</summary>
    private static MachineFunction PressureProgram(string name, int count = 20)
    {
        var f = new MachineFunction(name, Target);
        var b = f.NewBlock();
        var values = new List<MReg>();
        for (var i = 0; i < count; i++)
        {
            var v = f.NewVirtual(RegisterClass.General);
            b.Add(new MachineInstr(Const, MachineOperand.Def(v), MachineOperand.Imm(i * i + 1)));
            values.Add(v);
        }
        var sum = values[^1];
        for (var i = values.Count - 2; i >= 0; i--)
        {
            var s = f.NewVirtual(RegisterClass.General);
            b.Add(new MachineInstr(Add, MachineOperand.Def(s), MachineOperand.Use(sum), MachineOperand.Use(values[i])));
            sum = s;
        }
        b.Add(new MachineInstr(Ret, MachineOperand.Use(sum)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
        return f;
    }

    [TestMethod]
    public void AFunctionAllocatedAfterALargerOneGetsWhatItGetsOnAFreshThread()
    {
        // Intervals and scratch arrays are pooled per thread (Workspace) and reused by the next function: what a larger
        // function (with spills) leaves there must not change a smaller one's allocation, and its result must list
        // exactly its own registers' intervals.
        static string Allocate(MachineFunction f)
        {
            var result = LinearScanAllocator.Allocate(f, new Spills());
            Assert.HasCount(f.VirtualRegisters.Count, result.Intervals);
            return f.Print(Name) + string.Join(" ", result.Intervals) + " " + string.Join(",", result.UsedCalleeSaved);
        }
        static MachineFunction Small() => PressureProgram("small");

        string? fresh = null;
        var thread = new Thread(() => fresh = Allocate(Small()));
        thread.Start();
        thread.Join();
        var reused = "";
        thread = new Thread(() =>
        {
            Allocate(PressureProgram("large", 45));
            Allocate(SlowPathProgram(5, 40, coldSlowPath: true, hotCall: false).F);
            reused = Allocate(Small());
        });
        thread.Start();
        thread.Join();
        Assert.AreEqual(fresh, reused);
    }

    [TestMethod]
    public void MoreLiveValuesThanRegistersSpillAndStayCorrect()
    {
        var f = PressureProgram("pressure");
        var expected = Enumerable.Range(0, 20).Sum(i => (long)i * i + 1);
        var result = AllocateAndCheck(f, expected, new Spills { Rematerialise = false });
        Assert.IsTrue(result.SpilledRegisters > 0, "20 simultaneously live values must not fit in 6 registers");
        Assert.IsTrue(f.FrameObjects.Count(o => o.IsSpill) >= 20 - 6);
    }

    [TestMethod]
    public void ValuesLiveAcrossCallsAvoidCallerSavedRegisters()
    {
        var f = new MachineFunction("across", Target);
        var b = f.NewBlock();
        var a = f.NewVirtual(RegisterClass.General);
        var c = f.NewVirtual(RegisterClass.General);
        var r = f.NewVirtual(RegisterClass.General);
        var t = f.NewVirtual(RegisterClass.General);
        b.Add(new MachineInstr(Const, MachineOperand.Def(a), MachineOperand.Imm(11)));
        b.Add(new MachineInstr(Const, MachineOperand.Def(c), MachineOperand.Imm(5)));
        b.Add(MakeCopy(MReg.Physical(0), a));
        b.Add(MakeCopy(MReg.Physical(1), c));
        b.Add(MakeCall());
        b.Add(MakeCopy(r, MReg.Physical(0)));
        b.Add(new MachineInstr(Add, MachineOperand.Def(t), MachineOperand.Use(r), MachineOperand.Use(a)));
        b.Add(new MachineInstr(Add, MachineOperand.Def(t), MachineOperand.Use(t), MachineOperand.Use(c)));
        b.Add(new MachineInstr(Ret, MachineOperand.Use(t)) { Flags = InstrFlags.Return | InstrFlags.Terminator });

        var result = AllocateAndCheck(f, 3 * 11 + 5 + 7 + 11 + 5);
        Assert.IsTrue(result.UsedCalleeSaved.Count >= 2, "a and c live across the call need callee-saved registers");
    }

    [TestMethod]
    public void TemporaryBesideASlowPathCallGetsACallerSavedRegister()
    {
        // b0: n = const; if n < limit goto fast else slow
        // b1 (fast): t = n + n; goto join          b2 (slow): t = call(n, n); goto join
        // b3 (join): return t + n
        // t's interval (in layout order) spans the slow path's call, but t is dead there: it needs no callee-saved
        // register. n is live across the call and does. Both paths must compute the same as before allocation.
        foreach (var (value, limit) in new[] { (4L, 10L), (40L, 10L) })
        {
            var (f, n, t, _, expected) = SlowPathProgram(value, limit, coldSlowPath: false, hotCall: false);
            var result = AllocateAndCheck(f, expected);
            var intervals = result.Intervals;
            Assert.IsFalse(intervals[t.VirtualIndex].CrossesCall, "t is written after the call");
            Assert.IsTrue(intervals[n.VirtualIndex].CrossesCall, "n is read after the call");
            Assert.IsTrue(Target.CallerSaved.Contains(intervals[t.VirtualIndex].Register!.Value), "t needs no callee-saved register\n" + f.Print(Name));
            Assert.IsTrue(Target.CalleeSaved.Contains(intervals[n.VirtualIndex].Register!.Value), "n lives across the call\n" + f.Print(Name));
        }
    }

    [TestMethod]
    public void CopiesIntoArgumentRegistersDoNotOverwriteLaterArguments()
    {
        // The second argument's value must not be allocated to the first argument register: the copy into
        // p0 happens before p1's copy reads it.
        var f = new MachineFunction("args", Target);
        var b = f.NewBlock();
        var x = f.NewVirtual(RegisterClass.General);
        var y = f.NewVirtual(RegisterClass.General);
        var r = f.NewVirtual(RegisterClass.General);
        b.Add(new MachineInstr(Const, MachineOperand.Def(x), MachineOperand.Imm(2)));
        b.Add(new MachineInstr(Const, MachineOperand.Def(y), MachineOperand.Imm(100)));
        b.Add(MakeCopy(MReg.Physical(0), x));
        b.Add(MakeCopy(MReg.Physical(1), y));
        b.Add(MakeCall());
        b.Add(MakeCopy(r, MReg.Physical(0)));
        b.Add(new MachineInstr(Ret, MachineOperand.Use(r)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
        var result = AllocateAndCheck(f, 3 * 2 + 100 + 7);
        Assert.IsTrue(result.RemovedCopies >= 1, "hints should let x live in p0 directly");
    }

    [TestMethod]
    public void LoopWithCallKeepsLoopCarriedValues()
    {
        // i = 0; acc = 0; do { acc = acc + call(i, acc) ; i = i + 1 } while (i < 10); return acc
        var f = new MachineFunction("loop", Target);
        var entry = f.NewBlock();
        var body = f.NewBlock();
        var exit = f.NewBlock();
        entry.Successors.Add(body.Index);
        body.Successors.AddRange(new[] { body.Index, exit.Index });
        var i = f.NewVirtual(RegisterClass.General);
        var acc = f.NewVirtual(RegisterClass.General);
        var one = f.NewVirtual(RegisterClass.General);
        var ten = f.NewVirtual(RegisterClass.General);
        var r = f.NewVirtual(RegisterClass.General);
        entry.Add(new MachineInstr(Const, MachineOperand.Def(i), MachineOperand.Imm(0)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(acc), MachineOperand.Imm(0)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(one), MachineOperand.Imm(1)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(ten), MachineOperand.Imm(10)));
        body.Add(MakeCopy(MReg.Physical(0), i));
        body.Add(MakeCopy(MReg.Physical(1), acc));
        body.Add(MakeCall());
        body.Add(MakeCopy(r, MReg.Physical(0)));
        body.Add(new MachineInstr(Add, MachineOperand.Def(acc), MachineOperand.Use(acc), MachineOperand.Use(r)));
        body.Add(new MachineInstr(Add, MachineOperand.Def(i), MachineOperand.Use(i), MachineOperand.Use(one)));
        body.Add(new MachineInstr(BranchLess, MachineOperand.Use(i), MachineOperand.Use(ten), MachineOperand.Target(body.Index), MachineOperand.Target(exit.Index)) { Flags = InstrFlags.Terminator });
        exit.Add(new MachineInstr(Ret, MachineOperand.Use(acc)) { Flags = InstrFlags.Return | InstrFlags.Terminator });

        long expectedAcc = 0;
        for (long k = 0; k < 10; k++) expectedAcc += 3 * k + expectedAcc + 7;
        AllocateAndCheck(f, expectedAcc);
    }

    [TestMethod]
    public void RandomProgramsComputeTheSameBeforeAndAfterAllocation()
    {
        var random = new Random(20261124);
        for (var n = 0; n < 300; n++)
        {
            var f = new MachineFunction("random" + n, Target);
            var b = f.NewBlock();
            var live = new List<MReg>();
            for (var k = 0; k < 3; k++)
            {
                var v = f.NewVirtual(RegisterClass.General);
                b.Add(new MachineInstr(Const, MachineOperand.Def(v), MachineOperand.Imm(random.Next(1, 50))));
                live.Add(v);
            }
            var length = random.Next(5, 60);
            for (var k = 0; k < length; k++)
            {
                var choice = random.Next(10);
                var d = f.NewVirtual(RegisterClass.General);
                if (choice < 5)
                {
                    b.Add(new MachineInstr(Add, MachineOperand.Def(d), MachineOperand.Use(Pick()), MachineOperand.Use(Pick())));
                }
                else if (choice < 7)
                {
                    b.Add(new MachineInstr(Const, MachineOperand.Def(d), MachineOperand.Imm(random.Next(-20, 20))));
                }
                else if (choice < 8)
                {
                    b.Add(MakeCopy(d, Pick()));
                }
                else
                {
                    b.Add(MakeCopy(MReg.Physical(0), Pick()));
                    b.Add(MakeCopy(MReg.Physical(1), Pick()));
                    b.Add(MakeCall());
                    b.Add(MakeCopy(d, MReg.Physical(0)));
                }
                live.Add(d);
            }
            // Fold everything so every value defined matters.
            var total = live[0];
            foreach (var v in live.Skip(1))
            {
                var s = f.NewVirtual(RegisterClass.General);
                b.Add(new MachineInstr(Add, MachineOperand.Def(s), MachineOperand.Use(total), MachineOperand.Use(v)));
                total = s;
            }
            b.Add(new MachineInstr(Ret, MachineOperand.Use(total)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
            var expected = Run(f, seed: 99);
            AllocateAndCheck(f, expected);

            MReg Pick() => live[random.Next(live.Count)];
        }
    }

    [TestMethod]
    public void SpilledConstantsAreRecomputedAtTheirUsesWithoutSlots()
    {
        // The pressure program of MoreLiveValuesThanRegistersSpillAndStayCorrect, with constants rematerialisable.
        var f = PressureProgram("remat");

        var result = AllocateAndCheck(f, Enumerable.Range(0, 20).Sum(i => (long)i * i + 1));
        Assert.IsTrue(result.SpilledRegisters > 0);
        Assert.AreEqual(0, f.FrameObjects.Count(o => o.IsSpill), "constants need no slot");
        var instructions = f.Blocks.SelectMany(x => x.Instructions).ToList();
        Assert.IsFalse(instructions.Any(i => i.Opcode is Load or Store), f.Print(Name));
        Assert.AreEqual(20, instructions.Count(i => i.Opcode == Const), "each spilled constant is written once, just before its use");
        Assert.IsTrue(result.Intervals.Count(i => i.IsRematerialised) >= 20 - 6);
    }

    [TestMethod]
    public void CopiesOfSpilledValuesShareTheirSlotAndCopiesBetweenThemDisappear()
    {
        // base = 1 (not rematerialised here); v_k = base + base ... ; w_k = copy v_k; everything summed at the end.
        var f = new MachineFunction("copies", Target);
        var b = f.NewBlock();
        var baseValue = f.NewVirtual(RegisterClass.General);
        b.Add(new MachineInstr(Const, MachineOperand.Def(baseValue), MachineOperand.Imm(1)));
        var values = new List<MReg>();
        var previous = baseValue;
        for (var k = 0; k < 12; k++)
        {
            var v = f.NewVirtual(RegisterClass.General);
            b.Add(new MachineInstr(Add, MachineOperand.Def(v), MachineOperand.Use(previous), MachineOperand.Use(baseValue)));
            var w = f.NewVirtual(RegisterClass.General);
            b.Add(MakeCopy(w, v));
            values.Add(v);
            values.Add(w);
            previous = v;
        }
        var sum = baseValue;
        foreach (var v in values)
        {
            var s = f.NewVirtual(RegisterClass.General);
            b.Add(new MachineInstr(Add, MachineOperand.Def(s), MachineOperand.Use(sum), MachineOperand.Use(v)));
            sum = s;
        }
        b.Add(new MachineInstr(Ret, MachineOperand.Use(sum)) { Flags = InstrFlags.Return | InstrFlags.Terminator });

        var expected = 1 + 2 * Enumerable.Range(2, 12).Sum(k => (long)k);
        AllocateAndCheck(f, expected, new Spills { Rematerialise = false });
        var slots = f.FrameObjects.Count(o => o.IsSpill);
        Assert.IsTrue(slots is > 0 and <= 13, $"{slots} slots for 13 distinct values (a value and its copy share one)\n" + f.Print(Name));
        Assert.IsFalse(f.Blocks.SelectMany(x => x.Instructions).Any(i => i.Opcode == Copy && i.Operands[0].Register == i.Operands[1].Register));
    }

    [TestMethod]
    public void ValuesUsedInALoopKeepTheirRegistersOverValuesUsedOnlyAfterIt()
    {
        // outer_k used only after the loop; inner_k used in every iteration and after the outer ones, so "spill the
        // interval that ends last" would pick them; the loop-weighted spill cost keeps them in registers.
        var f = new MachineFunction("weights", Target);
        var entry = f.NewBlock();
        var body = f.NewBlock();
        var exit = f.NewBlock();
        entry.Successors.Add(body.Index);
        body.Successors.AddRange(new[] { body.Index, exit.Index });
        MReg Constant(MachineBlock block, long value)
        {
            var v = f.NewVirtual(RegisterClass.General);
            block.Add(new MachineInstr(Const, MachineOperand.Def(v), MachineOperand.Imm(value)));
            return v;
        }
        var outer = Enumerable.Range(0, 6).Select(k => Constant(entry, k + 1)).ToList();
        var inner = Enumerable.Range(0, 3).Select(k => Constant(entry, 10 + k)).ToList();
        var acc = Constant(entry, 0);
        var count = Constant(entry, 0);
        var one = Constant(entry, 1);
        var limit = Constant(entry, 5);
        foreach (var v in inner) body.Add(new MachineInstr(Add, MachineOperand.Def(acc), MachineOperand.Use(acc), MachineOperand.Use(v)));
        body.Add(new MachineInstr(Add, MachineOperand.Def(count), MachineOperand.Use(count), MachineOperand.Use(one)));
        body.Add(new MachineInstr(BranchLess, MachineOperand.Use(count), MachineOperand.Use(limit), MachineOperand.Target(body.Index), MachineOperand.Target(exit.Index)) { Flags = InstrFlags.Terminator });
        foreach (var v in outer.Concat(inner)) exit.Add(new MachineInstr(Add, MachineOperand.Def(acc), MachineOperand.Use(acc), MachineOperand.Use(v)));
        exit.Add(new MachineInstr(Ret, MachineOperand.Use(acc)) { Flags = InstrFlags.Return | InstrFlags.Terminator });

        var result = AllocateAndCheck(f, 5 * (10 + 11 + 12) + 21 + 33, new Spills { Rematerialise = false });
        // 6 registers for 13 values live in the loop: acc, count, one and limit (short, used every iteration) and two
        // of the inner values keep them; every outer value is spilled.
        Assert.IsTrue(inner.Count(v => result.Intervals[v.VirtualIndex].Register is not null) >= 2, "the values used in the loop\n" + f.Print(Name));
        Assert.IsTrue(outer.All(v => result.Intervals[v.VirtualIndex].Register is null), "the values used only after it\n" + f.Print(Name));
    }

    [TestMethod]
    public void RandomLoopsWithReassignedValuesComputeTheSameBeforeAndAfterAllocation()
    {
        // Loop-carried registers written several times, copies (of constants too), calls: every spill form.
        var random = new Random(20261207);
        for (var n = 0; n < 200; n++)
        {
            var f = new MachineFunction("loops" + n, Target);
            var entry = f.NewBlock();
            var body = f.NewBlock();
            var exit = f.NewBlock();
            entry.Successors.Add(body.Index);
            body.Successors.AddRange(new[] { body.Index, exit.Index });
            var (carried, count, one, limit) = RandomLoopEntry(f, entry, random, maxCarried: 8);
            var live = new List<MReg>(carried);
            for (var k = random.Next(3, 40); k > 0; k--)
            {
                var choice = random.Next(12);
                var d = f.NewVirtual(RegisterClass.General);
                if (choice < 4) body.Add(new MachineInstr(Add, MachineOperand.Def(d), MachineOperand.Use(Pick()), MachineOperand.Use(Pick())));
                else if (choice < 6) body.Add(new MachineInstr(Const, MachineOperand.Def(d), MachineOperand.Imm(random.Next(-20, 20))));
                else if (choice < 8) body.Add(MakeCopy(d, Pick()));
                else if (choice < 10)
                {
                    // A loop-carried register written again (by an add or a copy).
                    var c = carried[random.Next(carried.Count)];
                    if (choice == 8) body.Add(new MachineInstr(Add, MachineOperand.Def(c), MachineOperand.Use(c), MachineOperand.Use(Pick())));
                    else body.Add(MakeCopy(c, Pick()));
                    continue;
                }
                else
                {
                    body.Add(MakeCopy(MReg.Physical(0), Pick()));
                    body.Add(MakeCopy(MReg.Physical(1), Pick()));
                    body.Add(MakeCall());
                    body.Add(MakeCopy(d, MReg.Physical(0)));
                }
                live.Add(d);
            }
            body.Add(new MachineInstr(Add, MachineOperand.Def(count), MachineOperand.Use(count), MachineOperand.Use(one)));
            body.Add(new MachineInstr(BranchLess, MachineOperand.Use(count), MachineOperand.Use(limit), MachineOperand.Target(body.Index), MachineOperand.Target(exit.Index)) { Flags = InstrFlags.Terminator });
            var total = f.NewVirtual(RegisterClass.General);
            exit.Add(MakeCopy(total, count));
            foreach (var v in live) exit.Add(new MachineInstr(Add, MachineOperand.Def(total), MachineOperand.Use(total), MachineOperand.Use(v)));
            exit.Add(new MachineInstr(Ret, MachineOperand.Use(total)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
            AllocateAndCheck(f, Run(f, seed: 99), new Spills { Rematerialise = n % 2 == 0 });

            MReg Pick() => live[random.Next(live.Count)];
        }
    }

    /// <summary>The entry of the random loop programs: 2 to <paramref name="maxCarried"/> - 1 loop-carried constants, a
    /// counter from 0, the constant 1 and a trip limit of 1 to 4 (the draws in this order, so a seed gives one program).</summary>
    private static (List<MReg> Carried, MReg Count, MReg One, MReg Limit) RandomLoopEntry(MachineFunction f, MachineBlock entry, Random random, int maxCarried)
    {
        var carried = new List<MReg>();
        for (var k = 0; k < random.Next(2, maxCarried); k++)
        {
            var v = f.NewVirtual(RegisterClass.General);
            entry.Add(new MachineInstr(Const, MachineOperand.Def(v), MachineOperand.Imm(random.Next(-9, 9))));
            carried.Add(v);
        }
        var count = f.NewVirtual(RegisterClass.General);
        var one = f.NewVirtual(RegisterClass.General);
        var limit = f.NewVirtual(RegisterClass.General);
        entry.Add(new MachineInstr(Const, MachineOperand.Def(count), MachineOperand.Imm(0)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(one), MachineOperand.Imm(1)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(limit), MachineOperand.Imm(random.Next(1, 5))));
        return (carried, count, one, limit);
    }

    /// <summary>The slow-path program drawn in <see cref="TemporaryBesideASlowPathCallGetsACallerSavedRegister"/>, its
    /// slow block marked cold when <paramref name="coldSlowPath"/>; with <paramref name="hotCall"/> the join also calls
    /// (a hot call n is live across) and T is that call's result.</summary>
    private static (MachineFunction F, MReg N, MReg T, MachineBlock Slow, long Expected) SlowPathProgram(long value, long limit, bool coldSlowPath, bool hotCall)
    {
        var f = new MachineFunction("slowpath", Target);
        var entry = f.NewBlock();
        var fast = f.NewBlock();
        var slow = f.NewBlock();
        var join = f.NewBlock();
        slow.IsCold = coldSlowPath;
        entry.Successors.AddRange(new[] { fast.Index, slow.Index });
        fast.Successors.Add(join.Index);
        slow.Successors.Add(join.Index);
        var n = f.NewVirtual(RegisterClass.General);
        var l = f.NewVirtual(RegisterClass.General);
        var t = f.NewVirtual(RegisterClass.General);
        var r = f.NewVirtual(RegisterClass.General);
        entry.Add(new MachineInstr(Const, MachineOperand.Def(n), MachineOperand.Imm(value)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(l), MachineOperand.Imm(limit)));
        entry.Add(new MachineInstr(BranchLess, MachineOperand.Use(n), MachineOperand.Use(l), MachineOperand.Target(fast.Index), MachineOperand.Target(slow.Index)) { Flags = InstrFlags.Terminator });
        fast.Add(new MachineInstr(Add, MachineOperand.Def(t), MachineOperand.Use(n), MachineOperand.Use(n)));
        fast.Add(new MachineInstr(Jump, MachineOperand.Target(join.Index)) { Flags = InstrFlags.Terminator });
        slow.Add(MakeCopy(MReg.Physical(0), n));
        slow.Add(MakeCopy(MReg.Physical(1), n));
        slow.Add(MakeCall());
        slow.Add(MakeCopy(t, MReg.Physical(0)));
        slow.Add(new MachineInstr(Jump, MachineOperand.Target(join.Index)) { Flags = InstrFlags.Terminator });
        var expected = value < limit ? 3 * value : 3 * value + value + 7 + value;
        if (hotCall)
        {
            var u = f.NewVirtual(RegisterClass.General);
            join.Add(MakeCopy(MReg.Physical(0), t));
            join.Add(MakeCopy(MReg.Physical(1), t));
            join.Add(MakeCall());
            join.Add(MakeCopy(u, MReg.Physical(0)));
            t = u;
            expected = 4 * (expected - value) + 7 + value;
        }
        join.Add(new MachineInstr(Add, MachineOperand.Def(r), MachineOperand.Use(t), MachineOperand.Use(n)));
        join.Add(new MachineInstr(Ret, MachineOperand.Use(r)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
        return (f, n, t, slow, expected);
    }

    [TestMethod]
    public void ValueLiveAcrossOnlyAColdCallGetsACallerSavedRegisterSavedAroundTheCall()
    {
        foreach (var (value, limit) in new[] { (4L, 10L), (40L, 10L) })
        {
            var (f, n, _, slow, expected) = SlowPathProgram(value, limit, coldSlowPath: true, hotCall: false);
            var result = AllocateAndCheck(f, expected);
            var interval = result.Intervals[n.VirtualIndex];
            Assert.IsFalse(interval.CrossesCall, "n crosses only the cold call");
            Assert.IsTrue(interval.CrossesColdCall);
            var register = interval.Register!.Value;
            Assert.IsTrue(Target.CallerSaved.Contains(register), "n keeps a caller-saved register\n" + f.Print(Name));
            // The cold block: the save right before the call, the restore right after it; no memory traffic elsewhere.
            var code = slow.Instructions;
            var call = code.FindIndex(i => i.Opcode == Call);
            Assert.AreEqual(Store, code[call - 1].Opcode, f.Print(Name));
            Assert.AreEqual(register, code[call - 1].Operands[1].Register.PhysicalNumber);
            Assert.AreEqual(Load, code[call + 1].Opcode, f.Print(Name));
            Assert.AreEqual(register, code[call + 1].Operands[0].Register.PhysicalNumber);
            Assert.AreEqual(code[call - 1].Operands[0].FrameSlotIndex, code[call + 1].Operands[1].FrameSlotIndex);
            Assert.AreEqual(2, f.Blocks.SelectMany(b => b.Instructions).Count(i => i.Opcode is Load or Store), f.Print(Name));
        }
    }

    [TestMethod]
    public void ValueLiveAcrossAHotCallStillNeedsACalleeSavedRegisterWithoutSaves()
    {
        foreach (var (value, limit) in new[] { (4L, 10L), (40L, 10L) })
        {
            var (f, n, _, _, expected) = SlowPathProgram(value, limit, coldSlowPath: true, hotCall: true);
            var result = AllocateAndCheck(f, expected);
            var interval = result.Intervals[n.VirtualIndex];
            Assert.IsTrue(interval.CrossesCall, "n is live across the join's call");
            Assert.IsTrue(Target.CalleeSaved.Contains(interval.Register!.Value), "n lives across a hot call\n" + f.Print(Name));
            Assert.AreEqual(0, f.Blocks.SelectMany(b => b.Instructions).Count(i => i.Opcode is Load or Store), f.Print(Name));
        }
    }

    [TestMethod]
    public void BlocksOnlyColdBlocksReachAreColdForTheAllocatorToo()
    {
        // entry → cold → tail (only from cold) → join; entry → join. The call in tail is a cold call.
        var f = new MachineFunction("coldtail", Target);
        var entry = f.NewBlock();
        var cold = f.NewBlock();
        var tail = f.NewBlock();
        var join = f.NewBlock();
        cold.IsCold = true;
        entry.Successors.AddRange(new[] { join.Index, cold.Index });
        cold.Successors.Add(tail.Index);
        tail.Successors.Add(join.Index);
        var n = f.NewVirtual(RegisterClass.General);
        var l = f.NewVirtual(RegisterClass.General);
        var r = f.NewVirtual(RegisterClass.General);
        entry.Add(new MachineInstr(Const, MachineOperand.Def(n), MachineOperand.Imm(30)));
        entry.Add(new MachineInstr(Const, MachineOperand.Def(l), MachineOperand.Imm(10)));
        entry.Add(new MachineInstr(BranchLess, MachineOperand.Use(n), MachineOperand.Use(l), MachineOperand.Target(join.Index), MachineOperand.Target(cold.Index)) { Flags = InstrFlags.Terminator });
        cold.Add(new MachineInstr(Jump, MachineOperand.Target(tail.Index)) { Flags = InstrFlags.Terminator });
        tail.Add(MakeCopy(MReg.Physical(0), l));
        tail.Add(MakeCopy(MReg.Physical(1), l));
        tail.Add(MakeCall());
        tail.Add(new MachineInstr(Jump, MachineOperand.Target(join.Index)) { Flags = InstrFlags.Terminator });
        join.Add(new MachineInstr(Add, MachineOperand.Def(r), MachineOperand.Use(n), MachineOperand.Use(n)));
        join.Add(new MachineInstr(Ret, MachineOperand.Use(r)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
        var result = AllocateAndCheck(f, 60);
        Assert.IsTrue(tail.IsCold, "tail is reached only from a cold block");
        Assert.IsFalse(result.Intervals[n.VirtualIndex].CrossesCall);
        Assert.IsTrue(Target.CallerSaved.Contains(result.Intervals[n.VirtualIndex].Register!.Value), f.Print(Name));
    }

    [TestMethod]
    public void RandomLoopsWithColdCallsComputeTheSameBeforeAndAfterAllocation()
    {
        // Loops whose body is a chain of diamonds: a hot side that adds, a cold side that calls (and may write a
        // loop-carried value), some hot calls between them. Garbage in clobbered registers (AllocateAndCheck) catches a
        // value kept in a caller-saved register across any call without a save and restore.
        var random = new Random(20261208);
        for (var n = 0; n < 200; n++)
        {
            var f = new MachineFunction("coldloops" + n, Target);
            var entry = f.NewBlock();
            var head = f.NewBlock();
            entry.Successors.Add(head.Index);
            var (carried, count, one, limit) = RandomLoopEntry(f, entry, random, maxCarried: 7);
            entry.Add(new MachineInstr(Jump, MachineOperand.Target(head.Index)) { Flags = InstrFlags.Terminator });
            var live = new List<MReg>(carried);
            var current = head;
            for (var k = random.Next(3, 25); k > 0; k--)
            {
                var choice = random.Next(10);
                var d = f.NewVirtual(RegisterClass.General);
                if (choice < 3) current.Add(new MachineInstr(Add, MachineOperand.Def(d), MachineOperand.Use(Pick()), MachineOperand.Use(Pick())));
                else if (choice < 4) current.Add(MakeCopy(d, Pick()));
                else if (choice < 5) CallInto(current, d);
                else
                {
                    var hot = f.NewBlock();
                    var cold = f.NewBlock();
                    var join = f.NewBlock();
                    cold.IsCold = true;
                    current.Successors.AddRange(new[] { hot.Index, cold.Index });
                    current.Add(new MachineInstr(BranchLess, MachineOperand.Use(Pick()), MachineOperand.Use(Pick()), MachineOperand.Target(hot.Index), MachineOperand.Target(cold.Index)) { Flags = InstrFlags.Terminator });
                    hot.Add(new MachineInstr(Add, MachineOperand.Def(d), MachineOperand.Use(Pick()), MachineOperand.Use(Pick())));
                    hot.Add(new MachineInstr(Jump, MachineOperand.Target(join.Index)) { Flags = InstrFlags.Terminator });
                    hot.Successors.Add(join.Index);
                    CallInto(cold, d);
                    if (random.Next(2) == 0)
                    {
                        var c = carried[random.Next(carried.Count)];
                        cold.Add(new MachineInstr(Add, MachineOperand.Def(c), MachineOperand.Use(c), MachineOperand.Use(d)));
                    }
                    if (random.Next(3) == 0) CallInto(cold, f.NewVirtual(RegisterClass.General));
                    cold.Add(new MachineInstr(Jump, MachineOperand.Target(join.Index)) { Flags = InstrFlags.Terminator });
                    cold.Successors.Add(join.Index);
                    current = join;
                }
                live.Add(d);
            }
            var exit = f.NewBlock();
            current.Add(new MachineInstr(Add, MachineOperand.Def(count), MachineOperand.Use(count), MachineOperand.Use(one)));
            current.Add(new MachineInstr(BranchLess, MachineOperand.Use(count), MachineOperand.Use(limit), MachineOperand.Target(head.Index), MachineOperand.Target(exit.Index)) { Flags = InstrFlags.Terminator });
            current.Successors.AddRange(new[] { head.Index, exit.Index });
            var total = f.NewVirtual(RegisterClass.General);
            exit.Add(MakeCopy(total, count));
            foreach (var v in live) exit.Add(new MachineInstr(Add, MachineOperand.Def(total), MachineOperand.Use(total), MachineOperand.Use(v)));
            exit.Add(new MachineInstr(Ret, MachineOperand.Use(total)) { Flags = InstrFlags.Return | InstrFlags.Terminator });
            AllocateAndCheck(f, Run(f, seed: 99), new Spills { Rematerialise = n % 2 == 0 });

            void CallInto(MachineBlock block, MReg d)
            {
                block.Add(MakeCopy(MReg.Physical(0), Pick()));
                block.Add(MakeCopy(MReg.Physical(1), Pick()));
                block.Add(MakeCall());
                block.Add(MakeCopy(d, MReg.Physical(0)));
            }

            MReg Pick() => live[random.Next(live.Count)];
        }
    }
}
