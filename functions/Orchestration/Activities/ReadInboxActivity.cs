using Microsoft.DurableTask;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// What a journey asks of its inbox: items after <paramref name="AfterSeq"/>, at most <paramref name="Max"/>; only
/// those of <paramref name="OnlyType"/> when given (a held journey looks only for its release).
/// </summary>
public sealed record InboxRequest(string JourneyId, long AfterSeq, int Max, string? OnlyType = null);

/// <summary>Events read, oldest first; <paramref name="More"/> when the inbox held more than were asked for.</summary>
public sealed record InboxBatch(IReadOnlyList<InboxItem> Items, bool More);

/// <summary>Reads a journey's inbox (read only, so running it twice is harmless).</summary>
[DurableTask(JourneyActivities.ReadInbox)]
public sealed class ReadInboxActivity(JourneyInbox inbox) : TaskActivity<InboxRequest, InboxBatch>
{
    public override async Task<InboxBatch> RunAsync(TaskActivityContext context, InboxRequest input)
    {
        var items = await inbox.ReadAsync(input.JourneyId, input.AfterSeq, input.Max + 1, CancellationToken.None, input.OnlyType);
        return items.Count > input.Max ? new InboxBatch(items.Take(input.Max).ToList(), true) : new InboxBatch(items, false);
    }
}
