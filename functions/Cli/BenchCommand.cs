namespace ShortSentences.Cli;

/// <summary>Dispatches `./journeys bench [what]`; each benchmark lives in its own file.</summary>
public static class BenchCommand
{
    public static int Run(string[] args)
    {
        var what = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "durable";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (what)
        {
            case "durable": return Durable.DurableBench.Run(rest);
            case "journeys": return JourneysBench.Run(rest);
            case "calculator": return CalculatorBench.Run(rest);
            default:
                Console.Error.WriteLine($"journeys: unknown benchmark '{what}' (durable, calculator, journeys)");
                return 2;
        }
    }
}
