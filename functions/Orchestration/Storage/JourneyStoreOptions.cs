namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// Where the product's own journey data lives (the engine's own state is the Durable Task hub's business).
/// <see cref="Prefix"/> puts every name behind a prefix so several hosts (tests, benches) can share one account.
/// </summary>
public sealed record JourneyStoreOptions(string Prefix = "")
{
    /// <summary>One partition per journey: its inbox, the event ids it has seen, its history of facts, its state row.</summary>
    public string JourneysTable => Prefix + "journeys";

    /// <summary>The read index the API and staff pages query: one row per journey under its person, pointers by NOMS.</summary>
    public string IndexTable => Prefix + "journeyindex";

    /// <summary>Operators' controls (hold, release, terminate) with who asked and why.</summary>
    public string ControlsTable => Prefix + "journeycontrols";

    /// <summary>Reminder commands for the delivery, each with its idempotency key (queue names are lower case).</summary>
    public string RemindersQueue => (Prefix + "reminders").ToLowerInvariant();
}
