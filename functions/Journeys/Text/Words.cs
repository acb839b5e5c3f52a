using System.Globalization;
using NodaTime;

namespace ShortSentences.Journeys.Text;

/// <summary>Dates as people read them ("Friday 1 January 2027"); JSON keeps ISO.</summary>
public static class Words
{
    public static string Date(LocalDate d) => d.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Names staff use, never the code's enum names ("fixed-term recall", not "FixedTerm").</summary>
    public static string Of(Events.RecallType r) => r == Events.RecallType.FixedTerm ? "fixed-term recall" : "standard recall";

    public static string Of(Events.ContactKind c) => c switch
    {
        Events.ContactKind.FaceToFace => "face to face",
        Events.ContactKind.Video => "video",
        _ => "phone",
    };

    public static string Of(Events.CourtOutcomeKind o) => o switch
    {
        Events.CourtOutcomeKind.Committal => "committal to custody",
        Events.CourtOutcomeKind.Fine => "fine",
        Events.CourtOutcomeKind.SupervisionDefaultOrder => "supervision default order",
        Events.CourtOutcomeKind.NoAction => "no action",
        _ => "withdrawn",
    };
}
