using Microsoft.DurableTask;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// Reads the journey's recorded turn, for an orchestration told that another decision of its turn was recorded first
/// and not given it (see <see cref="ApplyTurnActivity"/>). Read only, so running it twice is harmless.
/// </summary>
[DurableTask(JourneyActivities.ReadRecord)]
public sealed class ReadRecordActivity(JourneyRecords records) : TaskActivity<string, JourneySnapshot>
{
    public override async Task<JourneySnapshot> RunAsync(TaskActivityContext context, string journeyId) =>
        await records.StateAsync(journeyId, CancellationToken.None) ?? throw new InvalidOperationException($"journey {journeyId} has no record");
}
