using System.Text;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.LanguageServices;

/// <summary>
/// Hover text: a code line with the declaration as written (a signature for functions, classes, built-ins and
/// <c>extern fn</c>), what the name is and where it is declared, then a description when there is one.
/// </summary>
internal static class HoverProvider
{
    public static HoverInfo? Hover(Navigator navigator, ModuleIndex module, int offset)
    {
        if (module.OccurrenceAt(offset) is not { } occurrence) return null;
        var markdown = Describe(navigator, module, occurrence);
        return markdown is null ? null : new HoverInfo(markdown, module.Lines.ToRange(occurrence.Span));
    }

    private static string? Describe(Navigator navigator, ModuleIndex module, Occurrence occurrence)
    {
        switch (occurrence.Kind)
        {
            case OccurrenceKind.Variable when occurrence.Symbol is { } symbol:
                return DescribeVariable(navigator, module, symbol, occurrence.Function);
            case OccurrenceKind.This:
                var own = occurrence.Symbol is { } receiver ? module.ClassOfThis(receiver) : null;
                return Format("this", "`this`: the receiver of the method, an instance of " + (own is null ? "the class" : $"class `{own.Name}`"), null);
            case OccurrenceKind.Super:
                var sub = occurrence.Class;
                var superName = sub?.Statement.Superclass?.Name.Text;
                return superName is null ? null : Format($"super", $"`super`: the superclass `{superName}` of class `{sub!.Name}`", null);
            case OccurrenceKind.ImportPath when occurrence.Import is { } spec:
                return module.Model.ImportPath(spec) is { } path ? DescribeModule(navigator, path, spec) : null;
            case OccurrenceKind.Member:
                return DescribeMember(navigator, module, occurrence);
            default:
                return null;
        }
    }

    private static string Format(string code, string what, string? description)
    {
        var text = new StringBuilder();
        text.Append("```sox\n").Append(code).Append("\n```\n").Append(what);
        if (description is not null) text.Append("\n\n").Append(description);
        return text.ToString();
    }

    private static string DeclaredAt(ModuleIndex module, int offset) =>
        $"declared at line {module.Lines.ToPosition(offset).Line + 1} of `{Path.GetFileName(module.Path)}`";

    private static string DescribeModule(Navigator navigator, string path, ImportSpec? spec)
    {
        var imported = navigator.Workspace.Find(path);
        var keys = imported is null ? "" : string.Join(", ", imported.Exports.Select(e => $"`{e.Key}`"));
        var what = $"module `{imported?.Module.DisplayPath ?? Path.GetFileName(path)}`" + (keys.Length > 0 ? $"; its value has {keys}" : "");
        var code = spec is null ? $"import \"{Path.GetFileNameWithoutExtension(path)}\"" : spec.Alias is { } alias ? $"import {alias.Text} \"{spec.Path}\"" : $"import \"{spec.Path}\"";
        return Format(code, what, null);
    }

