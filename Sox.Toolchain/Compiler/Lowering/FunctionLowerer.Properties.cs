using Sox.Compiler.Ir;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Property access and method invocation through per-site inline caches (runtime-abi.md "Instances, shapes and
/// inline caches"). Each <c>a.b</c> and <c>a.b = v</c> site owns a zeroed polymorphic <c>SoxPropertyCache</c> (four shape entries), each <c>a.b(x)</c>
/// site a zeroed <c>SoxInvokeCache</c> (<see cref="LowerInvoke"/>), in the module's <c>sox_ics_&lt;M&gt;</c> array. The inline fast path: the receiver is an instance (skipped for
/// <c>this</c>, which is always one: methods are reached only through instances), its shape's id equals entry 0's,
/// then one load/store at the cached byte offset or a direct call of the cached method closure's code.
/// Only entry 0 is probed inline for get and set (probing all four inline made
/// the allocator spill the cache, instance and id around every access: +19 % instructions on <c>methods</c>); anything
/// else calls the runtime's <c>*_cached</c> entry point, which probes entries 1-3 before the full lookup (with every error
/// message) and refills the cache. Ids start at 1, so an empty cache never matches.
/// </summary>
internal sealed partial class FunctionLowerer
{
    private VReg LowerGetProperty(VReg obj, bool isThis, string name)
    {
        var cache = NewPropertyCache();
        var result = _b.NewRegister();
        var fast = _b.NewBlock("get_cached");
        var slow = _b.NewBlock("get_lookup");
        var join = _b.NewBlock("got");
        var guard = isThis ? new ThisFieldGuard(name, _m.Strings.Intern(name)) : null;
        var instance = CheckShape(obj, isThis, cache, fast, slow, guard);

        _b.SetBlock(fast);
        var offset = LoadOffset(cache, guard);
        _b.Copy(result, _b.Load(_b.Int(IntOp.Add, instance, offset), 0));
        _b.Jump(join);

        _b.SetBlock(slow);
        _b.Copy(result, _b.CallValue(RuntimeFunctions.GetPropertyCached, obj, StringConstant(name), cache));
        _b.Jump(join);

        _b.SetBlock(join);
        return CopyOf(result);
    }

    private VReg LowerSetProperty(VReg obj, bool isThis, string name, VReg value)
    {
        var cache = NewPropertyCache();
        var fast = _b.NewBlock("set_cached");
        var slow = _b.NewBlock("set_lookup");
        var join = _b.NewBlock("set");
        var guard = isThis ? new ThisFieldGuard(name, _m.Strings.Intern(name)) : null;
        var instance = CheckShape(obj, isThis, cache, fast, slow, guard);

        _b.SetBlock(fast);
        var offset = LoadOffset(cache, guard);
        _b.Store(_b.Int(IntOp.Add, instance, offset), 0, value);
        _b.Jump(join);

        _b.SetBlock(slow);
        _b.CallC(RuntimeFunctions.SetPropertyCached, [obj, StringConstant(name), value, cache], hasResult: false);
        _b.Jump(join);

        _b.SetBlock(join);
        return value;
    }

    /// <summary>
    /// <c>receiver.name(args)</c> through the site's polymorphic <c>SoxInvokeCache</c>: the receiver's shape id is
    /// compared with each entry's in turn and a hit calls the entry's method closure's code directly, the arguments
    /// in registers (entry 0's hit has a call of its own, so a monomorphic site's path is as short as it can be). A miss asks <c>sox_invoke_lookup</c> for the method (it probes the runtime's global
    /// (shape, name) cache, so a megamorphic site costs one probe, and refills an entry) and calls it directly
    /// too; only when there is no plain class method of that arity (a field, a table, an error) does the call go
    /// through <c>sox_invoke_cached</c> with an argument array.
    /// </summary>
    private VReg LowerInvoke(VReg receiver, bool isThis, string name, IReadOnlyList<VReg> args)
    {
        var cache = _b.SymbolAddress(_m.Names.PropertyCaches, _m.NewInvokeCache());
        var method = _b.NewRegister();
        var result = _b.NewRegister();
        var call = _b.NewBlock("invoke_cached");
        var lookup = _b.NewBlock("invoke_lookup");
        var generic = _b.NewBlock("invoke_generic");
        var join = _b.NewBlock("invoked");
        var instance = CheckInstance(receiver, isThis, generic);
        var id = _b.Load(_b.Load(instance, ValueBits.InstanceShapeOffset), ValueBits.ShapeIdOffset);
        var site = new InvokeProbeGuard();
        for (var k = 0; k < ValueBits.InvokeCacheEntries; k++)
        {
            var entry = k * ValueBits.InvokeCacheEntrySize;
            var hit = _b.NewBlock("invoke_hit");
            var next = k + 1 < ValueBits.InvokeCacheEntries ? _b.NewBlock("invoke_probe") : lookup;
            var entryId = _b.Load(cache, entry);
            _b.Emit(new CompareBranchInst(IntCondition.Eq, id, entryId, hit, next, _b.Line) { Guard = k == 0 ? site : null });
            _b.SetBlock(hit);
            var cached = _b.Load(cache, entry + 8);
            if (k == 0)
            {
                // The monomorphic case, most sites: its own call, so the hit path has no copy and no extra jump.
                EmitMethodCall(cached, receiver, args, result, name, site);
                _b.Jump(join);
            }
            else
            {
                _b.Copy(method, cached);
                _b.Jump(call);
            }
            _b.SetBlock(next);
        }

        // The runtime caches only a class method whose arity equals this site's argument count.
        _b.Copy(method, _b.CallValue(RuntimeFunctions.InvokeLookup, receiver, StringConstant(name), _b.Const(args.Count), cache));
        _b.CompareBranch(IntCondition.Ne, method, _b.Const(0), call, generic);

        _b.SetBlock(call);
        EmitMethodCall(method, receiver, args, result, name, site);
        _b.Jump(join);

        _b.SetBlock(generic);
        var array = StoreArray(args, "args");
        _b.Copy(result, _b.CallValue(RuntimeFunctions.InvokeCached, receiver, StringConstant(name), _b.Const(args.Count), array, cache));
        _b.Jump(join);

        _b.SetBlock(join);
        return CopyOf(result);
    }

    /// <summary>The direct call of a method closure's code: the closure, the receiver, the arguments in registers,
    /// marked with the method's name and recorded in <paramref name="site"/> (an invoke or a super site) for the method
    /// inliner (<c>Passes/MethodInlining.cs</c>).</summary>
    private void EmitMethodCall(VReg closure, VReg receiver, IReadOnlyList<VReg> args, VReg result, string name, MethodSiteGuard site)
    {
        var code = _b.Load(closure, ValueBits.ClosureCodeOffset);
        var call = _b.Emit(new CallInst(code, CallingConvention.Sox, [closure, receiver, .. args], result, _b.Line) { InvokedMethod = name });
        site.Calls.Add(call);
    }

    private VReg NewPropertyCache() => _b.SymbolAddress(_m.Names.PropertyCaches, _m.NewPropertyCache());

    /// <summary>The cached field offset that begins a hit block, recorded in <paramref name="guard"/> for the method
    /// inliner, which reads it from its own cache instead (<c>Passes/MethodInlining.cs</c>).</summary>
    private VReg LoadOffset(VReg cache, ThisFieldGuard? guard)
    {
        var offset = _b.NewRegister();
        var load = new LoadInst(offset, cache, ValueBits.PropertyCachePayloadOffset, 8, _b.Line);
        _b.Emit(load);
        if (guard is not null) guard.OffsetLoad = load;
        return offset;
    }

    /// <summary>Branches to <paramref name="hit"/> when <paramref name="value"/> is an instance whose shape id is the
    /// cache's, else to <paramref name="miss"/>; returns the unboxed instance pointer (valid on the hit path).</summary>
    private VReg CheckShape(VReg value, bool isInstance, VReg cache, BasicBlock hit, BasicBlock miss, ThisFieldGuard? guard)
    {
        var instance = CheckInstance(value, isInstance, miss);
        var shape = _b.Load(instance, ValueBits.InstanceShapeOffset);
        var id = _b.Load(shape, ValueBits.ShapeIdOffset);
        var cached = _b.Load(cache, ValueBits.PropertyCacheShapeIdOffset);
        _b.Emit(new CompareBranchInst(IntCondition.Eq, id, cached, hit, miss, _b.Line) { Guard = guard });
        return instance;
    }

    /// <summary>Continues in a new block when <paramref name="value"/> is an instance, else branches to
    /// <paramref name="notInstance"/> (no test when <paramref name="isInstance"/>: <c>this</c> always is one);
    /// returns the unboxed instance pointer (valid where it is an instance).</summary>
    private VReg CheckInstance(VReg value, bool isInstance, BasicBlock notInstance)
    {
        var instance = _b.UnboxObject(value);
        if (isInstance) return instance;
        var isObject = _b.NewBlock("is_object");
        var isInst = _b.NewBlock("is_instance");
        var objectTag = _b.Const(ValueBits.ObjectTag);
        _b.CompareBranch(IntCondition.Eq, _b.Int(IntOp.And, value, objectTag), objectTag, isObject, notInstance);
        _b.SetBlock(isObject);
        var type = _b.Load(instance, ValueBits.HeaderTypeOffset, width: 1);
        _b.CompareBranch(IntCondition.Eq, type, _b.Const(ValueBits.TypeInstance), isInst, notInstance);
        _b.SetBlock(isInst);
        return instance;
    }

    /// <summary>A fresh register holding <paramref name="joined"/>'s value, so later writes to the join register
    /// (it is assigned on two paths, not SSA) cannot change what the caller holds.</summary>
    private VReg CopyOf(VReg joined)
    {
        var value = _b.NewRegister();
        _b.Copy(value, joined);
        return value;
    }
}
