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

    private readonly record struct Result(LocalDate WithOnlyUal, LocalDate Date, Func<string> Explanation);

    public static void Apply(TermDates t, RuleProfile law)
    {
        var chosen = ForCustody(t, law, t.Custodial);
        if (t.Transition is { } transition)
        {
            var before = ForCustody(t, law, CustodialPart.Of(t.Term.Parts, t.PartDays, t.LengthDays, transition.Before));
            if (before.Date < transition.Commencement) chosen = before;
            else if (chosen.Date < transition.Commencement)
            {
                var (commencement, scheme) = (transition.Commencement, t.Scheme!.DisplayName);
                chosen = chosen with
                {
                    Date = commencement,
                    Explanation = () => $"HDCED {Explain.Date(commencement)}: {scheme} reached this sentence on {Explain.Date(commencement)}; eligibility under it would have been earlier, so it is that day.",
                };
            }
        }
        t.Set(ReleaseDateType.HDCED, chosen.Date, chosen.Explanation);
    }

    private static Result ForCustody(TermDates t, RuleProfile law, CustodialPart custodial)
    {
        var otherAdditions = t.Adjustments.NetAwarded - t.UnusedAwardedDays;
        var hdc180 = Calculate(t, custodial, Hdc180, otherAdditions);
        if (law.Hdc365 is not { } commencement) return hdc180;
        // A consecutive term with sentences passed both before and after HDC 365 commenced is not left under HDC 180.
        var spans = t.Term.IsConsecutive && t.Term.Start < commencement && t.Term.LatestSentenceDate >= commencement;
        if (!spans && hdc180.WithOnlyUal < commencement) return hdc180;
        var hdc365 = Calculate(t, custodial, Hdc365, otherAdditions);
        if (hdc365.WithOnlyUal >= commencement) return hdc365;
        var date = commencement.PlusDays(otherAdditions);
        return new Result(commencement, date, () =>
            $"HDCED {Explain.Date(date)}: under HDC 365 eligibility would fall before HDC 365 commenced, and under HDC 180 on or after it, so it is the commencement date {Explain.Date(commencement)}"
            + (otherAdditions > 0 ? $" plus {Explain.Additional(otherAdditions)}." : "."));
    }

    private static Result Calculate(TermDates t, CustodialPart custodial, Scheme scheme, int otherAdditions)
    {
        var a = t.Adjustments;
        var start = t.Term.Start;
        var custodialDays = custodial.Days;
        var belowMidpoint = custodialDays < scheme.MidpointDays;
        var half = custodial.HalfDays;
        var daysWithUal = belowMidpoint
            ? Math.Max(BelowMidpointMinimum, half) - a.Deductions + a.UnlawfullyAtLarge
            : custodialDays - (scheme.DeductionDays + 1) - a.Deductions + a.UnlawfullyAtLarge;
        var withUal = start.PlusDays(daysWithUal);
        var withDeductionsOnly = withUal.PlusDays(-a.UnlawfullyAtLarge);
        if (start.PlusDays(MinimumDaysOnHdc) >= withDeductionsOnly)
        {
            var min = start.PlusDays(MinimumDaysOnHdc).PlusDays(a.UnlawfullyAtLarge);
            var minDate = min.PlusDays(otherAdditions);
            return new Result(min, minDate, () =>
                $"HDCED {Explain.Date(minDate)}: {scheme.Name}: after deductions eligibility would come within 14 days of sentence, so it is 14 days after the sentence date {Explain.Date(start)}"
                + Explain.Adjustments(a, deductions: false) + (otherAdditions > 0 ? $", plus {Explain.Additional(otherAdditions)}" : "") + ".");
        }
        var date = withUal.PlusDays(otherAdditions);
        return new Result(withUal, date, () =>
        {
            var how = !belowMidpoint
                ? $"{Explain.Days(scheme.DeductionDays + 1)} before the end of the {custodialDays}-day custodial period from {Explain.Date(start)}"
                : half >= BelowMidpointMinimum
                    ? $"half of the {custodialDays}-day custodial period is {Explain.Days(half)} after the sentence date {Explain.Date(start)}"
                    : $"half the custodial period is under 28 days, so 28 days after the sentence date {Explain.Date(start)}";
            return $"HDCED {Explain.Date(date)}: {scheme.Name}: {how}{Explain.Adjustments(a)}"
                   + (otherAdditions > 0 ? $", plus {Explain.Additional(otherAdditions)}" : "") + ".";
        });
    }
}
