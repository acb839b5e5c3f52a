using NodaTime;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;

namespace ShortSentences.Journeys.Simulation;

/// <summary>
/// A simulation run: <paramref name="People"/> people sentenced between <paramref name="From"/> and
/// <paramref name="To"/>, followed until <paramref name="To"/> under <paramref name="Law"/> (as in force, or frozen).
/// </summary>
public sealed record SimulationOptions(int People, ulong Seed, LocalDate From, LocalDate To, LawBook Law, string LawLabel,
    DeadlinesPolicy? Policy = null, int Parallelism = 0);

/// <summary>Rates from DOMAIN.md section 5 (HMI Probation thematic inspection, 2019), and our assumptions where it has none.</summary>
public sealed record CohortRates
{
    public double Women { get; init; } = 0.15;                  // 85% men
    public double NoFixedAbode { get; init; } = 0.31;
    public double MonthOrLess { get; init; } = 0.12;            // 12% served a sentence of a month or less
    public double TwelveMonthsOrMore { get; init; } = 0.08;     // "most under 12 months" (assumption)
    public double Remand { get; init; } = 0.40;                 // assumption
    public double HdcWhenEligible { get; init; } = 0.30;        // about 18% of releases on HDC (23 of 128 inspected)
    public double Breach { get; init; } = 0.28;                 // 28% had a licence or PSS breach
    public double FixedTermRecall { get; init; } = 0.75;        // assumption
    public double NewCustodialSentence { get; init; } = 0.25;   // 62% reconvicted within 12 months; share given custody is ours
    public double Warning { get; init; } = 0.30;                // assumption
    public double HeldOutOfArea { get; init; } = 0.15;          // assumption (women: 0.5)
    public double PssSuspension { get; init; } = 0.05;          // assumption
    public double SuspendedInsteadAfterPresumption { get; init; } = 0.5; // Sentencing Act 2026 presumption (assumption)
    public double StaffOnTime { get; init; } = 0.80;
    public double StaffLate { get; init; } = 0.15;              // the rest is very late (escalated)
    public double DuplicateEvent { get; init; } = 0.03;         // feeds repeat events
    public double SentenceAfterReception { get; init; } = 0.10; // the sentence event arrives after the reception
}
