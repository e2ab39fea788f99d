namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>Subsection kinds of <c>.debug$S</c> (cvinfo.h <c>DEBUG_S_SUBSECTION_TYPE</c>).</summary>
internal enum CodeViewSubsectionKind : uint
{
    DEBUG_S_SYMBOLS = 0xF1,
    DEBUG_S_LINES = 0xF2,
    DEBUG_S_STRINGTABLE = 0xF3,
    DEBUG_S_FILECHKSMS = 0xF4,
}

/// <summary>Symbol record kinds (cvinfo.h <c>SYM_ENUM_e</c>; LLVM <c>CodeViewSymbols.def</c>).</summary>
internal enum CodeViewSymbolKind : ushort
{
    S_FRAMEPROC = 0x1012,
    S_OBJNAME = 0x1101,
    S_UDT = 0x1108,
    S_COMPILE3 = 0x113C,
    S_LOCAL = 0x113E,
    S_DEFRANGE_REGISTER = 0x1141,
    S_DEFRANGE_FRAMEPOINTER_REL = 0x1142,
    S_DEFRANGE_REGISTER_REL = 0x1145,
    S_LPROC32_ID = 0x1146,
    S_GPROC32_ID = 0x1147,
    S_PROC_ID_END = 0x114F,
}

/// <summary>Type record leaves (cvinfo.h <c>LEAF_ENUM_e</c>; LLVM <c>CodeViewTypes.def</c>).</summary>
internal enum CodeViewTypeLeaf : ushort
{
    LF_PROCEDURE = 0x1008,
    LF_ARGLIST = 0x1201,
    LF_FIELDLIST = 0x1203,
    LF_STRUCTURE = 0x1505,
    LF_MEMBER = 0x150D,
    LF_FUNC_ID = 0x1601,
}

/// <summary>Built-in type indices (cvinfo.h "Special Types"): <c>T_VOID</c>, <c>T_UQUAD</c> (unsigned __int64),
/// <c>T_REAL64</c> (double).</summary>
internal enum CodeViewBuiltinType : uint
{
    T_VOID = 0x0003,
    T_UQUAD = 0x0023,
    T_REAL64 = 0x0041,
}
