namespace ShortSentences.App.Http;

/// <summary>Finds the function for a method and path; says 404 or 405 (with the allowed methods) otherwise.</summary>
public sealed class Router(IReadOnlyList<FunctionRoute> routes)
{
    public IReadOnlyList<FunctionRoute> Routes => routes;

    public RouteMatch Match(string method, string path)
    {
        var allowed = new List<string>();
        foreach (var route in routes)
        {
            if (route.Match(path) is not { } values) continue;
            if (route.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) return new RouteMatch.Found(route, values);
            allowed.Add(route.Method);
        }
        return allowed.Count > 0 ? new RouteMatch.WrongMethod(allowed.Distinct().ToList()) : new RouteMatch.NoRoute();
    }

    public FunctionRoute? ByFunctionName(string name) =>
        routes.FirstOrDefault(r => r.FunctionName.Equals(name, StringComparison.OrdinalIgnoreCase));
}

public abstract record RouteMatch
{
    public sealed record Found(FunctionRoute Route, IReadOnlyDictionary<string, string> Values) : RouteMatch;
    public sealed record WrongMethod(IReadOnlyList<string> Allowed) : RouteMatch;
    public sealed record NoRoute : RouteMatch;
}
