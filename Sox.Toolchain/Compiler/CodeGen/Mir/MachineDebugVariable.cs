using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen.Mir;

/// <summary>
/// A Sox variable of a machine function: the lowering's <see cref="IrDebugVariable"/> with the virtual register its IR
/// register became, or null when instruction selection never saw that register (every assignment was removed).
/// </summary>
/// <param name="Variable">The variable as the lowering recorded it.</param>
/// <param name="Register">The virtual register the location starts from, when there is one.</param>
public sealed record MachineDebugVariable(IrDebugVariable Variable, MReg? Register);
