using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;
using static Sox.Compiler.CodeGen.Mir.MachineOperand;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// What instruction selection does the same way on every target: one machine block per IR block (same order,
/// same successors), one frame object per IR stack slot, one virtual register per IR register, constants with a
/// single definition recorded so the target can fold them into immediates, and incoming parameters copied out of
/// the locations the shared <see cref="CallingConvention"/> assigns; calls and returns are marshalled here too,
/// from the <see cref="CallLayout"/>. A target supplies the opcodes and the selection of every other IR instruction
/// (X64InstructionSelector, Arm64InstructionSelector).
/// </summary>
public abstract class InstructionSelector
{
    /// <summary>The function being selected.</summary>
    protected readonly IrFunction _ir;
    /// <summary>The target it is selected for.</summary>
    protected readonly TargetDescription _target;
    /// <summary>The machine function being built.</summary>
    protected readonly MachineFunction _mf;
    /// <summary>The machine block of each IR block.</summary>
    protected readonly BlockMap _blocks;
    /// <summary>The frame object of each IR stack slot.</summary>
    protected readonly Dictionary<StackSlot, int> _slots = new();
    /// <summary>Per IR register id: its virtual register's index + 1 (0: none yet).</summary>
    private readonly int[] _vregs;
    /// <summary>Per IR register id: the constant bits when <see cref="_isConstant"/>.</summary>
    private readonly long[] _constants;
    private readonly bool[] _isConstant;
    /// <summary>Per IR register id: a constant every use of which materialises it itself (<see cref="IsRematerialised"/>).</summary>
    private readonly bool[] _rematerialised;
    /// <summary>The block instructions are emitted into.</summary>
    protected MachineBlock _current = null!;
    /// <summary>The source line of the IR instruction being selected (stamped on what <see cref="Emit"/> adds).</summary>
    protected int _line;

    /// <summary>The source column of the IR instruction being selected (0: unknown), stamped like <see cref="_line"/>.</summary>
    private int _column;

    /// <summary>A selector of <paramref name="ir"/> for <paramref name="target"/>; <see cref="Run"/> does the work.</summary>
    protected InstructionSelector(IrFunction ir, TargetDescription target)
    {
        _ir = ir;
        _target = target;
        _mf = new MachineFunction(ir.Symbol, target);
        // Selection makes a virtual register per IR register and temporaries beside them: room for both up front.
        _mf.VirtualRegisters.Capacity = ir.Registers.Count * 3 / 2 + 8;
        _blocks = new BlockMap(ir);
        _vregs = new int[ir.Registers.Count];
        _constants = new long[ir.Registers.Count];
        _isConstant = new bool[ir.Registers.Count];
        _rematerialised = new bool[ir.Registers.Count];
    }

    /// <summary>The machine block of each IR block, by block id (ids are dense per function).</summary>
    protected sealed class BlockMap
    {
        private readonly MachineBlock?[] _byId;

        /// <summary>An empty map sized for the block ids of <paramref name="ir"/>.</summary>
        public BlockMap(IrFunction ir)
        {
            var maxId = -1;
            foreach (var b in ir.Blocks) maxId = Math.Max(maxId, b.Id);
            _byId = new MachineBlock?[maxId + 1];
        }

        /// <summary>The machine block of <paramref name="block"/>.</summary>
        public MachineBlock this[BasicBlock block]
        {
            get => (uint)block.Id < (uint)_byId.Length && _byId[block.Id] is { } m
                ? m
                : throw new KeyNotFoundException($"{block} is not a block of this function");
            set => _byId[block.Id] = value;
        }
    }

    /// <summary>The integer constant (doubles: its bits) into its register.</summary>
    protected abstract void SelectConst(ConstInst c);

    /// <summary>An integer operation.</summary>
    protected abstract void SelectIntBinary(IntBinaryInst b);

    /// <summary>A floating-point operation.</summary>
    protected abstract void SelectFloatBinary(FloatBinaryInst f);

    /// <summary>An integer comparison producing 0 or 1.</summary>
    protected abstract void SelectIntCompare(IntCompareInst c);

