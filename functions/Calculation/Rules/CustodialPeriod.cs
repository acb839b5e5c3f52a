using NodaTime;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// Terms served together: a term sentenced while an earlier one is still running joins its period; a term passed after
/// every earlier sentence has expired starts a new period. Remand and tagged bail are credited within a period.
/// </summary>
public sealed record CustodialPeriod(LocalDate From, LocalDate To, bool IsFirst, bool IsLast)
{
    /// <summary>Whether an adjustment recorded against sentences from this date belongs to this period.</summary>
    public bool Owns(LocalDate appliesToSentencesFrom) =>
        (IsFirst || appliesToSentencesFrom >= From) && (IsLast || appliesToSentencesFrom <= To);

    public static IReadOnlyList<(Term Term, CustodialPeriod Period)> Assign(IReadOnlyList<Term> terms)
    {
        var ordered = terms.OrderBy(t => t.Start).ToList();
        var groups = new List<List<Term>>();
        var groupEnd = LocalDate.MinIsoValue;
        foreach (var t in ordered)
        {
            if (groups.Count > 0 && t.Start <= groupEnd)
            {
                groups[^1].Add(t);
                if (t.UnadjustedExpiry > groupEnd) groupEnd = t.UnadjustedExpiry;
            }
            else
            {
                groups.Add([t]);
                groupEnd = t.UnadjustedExpiry;
            }
        }
        var result = new List<(Term, CustodialPeriod)>();
        for (var i = 0; i < groups.Count; i++)
        {
            var from = groups[i].Min(t => t.Start);
            var to = i + 1 < groups.Count ? groups[i + 1].Min(t => t.Start).PlusDays(-1) : groups[i].Max(t => t.UnadjustedExpiry);
            var period = new CustodialPeriod(from, to, i == 0, i == groups.Count - 1);
            foreach (var t in groups[i]) result.Add((t, period));
        }
        return result;
    }
}
