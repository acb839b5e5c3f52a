using System.Text.Json;

namespace ShortSentences.App.CustomHandler;

/// <summary>One invocation of a non-HTTP trigger as the host sends it: the trigger's data and its metadata.</summary>
public sealed record TriggerInvocation(string FunctionName, JsonElement Data, JsonElement Metadata)
{
    /// <summary>The message text of the binding named <paramref name="bindingName"/> in function.json.</summary>
    public string? Input(string bindingName) =>
        InvocationValues.Property(Data, bindingName) is { } v ? InvocationValues.Text(v) : null;

    public string? MetadataText(string name) => InvocationValues.MetadataText(Metadata, name);
}

/// <summary>
/// What a trigger function did. <see cref="Succeeded"/> false tells the host to retry (queue: dequeue count and
/// poison queue; Service Bus: abandon, redelivery, dead-letter), so it is only for failures a retry can cure.
/// </summary>
public sealed record TriggerResult(bool Succeeded, IReadOnlyList<string> Logs)
{
    public static TriggerResult Done(params string[] logs) => new(true, logs);
    public static TriggerResult Retry(params string[] logs) => new(false, logs);
}

public delegate Task<TriggerResult> TriggerHandler(TriggerInvocation invocation, CancellationToken cancellationToken);

/// <summary>A non-HTTP function (Service Bus, timer, queue): its folder name, trigger binding name and handler.</summary>
public sealed record TriggerFunction(string FunctionName, string BindingName, TriggerHandler Handler);