    /// <summary>A floating-point comparison producing 0 or 1 (false on unordered operands except for Ne).</summary>
    protected abstract void SelectFloatCompare(FloatCompareInst c);

    /// <summary>A conversion between integers, doubles and singles, or a reinterpretation of bits.</summary>
    protected abstract void SelectConvert(ConvertInst c);

    /// <summary>A load of 1, 4 or 8 bytes (zero-extended) or of a double.</summary>
    protected abstract void SelectLoad(LoadInst l);

    /// <summary>A store of 1, 4 or 8 bytes or of a double.</summary>
    protected abstract void SelectStore(StoreInst s);

    /// <summary>The address of a symbol plus an addend.</summary>
    protected abstract void SelectSymbolAddress(SymbolAddressInst s);

    /// <summary>The address of an IR stack slot (a frame object, <see cref="_slots"/>).</summary>
    protected abstract void SelectStackSlotAddress(StackSlotAddressInst s);

    /// <summary>An unconditional jump (a terminator).</summary>
    protected abstract void SelectJump(JumpInst j);

    /// <summary>A branch on a value being non-zero (terminators).</summary>
    protected abstract void SelectBranch(BranchInst b);

    /// <summary>A branch on an integer comparison (terminators).</summary>
    protected abstract void SelectCompareBranch(CompareBranchInst c);

    /// <summary>A branch on a floating-point comparison (terminators).</summary>
    protected abstract void SelectFloatCompareBranch(FloatCompareBranchInst f);

    /// <summary>A trap for code that cannot be reached (a terminator).</summary>
    protected abstract void SelectUnreachable(UnreachableInst u);

    /// <summary>
    /// The double with <paramref name="bits"/> into <paramref name="dest"/> (a float register); by default through a
    /// general register. Targets override it with their cheaper forms (a literal pool, an FMOV immediate).
    /// </summary>
    protected virtual void SelectFloatConstant(MReg dest, long bits)
    {
        var general = _mf.NewVirtual(RegisterClass.General);
        Emit(new MachineInstr(ConstantOpcode, Def(general), Imm(bits)));
        Emit(new MachineInstr(BitsMoveOpcode(RegisterClass.Float), Def(dest), Use(general)));
    }

    /// <summary>The register-to-register move of a class (marked as a copy for the allocator's hints).</summary>
    protected abstract int CopyOpcode(RegisterClass cls);

    /// <summary>The load of a class from an incoming stack-argument slot.</summary>
    protected abstract int IncomingLoadOpcode(RegisterClass cls);

    /// <summary>The store of an outgoing stack argument of a class and C width (1, 4 or 8 bytes) to its slot.</summary>
    protected abstract int OutgoingStoreOpcode(RegisterClass cls, int width);

    /// <summary>The move of the 64 bits of a register of the other class into one of <paramref name="destination"/> (operands: Def, Use).</summary>
    protected abstract int BitsMoveOpcode(RegisterClass destination);

    /// <summary>The load of a 64-bit constant into a general register (operands: Def, Imm).</summary>
    protected abstract int ConstantOpcode { get; }

    /// <summary>The call to a symbol (operand: Sym) or, when <paramref name="indirect"/>, through a register (operand: Use).</summary>
    protected abstract int CallOpcode(bool indirect);

    /// <summary>The return; the emitter puts the epilogue before it.</summary>
    protected abstract int ReturnOpcode { get; }

    /// <summary>A last look at the whole machine function (peepholes); nothing by default.</summary>
    protected virtual void Finish()
    {
    }

