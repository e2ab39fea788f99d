using Sox.Compiler.Semantics;

namespace Sox.LanguageServices;

/// <summary>What a name at a position refers to, independent of the analysis it was found in.</summary>
internal abstract record Target;

/// <summary>A variable (local, parameter, global, import binding, <c>this</c>) of one module.</summary>
internal sealed record VariableTarget(ModuleIndex Module, VariableSymbol Symbol) : Target;

/// <summary>A built-in function of §8, the same in every module.</summary>
internal sealed record BuiltinTarget(string Name) : Target;

/// <summary>
/// A method or field name within class families (classes sharing a topmost ancestor), matched by name; no
/// families when no class declares it (a table key, a property of an unknown value).
/// </summary>
internal sealed record MemberTarget(string Name, IReadOnlySet<string> FamilyRoots) : Target;

/// <summary>A key of a module's returned table, reached from importers as <c>alias.key</c>.</summary>
internal sealed record ExportTarget(string ModulePath, string Key) : Target;

/// <summary>A module file, named by import path strings.</summary>
internal sealed record ModuleFileTarget(string Path) : Target;

/// <summary>What is known of a receiver's value: an instance of a class, or an imported module's value.</summary>
internal abstract record ValueType;

internal sealed record InstanceType(ClassInfo Class) : ValueType;

internal sealed record ModuleType(string Path) : ValueType;
