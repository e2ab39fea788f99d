namespace Sox.Compiler.Passes;

/// <summary>A fixed-size set of small integers (global slots, blocks): the dataflow sets of the passes.</summary>
internal sealed class BitSet(int count)
{
    private readonly ulong[] _words = new ulong[(count + 63) / 64];

    /// <summary>The set of 0 … <paramref name="count"/> − 1.</summary>
    public static BitSet All(int count)
    {
        var set = new BitSet(count);
        Array.Fill(set._words, ~0UL);
        if ((count & 63) != 0) set._words[^1] = (1UL << (count & 63)) - 1;
        return set;
    }

    public bool Get(int i) => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public void Clear() => Array.Clear(_words);

    public void Remove(int i) => _words[i >> 6] &= ~(1UL << (i & 63));

    public BitSet Copy()
    {
        var copy = new BitSet(_words.Length * 64);
        _words.CopyTo(copy._words, 0);
        return copy;
    }

    /// <summary>Makes this set equal to <paramref name="other"/> (of the same size).</summary>
    public void CopyFrom(BitSet other) => other._words.CopyTo(_words, 0);

    public void IntersectWith(BitSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] &= other._words[i];
    }

    /// <summary>Removes every member of <paramref name="other"/> (of the same size).</summary>
    public void ExceptWith(BitSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] &= ~other._words[i];
    }

    public void UnionWith(BitSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] |= other._words[i];
    }

    public bool SetEquals(BitSet other) => _words.AsSpan().SequenceEqual(other._words);

    /// <summary>The smallest member ≥ <paramref name="from"/>, or −1.</summary>
    public int NextMember(int from)
    {
        var w = from >> 6;
        if (w >= _words.Length) return -1;
        var bits = _words[w] & (~0UL << (from & 63));
        while (true)
        {
            if (bits != 0) return (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
            if (++w >= _words.Length) return -1;
            bits = _words[w];
        }
    }
}