    /// <summary>Selects the whole function: blocks, frame objects, parameters, every instruction, then <see cref="Finish"/>.</summary>
    protected MachineFunction Run()
    {
        FindSingleDefinitionConstants();
        // Room for about two machine instructions per IR instruction, so a block's list rarely grows (each growth
        // copies it and leaves the old array as garbage; a module's top level has tens of thousands of instructions).
        foreach (var block in _ir.Blocks) _blocks[block] = _mf.NewBlock(2 * block.Instructions.Count + 2);
        foreach (var slot in _ir.StackSlots) _slots[slot] = _mf.NewFrameObject(slot.Size, Math.Max(8, slot.Alignment), isSpill: false);

        // The home area is reserved even without calls, so the out-of-line call of the stack-overflow handler
        // finds it too (Microsoft x64; nothing elsewhere).
        _mf.OutgoingArgumentBytes = _target.HomeAreaBytes;
        _current = _blocks[_ir.Entry];
        LowerParameters();
        foreach (var block in _ir.Blocks)
        {
            _current = _blocks[block];
            _current.IsCold = IsCold(block);
            foreach (var succ in block.Successors) _current.Successors.Add(_blocks[succ].Index);
            foreach (var instr in block.Instructions)
            {
                _line = instr.Line;
                _column = instr.Column;
                Select(instr);
            }
        }
        Finish();
        foreach (var variable in _ir.DebugVariables)
        {
            var index = _vregs[variable.Register.Id] - 1;
            _mf.DebugVariables.Add(new MachineDebugVariable(variable, index >= 0 ? MReg.Virtual(index) : null));
        }
        return _mf;
    }

    /// <summary>
    /// The runtime functions that are the slow path of an inline fast path: NumberFastPaths' arithmetic and comparisons
    /// on values that failed a tag test, and the misses of the inline caches (a property read's shape guard failed, an
    /// invoke cache's probe found no entry, an inlined method's cache is being filled, a <c>super</c> method looked up).
    /// Not <c>sox_set_property_cached</c>: a store that adds a field (every one in an <c>init</c>) takes that path each time.
    /// A block calling one is cold for <see cref="BlockLayout"/> and the register allocator (spill weights, and values
    /// live across only cold calls keep caller-saved registers, saved around those calls).
    /// </summary>
    private static readonly HashSet<string> s_slowPaths =
    [
        RuntimeFunctions.Add, RuntimeFunctions.Subtract, RuntimeFunctions.Multiply, RuntimeFunctions.Divide,
        RuntimeFunctions.Modulo, RuntimeFunctions.Less, RuntimeFunctions.LessEqual, RuntimeFunctions.Greater,
        RuntimeFunctions.GreaterEqual, RuntimeFunctions.Negate, RuntimeFunctions.Equal, RuntimeFunctions.NotEqual,
        RuntimeFunctions.GetPropertyCached, RuntimeFunctions.InvokeLookup,
        RuntimeFunctions.InvokeCached, RuntimeFunctions.InlinedMethodFill, RuntimeFunctions.SuperLookup,
    ];

    /// <summary>A block that ends in a trap (after a call that does not return: a runtime error), calls a runtime slow
    /// path, or that the pass which made it marked cold (<see cref="BasicBlock.IsCold"/>).</summary>
    private static bool IsCold(BasicBlock block)
    {
        if (block.IsCold || block.Terminator is UnreachableInst) return true;
        foreach (var instr in block.Instructions)
        {
            if (instr is CallInst { Symbol: { } symbol } && s_slowPaths.Contains(symbol)) return true;
        }
        return false;
    }

    /// <summary>Selects one IR instruction into <see cref="_current"/>: the target's part, or a copy, call or return.</summary>
    private void Select(Instruction instruction)
    {
        switch (instruction)
        {
            case ConstInst c:
                if (!_rematerialised[c.Dest.Id]) SelectConst(c);
                break;
            case CopyInst c: Copy(V(c.Dest), V(c.Source)); break;
            case IntBinaryInst b: SelectIntBinary(b); break;
            case FloatBinaryInst f: SelectFloatBinary(f); break;
            case IntCompareInst c: SelectIntCompare(c); break;
            case FloatCompareInst c: SelectFloatCompare(c); break;
            case ConvertInst { Kind: ConvertKind.BitsToFloat } c when _rematerialised[c.Source.Id]:
                SelectFloatConstant(V(c.Dest), _constants[c.Source.Id]);
                break;
            case ConvertInst c: SelectConvert(c); break;
            case LoadInst l: SelectLoad(l); break;
            case StoreInst s: SelectStore(s); break;
            case SymbolAddressInst s: SelectSymbolAddress(s); break;
            case StackSlotAddressInst s: SelectStackSlotAddress(s); break;
            case CallInst c: SelectCall(c); break;
            case JumpInst j: SelectJump(j); break;
            case BranchInst b: SelectBranch(b); break;
            case CompareBranchInst c: SelectCompareBranch(c); break;
            case FloatCompareBranchInst f: SelectFloatCompareBranch(f); break;
            case ReturnInst r: SelectReturn(r); break;
            case UnreachableInst u: SelectUnreachable(u); break;
            default:
                throw new InvalidOperationException($"instruction selection got {instruction.GetType().Name}; legalisation must remove it first");
        }
    }

