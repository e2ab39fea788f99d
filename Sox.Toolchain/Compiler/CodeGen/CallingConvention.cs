namespace Sox.Compiler.CodeGen;

/// <summary>
/// Assigns argument locations for a call or an incoming parameter list, once for every backend
/// (style.md: calling-convention logic lives once, in shared code; the target supplies the registers).
/// Instruction selection (<see cref="InstructionSelector"/>) follows the <see cref="CallLayout"/> without knowing
/// the convention, so a new convention is a change here and in <see cref="CallingConventionKind"/> only.
/// <list type="bullet">
/// <item>SysV AMD64 (§3.2.3): INTEGER class in RDI, RSI, RDX, RCX, R8, R9 and SSE class in XMM0–7, counted
/// independently; the rest on the stack in 8-byte slots in argument order (pushed right to left), the caller
/// cleans up; for variadic calls AL holds the number of vector registers used (<see cref="CallLayout.FloatRegistersUsed"/>).</item>
/// <item>AAPCS64 (§6.8.2): X0–X7 and V0–V7 independently, then the stack in 8-byte slots (stage C).</item>
/// <item>Apple arm64 ("Writing ARM64 code for Apple platforms"): as AAPCS64 for fixed arguments, except that a
/// fixed argument on the stack takes only its own size at its natural alignment (an <c>int32</c> 4 bytes, a
/// <c>uint8</c> 1 byte); every variadic argument goes on the stack in an 8-byte slot.</item>
/// <item>Microsoft x64 ("x64 calling convention"): arguments by position, the i-th in the i-th of RCX, RDX, R8, R9
/// or XMM0–XMM3 by its class (a double second takes XMM1, and RCX stays unused); the caller always reserves the
/// 32-byte home area (<see cref="TargetDescription.HomeAreaBytes"/>), so the fifth argument is at [rsp+32] at the call;
/// a variadic floating-point argument in a register is also copied to the integer register of its position
/// (<see cref="ArgumentLocation.AlsoInRegister"/>), because the callee's va_arg reads the home area its prologue
/// filled from the integer registers.</item>
/// </list>
/// Sox values are 8 bytes; C arguments narrower than 8 bytes (§9 <c>int32</c>, <c>uint8</c>, <c>bool</c>,
/// <c>float</c>) still take an 8-byte slot on SysV and Linux AAPCS64, so widths matter only on Apple arm64.
/// </summary>
public static class CallingConvention
{
    /// <param name="target">The target whose argument registers to use.</param>
    /// <param name="classes">Each argument's register class.</param>
    /// <param name="fixedCount">For a variadic call, the number of named (non-variadic) arguments; else null.</param>
    /// <param name="widths">Each argument's size in bytes (1, 4 or 8); null means 8 for every argument.</param>
    public static CallLayout Assign(TargetDescription target, IReadOnlyList<RegisterClass> classes, int? fixedCount = null, IReadOnlyList<int>? widths = null)
    {
        if (target.Convention == CallingConventionKind.MicrosoftX64) return AssignPositional(target, classes, fixedCount);
        var locations = new ArgumentLocation[classes.Count];
        int nextInt = 0, nextFloat = 0, stack = 0;
        for (var i = 0; i < classes.Count; i++)
        {
            var variadic = fixedCount is { } n && i >= n;
            if (variadic && target.Convention == CallingConventionKind.AppleArm64)
            {
                stack = AlignUp(stack, 8);
                locations[i] = ArgumentLocation.Stack(stack);
                stack += 8;
                continue;
            }
            if (classes[i] == RegisterClass.General && nextInt < target.IntegerArguments.Count)
            {
                locations[i] = ArgumentLocation.InRegister(target.IntegerArguments[nextInt++]);
            }
            else if (classes[i] == RegisterClass.Float && nextFloat < target.FloatArguments.Count)
            {
                locations[i] = ArgumentLocation.InRegister(target.FloatArguments[nextFloat++]);
            }
            else if (target.Convention == CallingConventionKind.AppleArm64 && widths is not null && widths[i] < 8)
            {
                stack = AlignUp(stack, widths[i]);
                locations[i] = ArgumentLocation.Stack(stack, widths[i]);
                stack += widths[i];
            }
            else
            {
                stack = AlignUp(stack, 8);
                locations[i] = ArgumentLocation.Stack(stack);
                stack += 8;
            }
        }
        return new CallLayout(locations, AlignUp(stack, target.StackAlignment), nextFloat)
        {
            // SysV AMD64 §3.5.7: a variadic callee's prologue reads AL (the low byte of RAX, the integer result
            // register) for an upper bound of the vector registers used, to know which to spill for va_arg.
            ImplicitArguments = fixedCount is not null && target.Convention == CallingConventionKind.SysVAmd64
                ? [new ImplicitArgument(target.IntegerResult, nextFloat)]
                : [],
        };
    }

    /// <summary>
    /// Microsoft x64: argument i in register i of its class while i &lt; 4, else at 32 + 8·(i − 4); a variadic double in
    /// a register is also in the integer register of its position. The area is at least the home area, 16-aligned.
    /// </summary>
    private static CallLayout AssignPositional(TargetDescription target, IReadOnlyList<RegisterClass> classes, int? fixedCount)
    {
        var locations = new ArgumentLocation[classes.Count];
        var registers = Math.Min(target.IntegerArguments.Count, target.FloatArguments.Count);
        int stack = target.HomeAreaBytes, floats = 0;
        for (var i = 0; i < classes.Count; i++)
        {
            if (i < registers)
            {
                var isFloat = classes[i] == RegisterClass.Float;
                var variadic = fixedCount is { } n && i >= n;
                locations[i] = ArgumentLocation.InRegister(isFloat ? target.FloatArguments[i] : target.IntegerArguments[i]) with
                {
                    AlsoInRegister = isFloat && variadic ? target.IntegerArguments[i] : null,
                };
                if (isFloat) floats = i + 1;
            }
            else
            {
                locations[i] = ArgumentLocation.Stack(stack);
                stack += 8;
            }
        }
        return new CallLayout(locations, AlignUp(stack, target.StackAlignment), floats);
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
