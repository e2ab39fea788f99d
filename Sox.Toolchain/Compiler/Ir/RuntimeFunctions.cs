namespace Sox.Compiler.Ir;

/// <summary>
/// The runtime entry points generated code calls, as declared in <c>Sox.Sdk/runtime/sox_runtime.h</c> (the C form
/// of runtime-abi.md). All are plain C functions taking and returning 64-bit words (<c>SoxValue</c>s, raw pointers,
/// counts; a <c>uint32_t</c> parameter is passed as an I64 whose low half the callee reads). Keeping every name here
/// makes a rename a one-line change.
/// </summary>
public static partial class RuntimeFunctions
{
    // Arithmetic and comparison slow paths, with the runtime errors of §10.
    /// <summary>SoxValue sox_add(SoxValue a, SoxValue b): <c>a + b</c>, numbers add and a string on either side concatenates; "Operands must be two numbers or two strings."</summary>
    public const string Add = "sox_add";
    /// <summary>SoxValue sox_sub(SoxValue a, SoxValue b): <c>a - b</c>; "Operands must be numbers."</summary>
    public const string Subtract = "sox_sub";
    /// <summary>SoxValue sox_mul(SoxValue a, SoxValue b): <c>a * b</c>; "Operands must be numbers."</summary>
    public const string Multiply = "sox_mul";
    /// <summary>SoxValue sox_div(SoxValue a, SoxValue b): <c>a / b</c> (IEEE: no error for zero); "Operands must be numbers."</summary>
    public const string Divide = "sox_div";
    /// <summary>SoxValue sox_mod(SoxValue a, SoxValue b): <c>a % b</c> as C <c>fmod</c>; "Operands must be numbers."</summary>
    public const string Modulo = "sox_mod";
    /// <summary>SoxValue sox_less(SoxValue a, SoxValue b): <c>a &lt; b</c> as a boolean value; "Operands must be numbers."</summary>
    public const string Less = "sox_less";
    /// <summary>SoxValue sox_less_equal(SoxValue a, SoxValue b): <c>a &lt;= b</c>; "Operands must be numbers."</summary>
    public const string LessEqual = "sox_less_equal";
    /// <summary>SoxValue sox_greater(SoxValue a, SoxValue b): <c>a &gt; b</c>; "Operands must be numbers."</summary>
    public const string Greater = "sox_greater";
    /// <summary>SoxValue sox_greater_equal(SoxValue a, SoxValue b): <c>a &gt;= b</c>; "Operands must be numbers."</summary>
    public const string GreaterEqual = "sox_greater_equal";
    /// <summary>SoxValue sox_negate(SoxValue a): "Operand must be a number."</summary>
    public const string Negate = "sox_negate";
    /// <summary>SoxValue sox_equal(SoxValue a, SoxValue b): true/false by §3 equality.</summary>
    public const string Equal = "sox_equal";
    /// <summary>SoxValue sox_not_equal(SoxValue a, SoxValue b): the negation of <see cref="Equal"/>.</summary>
    public const string NotEqual = "sox_not_equal";

    /// <summary>void sox_print(SoxValue v): print form and a newline (§2).</summary>
    public const string Print = "sox_print";

    /// <summary>SoxValue sox_call(SoxValue callee, uint32_t argc, const SoxValue* args): any callee, any arity.</summary>
    public const string Call = "sox_call";
    /// <summary>SoxValue sox_invoke(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args): <c>a.m(x)</c>.</summary>
    public const string Invoke = "sox_invoke";

    /// <summary>SoxValue sox_invoke_super(SoxValue superclass, SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args).</summary>
    public const string InvokeSuper = "sox_invoke_super";

    /// <summary>SoxClosure* sox_super_lookup(SoxValue superclass, SoxValue name, uint32_t argc, SoxSuperCache* cache): the
    /// superclass's method <c>name</c> when its arity is argc (remembered in the site's cache), else NULL; runs no Sox code.</summary>
    public const string SuperLookup = "sox_super_lookup";

