// LSP's Range, not System.Range (implicit usings bring in System).
global using Range = Sox.LanguageServer.Protocol.Range;
