namespace Sox.Compiler.Ir;

/// <summary>
/// A place in a section's bytes that the linker patches with (an address derived from) <see cref="Symbol"/>
/// plus <see cref="Addend"/>. Encoders produce these; object writers translate <see cref="Kind"/>.
/// For x86-64 PC-relative kinds the addend already includes the -4 of the displacement's end (System V ABI §4.4).
/// </summary>
public readonly record struct SymbolRelocation(int Offset, RelocationKind Kind, string Symbol, long Addend);
