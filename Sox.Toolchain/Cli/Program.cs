using Sox.Cli;

// The process entry only wires the console; everything else is callable in-process (tests use SoxCli.Run). Builds in
// this process may run without collections (CollectorRegion); in a test host they may not.
CollectorRegion.Enabled = true;
return SoxCli.Run(args, Console.Out, Console.Error);
