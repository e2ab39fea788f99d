namespace Sox.Cli;

/// <summary>
/// The arguments after the command name, split into options and operands. Options are <c>--name</c>,
/// <c>--name=value</c> or <c>--name value</c> (the latter only for options the command declares as taking a
/// value); <c>--</c> ends the options so a file may be called <c>--odd.sox</c>; a lone <c>-</c> is an operand.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options;
    private readonly Dictionary<string, List<string>> _all;

    private CommandLine(Dictionary<string, string?> options, Dictionary<string, List<string>> all, IReadOnlyList<string> operands)
    {
        _options = options;
        _all = all;
        Operands = operands;
    }

    public IReadOnlyList<string> Operands { get; }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <summary>Every value given for a repeatable option (<c>-l m -l pthread</c>), in order.</summary>
    public IReadOnlyList<string> Values(string option) => _all.TryGetValue(option, out var list) ? list : [];

    /// <summary>
    /// Parses <paramref name="args"/> against the options a command accepts (names without dashes; a name in
    /// <paramref name="valued"/> takes a value). Returns null and sets <paramref name="error"/> on a usage error.
    /// </summary>
    public static CommandLine? Parse(
        IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued, out string? error,
        bool stopAtFirstOperand = false)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var operands = new List<string>();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                if (stopAtFirstOperand)
                {
                    // `sox run FILE args…`: everything after the file belongs to the program.
                    operands.AddRange(args.Skip(i));
                    break;
                }
                operands.Add(arg);
                continue;
            }
            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            var equals = body.IndexOf('=');
            var name = equals >= 0 ? body[..equals] : body;
            if (name is "h" or "?") name = "help";
            if (valued.Contains(name))
            {
                string? value = equals >= 0 ? body[(equals + 1)..] : i + 1 < args.Count ? args[++i] : null;
                if (value is null)
                {
                    error = $"option '--{name}' needs a value";
                    return null;
                }
                options[name] = value;
                if (!all.TryGetValue(name, out var list)) all[name] = list = new List<string>();
                list.Add(value);
            }
            else if (flags.Contains(name) && equals < 0)
            {
                options[name] = null;
            }
            else
            {
                error = flags.Contains(name) ? $"option '--{name}' takes no value" : $"unknown option '{arg}'";
                return null;
            }
        }
        return new CommandLine(options, all, operands);
    }
}
