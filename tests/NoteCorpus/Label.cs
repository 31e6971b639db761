using System.Text.Json.Serialization;

namespace Socialtjanst.Corpus;

/// <summary>
/// An identifier a note holds, as labelled; names carry the origin of the name data they came from, and the
/// newer sets the form it is written in ("lower", "caps", "possessive", "spaced-dash", "apartment", …).
/// </summary>
public sealed record Label(
    string Detector,
    int Start,
    int Length,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Origin = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Form = null);
