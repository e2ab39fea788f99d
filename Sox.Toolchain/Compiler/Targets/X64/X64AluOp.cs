namespace Sox.Compiler.Targets.X64;

/// <summary>
/// The eight classic two-operand ALU operations. The value is the <c>/digit</c> of the 80/81/83 immediate group
/// and, times 8, the base of the operation's one-byte opcodes (00/01 r/m,r; 02/03 r,r/m; 04/05 AL/rAX,imm)
/// (Intel SDM Vol. 2D Appendix A, Table A-6 "Opcode Extensions", group 1).
/// </summary>
public enum X64AluOp : byte
{
    /// <summary>ADD.</summary>
    Add = 0,
    /// <summary>OR.</summary>
    Or = 1,
    /// <summary>ADC (add with carry).</summary>
    Adc = 2,
    /// <summary>SBB (subtract with borrow).</summary>
    Sbb = 3,
    /// <summary>AND.</summary>
    And = 4,
    /// <summary>SUB.</summary>
    Sub = 5,
    /// <summary>XOR.</summary>
    Xor = 6,
    /// <summary>CMP (SUB that only sets flags).</summary>
    Cmp = 7,
}
