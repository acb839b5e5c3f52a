using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Prisons;
using ShortSentences.Journeys.Stages;
using ShortSentences.Journeys.Text;

namespace ShortSentences.Journeys.Rules;

// Sentence, allocation, reception, immediate needs screening, the 12-week pre-release window, release.
public sealed partial class JourneyDecider
{
    private void Start(Step step, SentenceRecorded e)
    {
        var t = e.Terms;
        if (string.IsNullOrWhiteSpace(e.Crn)) { step.Reject(e.Kind, "the sentence has no CRN"); return; }
        if (t.Months < 0 || t.Days < 0 || t.Months + t.Days == 0 || t.RemandDays < 0 || t.TaggedBailDays < 0)
        {
            step.Reject(e.Kind, "the sentence length must be positive and remand and tagged bail days not negative");
            return;
        }
        var dates = e.Dates ?? Calculator.Calculate(t, t.SentenceDate);
        if (dates.Sled < dates.Crd) { step.Reject(e.Kind, $"SLED {dates.Sled:yyyy-MM-dd} is before the release date {dates.Crd:yyyy-MM-dd}"); return; }

        var parked = step.State.Parked;
        var earliestRelease = dates.Hdced is { } h && h < dates.Crd ? h : dates.Crd;
        var ssf = t.SentenceDate.PlusMonths(Policy.SsfMonthsToServe) >= earliestRelease;
        step.Add(new JourneyStarted(e.Crn, e.Noms, e.SentenceId, t, e.Person, dates, e.Dates is not null, ssf, Calculator.SentenceDays(t)));
        ChangeStage(step, Stage.Sentenced, e.Dates is null
            ? $"sentence recorded; dates calculated under the law in force on {t.SentenceDate:yyyy-MM-dd}: release {dates.Crd:yyyy-MM-dd}, SLED {dates.Sled:yyyy-MM-dd}{(dates.Tused is { } tu ? $", TUSED {tu:yyyy-MM-dd}" : "")}"
            : $"sentence recorded with dates from the feed: release {dates.Crd:yyyy-MM-dd}, SLED {dates.Sled:yyyy-MM-dd}");
        if (ssf) step.Add(new Noted($"{Policy.SsfMonthsToServe} months or less to serve: the COM is responsible from the start and the case goes to the Short Sentence Function ({e.Person.Region})"));
        SetDeadline(step, ssf ? Policy.ComAllocationSsf : Policy.ComAllocation, t.SentenceDate);
        if (e.Dates is null) CatchUpWithTheLaw(step); // the first answer shows the dates under the law in force today
        if (step.State.Dates!.Crd.PlusDays(-Policy.PreReleaseWindowDays) <= step.Today) StartPreRelease(step);

        // Events that arrived before the sentence, in the order they happened.
        foreach (var early in parked.OrderBy(p => p.OccurredAt))
        {
            step.EventId = early.EventId;
            step.Day = Happened.On(early, step.Today);
            step.Add(new Noted($"applying {early.Kind} that arrived before the sentence"));
            // Judged against the sentence now that it is known (Decide judges events that come after it).
            if (Refusal(step.State, early, step.Today) is { } refused) step.Reject(early.Kind, refused.Reason);
            else Apply(step, early);
        }
        step.EventId = e.EventId;
        step.Day = Happened.On(e, step.Today);
    }

    private void OnComAllocated(Step step, ComAllocated e)
    {
        if (string.IsNullOrWhiteSpace(e.ComName)) { step.Reject(e.Kind, "no COM named"); return; }
        var s = step.State;
        if (s.Com == e.ComName) { step.Add(new Noted($"{e.ComName} is already the COM")); return; }
        step.Add(new ComAssigned(e.ComName, e.Pdu ?? s.Person!.Pdu, Reallocation: s.Com is not null));
        // Met on the day the allocation happened (its occurredAt in London), not the day it was processed.
        var on = step.Day;
        if (!Meet(step, Policy.ComAllocationSsf.RuleId, on)) Meet(step, Policy.ComAllocation.RuleId, on);
    }

