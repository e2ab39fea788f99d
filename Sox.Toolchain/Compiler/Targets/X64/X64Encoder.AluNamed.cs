namespace Sox.Compiler.Targets.X64;

// Per-operation names for the ALU group; the encodings live in X64Encoder.Alu.cs. ADD, OR, AND, SUB, XOR and CMP
// are named (the forms the backend emits); ADC/SBB are reachable through the X64AluOp methods.
public sealed partial class X64Encoder
{
    /// <summary><c>add r/m64, r64</c>.</summary>
    public void Add_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.Add, dst, src);
    /// <summary><c>add qword [mem], r64</c>.</summary>
    public void Add_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.Add, dst, src);
    /// <summary><c>add r64, qword [mem]</c>.</summary>
    public void Add_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.Add, dst, src);
    /// <summary><c>add r/m64, imm8</c> (sign-extended).</summary>
    public void Add_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Add, dst, imm);
    /// <summary><c>add qword [mem], imm8</c> (sign-extended).</summary>
    public void Add_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Add, dst, imm);
    /// <summary><c>add r/m64, imm32</c> (sign-extended).</summary>
    public void Add_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.Add, dst, imm);
    /// <summary><c>add qword [mem], imm32</c> (sign-extended).</summary>
    public void Add_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.Add, dst, imm);
    /// <summary><c>add rax, imm32</c> (short RAX form).</summary>
    public void Add_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.Add, imm);
    /// <summary><c>add r64, imm</c>, shortest form.</summary>
    public void Add_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.Add, dst, imm);
    /// <summary><c>add qword [mem], imm</c>, shortest form.</summary>
    public void Add_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.Add, dst, imm);

    /// <summary><c>or r/m64, r64</c>.</summary>
    public void Or_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.Or, dst, src);
    /// <summary><c>or qword [mem], r64</c>.</summary>
    public void Or_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.Or, dst, src);
    /// <summary><c>or r64, qword [mem]</c>.</summary>
    public void Or_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.Or, dst, src);
    /// <summary><c>or r/m64, imm8</c> (sign-extended).</summary>
    public void Or_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Or, dst, imm);
    /// <summary><c>or qword [mem], imm8</c> (sign-extended).</summary>
    public void Or_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Or, dst, imm);
    /// <summary><c>or r/m64, imm32</c> (sign-extended).</summary>
    public void Or_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.Or, dst, imm);
    /// <summary><c>or qword [mem], imm32</c> (sign-extended).</summary>
    public void Or_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.Or, dst, imm);
    /// <summary><c>or rax, imm32</c> (short RAX form).</summary>
    public void Or_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.Or, imm);
    /// <summary><c>or r64, imm</c>, shortest form.</summary>
    public void Or_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.Or, dst, imm);
    /// <summary><c>or qword [mem], imm</c>, shortest form.</summary>
    public void Or_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.Or, dst, imm);

    /// <summary><c>and r/m64, r64</c>.</summary>
    public void And_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.And, dst, src);
    /// <summary><c>and qword [mem], r64</c>.</summary>
    public void And_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.And, dst, src);
    /// <summary><c>and r64, qword [mem]</c>.</summary>
    public void And_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.And, dst, src);
    /// <summary><c>and r/m64, imm8</c> (sign-extended).</summary>
    public void And_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.And, dst, imm);
    /// <summary><c>and qword [mem], imm8</c> (sign-extended).</summary>
    public void And_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.And, dst, imm);
    /// <summary><c>and r/m64, imm32</c> (sign-extended).</summary>
    public void And_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.And, dst, imm);
    /// <summary><c>and qword [mem], imm32</c> (sign-extended).</summary>
    public void And_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.And, dst, imm);
    /// <summary><c>and rax, imm32</c> (short RAX form).</summary>
    public void And_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.And, imm);
    /// <summary><c>and r64, imm</c>, shortest form.</summary>
    public void And_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.And, dst, imm);
    /// <summary><c>and qword [mem], imm</c>, shortest form.</summary>
    public void And_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.And, dst, imm);

    /// <summary><c>sub r/m64, r64</c>.</summary>
    public void Sub_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.Sub, dst, src);
    /// <summary><c>sub qword [mem], r64</c>.</summary>
    public void Sub_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.Sub, dst, src);
    /// <summary><c>sub r64, qword [mem]</c>.</summary>
    public void Sub_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.Sub, dst, src);
    /// <summary><c>sub r/m64, imm8</c> (sign-extended).</summary>
    public void Sub_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Sub, dst, imm);
    /// <summary><c>sub qword [mem], imm8</c> (sign-extended).</summary>
    public void Sub_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Sub, dst, imm);
    /// <summary><c>sub r/m64, imm32</c> (sign-extended).</summary>
    public void Sub_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.Sub, dst, imm);
    /// <summary><c>sub qword [mem], imm32</c> (sign-extended).</summary>
    public void Sub_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.Sub, dst, imm);
    /// <summary><c>sub rax, imm32</c> (short RAX form).</summary>
    public void Sub_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.Sub, imm);
    /// <summary><c>sub r64, imm</c>, shortest form.</summary>
    public void Sub_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.Sub, dst, imm);
    /// <summary><c>sub qword [mem], imm</c>, shortest form.</summary>
    public void Sub_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.Sub, dst, imm);

    /// <summary><c>xor r/m64, r64</c>.</summary>
    public void Xor_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.Xor, dst, src);
    /// <summary><c>xor qword [mem], r64</c>.</summary>
    public void Xor_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.Xor, dst, src);
    /// <summary><c>xor r64, qword [mem]</c>.</summary>
    public void Xor_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.Xor, dst, src);
    /// <summary><c>xor r/m64, imm8</c> (sign-extended).</summary>
    public void Xor_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Xor, dst, imm);
    /// <summary><c>xor qword [mem], imm8</c> (sign-extended).</summary>
    public void Xor_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Xor, dst, imm);
    /// <summary><c>xor r/m64, imm32</c> (sign-extended).</summary>
    public void Xor_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.Xor, dst, imm);
    /// <summary><c>xor qword [mem], imm32</c> (sign-extended).</summary>
    public void Xor_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.Xor, dst, imm);
    /// <summary><c>xor rax, imm32</c> (short RAX form).</summary>
    public void Xor_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.Xor, imm);
    /// <summary><c>xor r64, imm</c>, shortest form.</summary>
    public void Xor_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.Xor, dst, imm);
    /// <summary><c>xor qword [mem], imm</c>, shortest form.</summary>
    public void Xor_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.Xor, dst, imm);

    /// <summary><c>cmp r/m64, r64</c>.</summary>
    public void Cmp_rm64_r64(X64Register dst, X64Register src) => Alu_rm64_r64(X64AluOp.Cmp, dst, src);
    /// <summary><c>cmp qword [mem], r64</c>.</summary>
    public void Cmp_rm64_r64(X64Memory dst, X64Register src) => Alu_rm64_r64(X64AluOp.Cmp, dst, src);
    /// <summary><c>cmp r64, qword [mem]</c>.</summary>
    public void Cmp_r64_rm64(X64Register dst, X64Memory src) => Alu_r64_rm64(X64AluOp.Cmp, dst, src);
    /// <summary><c>cmp r/m64, imm8</c> (sign-extended).</summary>
    public void Cmp_rm64_imm8(X64Register dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Cmp, dst, imm);
    /// <summary><c>cmp qword [mem], imm8</c> (sign-extended).</summary>
    public void Cmp_rm64_imm8(X64Memory dst, sbyte imm) => Alu_rm64_imm8(X64AluOp.Cmp, dst, imm);
    /// <summary><c>cmp r/m64, imm32</c> (sign-extended).</summary>
    public void Cmp_rm64_imm32(X64Register dst, int imm) => Alu_rm64_imm32(X64AluOp.Cmp, dst, imm);
    /// <summary><c>cmp qword [mem], imm32</c> (sign-extended).</summary>
    public void Cmp_rm64_imm32(X64Memory dst, int imm) => Alu_rm64_imm32(X64AluOp.Cmp, dst, imm);
    /// <summary><c>cmp rax, imm32</c> (short RAX form).</summary>
    public void Cmp_RAX_imm32(int imm) => Alu_RAX_imm32(X64AluOp.Cmp, imm);
    /// <summary><c>cmp r64, imm</c>, shortest form.</summary>
    public void Cmp_rm64_imm(X64Register dst, int imm) => Alu_rm64_imm(X64AluOp.Cmp, dst, imm);
    /// <summary><c>cmp qword [mem], imm</c>, shortest form.</summary>
    public void Cmp_rm64_imm(X64Memory dst, int imm) => Alu_rm64_imm(X64AluOp.Cmp, dst, imm);

    /// <summary><c>xor r/m32, r32</c> (<c>xor eax, eax</c> is the zeroing idiom).</summary>
    public void Xor_rm32_r32(X64Register dst, X64Register src) => Alu_rm32_r32(X64AluOp.Xor, dst, src);
}
