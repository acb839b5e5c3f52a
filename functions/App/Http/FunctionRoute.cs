using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace ShortSentences.App.Http;

public delegate Task<ApiResponse> ApiHandler(ApiRequest request, CancellationToken cancellationToken);

/// <summary>Who may call an endpoint: anyone, or a caller with the function key (authLevel "function").</summary>
public enum Access { Anonymous, FunctionKey }

/// <summary>
/// An HTTP-triggered function: its name (its <c>[Function]</c> name), method, route template (its trigger's route)
/// and handler. The same entry serves the local web host and the function under the Functions host.
/// </summary>
public sealed class FunctionRoute
{
    private readonly TemplateMatcher _matcher;

    public FunctionRoute(string functionName, string method, string template, Access access, ApiHandler handler)
    {
        FunctionName = functionName;
        Method = method;
        Template = template;
        Access = access;
        Handler = handler;
        _matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
    }

    public string FunctionName { get; }
    public string Method { get; }
    public string Template { get; }
    public Access Access { get; }
    public ApiHandler Handler { get; }

    /// <summary>The route values if <paramref name="path"/> (decoded, with a leading '/') fits the template.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var values = new RouteValueDictionary();
        if (!_matcher.TryMatch(new Microsoft.AspNetCore.Http.PathString(path), values)) return null;
        return ApiRequest.CaseInsensitive(values.Select(v => KeyValuePair.Create(v.Key, v.Value?.ToString() ?? "")));
    }
}
