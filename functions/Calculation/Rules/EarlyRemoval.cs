using NodaTime;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// ERSED (early removal scheme, foreign nationals), only when asked for: halfway through the custodial period, but no
/// more than 544 days before release; never before the sentence date.
/// </summary>
public static class EarlyRemoval
{
    public static void Apply(TermDates t, RuleProfile law)
    {
        var (date, why) = ForCustody(t, law, t.Custodial);
        if (t.Transition is { } transition)
        {
            var before = ForCustody(t, law, CustodialPart.Of(t.Term.Parts, t.PartDays, transition.Before));
            if (before.Date < transition.Commencement) (date, why) = before;
            else if (date < transition.Commencement)
                (date, why) = (transition.Commencement, $"{t.Scheme!.Name} reached this sentence on {Explain.Date(transition.Commencement)}, and removal under it would have been earlier");
        }
        if (date > t.ReleaseDate)
        {
            date = t.ReleaseDate;
            why += $"; that is after the release date, so it is the release date {Explain.Date(date)}";
        }
        if (date < t.Term.Start)
        {
            date = t.Term.Start;
            why += $"; that is before the sentence date, so it is the sentence date {Explain.Date(t.Term.Start)}";
        }
        t.Set(ReleaseDateType.ERSED, date, $"ERSED {Explain.Date(date)}: {why}.");
    }

    private static (LocalDate Date, string Why) ForCustody(TermDates t, RuleProfile law, CustodialPart custodialPart)
    {
        var a = t.Adjustments;
        var custodial = custodialPart.Days;
        var half = (custodial + 1) / 2;
        var minimum = t.Term.Start.PlusDays(half + a.UnlawfullyAtLarge - a.Deductions + a.NetAwarded);
        var releaseDate = t.Term.Start.PlusDays(custodial - 1 + a.UnlawfullyAtLarge - a.Deductions + a.NetAwarded);
        if (releaseDate < t.Term.Start) releaseDate = t.Term.Start;
        var maximum = releaseDate.PlusDays(-law.EarlyRemovalMaxDays);
        return minimum > maximum
            ? (minimum, $"half of the {Explain.Days(custodial)} custodial period is {Explain.Days(half)} after the sentence date {Explain.Date(t.Term.Start)}{Explain.Adjustments(a, awarded: true)}")
            : (maximum, $"removal can be at most {Explain.Days(law.EarlyRemovalMaxDays)} before the release date {Explain.Date(releaseDate)}");
    }
}
