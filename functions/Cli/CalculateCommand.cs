namespace ShortSentences.Cli;

public static class CalculateCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("journeys: 'calculate' is not available yet");
        return 1;
    }
}
