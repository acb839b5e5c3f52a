using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// CRD or ARD: the release fraction of the term (one half, or an early release scheme's fraction once it covers the
/// term), counted from the sentence date, less remand and tagged bail, plus unlawfully-at-large and additional days.
/// </summary>
public static class ConditionalRelease
{
    /// <summary>A release point under one regime (which fraction each part of the term is released at).</summary>
    public readonly record struct ReleasePoint(CustodialPart Custodial, LocalDate Date, string Rule, Func<Sentence, Fraction> Regime,
        EarlyReleaseScheme? Scheme = null, (Func<Sentence, Fraction> Before, LocalDate Commencement)? Transition = null);

    public static void Apply(TermDates t, RuleProfile law, LocalDate dateOfBirth)
    {
        var term = t.Term;
        var a = t.Adjustments;
        var point = PointAt(t, _ => law.StandardRelease, "");
        foreach (var scheme in Schemes(law))
            point = ApplyScheme(t, law, scheme, point, dateOfBirth);

        t.Regime = point.Regime;
        t.Scheme = point.Scheme;
        t.Transition = point.Transition;
        t.Custodial = point.Custodial;
        t.CustodialDays = point.Custodial.Days;
        t.UnadjustedRelease = SentenceArithmetic.DayNumber(term.Start, point.Custodial.Days);

        var date = point.Date;
        var explanation = point.Rule;
        if (date < term.Start)
        {
            date = term.Start;
            explanation += $"; that is before the sentence date, so release is immediate on {Explain.Date(term.Start)}";
        }
        t.ReleaseWithoutAwarded = date;
        if (a.NetAwarded > 0)
        {
            date = date.PlusDays(a.NetAwarded);
            explanation += $", plus {Explain.Days(a.NetAwarded)} additional days awarded" + (a.RestoredDays > 0 ? $" ({a.AdditionalDaysAwarded} awarded less {a.RestoredDays} restored)" : "");
        }
        if (date > t.AdjustedExpiry)
        {
            t.UnusedAwardedDays = Math.Min(a.NetAwarded, Period.DaysBetween(t.AdjustedExpiry, date));
            date = t.AdjustedExpiry;
            explanation += $"; release cannot be after the sentence expiry, so it is {Explain.Date(date)} (the rest of the added days are unused)";
        }
        t.ReleaseDate = date;
        var type = t.Licence ? ReleaseDateType.CRD : ReleaseDateType.ARD;
        t.Set(type, date, $"{type} {Explain.Date(date)}: {explanation}.");
    }

    private static IEnumerable<EarlyReleaseScheme> Schemes(RuleProfile law)
    {
        if (law.Sds40 is { } s) yield return s;
        if (law.ProgressionModel is { } p) yield return p;
    }

    private static ReleasePoint PointAt(TermDates t, Func<Sentence, Fraction> regime, string scheme)
    {
        var custodial = CustodialPart.Of(t.Term.Parts, t.PartDays, regime);
        var a = t.Adjustments;
        var date = t.Term.Start.PlusDays(custodial.Days - 1 - a.Deductions + a.UnlawfullyAtLarge);
        var rule = $"{custodial.Description}{scheme}, counted from the sentence date {Explain.Date(t.Term.Start)}" + Explain.Adjustments(a);
        return new ReleasePoint(custodial, date, rule, regime);
    }

    private static ReleasePoint ApplyScheme(TermDates t, RuleProfile law, EarlyReleaseScheme scheme, ReleasePoint current, LocalDate dateOfBirth)
    {
        var term = t.Term;
        var isProgression = ReferenceEquals(scheme, law.ProgressionModel);
        // The progression model is for adults only.
        if (isProgression && TopUpSupervision.AgeOn(dateOfBirth, term.Start) < 18) return current;
        var tranche = scheme.TrancheFor(term.Start, t.LengthDays);
        if (tranche is null) return current;
        var commencement = tranche.Commencement;
        if (isProgression && law.ProgressionModelForNewSentences is { } forNew && term.Start >= forNew)
            commencement = forNew;

        var before = current.Regime;
        var candidate = Candidate(t, law, scheme, before, widerExclusions: false);
        // SDS40's third tranche: offences on the wider list are excluded where release would come after it commenced.
        if (!isProgression && law.Sds40WiderExclusions is { } t3 && candidate.Date >= t3 && term.Parts.Any(ExcludedFromTranche3))
            candidate = Candidate(t, law, scheme, before, widerExclusions: true);
        if (candidate.Date >= current.Date) return current;
        if (term.Start >= commencement) return candidate;
        candidate = candidate with { Transition = (before, commencement) };
        if (current.Date < commencement) return current with
        {
            Rule = current.Rule + $" (released before {scheme.Name} reached this sentence on {Explain.Date(commencement)})",
        };
        if (candidate.Date >= commencement) return candidate;
        return candidate with
        {
            Date = commencement,
            Rule = candidate.Rule + $", which falls before {scheme.Name} {tranche.Name.ToLowerInvariant().Replace('_', ' ')} commenced, so release is on its commencement {Explain.Date(commencement)}",
        };
    }

    private static ReleasePoint Candidate(TermDates t, RuleProfile law, EarlyReleaseScheme scheme, Func<Sentence, Fraction> before, bool widerExclusions)
    {
        Fraction Regime(Sentence s) =>
            scheme.Excludes(s.Exclusions) || (widerExclusions && ExcludedFromTranche3(s)) ? before(s) : scheme.Release;
        return PointAt(t, Regime, $" under {scheme.Name}") with { Scheme = scheme };
    }

    private static bool ExcludedFromTranche3(Sentence s)
    {
        foreach (var e in s.Exclusions)
            if (e is EarlyReleaseExclusion.SexualT3 or EarlyReleaseExclusion.ViolentT3 or EarlyReleaseExclusion.DomesticAbuseT3
                or EarlyReleaseExclusion.NationalSecurityT3 or EarlyReleaseExclusion.TerrorismT3 or EarlyReleaseExclusion.MurderT3)
                return true;
        return false;
    }
}
