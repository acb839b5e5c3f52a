namespace ShortSentences.Journeys.Policy;

/// <summary>
/// The one title of each task, as staff read it in the API, the pages and the e-mails ("COM allocation SSF", not
/// "Com allocation ssf"). Titles come from the rule: a task id adds the day a recurring task falls due.
/// </summary>
public static class TaskTitles
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["com-allocation"] = "COM allocation",
        ["com-allocation-ssf"] = "COM allocation SSF",
        ["screening-part-1"] = "Screening part 1",
        ["screening-part-2"] = "Screening part 2",
        ["resettlement-plan"] = "Resettlement plan",
        ["licence-approval"] = "Licence approval",
        ["duty-to-refer"] = "Duty to refer",
        ["release-recorded"] = "Release recorded",
        ["first-appointment"] = "First appointment",
        ["home-visit"] = "Home visit",
        ["assessment-and-plan"] = "Assessment and plan",
        ["licence-contact"] = "Licence contact",
        ["pss-induction"] = "PSS induction",
        ["pss-contact"] = "PSS contact",
        ["periodic-review"] = "Periodic review",
        ["final-month-review"] = "Final month review",
        ["recall-request"] = "Recall request",
        ["court-application"] = "Court application",
        ["court-outcome"] = "Court outcome",
        ["concurrent-sentence-review"] = "Concurrent sentence review",
        ["pss-breach-listing-risk"] = "PSS breach at risk of running past TUSED",
        ["pss-breach-hearing-after-tused"] = "PSS breach hearing after TUSED",
    };

    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
        { "com", "pom", "spo", "pss", "pdu", "crs", "bcst", "ssf", "hdc", "crd", "sled", "tused" };

    /// <summary>The task's title from its rule id (a rule a policy file adds reads as its words, acronyms in capitals).</summary>
    public static string Of(string ruleId)
    {
        var id = ruleId[(ruleId.LastIndexOf('.') + 1)..];
        if (Known.TryGetValue(id, out var title)) return title;
        var words = id.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return ruleId;
        return string.Join(' ', words.Select((w, i) => Acronyms.Contains(w) ? w.ToUpperInvariant() : i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));
    }
}
