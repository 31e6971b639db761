using System.Text.Json;
using System.Text.Json.Serialization;

namespace Socialtjanst.Corpus;

/// <summary>An identifier a note holds, as labelled; names carry the origin of the name data they came from.</summary>
public sealed record Label(string Detector, int Start, int Length, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Origin = null);

/// <summary>A synthetic Swedish journal note and the identifiers it holds.</summary>
public sealed record LabelledNote(string Text, IReadOnlyList<Label> Labels)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<LabelledNote> ReadAll(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LabelledNote>(l, Json)!);
}
