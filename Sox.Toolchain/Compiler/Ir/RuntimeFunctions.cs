namespace Sox.Compiler.Ir;

/// <summary>
/// The runtime entry points generated code calls (runtime-abi.md; the C prototypes are in
/// <c>Sox.Sdk/runtime/sox_runtime.h</c>). All are plain C functions taking and returning 64-bit words:
/// <c>SoxValue</c>s, raw pointers or <c>int64_t</c> counts. Keeping every name here makes a rename a one-line change.
/// </summary>
public static class RuntimeFunctions
{
    // Arithmetic and comparison slow paths: SoxValue f(SoxValue a, SoxValue b), errors as in clox (§10).
    public const string Add = "sox_add";
    public const string Subtract = "sox_subtract";
    public const string Multiply = "sox_multiply";
    public const string Divide = "sox_divide";
    public const string Modulo = "sox_modulo";
    public const string Less = "sox_less";
    public const string LessEqual = "sox_less_equal";
    public const string Greater = "sox_greater";
    public const string GreaterEqual = "sox_greater_equal";
    /// <summary>SoxValue sox_negate(SoxValue a): "Operand must be a number."</summary>
    public const string Negate = "sox_negate";
    /// <summary>SoxValue sox_equal(SoxValue a, SoxValue b): true/false by §3 equality.</summary>
    public const string Equal = "sox_equal";

    /// <summary>void sox_print(SoxValue v): print form and a newline (§2).</summary>
    public const string Print = "sox_print";

    /// <summary>SoxValue sox_call(SoxValue callee, int64_t argc, const SoxValue* args): any callee, any arity.</summary>
    public const string Call = "sox_call";
    /// <summary>SoxValue sox_invoke(SoxValue receiver, SoxValue name, int64_t argc, const SoxValue* args): <c>a.m(x)</c>.</summary>
    public const string Invoke = "sox_invoke";

    public const string GetProperty = "sox_get_property";   // (obj, name)
    public const string SetProperty = "sox_set_property";   // (obj, name, value) -> value
    public const string GetIndex = "sox_get_index";         // (obj, index)
    public const string SetIndex = "sox_set_index";         // (obj, index, value) -> value
    /// <summary>SoxValue sox_slice(SoxValue obj, SoxValue start, SoxValue end): nil for an omitted bound; end inclusive (§3).</summary>
    public const string Slice = "sox_slice";

    /// <summary>SoxCell* sox_cell_new(SoxValue initial).</summary>
    public const string CellNew = "sox_cell_new";
    /// <summary>SoxClosure* sox_closure_new(const SoxFunction* function): cells zeroed; generated code fills them.</summary>
    public const string ClosureNew = "sox_closure_new";

    public const string ClassNew = "sox_class_new";                 // (name) -> class value
    public const string ClassInherit = "sox_class_inherit";         // (class, superclass): "Superclass must be a class."
    public const string ClassAddMethod = "sox_class_add_method";    // (class, name, closure value)
    public const string GetSuper = "sox_get_super";                 // (this, superclass, name) -> bound method

    public const string ArrayNew = "sox_array_new";                 // (count, const SoxValue* elements)
    public const string TableNew = "sox_table_new";                 // (count, const SoxValue* keysAndValues)

    /// <summary>
    /// int64_t sox_foreach_next(SoxValue iterable, int64_t cursor, SoxValue out[2]): stores the next key (index) and
    /// value, returns the cursor for the following call, or -1 when done. Cursor 0 starts; non-iterables are an error.
    /// </summary>
    public const string ForeachNext = "sox_foreach_next";

    public const string DeferPush = "sox_defer_push";   // (SoxValue* list, SoxValue closure)
    public const string DeferRun = "sox_defer_run";     // (SoxValue* list): runs and clears, last first

    /// <summary>noreturn void sox_assert_failed(SoxValue message): "Assertion failed: msg".</summary>
    public const string AssertFailed = "sox_assert_failed";
    /// <summary>noreturn void sox_undefined_variable(SoxValue name): "Undefined variable 'x'."</summary>
    public const string UndefinedVariable = "sox_undefined_variable";

    public const string RegisterCode = "sox_register_code";   // (SoxCodeTable*)
    public const string GcAddRoots = "sox_gc_add_roots";      // (SoxValue* slots, int64_t count)
    public const string RunMain = "sox_run_main";             // (SoxValue main)
    public const string RunTests = "sox_run_tests";           // (int64_t count, const SoxValue* tests)
    public const string RunBenchmarks = "sox_run_benchmarks"; // (int64_t count, const SoxValue* benchmarks)

    /// <summary>The static native object of a built-in (§8): <c>sox_builtin_NAME</c>, boxed as an object value.</summary>
    public static string Builtin(string name) => "sox_builtin_" + name;
}
