namespace ShortSentences.Journeys.Stages;

/// <summary>The stages of DOMAIN.md section 2, plus the states breach and recall interrupt them with.</summary>
public enum Stage
{
    /// <summary>No sentence recorded yet: events that arrive are parked.</summary>
    AwaitingSentence,
    Sentenced,
    InCustody,
    PreRelease,
    Licence,
    /// <summary>Back in custody on recall, waiting for re-release (fixed term) or sentence expiry (standard).</summary>
    RecalledToCustody,
    Pss,
    /// <summary>Supervision has ended (TUSED or PSS repeal) but a breach begun before can still be dealt with by the court.</summary>
    BreachProceedings,
    Ended,
}
