using System.Globalization;
using System.Text;

namespace Sox.Compiler.Ir;

/// <summary>
/// Readable, stable text for a module (<c>sox build --emit ir</c>, <c>--dump-after=&lt;pass&gt;</c>, test
/// assertions). The format, one item per line:
/// <code>
/// data sox_str_m_0 local data string_object align 8 size 20
///   bytes 01 01 00 00 …
///   reloc +16 abs64 sym+0
/// function sox_fn_m_fib local sox -> i64 trace "fib"
///   params %0:i64 %1:i64
///   slot $0 size 16 align 8 args
/// b0:
///   %2:i64 = const 0x7ffc000000000001 nil  @3
///   %3:i64 = sox.add %1, %2  @3
///   br.truthy %3, b1, b2  @3
/// </code>
/// Registers are <c>%id</c> (typed where defined), stack slots <c>$id</c>, blocks <c>b&lt;id&gt;[.hint]</c>; the
/// trailing <c>@n</c> is the source line.
/// </summary>
public static class IrPrinter
{
    /// <summary>The whole module: a header line, the data items, then each function after a blank line.</summary>
    public static string Print(IrModule module)
    {
        var sb = new StringBuilder();
        sb.Append("module ").Append(module.Name).Append(" lines ").Append(module.LineTableSymbol).Append('\n');
        foreach (var d in module.Data) PrintData(sb, d);
        foreach (var f in module.Functions)
        {
            sb.Append('\n');
            PrintFunction(sb, f);
        }
        return sb.ToString();
    }

    /// <summary>One function: its header, parameters, stack slots and blocks.</summary>
    public static string Print(IrFunction function)
    {
        var sb = new StringBuilder();
        PrintFunction(sb, function);
        return sb.ToString();
    }

    private static void PrintData(StringBuilder sb, DataItem d)
    {
        sb.Append("data ").Append(d.Symbol).Append(' ').Append(Lower(d.Linkage)).Append(' ')
            .Append(Snake(d.Section.ToString())).Append(' ').Append(Snake(d.Kind.ToString()))
            .Append(" align ").Append(d.Alignment).Append(" size ").Append(d.Bytes.Length).Append('\n');
        for (var i = 0; i < d.Bytes.Length; i += 32)
        {
            sb.Append("  bytes ").Append(Convert.ToHexString(d.Bytes, i, Math.Min(32, d.Bytes.Length - i)).ToLowerInvariant()).Append('\n');
        }
        foreach (var r in d.Relocations)
        {
            sb.Append("  reloc +").Append(r.Offset).Append(' ').Append(Snake(r.Kind.ToString())).Append(' ')
                .Append(r.Symbol).Append(r.Addend < 0 ? "" : "+").Append(r.Addend).Append('\n');
        }
    }

    private static void PrintFunction(StringBuilder sb, IrFunction f)
    {
        sb.Append("function ").Append(f.Symbol).Append(' ').Append(Lower(f.Linkage)).Append(' ')
            .Append(Snake(f.Convention.ToString())).Append(" -> ").Append(f.ReturnType is { } t ? Type(t) : "void");
        if (f.InLineTable) sb.Append(" trace ").Append(f.TraceName is null ? "script" : "\"" + f.TraceName + "\"");
        if (f.HasDefers) sb.Append(" defers");
        sb.Append('\n');
        sb.Append("  params");
        foreach (var p in f.Parameters) sb.Append(' ').Append(Def(p));
        sb.Append('\n');
        foreach (var s in f.StackSlots)
        {
            sb.Append("  slot ").Append(s).Append(" size ").Append(s.Size).Append(" align ").Append(s.Alignment);
            if (s.Hint is not null) sb.Append(' ').Append(s.Hint);
            sb.Append('\n');
        }
        foreach (var b in f.Blocks)
        {
            sb.Append(b.Label).Append(":\n");
            foreach (var inst in b.Instructions) sb.Append("  ").Append(Format(inst)).Append("  @").Append(inst.Line).Append('\n');
        }
    }

