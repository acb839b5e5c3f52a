using ShortSentences.Cli;

// The `./journeys` script's subcommands that run .NET code. Each command lives in its own file.
return args.Length == 0 ? Usage() : args[0] switch
{
    "calculate" => CalculateCommand.Run(args[1..]),
    "simulate" => SimulateCommand.Run(args[1..]),
    "bench" => BenchCommand.Run(args[1..]),
    "send" => SendCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: journeys (calculate FILE | simulate ... | bench [storage|calculator|journeys] | send FILE...)");
    return 2;
}
