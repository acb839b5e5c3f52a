using NodaTime;
using ShortSentences.Calculation.Arithmetic;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// A term to serve: one sentence on its own, or a chain of consecutive sentences aggregated into one term
/// (their durations added element by element and counted from the first sentence's date).
/// </summary>
public sealed record Term(IReadOnlyList<Sentence> Parts)
{
    public Sentence First => Parts[0];
    public LocalDate Start => First.SentencedAt;
    public bool IsConsecutive => Parts.Count > 1 && !IsSingleTerm;
    public Recall? Recall { get; } = FirstRecall(Parts);

    private static Recall? FirstRecall(IReadOnlyList<Sentence> parts)
    {
        foreach (var p in parts) if (p.Recall is not null) return p.Recall;
        return null;
    }

    /// <summary>The aggregated duration: consecutive durations added element by element.</summary>
    public Duration Duration { get; init; } = Aggregate(Parts);

    /// <summary>A CJA 1991 single term: overlapping sentences served as one from the first start to the last end.</summary>
    public bool IsSingleTerm { get; init; }

    /// <summary>Last day of the term before any adjustment.</summary>
    public LocalDate UnadjustedExpiry => _expiry ??= SentenceArithmetic.SentenceEnd(Start, Duration);
    private LocalDate? _expiry;

    private static Duration Aggregate(IReadOnlyList<Sentence> parts)
    {
        var d = parts[0].Duration;
        for (var i = 1; i < parts.Count; i++) d = SentenceArithmetic.Append(d, parts[i].Duration);
        return d;
    }

    /// <summary>Latest sentence date in the term (a consecutive sentence can be passed later than the one it follows).</summary>
    public LocalDate LatestSentenceDate
    {
        get
        {
            var d = Parts[0].SentencedAt;
            foreach (var p in Parts) if (p.SentencedAt > d) d = p.SentencedAt;
            return d;
        }
    }

    /// <summary>Splits a booking into terms: every chain of consecutive sentences becomes one term.</summary>
    public static IReadOnlyList<Term> From(Booking booking)
    {
        var followers = new Dictionary<string, List<Sentence>>();
        var firstWithId = new HashSet<string>();
        foreach (var s in booking.Sentences)
            if (s.ConsecutiveTo is { Count: > 0 } to)
            {
                if (!followers.TryGetValue(to[0], out var list)) followers[to[0]] = list = [];
                list.Add(s);
            }

        var terms = new List<Term>();
        foreach (var head in booking.Sentences)
        {
            if (head.IsConsecutive) continue;
            // Each path from the head to the end of a chain is a term (branches give one term each).
            Walk(head, [head]);
        }
        return SingleTerm(terms) is { } single ? [single] : terms;

        void Walk(Sentence current, List<Sentence> path)
        {
            // Only the first sentence with an identifier is followed (a duplicate identifier would loop).
            var leads = firstWithId.Add(current.Id);
            if (!leads || !followers.TryGetValue(current.Id, out var next) || next.Count == 0)
            {
                terms.Add(new Term(path.ToArray()));
                return;
            }
            foreach (var n in next)
                Walk(n, [.. path, n]);
        }
    }

    /// <summary>
    /// CJA 1991 (offences before 4 April 2005, sentences passed before LASPO): concurrent sentences that overlap are
    /// served as a single term from the first sentence date to the last expiry.
    /// </summary>
    private static Term? SingleTerm(List<Term> terms)
    {
        if (terms.Count < 2) return null;
        foreach (var t in terms)
        {
            if (t.Recall is not null || t.IsConsecutive) return null;
            foreach (var p in t.Parts) if (!SentenceTrack.IsCja1991(p)) return null;
        }
        var ordered = terms.OrderBy(t => t.Start).ToList();
        var end = ordered[0].UnadjustedExpiry;
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start > end) return null;
            if (ordered[i].UnadjustedExpiry > end) end = ordered[i].UnadjustedExpiry;
        }
        var parts = ordered.SelectMany(t => t.Parts).ToArray();
        return new Term(parts)
        {
            Duration = Duration.OfDays(SentenceArithmetic.DaysInclusive(ordered[0].Start, end)),
            IsSingleTerm = true,
        };
    }
}
