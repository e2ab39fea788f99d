using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.LanguageServices;

internal sealed partial class Navigator
{
    private static Location At(ModuleIndex module, TextSpan span) => new(module.Path, module.Lines.ToRange(span));

    /// <summary>Where the name at <paramref name="occurrence"/> is declared (several places for an unknown receiver's member).</summary>
    public IReadOnlyList<Location> Definitions(ModuleIndex module, Occurrence occurrence)
    {
        switch (occurrence.Kind)
        {
            case OccurrenceKind.This:
                return occurrence.Symbol is { } receiver && module.ClassOfThis(receiver) is { } own ? [At(module, own.Statement.Name.Span)] : [];
            case OccurrenceKind.Super:
                if (occurrence.Class?.Superclass is { } super) return [At(module, super.Statement.Name.Span)];
                return occurrence.Class?.Statement.Superclass is { } written && module.Model.Symbol(written) is { } s ? VariableDefinition(module, s) : [];
            case OccurrenceKind.ImportPath:
                return occurrence.Import is { } spec && module.Model.ImportPath(spec) is { } path ? [new Location(path, default)] : [];
            case OccurrenceKind.Variable:
                return occurrence.Symbol is { } symbol ? VariableDefinition(module, symbol) : [];
            case OccurrenceKind.Member:
                return MemberDefinitions(module, occurrence);
            default:
                return [];
        }
    }

    public static IReadOnlyList<Location> VariableDefinition(ModuleIndex module, VariableSymbol symbol)
    {
        if (symbol.Kind == SymbolKind.Builtin || symbol is { IsGlobal: true, IsDefined: false }) return [];
        var span = module.DeclarationOf(symbol)?.NameSpan ?? symbol.DeclarationSpan;
        return [At(module, span)];
    }

    private IReadOnlyList<Location> MemberDefinitions(ModuleIndex module, Occurrence occurrence)
    {
        var name = occurrence.Name;
        switch (occurrence.Role)
        {
            case MemberRole.MethodDeclaration or MemberRole.TableKey:
                return [At(module, occurrence.Span)];
            case MemberRole.SuperUse:
                return occurrence.Class?.Superclass is { } super && FindMember(super, name) is { } inherited ? [At(module, inherited.Span)] : [];
        }
        switch (TypeOf(module, occurrence.Receiver))
        {
            case InstanceType instance when FindMember(instance.Class, name) is { } member:
                return [At(module, member.Span)];
            case ModuleType imported:
                return ExportDefinition(imported.Path, name);
        }
        // An unknown receiver: every class member of that name, each class's own declaration.
        var found = new List<Location>();
        foreach (var @class in ClassesDeclaring(name))
        {
            var owner = Workspace.Find(@class.ModulePath);
            var span = @class.Methods.TryGetValue(name, out var method) && method.Name is { } n ? n.Span : @class.Fields[name];
            if (owner is not null) found.Add(At(owner, span));
        }
        return found;
    }

    /// <summary><c>alias.key</c> goes to what the key's value names (<c>{area: area}</c> → <c>fn area</c>), else to the key.</summary>
    public IReadOnlyList<Location> ExportDefinition(string modulePath, string key)
    {
        if (FindExport(modulePath, key) is not var (module, entry)) return [];
        if (entry.Value is VariableExpr value && module.Model.Symbol(value) is { } symbol
            && VariableDefinition(module, symbol) is [var declared])
        {
            return [declared];
        }
        return [At(module, entry.KeySpan)];
    }

    /// <summary>Every occurrence of a target over the workspace, in file then source order.</summary>
    public IReadOnlyList<Location> References(Target target, bool includeDeclaration)
    {
        var found = new List<Location>();
        foreach (var module in Workspace.Modules)
        {
            foreach (var occurrence in module.Occurrences)
            {
                if (Matches(module, occurrence, target, out var isDeclaration) && (includeDeclaration || !isDeclaration))
                {
                    found.Add(At(module, occurrence.Span));
                }
            }
        }
        return found.Distinct().ToList();
    }