    public static string DescribeVariable(Navigator navigator, ModuleIndex module, VariableSymbol symbol, FunctionInfo? usedIn)
    {
        if (symbol.Kind == SymbolKind.Builtin)
        {
            return Format(BuiltinDocs.Signature(symbol.Name), "built-in function (§8)", BuiltinDocs.Description(symbol.Name));
        }
        if (symbol is { IsGlobal: true, IsDefined: false })
        {
            return Format($"var {symbol.Name}", "global, never declared in this module (SOX3014)", null);
        }
        var declaration = module.DeclarationOf(symbol);
        var scope = symbol.Kind switch
        {
            SymbolKind.Global => "global",
            SymbolKind.Parameter => "parameter",
            _ => "local",
        };
        var captured = usedIn is not null && symbol.DeclaringFunction is { } declaringFunction && declaringFunction != usedIn && !symbol.IsGlobal;
        if (captured) scope = $"upvalue ({(symbol.Kind == SymbolKind.Parameter ? "parameter" : "local")} of `{symbol.DeclaringFunction!.DisplayName}`, captured)";
        var at = DeclaredAt(module, declaration?.NameSpan.Start ?? symbol.DeclarationSpan.Start);
        var comment = declaration is null ? null : Signatures.CommentAbove(module, declaration.Node.Span.Start);
        switch (declaration?.Node)
        {
            case ImportSpec spec:
                var path = module.Model.ImportPath(spec);
                var module_ = path is null ? "" : DescribeModule(navigator, path, spec);
                return module_.Length > 0 ? module_ + $"\n\n{scope}, {at}" : Format($"import \"{spec.Path}\"", $"module ({scope}), {at}", null);
            case ClassStmt when declaration.Class is { } c:
                var init = Navigator.FindMember(c, "init")?.Method;
                var creation = init is null ? $"{c.Name}()" : $"{c.Name}({string.Join(", ", Signatures.Parameters(init))})";
                return Format(Signatures.Class(c), $"class ({scope}), {at}; create with `{creation}`", comment);
            case ExternFnStmt e:
                return Format(Signatures.Extern(e), $"extern fn: a C function (§9.1) ({scope}), {at}",
                    comment ?? $"Calls the C function `{e.Name.Text}`, converting the arguments to its C types and the result back (§9.2).");
            case ExportFnStmt x when declaration.NameSpan == x.Function.Name?.Span:
                return Format(Signatures.Export(x), $"export fn: a C-ABI entry point (§9.5) ({scope}), {at}", comment);
            case FunctionStmt f when declaration.NameSpan == f.Function.Name?.Span:
                return Format(Signatures.Function(f.Function), $"function ({scope}), {at}", comment);
            case VarStmt when declaration.Function is { } lambda:
                return Format($"var {symbol.Name} = fn ({string.Join(", ", Signatures.Parameters(lambda))})", $"{scope} variable holding a function, {at}", comment);
            case FunctionDecl owner:
                var ownerName = owner.Name is null ? "fn" : module.ClassOfMethod(owner) is { } cls ? $"{cls.Name}.{owner.Name.Text}" : owner.Name.Text;
                return Format($"{symbol.Name}", $"{scope} of `{ownerName}`, {at}", null);
            case ForeachStmt:
                return Format($"var {symbol.Name}", $"{scope} (foreach variable), {at}", null);
            default:
                return Format($"var {symbol.Name}", $"{scope} variable, {at}", comment);
        }
    }

    private static string? DescribeMember(Navigator navigator, ModuleIndex module, Occurrence occurrence)
    {
        var name = occurrence.Name;
        if (occurrence.Role == MemberRole.MethodDeclaration && occurrence.Class is { } declaring)
        {
            return DescribeClassMember(module, declaring, name);
        }
        if (occurrence.Role == MemberRole.TableKey)
        {
            return occurrence.IsExportKey
                ? Format(name, $"member of the value of module `{module.Module.DisplayPath}` (its returned table)", null)
                : Format(name, "table key", null);
        }
        if (occurrence.Role == MemberRole.SuperUse)
        {
            return occurrence.Class?.Superclass is { } super && Navigator.FindMember(super, name) is { } inherited
                ? DescribeClassMember(module, inherited.Class, name) : null;
        }
        switch (navigator.TypeOf(module, occurrence.Receiver))
        {
            case InstanceType instance when Navigator.FindMember(instance.Class, name) is { } member:
                return DescribeClassMember(module, member.Class, name);
            case ModuleType imported:
                if (navigator.FindExport(imported.Path, name) is not var (exporter, entry)) return Format(name, $"not a member of module `{Path.GetFileName(imported.Path)}`", null);
                var header = $"member `{name}` of module `{exporter.Module.DisplayPath}`";
                if (entry.Value is VariableExpr value && exporter.Model.Symbol(value) is { } symbol)
                {
                    return DescribeVariable(navigator, exporter, symbol, null) + $"\n\n{header}";
                }
                return Format(name, header + $", {DeclaredAt(exporter, entry.KeySpan.Start)}", null);
        }
        var classes = navigator.ClassesDeclaring(name).ToList();
        if (classes.Count == 1 && navigator.Workspace.Find(classes[0].ModulePath) is { } home)
        {
            return DescribeClassMember(home, classes[0], name);
        }
        var owners = classes.Count == 0 ? "no class declares it" : "declared by " + string.Join(", ", classes.Select(c => $"`{c.Name}`"));
        return Format(name, $"property ({owners})", null);
    }

    private static string DescribeClassMember(ModuleIndex module, ClassInfo @class, string name)
    {
        if (@class.Methods.TryGetValue(name, out var method) && method.Name is { } methodName)
        {
            return Format(Signatures.Function(method, @class.Name), $"method of class `{@class.Name}`, {DeclaredAt(module, methodName.Span.Start)}",
                Signatures.CommentAbove(module, method.Span.Start));
        }
        if (@class.Fields.TryGetValue(name, out var field))
        {
            return Format($"this.{name}", $"field of class `{@class.Name}`, first assigned at line {module.Lines.ToPosition(field.Start).Line + 1} of `{Path.GetFileName(module.Path)}`", null);
        }
        return Format(name, $"member of class `{@class.Name}`", null);
    }
}