    /// <summary>The virtual register of IR register <paramref name="r"/> (created on first use, of its class).</summary>
    protected MReg V(VReg r)
    {
        var index = _vregs[r.Id] - 1;
        if (index >= 0) return MReg.Virtual(index);
        var m = _mf.NewVirtual(r.Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General);
        _vregs[r.Id] = m.VirtualIndex + 1;
        return m;
    }

    /// <summary>Appends <paramref name="instr"/> to <see cref="_current"/> with the current source line.</summary>
    protected MachineInstr Emit(MachineInstr instr)
    {
        instr.Line = _line;
        instr.Column = _column;
        _current.Add(instr);
        return instr;
    }

    /// <summary>A register-to-register move of <paramref name="dst"/>'s class, marked as a copy for the allocator's hints.</summary>
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
                    _rematerialised[c.Dest.Id] = true;
                }
            }
        }

        // Debugging information names the registers of variables: those keep their definitions.
        foreach (var variable in _ir.DebugVariables) _rematerialised[variable.Register.Id] = false;

        // A constant used only as a call argument or as the bits of a double is materialised at each such use
        // (a call's argument register is set right before the call, a double comes from the target's cheapest
        // form), so a fast path does not compute the arguments of the slow path's call beside it and no register
        // holds the constant in between.
        foreach (var block in _ir.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                switch (instr)
                {
                    case ConstInst:
                        break;
                    case ConvertInst { Kind: ConvertKind.BitsToFloat }:
                        break;
                    case CallInst call:
                        if (call.Target is { } target) _rematerialised[target.Id] = false;
                        break;
                    default:
                        // Indexed, not foreach: an enumerator of the interface would be allocated per instruction.
                        var uses = instr.Uses;
                        for (var k = 0; k < uses.Count; k++) _rematerialised[uses[k].Id] = false;
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Whether the single-definition constant <paramref name="r"/> is only used where its uses materialise it
    /// (call arguments through <see cref="Value"/>, conversions to a double), so its own definition emits nothing.
    /// </summary>
    protected bool IsRematerialised(VReg r) => _rematerialised[r.Id];

    /// <summary>The virtual register holding <paramref name="r"/> here: for a rematerialised constant a new one, loaded now.</summary>
    protected MReg Value(VReg r)
    {
        if (!_rematerialised[r.Id]) return V(r);
        var m = _mf.NewVirtual(RegisterClass.General);
        Emit(new MachineInstr(ConstantOpcode, Def(m), Imm(_constants[r.Id])));
        return m;
    }

    private void LowerParameters()
    {
        RegisterClass[] classes;
        if (_ir.Convention == Ir.CallingConvention.InvokeThunk) classes = [RegisterClass.General, RegisterClass.General];
        else
        {
            // A loop, not LINQ: Select over the compiler's enum is framework code ReadyToRun cannot precompile.
            classes = new RegisterClass[_ir.Parameters.Count];
            for (var i = 0; i < classes.Length; i++) classes[i] = _ir.Parameters[i].Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General;
        }
        var layout = CallingConvention.Assign(_target, classes, widths: _ir.ParameterWidths);
        for (var i = 0; i < _ir.Parameters.Count; i++)
        {
            var dst = V(_ir.Parameters[i]);
            var loc = layout.Arguments[i];
            if (loc.Register is { } reg) Copy(dst, MReg.Physical(reg));
            else Emit(new MachineInstr(IncomingLoadOpcode(classes[i]), Def(dst), Incoming(loc.StackOffset)));
        }
    }

    /// <summary>
    /// A call, as its <see cref="CallLayout"/> says: stack arguments stored into the outgoing area (kept at the
    /// bottom of the frame, <see cref="FrameLayout"/>), register arguments copied into their registers (and into
    /// <see cref="ArgumentLocation.AlsoInRegister"/>), the convention's implicit arguments loaded, then the call, which reads those registers, writes both result
    /// registers and clobbers the caller-saved set; the result is copied out of its register.
    /// </summary>
    private void SelectCall(CallInst c)
    {
        var classes = new RegisterClass[c.Arguments.Count];
        for (var i = 0; i < classes.Length; i++) classes[i] = c.Arguments[i].Type == IrType.F64 ? RegisterClass.Float : RegisterClass.General;
        var layout = CallingConvention.Assign(_target, classes, c.FixedArgumentCount, c.ArgumentWidths);
        _mf.OutgoingArgumentBytes = Math.Max(_mf.OutgoingArgumentBytes, layout.StackBytes);

        // The call target is read after the argument registers are set, so keep it in a virtual register the
        // allocator keeps apart from them.
        var target = c.Target is { } t ? V(t) : default;
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            if (layout.Arguments[i] is { OnStack: true } at)
                Emit(new MachineInstr(OutgoingStoreOpcode(classes[i], at.Width), Outgoing(at.StackOffset), Use(Value(c.Arguments[i]))));
        }
        // The registers the call reads, counted first so that the array is allocated once at its size.
        var registerCount = layout.ImplicitArguments.Count;
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            if (layout.Arguments[i].Register is not null) registerCount++;
            if (layout.Arguments[i].AlsoInRegister is not null) registerCount++;
        }
        var argumentRegisters = registerCount == 0 ? Array.Empty<int>() : new int[registerCount];
        var used = 0;
        for (var i = 0; i < c.Arguments.Count; i++)
        {
            if (layout.Arguments[i].Register is { } reg)
            {
                Copy(MReg.Physical(reg), Value(c.Arguments[i]));
                argumentRegisters[used++] = reg;
            }
            if (layout.Arguments[i].AlsoInRegister is { } also)
            {
                Emit(new MachineInstr(BitsMoveOpcode(TargetDescription.ClassOf(also)), Def(MReg.Physical(also)), Use(Value(c.Arguments[i]))));
                argumentRegisters[used++] = also;
            }
        }
        for (var k = 0; k < layout.ImplicitArguments.Count; k++)
        {
            var (register, value) = layout.ImplicitArguments[k];
            var constant = _mf.NewVirtual(RegisterClass.General);
            Emit(new MachineInstr(ConstantOpcode, Def(constant), Imm(value)));
            Copy(MReg.Physical(register), constant);
            argumentRegisters[used++] = register;
        }
        var resultRegister = c.Result is { Type: IrType.F64 } ? _target.FloatResult : _target.IntegerResult;
        var operands = c.Symbol is { } symbol ? new[] { Sym(symbol) } : new[] { Use(target) };
        Emit(new MachineInstr(CallOpcode(indirect: c.Symbol is null), operands)
        {
            Flags = InstrFlags.Call,
            ImplicitUses = argumentRegisters,
            ImplicitDefs = _callResults ??= [_target.IntegerResult, _target.FloatResult],
            Clobbers = _target.CallerSaved,
        });
        if (c.Result is { } result) Copy(V(result), MReg.Physical(resultRegister));
    }

    /// <summary>The registers every call writes (its results), one array shared by the function's calls (read only).</summary>
    private int[]? _callResults;

    /// <summary>A return: the value, if any, copied into its result register, which the return then reads.</summary>
    private void SelectReturn(ReturnInst r)
    {
        var uses = Array.Empty<int>();
        if (r.Value is { } value)
        {
            var reg = value.Type == IrType.F64 ? _target.FloatResult : _target.IntegerResult;
            Copy(MReg.Physical(reg), V(value));
            uses = new[] { reg };
        }
        Emit(new MachineInstr(ReturnOpcode) { Flags = InstrFlags.Return | InstrFlags.Terminator, ImplicitUses = uses });
    }
}
