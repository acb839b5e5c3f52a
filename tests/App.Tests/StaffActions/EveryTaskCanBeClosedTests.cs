using System.Text.Json;
using NodaTime;
using ShortSentences.App.Events;
using ShortSentences.App.Journeys;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Journeys.Stages;
using Xunit;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>
/// Every deadline rule of the policy, and the ways it can be closed: always by staff (task-completed, through the
/// API or "Mark as done"), and by the HMPPS domain events that record what it waits for where such an event exists
/// (docs/journeys.md, "What closes each task"). Each way is shown closing the task on a journey where it is open.
/// </summary>
public sealed class EveryTaskCanBeClosedTests
{
    /// <summary>The HMPPS domain events that close each task; an empty list means only staff can (no event exists).</summary>
    private static readonly Dictionary<string, string[]> ClosedByEvents = new()
    {
        ["com-allocation"] = ["person.community.manager.allocated"],
        ["com-allocation-ssf"] = ["person.community.manager.allocated"],
        ["screening-part-1"] = [],
        ["screening-part-2"] = [],
        ["resettlement-plan"] = [],
        ["licence-approval"] = [],
        ["duty-to-refer"] = [],
        ["release-recorded"] = ["prison-offender-events.prisoner.released"],
        ["first-appointment"] = [],
        ["home-visit"] = [],
        ["assessment-and-plan"] = ["assessment.summary.produced"],
        ["licence-contact"] = [],
        ["pss-induction"] = [],
        ["pss-contact"] = [],
        ["periodic-review"] = [],
        ["final-month-review"] = [],
        ["recall-request"] = ["probation-case.recall.added"],
        ["court-application"] = [],
        ["court-outcome"] = [],
        ["concurrent-sentence-review"] = [],
    };

    private static readonly Dictionary<string, string> Details = new()
    {
        ["person.community.manager.allocated"] = """{"staffName":"Priya Patel","staffCode":"N07P001","pduCode":"LDN-LEW"}""",
        ["prison-offender-events.prisoner.released"] = """{"reason":"RELEASED","prisonId":"PVI"}""",
        ["assessment.summary.produced"] = "{}",
        ["probation-case.recall.added"] = "{}",
    };

    private static readonly JourneyDecider Decider = new(law: LawBook.EnglandAndWales.FrozenAt(new LocalDate(2025, 1, 1)));

    public static IEnumerable<object[]> Rules() =>
        typeof(DeadlinesPolicy).GetProperties().Where(p => p.PropertyType == typeof(DeadlineRule))
            .Select(p => new object[] { ((DeadlineRule)p.GetValue(DeadlinesPolicy.Default)!).RuleId });

