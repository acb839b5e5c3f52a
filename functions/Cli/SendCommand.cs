namespace ShortSentences.Cli;

public static class SendCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("journeys: 'send' is not available yet");
        return 1;
    }
}
