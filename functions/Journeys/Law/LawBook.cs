using NodaTime;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// The effective-dated legislation the journeys follow (ARCHITECTURE.md D5): what each commencement does to a journey
/// in flight. Commencement dates come from the calculator's <see cref="LegislationDates"/>, so the two agree.
/// <see cref="FrozenAt"/> gives the book as it stood on a day, for what-if simulations.
/// </summary>
public sealed class LawBook
{
    public IReadOnlyList<LawChange> Changes { get; }

    public LawBook(IEnumerable<LawChange> changes) =>
        Changes = changes.OrderBy(c => c.Commences).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();

    public static LawBook EnglandAndWales { get; } = new(
    [
        new("ora14-pss", LegislationDates.OffenderRehabilitationAct, LawEffect.PssIntroduced,
            "Offender Rehabilitation Act 2014: licence plus post-sentence supervision to 12 months after release for sentences under 2 years"),
        new("sds40", LegislationDates.Sds40Tranche1, LawEffect.ReleaseFraction,
            "SDS40: standard determinate sentences released at 40%, including people already in custody", Fraction: 0.4m),
        new("hdc-365", LegislationDates.Hdc365, LawEffect.HdcPeriodExtended,
            "HDC period up to 365 days"),
        new("sa26-suspended", new LocalDate(2026, 3, 22), LawEffect.SuspendedSentencePresumption,
            "Sentencing Act 2026: sentences of 12 months or less presumed suspended"),
        new("ftr-56", LegislationDates.FixedTermRecall56, LawEffect.FixedTermRecallLength,
            "Fixed-term recalls for adults become 56 days", RecallDays: 56),
        new("pss-repeal", LegislationDates.PssRepeal, LawEffect.PssRepealed,
            "Sentencing Act 2026 s.34: post-sentence supervision repealed; breaches begun before commencement can still be dealt with"),
        new("hdc-end", LegislationDates.AdultHdcRepeal, LawEffect.HdcEnded,
            "Adult home detention curfew ends"),
        new("progression-574", LegislationDates.ProgressionModel, LawEffect.ReleaseFraction,
            "Progression model: release at one third, first tranche (sentences of 574 days or less)",
            Fraction: 1m / 3m, MaxSentenceDays: 574),
        new("progression-all", new LocalDate(2027, 6, 8), LawEffect.ReleaseFraction,
            "Progression model: release at one third, second tranche (all standard determinate sentences)", Fraction: 1m / 3m),
    ]);

    /// <summary>The day this book was frozen at (what-if runs), or null when it follows the law as it commences.</summary>
    public LocalDate? FrozenOn { get; private init; }

    public LawBook FrozenAt(LocalDate day) => new(Changes.Where(c => c.Commences <= day)) { FrozenOn = day };

    public LawChange? Find(string id) => Changes.FirstOrDefault(c => c.Id == id);

    private bool InForce(LawEffect effect, LocalDate day) => Changes.Any(c => c.Effect == effect && c.Commences <= day);

    public bool PssRepealedOn(LocalDate day) => InForce(LawEffect.PssRepealed, day);

    /// <summary>Adult HDC has ended by <paramref name="day"/>: no HDC eligibility date for anyone still in custody.</summary>
    public bool HdcEndedOn(LocalDate day) => InForce(LawEffect.HdcEnded, day);

    /// <summary>Fixed-term recall length in days for a recall decided on <paramref name="day"/>.</summary>
    public int FixedTermRecallDays(int sentenceDays, LocalDate day)
    {
        int? days = null;
        foreach (var c in Changes)
        {
            if (c.Commences > day) break;
            if (c.Effect == LawEffect.FixedTermRecallLength && c.RecallDays is { } d) days = d;
        }
        // Before the 56-day rule: 14 days for sentences under 12 months, 28 days otherwise.
        return days ?? (sentenceDays < 365 ? 14 : 28);
    }
}
