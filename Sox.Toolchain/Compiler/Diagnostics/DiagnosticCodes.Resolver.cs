namespace Sox.Compiler.Diagnostics;

/// <summary>Name-resolution diagnostics (§4–§9), SOX3000–3099.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>SOX3001 (error): <i>Can't read local variable '{0}' in its own initializer.</i></summary>
    public static readonly DiagnosticDescriptor ReadInOwnInitializer = Error("SOX3001", "Local read in own initializer", "Can't read local variable '{0}' in its own initializer.");
    /// <summary>SOX3002 (error): <i>Already a variable named '{0}' in this scope.</i></summary>
    public static readonly DiagnosticDescriptor AlreadyDeclared = Error("SOX3002", "Name already declared", "Already a variable named '{0}' in this scope.");
    /// <summary>SOX3003 (error): <i>Can't return a value from an initializer.</i></summary>
    public static readonly DiagnosticDescriptor ReturnValueFromInitializer = Error("SOX3003", "Value returned from init", "Can't return a value from an initializer.");
    /// <summary>SOX3004 (error): <i>Can't use 'this' outside of a class.</i></summary>
    public static readonly DiagnosticDescriptor ThisOutsideClass = Error("SOX3004", "'this' outside a class", "Can't use 'this' outside of a class.");
    /// <summary>SOX3005 (error): <i>Can't use 'super' outside of a class.</i></summary>
    public static readonly DiagnosticDescriptor SuperOutsideClass = Error("SOX3005", "'super' outside a class", "Can't use 'super' outside of a class.");
    /// <summary>SOX3006 (error): <i>Can't use 'super' in a class with no superclass.</i></summary>
    public static readonly DiagnosticDescriptor SuperWithoutSuperclass = Error("SOX3006", "'super' without superclass", "Can't use 'super' in a class with no superclass.");
    /// <summary>SOX3007 (error): <i>A class can't inherit from itself.</i></summary>
    public static readonly DiagnosticDescriptor InheritFromSelf = Error("SOX3007", "Class inherits from itself", "A class can't inherit from itself.");
    /// <summary>SOX3008 (error): <i>Can't use 'break' outside of a loop or switch.</i></summary>
    public static readonly DiagnosticDescriptor BreakOutsideLoop = Error("SOX3008", "'break' outside loop", "Can't use 'break' outside of a loop or switch.");
    /// <summary>SOX3009 (error): <i>Can't use 'continue' outside of a loop.</i></summary>
    public static readonly DiagnosticDescriptor ContinueOutsideLoop = Error("SOX3009", "'continue' outside loop", "Can't use 'continue' outside of a loop.");
    /// <summary>
    /// SOX3010 (error): <i>A #[test] function must take exactly one parameter (the test context).</i>
    /// </summary>
    public static readonly DiagnosticDescriptor TestArity = Error("SOX3010", "Test with wrong parameters", "A #[test] function must take exactly one parameter (the test context).");
    /// <summary>
    /// SOX3011 (error): <i>Unknown C type '{0}'; expected int, int32, uint8, double, float, bool, cstring, pointer or
    /// void.</i>
    /// </summary>
    public static readonly DiagnosticDescriptor UnknownCType = Error("SOX3011", "Unknown C type", "Unknown C type '{0}'; expected int, int32, uint8, double, float, bool, cstring, pointer or void.");
    /// <summary>SOX3012 (error): <i>'void' can only be a return type.</i></summary>
    public static readonly DiagnosticDescriptor VoidParameter = Error("SOX3012", "void parameter", "'void' can only be a return type.");
    /// <summary>SOX3013 (error): <i>'{0} fn' declarations are only allowed at the top level of a file.</i></summary>
    public static readonly DiagnosticDescriptor NativeDeclarationNotTopLevel = Error("SOX3013", "extern/export not at top level", "'{0} fn' declarations are only allowed at the top level of a file.");
    /// <summary>SOX3014 (warning): <i>'{0}' is never defined.</i></summary>
    public static readonly DiagnosticDescriptor NeverDefined = Warning("SOX3014", "Name never defined", "'{0}' is never defined.");
    /// <summary>SOX3015 (error): <i>Can't return a value from a defer body.</i></summary>
    public static readonly DiagnosticDescriptor ReturnFromDefer = Error("SOX3015", "Return value in defer", "Can't return a value from a defer body.");
    /// <summary>Built-ins (§8) compile to direct runtime calls, not variables; a global must be declared to replace one.</summary>
    public static readonly DiagnosticDescriptor AssignToBuiltin = Error("SOX3016", "Assignment to a built-in", "Can't assign to built-in function '{0}'; declare it with 'var {0}' first.");
    /// <summary>An export is a global C symbol (§9): <c>main</c> is the program's own entry and <c>sox_</c> names belong to the runtime.</summary>
    public static readonly DiagnosticDescriptor ReservedExportName = Error("SOX3017", "Reserved export name", "Can't export a function named '{0}': 'main' and names starting with 'sox_' are reserved for the program entry and the runtime.");
}
