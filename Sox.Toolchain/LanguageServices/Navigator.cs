using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.LanguageServices;

/// <summary>
/// Turns a name into a <see cref="Target"/>, a target into its definitions and its references over a
/// <see cref="Workspace"/>. Class members are matched by name within a class family (§5.3–§5.4: fields are created
/// by assignment, methods are inherited, so a name is the only identity a member has); a receiver's class is known
/// for <c>this</c>, <c>super</c>, <c>Class(…)</c> and variables initialised with one, a module for an import alias.
/// </summary>
internal sealed partial class Navigator(Workspace workspace)
{
    public Workspace Workspace { get; } = workspace;

    /// <summary>What a receiver expression evaluates to, when it can be told without running the program.</summary>
    public ValueType? TypeOf(ModuleIndex module, Expr? receiver)
    {
        // ((((x)))).y nested deeper than the caller's stack allows has no known type.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        switch (receiver)
        {
            case GroupingExpr g: return TypeOf(module, g.Inner);
            case ThisExpr t: return module.ClassOfReceiver(t) is { } c ? new InstanceType(c) : null;
            case CallExpr { Callee: VariableExpr callee }:
                return module.Model.Symbol(callee) is { } cs && module.DeclarationOf(cs)?.Class is { } created ? new InstanceType(created) : null;
            case VariableExpr v when module.Model.Symbol(v) is { } symbol:
                return TypeOfVariable(module, symbol);
            default: return null;
        }
    }

    public ValueType? TypeOfVariable(ModuleIndex module, VariableSymbol symbol)
    {
        var declaration = module.DeclarationOf(symbol);
        if (declaration?.Node is ImportSpec spec)
        {
            return module.Model.ImportPath(spec) is { } path ? new ModuleType(path) : null;
        }
        if (module.InitializerOf(symbol) is CallExpr { Callee: VariableExpr callee } && module.Model.Symbol(callee) is { } cs
            && module.DeclarationOf(cs)?.Class is { } created)
        {
            return new InstanceType(created);
        }
        return null;
    }

    /// <summary>The method or field <paramref name="name"/> of a class or its nearest ancestor that has it.</summary>
    public static (ClassInfo Class, TextSpan Span, FunctionDecl? Method)? FindMember(ClassInfo @class, string name)
    {
        foreach (var c in @class.SelfAndAncestors())
        {
            if (c.Methods.TryGetValue(name, out var method) && method.Name is { } n) return (c, n.Span, method);
            if (c.Fields.TryGetValue(name, out var field)) return (c, field, null);
        }
        return null;
    }

    /// <summary>Every class of the workspace that declares a method or assigns a field of that name.</summary>
    public IEnumerable<ClassInfo> ClassesDeclaring(string name) =>
        Workspace.Modules.SelectMany(m => m.Classes).Where(c => c.Methods.ContainsKey(name) || c.Fields.ContainsKey(name));

    /// <summary>The export of a module's returned table by key, with the module it is in.</summary>
    public (ModuleIndex Module, TableEntry Entry)? FindExport(string modulePath, string key)
    {
        var module = Workspace.Find(modulePath);
        var entry = module?.Exports.LastOrDefault(e => e.Key == key);
        return module is null || entry is null ? null : (module, entry);
    }

    public Target? TargetOf(ModuleIndex module, Occurrence occurrence)
    {
        switch (occurrence.Kind)
        {
            case OccurrenceKind.Variable:
            case OccurrenceKind.This:
                if (occurrence.Symbol is not { } symbol) return null;
                return symbol.Kind == SymbolKind.Builtin ? new BuiltinTarget(symbol.Name) : new VariableTarget(module, symbol);
            case OccurrenceKind.ImportPath:
                return occurrence.Import is { } spec && module.Model.ImportPath(spec) is { } path ? new ModuleFileTarget(path) : null;
            case OccurrenceKind.Member:
                return MemberTargetOf(module, occurrence);
            default:
                return null;
        }
    }

    private Target? MemberTargetOf(ModuleIndex module, Occurrence occurrence)
    {
        var name = occurrence.Name;
        switch (occurrence.Role)
        {
            case MemberRole.TableKey when occurrence.IsExportKey:
                return ExportOrGlobal(module.Path, name);
            case MemberRole.TableKey:
                return new MemberTarget(name, FamiliesOf(name));
            case MemberRole.MethodDeclaration when occurrence.Class is { } declaring:
                return new MemberTarget(name, new HashSet<string> { declaring.Root.Key });
            case MemberRole.SuperUse:
                return occurrence.Class?.Superclass is { } super ? new MemberTarget(name, new HashSet<string> { super.Root.Key }) : null;
        }
        switch (TypeOf(module, occurrence.Receiver))
        {
            case InstanceType instance:
                return new MemberTarget(name, new HashSet<string> { instance.Class.Root.Key });
            case ModuleType imported:
                return ExportOrGlobal(imported.Path, name);
            default:
                return new MemberTarget(name, FamiliesOf(name));
        }
    }

    private HashSet<string> FamiliesOf(string name) => ClassesDeclaring(name).Select(c => c.Root.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A key of a module's table whose value is the module's global of the same name (<c>{area: area}</c>, the
    /// usual export) is that global: its references include <c>alias.area</c> in every importer.
    /// </summary>
    private Target ExportOrGlobal(string modulePath, string key)
    {
        if (FindExport(modulePath, key) is var (module, entry) && entry.Value is VariableExpr value
            && module.Model.Symbol(value) is { IsGlobal: true, IsDefined: true } global && global.Name == key)
        {
            return new VariableTarget(module, global);
        }
        return new ExportTarget(modulePath, key);
    }

    /// <summary>A key equal for the same variable in two analyses of the same file.</summary>
    public static string Key(ModuleIndex module, VariableSymbol symbol) => symbol.Kind switch
    {
        SymbolKind.Global => $"g|{module.Path}|{symbol.Name}",
        SymbolKind.Builtin => $"b|{symbol.Name}",
        _ => $"l|{module.Path}|{symbol.DeclarationSpan.Start}|{symbol.Name}|{symbol.Kind}",
    };
}
