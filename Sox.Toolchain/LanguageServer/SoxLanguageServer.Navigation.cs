using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>The semantic queries (definition, references, …), from Sox.LanguageServices.</summary>
internal sealed partial class SoxLanguageServer
{
    private static ServerCapabilities NavigationCapabilities(ServerCapabilities capabilities) => capabilities;
}
