namespace ShortSentences.Calculation;

/// <summary>
/// A consecutive sentence must follow a sentence of the booking, and a chain must not loop back on itself (it would have
/// no start). Checked for bookings read from JSON and for bookings built in code.
/// </summary>
public static class ConsecutiveChains
{
    public static void Check(IReadOnlyList<Sentence> sentences, string path)
    {
        var anyConsecutive = false;
        foreach (var s in sentences) anyConsecutive |= s.IsConsecutive;
        if (!anyConsecutive) return;

        // An identifier used twice refers to its first sentence (CRDS data has such bookings).
        var ids = new Dictionary<string, int>();
        for (var i = 0; i < sentences.Count; i++)
            ids.TryAdd(sentences[i].Id, i);
        for (var i = 0; i < sentences.Count; i++)
        {
            foreach (var target in sentences[i].ConsecutiveTo ?? [])
                if (!ids.ContainsKey(target))
                    throw new BookingFormatException($"{path}[{i}].consecutiveSentenceUUIDs",
                        $"{path}[{i}].consecutiveSentenceUUIDs: no sentence has the identifier '{target}'");
            // Walk the chain: a sentence consecutive to itself (directly or not) has no start.
            var seen = new HashSet<int> { i };
            var current = sentences[i];
            while (current.ConsecutiveTo is { Count: > 0 } next)
            {
                var j = ids[next[0]];
                if (!seen.Add(j))
                    throw new BookingFormatException($"{path}[{i}].consecutiveSentenceUUIDs",
                        $"{path}[{i}].consecutiveSentenceUUIDs: the consecutive chain loops back on itself");
                current = sentences[j];
            }
        }
    }
}
