namespace Sox.Compiler.Driver;

/// <summary>
/// Runs compiler work on a thread with a large stack. The front end and lowering recurse over the AST; the
/// parser caps nesting (SOX2007), and a big stack keeps every later recursive stage far from the limit, so the
/// compiler never dies of a stack overflow whatever the input (an uncatchable crash in .NET).
/// </summary>
public static class LargeStack
{
    /// <summary>256 MB: reserved address space only, committed as the recursion actually goes deep.</summary>
    public const int StackSize = 256 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a new thread named <paramref name="name"/> with <see cref="StackSize"/>
    /// and waits for it; an exception it throws is rethrown here with its original stack trace.</summary>
    public static T Run<T>(string name, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, StackSize)
        {
            Name = name,
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }
}
