using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// One row of the encoding tables: GNU assembly text (instructions separated by ';'), the bytes GNU as produced
/// for it in memory order, the relocation it reported (<c>"offset Kind symbol addend"</c> or empty), and the
/// encoder call that must produce the same.
/// </summary>
internal sealed record EncodingRow(string Assembly, string Hex, string Relocation, Action<Arm64Encoder> Emit);
