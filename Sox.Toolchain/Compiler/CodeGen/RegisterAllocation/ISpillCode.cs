using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>The target's loads and stores of spill slots, used when rewriting spilled virtual registers.</summary>
public interface ISpillCode
{
    /// <summary>Loads frame object <paramref name="frameObject"/> into physical register <paramref name="physical"/>.</summary>
    MachineInstr Load(int physical, int frameObject);

    /// <summary>Stores physical register <paramref name="physical"/> into frame object <paramref name="frameObject"/>.</summary>
    MachineInstr Store(int frameObject, int physical);
}
