using System.Collections;
using Azure;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// One table row: PartitionKey, RowKey, the service's ETag and Timestamp, and typed properties.
/// Property values are string, int, long, double, bool, DateTimeOffset, Guid or byte[] (the Edm types tables store);
/// setting null removes a property. Keys are checked by <see cref="TableKeys"/> when the entity is made.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, nameof(PartitionKey));
        TableKeys.Validate(rowKey, nameof(RowKey));
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }
    public string RowKey { get; }
    /// <summary>The version the service gave this entity; <c>default</c> for an entity not read from the service.</summary>
    public ETag ETag { get; set; }
    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object> Properties => _properties;

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            TableProperty.ValidateName(name);
            if (value is null) _properties.Remove(name);
            else _properties[name] = TableProperty.Normalise(name, value);
        }
    }

    /// <summary>Collection-initialiser support: <c>new TableEntity(pk, rk) { { "Name", "value" } }</c>.</summary>
    public void Add(string name, object value) => this[name] = value;

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => Ref<string>(name);
    public int? GetInt32(string name) => Value<int>(name);
    /// <summary>Int64 value; an Int32 stored value is widened.</summary>
    public long? GetInt64(string name) => this[name] switch { long l => l, int i => i, null => null, var v => throw WrongType(name, v, "Int64") };
    /// <summary>Double value; integral stored values are widened.</summary>
    public double? GetDouble(string name) => this[name] switch { double d => d, int i => i, long l => l, null => null, var v => throw WrongType(name, v, "Double") };
    public bool? GetBoolean(string name) => Value<bool>(name);
    public DateTimeOffset? GetDateTimeOffset(string name) => Value<DateTimeOffset>(name);
    public Guid? GetGuid(string name) => Value<Guid>(name);
    public byte[]? GetBinary(string name) => Ref<byte[]>(name);

    private T? Value<T>(string name) where T : struct => this[name] switch
    {
        null => null,
        T t => t,
        var v => throw WrongType(name, v, typeof(T).Name),
    };

    private T? Ref<T>(string name) where T : class => this[name] switch
    {
        null => null,
        T t => t,
        var v => throw WrongType(name, v, typeof(T).Name),
    };

    private static InvalidCastException WrongType(string name, object value, string wanted) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {wanted}.");

    /// <summary>A copy with the same keys, ETag, Timestamp and properties (byte[] values are shared).</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (k, v) in _properties) copy._properties[k] = v;
        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"({PartitionKey}, {RowKey}) {_properties.Count} properties";
}
