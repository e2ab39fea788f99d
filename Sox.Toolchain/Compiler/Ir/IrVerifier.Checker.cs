namespace Sox.Compiler.Ir;

public static partial class IrVerifier
{
    private sealed class Checker(IrFunction function)
    {
        private readonly HashSet<BasicBlock> _blocks = new(function.Blocks);
        private readonly HashSet<StackSlot> _slots = new(function.StackSlots);
        private string _where = function.Symbol;

        public List<string> Errors { get; } = new();

        private void Error(string message) => Errors.Add($"{_where}: {message}");

        public void Run()
        {
            CheckSignature();
            if (function.Blocks.Count == 0)
            {
                Error("function has no blocks");
                return;
            }
            if (function.Blocks.Select(b => b.Id).Distinct().Count() != function.Blocks.Count) Error("duplicate block ids");
            foreach (var block in function.Blocks)
            {
                _where = $"{function.Symbol} {block.Label}";
                CheckBlock(block);
            }
            _where = function.Symbol;
            if (function.Blocks.Any(b => b.Successors.Contains(function.Entry))) Error("the entry block has predecessors");
            if (Errors.Count == 0) CheckDefinitions();
        }

        private void CheckSignature()
        {
            foreach (var p in function.Parameters) CheckOwned(p);
            switch (function.Convention)
            {
                case CallingConvention.Sox:
                    if (function.Parameters.Count == 0) Error("a Sox function needs the hidden closure parameter");
                    if (function.Parameters.Any(p => p.Type != IrType.I64)) Error("Sox function parameters must be I64");
                    if (function.ReturnType != IrType.I64) Error("a Sox function returns an I64 value");
                    break;
                case CallingConvention.InvokeThunk:
                    if (function.Parameters.Count != 2 || function.Parameters.Any(p => p.Type != IrType.I64))
                    {
                        Error("an invoke thunk takes (closure, args) as two I64 parameters");
                    }
                    if (function.ReturnType != IrType.I64) Error("an invoke thunk returns an I64 value");
                    break;
            }
        }

        private void CheckBlock(BasicBlock block)
        {
            if (block.Instructions.Count == 0)
            {
                Error("empty block");
                return;
            }
            for (var i = 0; i < block.Instructions.Count; i++)
            {
                var inst = block.Instructions[i];
                var last = i == block.Instructions.Count - 1;
                if (inst.IsTerminator && !last) Error($"terminator {i} is not the last instruction");
                if (last && !inst.IsTerminator) Error("block does not end in a terminator");
                foreach (var target in inst.Successors)
                {
                    if (!_blocks.Contains(target)) Error($"branch to {target.Label}, which is not a block of this function");
                }
                if (inst.Dest is { } d) CheckOwned(d);
                foreach (var u in inst.Uses) CheckOwned(u);
                CheckTypes(inst);
                if (inst is CallInst { NoReturn: true } && (last || block.Instructions[i + 1] is not UnreachableInst))
                {
                    Error("a no-return call must be followed by unreachable");
                }
            }
        }

        private void CheckOwned(VReg r)
        {
            if (r.Id >= function.Registers.Count || !ReferenceEquals(function.Registers[r.Id], r))
            {
                Error($"register {r} does not belong to this function");
            }
        }

        private void Expect(VReg r, IrType type, string role)
        {
            if (r.Type != type) Error($"{role} {r} is {r.Type}, expected {type}");
        }

