using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>
/// One row of the encoding tables: Intel assembly text, the bytes GNU <c>as</c> produced for it, the relocation
/// it reported (<c>"offset Kind symbol addend"</c> or empty), and the encoder call that must produce the same.
/// </summary>
internal sealed record EncodingRow(string Assembly, string Hex, string Relocation, Action<X64Encoder> Emit);
