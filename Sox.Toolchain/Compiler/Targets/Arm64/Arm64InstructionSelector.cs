using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Instruction selection for AArch64: one IR function (legalised: no high-level Sox operations left) becomes
/// machine IR over virtual registers, a macro expansion per IR instruction. Every data-processing form is
/// three-address (Arm ARM C6), so no copies are needed around operations; a constant with a single definition
/// becomes an immediate where the instruction has a form for it (ADD/SUB/CMP imm12, logical bitmask immediates,
/// shift amounts). Calls and parameters go through the shared <see cref="CallingConvention"/> (AAPCS64 §6.8.2).
/// </summary>
public sealed partial class Arm64InstructionSelector
{
    private readonly IrFunction _ir;
    private readonly TargetDescription _target;
    private readonly MachineFunction _mf;
    private readonly Dictionary<int, MReg> _vregs = new();
    private readonly Dictionary<BasicBlock, MachineBlock> _blocks = new();
    private readonly Dictionary<StackSlot, int> _slots = new();
    private readonly Dictionary<VReg, long> _constants = new();
    private MachineBlock _current = null!;
    private int _line;

    private Arm64InstructionSelector(IrFunction ir, TargetDescription target)
    {
        _ir = ir;
        _target = target;
        _mf = new MachineFunction(ir.Symbol, target);
    }

    public static MachineFunction Select(IrFunction ir, TargetDescription target) => new Arm64InstructionSelector(ir, target).Run();

    private MachineFunction Run()
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
        RemoveUnusedConstants();
        return _mf;
    }

    /// <summary>
    /// A constant every use of which became an immediate (ADD/CMP imm12, a bitmask) needs no register: its
    /// <c>mov</c> has no side effect, so it is dropped when nothing reads the virtual register it defines.
    /// </summary>
    private void RemoveUnusedConstants()
    {
        var read = new HashSet<int>();
        foreach (var instr in _mf.Blocks.SelectMany(b => b.Instructions))
        {
            foreach (var op in instr.Operands)
            {
                if (op.HasRegister && op.Register.IsVirtual && (op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef))
                    read.Add(op.Register.VirtualIndex);
            }
        }
        foreach (var block in _mf.Blocks)
        {
            block.Instructions.RemoveAll(i => i.Opcode is (int)Arm64Opcode.MovRI or (int)Arm64Opcode.FmovDI
                && i.Operands[0].Register is { IsVirtual: true } d && !read.Contains(d.VirtualIndex));
        }
    }

    private MReg V(VReg r)
    {
        if (!_vregs.TryGetValue(r.Id, out var m))
        {
            m = _mf.NewVirtual(r.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General);
            _vregs[r.Id] = m;
        }
        return m;
    }

    private MachineInstr Emit(Arm64Opcode opcode, params MachineOperand[] operands) => Emit(new MachineInstr((int)opcode, operands));

    private MachineInstr Emit(MachineInstr instr)
    {
        instr.Line = _line;
        _current.Add(instr);
        return instr;
    }

    private void Copy(MReg dst, MReg src)
    {
        var cls = _mf.ClassOf(dst);
        Emit(new MachineInstr((int)(cls == RegisterClass.Float ? Arm64Opcode.FmovRR : Arm64Opcode.MovRR), Def(dst), Use(src)) { Flags = InstrFlags.Copy });
    }

    /// <summary>Constants defined once can be folded into immediates wherever they are used.</summary>
    private void FindSingleDefinitionConstants()
    {
        var defs = new Dictionary<VReg, int>();
        foreach (var instr in _ir.Blocks.SelectMany(b => b.Instructions))
        {
            if (instr.Dest is { } d) defs[d] = defs.GetValueOrDefault(d) + 1;
        }
        foreach (var p in _ir.Parameters) defs[p] = defs.GetValueOrDefault(p) + 1;
        foreach (var instr in _ir.Blocks.SelectMany(b => b.Instructions))
        {
            if (instr is ConstInst c && c.Dest.Type == IrType.I64 && defs[c.Dest] == 1) _constants[c.Dest] = c.Bits;
        }
    }

    private bool TryConstant(VReg r, out long value) => _constants.TryGetValue(r, out value);

    private void LowerParameters()
    {
        var classes = _ir.Convention == Ir.CallingConvention.InvokeThunk
            ? new[] { RegisterClass.General, RegisterClass.General }
            : _ir.Parameters.Select(p => p.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General).ToArray();
        var layout = CodeGen.CallingConvention.Assign(_target, classes);
        for (var i = 0; i < _ir.Parameters.Count; i++)
        {
            var dst = V(_ir.Parameters[i]);
            var loc = layout.Arguments[i];
            if (loc.Register is { } reg) Copy(dst, MReg.Physical(reg));
            else Emit(classes[i] == RegisterClass.Float ? Arm64Opcode.LdrDRM : Arm64Opcode.LdrRM, Def(dst), Incoming(loc.StackOffset));
        }
    }
}