    private void OnReceived(Step step, ReceivedIntoCustody e)
    {
        if (e.IsRecall) { OnReturnedToCustody(step, e.On, e.Kind); return; }
        var s = step.State;
        if (!s.InCustodyBeforeRelease)
        {
            step.Add(new Noted($"received into {PrisonWords(Prisons.Find(e.Prison), e.Prison)} on {e.On:yyyy-MM-dd} while {s.Stage}, not as a recall: a new sentence arrives as its own journey"));
            return;
        }
        // The prison by name with its region from the directory (prison events carry only a code); the feed's region
        // wins when it gives one. A prison whose region is not known is not judged out of area, and says "unknown".
        var known = Prisons.Find(e.Prison);
        var region = !string.IsNullOrWhiteSpace(e.PrisonRegion) ? e.PrisonRegion : known?.Region;
        var outOfArea = region is not null && !PrisonDirectory.SameRegion(region, s.Person!.Region);
        var prisonName = known?.Name ?? PrisonDirectory.Unknown;
        step.Add(new CustodyReception(e.On, e.Prison, outOfArea, prisonName, region ?? PrisonDirectory.Unknown));
        if (s.ReceivedOn is not null) return; // a transfer: screening already under way
        if (s.Stage == Stage.Sentenced) ChangeStage(step, Stage.InCustody, $"received into {PrisonWords(known, e.Prison)} on {e.On:yyyy-MM-dd}");
        if (outOfArea)
            step.Add(new Noted($"held out of area at {PrisonWords(known, e.Prison)}, in {region}, home region {s.Person!.Region}: the prison's pre-release team is told of resettlement tasks too"));
        SetDeadline(step, Policy.ScreeningPart1, e.On);
    }

    /// <summary>"HMP Lewes (LWI)"; a code the directory does not know: "prison XYZ (name unknown)".</summary>
    private static string PrisonWords(Prison? known, string given) =>
        known is not null ? $"{known.Name} ({known.Code})"
        : given.Length <= 5 && given.All(char.IsLetterOrDigit) ? $"prison {given} (name unknown)" : given;

    private void OnScreening(Step step, ScreeningCompleted e)
    {
        if (e.Part is not (1 or 2)) { step.Reject(e.Kind, $"screening part {e.Part} does not exist (1 or 2)"); return; }
        if (!step.State.InCustodyBeforeRelease) { step.Reject(e.Kind, $"screening after release ({step.State.Stage})"); return; }
        step.Add(new PathwaysScreened(e.Part, e.Screened, e.NeedsIdentified));
        if (e.Part == 1)
        {
            MeetOrRecordEarly(step, Policy.ScreeningPart1, e.On, "immediate needs screening part 1");
            SetDeadline(step, Policy.ScreeningPart2, e.On);
        }
        else if (step.State.Screened.Count == Enum.GetValues<Pathway>().Length)
            MeetOrRecordEarly(step, Policy.ScreeningPart2, e.On, "screening of every pathway");
        if (NeedsAccommodation(step.State) && step.State.PreReleaseStarted) SetDeadline(step, Policy.DutyToRefer, e.On);
    }

    private static bool NeedsAccommodation(JourneyState s) => s.Person!.NoFixedAbode || s.Needs.Contains(Pathway.Accommodation);

    private void OnTaskDone(Step step, JourneyEvent e, DeadlineRule rule, LocalDate on, bool custodyOnly)
    {
        if (custodyOnly && !step.State.InCustodyBeforeRelease)
        {
            step.Reject(e.Kind, $"{rule.RuleId} is a pre-release task and the person was released on {step.State.ReleasedOn:yyyy-MM-dd}");
            return;
        }
        MeetOrRecordEarly(step, rule, on, rule.RuleId);
    }

    /// <summary>12 weeks before release: resettlement plan, licence, accommodation. A window already past still opens (short sentences).</summary>
    private void StartPreRelease(Step step)
    {
        var s = step.State;
        if (s.PreReleaseStarted || !s.InCustodyBeforeRelease) return;
        var releaseDate = s.Dates!.Crd;
        // The pre-release and release deadlines follow the day the person will actually leave.
        var crd = ExpectedReleaseDay(releaseDate);
        ChangeStage(step, Stage.PreRelease, $"pre-release: {Policy.PreReleaseWindowDays} days before release on {crd:yyyy-MM-dd}");
        if (crd != releaseDate) step.Add(new Noted(NonWorkingRelease(releaseDate, crd)));
        SetDeadline(step, Policy.ReleaseRecorded, crd, due: NotBefore(DueDate(Policy.ReleaseRecorded, crd), step.Today));
        if (crd <= step.Today)
        {
            step.Add(new Noted($"release date {crd:yyyy-MM-dd} is today or past: no pre-release window (release straight from court or imminent)"));
            return;
        }
        if (crd.PlusDays(-Policy.PreReleaseWindowDays) < step.Today)
            step.Add(new Noted($"the pre-release window opened late ({(crd.PlusDays(-Policy.PreReleaseWindowDays)):yyyy-MM-dd}): due dates no earlier than today"));
        SetDeadline(step, Policy.ResettlementPlan, crd, due: NotBefore(DueDate(Policy.ResettlementPlan, crd), step.Today));
        if (!s.Dates.Unconditional)
            SetDeadline(step, Policy.LicenceApproval, crd, due: NotBefore(DueDate(Policy.LicenceApproval, crd), step.Today));
        if (NeedsAccommodation(s)) SetDeadline(step, Policy.DutyToRefer, step.Today);
    }

