using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Simulation;

// What the synthetic person, the courts, the prisons and the staff do, in reaction to what the journeys record.
internal sealed partial class PersonSimulation
{
    private SentenceTerms DrawTerms(LocalDate sentenceDate)
    {
        int months, days;
        var roll = _rng.NextDouble();
        if (roll < _rates.MonthOrLess) { months = 0; days = _rng.Next(5, 32); }
        else if (roll < 1 - _rates.TwelveMonthsOrMore) { months = _rng.Next(1, 12); days = _rng.Next(0, 2) * _rng.Next(0, 28); }
        else { months = _rng.Next(12, 24); days = 0; }
        var length = months * 30 + days;
        var remand = _rng.NextDouble() < _rates.Remand ? _rng.Next(1, Math.Max(2, Math.Min(60, length / 3))) : 0;
        return new SentenceTerms(sentenceDate, months, days, sentenceDate.PlusDays(-_rng.Next(30, 200)), remand);
    }

    /// <summary>A custodial sentence on <paramref name="day"/>; after the presumption of suspended sentences some are suspended instead.</summary>
    private int NewJourney(LocalDate day, int? supervisedBy = null)
    {
        var terms = DrawTerms(day);
        var presumption = _decider.Law.Changes.Any(c => c.Effect == LawEffect.SuspendedSentencePresumption && c.Commences <= day);
        if (presumption && terms.Months * 30 + terms.Days <= 365 && _rng.NextDouble() < _rates.SuspendedInsteadAfterPresumption)
        {
            _tally.SuspendedInstead++;
            return -1;
        }
        var index = _journeys.Count;
        _journeys.Add(new JourneyDriver(_decider, JourneyId.For(_crn, SentenceIdOf(index))) { Inputs = RecordInputs ? new() : null });
        _hdc.Add(_rng.NextDouble() < _rates.HdcWhenEligible);
        _tally.Journeys++;
        var person = new PersonProfile(_pdu, _region, _tally.Woman, _tally.NoFixedAbode);
        var sentence = Stamp(index, new SentenceRecorded(terms, person));
        var outOfArea = _rng.NextDouble() < (_tally.Woman ? 0.5 : _rates.HeldOutOfArea);
        var prisonRegion = outOfArea ? Regions[(Array.IndexOf(Regions, _region) + 1 + _rng.Next(11)) % 12] : _region;
        var reception = Stamp(index, new ReceivedIntoCustody(day, $"HMP {prisonRegion}", prisonRegion));
        if (_rng.NextDouble() < _rates.SentenceAfterReception)
        {
            Schedule(AtHour(day, 11), index, (_, _) => reception);
            Schedule(AtHour(day.PlusDays(1), 12), index, (_, _) => sentence);
        }
        else
        {
            Schedule(AtHour(day, 12), index, (_, _) => sentence);
            Schedule(AtHour(day, 15), index, (_, _) => reception);
        }
        if (supervisedBy is int old)
        {
            _tally.NewSentences++;
            Schedule(AtHour(day, 13), old, (s, _) => s.Started && s.Stage != Stage.Ended ? Stamp(old, new NewSentenceWhileSupervised(SentenceIdOf(index))) : null);
        }
        return index;
    }

    private void React(int journey, Decision<JourneyFact> decision, Instant now)
    {
        foreach (var c in decision.Commands)
        {
            switch (c.Kind)
            {
                case ReminderKind.Upcoming: _tally.Upcoming++; break;
                case ReminderKind.DueToday: _tally.DueToday++; break;
                case ReminderKind.Overdue: _tally.Overdue++; break;
                default: _tally.Escalation++; break;
            }
        }
        var today = now.InZone(JourneyDecider.London).Date;
        foreach (var fact in decision.Facts)
        {
            switch (fact)
            {
                case JourneyStarted or DatesChanged: ScheduleRelease(journey, today); break;
                case DeadlineSet set: ScheduleCompletion(journey, set.Deadline, today); break;
                case ReminderRaised { Kind: ReminderKind.Overdue or ReminderKind.Escalation } r:
                    if (r.Kind == ReminderKind.Overdue) _tally.OverdueTasks++;
                    var open = _journeys[journey].State.Deadlines.FirstOrDefault(d => d.TaskId == r.TaskId);
                    if (open is not null) ScheduleCompletion(journey, open, today, chased: true);
                    break;
                case StageChanged { To: Stage.Licence } when _journeys[journey].State.Recalls == 0: PlanLicence(journey, today); break;
                case StageChanged { To: Stage.Pss }: PlanPss(journey, today); break;
                case PersonReleased p when p.OnHdc: _tally.HdcReleases++; break;
                case RecallDecisionRecorded: _tally.Recalls++; ScheduleReturn(journey, today); break;
                case RecallCustodyStarted { ReleaseDue: { } due }:
                    Schedule(Daytime(due), journey, (s, _) => s.Stage == Stage.RecalledToCustody ? Stamp(journey, new ReReleased(due)) : null);
                    break;
                case PssBreachRecorded: _tally.PssBreaches++; break;
                case JourneyEnded end: _tally.Ended++; if (end.ByPssRepeal) _tally.EndedByPssRepeal++; break;
                case EventParked: _tally.Parked++; break;
                case EventRejected: _tally.Rejected++; break;
                case LawApplied law: _tally.Laws[law.LawId] = _tally.Laws.GetValueOrDefault(law.LawId) + 1; break;
            }
        }
    }

