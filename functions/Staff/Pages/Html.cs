using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace ShortSentences.Staff.Pages;

/// <summary>
/// Markup that is already safe. Interpolating into <see cref="H"/> encodes every value that is not itself
/// <see cref="Html"/>, so a name or reason from the data can never become markup.
/// </summary>
public readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new("");

    public static Html H(ref HtmlHandler handler) => handler.ToHtml();

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public override string ToString() => Value;
}

[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder builder;

    public HtmlHandler(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string literal) => builder.Append(literal);

    public void AppendFormatted(Html html) => builder.Append(html.Value);

    public void AppendFormatted(IEnumerable<Html> parts)
    {
        foreach (var part in parts) builder.Append(part.Value);
    }

    public void AppendFormatted(string? text) => builder.Append(HtmlEncoder.Default.Encode(text ?? ""));

    public void AppendFormatted<T>(T value) =>
        builder.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

    internal Html ToHtml() => new(builder.ToString());
}
