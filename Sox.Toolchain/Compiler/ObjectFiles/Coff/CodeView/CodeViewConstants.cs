namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// The CodeView numbers Sox writes, as named in Microsoft's <c>cvinfo.h</c> (microsoft-pdb repository) and LLVM's
/// <c>llvm/DebugInfo/CodeView/CodeViewSymbols.def</c>, <c>CodeViewTypes.def</c> and <c>CodeView.h</c>.
/// </summary>
internal static class CodeViewConstants
{
    /// <summary>The first word of <c>.debug$S</c> and <c>.debug$T</c>: C13 line and symbol format (cvinfo.h).</summary>
    public const uint CV_SIGNATURE_C13 = 4;


    /// <summary>The first index of a type defined in <c>.debug$T</c>; lower ones are built in (cvinfo.h CV_FIRST_NONPRIM).</summary>
    public const uint FirstTypeIndex = 0x1000;

    /// <summary><c>CV_CFL_C</c>: S_COMPILE3's language. CodeView has no code for Sox; Sox functions are C-level
    /// functions (the Microsoft x64 convention, C names), so debuggers treat frames and values as C.</summary>
    public const byte CV_CFL_C = 0x00;

    /// <summary><c>CV_CFL_X64</c> (0xD0, also called AMD64): S_COMPILE3's machine.</summary>
    public const ushort CV_CFL_X64 = 0xD0;

    /// <summary><c>CV_CALL_NEAR_C</c>: LF_PROCEDURE's calling convention byte, what clang writes for x64.</summary>
    public const byte CV_CALL_NEAR_C = 0x00;

    /// <summary><c>CV_PFLAG_NOFPO</c>: S_GPROC32's flag "has a frame pointer".</summary>
    public const byte CV_PFLAG_NOFPO = 0x01;

    /// <summary>S_FRAMEPROC flags bits 14–15 (local) and 16–17 (parameter): the register that frame-relative
    /// variables are addressed from, 2 = the frame pointer (RBP on x64; LLVM <c>EncodedFramePtrReg::FramePtr</c>).</summary>
    public const uint FrameProcUsesFramePointer = (2u << 14) | (2u << 16);

    /// <summary><c>CV_LINE_STATEMENT</c>: a line entry that starts a statement (cvinfo.h CV_Line_t.fStatement).</summary>
    public const uint CV_LINE_STATEMENT = 0x8000_0000;

    /// <summary><c>CV_PUBLIC</c> member access (cvinfo.h CV_access_e, 3).</summary>
    public const ushort MemberAccessPublic = 3;
}
