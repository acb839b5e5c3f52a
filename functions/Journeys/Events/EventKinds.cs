using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ShortSentences.Journeys.Events;

/// <summary>The JSON discriminator of each event type, read once from the attributes so there is one list of names.</summary>
internal static class EventKinds
{
    private static readonly Dictionary<Type, string> Names = typeof(JourneyEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public static string Of(JourneyEvent e) => Names.TryGetValue(e.GetType(), out var n) ? n : e.GetType().Name;
}
