using Sox.Cli;

// The process entry only wires the console; everything else is callable in-process (tests use SoxCli.Run).
return SoxCli.Run(args, Console.Out, Console.Error);
