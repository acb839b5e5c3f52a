using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Staff.Caseload;

/// <summary>
/// Realistic sample journeys for local mode, dated relative to today so that there is always something overdue, due
/// this week and upcoming. Dates follow DOMAIN.md's rules (SDS40 release at 40%, COM within 5 days, home visit within
/// 2 weeks, initial assessment within 15 working days); people and CRNs are invented.
/// </summary>
public static class SampleCaseload
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static IReadOnlyList<JourneyDetail> Journeys(LocalDate today) =>
    [
        Released("J-X777519-S1", "X777519", "Daniel Reeve", "com-patel", "LDN-LEW", today, releasedDaysAgo: 20),
        PreRelease("J-X612044-S1", "X612044", "Kelly Aston", "com-patel", "LDN-LEW", today),
        Unallocated("J-X500123-S1", "X500123", "Marcus Bell", "LDN-LEW", today),
        Screening("J-X431876-S1", "X431876", "Leanne Ford", "com-hughes", "LDN-LEW", today),
        OnLicence("J-X288310-S2", "X288310", "Jason Kirby", "com-hughes", "LDN-LEW", today),
        Released("J-X334455-S1", "X334455", "Ryan O'Neill", "com-murphy", "LDN-SWK", today, releasedDaysAgo: 17),
        OnLicence("J-X120987-S1", "X120987", "Nadia Hussain", "com-murphy", "LDN-SWK", today),
    ];

    /// <summary>The reminders the journeys would have raised by today for their overdue and due-today tasks.</summary>
    public static IReadOnlyList<ReminderCommand> Reminders(IEnumerable<JourneyDetail> journeys, LocalDate today)
    {
        var raised = today.AtStartOfDayInZone(London).ToInstant().Plus(Duration.FromHours(6));
        var commands = new List<ReminderCommand>();
        foreach (var (summary, _, _) in journeys)
        {
            foreach (var task in summary.OpenTasks)
            {
                ReminderKind? kind = DeadlinePolicy.IsOverdue(task.DueDate, today) ? ReminderKind.Overdue
                    : task.DueDate == today ? ReminderKind.DueToday
                    : DeadlinePolicy.IsDueThisWeek(task.DueDate, today) ? ReminderKind.Upcoming
                    : null;
                if (kind is null) continue;
                var (role, recipient) = summary.ComId is null ? (RecipientRole.Pdu, summary.Pdu) : (RecipientRole.Com, summary.ComId);
                commands.Add(new ReminderCommand($"{summary.JourneyId}/{task.TaskId}/{kind.Value.ToString().ToLowerInvariant()}",
                    summary.JourneyId, summary.Crn, task.TaskId, task.RuleId, kind.Value, role, recipient, summary.Pdu,
                    task.DueDate, task.Reason, raised));
                if (kind == ReminderKind.Overdue && DeadlinePolicy.DaysOverdue(task.DueDate, today) >= 3 && summary.ComId is not null)
                {
                    commands.Add(new ReminderCommand($"{summary.JourneyId}/{task.TaskId}/escalation",
                        summary.JourneyId, summary.Crn, task.TaskId, task.RuleId, ReminderKind.Escalation, RecipientRole.Spo,
                        summary.ComId, summary.Pdu, task.DueDate, task.Reason + " Escalated after 3 overdue working days.", raised));
                }
            }
        }
        return commands;
    }

    private static Instant At(LocalDate date, int hour = 10) => date.AtStartOfDayInZone(London).ToInstant().Plus(Duration.FromHours(hour));

    private static string Long(LocalDate d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A 6-month SDS40 sentence: 182 days, custodial part ceiling(182 x 0.4) = 73 days.</summary>
    private static (LocalDate Sentence, LocalDate Crd, LocalDate Sled, List<KeyDate> Dates) SixMonths(LocalDate crd)
    {
        var sentence = crd.PlusDays(-72);
        var sled = sentence.PlusMonths(6).PlusDays(-1);
        return (sentence, crd, sled,
        [
            new KeyDate("SD", "Sentence date", sentence, "Sentenced to 6 months' imprisonment at the magistrates' court."),
            new KeyDate("CRD", "Conditional release date", crd,
                $"Released at 40% (SDS40): 6 months from {Long(sentence)} is 182 days; 40% rounded up is 73 days, so release on day 73."),
            new KeyDate("SLED", "Sentence and licence expiry date", sled, "The end of the 6-month sentence: on licence until then."),
        ]);
    }

    private static JourneyDetail Released(string id, string crn, string name, string com, string pdu, LocalDate today, int releasedDaysAgo)
    {
        var (sentence, crd, _, dates) = SixMonths(today.PlusDays(-releasedDaysAgo));
        var homeVisit = crd.PlusDays(14);
        var assessment = crd.PlusDays(21); // 15 working days, no bank holidays in between
        return new JourneyDetail(
            new JourneySummary(id, crn, name, Stage.Licence, com, pdu,
            [
                new OpenTask("home-visit", "Home visit", homeVisit, "release.home-visit",
                    "A home visit within 2 weeks of release (local practice; mandatory where there are domestic abuse concerns, as recorded for this case)."),
                new OpenTask("initial-assessment", "Initial assessment and sentence plan", assessment, "release.initial-assessment",
                    "The initial assessment and sentence plan are due within 15 working days of release (our default)."),
            ]),
            dates,
            [
                new HistoryEntry(At(sentence, 15), "Sentence received from court", "Probation case sentence created: 6 months, so the journey began."),
                new HistoryEntry(At(sentence.PlusDays(2)), "COM allocated", "Allocated within 5 days of sentence (probation blueprint)."),
                new HistoryEntry(At(sentence.PlusDays(3)), "Immediate needs screening completed", "BCST part 1 is due 3 days after reception."),
                new HistoryEntry(At(sentence.PlusDays(3), 11), "Pre-release work started at once",
                    "The pre-release window opens 12 weeks before release, which was before the sentence began."),
                new HistoryEntry(At(crd, 9), "Released on licence", "Conditional release date reached; reported to probation on the day of release."),
                new HistoryEntry(At(crd, 9).Plus(Duration.FromMinutes(1)), "Home visit and initial assessment deadlines set",
                    "Release starts the 2-week home visit and 15-working-day assessment clocks."),
            ]);
    }

    private static JourneyDetail PreRelease(string id, string crn, string name, string com, string pdu, LocalDate today)
    {
        var (sentence, crd, _, dates) = SixMonths(today.PlusDays(30));
        return new JourneyDetail(
            new JourneySummary(id, crn, name, Stage.PreRelease, com, pdu,
            [
                new OpenTask("duty-to-refer", "Duty to refer to the local authority (accommodation)", today.PlusDays(1), "pre-release.duty-to-refer",
                    "May be homeless on release: the Homelessness Reduction Act 2018 duty to refer applies; our default is 4 weeks before release."),
                new OpenTask("licence-approval", "Licence approved", crd.PlusDays(-4), "pre-release.licence-approval",
                    "The licence service locks edits 2 working days before release; it must be approved before then."),
            ]),
            dates,
            [
                new HistoryEntry(At(sentence, 14), "Sentence received from court", "Prisoner received: admission."),
                new HistoryEntry(At(sentence.PlusDays(1)), "COM allocated", "Allocated within 5 days of sentence (probation blueprint)."),
                new HistoryEntry(At(sentence.PlusDays(1), 11), "Pre-release stage began",
                    "Release is less than 12 weeks (84 days) away, so pre-release work starts now."),
            ]);
    }

    private static JourneyDetail Unallocated(string id, string crn, string name, string pdu, LocalDate today)
    {
        var (sentence, _, _, dates) = SixMonths(today.PlusDays(65));
        return new JourneyDetail(
            new JourneySummary(id, crn, name, Stage.Sentenced, null, pdu,
            [
                new OpenTask("com-allocation", "Allocate a COM", sentence.PlusDays(5), "sentenced.com-allocation",
                    "A COM must be allocated within 5 days of sentence; with 10 months or less to serve the COM is responsible from the start and the case goes to the Short Sentence Function."),
            ]),
            dates,
            [
                new HistoryEntry(At(sentence, 16), "Sentence received from court", "Probation case sentence created: 6 months."),
                new HistoryEntry(At(sentence, 16).Plus(Duration.FromMinutes(1)), "COM allocation deadline set",
                    "10 months or less to serve: COM responsible from the start (OMiC determinate short); PDU reminded every 2 days until allocated."),
            ]);
    }

    private static JourneyDetail Screening(string id, string crn, string name, string com, string pdu, LocalDate today)
    {
        var reception = today.PlusDays(-4);
        var (_, _, _, dates) = SixMonths(reception.PlusDays(72));
        return new JourneyDetail(
            new JourneySummary(id, crn, name, Stage.InCustody, com, pdu,
            [
                new OpenTask("bcst-part-1", "Immediate needs screening, part 1", reception.PlusDays(3), "screening.bcst-part-1",
                    "Basic Custody Screening part 1 is due 3 days after reception (Through the Gate policy; configurable)."),
            ]),
            dates,
            [
                new HistoryEntry(At(reception, 17), "Received into prison", "Prisoner received: admission after sentence."),
                new HistoryEntry(At(reception.PlusDays(1)), "COM allocated", "Allocated within 5 days of sentence."),
            ]);
    }

    private static JourneyDetail OnLicence(string id, string crn, string name, string com, string pdu, LocalDate today)
    {
        var (sentence, crd, _, dates) = SixMonths(today.PlusDays(-50));
        return new JourneyDetail(
            new JourneySummary(id, crn, name, Stage.Licence, com, pdu,
            [
                new OpenTask("monthly-contact", "Face-to-face contact", today.PlusDays(12), "licence.monthly-contact",
                    "At least monthly face-to-face contact on licence; video counts for at most half of them."),
            ]),
            dates,
            [
                new HistoryEntry(At(sentence, 15), "Sentence received from court", "Probation case sentence created."),
                new HistoryEntry(At(crd, 9), "Released on licence", "Conditional release date reached."),
                new HistoryEntry(At(crd.PlusDays(9)), "Home visit completed", "Within 2 weeks of release."),
                new HistoryEntry(At(today.PlusDays(-18)), "Face-to-face contact recorded", "Next monthly contact due within a month."),
            ]);
    }
}
