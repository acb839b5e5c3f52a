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
    public readonly record struct ReleasePoint(CustodialPart Custodial, LocalDate Date, Func<string> Rule, Func<Sentence, Fraction> Regime,
        EarlyReleaseScheme? Scheme = null, (Func<Sentence, Fraction> Before, LocalDate Commencement)? Transition = null);

    public static void Apply(TermDates t, RuleProfile law, Booking booking)
    {
        var term = t.Term;
        var a = t.Adjustments;
        var point = PointAt(t, _ => law.StandardRelease, "");
        foreach (var scheme in Schemes(law))
            point = ApplyScheme(t, law, scheme, point, booking);

        t.Regime = point.Regime;
        t.Scheme = point.Scheme;
        t.Transition = point.Transition;
        t.Custodial = point.Custodial;
        t.CustodialDays = point.Custodial.Days;
        t.UnadjustedRelease = SentenceArithmetic.DayNumber(term.Start, point.Custodial.Days);

        var start = term.Start;
        t.ReleaseWithoutAwarded = point.Date < start ? start : point.Date;
        var withAwarded = point.Date.PlusDays(a.NetAwarded);
        var immediate = withAwarded < start;
        var date = immediate ? start : withAwarded;
        var capped = date > t.AdjustedExpiry;
        if (capped)
        {
            t.UnusedAwardedDays = Math.Min(a.NetAwarded, Period.DaysBetween(t.AdjustedExpiry, date));
            date = t.AdjustedExpiry;
        }
        t.ReleaseDate = date;
        var type = t.Licence ? ReleaseDateType.CRD : ReleaseDateType.ARD;
        var rule = point.Rule;
        t.Set(type, date, () =>
            $"{type} {Explain.Date(date)}: {rule()}"
            + (a.NetAwarded > 0 ? $", plus {Explain.Additional(a.NetAwarded)}" + (a.RestoredDays > 0 ? $" ({a.AdditionalDaysAwarded} awarded less {a.RestoredDays} restored)" : "") : "")
            + (immediate ? $"; that is before the sentence date, so release is immediate on {Explain.Date(start)}" : "")
            + (capped ? $"; release cannot be after the sentence expiry, so it is {Explain.Date(date)} (the rest of the added days are unused)" : "")
            + ".");
    }

    private static IEnumerable<EarlyReleaseScheme> Schemes(RuleProfile law)
    {
        if (law.Sds40 is { } s) yield return s;
        if (law.ProgressionModel is { } p) yield return p;
    }

    private static ReleasePoint PointAt(TermDates t, Func<Sentence, Fraction> regime, string scheme)
    {
        var custodial = CustodialPart.Of(t.Term.Parts, t.PartDays, t.LengthDays, regime);
        var a = t.Adjustments;
        var date = t.Term.Start.PlusDays(custodial.Days - 1 - a.Deductions + a.UnlawfullyAtLarge);
        var start = t.Term.Start;
        return new ReleasePoint(custodial, date, () => $"{custodial.Description}{scheme}, counted from the sentence date {Explain.Date(start)}" + Explain.Adjustments(a), regime);
    }

    private static ReleasePoint ApplyScheme(TermDates t, RuleProfile law, EarlyReleaseScheme scheme, ReleasePoint current, Booking booking)
    {
        var term = t.Term;
        var isProgression = ReferenceEquals(scheme, law.ProgressionModel);
        // The progression model is for adults only.
        if (isProgression && TopUpSupervision.AgeOn(booking.DateOfBirth, term.Start) < 18) return current;
        var tranche = scheme.TrancheFor(term.Start, t.LengthDays);
        LocalDate commencement;
        if (isProgression && law.ProgressionModelForNewSentences is { } forNew && term.Start >= forNew) commencement = forNew;
        else if (tranche is not null) commencement = tranche.Commencement;
        else return current;

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
            Rule = Then(current.Rule, () => $" (released before {scheme.DisplayName} reached this sentence on {Explain.Date(commencement)})"),
        };
        // Already out on HDC or ECSL when the scheme commenced: it does not reach this sentence.
        if (booking.WasOutOnEarlyReleaseOn(commencement, term.Start)) return current with
        {
            Rule = Then(current.Rule, () => $" (out of prison when {scheme.DisplayName} commenced on {Explain.Date(commencement)}, so it does not apply)"),
        };
        if (candidate.Date >= commencement) return candidate;
        return candidate with
        {
            Date = commencement,
            Rule = Then(candidate.Rule, () => $", which falls before {scheme.DisplayName} {tranche!.Name.ToLowerInvariant().Replace('_', ' ')} commenced, so release is on its commencement {Explain.Date(commencement)}"),
        };
    }

    private static ReleasePoint Candidate(TermDates t, RuleProfile law, EarlyReleaseScheme scheme, Func<Sentence, Fraction> before, bool widerExclusions)
    {
        Fraction Regime(Sentence s) =>
            scheme.Excludes(s.Exclusions) || (widerExclusions && ExcludedFromTranche3(s)) ? before(s) : scheme.Release;
        return PointAt(t, Regime, $" under {scheme.DisplayName}") with { Scheme = scheme };
    }

    private static Func<string> Then(Func<string> first, Func<string> more) => () => first() + more();

    private static bool ExcludedFromTranche3(Sentence s)
    {
        foreach (var e in s.Exclusions)
            if (e is EarlyReleaseExclusion.SexualT3 or EarlyReleaseExclusion.ViolentT3 or EarlyReleaseExclusion.DomesticAbuseT3
                or EarlyReleaseExclusion.NationalSecurityT3 or EarlyReleaseExclusion.TerrorismT3 or EarlyReleaseExclusion.MurderT3)
                return true;
        return false;
    }
}
