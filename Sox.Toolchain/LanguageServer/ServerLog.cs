using Sox.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Sox.LanguageServer;

/// <summary>
/// The server's log: standard error (editors show it in the server's output channel) and, once connected,
/// <c>window/logMessage</c> for errors so the client can surface them. Never throws.
/// </summary>
internal sealed class ServerLog(TextWriter error)
{
    private readonly object _gate = new();

    public JsonRpc? Rpc { get; set; }

    public void Info(string message) => Write($"sox lsp: {message}");

    public void Error(string method, Exception exception)
    {
        var message = $"sox lsp: internal error in {method}: {exception}";
        Write(message);
        try
        {
            _ = Rpc?.NotifyWithParameterObjectAsync("window/logMessage", new LogMessageParams(1, message));
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException or IOException or InvalidOperationException)
        {
            // The client is gone; standard error has it.
        }
    }

    private void Write(string message)
    {
        try
        {
            lock (_gate)
            {
                error.WriteLine(message);
                error.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nobody reads standard error any more.
        }
    }
}
