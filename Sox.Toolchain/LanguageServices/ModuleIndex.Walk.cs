using System.Runtime.CompilerServices;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.LanguageServices;

internal sealed partial class ModuleIndex
{
    /// <summary>
    /// The tree can be as deep as the parser allowed on its big-stack thread; here a subtree too deep for the
    /// caller's stack is skipped (its names are then simply not found) rather than overflowing.
    /// </summary>
    private static bool CanDescend() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    private void Statement(Stmt statement)
    {
        if (!CanDescend()) return;
        switch (statement)
        {
            case ExpressionStmt s: Expression(s.Expression); break;
            case PrintStmt s: Expression(s.Value); break;
            case VarStmt s:
                if (s.Initializer is not null) Expression(s.Initializer);
                if (Model.Symbol(s) is { } varSymbol && s.Initializer is not null) _initializers.TryAdd(varSymbol, s.Initializer);
                Declare(s.Name, Model.Symbol(s), s, (s.Initializer as FunctionExpr)?.Function);
                break;
            case BlockStmt s: WithScope(s.Span.End, () => Statements(s.Statements)); break;
            case IfStmt s:
                Expression(s.Condition);
                Statement(s.Then);
                if (s.Else is not null) Statement(s.Else);
                break;
            case WhileStmt s:
                Expression(s.Condition);
                Statement(s.Body);
                break;
            case ForStmt s:
                WithScope(s.Span.End, () =>
                {
                    if (s.Initializer is not null) Statement(s.Initializer);
                    if (s.Condition is not null) Expression(s.Condition);
                    if (s.Increment is not null) Expression(s.Increment);
                    Statement(s.Body);
                });
                break;
            case ForeachStmt s:
                Expression(s.Iterable);
                WithScope(s.Span.End, () =>
                {
                    if (s.KeyName is not null) Declare(s.KeyName, Model.ForeachKey(s), s);
                    Declare(s.ValueName, Model.ForeachValue(s), s);
                    Statement(s.Body);
                });
                break;
            case SwitchStmt s:
                Expression(s.Subject);
                foreach (var arm in s.Cases)
                {
                    foreach (var value in arm.Values) Expression(value);
                    Statement(arm.Body);
                }
                break;
            case ReturnStmt s:
                if (s.Value is not null) Expression(s.Value);
                break;
            case DeferStmt s: Function(s.Body); break;
            case AssertStmt s:
                Expression(s.Condition);
                if (s.Message is not null) Expression(s.Message);
                break;
            case FunctionStmt s:
                if (s.Function.Name is { } fnName) Declare(fnName, Model.Symbol(s), s, s.Function);
                Function(s.Function);
                break;
            case ExportFnStmt s:
                if (s.Function.Name is { } exportName) Declare(exportName, Model.Symbol(s), s, s.Function);
                Function(s.Function);
                break;
            case ExternFnStmt s: Declare(s.Name, Model.Symbol(s), s); break;
            case ClassStmt s: Class(s); break;
            case ImportStmt s:
                foreach (var spec in s.Imports) Import(spec);
                break;
        }
    }

    private void Class(ClassStmt statement)
    {
        var symbol = Model.Symbol(statement);
        var info = new ClassInfo(statement, symbol, Path);
        _classes.Add(info);
        Declare(statement.Name, symbol, statement, null, info);
        if (statement.Superclass is not null) Expression(statement.Superclass);
        foreach (var method in statement.Methods)
        {
            _methodClasses[method] = info;
            if (method.Name is { } name)
            {
                info.Methods.TryAdd(name.Text, method);
                Add(new Occurrence
                {
                    Span = name.Span,
                    Kind = OccurrenceKind.Member,
                    Name = name.Text,
                    IsDeclaration = true,
                    Function = CurrentFunction,
                    Role = MemberRole.MethodDeclaration,
                    Class = info,
                });
            }
            Function(method);
        }
    }

