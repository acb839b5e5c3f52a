namespace ShortSentences.Storage.Tables;

/// <summary>
/// The Table service's entity limits: at most 252 properties of one's own and 1 MiB in total, sized by the formula in
/// "Understanding the Table service data model". Checked before sending because Azurite does not enforce them, so
/// an entity that works locally would fail in Azure.
/// </summary>
public static class TableEntityLimits
{
    public const int MaxProperties = 252;
    public const int MaxSizeBytes = 1024 * 1024;

    /// <summary>4 bytes + keys as UTF-16 + per property 8 bytes + name as UTF-16 + the value's stored size.</summary>
    public static long SizeOf(TableEntity entity) =>
        4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L
        + entity.Properties.Sum(p => 8 + p.Key.Length * 2L + p.Value switch
        {
            string s => 4 + s.Length * 2L,
            byte[] b => 4 + b.Length,
            int => 4,
            bool => 1,
            Guid => 16,
            _ => 8, // long, double, DateTimeOffset
        });

    public static void Check(TableEntity entity)
    {
        if (entity.Properties.Count > MaxProperties)
            throw new ArgumentException($"Entity ({entity.PartitionKey}, {entity.RowKey}) has {entity.Properties.Count} properties; a table entity may have at most {MaxProperties}.", nameof(entity));
        var size = SizeOf(entity);
        if (size > MaxSizeBytes)
            throw new ArgumentException($"Entity ({entity.PartitionKey}, {entity.RowKey}) is {size} bytes by the Table service's measure; an entity may be at most {MaxSizeBytes} (1 MiB).", nameof(entity));
    }
}