    /// <summary>Prisons release on the release date (brought forward from a weekend), or early on HDC; re-checked when dates move.</summary>
    private void ScheduleRelease(int journey, LocalDate today) => Schedule(AtHour(today, 16), journey, Release);

    private JourneyEvent? Release(JourneyState s, LocalDate today)
    {
        if (!s.InCustodyBeforeRelease) return null;
        var dates = s.Dates!;
        var journey = IndexOf(s);
        var hdc = _hdc[journey] && dates.Hdced is { } h && h < dates.Crd;
        var day = hdc ? dates.Hdced!.Value : _decider.Holidays.OnOrBeforeWorkingDay(dates.Crd);
        if (day < s.Terms!.SentenceDate) day = s.Terms.SentenceDate;
        if (day > today)
        {
            Schedule(AtHour(day, 11), journey, Release);
            return null;
        }
        return Stamp(journey, new Released(today, OnHdc: hdc));
    }

    private int IndexOf(JourneyState s) => int.Parse(s.SentenceId.AsSpan(1)) - 1;

    /// <summary>Staff do most tasks on time, some late, a few only once the SPO has been told; chased tasks get done soon.</summary>
    private void ScheduleCompletion(int journey, Deadline d, LocalDate today, bool chased = false)
    {
        LocalDate day;
        if (chased) day = today.PlusDays(_rng.Next(1, 4));
        else if (d.RuleId == "first-appointment") day = d.DueDate;
        else if (d.RuleId == "court-outcome") day = d.DueDate.PlusDays(-1);
        else
        {
            var roll = _rng.NextDouble();
            var from = d.SetOn > today ? d.SetOn : today;
            var span = Period.Between(from, d.DueDate, PeriodUnits.Days).Days;
            day = roll < _rates.StaffOnTime ? from.PlusDays(span > 0 ? _rng.Next(0, span + 1) : 0)
                : roll < _rates.StaffOnTime + _rates.StaffLate ? d.DueDate.PlusDays(_rng.Next(1, 8))
                : d.DueDate.PlusDays(_rng.Next(8, 16));
            if (day < today) day = today;
        }
        var taskId = d.TaskId;
        var ruleId = d.RuleId;
        Schedule(Daytime(day), journey, (s, on) => IsOpen(s, taskId) ? Completion(journey, ruleId, on, chased) : null);
    }

    private static bool IsOpen(JourneyState s, string taskId)
    {
        foreach (var d in s.Deadlines) if (d.TaskId == taskId) return true;
        return false;
    }

    private JourneyEvent? Completion(int journey, string ruleId, LocalDate on, bool chased)
    {
        var s = _journeys[journey].State;
        JourneyEvent? e = ruleId switch
        {
            "com-allocation" or "com-allocation-ssf" => new ComAllocated($"COM {_rng.Next(1, 40)} ({s.Person!.Pdu})"),
            "screening-part-1" => new ScreeningCompleted(on, 1, [], Needs()),
            "screening-part-2" => new ScreeningCompleted(on, 2, AllPathways, Needs()),
            "resettlement-plan" => new ResettlementPlanCompleted(on),
            "licence-approval" => new LicenceApproved(on),
            "duty-to-refer" => new DutyToReferMade(on, $"{_region} council"),
            "first-appointment" => new ContactRecorded(on, ContactKind.FaceToFace),
            "home-visit" => new HomeVisitDone(on),
            "assessment-and-plan" => new AssessmentAndPlanDone(on),
            "licence-contact" => new ContactRecorded(on, chased ? ContactKind.FaceToFace : LicenceContactKind()),
            "pss-induction" => new ContactRecorded(on, ContactKind.FaceToFace, Induction: true),
            "pss-contact" => new ContactRecorded(on, _rng.NextDouble() < 0.6 ? ContactKind.Phone : ContactKind.FaceToFace),
            "periodic-review" or "final-month-review" or "concurrent-sentence-review" => new ReviewDone(on),
            "recall-request" => new RecallRequested(on),
            "court-application" => new CourtApplicationMade(on),
            "court-outcome" => new CourtOutcome(s.PssBreach?.HearingOn ?? on, (CourtOutcomeKind)_rng.Next(0, 5)),
            _ => null,
        };
        if (e is null) return null;
        if (ruleId == "recall-request")
            Schedule(Daytime(on.PlusDays(_rng.Next(1, 3))), journey, (st, day) => st.Stage == Stage.Licence && st.Recall is { Decision: null }
                ? Stamp(journey, new RecallDecided(day, _rng.NextDouble() < _rates.FixedTermRecall ? RecallType.FixedTerm : RecallType.Standard))
                : null);
        if (ruleId == "court-application")
        {
            var hearing = s.PssBreach!.On.PlusDays(_rng.Next(28, 57)); // listing delays of 4 to 8 weeks
            Schedule(Daytime(on.PlusDays(_rng.Next(1, 6))), journey, (st, _) => st.PssBreach is not null ? Stamp(journey, new HearingListed(hearing)) : null);
        }
        return Stamp(journey, e);
    }

