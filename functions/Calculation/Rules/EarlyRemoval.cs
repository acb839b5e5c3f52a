using NodaTime;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// ERSED (early removal scheme, foreign nationals), only when asked for. Under ERS50 removal comes after half the
/// custodial period, but no more than 544 days before release; under ERS30 after 30%, up to 4 years before release.
/// A date that ERS50 puts before ERS30 commenced stays under ERS50; one ERS30 would put before it moves to it.
/// Never before the sentence date, never after release.
/// </summary>
public static class EarlyRemoval
{
    private readonly record struct Result(LocalDate Date, LocalDate WithoutAwarded, string Why);

    public static void Apply(TermDates t, RuleProfile law)
    {
        var chosen = ForCustody(t, law, t.Custodial, t.ReleaseDate);
        if (t.Transition is { } transition)
        {
            var beforeCustody = CustodialPart.Of(t.Term.Parts, t.PartDays, t.LengthDays, transition.Before);
            var beforeRelease = t.Term.Start.PlusDays(beforeCustody.Days - 1 - t.Adjustments.Deductions + t.Adjustments.UnlawfullyAtLarge + t.Adjustments.NetAwarded);
            var before = ForCustody(t, law, beforeCustody, beforeRelease);
            if (before.Date < transition.Commencement) chosen = before;
            else if (chosen.Date < transition.Commencement)
                chosen = chosen with { Date = transition.Commencement, Why = $"{t.Scheme!.DisplayName} reached this sentence on {Explain.Date(transition.Commencement)}, and removal under it would have been earlier" };
        }
        var (date, why) = (chosen.Date, chosen.Why);
        if (date > t.ReleaseDate)
        {
            date = t.ReleaseDate;
            why += $"; that is after the release date, so it is the release date {Explain.Date(date)}";
        }
        var text = $"ERSED {Explain.Date(date)}: {why}.";
        t.Set(ReleaseDateType.ERSED, date, () => text);
    }

    private static Result ForCustody(TermDates t, RuleProfile law, CustodialPart custodial, LocalDate release)
    {
        var ers50 = Under(t, law.Ers50, custodial, release);
        if (law.Ers30Commencement is not { } commencement || ers50.WithoutAwarded < commencement) return ers50;
        var ers30 = Under(t, law.Ers30, custodial, release);
        if (ers30.WithoutAwarded >= commencement) return ers30;
        var awarded = t.Adjustments.NetAwarded - t.UnusedAwardedDays;
        var date = commencement.PlusDays(awarded);
        return new Result(date, commencement,
            $"ERS50 would allow removal only after ERS30 commenced on {Explain.Date(commencement)}, and ERS30 before it, so it is that day" + (awarded > 0 ? $" plus {Explain.Additional(awarded)}" : ""));
    }

    private static Result Under(TermDates t, EarlyRemovalRule rule, CustodialPart custodial, LocalDate release)
    {
        var a = t.Adjustments;
        var start = t.Term.Start;
        var served = rule.Point.CeilingOf(custodial.Days);
        var awarded = a.NetAwarded - t.UnusedAwardedDays;
        var minimum = start.PlusDays(served + a.UnlawfullyAtLarge - a.Deductions + awarded);
        var maximum = release.Minus(rule.MaximumBeforeRelease);
        LocalDate date;
        string why;
        if (minimum > maximum)
        {
            date = minimum;
            why = $"{rule.Name}: {rule.Point} of the {custodial.Days}-day custodial period is {Explain.Days(served)} after the sentence date {Explain.Date(start)}{Explain.Adjustments(a)}"
                  + (awarded > 0 ? $", plus {Explain.Additional(awarded)}" : "");
        }
        else
        {
            date = maximum;
            why = $"{rule.Name}: removal can be at most {Describe(rule.MaximumBeforeRelease)} before the release date {Explain.Date(release)}";
        }
        var added = a.UnlawfullyAtLarge + awarded;
        var withoutAdded = date.PlusDays(-added);
        if (withoutAdded < start)
        {
            date = start.PlusDays(added);
            why += $"; that is before the sentence date, so it is the sentence date {Explain.Date(start)}" + (added > 0 ? $" plus {Explain.Days(added)} added" : "");
            return new Result(date, withoutAdded.PlusDays(a.UnlawfullyAtLarge), why);
        }
        return new Result(date, withoutAdded.PlusDays(a.UnlawfullyAtLarge), why);
    }

    private static string Describe(Period p) => p.Years > 0 ? $"{p.Years} years" : Explain.Days(p.Days);
}
