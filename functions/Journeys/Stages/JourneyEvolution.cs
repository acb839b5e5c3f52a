using ShortSentences.Journeys.Facts;

namespace ShortSentences.Journeys.Stages;

/// <summary>Evolve: folds one recorded fact into the state. Pure and total: every fact type is handled here.</summary>
public static class JourneyEvolution
{
    public static JourneyState Apply(JourneyState s, JourneyFact fact)
    {
        // One copy of the state per fact: each case copies, then the copy's bookkeeping is set in place.
        var next = fact switch
        {
            JourneyStarted f => s with
            {
                Crn = f.Crn, Noms = f.Noms, SentenceId = f.SentenceId, Terms = f.Terms, Person = f.Person, Dates = f.Dates,
                DatesSupplied = f.DatesSupplied, ShortSentenceFunction = f.ShortSentenceFunction, SentenceDays = f.SentenceDays,
                Parked = s.Parked.Clear(),
            },
            EventParked f => s with { Parked = s.Parked.Add(f.Event) },
            EventRejected => s with { },
            StageChanged f => s with
            {
                Stage = f.To,
                PreReleaseStarted = s.PreReleaseStarted || f.To == Stage.PreRelease,
                LicenceStartedOn = f.To == Stage.Licence && s.LicenceStartedOn is null ? f.On : s.LicenceStartedOn,
                LicenceEndedOn = s.Stage is Stage.Licence or Stage.RecalledToCustody && f.To is not (Stage.Licence or Stage.RecalledToCustody) ? f.On : s.LicenceEndedOn,
                PssStartedOn = f.To == Stage.Pss && s.PssStartedOn is null ? f.On : s.PssStartedOn,
                PssEndedOn = s.Stage == Stage.Pss && f.To != Stage.Pss ? f.On : s.PssEndedOn,
            },
            DeadlineSet f => s with { Deadlines = s.Deadlines.Add(f.Deadline), DeadlineSeq = f.Deadline.Seq },
            DeadlineMet f => s with { Deadlines = Without(s, f.TaskId), Done = s.Done.Add(f.TaskId) },
            DeadlineCancelled f => s with { Deadlines = Without(s, f.TaskId) },
            ReminderRaised f => s with { Deadlines = Advanced(s, f.TaskId, f.Index + 1) },
            ComAssigned f => s with { Com = f.ComName, Person = s.Person is { } p ? p with { Pdu = f.Pdu } : s.Person },
            CustodyReception f => s with
            {
                ReceivedOn = s.ReceivedOn ?? f.On, Prison = f.Prison, HeldOutOfArea = f.HeldOutOfArea,
            },
            PathwaysScreened f => s with { Screened = s.Screened.Union(f.Screened), Needs = s.Needs.Union(f.NeedsIdentified) },
            Noted => s with { },
            PersonReleased f => s with { ReleasedOn = f.On, OnHdc = f.OnHdc, Recall = null },
            ContactCounted f => !f.Counts ? s : f.Contact switch
            {
                Events.ContactKind.Video => s with { CountedVideo = s.CountedVideo + 1 },
                Events.ContactKind.FaceToFace => s with { CountedFaceToFace = s.CountedFaceToFace + 1 },
                _ => s,
            },
            WarningRecorded => s with { Warnings = s.Warnings + 1 },
            WarningsReset => s with { Warnings = 0 },
            LicenceBreachRecorded f => s with { Recall = new RecallState(f.On, false, null, null, null, null) },
            RecallDecisionRecorded f => s with
            {
                Recall = (s.Recall ?? new RecallState(null, false, null, null, null, null)) with
                {
                    Decision = f.Recall, FixedTermDays = f.FixedTermDays,
                },
                Recalls = s.Recalls + 1,
            },
            RecallCustodyStarted f => s with
            {
                Recall = (s.Recall ?? new RecallState(null, false, null, null, null, null)) with { ReturnedOn = f.On, ReleaseDue = f.ReleaseDue },
            },
            PssBreachRecorded f => s with { PssBreach = new PssBreachState(f.On, null), PssBreaches = s.PssBreaches + 1 },
            HearingDateRecorded f => s with { PssBreach = s.PssBreach is { } b ? b with { HearingOn = f.HearingOn } : s.PssBreach },
            BreachConcluded => s with { PssBreach = null },
            PssSuspensionChanged f => s with { PssSuspended = f.Suspended },
            DatesChanged f => s with { Dates = f.After },
            SentenceJoined f => s with { JoinedSentences = s.JoinedSentences.Add(f.Sentence), SentenceDays = f.TermDays },
            LawApplied f => s with { LawsApplied = s.LawsApplied.Add(f.LawId) },
            JourneyEnded f => s with { EndedOn = f.On, EndReason = f.Reason, EndedByPssRepeal = f.ByPssRepeal },
            _ => throw new InvalidOperationException($"no evolution for fact {fact.GetType().Name}"),
        };
        next.FactCount = s.FactCount + 1;
        if (fact.EventId.Length > 0) next.Handled = s.Handled.Add(fact.EventId);
        return next;
    }

    private static System.Collections.Immutable.ImmutableArray<Deadline> Without(JourneyState s, string taskId)
    {
        for (var i = 0; i < s.Deadlines.Length; i++)
            if (s.Deadlines[i].TaskId == taskId) return s.Deadlines.RemoveAt(i);
        return s.Deadlines;
    }

    private static System.Collections.Immutable.ImmutableArray<Deadline> Advanced(JourneyState s, string taskId, int next)
    {
        for (var i = 0; i < s.Deadlines.Length; i++)
            if (s.Deadlines[i].TaskId == taskId) return s.Deadlines.SetItem(i, s.Deadlines[i] with { NextReminder = next });
        return s.Deadlines;
    }
}