        private void CheckTypes(Instruction inst)
        {
            const IrType i64 = IrType.I64, f64 = IrType.F64;
            switch (inst)
            {
                case ConstInst:
                    break;
                case CopyInst c:
                    if (c.Dest.Type != c.Source.Type) Error($"copy between {c.Source.Type} and {c.Dest.Type}");
                    break;
                case IntBinaryInst b:
                    Expect(b.Dest, i64, "result"); Expect(b.Left, i64, "operand"); Expect(b.Right, i64, "operand");
                    break;
                case FloatBinaryInst b:
                    Expect(b.Dest, f64, "result"); Expect(b.Left, f64, "operand"); Expect(b.Right, f64, "operand");
                    break;
                case IntCompareInst c:
                    Expect(c.Dest, i64, "result"); Expect(c.Left, i64, "operand"); Expect(c.Right, i64, "operand");
                    break;
                case FloatCompareInst c:
                    Expect(c.Dest, i64, "result"); Expect(c.Left, f64, "operand"); Expect(c.Right, f64, "operand");
                    break;
                case ConvertInst c:
                    var (from, to) = ConvertInst.Signature(c.Kind);
                    Expect(c.Source, from, "operand"); Expect(c.Dest, to, "result");
                    break;
                case LoadInst l:
                    Expect(l.Base, i64, "base");
                    CheckWidth(l.Width, l.Dest.Type);
                    break;
                case StoreInst s:
                    Expect(s.Base, i64, "base");
                    CheckWidth(s.Width, s.Value.Type);
                    break;
                case SymbolAddressInst a:
                    Expect(a.Dest, i64, "result");
                    if (string.IsNullOrEmpty(a.Symbol)) Error("symbol address without a symbol");
                    break;
                case StackSlotAddressInst s:
                    Expect(s.Dest, i64, "result");
                    if (!_slots.Contains(s.Slot)) Error($"stack slot {s.Slot} does not belong to this function");
                    break;
                case CallInst call:
                    CheckCall(call);
                    break;
                case SoxBinaryInst b:
                    Expect(b.Dest, i64, "result"); Expect(b.Left, i64, "operand"); Expect(b.Right, i64, "operand");
                    break;
                case SoxUnaryInst u:
                    Expect(u.Dest, i64, "result"); Expect(u.Operand, i64, "operand");
                    break;
                case SoxTruthyInst t:
                    Expect(t.Dest, i64, "result"); Expect(t.Value, i64, "operand");
                    break;
                case BranchInst b:
                    Expect(b.Condition, i64, "condition");
                    break;
                case CompareBranchInst b:
                    Expect(b.Left, i64, "operand"); Expect(b.Right, i64, "operand");
                    break;
                case FloatCompareBranchInst b:
                    Expect(b.Left, f64, "operand"); Expect(b.Right, f64, "operand");
                    break;
                case BranchTruthyInst b:
                    Expect(b.Value, i64, "operand");
                    break;
                case ReturnInst r:
                    if (r.Value is null && function.ReturnType is not null) Error("return without a value in a function with a result");
                    if (r.Value is not null && function.ReturnType is null) Error("return with a value in a void function");
                    if (r.Value is not null && function.ReturnType is { } rt) Expect(r.Value, rt, "returned value");
                    break;
            }
        }

        private void CheckWidth(int width, IrType type)
        {
            if (width is not (1 or 4 or 8)) Error($"memory access width {width} is not 1, 4 or 8");
            else if (type == IrType.F64 && width != 8) Error("an F64 memory access must be 8 bytes wide");
        }

        private void CheckCall(CallInst call)
        {
            if ((call.Symbol is null) == (call.Target is null)) Error("a call needs exactly one of a symbol or a target register");
            if (call.Symbol is { Length: 0 }) Error("call to an empty symbol");
            if (call.Target is { } t) Expect(t, IrType.I64, "call target");
            if (call.NoReturn && call.Result is not null) Error("a no-return call cannot have a result");
            switch (call.Convention)
            {
                case CallingConvention.Sox:
                    if (call.Arguments.Count == 0) Error("a Sox call needs the closure argument");
                    foreach (var a in call.Arguments) Expect(a, IrType.I64, "Sox argument");
                    if (call.Result is { } r) Expect(r, IrType.I64, "Sox result");
                    break;
                case CallingConvention.InvokeThunk:
                    if (call.Arguments.Count != 2) Error("an invoke thunk call takes (closure, args)");
                    break;
            }
        }

        /// <summary>Forward "maybe defined" dataflow over reachable blocks; a read of a never-defined register is an error.</summary>
        private void CheckDefinitions()
        {
            var reachable = Reachability.Reachable(function);
            var defsIn = new Dictionary<BasicBlock, HashSet<VReg>>();
            foreach (var b in function.Blocks) defsIn[b] = new HashSet<VReg>();
            defsIn[function.Entry].UnionWith(function.Parameters);
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var b in function.Blocks)
                {
                    if (!reachable.Contains(b)) continue;
                    var outSet = new HashSet<VReg>(defsIn[b]);
                    foreach (var inst in b.Instructions)
                    {
                        if (inst.Dest is { } d) outSet.Add(d);
                    }
                    foreach (var s in b.Successors)
                    {
                        var before = defsIn[s].Count;
                        defsIn[s].UnionWith(outSet);
                        if (defsIn[s].Count != before) changed = true;
                    }
                }
            }
            foreach (var b in function.Blocks)
            {
                if (!reachable.Contains(b)) continue;
                _where = $"{function.Symbol} {b.Label}";
                var defined = new HashSet<VReg>(defsIn[b]);
                foreach (var inst in b.Instructions)
                {
                    foreach (var u in inst.Uses)
                    {
                        if (!defined.Contains(u)) Error($"{u} is used but not defined on any path");
                    }
                    if (inst.Dest is { } d) defined.Add(d);
                }
            }
            _where = function.Symbol;
        }
    }
}
