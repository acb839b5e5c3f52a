namespace ShortSentences.Cli;

public static class SimulateCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("journeys: 'simulate' is not available yet");
        return 1;
    }
}
