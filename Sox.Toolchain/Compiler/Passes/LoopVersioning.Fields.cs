using System.Buffers.Binary;
using System.Text;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Fields of invariant receivers in registers across the fast copy (scalar replacement; issue 15, the <c>methods</c>
/// benchmark's <c>this.count = this.count + x * this.step</c>).
/// <para><b>Which accesses.</b> Loads and stores of the copy at an invariant address <c>obj + [cache+k]</c> where the
/// cached offset is one of an inlined method's <c>SoxInlinedMethodCache</c> offsets (sox_runtime.h), whose field name
/// the module's data gives (<see cref="FieldNames"/>). Such an access is keyed by (the receiver's root register, the
/// field's name) — <see cref="SlotKey"/>. Two keys with the same root and different names are different slots:
/// <c>sox_inlined_method_fill</c> and <c>sox_method_entry_fill</c> (Sox.Sdk/runtime/sox_cache.c) write all of a
/// cache's offsets in one go for one shape, as <c>FIELD_OFFSET(sox_shape_find(shape, name))</c>, and
/// <c>sox_shape_find</c> (sox_shape.c) returns <c>count - 1</c> of the shape-chain node holding that name, one node per
/// slot, so distinct names (the compiler gives each cache distinct names: MethodInlining.Body.cs <c>ThisFields</c>)
/// get distinct offsets; the same name in two caches checked against one receiver's shape gets the same offset.</para>
/// <para><b>Checked at run time, not assumed.</b> Registers are not SSA (docs/ir.md), so "same root register" is a
/// good guess, not a proof that two receivers are one object. So the check chain also compares the addresses
/// themselves, once: every address of one slot equal to the slot's first, every promoted slot's address different
/// from every other slot's, and a field load moved to the chain (because no store of the copy writes that field)
/// different from each field store's address. Field slots are 8 bytes at 8-aligned addresses (<c>+32 + 8·slot</c>
/// of an 8-aligned instance, runtime-abi.md "Layouts"), so two of them either coincide or do not overlap, and equal
/// or different addresses settle aliasing exactly. A failed compare is a failed check: the original loop runs.</para>
/// <para><b>Promotion.</b> A slot the copy stores is carried in a register through the copy when every other heap
/// access of the copy is a header load (below <c>+32</c>), module data, or a keyed access of the same receiver
/// (the receiver through another variable is another root: then nothing is promoted and the loop keeps its memory
/// accesses). The chain loads it once after all guards (its loads were safe there: each access is dominated only
/// by hoisted guards, the same rule as for moved loads); the copy's loads become copies of the register and its
/// stores copies into it; and every way out of the copy — the loop's exits, every side exit into the original loop
/// and every return — stores it back first, so the original loop and everything after it see memory exactly as
/// without this pass. When everything the copy stores there is a number (<c>f64_to_bits</c>), the chain also tests
/// that the loaded value is a number and passes it through <c>bits_to_f64</c>/<c>f64_to_bits</c>, so the register is
/// a number throughout: the copy's tag tests of it are folded and <c>unbox</c> keeps it in a float register.</para>
/// <para><b>The GC.</b> A carried value that is not proven a number may be a pointer that lives only in a register
/// while the copy runs. That is safe because the copy holds no call and no allocation (<see cref="CanCopy"/>), so no
/// collection can happen between the chain's load and the store back; <see cref="Planner"/> refuses to promote in a
/// copy holding a call, should that ever change.</para>
/// </summary>
internal sealed partial class LoopVersioning : IModuleAnalysis
{
    private FieldNames _fieldNames = FieldNames.None;

    /// <summary>Reads the field names of the module's inlined-method caches (see the class summary).</summary>
    public void Prepare(IrModule module) => _fieldNames = FieldNames.Of(module);

    /// <summary>The field name each offset word of the module's <c>SoxInlinedMethodCache</c>s is for.</summary>
    internal sealed class FieldNames
    {
        /// <summary>No caches: nothing is promoted.</summary>
        public static readonly FieldNames None = new(new Dictionary<(string, long), string>());

        private readonly Dictionary<(string Symbol, long Offset), string> _names;

        private FieldNames(Dictionary<(string, long), string> names) => _names = names;

        /// <summary>True when the module has no inlined-method cache.</summary>
        public bool IsEmpty => _names.Count == 0;

        /// <summary>The field name whose byte offset the cache word at <paramref name="symbol"/>+<paramref name="offset"/>
        /// holds, or null when that word is not such an offset.</summary>
        public string? At(string symbol, long offset) => _names.GetValueOrDefault((symbol, offset));

        /// <summary>
        /// Walks the inline.methods pass's cache item (<c>sox_inlined_&lt;module&gt;</c>, MethodInlining.Prepare): caches
        /// laid end to end, each <c>CacheSlotsOffset</c> bytes of header, then <c>count</c> name pointers (relocations to
        /// static string objects), then <c>count</c> offset words. A name is read from its string object's bytes
        /// (StringTable: length at +8, UTF-8 from +16), so two names compare by content, as <c>sox_shape_find</c> does.
        /// </summary>
        public static FieldNames Of(IrModule module)
        {
            var symbol = $"sox_inlined_{module.Name}";
            DataItem? caches = null;
            foreach (var item in module.Data)
            {
                if (item.Symbol == symbol) caches = item;
            }
            if (caches is null) return None;
            var pointers = new Dictionary<int, string>();
            foreach (var r in caches.Relocations)
            {
                if (r.Addend == 0) pointers[r.Offset] = r.Symbol;
            }
            var strings = new Dictionary<string, string>();
            foreach (var item in module.Data)
            {
                if (item.Kind != DataKind.StringObject || item.Bytes.Length < 16) continue;
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(item.Bytes.AsSpan(8));
                if (length <= item.Bytes.Length - 16) strings[item.Symbol] = Encoding.UTF8.GetString(item.Bytes, 16, length);
            }
            var names = new Dictionary<(string, long), string>();
            var bytes = caches.Bytes;
            var at = 0;
            while (at + MethodInlining.CacheSlotsOffset <= bytes.Length)
            {
                var count = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + MethodInlining.CacheCountOffset));
                if (count < 0 || at + MethodInlining.CacheSlotsOffset + 16 * count > bytes.Length) break;
                for (var i = 0; i < (int)count; i++)
                {
                    if (pointers.TryGetValue(at + MethodInlining.CacheSlotsOffset + 8 * i, out var nameSymbol) && strings.TryGetValue(nameSymbol, out var name))
                    {
                        names[(symbol, at + MethodInlining.CacheOffsetOf((int)count, i))] = name;
                    }
                }
                at += MethodInlining.CacheSlotsOffset + 16 * (int)count;
            }
            return names.Count == 0 ? None : new FieldNames(names);
        }
    }

    /// <summary>A field of a receiver: the register the receiver's value comes from (through copies), the mask
    /// applied to it (<c>and r, 0x0000ffffffffffff</c>; 0 for none) and the field's name.</summary>
    internal readonly record struct SlotKey(VReg Root, long Mask, string Name);

    /// <summary>A field carried in a register through the copy: an address of it (assigned before the copy),
    /// the copy's loads and stores of it, and whether the chain tests that it is a number.</summary>
    internal sealed class Promotion(VReg address)
    {
        /// <summary>An invariant address of the field (the chain loads it, the exits store it back).</summary>
        public VReg Address { get; } = address;

        /// <summary>The copy's loads and stores of the field.</summary>
        public List<Instruction> Accesses { get; } = new();

        /// <summary>The registers holding the field's address in the copy (compared equal in the chain).</summary>
        public List<VReg> Addresses { get; } = new();

        /// <summary>True when the chain tests the loaded value is a number (everything stored is one).</summary>
        public bool Number { get; set; }
    }

    /// <summary>The check chain's address compares: <c>Left == Right</c> when <c>Equal</c>, else <c>Left != Right</c>.</summary>
    internal readonly record struct AliasCheck(VReg Left, VReg Right, bool Equal);

    /// <summary>
    /// Adds the plan's address compares and the promoted fields' loads to the end of the check chain (after every
    /// hoisted guard, so each load runs only where the copy's first access could); returns each field's address and
    /// the register carrying it through the copy.
    /// </summary>
    private static Dictionary<Promotion, (VReg Address, VReg Value)> CarryFields(IrFunction function, Plan plan, Func<VReg, VReg> r,
        ref BasicBlock check, Func<string?, BasicBlock> newCheck, BasicBlock slowEntry, int line, int column)
    {
        var carried = new Dictionary<Promotion, (VReg, VReg)>();
        if (plan.Promotions.Count == 0 && plan.AliasChecks.Count == 0) return carried;
        var at = check;
        void Add(Instruction inst)
        {
            inst.Column = column;
            at.Instructions.Add(inst);
        }
        void Test(IntCondition condition, VReg left, VReg right)
        {
            var next = newCheck("version_check");
            Add(new CompareBranchInst(condition, left, right, next, slowEntry, line));
            at = next;
        }
        foreach (var c in plan.AliasChecks) Test(c.Equal ? IntCondition.Eq : IntCondition.Ne, r(c.Left), r(c.Right));
        foreach (var p in plan.Promotions)
        {
            var address = r(p.Address);
            var value = function.NewRegister(IrType.I64, "field");
            if (p.Number)
            {
                // A number test as lowering writes it ((v & Qnan) != Qnan), then the value through a float register:
                // every assignment of the carried register is then a number (FloatRegisters' rule for unboxing it).
                var raw = function.NewRegister(IrType.I64);
                var qnan = function.NewRegister(IrType.I64);
                var tag = function.NewRegister(IrType.I64);
                var number = function.NewRegister(IrType.F64);
                Add(new LoadInst(raw, address, 0, 8, line));
                Add(new ConstInst(qnan, ValueBits.Qnan, line));
                Add(new IntBinaryInst(IntOp.And, tag, raw, qnan, line));
                Test(IntCondition.Ne, tag, qnan);
                Add(new ConvertInst(ConvertKind.BitsToFloat, number, raw, line));
                Add(new ConvertInst(ConvertKind.FloatToBits, value, number, line));
            }
            else
            {
                Add(new LoadInst(value, address, 0, 8, line));
            }
            carried[p] = (address, value);
        }
        check = at;
        return carried;
    }

    /// <summary>Stores every carried field back, at the end of <paramref name="block"/> (a way out of the copy).</summary>
    private static void StoreBack(BasicBlock block, Dictionary<Promotion, (VReg Address, VReg Value)> carried, Instruction at)
    {
        foreach (var (address, value) in carried.Values)
        {
            block.Instructions.Add(new StoreInst(address, 0, value, 8, at.Line) { Column = at.Column });
        }
    }

    /// <summary>A promoted field's load or store in the copy, as a copy from or into its register.</summary>
    private static Instruction Carry(Instruction access, VReg value, Func<VReg, VReg> r) => access switch
    {
        LoadInst load => new CopyInst(r(load.Dest), value, 0),
        StoreInst store => new CopyInst(value, r(store.Value), 0),
        _ => throw new InvalidOperationException($"not a field access: {access}"),
    };

    internal sealed partial class Planner
    {
        private readonly HashSet<AliasCheck> _aliasChecks = new();
        private readonly Dictionary<Instruction, Promotion> _promotedAccess = new();
        private readonly List<Promotion> _promotions = new();

        /// <summary>Set when a field load stayed in the copy only because a field store's address was not yet known
        /// to be invariant (a second walk may move it).</summary>
        private bool _fieldLoadDeferred;

        /// <summary>The slot an 8-byte access at <c>[address+0]</c> reads or writes, or null when its offset is not a
        /// named inlined-method cache offset.</summary>
        private SlotKey? SlotOf(VReg address)
        {
            if (_names.IsEmpty || Resolve(address) is not IntBinaryInst { Op: IntOp.Add } add) return null;
            var (@base, offsetLoad) = CachedOffsetLoad(add.Right) is { } right ? (add.Left, right)
                : CachedOffsetLoad(add.Left) is { } left ? (add.Right, left) : (null, null);
            if (@base is null || offsetLoad is null || offsetLoad.Width != 8) return null;
            if (Resolve(offsetLoad.Base) is not SymbolAddressInst cache) return null;
            if (_names.At(cache.Symbol, cache.Addend + offsetLoad.Offset) is not { } name) return null;
            var (root, mask) = Root(@base);
            return root is null ? null : new SlotKey(root, mask, name);
        }

        private LoadInst? CachedOffsetLoad(VReg r) => Resolve(r) is LoadInst load && Resolve(load.Base) is SymbolAddressInst ? load : null;

        /// <summary>The register a receiver's value comes from, through copies and one mask (a guess checked at run
        /// time, see the class summary); null when it is assigned in the copy.</summary>
        private (VReg? Root, long Mask) Root(VReg r)
        {
            var mask = 0L;
            for (var step = 0; step < 8; step++)
            {
                var def = Definition(r);
                if (def is CopyInst copy)
                {
                    r = copy.Source;
                    continue;
                }
                if (mask == 0 && def is IntBinaryInst { Op: IntOp.And } and)
                {
                    if (Definition(and.Right) is ConstInst c && c.Bits != 0)
                    {
                        (r, mask) = (and.Left, c.Bits);
                        continue;
                    }
                }
                break;
            }
            return IsAssigned(r) ? (null, 0) : (r, mask);
        }

        /// <summary>
        /// For a field load that a field store of the copy keeps from moving: true when every field store of the copy
        /// is a keyed store of the same receiver at another field, all at addresses already invariant; then records
        /// the chain's compares of the load's address with each store's.
        /// </summary>
        private bool FieldLoadUnwritten(LoadInst load)
        {
            if (_heapStore || _unknownStore || load.Offset != 0 || load.Width != 8 || SlotOf(load.Base) is not { } key) return false;
            var checks = new List<AliasCheck>();
            foreach (var block in _order)
            {
                foreach (var inst in block.Instructions)
                {
                    if (inst is not StoreInst store || Classify(store.Base, store.Offset).Kind != MemoryClass.FieldSlot) continue;
                    if (store.Offset != 0 || store.Width != 8 || SlotOf(store.Base) is not { } stored) return false;
                    if (stored.Root != key.Root || stored.Mask != key.Mask || stored.Name == key.Name) return false;
                    if (!Invariant(store.Base))
                    {
                        _fieldLoadDeferred = true;
                        return false;
                    }
                    checks.Add(new AliasCheck(load.Base, store.Base, Equal: false));
                }
            }
            _aliasChecks.UnionWith(checks);
            return true;
        }

        /// <summary>Chooses the fields carried in registers (class summary); empty when any access of the copy could
        /// alias one of them without a check.</summary>
        private void PromoteFields(Dictionary<BasicBlock, bool> loadsSafe)
        {
            if (_names.IsEmpty || !_fieldStore || _heapStore || _unknownStore) return;
            var groups = new Dictionary<SlotKey, (Promotion Slot, bool Stored, bool Safe)>();
            foreach (var block in _order)
            {
                foreach (var inst in block.Instructions)
                {
                    // The GC invariant of the class summary: a carried pointer is safe only in a copy without calls.
                    if (inst is CallInst) return;
                    if (_moved.Contains(inst)) continue;
                    var (address, offset, width, isStore) = inst switch
                    {
                        LoadInst l => (l.Base, l.Offset, l.Width, false),
                        StoreInst s => (s.Base, s.Offset, s.Width, true),
                        _ => (null!, 0, 0, false),
                    };
                    if (address is null) continue;
                    switch (Classify(address, offset))
                    {
                        case { Kind: MemoryClass.Symbol }:
                            continue;
                        case { Kind: MemoryClass.Heap } heap:
                            if (isStore || heap.Offset + width > 32) return; // header loads only
                            continue;
                        case { Kind: MemoryClass.FieldSlot }:
                            if (offset != 0 || width != 8 || !Invariant(address) || SlotOf(address) is not { } key) return;
                            if (!groups.TryGetValue(key, out var g)) g = (new Promotion(address), false, true);
                            g.Slot.Accesses.Add(inst);
                            if (!g.Slot.Addresses.Contains(address)) g.Slot.Addresses.Add(address);
                            groups[key] = (g.Slot, g.Stored || isStore, g.Safe && loadsSafe[block]);
                            continue;
                        default:
                            return;
                    }
                }
            }
            VReg? root = null;
            var mask = 0L;
            foreach (var key in groups.Keys)
            {
                if (root is null) (root, mask) = (key.Root, key.Mask);
                else if (key.Root != root || key.Mask != mask) return; // another receiver may be the same object
            }
            foreach (var (key, g) in groups)
            {
                if (!g.Stored || !g.Safe) continue;
                var slot = g.Slot;
                for (var i = 1; i < slot.Addresses.Count; i++) _aliasChecks.Add(new AliasCheck(slot.Addresses[i], slot.Address, Equal: true));
                foreach (var (otherKey, other) in groups)
                {
                    if (otherKey == key) continue;
                    foreach (var a in other.Slot.Addresses) _aliasChecks.Add(new AliasCheck(slot.Address, a, Equal: false));
                }
                _promotions.Add(slot);
                foreach (var access in slot.Accesses) _promotedAccess[access] = slot;
            }
        }

        /// <summary>The registers stored into each promoted field, for <see cref="FoldNumberTests"/>.</summary>
        private Dictionary<Promotion, List<VReg>> StoredValues()
        {
            var stored = new Dictionary<Promotion, List<VReg>>();
            foreach (var p in _promotions)
            {
                stored[p] = p.Accesses.OfType<StoreInst>().Select(s => s.Value).ToList();
            }
            return stored;
        }
    }
}