    /// <summary>SoxValue sox_invoke_cached(receiver, name, uint32_t argc, const SoxValue* args, SoxInvokeCache* cache):
    /// <c>a.m(x)</c> when <see cref="InvokeLookup"/> found no method to call directly; every error message.</summary>
    public const string InvokeCached = "sox_invoke_cached";
    /// <summary>SoxClosure* sox_invoke_lookup(receiver, name, uint32_t argc, SoxInvokeCache* cache): the class method
    /// <c>receiver.name(…)</c> calls when nothing else is involved (an instance, no field hides it, arity argc), or
    /// NULL; fills the site's cache and the runtime's global (shape, name) cache.</summary>
    public const string InvokeLookup = "sox_invoke_lookup";
    /// <summary>void sox_inlined_method_fill(receiver, SoxClosure* method, SoxInlinedMethodCache* cache): before an
    /// invoke site calls a method it also has inlined, records the offsets of the fields the body touches for the
    /// receiver's shape, so the next call on that shape runs the body behind one guard (<c>Passes/MethodInlining.cs</c>).</summary>
    public const string InlinedMethodFill = "sox_inlined_method_fill";
    /// <summary>void sox_inlined_super_fill(receiver, uint64_t classId, SoxClosure* method, SoxInlinedMethodCache* cache):
    /// <see cref="InlinedMethodFill"/> at a <c>super.m(x)</c> site, whose cache also names the superclass (its id).</summary>
    public const string InlinedSuperFill = "sox_inlined_super_fill";
    /// <summary>void sox_method_entry_fill(receiver, SoxInlinedMethodCache* cache): on entry of a method with a second copy of
    /// its body for one shape of <c>this</c>, fills its empty cache with the offsets of the fields for this receiver's
    /// shape (<c>Passes/MethodInlining.Entry.cs</c>).</summary>
    public const string MethodEntryFill = "sox_method_entry_fill";
    /// <summary>SoxValue sox_get_property_cached(obj, name, SoxPropertyCache* cache).</summary>
    public const string GetPropertyCached = "sox_get_property_cached";
    /// <summary>SoxValue sox_set_property_cached(obj, name, value, SoxPropertyCache* cache) -> value.</summary>
    public const string SetPropertyCached = "sox_set_property_cached";

    /// <summary>SoxValue sox_get_property(SoxValue obj, SoxValue name): <c>obj.name</c> (table key, instance field or bound method).</summary>
    public const string GetProperty = "sox_get_property";
    /// <summary>SoxValue sox_set_property(SoxValue obj, SoxValue name, SoxValue value): <c>obj.name = value</c>; returns value.</summary>
    public const string SetProperty = "sox_set_property";
    /// <summary>SoxValue sox_get_index(SoxValue obj, SoxValue index): <c>obj[index]</c> on arrays, tables and strings.</summary>
    public const string GetIndex = "sox_get_index";
    /// <summary>SoxValue sox_set_index(SoxValue obj, SoxValue index, SoxValue value): <c>obj[index] = value</c>; returns value.</summary>
    public const string SetIndex = "sox_set_index";
    /// <summary>SoxValue sox_slice(SoxValue obj, SoxValue start, SoxValue end): nil for an omitted bound; end inclusive (§3).</summary>
    public const string Slice = "sox_slice";

    /// <summary>SoxCell* sox_cell_new(SoxValue initial).</summary>
    public const string CellNew = "sox_cell_new";
    /// <summary>SoxValue sox_closure_new(const SoxFunction* function): a boxed closure whose cells generated code fills.</summary>
    public const string ClosureNew = "sox_closure_new";

