using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// The frame of one function, the same shape on every target (architecture.md D3: frame pointers, 16-byte
/// alignment at every call):
/// <code>
/// higher addresses
///   | incoming stack args |  FP + IncomingArgumentsOffset + 8*i
///   | return address      |  (x64)   /  saved x29, x30 (arm64: the pair FP points at)
///   | saved frame pointer | &lt;- FP
///   | callee-saved regs   |  FP - 8, FP - 16, …
///   | frame objects       |  spill slots and IR stack slots, FP-relative negative offsets
///   | outgoing args       | &lt;- SP, 16-byte aligned at every call
/// </code>
/// <see cref="BodySize"/> is what the prologue subtracts from SP after establishing FP; it is a multiple of
/// 16 so SP stays aligned (on x64 the return address and saved RBP together are 16 bytes; on arm64 the
/// saved x29/x30 pair is).
/// </summary>
public sealed class FrameLayout
{
    private FrameLayout(IReadOnlyList<(int Register, int Offset)> calleeSaved, int saveAreaBytes, int[] objectOffsets, int outgoingBytes, int bodySize)
    {
        CalleeSaved = calleeSaved;
        SaveAreaBytes = saveAreaBytes;
        ObjectOffsets = objectOffsets;
        OutgoingArgumentBytes = outgoingBytes;
        BodySize = bodySize;
    }

    /// <summary>Callee-saved registers the function uses, each with its FP-relative save offset.</summary>
    public IReadOnlyList<(int Register, int Offset)> CalleeSaved { get; }

    /// <summary>
    /// Bytes right below FP that hold <see cref="CalleeSaved"/>, rounded up to 16: the Windows x64 prologue allocates
    /// them before it sets the frame register, so that its unwind codes can name each save by an unsigned offset.
    /// </summary>
    public int SaveAreaBytes { get; }

    /// <summary>FP-relative offset of each frame object (index as in <see cref="MachineFunction.FrameObjects"/>).</summary>
    public int[] ObjectOffsets { get; }

    /// <summary>Bytes at the bottom of the frame for the outgoing stack arguments of the largest call.</summary>
    public int OutgoingArgumentBytes { get; }

    /// <summary>Bytes below FP: callee-saved area + frame objects + outgoing arguments, rounded up to the stack alignment.</summary>
    public int BodySize { get; }

    /// <summary>Lays out the frame of <paramref name="function"/> once allocation has chosen <paramref name="usedCalleeSaved"/>.</summary>
    public static FrameLayout Compute(MachineFunction function, IReadOnlyList<int> usedCalleeSaved)
    {
        var alignment = function.Target.StackAlignment;
        var offset = 0;
        var saved = new List<(int, int)>();
        var wide = new List<int>();
        foreach (var r in usedCalleeSaved)
        {
            // Whole 128-bit registers (Microsoft x64 XMM6–XMM15) go below the 8-byte saves, 16-byte aligned.
            if (TargetDescription.ClassOf(r) == RegisterClass.Float && function.Target.CalleeSavedFloatBytes == 16)
            {
                wide.Add(r);
                continue;
            }
            offset += 8;
            saved.Add((r, -offset));
        }
        foreach (var r in wide)
        {
            offset = AlignUp(offset, 16) + 16;
            saved.Add((r, -offset));
        }
        var saveArea = AlignUp(offset, 16);

        var objectOffsets = new int[function.FrameObjects.Count];
        // Larger alignments first keeps padding small.
        foreach (var i in Enumerable.Range(0, function.FrameObjects.Count).OrderByDescending(i => function.FrameObjects[i].Alignment))
        {
            var obj = function.FrameObjects[i];
            offset += obj.Size;
            offset = AlignUp(offset, obj.Alignment);
            objectOffsets[i] = -offset;
        }

        var outgoing = AlignUp(function.OutgoingArgumentBytes, 8);
        var body = AlignUp(offset + outgoing, alignment);
        return new FrameLayout(saved, saveArea, objectOffsets, outgoing, body);
    }

    /// <summary>FP-relative address of a frame-slot operand.</summary>
    public int FrameSlotOffset(MachineOperand operand) => ObjectOffsets[operand.FrameSlotIndex] + operand.FrameSlotOffset;

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
