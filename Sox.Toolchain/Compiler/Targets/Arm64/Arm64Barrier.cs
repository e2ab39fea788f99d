namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The option of a DMB/DSB barrier; the value is the 4-bit CRm field (Arm ARM C6.2 DMB, "&lt;option&gt;").
/// </summary>
public enum Arm64Barrier : byte
{
    /// <summary>Outer shareable, loads.</summary>
    Oshld = 1,
    /// <summary>Outer shareable, stores.</summary>
    Oshst = 2,
    /// <summary>Outer shareable, all.</summary>
    Osh = 3,
    /// <summary>Non-shareable, loads.</summary>
    Nshld = 5,
    /// <summary>Non-shareable, stores.</summary>
    Nshst = 6,
    /// <summary>Non-shareable, all.</summary>
    Nsh = 7,
    /// <summary>Inner shareable, loads.</summary>
    Ishld = 9,
    /// <summary>Inner shareable, stores.</summary>
    Ishst = 10,
    /// <summary>Inner shareable, all (the usual one between threads).</summary>
    Ish = 11,
    /// <summary>Full system, loads.</summary>
    Ld = 13,
    /// <summary>Full system, stores.</summary>
    St = 14,
    /// <summary>Full system, all.</summary>
    Sy = 15,
}
