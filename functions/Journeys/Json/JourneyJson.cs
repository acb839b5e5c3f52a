using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortSentences.Journeys.Json;

/// <summary>
/// The JSON shape of journey events, facts, state and policy, for the durable runtime's storage and for the CLI.
/// Events and facts are polymorphic with a stable "type" discriminator; enums are written as names.
/// </summary>
public static class JourneyJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new LocalDateConverter());
        o.Converters.Add(new InstantConverter());
        o.Converters.Add(new JsonStringEnumConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
