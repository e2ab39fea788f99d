using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary><c>extern fn</c> and <c>export fn</c> (§9). <c>extern</c>/<c>export</c> are contextual words, not keywords.</summary>
public sealed partial class Parser
{
    private static readonly Dictionary<string, CType> s_cTypes = new(StringComparer.Ordinal)
    {
        ["int"] = CType.Int, ["int32"] = CType.Int32, ["uint8"] = CType.UInt8, ["double"] = CType.Double,
        ["float"] = CType.Float, ["bool"] = CType.Bool, ["cstring"] = CType.CString, ["pointer"] = CType.Pointer,
        ["void"] = CType.Void,
    };

    /// <summary><c>extern fn</c> or <c>extern "lib" fn</c> at the start of a statement; otherwise <c>extern</c> is a name.</summary>
    private bool IsExternStart() => Current is { Kind: TokenKind.Identifier, Text: "extern" }
        && PeekToken(1).Kind is TokenKind.Fn or TokenKind.String;

    private bool IsExportStart() => Current is { Kind: TokenKind.Identifier, Text: "export" } && PeekToken(1).Kind == TokenKind.Fn;

    /// <summary><c>extern ["lib"] fn name(p: ctype, …[, ...])[: ctype]</c>; a missing return type means <c>void</c>.</summary>
    private Stmt? ParseExtern()
    {
        var keyword = Advance();
        var library = Check(TokenKind.String) ? Advance().StringValue : null;
        Expect(TokenKind.Fn, "'fn'", "after the library name");
        var name = ExpectName("function");
        if (name is null) return null;
        var (parameters, isVariadic) = ParseCParameters(allowVariadic: true);
        var returnType = ParseReturnType();
        return EndSimple(new ExternFnStmt(library, name, parameters, isVariadic, returnType, SpanFrom(keyword)));
    }

    /// <summary><c>export fn name(p: ctype, …)[: ctype] { body }</c>: the body is a Sox function of kind Export.</summary>
    private Stmt? ParseExport()
    {
        var keyword = Advance();
        Advance(); // fn
        var name = ExpectName("function");
        if (name is null) return null;
        var (parameters, _) = ParseCParameters(allowVariadic: false);
        var returnType = ParseReturnType();
        var body = ParseFunctionBody("before the function body");
        var function = new FunctionDecl(name, FunctionKind.Export, parameters.Select(p => p.Name).ToArray(), body, [], SpanFrom(keyword));
        return new ExportFnStmt(function, parameters, returnType);
    }

    /// <summary><c>(name: ctype, …)</c>; <c>...</c> may only end an extern's list (SOX2013), at most 255 parameters.</summary>
    private (List<CParameter> Parameters, bool IsVariadic) ParseCParameters(bool allowVariadic)
    {
        var parameters = new List<CParameter>();
        var isVariadic = false;
        if (!Expect(TokenKind.LeftParen, "'('", "before the parameters"))
        {
            RecoverToBody();
            return (parameters, false);
        }
        if (!Check(TokenKind.RightParen))
        {
            do
            {
                if (Check(TokenKind.Ellipsis))
                {
                    var ellipsis = Advance();
                    if (!allowVariadic) SoftError(ellipsis.Span, DiagnosticCodes.VariadicExport);
                    else if (!Check(TokenKind.RightParen)) SoftError(ellipsis.Span, DiagnosticCodes.VariadicNotLast);
                    isVariadic = allowVariadic;
                    continue;
                }
                if (parameters.Count == 255) SoftError(Current.Span, DiagnosticCodes.TooManyParameters);
                var name = ExpectName("parameter");
                if (name is null) break;
                if (!Expect(TokenKind.Colon, "':'", "after the parameter name")) break;
                var type = ParseCType();
                if (type is null) break;
                parameters.Add(new CParameter(name, type));
            }
            while (Match(TokenKind.Comma));
        }
        if (!Expect(TokenKind.RightParen, "')'", "after the parameters")) RecoverToBody();
        return (parameters, isVariadic);
    }

    private CTypeRef ParseReturnType()
    {
        if (Match(TokenKind.Colon)) return ParseCType() ?? new CTypeRef("void", CType.Void, new TextSpan(Previous.Span.End, 0));
        return new CTypeRef("void", CType.Void, new TextSpan(Previous.Span.End, 0));
    }

    /// <summary>A C type name; an unknown name keeps <see cref="CTypeRef.Type"/> null for the resolver to report (SOX3011).</summary>
    private CTypeRef? ParseCType()
    {
        if (!Check(TokenKind.Identifier))
        {
            Error(DiagnosticCodes.ExpectedName, "type");
            return null;
        }
        var token = Advance();
        return new CTypeRef(token.Text, s_cTypes.TryGetValue(token.Text, out var type) ? type : null, token.Span);
    }
}
