using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    private void ResolveStatements(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements) ResolveStatement(statement);
    }

    private void ResolveStatement(Stmt statement)
    {
        if (!EnterNesting(statement.Span)) return;
        try
        {
            switch (statement)
            {
                case ExpressionStmt s: ResolveExpression(s.Expression); break;
                case PrintStmt s: ResolveExpression(s.Value); break;
                case VarStmt s: ResolveVar(s); break;
                case BlockStmt s: ResolveBlock(s); break;
                case IfStmt s:
                    ResolveExpression(s.Condition);
                    ResolveStatement(s.Then);
                    if (s.Else is not null) ResolveStatement(s.Else);
                    break;
                case WhileStmt s:
                    ResolveExpression(s.Condition);
                    ResolveLoopBody(s.Body);
                    break;
                case ForStmt s: ResolveFor(s); break;
                case ForeachStmt s: ResolveForeach(s); break;
                case SwitchStmt s: ResolveSwitch(s); break;
                case BreakStmt s:
                    if (_function.Loops == 0 && _function.Switches == 0) Report(DiagnosticCodes.BreakOutsideLoop, s.Span);
                    break;
                case ContinueStmt s:
                    if (_function.Loops == 0) Report(DiagnosticCodes.ContinueOutsideLoop, s.Span);
                    break;
                case ReturnStmt s: ResolveReturn(s); break;
                case DeferStmt s: ResolveFunction(s.Body, "defer"); break;
                case AssertStmt s:
                    ResolveExpression(s.Condition);
                    if (s.Message is not null) ResolveExpression(s.Message);
                    break;
                case FunctionStmt s: ResolveFunctionStatement(s); break;
                case ClassStmt s: ResolveClass(s); break;
                case ImportStmt s: ResolveImport(s); break;
                case ExternFnStmt s: ResolveExtern(s); break;
                case ExportFnStmt s: ResolveExport(s); break;
                default: throw new InvalidOperationException($"Resolver: unhandled statement {statement.GetType().Name}.");
            }
        }
        finally
        {
            LeaveNesting();
        }
    }

    /// <summary>
    /// At top level <c>var x = x</c> reads the global (allowed); in a local scope the new variable is declared
    /// first and reading it in its own initializer is SOX3001 (Lox).
    /// </summary>
    private void ResolveVar(VarStmt statement)
    {
        if (AtGlobalLevel)
        {
            if (statement.Initializer is not null) ResolveExpression(statement.Initializer);
            _model.Bind(statement, Declare(statement.Name, SymbolKind.Local));
            return;
        }
        var symbol = Declare(statement.Name, SymbolKind.Local);
        _model.Bind(statement, symbol);
        if (statement.Initializer is null) return;
        _uninitialized.Add(symbol);
        ResolveExpression(statement.Initializer);
        _uninitialized.Remove(symbol);
    }

    private void ResolveBlock(BlockStmt block)
    {
        BeginScope();
        ResolveStatements(block.Statements);
        EndScope();
    }

    private void ResolveLoopBody(Stmt body)
    {
        _function.Loops++;
        ResolveStatement(body);
        _function.Loops--;
    }

    /// <summary>The initializer's variable lives in a scope around the whole loop: one variable for all iterations (§4).</summary>
    private void ResolveFor(ForStmt statement)
    {
        BeginScope();
        if (statement.Initializer is not null) ResolveStatement(statement.Initializer);
        if (statement.Condition is not null) ResolveExpression(statement.Condition);
        if (statement.Increment is not null) ResolveExpression(statement.Increment);
        ResolveLoopBody(statement.Body);
        EndScope();
    }

    /// <summary>The iterable is evaluated outside; key and value are fresh variables of each iteration's scope (§4).</summary>
    private void ResolveForeach(ForeachStmt statement)
    {
        ResolveExpression(statement.Iterable);
        BeginScope();
        if (statement.KeyName is not null) _model.BindForeachKey(statement, Declare(statement.KeyName, SymbolKind.Local));
        _model.Bind(statement, Declare(statement.ValueName, SymbolKind.Local));
        ResolveLoopBody(statement.Body);
        EndScope();
    }

    /// <summary>Case values are evaluated in the enclosing scope; each arm's body is a block; <c>break</c> leaves the switch.</summary>
    private void ResolveSwitch(SwitchStmt statement)
    {
        ResolveExpression(statement.Subject);
        foreach (var arm in statement.Cases)
        {
            foreach (var value in arm.Values) ResolveExpression(value);
            _function.Switches++;
            ResolveStatement(arm.Body);
            _function.Switches--;
        }
    }

    /// <summary>
    /// <c>init</c> always returns <c>this</c> (§5) and a defer body's value would be lost, so only a bare
    /// <c>return</c> is allowed there. A top-level <c>return</c> gives the module's value (§6).
    /// </summary>
    private void ResolveReturn(ReturnStmt statement)
    {
        if (statement.Value is null) return;
        if (_function.Info.Kind == FunctionKind.Initializer) Report(DiagnosticCodes.ReturnValueFromInitializer, statement.Span);
        else if (_function.Info.Kind == FunctionKind.Defer) Report(DiagnosticCodes.ReturnFromDefer, statement.Span);
        ResolveExpression(statement.Value);
    }
}
