using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// What instruction selection does the same way on every target: one machine block per IR block (same order,
/// same successors), one frame object per IR stack slot, one virtual register per IR register, constants with a
/// single definition recorded so the target can fold them into immediates, and incoming parameters copied out of
/// the locations the shared <see cref="CallingConvention"/> assigns. A target supplies the opcodes and the
/// selection of each IR instruction (X64InstructionSelector, Arm64InstructionSelector).
/// </summary>
public abstract class InstructionSelector
{
    protected readonly IrFunction _ir;
    protected readonly TargetDescription _target;
    protected readonly MachineFunction _mf;
    protected readonly BlockMap _blocks;
    protected readonly Dictionary<StackSlot, int> _slots = new();
    /// <summary>Per IR register id: its virtual register's index + 1 (0: none yet).</summary>
    private readonly int[] _vregs;
    /// <summary>Per IR register id: the constant bits when <see cref="_isConstant"/>.</summary>
    private readonly long[] _constants;
    private readonly bool[] _isConstant;
    protected MachineBlock _current = null!;
    protected int _line;

    protected InstructionSelector(IrFunction ir, TargetDescription target)
    {
        _ir = ir;
        _target = target;
        _mf = new MachineFunction(ir.Symbol, target);
        _blocks = new BlockMap(ir);
        _vregs = new int[ir.Registers.Count];
        _constants = new long[ir.Registers.Count];
        _isConstant = new bool[ir.Registers.Count];
    }

    /// <summary>The machine block of each IR block, by block id (ids are dense per function).</summary>
    protected sealed class BlockMap
    {
        private readonly MachineBlock?[] _byId;

        public BlockMap(IrFunction ir)
        {
            var maxId = -1;
            foreach (var b in ir.Blocks) maxId = Math.Max(maxId, b.Id);
            _byId = new MachineBlock?[maxId + 1];
        }

        public MachineBlock this[BasicBlock block]
        {
            get => (uint)block.Id < (uint)_byId.Length && _byId[block.Id] is { } m
                ? m
                : throw new KeyNotFoundException($"{block} is not a block of this function");
            set => _byId[block.Id] = value;
        }
    }

    /// <summary>Selects one IR instruction into <see cref="_current"/>.</summary>
    protected abstract void Select(Instruction instruction);

    /// <summary>The register-to-register move of a class (marked as a copy for the allocator's hints).</summary>
    protected abstract int CopyOpcode(RegisterClass cls);

    /// <summary>The load of a class from an incoming stack-argument slot.</summary>
    protected abstract int IncomingLoadOpcode(RegisterClass cls);

    /// <summary>A last look at the whole machine function (peepholes); nothing by default.</summary>
    protected virtual void Finish()
    {
    }

    protected MachineFunction Run()
    {
        FindSingleDefinitionConstants();
        foreach (var block in _ir.Blocks) _blocks[block] = _mf.NewBlock();
        foreach (var slot in _ir.StackSlots) _slots[slot] = _mf.NewFrameObject(slot.Size, Math.Max(8, slot.Alignment), isSpill: false);

        _current = _blocks[_ir.Entry];
        LowerParameters();
        foreach (var block in _ir.Blocks)
        {
            _current = _blocks[block];
            foreach (var succ in block.Successors) _current.Successors.Add(_blocks[succ].Index);
            foreach (var instr in block.Instructions)
            {
                _line = instr.Line;
                Select(instr);
            }
        }
        Finish();
        return _mf;
    }

    protected MReg V(VReg r)
    {
        var index = _vregs[r.Id] - 1;
        if (index >= 0) return MReg.Virtual(index);
        var m = _mf.NewVirtual(r.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General);
        _vregs[r.Id] = m.VirtualIndex + 1;
        return m;
    }

    protected MachineInstr Emit(MachineInstr instr)
    {
        instr.Line = _line;
        _current.Add(instr);
        return instr;
    }

    protected void Copy(MReg dst, MReg src) =>
        Emit(new MachineInstr(CopyOpcode(_mf.ClassOf(dst)), Def(dst), Use(src)) { Flags = InstrFlags.Copy });

    /// <summary>The value of an I64 register defined once, by a constant.</summary>
    protected bool TryConstant(VReg r, out long value)
    {
        var known = _isConstant[r.Id];
        value = known ? _constants[r.Id] : 0;
        return known;
    }

    /// <summary>Constants defined once can be folded into immediates wherever they are used.</summary>
    private void FindSingleDefinitionConstants()
    {
        var defs = new int[_ir.Registers.Count];
        foreach (var block in _ir.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr.Dest is { } d) defs[d.Id]++;
            }
        }
        foreach (var p in _ir.Parameters) defs[p.Id]++;
        foreach (var block in _ir.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConstInst c && c.Dest.Type == IrType.I64 && defs[c.Dest.Id] == 1)
                {
                    _constants[c.Dest.Id] = c.Bits;
                    _isConstant[c.Dest.Id] = true;
                }
            }
        }
    }

    private void LowerParameters()
    {
        var classes = _ir.Convention == Ir.CallingConvention.InvokeThunk
            ? new[] { RegisterClass.General, RegisterClass.General }
            : _ir.Parameters.Select(p => p.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General).ToArray();
        var layout = CallingConvention.Assign(_target, classes, widths: _ir.ParameterWidths);
        for (var i = 0; i < _ir.Parameters.Count; i++)
        {
            var dst = V(_ir.Parameters[i]);
            var loc = layout.Arguments[i];
            if (loc.Register is { } reg) Copy(dst, MReg.Physical(reg));
            else Emit(new MachineInstr(IncomingLoadOpcode(classes[i]), Def(dst), Incoming(loc.StackOffset)));
        }
    }
}