    private static string NonWorkingRelease(LocalDate releaseDate, LocalDate expected) =>
        $"the release date {Words.Date(releaseDate)} is not a working day: release is expected on {Words.Date(expected)}";

    private static LocalDate NotBefore(LocalDate date, LocalDate floor) => date < floor ? floor : date;

    private void OnReleased(Step step, Released e)
    {
        var s = step.State;
        if (s.Stage == Stage.RecalledToCustody) { ReRelease(step, e.On); return; }
        if (!s.InCustodyBeforeRelease) { step.Reject(e.Kind, $"already released on {s.ReleasedOn:yyyy-MM-dd} ({s.Stage})"); return; }
        var dates = s.Dates!;
        if (s.ReceivedOn is null) step.Add(new Noted("released without a recorded reception: reception implied"));
        Cancel(step, $"released on {e.On:yyyy-MM-dd} before it was done", Policy.ScreeningPart1.RuleId, Policy.ScreeningPart2.RuleId,
            Policy.ResettlementPlan.RuleId, Policy.LicenceApproval.RuleId, Policy.DutyToRefer.RuleId);
        Meet(step, Policy.ReleaseRecorded.RuleId, e.On);
        step.Add(new PersonReleased(e.On, e.OnHdc));
        if (e.On > dates.Crd) step.Add(new Noted($"released late: on {Words.Date(e.On)}, after the release date of {Words.Date(dates.Crd)}"));
        if (dates.Unconditional) { End(step, $"unconditional release on {e.On:yyyy-MM-dd} (ARD): no licence"); return; }
        if (e.On > dates.Sled) { End(step, $"released on {e.On:yyyy-MM-dd}, after the licence expired (SLED {dates.Sled:yyyy-MM-dd})"); return; }
        ChangeStage(step, Stage.Licence, e.OnHdc ? $"released on HDC on {e.On:yyyy-MM-dd}; licence to {dates.Sled:yyyy-MM-dd}" : $"released on {e.On:yyyy-MM-dd}; licence to {dates.Sled:yyyy-MM-dd}");
        SetDeadline(step, Policy.FirstAppointment, e.On);
        SetDeadline(step, Policy.HomeVisit, e.On);
        SetDeadline(step, Policy.AssessmentAndPlan, e.On);
        SetDeadline(step, Policy.LicenceContact, e.On, Recurring(step, Policy.LicenceContact));
        SetReviews(step, e.On);
    }

    /// <summary>Periodic review every 3 months, and one in the final month of supervision.</summary>
    private void SetReviews(Step step, LocalDate from)
    {
        var s = step.State;
        var end = FinalEnd(s);
        var finalDue = DueDate(Policy.FinalMonthReview, end);
        if (s.OpenDeadline(Policy.PeriodicReview.RuleId) is null && DueDate(Policy.PeriodicReview, from) < finalDue)
            SetDeadline(step, Policy.PeriodicReview, from, Recurring(step, Policy.PeriodicReview));
        if (s.OpenDeadline(Policy.FinalMonthReview.RuleId) is null && finalDue >= step.Today)
            SetDeadline(step, Policy.FinalMonthReview, end, $"{Policy.FinalMonthReview.RuleId}-{end:yyyy-MM-dd}");
    }

    /// <summary>The day supervision ends: TUSED if the sentence has one (a repeal removes it when it commences), else SLED.</summary>
    private static LocalDate FinalEnd(JourneyState s) => FinalEndOf(s.Dates!);

    private static LocalDate FinalEndOf(KeyDates d) => d.SupervisionEnd;
}
