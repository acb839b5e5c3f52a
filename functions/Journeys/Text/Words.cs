using System.Globalization;
using NodaTime;

namespace ShortSentences.Journeys.Text;

/// <summary>Dates as people read them ("Friday 1 January 2027"); JSON keeps ISO.</summary>
public static class Words
{
    public static string Date(LocalDate d) => d.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
