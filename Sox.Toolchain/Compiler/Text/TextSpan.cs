namespace Sox.Compiler.Text;

/// <summary>A range of UTF-16 offsets in a <see cref="SourceText"/>.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the span (exclusive).</summary>
    public int End => Start + Length;

    /// <summary>The span from <paramref name="start"/> to <paramref name="end"/> (exclusive); empty when <paramref name="end"/> is not after the start.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>The half-open range, <c>[start..end)</c>, as tests and dumps print it.</summary>
    public override string ToString() => $"[{Start}..{End})";
}
