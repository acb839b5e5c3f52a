using NodaTime;
using ShortSentences.App.Journeys;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Staff.Caseload;
using Xunit;

namespace ShortSentences.App.Tests;

/// <summary>Issue 12, finding 9: the API and the pages read the same for staff; after a recall PRRD is a key date.</summary>
public class ReadableJourneyViewTests
{
    private static Instant At(int y, int m, int d) => new LocalDate(y, m, d).At(new LocalTime(10, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();

    private static JourneyDriver Recalled()
    {
        var driver = new JourneyDriver(new JourneyDecider(), JourneyId.For("X1", "S1"), keepHistory: true);
        var n = 0;
        void On(JourneyEvent e, Instant at) => driver.DeliverAt(e with { EventId = $"e{++n}", Crn = "X1", SentenceId = "S1" }, at);
        On(new SentenceRecorded(new SentenceTerms(new LocalDate(2026, 1, 5), 6, 0, new LocalDate(2025, 12, 1)), new PersonProfile("Newcastle", "North East")), At(2026, 1, 5));
        On(new Released(new LocalDate(2026, 3, 18)), At(2026, 3, 18));
        On(new LicenceBreached(new LocalDate(2026, 4, 10), "failed to reside"), At(2026, 4, 10));
        On(new RecallDecided(new LocalDate(2026, 4, 11), RecallType.FixedTerm), At(2026, 4, 11));
        On(new ReturnedToCustody(new LocalDate(2026, 4, 14)), At(2026, 4, 14));
        return driver;
    }

    [Fact]
    public void After_a_recall_the_post_recall_release_date_is_among_the_key_dates()
    {
        var driver = Recalled();
        Assert.Equal("2026-06-09", JourneyViews.KeyDates(driver.State)["PRRD"]);
    }

    [Fact]
    public void The_API_names_a_task_as_the_pages_and_e_mails_do()
    {
        Assert.Equal("COM allocation SSF", JourneyViews.Title("com-allocation-ssf"));
        Assert.Equal(ShortSentences.Staff.Reminders.ReminderEmail.TaskTitle("com-allocation-ssf"), JourneyViews.Title("com-allocation-ssf"));
    }

    [Fact]
    public void The_timeline_names_a_recall_in_words_not_by_its_code()
    {
        var driver = Recalled();
        var detail = JourneyProjection.Detail(driver.State, driver.History!);
        Assert.Contains(detail.History, h => h.What == "Recall decided: fixed-term recall");
        Assert.DoesNotContain(detail.History, h => h.What.Contains("FixedTerm") || h.What.Contains("FaceToFace"));
    }

    [Fact]
    public void A_date_moved_by_a_law_says_it_changed_on_the_day_the_law_commenced()
    {
        // Sentenced 3 Aug 2026 for 12 months; the journey is asked on 1 December, after the progression model commenced.
        var driver = new JourneyDriver(new JourneyDecider(), JourneyId.For("X2", "S1"), keepHistory: true);
        driver.Deliver(new SentenceRecorded(new SentenceTerms(new LocalDate(2026, 8, 3), 12, 0, new LocalDate(2026, 7, 1)), new PersonProfile("Newcastle", "North East"))
            { EventId = "s", Crn = "X2", SentenceId = "S1" }, At(2026, 12, 1));
        var crd = JourneyProjection.Detail(driver.State, driver.History!).KeyDates.Single(k => k.Code == "CRD");
        Assert.Contains("on 1 October 2026", crd.Explanation);
        Assert.DoesNotContain("on 1 December 2026", crd.Explanation);
    }
}
