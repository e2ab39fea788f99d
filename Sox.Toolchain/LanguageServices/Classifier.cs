using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.LanguageServices;

/// <summary>What each name of a document denotes, from the index: the semantic half of highlighting.</summary>
internal static class Classifier
{
    public static IReadOnlyList<ClassifiedName> Classify(Navigator navigator, ModuleIndex module)
    {
        var names = new List<ClassifiedName>();
        foreach (var occurrence in module.Occurrences)
        {
            var kind = KindOf(navigator, module, occurrence);
            if (kind is null || occurrence.Span.Length == 0) continue;
            var range = module.Lines.ToRange(occurrence.Span);
            if (range.Start.Line != range.End.Line) continue;
            names.Add(new ClassifiedName(range, kind.Value, occurrence.IsDeclaration));
        }
        return names;
    }

    private static SoxSymbolKind? KindOf(Navigator navigator, ModuleIndex module, Occurrence occurrence)
    {
        switch (occurrence.Kind)
        {
            case OccurrenceKind.This: return SoxSymbolKind.This;
            case OccurrenceKind.Super: return SoxSymbolKind.Keyword;
            case OccurrenceKind.Variable when occurrence.Symbol is { } symbol:
                if (symbol.Kind == SymbolKind.Builtin) return SoxSymbolKind.Builtin;
                if (module.DeclarationOf(symbol) is { } declaration && declaration.Node is not FunctionDecl and not ForeachStmt)
                {
                    var (kind, _) = CompletionProvider.Describe(symbol, declaration, "");
                    if (kind is not (SoxSymbolKind.Local or SoxSymbolKind.Parameter)) return kind;
                }
                var captured = !symbol.IsGlobal && symbol.DeclaringFunction is { } owner && occurrence.Function is { } usedIn && owner != usedIn;
                if (captured) return SoxSymbolKind.Upvalue;
                return symbol.Kind switch
                {
                    SymbolKind.Parameter => SoxSymbolKind.Parameter,
                    SymbolKind.Global => SoxSymbolKind.Global,
                    _ => SoxSymbolKind.Local,
                };
            case OccurrenceKind.Member:
                return MemberKind(navigator, module, occurrence);
            default:
                return null;
        }
    }

    private static SoxSymbolKind MemberKind(Navigator navigator, ModuleIndex module, Occurrence occurrence)
    {
        switch (occurrence.Role)
        {
            case MemberRole.MethodDeclaration or MemberRole.SuperUse: return SoxSymbolKind.Method;
            case MemberRole.TableKey: return SoxSymbolKind.Field;
        }
        switch (navigator.TypeOf(module, occurrence.Receiver))
        {
            case InstanceType instance:
                return Navigator.FindMember(instance.Class, occurrence.Name) is { Method: not null } ? SoxSymbolKind.Method : SoxSymbolKind.Field;
            case ModuleType imported:
                if (navigator.FindExport(imported.Path, occurrence.Name) is var (exporter, entry))
                {
                    if (entry.Value is FunctionExpr) return SoxSymbolKind.Function;
                    if (entry.Value is VariableExpr value && exporter.Model.Symbol(value) is { } symbol && exporter.DeclarationOf(symbol) is { } declaration)
                    {
                        return CompletionProvider.Describe(symbol, declaration, "").Kind;
                    }
                }
                return SoxSymbolKind.Field;
        }
        // A property of an unknown value: a method if only methods carry that name in the file.
        return module.Classes.Any(c => c.Methods.ContainsKey(occurrence.Name)) && !module.Classes.Any(c => c.Fields.ContainsKey(occurrence.Name))
            ? SoxSymbolKind.Method : SoxSymbolKind.Field;
    }
}