    [Fact]
    public void Every_rule_of_the_policy_has_its_ways_of_closing_written_down()
    {
        var rules = Rules().Select(r => (string)r[0]).ToList();
        Assert.Equal(20, rules.Count);
        Assert.Equal(rules.Order(), ClosedByEvents.Keys.Order());
        foreach (var type in ClosedByEvents.Values.SelectMany(v => v)) Assert.True(DomainEventMapping.IsKnown(type), type);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_task_can_be_marked_done_by_staff_and_closed_by_any_HMPPS_event_that_records_it(string ruleId)
    {
        var (state, at, task) = FirstOpen().TryGetValue(ruleId, out var open)
            ? open
            : throw new Xunit.Sdk.XunitException($"no scripted journey opens {ruleId}");
        var today = at.InZone(JourneyDecider.London).Date;

        var done = new TaskCompleted(task.TaskId, today, "com-patel") { EventId = $"done-{task.TaskId}", Crn = state.Crn, SentenceId = state.SentenceId, OccurredAt = at };
        AssertCloses(state, done, at, task);

        foreach (var type in ClosedByEvents[ruleId])
        {
            using var info = JsonDocument.Parse(Details[type]);
            var domainEvent = new DomainEvent(type, 1, at, null, null, info.RootElement.Clone(), state.Crn, state.Noms, $"de-{ruleId}-{type}");
            var mapped = Assert.IsType<Mapped.ToJourney>(DomainEventMapping.Map(domainEvent, state));
            AssertCloses(state, mapped.Event, at, task);
        }
    }

    private static void AssertCloses(JourneyState state, JourneyEvent e, Instant at, Deadline task)
    {
        var decision = Decider.Decide(state, e, at, out var next);
        var rejected = decision.Facts.OfType<EventRejected>().Select(r => r.Reason).ToList();
        Assert.True(rejected.Count == 0, $"{e.Kind} for {task.TaskId} rejected: {string.Join("; ", rejected)}");
        Assert.Contains(decision.Facts, f => f is DeadlineMet m && m.TaskId == task.TaskId);
        // A recurring task (contacts, reviews) is followed by the next one, which may fall due on the same day's id.
        Assert.DoesNotContain(next.Deadlines, d => d.TaskId == task.TaskId && d.Seq == task.Seq);
    }

    /// <summary>Scripted journeys through every stage; for each rule, the first state (and instant) with its task open.</summary>
    private static Dictionary<string, (JourneyState State, Instant At, Deadline Task)> FirstOpen()
    {
        var found = new Dictionary<string, (JourneyState, Instant, Deadline)>();
        void Run(string crn, params (string On, JourneyEvent Event)[] script)
        {
            var driver = new JourneyDriver(Decider, JourneyId.For(crn, "S1"));
            var n = 0;
            void Look(Instant at)
            {
                foreach (var d in driver.State.Deadlines) found.TryAdd(d.RuleId, (driver.State, at, d));
            }
            foreach (var (on, e) in script)
            {
                var at = LocalDate.FromDateTime(DateTime.Parse(on)).At(new LocalTime(10, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();
                while (driver.NextTimer() is { } t && t.DueAt <= at) { driver.Fire(t); Look(t.DueAt); }
                driver.Deliver(e with { EventId = $"{crn}-{++n}", Crn = crn, SentenceId = "S1", OccurredAt = at }, at);
                Look(at);
            }
        }
        static LocalDate D(string iso) => LocalDate.FromDateTime(DateTime.Parse(iso));
        static SentenceRecorded Sentence(string on, int months, bool nfa = false) =>
            new(new SentenceTerms(D(on), months, 0, D(on).PlusDays(-30)), new PersonProfile("LDN-LEW", "London", NoFixedAbode: nfa));

        // Four months, no fixed abode: custody, screening, pre-release and duty to refer, release, licence, breach.
        Run("A000001",
            ("2025-01-06", Sentence("2025-01-06", 4, nfa: true)),
            ("2025-01-06", new ReceivedIntoCustody(D("2025-01-06"), "PVI", "London")),
            ("2025-01-08", new ScreeningCompleted(D("2025-01-08"), 1, [], [Pathway.Accommodation])),
            ("2025-03-10", new ComAllocated("Priya Patel", "LDN-LEW")),
            ("2025-03-12", new Released(D("2025-03-12"))),
            ("2025-03-20", new LicenceBreached(D("2025-03-20"), "failed to reside")));
        // Three months in 2024: PSS after the licence, a new sentence while on PSS, then a breach before the court.
        Run("A000002",
            ("2024-01-08", Sentence("2024-01-08", 3)),
            ("2024-01-09", new ComAllocated("Priya Patel", "LDN-LEW")),
            ("2024-02-22", new Released(D("2024-02-22"))),
            ("2024-04-10", new NewSentenceWhileSupervised("S2")),
            ("2024-06-03", new PssBreached(D("2024-06-03"), "missed appointments")),
            ("2024-06-05", new CourtApplicationMade(D("2024-06-05"))),
            ("2024-06-12", new HearingListed(D("2024-07-10"))));
        // Twenty-three months with release after a year (dates from the feed, no HDC): more than 10 months to serve,
        // so a local COM allocation rather than the SSF.
        Run("A000003", ("2025-01-06", Sentence("2025-01-06", 23) with { Dates = new KeyDates(D("2026-01-05"), D("2026-12-05")) }));
        return found;
    }
}
