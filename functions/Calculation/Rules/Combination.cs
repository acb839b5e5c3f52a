using NodaTime;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// Concurrent terms: the latest release and expiry dates win. Release is conditional (CRD) if any licence is still
/// running after it, automatic (ARD) otherwise; a licence ending before the sentence does is shown as LED beside SED.
/// </summary>
public static class Combination
{
    public static CalculationResult Combine(IReadOnlyList<TermDates> terms, Booking booking, RuleProfile law, CalculationOptions options)
    {
        var dates = new Dictionary<ReleaseDateType, LocalDate>();
        var why = new Dictionary<ReleaseDateType, Func<string>>();

        // Release: the latest CRD/ARD of the terms not recalled, against the latest PRRD of those recalled.
        TermDates? releaseTerm = null;
        TermDates? recallTerm = null;
        foreach (var t in terms)
        {
            if (t.Term.Recall is not null)
            {
                if (recallTerm is null || t.ReleaseDate > recallTerm.ReleaseDate) recallTerm = t;
            }
            else if (releaseTerm is null || t.ReleaseDate > releaseTerm.ReleaseDate ||
                     (t.ReleaseDate == releaseTerm.ReleaseDate && t.Licence && !releaseTerm.Licence))
                releaseTerm = t;
        }
        var showRelease = releaseTerm is not null && (recallTerm is null || releaseTerm.ReleaseDate >= recallTerm.ReleaseDate);
        var showRecall = recallTerm is not null && (releaseTerm is null || recallTerm.ReleaseDate >= releaseTerm.ReleaseDate);
        var release = showRelease ? releaseTerm!.ReleaseDate : recallTerm!.ReleaseDate;
        if (showRecall)
        {
            dates[ReleaseDateType.PRRD] = recallTerm!.ReleaseDate;
            why[ReleaseDateType.PRRD] = recallTerm.Explanations[ReleaseDateType.PRRD];
        }

        // Expiry: the latest end of sentence, and the latest end of licence.
        TermDates expiryTerm = terms[0];
        foreach (var t in terms)
            if (t.AdjustedExpiry > expiryTerm.AdjustedExpiry) expiryTerm = t;
        LocalDate? licenceEnd = null;
        Func<string>? licenceWhy = null;
        var separateLicence = false;
        foreach (var t in terms)
        {
            if (!t.Licence) continue;
            var (end, text, separate) = LicenceEnd(t);
            if (licenceEnd is null || end > licenceEnd) { licenceEnd = end; licenceWhy = text; separateLicence = separate; }
        }

        var onLicenceAfterRelease = licenceEnd is { } le && le > release;
        var releaseType = onLicenceAfterRelease || (releaseTerm is { Licence: true } && licenceEnd == expiryTerm.AdjustedExpiry) ? ReleaseDateType.CRD : ReleaseDateType.ARD;
        if (showRelease)
        {
            dates[releaseType] = release;
            why[releaseType] = Retype(releaseTerm!.Explanations[releaseTerm.Licence ? ReleaseDateType.CRD : ReleaseDateType.ARD], releaseType);
        }

        var expiry = expiryTerm.AdjustedExpiry;
        var expiryWhy = expiryTerm.Explanations.TryGetValue(ReleaseDateType.SLED, out var s) ? s : expiryTerm.Explanations[ReleaseDateType.SED];
        if (licenceEnd is { } led && led >= expiry && (releaseType == ReleaseDateType.CRD || showRecall) && !separateLicence)
        {
            dates[ReleaseDateType.SLED] = expiry;
            why[ReleaseDateType.SLED] = Retype(expiryWhy, ReleaseDateType.SLED);
        }
        else
        {
            dates[ReleaseDateType.SED] = expiry;
            why[ReleaseDateType.SED] = Retype(expiryWhy, ReleaseDateType.SED);
            if (licenceEnd is { } l && (l > release || separateLicence) && (l < expiry || separateLicence))
            {
                dates[ReleaseDateType.LED] = licenceEnd!.Value;
                why[ReleaseDateType.LED] = Retype(licenceWhy!, ReleaseDateType.LED);
            }
        }

        // TUSED: the latest top-up supervision.
        TermDates? tusedTerm = null;
        foreach (var t in terms)
            if (t.Dates.TryGetValue(ReleaseDateType.TUSED, out var tu) && (tusedTerm is null || tu > tusedTerm.Dates[ReleaseDateType.TUSED]))
                tusedTerm = t;
        // Supervision that ends before the licence does adds nothing.
        if (tusedTerm is not null && !(licenceEnd is { } lic && tusedTerm.Dates[ReleaseDateType.TUSED] <= lic))
        {
            dates[ReleaseDateType.TUSED] = tusedTerm.Dates[ReleaseDateType.TUSED];
            why[ReleaseDateType.TUSED] = tusedTerm.Explanations[ReleaseDateType.TUSED];
        }

        // HDCED comes from the term that decides release, but curfew cannot start while another concurrent term
        // still holds the person: not before that term's own HDCED, or its release where it has none.
        if (showRelease && !showRecall && releaseTerm!.Dates.TryGetValue(ReleaseDateType.HDCED, out var hdced) && hdced < release)
        {
            var hdcedWhy = releaseTerm.Explanations[ReleaseDateType.HDCED];
            foreach (var t in terms)
            {
                // A sentence wholly served before it was passed holds no one.
                if (ReferenceEquals(t, releaseTerm) || t.Term.Recall is not null || t.ServedBeforeSentence) continue;
                var (held, what) = t.Dates.TryGetValue(ReleaseDateType.HDCED, out var other) ? (other, "HDCED") : (t.ReleaseDate, "release date");
                if (held > hdced && held < release)
                {
                    hdced = held;
                    var (duration, start) = (t.Term.Duration, t.Term.Start);
                    hdcedWhy = () => $"HDCED {Explain.Date(held)}: curfew cannot start before the {what} {Explain.Date(held)} of the concurrent sentence of {duration} from {Explain.Date(start)}.";
                }
            }
            // No curfew release while still held on a recall.
            if (recallTerm is not null && hdced < recallTerm.ReleaseDate)
            {
                var prrd = recallTerm.ReleaseDate;
                hdced = prrd;
                hdcedWhy = () => $"HDCED {Explain.Date(prrd)}: eligibility would be earlier, but the person is held on recall until the PRRD {Explain.Date(prrd)}.";
            }
            dates[ReleaseDateType.HDCED] = hdced;
            why[ReleaseDateType.HDCED] = hdcedWhy;
        }

        if (showRelease && !showRecall && releaseTerm!.Dates.TryGetValue(ReleaseDateType.ERSED, out var ersed))
        {
            dates[ReleaseDateType.ERSED] = ersed;
            why[ReleaseDateType.ERSED] = releaseTerm.Explanations[ReleaseDateType.ERSED];
        }

        // ESED and the effective sentence length.
        var esed = terms[0].UnadjustedExpiry;
        var earliest = terms[0].Term.Start;
        foreach (var t in terms)
        {
            if (t.UnadjustedExpiry > esed) esed = t.UnadjustedExpiry;
            if (t.Term.Start < earliest) earliest = t.Term.Start;
        }
        dates[ReleaseDateType.ESED] = esed;
        why[ReleaseDateType.ESED] = () => $"ESED {Explain.Date(esed)}: the latest unadjusted end of sentence, before any remand, tagged bail or unlawfully-at-large days.";
        var length = Period.Between(earliest, esed.PlusDays(1), PeriodUnits.YearMonthDay);

        // Explanations are written only for the dates shown.
        var explanations = new Dictionary<ReleaseDateType, string>(why.Count);
        foreach (var (type, text) in why) explanations[type] = text();
        return new CalculationResult(dates, length, explanations);
    }

    /// <summary>When a term's licence ends, and whether that is a separate LED (a licence shorter than the sentence).</summary>
    private static (LocalDate End, Func<string> Why, bool Separate) LicenceEnd(TermDates t)
    {
        if (t.Dates.TryGetValue(ReleaseDateType.LED, out var led)) return (led, t.Explanations[ReleaseDateType.LED], true);
        if (t.Term.Recall is not null) return (t.AdjustedExpiry, t.Explanations[ReleaseDateType.SLED], false);
        if (t.Dates.TryGetValue(ReleaseDateType.SLED, out var sled)) return (sled, t.Explanations[ReleaseDateType.SLED], false);
        return (t.AdjustedExpiry, t.Explanations[ReleaseDateType.SED], false);
    }

    /// <summary>The explanation starts with the date type; keep it in step when combination relabels a date.</summary>
    private static Func<string> Retype(Func<string> explanation, ReleaseDateType type) => () =>
    {
        var text = explanation();
        var space = text.IndexOf(' ');
        return space < 0 ? text : type + text[space..];
    };
}
