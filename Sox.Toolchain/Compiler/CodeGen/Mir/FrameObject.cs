namespace Sox.Compiler.CodeGen.Mir;

/// <summary>A piece of the frame: a spill slot, or a stack slot the IR asked for (argument arrays).</summary>
public sealed record FrameObject(int Size, int Alignment, bool IsSpill);