    private void Import(ImportSpec spec)
    {
        var symbol = Model.Symbol(spec);
        Add(new Occurrence
        {
            Span = spec.PathSpan,
            Kind = OccurrenceKind.ImportPath,
            Name = spec.Path,
            Function = CurrentFunction,
            Import = spec,
        });
        if (symbol is null) return;
        if (spec.Alias is { } alias)
        {
            Add(new Occurrence
            {
                Span = alias.Span,
                Kind = OccurrenceKind.Variable,
                Name = alias.Text,
                Symbol = symbol,
                IsDeclaration = true,
                Function = CurrentFunction,
                Import = spec,
            });
        }
        // Without an alias the path string declares the name (Resolver.ImportBindingName); the path occurrence
        // stands for both, and the declaration is recorded for hover, completion and references.
        _declarations.TryAdd(symbol, new Declaration(spec, spec.Alias?.Span ?? spec.PathSpan, null, null));
        if (!symbol.IsGlobal) _locals.Add((symbol, TextSpan.FromBounds(spec.Span.Start, _scopeEnds[^1])));
    }

    private void Member(Name name, Expr? receiver, MemberRole role, ClassInfo? @class = null) => Add(new Occurrence
    {
        Span = name.Span,
        Kind = OccurrenceKind.Member,
        Name = name.Text,
        Function = CurrentFunction,
        Role = role,
        Receiver = receiver,
        Class = @class,
    });

    private void Expression(Expr expression)
    {
        if (!CanDescend()) return;
        switch (expression)
        {
            case VariableExpr e: Variable(e.Name, Model.Symbol(e), declaration: false); break;
            case AssignExpr e:
                Expression(e.Value);
                Variable(e.Name, Model.Symbol(e), declaration: false);
                break;
            case UnaryExpr e: Expression(e.Operand); break;
            case BinaryExpr e:
                Expression(e.Left);
                Expression(e.Right);
                break;
            case LogicalExpr e:
                Expression(e.Left);
                Expression(e.Right);
                break;
            case GroupingExpr e: Expression(e.Inner); break;
            case CallExpr e:
                Expression(e.Callee);
                foreach (var argument in e.Arguments) Expression(argument);
                break;
            case GetExpr e:
                Expression(e.Object);
                Member(e.Name, e.Object, MemberRole.Use);
                break;
            case SetExpr e:
                Expression(e.Object);
                Expression(e.Value);
                Member(e.Name, e.Object, MemberRole.Use);
                if (e.Object is ThisExpr self && ClassOfReceiver(self) is { } owner) owner.Fields.TryAdd(e.Name.Text, e.Name.Span);
                break;
            case IndexExpr e:
                Expression(e.Object);
                Expression(e.Index);
                break;
            case IndexSetExpr e:
                Expression(e.Object);
                Expression(e.Index);
                Expression(e.Value);
                break;
            case SliceExpr e:
                Expression(e.Object);
                if (e.Start is not null) Expression(e.Start);
                if (e.End is not null) Expression(e.End);
                break;
            case ThisExpr e:
                Add(new Occurrence { Span = e.Span, Kind = OccurrenceKind.This, Name = "this", Symbol = Model.Symbol(e), Function = CurrentFunction });
                break;
            case SuperExpr e:
                var owning = Model.Receiver(e) is { } receiver ? ClassOfThis(receiver) : null;
                Add(new Occurrence { Span = new TextSpan(e.Span.Start, Math.Min(5, e.Span.Length)), Kind = OccurrenceKind.Super, Name = "super", Function = CurrentFunction, Class = owning });
                Member(e.Method, null, MemberRole.SuperUse, owning);
                break;
            case ArrayLiteral e:
                foreach (var element in e.Elements) Expression(element);
                break;
            case TableLiteral e:
                var exported = _exportTables.Contains(e);
                foreach (var entry in e.Entries)
                {
                    Add(new Occurrence
                    {
                        Span = entry.KeySpan,
                        Kind = OccurrenceKind.Member,
                        Name = entry.Key,
                        IsDeclaration = true,
                        Function = CurrentFunction,
                        Role = MemberRole.TableKey,
                        IsExportKey = exported,
                    });
                    Expression(entry.Value);
                }
                break;
            case FunctionExpr e: Function(e.Function); break;
        }
    }

    /// <summary>The class of the method whose receiver a <c>this</c> is.</summary>
    public ClassInfo? ClassOfReceiver(ThisExpr expression) => Model.Symbol(expression) is { } symbol ? ClassOfThis(symbol) : null;

    public ClassInfo? ClassOfThis(VariableSymbol receiver) =>
        receiver.DeclaringFunction?.Declaration is { } method ? ClassOfMethod(method) : null;
}
