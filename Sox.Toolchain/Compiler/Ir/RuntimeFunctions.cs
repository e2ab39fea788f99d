namespace Sox.Compiler.Ir;

/// <summary>
/// The runtime entry points generated code calls, as declared in <c>Sox.Sdk/runtime/sox_runtime.h</c> (the C form
/// of runtime-abi.md). All are plain C functions taking and returning 64-bit words (<c>SoxValue</c>s, raw pointers,
/// counts; a <c>uint32_t</c> parameter is passed as an I64 whose low half the callee reads). Keeping every name here
/// makes a rename a one-line change.
/// </summary>
public static class RuntimeFunctions
{
    // Arithmetic and comparison slow paths: SoxValue f(SoxValue a, SoxValue b), errors as in clox (§10).
    public const string Add = "sox_add";
    public const string Subtract = "sox_sub";
    public const string Multiply = "sox_mul";
    public const string Divide = "sox_div";
    public const string Modulo = "sox_mod";
    public const string Less = "sox_less";
    public const string LessEqual = "sox_less_equal";
    public const string Greater = "sox_greater";
    public const string GreaterEqual = "sox_greater_equal";
    /// <summary>SoxValue sox_negate(SoxValue a): "Operand must be a number."</summary>
    public const string Negate = "sox_negate";
    /// <summary>SoxValue sox_equal(SoxValue a, SoxValue b): true/false by §3 equality.</summary>
    public const string Equal = "sox_equal";
    public const string NotEqual = "sox_not_equal";

    /// <summary>void sox_print(SoxValue v): print form and a newline (§2).</summary>
    public const string Print = "sox_print";

    /// <summary>SoxValue sox_call(SoxValue callee, int64_t argc, const SoxValue* args): any callee, any arity.</summary>
    public const string Call = "sox_call";
    /// <summary>SoxValue sox_invoke(SoxValue receiver, SoxValue name, int64_t argc, const SoxValue* args): <c>a.m(x)</c>.</summary>
    public const string Invoke = "sox_invoke";

    /// <summary>SoxValue sox_invoke_super(SoxValue superclass, SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args).</summary>
    public const string InvokeSuper = "sox_invoke_super";

    /// <summary>SoxValue sox_invoke_cached(receiver, name, int64_t argc, const SoxValue* args, SoxPropertyCache* cache).</summary>
    public const string InvokeCached = "sox_invoke_cached";
    /// <summary>SoxValue sox_get_property_cached(obj, name, SoxPropertyCache* cache).</summary>
    public const string GetPropertyCached = "sox_get_property_cached";
    /// <summary>SoxValue sox_set_property_cached(obj, name, value, SoxPropertyCache* cache) -> value.</summary>
    public const string SetPropertyCached = "sox_set_property_cached";

    public const string GetProperty = "sox_get_property";   // (obj, name)
    public const string SetProperty = "sox_set_property";   // (obj, name, value) -> value
    public const string GetIndex = "sox_get_index";         // (obj, index)
    public const string SetIndex = "sox_set_index";         // (obj, index, value) -> value
    /// <summary>SoxValue sox_slice(SoxValue obj, SoxValue start, SoxValue end): nil for an omitted bound; end inclusive (§3).</summary>
    public const string Slice = "sox_slice";

    /// <summary>SoxCell* sox_cell_new(SoxValue initial).</summary>
    public const string CellNew = "sox_cell_new";
    /// <summary>SoxValue sox_closure_new(const SoxFunction* function): a boxed closure whose cells generated code fills.</summary>
    public const string ClosureNew = "sox_closure_new";

    public const string ClassNew = "sox_class_new";                 // (name) -> class value
    public const string ClassInherit = "sox_class_inherit";         // (class, superclass): "Superclass must be a class."
    public const string ClassAddMethod = "sox_class_add_method";    // (class, name, closure value)
    public const string GetSuper = "sox_get_super";                 // (superclass, this, name) -> bound method

    public const string ArrayNew = "sox_array_new";                 // (count, const SoxValue* elements)
    public const string TableNew = "sox_table_new";                 // () -> empty table
    public const string TableSet = "sox_table_set";                 // (table, key, value)

    /// <summary>int64_t sox_foreach_count(SoxValue container): iterations; errors for values that cannot be iterated.</summary>
    public const string ForeachCount = "sox_foreach_count";
    public const string ForeachKey = "sox_foreach_key";       // (container, int64_t i): index or table key
    public const string ForeachValue = "sox_foreach_value";   // (container, int64_t i): element, value or 1-byte string

    /// <summary>SoxValue sox_defer_push(SoxValue list, SoxValue closure): returns the list to keep (nil when empty).</summary>
    public const string DeferPush = "sox_defer_push";
    /// <summary>void sox_defer_run(SoxValue list): runs the closures last-first.</summary>
    public const string DeferRun = "sox_defer_run";

    /// <summary>noreturn void sox_assert_fail(SoxValue message): "Assertion failed: msg".</summary>
    public const string AssertFail = "sox_assert_fail";
    /// <summary>noreturn void sox_undefined_variable(SoxValue name): "Undefined variable 'x'."</summary>
    public const string UndefinedVariable = "sox_undefined_variable";

    public const string RegisterCode = "sox_register_code";   // (SoxCodeTable*)
    public const string GcAddRoots = "sox_gc_add_roots";      // (SoxValue* slots, int64_t count)
    public const string RunMain = "sox_run_main";             // (SoxValue main)
    /// <summary>uint32_t sox_test_run(const SoxTestCase* tests, uint32_t count); SoxTestCase is {name, closure, file, line}, 32 bytes.</summary>
    public const string TestRun = "sox_test_run";
    /// <summary>void sox_bench_run(const SoxBenchCase* benches, uint32_t count, const char* filter); SoxBenchCase is {name, closure}.</summary>
    public const string BenchRun = "sox_bench_run";

    /// <summary>The static native object of a built-in (§8): <c>sox_builtin_NAME</c>, boxed as an object value.</summary>
    public static string Builtin(string name) => "sox_builtin_" + name;
}
