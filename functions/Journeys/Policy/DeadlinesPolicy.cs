using System.Text.Json;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;

namespace ShortSentences.Journeys.Policy;

/// <summary>
/// Which tasks a journey sets, how long each has and who is reminded: configuration with the defaults of DOMAIN.md.
/// Where DOMAIN.md gives no figure the default is ours and says so in its reason. Load overrides with <see cref="FromJson"/>.
/// </summary>
public sealed record DeadlinesPolicy
{
    private const int Escalate = 5; // our default: the SPO hears after 5 overdue working days

    public DeadlineRule ComAllocation { get; init; } = new("com-allocation", 5, DayCount.Calendar, RecipientRole.Pdu, 2, Escalate,
        "Allocate a COM within 5 days of sentence (probation blueprint)");
    public DeadlineRule ComAllocationSsf { get; init; } = new("com-allocation-ssf", 5, DayCount.Calendar, RecipientRole.Pdu, 0, Escalate,
        "10 months or less to serve: the COM is responsible from the start and the case goes to the Short Sentence Function; the PDU is reminded every 2 days until a COM is allocated (OMiC, Manage POM Cases practice)",
        RepeatEveryDays: 2);
    public DeadlineRule ScreeningPart1 { get; init; } = new("screening-part-1", 3, DayCount.Calendar, RecipientRole.Com, 1, Escalate,
        "Immediate needs screening (BCST part 1) within 3 days of reception");
    public DeadlineRule ScreeningPart2 { get; init; } = new("screening-part-2", 5, DayCount.Working, RecipientRole.Com, 1, Escalate,
        "Resettlement needs screening of every pathway (BCST part 2) within 5 working days of part 1");
    public DeadlineRule ResettlementPlan { get; init; } = new("resettlement-plan", -28, DayCount.Calendar, RecipientRole.Com, 7, Escalate,
        "Resettlement plan (pre-release report) 4 weeks before release (our default)");
    public DeadlineRule LicenceApproval { get; init; } = new("licence-approval", -2, DayCount.Working, RecipientRole.Com, 2, 1,
        "The licence must be approved before the licence service locks edits 2 working days before release");
    public DeadlineRule DutyToRefer { get; init; } = new("duty-to-refer", 5, DayCount.Working, RecipientRole.Com, 1, Escalate,
        "Homelessness Reduction Act 2018 duty to refer to the local authority: accommodation need identified (5 working days is our default)");
    public DeadlineRule ReleaseRecorded { get; init; } = new("release-recorded", 1, DayCount.Working, RecipientRole.Com, 0, 2,
        "The release date has passed and no release is recorded: check with the prison (our default)");
    public DeadlineRule FirstAppointment { get; init; } = new("first-appointment", 0, DayCount.Calendar, RecipientRole.Com, 1, 1,
        "The person reports to probation on the day of release");
    public DeadlineRule HomeVisit { get; init; } = new("home-visit", 14, DayCount.Calendar, RecipientRole.Com, 3, Escalate,
        "Home visit within 2 weeks of release (Durham practice; mandatory with child protection or domestic abuse concerns)");
    public DeadlineRule AssessmentAndPlan { get; init; } = new("assessment-and-plan", 15, DayCount.Working, RecipientRole.Com, 3, Escalate,
        "Initial assessment and sentence plan within 15 working days of release (our default)");
    public DeadlineRule LicenceContact { get; init; } = new("licence-contact", 30, DayCount.Calendar, RecipientRole.Com, 5, Escalate,
        "At least monthly face-to-face contact on licence (video for at most half of them; phone does not count)");
    public DeadlineRule PssInduction { get; init; } = new("pss-induction", 5, DayCount.Working, RecipientRole.Com, 2, Escalate,
        "Fresh induction explaining post-sentence supervision; licence warnings do not carry into PSS (5 working days is our default)");
    public DeadlineRule PssContact { get; init; } = new("pss-contact", 56, DayCount.Calendar, RecipientRole.Com, 7, Escalate,
        "PSS contact may be less than monthly; phone contact counts for low-risk cases (every 8 weeks is our default)");
    public DeadlineRule PeriodicReview { get; init; } = new("periodic-review", 91, DayCount.Calendar, RecipientRole.Com, 7, Escalate,
        "Periodic review every 3 months");
    public DeadlineRule FinalMonthReview { get; init; } = new("final-month-review", -28, DayCount.Calendar, RecipientRole.Com, 7, Escalate,
        "Review in the final month of supervision");
    public DeadlineRule RecallRequest { get; init; } = new("recall-request", 1, DayCount.Working, RecipientRole.Com, 0, 1,
        "Licence breach: request recall so that PPCS can decide fast (1 working day is our default)");
    public DeadlineRule CourtApplication { get; init; } = new("court-application", 10, DayCount.Working, RecipientRole.Com, 2, Escalate,
        "PSS breach: apply to the magistrates' court (10 working days is our default)");
    public DeadlineRule CourtOutcome { get; init; } = new("court-outcome", 1, DayCount.Working, RecipientRole.Com, 0, Escalate,
        "Record the magistrates' court outcome of the PSS breach (1 working day after the hearing is our default)");
    public DeadlineRule ConcurrentSentenceReview { get; init; } = new("concurrent-sentence-review", 5, DayCount.Working, RecipientRole.Com, 1, Escalate,
        "A new sentence arrived while supervised: review both sentences' dates (each stays tracked; our default is 5 working days)");

    /// <summary>Pre-release begins this many days before the release date (12 weeks).</summary>
    public int PreReleaseWindowDays { get; init; } = 84;
    /// <summary>A case with this many months or fewer to serve goes to the Short Sentence Function.</summary>
    public int SsfMonthsToServe { get; init; } = 10;
    /// <summary>Magistrates' court listing delay to expect for a PSS breach (4 to 8 weeks are common).</summary>
    public int ExpectedListingDelayDays { get; init; } = 56;
    /// <summary>
    /// A deadline that would fall on a weekend or bank holiday falls due on the working day before it (staff are not
    /// at work to meet it; on by default).
    /// </summary>
    public bool DueOnWorkingDays { get; init; } = true;
    /// <summary>Local time at which reminders for a day are raised (Europe/London).</summary>
    public int ReminderHour { get; init; } = 9;

    public static DeadlinesPolicy Default { get; } = new();

    /// <summary>Reads a policy; properties left out keep their defaults. Bad JSON throws <see cref="JsonException"/>.</summary>
    public static DeadlinesPolicy FromJson(string json) =>
        JsonSerializer.Deserialize<DeadlinesPolicy>(json, JourneyJson.Options)
        ?? throw new JsonException("the deadlines policy is empty");
}