    private bool Matches(ModuleIndex module, Occurrence occurrence, Target target, out bool isDeclaration)
    {
        isDeclaration = occurrence.IsDeclaration;
        switch (target)
        {
            case BuiltinTarget builtin:
                return occurrence.Kind == OccurrenceKind.Variable && occurrence.Symbol is { Kind: SymbolKind.Builtin } b && b.Name == builtin.Name;
            case ModuleFileTarget file:
                return occurrence.Kind == OccurrenceKind.ImportPath && occurrence.Import is { } spec
                    && module.Model.ImportPath(spec) is { } path && Workspace.SamePath(path, file.Path);
            case VariableTarget variable:
                return MatchesVariable(module, occurrence, variable, ref isDeclaration);
            case ExportTarget export:
                return MatchesExport(module, occurrence, export.ModulePath, export.Key);
            case MemberTarget member:
                return MatchesMember(module, occurrence, member, ref isDeclaration);
            default:
                return false;
        }
    }

    private bool MatchesVariable(ModuleIndex module, Occurrence occurrence, VariableTarget target, ref bool isDeclaration)
    {
        var key = Key(target.Module, target.Symbol);
        if (occurrence.Kind is OccurrenceKind.Variable or OccurrenceKind.This)
        {
            return occurrence.Symbol is { } symbol && Key(module, symbol) == key;
        }
        if (occurrence.Kind == OccurrenceKind.ImportPath && occurrence.Import is { Alias: null } spec)
        {
            // An import without an alias declares its name with the path string.
            isDeclaration = true;
            return module.Model.Symbol(spec) is { } bound && Key(module, bound) == key;
        }
        // A global exported under its own name is also read as alias.name by importers (and named by the key).
        if (target.Symbol.IsGlobal && occurrence.Kind == OccurrenceKind.Member && occurrence.Name == target.Symbol.Name)
        {
            return MatchesExport(module, occurrence, target.Module.Path, occurrence.Name);
        }
        return false;
    }

    private bool MatchesExport(ModuleIndex module, Occurrence occurrence, string modulePath, string key)
    {
        if (occurrence.Kind != OccurrenceKind.Member || occurrence.Name != key) return false;
        if (occurrence.Role == MemberRole.TableKey) return occurrence.IsExportKey && Workspace.SamePath(module.Path, modulePath);
        return occurrence.Role == MemberRole.Use && TypeOf(module, occurrence.Receiver) is ModuleType type && Workspace.SamePath(type.Path, modulePath);
    }

    private bool MatchesMember(ModuleIndex module, Occurrence occurrence, MemberTarget target, ref bool isDeclaration)
    {
        if (occurrence.Kind != OccurrenceKind.Member || occurrence.Name != target.Name) return false;
        switch (occurrence.Role)
        {
            case MemberRole.MethodDeclaration:
                return occurrence.Class is { } declaring && target.FamilyRoots.Contains(declaring.Root.Key);
            case MemberRole.SuperUse:
                return occurrence.Class?.Superclass is { } super && target.FamilyRoots.Contains(super.Root.Key);
            case MemberRole.TableKey:
                return !occurrence.IsExportKey && target.FamilyRoots.Count == 0;
        }
        switch (TypeOf(module, occurrence.Receiver))
        {
            case InstanceType instance:
                if (!target.FamilyRoots.Contains(instance.Class.Root.Key)) return false;
                isDeclaration = instance.Class.SelfAndAncestors().Any(c => c.Fields.TryGetValue(target.Name, out var f) && f == occurrence.Span);
                return true;
            case ModuleType:
                return false;
            default:
                // A property of a value of unknown class: by name, unless several class families declare the name.
                return target.FamilyRoots.Count <= 1;
        }
    }
}
