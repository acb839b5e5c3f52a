using Microsoft.AspNetCore.Http;
using NodaTime;

namespace ShortSentences.Staff.Actions;

/// <summary>
/// The "Mark as done" form of one task: the day it was done (a GOV.UK date input: day, month, year) and an optional
/// note. Parsing is pure; every problem is said in words staff can act on.
/// </summary>
public sealed record MarkDoneForm(LocalDate On, string? Note)
{
    public const int MaxNoteLength = 1000;
    public const string Day = "on-day", Month = "on-month", Year = "on-year", NoteField = "note";

    public static (MarkDoneForm? Form, string? Problem) Parse(IFormCollection form)
    {
        if (!int.TryParse(form[Day].ToString().Trim(), out var d) || !int.TryParse(form[Month].ToString().Trim(), out var m)
            || !int.TryParse(form[Year].ToString().Trim(), out var y))
            return (null, "Enter the date the task was done as a day, month and year, for example 27 3 2026");
        if (y is < 1900 or > 2100 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m))
            return (null, "The date the task was done must be a real date");
        var note = form[NoteField].ToString().Trim();
        if (note.Length > MaxNoteLength) return (null, $"The note must be {MaxNoteLength} characters or fewer");
        if (note.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) return (null, "The note contains characters that cannot be kept");
        return (new MarkDoneForm(new LocalDate(y, m, d), note.Length == 0 ? null : note.Replace("\r\n", "\n")), null);
    }
}
