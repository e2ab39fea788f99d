namespace Sox.Compiler.Diagnostics;

/// <summary>Syntax diagnostics (§3–§9), SOX2000–2099.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>SOX2001 (error): <i>Expected expression.</i></summary>
    public static readonly DiagnosticDescriptor ExpectedExpression = Error("SOX2001", "Expected expression", "Expected expression.");
    /// <summary>The generic "Expected X after Y." form: {0} what was expected, {1} where.</summary>
    public static readonly DiagnosticDescriptor ExpectedToken = Error("SOX2002", "Expected token", "Expected {0} {1}.");
    /// <summary>SOX2003 (error): <i>Invalid assignment target.</i></summary>
    public static readonly DiagnosticDescriptor InvalidAssignmentTarget = Error("SOX2003", "Invalid assignment target", "Invalid assignment target.");
    /// <summary>SOX2004 (error): <i>Expected {0} name.</i></summary>
    public static readonly DiagnosticDescriptor ExpectedName = Error("SOX2004", "Expected a name", "Expected {0} name.");
    /// <summary>SOX2005 (error): <i>Can't have more than 255 parameters.</i></summary>
    public static readonly DiagnosticDescriptor TooManyParameters = Error("SOX2005", "Too many parameters", "Can't have more than 255 parameters.");
    /// <summary>SOX2006 (error): <i>Can't have more than 255 arguments.</i></summary>
    public static readonly DiagnosticDescriptor TooManyArguments = Error("SOX2006", "Too many arguments", "Can't have more than 255 arguments.");
    /// <summary>SOX2007 (error): <i>Nesting too deep: more than {0} nested expressions or blocks.</i></summary>
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("SOX2007", "Nesting too deep", "Nesting too deep: more than {0} nested expressions or blocks.");
    /// <summary>SOX2008 (error): <i>A switch can have only one 'default'.</i></summary>
    public static readonly DiagnosticDescriptor DuplicateDefault = Error("SOX2008", "Duplicate default", "A switch can have only one 'default'.");
    /// <summary>SOX2009 (error): <i>Expected 'case' or 'default' in switch.</i></summary>
    public static readonly DiagnosticDescriptor ExpectedCaseOrDefault = Error("SOX2009", "Expected case or default", "Expected 'case' or 'default' in switch.");
    /// <summary>SOX2010 (error): <i>An attribute must precede a function declaration.</i></summary>
    public static readonly DiagnosticDescriptor AttributeWithoutFunction = Error("SOX2010", "Attribute without function", "An attribute must precede a function declaration.");
    /// <summary>SOX2011 (error): <i>Unknown attribute '{0}'.</i></summary>
    public static readonly DiagnosticDescriptor UnknownAttribute = Error("SOX2011", "Unknown attribute", "Unknown attribute '{0}'.");
    /// <summary>SOX2012 (error): <i>Expected a module path string.</i></summary>
    public static readonly DiagnosticDescriptor ExpectedImportPath = Error("SOX2012", "Expected import path", "Expected a module path string.");
    /// <summary>SOX2013 (error): <i>'...' must be the last parameter of an extern function.</i></summary>
    public static readonly DiagnosticDescriptor VariadicNotLast = Error("SOX2013", "Misplaced variadic marker", "'...' must be the last parameter of an extern function.");
    /// <summary>SOX2014 (error): <i>The last case of a switch must have a body.</i></summary>
    public static readonly DiagnosticDescriptor CaseWithoutBody = Error("SOX2014", "Case without body", "The last case of a switch must have a body.");
    /// <summary>A body written without braces (<c>if (c) stmt</c>, §4) is one statement, never a declaration.</summary>
    public static readonly DiagnosticDescriptor DeclarationNotAllowed = Error("SOX2015", "Declaration as a single-statement body", "A declaration can't be the body of a statement written without braces; use a block.");
    /// <summary>SOX2016 (error): <i>An export function can't be variadic.</i></summary>
    public static readonly DiagnosticDescriptor VariadicExport = Error("SOX2016", "Variadic export", "An export function can't be variadic.");
    /// <summary>Reported once when a file has so many syntax errors that the rest of it is skipped.</summary>
    public static readonly DiagnosticDescriptor TooManySyntaxErrors = Error("SOX2017", "Too many syntax errors", "Too many syntax errors ({0}); the rest of this file is not checked.");
}