    /// <summary>SoxValue sox_class_new(SoxValue name): a class without methods, named by a string value.</summary>
    public const string ClassNew = "sox_class_new";
    /// <summary>void sox_class_inherit(SoxValue subclass, SoxValue superclass): copies the superclass's methods; "Superclass must be a class."</summary>
    public const string ClassInherit = "sox_class_inherit";
    /// <summary>void sox_class_reserve_fields(SoxValue klass, uint32_t fields): the field count the compiler sees assigned through
    /// <c>this</c> in the class's methods, so the first instances already get that much inline room.</summary>
    public const string ClassReserveFields = "sox_class_reserve_fields";
    /// <summary>void sox_class_add_method(SoxValue klass, SoxValue name, SoxValue closure): adds or replaces a method.</summary>
    public const string ClassAddMethod = "sox_class_add_method";
    /// <summary>SoxValue sox_instance_alloc(SoxValue klass): <c>Foo(…)</c> of a known class, the fresh instance before its init runs.</summary>
    public const string InstanceAlloc = "sox_instance_alloc";
    /// <summary>void sox_instance_finish(SoxValue instance): after a directly called init, the field-room learning of <c>sox_call</c>.</summary>
    public const string InstanceFinish = "sox_instance_finish";
    /// <summary>SoxValue sox_get_super(SoxValue superclass, SoxValue receiver, SoxValue name): <c>super.name</c>, a bound method.</summary>
    public const string GetSuper = "sox_get_super";

    /// <summary>SoxValue sox_array_new(uint32_t count, const SoxValue* elems): an array literal, copying the elements.</summary>
    public const string ArrayNew = "sox_array_new";
    /// <summary>SoxValue sox_table_new(void): an empty table (<c>{}</c>).</summary>
    public const string TableNew = "sox_table_new";
    /// <summary>void sox_table_set(SoxValue table, SoxValue key, SoxValue value): a table literal entry; "Table keys must be strings."</summary>
    public const string TableSet = "sox_table_set";

    /// <summary>int64_t sox_foreach_count(SoxValue container): iterations; errors for values that cannot be iterated.</summary>
    public const string ForeachCount = "sox_foreach_count";
    /// <summary>SoxValue sox_foreach_key(SoxValue container, int64_t i): the index (arrays, strings) or the i-th key (tables).</summary>
    public const string ForeachKey = "sox_foreach_key";
    /// <summary>SoxValue sox_foreach_value(SoxValue container, int64_t i): the i-th element, table value or 1-byte string.</summary>
    public const string ForeachValue = "sox_foreach_value";

    /// <summary>SoxValue sox_defer_push(SoxValue list, SoxValue closure): returns the list to keep (nil when empty).</summary>
    public const string DeferPush = "sox_defer_push";
    /// <summary>void sox_defer_run(SoxValue list): runs the closures last-first.</summary>
    public const string DeferRun = "sox_defer_run";

    /// <summary>noreturn void sox_assert_fail(SoxValue message): "Assertion failed: msg".</summary>
    public const string AssertFail = "sox_assert_fail";
    /// <summary>noreturn void sox_undefined_variable(SoxValue name): "Undefined variable 'x'."</summary>
    public const string UndefinedVariable = "sox_undefined_variable";

    /// <summary>void sox_register_code(SoxCodeTable* table): registers a module's line table (once) for stack traces.</summary>
    public const string RegisterCode = "sox_register_code";
    /// <summary>void sox_gc_add_roots(SoxValue* slots, size_t count): a module's global slots as precise GC roots.</summary>
    public const string GcAddRoots = "sox_gc_add_roots";
    /// <summary>void sox_run_main(SoxValue mainFn): calls the entry module's <c>main</c> with (argc, argv) or () by its arity; a number result is the exit code.</summary>
    public const string RunMain = "sox_run_main";
    /// <summary>uint32_t sox_test_run(const SoxTestCase* tests, uint32_t count); SoxTestCase is {name, closure, file, line}, 32 bytes.</summary>
    public const string TestRun = "sox_test_run";
    /// <summary>void sox_bench_run(const SoxBenchCase* benches, uint32_t count, const char* filter); SoxBenchCase is {name, closure}.</summary>
    public const string BenchRun = "sox_bench_run";

    /// <summary>The static native object of a built-in (§8): <c>sox_builtin_NAME</c>, boxed as an object value.</summary>
    public static string Builtin(string name) => "sox_builtin_" + name;
}
