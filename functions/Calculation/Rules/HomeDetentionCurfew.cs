using NodaTime;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// HDCED: release on curfew before the release date. Below the midpoint (360 custodial days under HDC 180, 730 under
/// HDC 365) eligibility comes after half the custodial period, but at least 28 days; above it, 180 (or 365) days before
/// release. Never sooner than 14 days after sentence (the 14-day rule); none where the custodial period is under 42
/// days (the 42-day rule), for active sex offenders, or for adults sentenced after adult HDC was repealed.
/// </summary>
public static class HomeDetentionCurfew
{
    private const int MinimumCustodialPeriod = 42;
    private const int MinimumDaysOnHdc = 14;
    private const int BelowMidpointMinimum = 28;

    private readonly record struct Scheme(string Name, int MidpointDays, int DeductionDays);
    private static readonly Scheme Hdc180 = new("HDC 180", 360, 179);
    private static readonly Scheme Hdc365 = new("HDC 365", 730, 364);

    public static bool Applies(TermDates t, RuleProfile law, Booking booking)
    {
        if (booking.IsActiveSexOffender) return false;
        if (law.AdultHdcRepeal is { } repeal && t.Term.Start >= repeal) return false;
        if (t.CustodialDays < MinimumCustodialPeriod) return false;
        if (t.ReleaseDate < t.Term.Start.PlusDays(MinimumDaysOnHdc)) return false;
        return true;
    }

    private readonly record struct Result(LocalDate WithOnlyUal, LocalDate Date, string Explanation);

    public static void Apply(TermDates t, RuleProfile law)
    {
        var chosen = ForCustody(t, law, t.Custodial);
        if (t.Transition is { } transition)
        {
            var before = ForCustody(t, law, CustodialPart.Of(t.Term.Parts, t.PartDays, transition.Before));
            if (before.Date < transition.Commencement) chosen = before;
            else if (chosen.Date < transition.Commencement)
                chosen = chosen with
                {
                    Date = transition.Commencement,
                    Explanation = $"HDCED {Explain.Date(transition.Commencement)}: {t.Scheme!.Name} reached this sentence on {Explain.Date(transition.Commencement)}; eligibility under it would have been earlier, so it is that day.",
                };
        }
        t.Set(ReleaseDateType.HDCED, chosen.Date, chosen.Explanation);
    }

    private static Result ForCustody(TermDates t, RuleProfile law, CustodialPart custodial)
    {
        var otherAdditions = t.Adjustments.NetAwarded - t.UnusedAwardedDays;
        var hdc180 = Calculate(t, custodial, Hdc180, otherAdditions);
        if (law.Hdc365 is not { } commencement || hdc180.WithOnlyUal < commencement) return hdc180;
        var hdc365 = Calculate(t, custodial, Hdc365, otherAdditions);
        if (hdc365.WithOnlyUal >= commencement) return hdc365;
        var date = commencement.PlusDays(otherAdditions);
        return new Result(commencement, date,
            $"HDCED {Explain.Date(date)}: under HDC 365 eligibility would fall before HDC 365 commenced, and under HDC 180 on or after it, so it is the commencement date {Explain.Date(commencement)}"
            + (otherAdditions > 0 ? $" plus {Explain.Days(otherAdditions)} additional days awarded." : "."));
    }

    private static Result Calculate(TermDates t, CustodialPart custodial, Scheme scheme, int otherAdditions)
    {
        var a = t.Adjustments;
        var start = t.Term.Start;
        int daysWithUal;
        string how;
        var custodialDays = custodial.Days;
        if (custodialDays < scheme.MidpointDays)
        {
            var half = custodial.HalfDays;
            var served = Math.Max(BelowMidpointMinimum, half);
            daysWithUal = served - a.Deductions + a.UnlawfullyAtLarge;
            how = half >= BelowMidpointMinimum
                ? $"half of the {Explain.Days(custodialDays)} custodial period is {Explain.Days(half)} after the sentence date {Explain.Date(start)}"
                : $"half the custodial period is under 28 days, so 28 days after the sentence date {Explain.Date(start)}";
        }
        else
        {
            daysWithUal = custodialDays - (scheme.DeductionDays + 1) - a.Deductions + a.UnlawfullyAtLarge;
            how = $"{Explain.Days(scheme.DeductionDays + 1)} before the end of the {Explain.Days(custodialDays)} custodial period from {Explain.Date(start)}";
        }
        var withUal = start.PlusDays(daysWithUal);
        var withDeductionsOnly = withUal.PlusDays(-a.UnlawfullyAtLarge);
        if (start.PlusDays(MinimumDaysOnHdc) >= withDeductionsOnly)
        {
            var min = start.PlusDays(MinimumDaysOnHdc).PlusDays(a.UnlawfullyAtLarge);
            var minDate = min.PlusDays(otherAdditions);
            return new Result(min, minDate,
                $"HDCED {Explain.Date(minDate)}: {scheme.Name}: after deductions eligibility would come within 14 days of sentence, so it is 14 days after the sentence date {Explain.Date(start)}"
                + Explain.Adjustments(a, deductions: false) + (otherAdditions > 0 ? $", plus {Explain.Days(otherAdditions)} additional days awarded" : "") + ".");
        }
        var date = withUal.PlusDays(otherAdditions);
        return new Result(withUal, date,
            $"HDCED {Explain.Date(date)}: {scheme.Name}: {how}{Explain.Adjustments(a)}"
            + (otherAdditions > 0 ? $", plus {Explain.Days(otherAdditions)} additional days awarded" : "") + ".");
    }
}
