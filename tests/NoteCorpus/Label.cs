using System.Text.Json.Serialization;

namespace Socialtjanst.Corpus;

/// <summary>An identifier a note holds, as labelled; names carry the origin of the name data they came from.</summary>
public sealed record Label(string Detector, int Start, int Length, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Origin = null);
