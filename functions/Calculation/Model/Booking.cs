using NodaTime;

namespace ShortSentences.Calculation;

/// <summary>One person's sentences and adjustments on one booking: everything the calculator reads.</summary>
public sealed record Booking(
    LocalDate DateOfBirth,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Adjustment> Adjustments,
    LocalDate? ReturnToCustodyDate = null)
{
    /// <summary>Length of a fixed-term recall recorded against the booking (CRDS `fixedTermRecallDetails`), if any.</summary>
    public int? FixedTermRecallLengthDays { get; init; }

    /// <summary>Prison movements (releases and returns), in any order.</summary>
    public IReadOnlyList<ExternalMovement> ExternalMovements { get; init; } = [];

    /// <summary>
    /// Whether the person was out of prison on an early release (home detention curfew or end of custody supervised
    /// licence) at the start of a day, released since the given date and not yet back.
    /// </summary>
    public bool WasOutOnEarlyReleaseOn(LocalDate day, LocalDate since)
    {
        ExternalMovement? last = null;
        foreach (var m in ExternalMovements)
            if (m.Date < day && m.Date >= since && (last is null || m.Date >= last.Date)) last = m;
        return last is { Direction: MovementDirection.Out, Reason: "HDC" or "ECSL" };
    }

    /// <summary>Active sex offenders are not eligible for HDC.</summary>
    public bool IsActiveSexOffender { get; init; }
}

/// <summary>A standard determinate sentence as passed by the court.</summary>
public sealed record Sentence(
    string Id,
    LocalDate SentencedAt,
    LocalDate OffenceCommittedAt,
    Duration Duration,
    IReadOnlyList<string>? ConsecutiveTo = null,
    Recall? Recall = null)
{
    /// <summary>Offence categories that exclude the sentence from early release schemes (SDS40, progression model).</summary>
    public IReadOnlyList<EarlyReleaseExclusion> Exclusions { get; init; } = [];

    public bool IsConsecutive => ConsecutiveTo is { Count: > 0 };
}

/// <summary>A sentence length as the court states it: years, months, weeks and days, applied in that order.</summary>
public sealed record Duration(int Years = 0, int Months = 0, int Weeks = 0, int Days = 0)
{
    public static Duration OfDays(int days) => new(Days: days);
    public static Duration OfWeeks(int weeks) => new(Weeks: weeks);
    public static Duration OfMonths(int months) => new(Months: months);
    public static Duration OfYears(int years) => new(Years: years);

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0;

    public override string ToString()
    {
        var parts = new List<string>(4);
        if (Years != 0) parts.Add(Plural(Years, "year"));
        if (Months != 0) parts.Add(Plural(Months, "month"));
        if (Weeks != 0) parts.Add(Plural(Weeks, "week"));
        if (Days != 0) parts.Add(Plural(Days, "day"));
        return parts.Count == 0 ? "0 days" : string.Join(" ", parts);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

public enum MovementDirection { In, Out }

/// <summary>A release from or admission to prison, with the reason recorded (e.g. HDC, ECSL, CRD, RECALL_ADMISSION).</summary>
public sealed record ExternalMovement(LocalDate Date, MovementDirection Direction, string Reason);

public enum RecallType { Standard, FixedTerm14, FixedTerm28, FixedTerm56 }

/// <summary>The sentence has been recalled after release on licence.</summary>
public sealed record Recall(RecallType Type, LocalDate? RevocationDate = null, LocalDate? ReturnToCustodyDate = null);

/// <summary>Offence categories (CRDS `sdsEarlyReleaseExclusions`).</summary>
public enum EarlyReleaseExclusion
{
    Sexual, Violent, DomesticAbuse, NationalSecurity, Terrorism, Murder,
    SexualT3, ViolentT3, DomesticAbuseT3, NationalSecurityT3, TerrorismT3, MurderT3,
    ProgressionModelSchedule13Part3,
}

public enum AdjustmentKind
{
    Remand,
    TaggedBail,
    UnlawfullyAtLarge,
    AdditionalDaysAwarded,
    RestorationOfAdditionalDaysAwarded,
    RecallRemand,
    RecallTaggedBail,
}

/// <summary>Days credited or added. `AppliesToSentencesFrom` is the sentence date the adjustment was recorded against.</summary>
public sealed record Adjustment(
    AdjustmentKind Kind,
    int Days,
    LocalDate AppliesToSentencesFrom,
    LocalDate? FromDate = null,
    LocalDate? ToDate = null);
