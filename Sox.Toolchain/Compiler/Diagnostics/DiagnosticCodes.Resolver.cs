namespace Sox.Compiler.Diagnostics;

/// <summary>Name-resolution diagnostics (§4–§9), SOX3000–3099.</summary>
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ReadInOwnInitializer = Error("SOX3001", "Local read in own initializer", "Can't read local variable '{0}' in its own initializer.");
    public static readonly DiagnosticDescriptor AlreadyDeclared = Error("SOX3002", "Name already declared", "Already a variable named '{0}' in this scope.");
    public static readonly DiagnosticDescriptor ReturnValueFromInitializer = Error("SOX3003", "Value returned from init", "Can't return a value from an initializer.");
    public static readonly DiagnosticDescriptor ThisOutsideClass = Error("SOX3004", "'this' outside a class", "Can't use 'this' outside of a class.");
    public static readonly DiagnosticDescriptor SuperOutsideClass = Error("SOX3005", "'super' outside a class", "Can't use 'super' outside of a class.");
    public static readonly DiagnosticDescriptor SuperWithoutSuperclass = Error("SOX3006", "'super' without superclass", "Can't use 'super' in a class with no superclass.");
    public static readonly DiagnosticDescriptor InheritFromSelf = Error("SOX3007", "Class inherits from itself", "A class can't inherit from itself.");
    public static readonly DiagnosticDescriptor BreakOutsideLoop = Error("SOX3008", "'break' outside loop", "Can't use 'break' outside of a loop or switch.");
    public static readonly DiagnosticDescriptor ContinueOutsideLoop = Error("SOX3009", "'continue' outside loop", "Can't use 'continue' outside of a loop.");
    public static readonly DiagnosticDescriptor TestArity = Error("SOX3010", "Test with wrong parameters", "A #[test] function must take exactly one parameter (the test context).");
    public static readonly DiagnosticDescriptor UnknownCType = Error("SOX3011", "Unknown C type", "Unknown C type '{0}'; expected int, int32, uint8, double, float, bool, cstring, pointer or void.");
    public static readonly DiagnosticDescriptor VoidParameter = Error("SOX3012", "void parameter", "'void' can only be a return type.");
    public static readonly DiagnosticDescriptor NativeDeclarationNotTopLevel = Error("SOX3013", "extern/export not at top level", "'{0} fn' declarations are only allowed at the top level of a file.");
    public static readonly DiagnosticDescriptor NeverDefined = Warning("SOX3014", "Name never defined", "'{0}' is never defined.");
    public static readonly DiagnosticDescriptor ReturnFromDefer = Error("SOX3015", "Return value in defer", "Can't return a value from a defer body.");
    /// <summary>Built-ins (§8) compile to direct runtime calls, not variables; a global must be declared to replace one.</summary>
    public static readonly DiagnosticDescriptor AssignToBuiltin = Error("SOX3016", "Assignment to a built-in", "Can't assign to built-in function '{0}'; declare it with 'var {0}' first.");
    /// <summary>An export is a global C symbol (§9): <c>main</c> is the program's own entry and <c>sox_</c> names belong to the runtime.</summary>
    public static readonly DiagnosticDescriptor ReservedExportName = Error("SOX3017", "Reserved export name", "Can't export a function named '{0}': 'main' and names starting with 'sox_' are reserved for the program entry and the runtime.");
}
