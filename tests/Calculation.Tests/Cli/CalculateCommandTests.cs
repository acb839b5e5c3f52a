using System.Text.Json;
using ShortSentences.Cli;
using Xunit;

namespace ShortSentences.Calculation.Tests.Cli;

public sealed class CalculateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("calculate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CalculateCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string File(string content)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void A_CRDS_case_prints_its_dates_length_and_explanations_as_JSON()
    {
        var input = Path.Combine(CrdsFixtures.Folder(), "custom-examples__crs-1008-consec-week-years", "input.json");
        var (code, output, error) = Run(input);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var dates = json.RootElement.GetProperty("dates");
        Assert.Equal(["CRD", "SLED", "TUSED", "ESED"], dates.EnumerateObject().Select(p => p.Name));   // enum order, stable
        Assert.Equal("2022-02-24", dates.GetProperty("CRD").GetString());
        Assert.Equal("P2M7D", json.RootElement.GetProperty("effectiveSentenceLength").GetString());
        Assert.StartsWith("CRD 2022-02-24: ", json.RootElement.GetProperty("explanations").GetProperty("CRD").GetString());
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"booking\": {\"offender\": {\"dateOfBirth\": \"1990-01-01\"}, \"sentences\": [{\"type\": \"StandardSentence\", \"offence\": {\"committedAt\": \"2020-01-01\"}, \"duration\": {\"durationElements\": {\"DAYS\": -3}}, \"sentencedAt\": \"2020-02-01\"}]}}",
        "booking.sentences[0].duration.durationElements.DAYS")]
    [InlineData("{\"booking\": {\"offender\": {\"dateOfBirth\": \"1990-13-01\"}, \"sentences\": []}}", "booking.offender.dateOfBirth")]
    [InlineData("{\"booking\": {\"offender\": {\"dateOfBirth\": \"1990-01-01\"}, \"sentences\": [{\"type\": \"Fine\"}]}}", "booking.sentences[0].type")]
    [InlineData("{\"booking\": {\"offender\": {\"dateOfBirth\": \"1990-01-01\"}, \"sentences\": [{\"type\": \"StandardSentence\", \"offence\": {\"committedAt\": \"2020-01-01\"}, \"duration\": {\"durationElements\": {\"YEARS\": 1}}, \"sentencedAt\": \"2020-02-01\"}]}, \"params\": \"sds-99\"}",
        "params")]
    public void Bad_input_exits_2_with_one_line_on_stderr_naming_the_problem_and_no_stack_trace(string content, string named)
    {
        var (code, output, error) = Run(File(content));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = error.TrimEnd('\n', '\r').Split('\n');
        Assert.Single(lines);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public void A_missing_file_or_no_file_exits_2()
    {
        Assert.Equal(2, Run(Path.Combine(_dir, "nope.json")).Code);
        Assert.Equal(2, Run().Code);
    }
}