    private static readonly Pathway[] AllPathways = Enum.GetValues<Pathway>();

    private Pathway[] Needs()
    {
        var needs = new List<Pathway>(3);
        if (_tally.NoFixedAbode || _rng.NextDouble() < 0.2) needs.Add(Pathway.Accommodation);
        if (_rng.NextDouble() < 0.4) needs.Add(Pathway.DrugsAndAlcohol);
        if (_rng.NextDouble() < 0.3) needs.Add(Pathway.FinanceAndId);
        return needs.ToArray();
    }

    private ContactKind LicenceContactKind()
    {
        var roll = _rng.NextDouble();
        return roll < 0.75 ? ContactKind.FaceToFace : roll < 0.93 ? ContactKind.Video : ContactKind.Phone;
    }

    /// <summary>On first release: warnings, a breach (on licence or later on PSS), maybe a new offence and sentence.</summary>
    private void PlanLicence(int journey, LocalDate today)
    {
        var dates = _journeys[journey].State.Dates!;
        var licenceDays = Math.Max(1, Period.Between(today, dates.Sled, PeriodUnits.Days).Days);
        if (_rng.NextDouble() < _rates.Warning)
            Schedule(Daytime(today.PlusDays(_rng.Next(1, licenceDays + 1))), journey,
                (s, _) => s.InCommunity ? Stamp(journey, new WarningIssued("missed appointment")) : null);
        if (_rng.NextDouble() < _rates.Breach)
        {
            var onPss = dates.Tused is { } t && t > dates.Sled && _rng.NextDouble() < 0.4;
            var day = onPss
                ? dates.Sled.PlusDays(_rng.Next(10, Math.Max(11, Period.Between(dates.Sled, dates.Tused!.Value, PeriodUnits.Days).Days - 5)))
                : today.PlusDays(_rng.Next(1, licenceDays + 1));
            Schedule(Daytime(day), journey, (s, on) => s.Stage switch
            {
                Stage.Licence => Stamp(journey, new LicenceBreached(on, "failed to keep in touch")),
                Stage.Pss => Stamp(journey, new PssBreached(on, "failed to attend")),
                _ => null,
            });
        }
        if (_rng.NextDouble() < _rates.NewCustodialSentence)
        {
            var day = today.PlusDays(_rng.Next(20, 366));
            if (day <= _to) Schedule(AtHour(day, 9), journey, (s, on) => { NewJourney(on, journey); return null; });
        }
    }

    private void PlanPss(int journey, LocalDate today)
    {
        if (_rng.NextDouble() >= _rates.PssSuspension) return;
        Schedule(Daytime(today.PlusDays(30)), journey, (s, on) => s.Stage == Stage.Pss ? Stamp(journey, new PssSuspended(on, s.Com ?? "COM", $"SPO {_pdu}", "services not needed")) : null);
        Schedule(Daytime(today.PlusDays(90)), journey, (s, on) => s.Stage == Stage.Pss && s.PssSuspended ? Stamp(journey, new PssResumed(on)) : null);
    }

    /// <summary>After a recall decision the person is arrested and returned, usually within days.</summary>
    private void ScheduleReturn(int journey, LocalDate today) =>
        Schedule(Daytime(today.PlusDays(_rng.Next(0, 15))), journey, (s, on) => s.Stage == Stage.Licence && s.Recall is { Decision: not null }
            ? Stamp(journey, new ReceivedIntoCustody(on, $"HMP {_region}", _region, IsRecall: true))
            : null);
}
