namespace Sox.Compiler.Ir;

/// <summary>Symbol visibility in the object file.</summary>
public enum Linkage
{
    /// <summary>Only this object file refers to it (ELF STB_LOCAL).</summary>
    Local,
    /// <summary>Other object files (other modules, the runtime, C code) may refer to it (ELF STB_GLOBAL).</summary>
    Global,
}

/// <summary>
/// How an <see cref="IrFunction"/> receives its parameters and how a <see cref="CallInst"/> passes arguments.
/// All conventions are the platform C ABI underneath (architecture.md D2); they differ in what the parameters mean.
/// </summary>
public enum CallingConvention
{
    /// <summary>
    /// A Sox function: first the hidden raw closure pointer (runtime-abi.md "Functions"), then for methods the
    /// receiver, then the Sox arguments; every parameter and the result are I64 values.
    /// </summary>
    Sox,
    /// <summary>A plain C function: parameters and result may be I64 (integers, pointers, values) or F64 (double).</summary>
    C,
    /// <summary>
    /// A SoxFunction invoke thunk: <c>SoxValue invoke(SoxClosure* self, const SoxValue* args)</c>. Its body loads
    /// each argument from <c>args</c> and calls the Sox function; C convention with exactly two I64 parameters.
    /// </summary>
    InvokeThunk,
}
