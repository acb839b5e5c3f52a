using System.Collections.Immutable;
using System.Text.Json.Serialization;
using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;

namespace ShortSentences.Journeys.Stages;

/// <summary>Pending consequences of a licence breach: recall requested, decided, back in custody.</summary>
public sealed record RecallState(LocalDate? BreachedOn, bool Requested, RecallType? Decision, int? FixedTermDays,
    LocalDate? ReturnedOn, LocalDate? ReleaseDue);

/// <summary>A PSS breach on its way through the magistrates' court.</summary>
public sealed record PssBreachState(LocalDate On, LocalDate? HearingOn);

/// <summary>
/// A journey's state: everything <see cref="JourneyDecider"/> needs, folded from the history by Evolve alone.
/// Collections are immutable and ordered (ordinal), so a replayed state serialises to the same JSON.
/// </summary>
public sealed record JourneyState
{
    public required string JourneyId { get; init; }
    public Stage Stage { get; init; } = Stage.AwaitingSentence;
    public string Crn { get; init; } = "";
    public string? Noms { get; init; }
    public string SentenceId { get; init; } = "";
    public SentenceTerms? Terms { get; init; }
    public int SentenceDays { get; init; }
    public PersonProfile? Person { get; init; }
    public KeyDates? Dates { get; init; }
    public bool DatesSupplied { get; init; }
    public bool ShortSentenceFunction { get; init; }
    public string? Com { get; init; }
    public string? Prison { get; init; }
    public bool HeldOutOfArea { get; init; }
    public LocalDate? ReceivedOn { get; init; }
    public LocalDate? ReleasedOn { get; init; }
    public bool OnHdc { get; init; }
    public bool PreReleaseStarted { get; init; }
    public LocalDate? LicenceStartedOn { get; init; }
    public LocalDate? LicenceEndedOn { get; init; }
    public LocalDate? PssStartedOn { get; init; }
    public LocalDate? PssEndedOn { get; init; }
    public int Warnings { get; init; }
    public int CountedFaceToFace { get; init; }
    public int CountedVideo { get; init; }
    public RecallState? Recall { get; init; }
    public int Recalls { get; init; }
    public PssBreachState? PssBreach { get; init; }
    public int PssBreaches { get; init; }
    public bool PssSuspended { get; init; }
    public LocalDate? EndedOn { get; init; }
    public string? EndReason { get; init; }
    public bool EndedByPssRepeal { get; init; }
    public int DeadlineSeq { get; init; }
    [JsonInclude] public int FactCount { get; internal set; }
    public ImmutableArray<Deadline> Deadlines { get; init; } = [];
    public ImmutableSortedSet<string> Done { get; init; } = ImmutableSortedSet<string>.Empty;
    public ImmutableSortedSet<Pathway> Screened { get; init; } = ImmutableSortedSet<Pathway>.Empty;
    public ImmutableSortedSet<Pathway> Needs { get; init; } = ImmutableSortedSet<Pathway>.Empty;
    public ImmutableSortedSet<string> LawsApplied { get; init; } = ImmutableSortedSet<string>.Empty;
    /// <summary>Ids of the events already handled (duplicates are no-ops).</summary>
    [JsonInclude] public ImmutableSortedSet<string> Handled { get; internal set; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    public ImmutableList<JourneyEvent> Parked { get; init; } = ImmutableList<JourneyEvent>.Empty;
    /// <summary>Sentences that joined this term after the one that started it (consecutive or concurrent), in order.</summary>
    public ImmutableArray<JourneySentence> JoinedSentences { get; init; } = [];

    /// <summary>Every sentence of this custodial term: the one that started the journey, then those that joined it.</summary>
    [JsonIgnore]
    public IReadOnlyList<JourneySentence> Sentences => Terms is not { } terms ? []
        : [new JourneySentence(SentenceId, terms, [], []), .. JoinedSentences];

    [JsonIgnore] public bool Started => Stage != Stage.AwaitingSentence;

    public Deadline? OpenDeadline(string ruleId)
    {
        foreach (var d in Deadlines) if (d.RuleId == ruleId) return d;
        return null;
    }

    [JsonIgnore] public bool InCustodyBeforeRelease => Stage is Stage.Sentenced or Stage.InCustody or Stage.PreRelease;
    [JsonIgnore] public bool InCommunity => Stage is Stage.Licence or Stage.Pss;
}
