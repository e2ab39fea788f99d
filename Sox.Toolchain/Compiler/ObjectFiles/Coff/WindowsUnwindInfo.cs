using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// Windows x64 unwind data ("x64 exception handling": <c>UNWIND_INFO</c>, <c>UNWIND_CODE</c>, <c>RUNTIME_FUNCTION</c>)
/// made from the prologue steps the emitter recorded (<see cref="FunctionPrologue"/>), so the description is a
/// by-product of emitting the prologue and cannot disagree with it.
/// <code>
/// UNWIND_INFO  { u8 Version:3 = 1, Flags:5 = 0; u8 SizeOfProlog; u8 CountOfCodes; u8 FrameRegister:4, FrameOffset:4;
///                UNWIND_CODE codes[CountOfCodes rounded up to even] }                      4-byte aligned, .xdata
/// UNWIND_CODE  { u8 CodeOffset (end of the instruction); u8 UnwindOp:4, OpInfo:4 } + 0, 1 or 2 extra 16-bit slots,
///                in descending CodeOffset order (the reverse of the prologue)
/// RUNTIME_FUNCTION { u32 BeginAddress; u32 EndAddress; u32 UnwindData }                 image-relative, .pdata
/// </code>
/// Codes: <c>UWOP_PUSH_NONVOL</c> (0, info = register), <c>UWOP_ALLOC_LARGE</c> (1; info 0: size/8 in one slot, info 1:
/// size in two), <c>UWOP_ALLOC_SMALL</c> (2, info = size/8 − 1 for 8–128 bytes), <c>UWOP_SET_FPREG</c> (3),
/// <c>UWOP_SAVE_NONVOL</c> (4, offset/8 in one slot) and <c>_FAR</c> (5, offset in two), <c>UWOP_SAVE_XMM128</c> (8,
/// offset/16 in one slot) and <c>_FAR</c> (9, offset in two). Register numbers are the hardware numbers (RAX 0 … R15 15,
/// XMM n as n).
/// </summary>
public static class WindowsUnwindInfo
{
    /// <summary>UWOP_* operation codes.</summary>
    private const int PushNonvol = 0, AllocLarge = 1, AllocSmall = 2, SetFpreg = 3, SaveNonvol = 4, SaveNonvolFar = 5, SaveXmm128 = 8, SaveXmm128Far = 9;

    /// <summary>The <c>UNWIND_INFO</c> record (version 1, no handler) of a function whose prologue is <paramref name="prologue"/>.</summary>
    /// <exception cref="InvalidOperationException">The prologue is longer than 255 bytes or has a step the format cannot express.</exception>
    public static byte[] Encode(FunctionPrologue prologue)
    {
        if (prologue.Size > 255) throw new InvalidOperationException($"A prologue of {prologue.Size} bytes is longer than UNWIND_INFO allows (255).");
        var slots = new List<ushort>();
        int frameRegister = 0, frameOffset = 0;
        foreach (var (offset, step) in Enumerable.Reverse(prologue.Steps))
        {
            var at = checked((byte)offset);
            switch (step.Operation)
            {
                case PrologueOperation.PushNonvolatile:
                    slots.Add(Code(at, PushNonvol, step.Register));
                    break;
                case PrologueOperation.Allocate:
                    var size = step.Value;
                    if (size <= 0 || size % 8 != 0) throw new InvalidOperationException($"Cannot describe an allocation of {size} bytes.");
                    if (size <= 128) slots.Add(Code(at, AllocSmall, size / 8 - 1));
                    else if (size <= 8 * 0xFFFF) slots.AddRange([Code(at, AllocLarge, 0), (ushort)(size / 8)]);
                    else slots.AddRange([Code(at, AllocLarge, 1), (ushort)size, (ushort)(size >> 16)]);
                    break;
                case PrologueOperation.SetFrameRegister:
                    if (step.Value % 16 != 0 || step.Value > 240) throw new InvalidOperationException($"Frame offset {step.Value} is not a multiple of 16 up to 240.");
                    frameRegister = step.Register;
                    frameOffset = step.Value / 16;
                    slots.Add(Code(at, SetFpreg, 0));
                    break;
                case PrologueOperation.SaveNonvolatile:
                    AddSave(slots, at, step.Register, step.Value, 8, SaveNonvol, SaveNonvolFar);
                    break;
                case PrologueOperation.SaveXmm128:
                    AddSave(slots, at, step.Register - TargetDescription.FloatBase, step.Value, 16, SaveXmm128, SaveXmm128Far);
                    break;
            }
        }
        if (slots.Count > 255) throw new InvalidOperationException("Too many unwind codes.");
        var count = slots.Count;
        if (slots.Count % 2 != 0) slots.Add(0);
        var bytes = new byte[4 + 2 * slots.Count];
        bytes[0] = 1;
        bytes[1] = (byte)prologue.Size;
        bytes[2] = (byte)count;
        bytes[3] = (byte)(frameRegister | frameOffset << 4);
        for (var i = 0; i < slots.Count; i++)
        {
            bytes[4 + 2 * i] = (byte)slots[i];
            bytes[5 + 2 * i] = (byte)(slots[i] >> 8);
        }
        return bytes;
    }

    private static void AddSave(List<ushort> slots, byte at, int register, int offset, int scale, int near, int far)
    {
        if (offset < 0 || offset % scale != 0) throw new InvalidOperationException($"Cannot describe a save at frame offset {offset}.");
        if (offset / scale <= 0xFFFF) slots.AddRange([Code(at, near, register), (ushort)(offset / scale)]);
        else slots.AddRange([Code(at, far, register), (ushort)offset, (ushort)(offset >> 16)]);
    }

    private static ushort Code(byte offset, int operation, int info) => (ushort)(offset | (operation | info << 4) << 8);
}
