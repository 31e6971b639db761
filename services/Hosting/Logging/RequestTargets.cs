using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Socialtjanst.Hosting.Logging;

/// <summary>
/// A request's path and query as a log may show them: only what the suite's own routes spell out. A path keeps
/// the literal segments of the mapped routes (<c>v1</c>, <c>municipalities</c>, the gRPC service and method names),
/// kommunkoder and a route's <c>:verb</c>; every other segment, which a caller typed, becomes <c>…</c>; a query
/// string becomes <c>?…</c>. Over REST a caller may put anything in a path or query (a personnummer as an
/// insats id, a name in a page token), and ASP.NET Core's hosting, routing and Kestrel categories log both.
/// </summary>
public static class RequestTargets
{
    public const string Hidden = "…";

    // The literal segments (and ":verb" suffixes) of every route any service in this process has mapped. Until a
    // service has started, only kommunkoder are known: a line logged then is hidden more, never less.
    private static volatile HashSet<string> known = new(StringComparer.Ordinal);

    /// <summary>Adds the literal segments of the application's routes (called once it has started).</summary>
    public static void Learn(EndpointDataSource endpoints)
    {
        var literals = new HashSet<string>(known, StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                foreach (var part in segment.Parts.OfType<RoutePatternLiteralPart>())
                {
                    literals.Add(part.Content);
                }
            }
        }

        known = literals;
    }

    /// <summary>The text with any request target in it hidden as above; other text unchanged.</summary>
    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (text[0] == '?')
        {
            return "?" + Hidden;
        }

        if (text[0] == '/')
        {
            return Path(text);
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && text.AsSpan(0, scheme).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+.-") == false)
        {
            var path = text.IndexOf('/', scheme + 3);
            return path < 0 ? text : text[..path] + Path(text[path..]);
        }

        return text;
    }

    /// <summary>
    /// The text with whatever it quotes hidden: "Invalid request line: '…'", "The input string '…' was not in a correct
    /// format." The framework quotes what it read from a request when it explains why it refused it.
    /// </summary>
    public static string HideQuoted(string text)
    {
        var quote = text.IndexOfAny(['\'', '"']);
        if (quote < 0)
        {
            return text;
        }

        var hidden = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (quote >= 0)
        {
            var end = text.IndexOf(text[quote], quote + 1);
            if (end < 0)
            {
                break;
            }

            hidden.Append(text, at, quote + 1 - at).Append(Hidden).Append(text[end]);
            at = end + 1;
            quote = at < text.Length ? text.IndexOfAny(['\'', '"'], at) : -1;
        }

        return hidden.Append(text, at, text.Length - at).ToString();
    }

    private static string Path(string target)
    {
        var query = target.IndexOf('?');
        var path = query < 0 ? target : target[..query];
        var literals = known;
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            segments[i] = Segment(segments[i], literals);
        }

        return string.Join('/', segments) + (query < 0 ? "" : "?" + Hidden);
    }

    private static string Segment(string segment, HashSet<string> literals)
    {
        if (segment.Length == 0 || literals.Contains(segment) || (segment.Length == 4 && segment.All(char.IsAsciiDigit)))
        {
            return segment;
        }

        // "{id}:checkEligibility": the verb is the route's, the id the caller's.
        var colon = segment.LastIndexOf(':');
        return colon > 0 && literals.Contains(segment[colon..]) ? Hidden + segment[colon..] : Hidden;
    }
}
