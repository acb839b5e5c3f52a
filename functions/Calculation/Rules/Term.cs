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
    public bool IsConsecutive => Parts.Count > 1;
    public Recall? Recall { get; } = FirstRecall(Parts);

    private static Recall? FirstRecall(IReadOnlyList<Sentence> parts)
    {
        foreach (var p in parts) if (p.Recall is not null) return p.Recall;
        return null;
    }

    /// <summary>The aggregated duration: consecutive durations added element by element.</summary>
    public Duration Duration { get; } = Aggregate(Parts);

    /// <summary>Last day of the term before any adjustment.</summary>
    public LocalDate UnadjustedExpiry => SentenceArithmetic.SentenceEnd(Start, Duration);

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
        var byId = new Dictionary<string, Sentence>();
        foreach (var s in booking.Sentences) byId[s.Id] = s;
        var followers = new Dictionary<string, List<Sentence>>();
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
        return terms;

        void Walk(Sentence current, List<Sentence> path)
        {
            if (!followers.TryGetValue(current.Id, out var next) || next.Count == 0)
            {
                terms.Add(new Term(path.ToArray()));
                return;
            }
            foreach (var n in next)
                Walk(n, [.. path, n]);
        }
    }
}
