namespace ShortSentences.Calculation;

/// <summary>The booking cannot be calculated as given. <see cref="Field"/> names the offending JSON field.</summary>
public sealed class BookingFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
