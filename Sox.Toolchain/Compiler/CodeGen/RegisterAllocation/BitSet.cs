using System.Numerics;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>A fixed-size set of small integers for dataflow: word-wise union/difference and set-bit iteration.</summary>
public sealed class BitSet
{
    private readonly ulong[] _words;

    public BitSet(int size) => _words = new ulong[(size + 63) >> 6];

    public bool this[int i] => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

    /// <summary>this ← use ∪ (out − def); returns whether this changed.</summary>
    public bool AssignTransfer(BitSet use, BitSet @out, BitSet def)
    {
        var changed = false;
        for (var w = 0; w < _words.Length; w++)
        {
            var value = use._words[w] | (@out._words[w] & ~def._words[w]);
            if (value != _words[w])
            {
                _words[w] = value;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>this ← this ∪ other; returns whether this changed.</summary>
    public bool UnionWith(BitSet other)
    {
        var changed = false;
        for (var w = 0; w < _words.Length; w++)
        {
            var value = _words[w] | other._words[w];
            if (value != _words[w])
            {
                _words[w] = value;
                changed = true;
            }
        }
        return changed;
    }

    public IEnumerable<int> Members()
    {
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return (w << 6) + bit;
                word &= word - 1;
            }
        }
    }
}
