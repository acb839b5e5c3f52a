using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;
using ShortSentences.Journeys.Text;

namespace ShortSentences.Journeys.Rules;

// One custodial term: a sentence passed consecutive to, or concurrent with, a sentence still being served in custody
// joins that journey, and the journey's dates become the overall dates of all its sentences (DOMAIN.md section 2).
public sealed partial class JourneyDecider
{
    private void OnSentenceAdded(Step step, SentenceAdded e)
    {
        var s = step.State;
        var id = e.AddedSentenceId;
        if (!s.InCustodyBeforeRelease)
        {
            step.Reject(e.Kind, $"sentence {id} cannot join this journey: the person is no longer in custody on it ({s.Stage}); a sentence passed now runs as its own journey");
            return;
        }
        var sentences = s.Sentences;
        if (string.IsNullOrWhiteSpace(id) || sentences.Any(x => x.SentenceId == id))
        {
            step.Reject(e.Kind, $"sentence {id} is already part of this journey");
            return;
        }
        var named = e.ConsecutiveTo.Concat(e.ConcurrentWith).ToList();
        if (named.Count == 0) { step.Reject(e.Kind, $"sentence {id} names no sentence of this journey to follow or run with"); return; }
        if (named.FirstOrDefault(n => sentences.All(x => x.SentenceId != n)) is { } unknown)
        {
            step.Reject(e.Kind, $"sentence {id} names sentence {unknown}, which is not part of this journey ({string.Join(", ", sentences.Select(x => x.SentenceId))})");
            return;
        }
        var t = e.Terms;
        if (t.Months < 0 || t.Days < 0 || t.Months + t.Days == 0 || t.RemandDays < 0 || t.TaggedBailDays < 0)
        {
            step.Reject(e.Kind, "the sentence length must be positive and remand and tagged bail days not negative");
            return;
        }

        var joined = new JourneySentence(id, t, e.ConsecutiveTo, e.ConcurrentWith, e.EventId);
        List<JourneySentence> all = [.. sentences, joined];
        var before = s.Dates!;
        var after = e.Dates ?? OverallDates(all, before, step.Today);
        if (after.Sled < after.Crd) { step.Reject(e.Kind, $"SLED {after.Sled:yyyy-MM-dd} is before the release date {after.Crd:yyyy-MM-dd}"); return; }

        var how = joined.IsConsecutive ? $"consecutive to {string.Join(" and ", e.ConsecutiveTo)}" : $"concurrent with {string.Join(" and ", e.ConcurrentWith)}";
        var source = e.Dates is null ? "the calculator's overall dates for all the sentences" : "the overall dates from the feed";
        var change = after == before
            ? $"sentence {id} ({how}) joined this custodial term; {source} are unchanged: release {Words.Date(after.Crd)}, SLED {Words.Date(after.Sled)}"
            : $"sentence {id} ({how}) joined this custodial term; {source}: {Differences(before, after)}";
        step.Add(new SentenceJoined(joined, Calculator.TermDays(all), change));
        if (after == before) return;
        step.Add(new DatesChanged(before, after, $"sentence {id} {how}: {Differences(before, after)}", null, id));
        Replan(step, before);
    }

    /// <summary>
    /// The calculator's overall dates for the term under the law in force today (the journey has caught up with it).
    /// A sentence added only adds custody: release and expiry never come earlier than the journey's own (a release date
    /// held at a commencement day stays), HDC eligibility only stays before release, and PSS does not outlive its repeal.
    /// </summary>
    private KeyDates OverallDates(IReadOnlyList<JourneySentence> all, KeyDates before, LocalDate today)
    {
        var calculated = Calculator.CalculateTerm(all, today);
        var crd = calculated.Crd > before.Crd ? calculated.Crd : before.Crd;
        var sled = calculated.Sled > before.Sled ? calculated.Sled : before.Sled;
        return calculated with
        {
            Crd = crd,
            Sled = sled,
            Hdced = calculated.Hdced is { } h && h < crd ? h : null,
            Tused = Law.PssRepealedOn(today) || calculated.Tused is not { } tu || tu <= sled ? null : tu,
        };
    }

    /// <summary>A journey's dates recalculated for all its sentences (one sentence: the calculator's single-sentence path).</summary>
    private KeyDates Recalculate(JourneyState s, LocalDate onDay) =>
        s.JoinedSentences.IsEmpty ? Calculator.Calculate(s.Terms!, onDay) : Calculator.CalculateTerm(s.Sentences, onDay);

    private static string Differences(KeyDates before, KeyDates after)
    {
        var parts = new List<string>(4);
        void Compare(string name, LocalDate? was, LocalDate? now)
        {
            if (was == now) return;
            parts.Add($"{name} {(was is { } w ? Words.Date(w) : "none")} to {(now is { } n ? Words.Date(n) : "none")}");
        }
        Compare("release", before.Crd, after.Crd);
        Compare("HDCED", before.Hdced, after.Hdced);
        Compare("SLED", before.Sled, after.Sled);
        Compare("TUSED", before.Tused, after.Tused);
        return parts.Count == 0 ? "no date moved" : string.Join("; ", parts);
    }
}