    /// <summary>One instruction without its line.</summary>
    public static string Format(Instruction inst) => inst switch
    {
        ConstInst c when c.Dest.Type == IrType.F64 => $"{Def(c.Dest)} = const {c.AsDouble.ToString("R", CultureInfo.InvariantCulture)}",
        ConstInst c => $"{Def(c.Dest)} = const {Constant(c.Bits)}",
        CopyInst c => $"{Def(c.Dest)} = copy {c.Source}",
        IntBinaryInst b => $"{Def(b.Dest)} = {b.Op.Name()} {b.Left}, {b.Right}",
        FloatBinaryInst b => $"{Def(b.Dest)} = {b.Op.Name()} {b.Left}, {b.Right}",
        IntCompareInst c => $"{Def(c.Dest)} = cmp.{c.Condition.Name()} {c.Left}, {c.Right}",
        FloatCompareInst c => $"{Def(c.Dest)} = fcmp.{c.Condition.Name()} {c.Left}, {c.Right}",
        ConvertInst c => $"{Def(c.Dest)} = {c.Kind.Name()} {c.Source}",
        LoadInst l => $"{Def(l.Dest)} = load{l.Width * 8} [{l.Base}{Offset(l.Offset)}]",
        StoreInst s => $"store{s.Width * 8} [{s.Base}{Offset(s.Offset)}], {s.Value}",
        SymbolAddressInst a => $"{Def(a.Dest)} = addr {a.Symbol}{(a.Addend == 0 ? "" : Offset(a.Addend))}",
        StackSlotAddressInst s => $"{Def(s.Dest)} = slotaddr {s.Slot}",
        CallInst c => FormatCall(c),
        SoxBinaryInst b => $"{Def(b.Dest)} = sox.{b.Op.Name()} {b.Left}, {b.Right}",
        SoxUnaryInst u => $"{Def(u.Dest)} = sox.{u.Op.Name()} {u.Operand}",
        SoxTruthyInst t => $"{Def(t.Dest)} = sox.truthy {t.Value}",
        JumpInst j => $"jmp {j.Target.Label}",
        BranchInst b => $"br {b.Condition}, {b.IfTrue.Label}, {b.IfFalse.Label}",
        CompareBranchInst b => $"br.{b.Condition.Name()} {b.Left}, {b.Right}, {b.IfTrue.Label}, {b.IfFalse.Label}",
        FloatCompareBranchInst b => $"fbr.{b.Condition.Name()} {b.Left}, {b.Right}, {b.IfTrue.Label}, {b.IfFalse.Label}",
        BranchTruthyInst b => $"br.truthy {b.Value}, {b.IfTrue.Label}, {b.IfFalse.Label}",
        ReturnInst r => r.Value is null ? "ret" : $"ret {r.Value}",
        UnreachableInst => "unreachable",
        _ => inst.GetType().Name,
    };

    private static string FormatCall(CallInst c)
    {
        var sb = new StringBuilder();
        if (c.Result is not null) sb.Append(Def(c.Result)).Append(" = ");
        sb.Append("call.").Append(Snake(c.Convention.ToString()));
        if (c.NoReturn) sb.Append(".noreturn");
        sb.Append(' ').Append(c.Symbol ?? "*" + c.Target);
        sb.Append('(').Append(string.Join(", ", c.Arguments.Select(a => a.Type == IrType.F64 ? a + ":f64" : a.ToString()))).Append(')');
        return sb.ToString();
    }

    private static string Def(VReg r) => $"{r}:{Type(r.Type)}";

    private static string Type(IrType t) => t == IrType.I64 ? "i64" : "f64";

    private static string Offset(long offset) => offset == 0 ? "" : offset > 0 ? "+" + offset : offset.ToString(CultureInfo.InvariantCulture);

    /// <summary>Small integers in decimal; other bit patterns in hex, annotated with the value they box (numbers with a non-zero exponent, tags).</summary>
    private static string Constant(long bits)
    {
        if (bits is > -(1L << 32) and < 1L << 32) return bits.ToString(CultureInfo.InvariantCulture);
        var hex = "0x" + bits.ToString("x16", CultureInfo.InvariantCulture);
        if (ValueBits.Describe(bits) is { } name) return hex + " " + name;
        if (ValueBits.IsNumber(bits) && ((bits >> 52) & 0x7ff) != 0) return hex + " num " + ValueBits.ToDouble(bits).ToString("R", CultureInfo.InvariantCulture);
        return hex;
    }

    private static string Lower(Linkage l) => l == Linkage.Local ? "local" : "global";

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1])) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
