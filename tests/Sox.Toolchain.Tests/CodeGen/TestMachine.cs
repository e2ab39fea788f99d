using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// A small register machine for testing the target-neutral allocator: 6 allocatable general registers
/// (p0–p2 caller-saved, p3–p5 callee-saved), two scratch registers (p6, p7), arguments in p0/p1, result in p0.
/// The interpreter runs machine IR before allocation (virtual registers) and after (physical registers and
/// spill slots); a call overwrites every caller-saved register with garbage, so a value wrongly kept in one
/// across a call changes the result.
/// </summary>
internal static class TestMachine
{
    public const int Const = 1, Add = 2, Copy = 3, Call = 4, Ret = 5, Load = 6, Store = 7, Jump = 8, BranchLess = 9;

    public static readonly TargetDescription Target = new()
    {
        Name = "test",
        Architecture = TargetArchitecture.X64,
        Convention = CallingConventionKind.SysVAmd64,
        AllocatableGeneral = new[] { 0, 1, 2, 3, 4, 5 },
        AllocatableFloat = Array.Empty<int>(),
        CallerSaved = new HashSet<int> { 0, 1, 2, 6, 7 },
        CalleeSaved = new HashSet<int> { 3, 4, 5 },
        IntegerArguments = new[] { 0, 1 },
        FloatArguments = Array.Empty<int>(),
        IntegerResult = 0,
        FloatResult = 32,
        StackPointer = 30,
        FramePointer = 29,
        ScratchGeneral = new[] { 6, 7 },
        ScratchFloat = Array.Empty<int>(),
        ObjectFormat = ObjectFormat.Elf,
        RegisterName = r => "p" + r,
    };

    public sealed class Spills : ISpillCode
    {
        public MachineInstr Load(int physical, int frameObject) =>
            new(TestMachine.Load, MachineOperand.Def(MReg.Physical(physical)), MachineOperand.Frame(frameObject));

        public MachineInstr Store(int frameObject, int physical) =>
            new(TestMachine.Store, MachineOperand.Frame(frameObject), MachineOperand.Use(MReg.Physical(physical)));

        /// <summary>Whether spilled constants are recomputed at their uses (off: every spilled value gets a slot).</summary>
        public bool Rematerialise { get; init; } = true;

        public bool IsRematerialisable(MachineInstr definition) => Rematerialise && definition.Opcode == Const;

        public MachineInstr? FoldReload(MachineInstr instr, int operand, int frameObject) => null;
    }

    public static MachineInstr MakeCall() => new(Call)
    {
        Flags = InstrFlags.Call,
        ImplicitUses = new[] { 0, 1 },
        ImplicitDefs = new[] { 0 },
        Clobbers = new[] { 0, 1, 2, 6, 7 },
    };

    public static MachineInstr MakeCopy(MReg dst, MReg src) =>
        new(Copy, MachineOperand.Def(dst), MachineOperand.Use(src)) { Flags = InstrFlags.Copy };

    /// <summary>Runs the function; returns the value of the first Ret. Calls return 3*arg0 + arg1 + 7.</summary>
    public static long Run(MachineFunction f, int seed, int maxSteps = 1_000_000)
    {
        var random = new Random(seed);
        var virt = new Dictionary<int, long>();
        var phys = new Dictionary<int, long>();
        var slots = new Dictionary<int, long>();
        var block = 0;
        var steps = 0;
        while (true)
        {
            var next = block + 1;
            foreach (var instr in f.Blocks[block].Instructions)
            {
                if (++steps > maxSteps) throw new InvalidOperationException("runaway");
                var o = instr.Operands;
                switch (instr.Opcode)
                {
                    case Const: Write(o[0].Register, o[1].Value); break;
                    case Add: Write(o[0].Register, Read(o[1].Register) + Read(o[2].Register)); break;
                    case Copy: Write(o[0].Register, Read(o[1].Register)); break;
                    case Load: Write(o[0].Register, slots[o[1].FrameSlotIndex]); break;
                    case Store: slots[o[0].FrameSlotIndex] = Read(o[1].Register); break;
                    case Call:
                        var result = 3 * phys[0] + phys[1] + 7;
                        foreach (var r in instr.Clobbers) phys[r] = random.NextInt64();
                        phys[0] = result;
                        break;
                    case Ret: return Read(o[0].Register);
                    case Jump: next = o[0].BlockIndex; goto endBlock;
                    case BranchLess:
                        next = Read(o[0].Register) < Read(o[1].Register) ? o[2].BlockIndex : o[3].BlockIndex;
                        goto endBlock;
                }
            }
        endBlock:
            block = next;
        }

        long Read(MReg r) => r.IsVirtual ? virt[r.VirtualIndex] : phys[r.PhysicalNumber];

        void Write(MReg r, long v)
        {
            if (r.IsVirtual) virt[r.VirtualIndex] = v;
            else phys[r.PhysicalNumber] = v;
        }
    }

    public static string Name(int opcode) => opcode switch
    {
        Const => "const",
        Add => "add",
        Copy => "copy",
        Call => "call",
        Ret => "ret",
        Load => "load",
        Store => "store",
        Jump => "jump",
        BranchLess => "blt",
        _ => "?",
    };
}
